import pytest

from cleaner.document import Document
from cleaner.errors import ModelError
from cleaner.features.dom import DomFeatures
from cleaner.pages.render import (
    CONTEXT_NAMES,
    html_document,
    mark_extraction,
    parse_html,
    render_blocks,
    render_html_text,
)
from cleaner.training.dumps import render_inscriptis
from tests.seed_pages import seed_as_html

PAGE = """<!DOCTYPE html><html><head><title>T</title></head><body>
<nav class="top"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="article-body"><h1>Council approves the budget</h1>
<p>The city council approved the new budget on Monday after a long debate.</p>
<p>It funds schools and <a href="/roads">roads</a>.</p></div>
<div id="comments-list"><p>Great article, thanks!</p></div>
<div aria-hidden="true">Hidden promo text</div><div style="display: none">Never shown</div>
<footer class="site-footer">Copyright 2026 The Paper</footer>
</body></html>"""


def context(doc: Document, text: str) -> dict[str, float]:
    (line,) = [line for line in doc.lines if line.text.strip() == text]
    assert line.context is not None
    return dict(zip(CONTEXT_NAMES, line.context, strict=True))


def test_layout_is_a_text_browsers_as_inscriptis_lays_it_out():
    # Without tables, one walk gives inscriptis's own lines and paragraph breaks.
    for page in (PAGE, seed_as_html()):
        doc = html_document(page)
        reference = Document.from_text(render_inscriptis(page))
        assert doc.texts == reference.texts
        assert [line.break_before for line in doc] == [line.break_before for line in reference]


def test_trafilatura_verdict_matches_whole_lines_not_substrings():
    doc = mark_extraction(
        html_document("<p>Home</p><p>Read more</p><p>The council met on Monday.</p>"),
        "Homework for the council: read more about it.\nThe council met on Monday, said the mayor.",
    )
    assert [line.context.in_trafilatura for line in doc] == [0.0, 0.0, 1.0]


def test_lines_in_unspaced_scripts_count_two_letters_a_word():
    # trafilatura joins a table's cells into one line per row; a cell of
    # Japanese (no spaces between its words) is then found by its letters.
    doc = mark_extraction(
        html_document("<p>元旦</p><p>おりがみをつくろう</p><p>松(まつ)</p><p>ホーム</p>"),
        "きょうの記念日 元旦 | おりがみをつくろう | 松(まつ) |\nホームページ",
    )
    assert [line.context.in_trafilatura for line in doc] == [0.0, 1.0, 1.0, 0.0]


LAYOUT_TABLE = """<html><body><table><tr>
<td class="menu"><a href="/">Home</a><br><a href="/news">News</a></td>
<td><p>The story is told in the middle cell of the table.</p><p>It goes on here.</p></td>
<td>Advertisement</td></tr></table></body></html>"""


def test_layout_table_cells_are_lines_of_their_own():
    # inscriptis alone lays the cells side by side: menu and story share lines.
    side_by_side = Document.from_text(render_inscriptis(LAYOUT_TABLE)).texts
    assert any("News" in t and "It goes on" in t for t in side_by_side)
    doc = html_document(LAYOUT_TABLE)
    assert [t.strip() for t in doc.texts] == [
        "Home",
        "News",
        "The story is told in the middle cell of the table.",
        "It goes on here.",
        "Advertisement",
    ]
    assert doc.texts == Document.from_text(render_html_text(LAYOUT_TABLE)).texts
    assert context(doc, "Home")["cls_nav"] == 1.0
    assert context(doc, "It goes on here.")["table"] == 1.0


def test_landmarks_class_words_and_links():
    doc = mark_extraction(
        html_document(PAGE),
        "The city council approved the new budget on Monday after a long debate.",
    )
    home = context(doc, "* Home")
    assert (
        home["nav"] == 1.0 and home["li"] == 1.0 and home["link"] == 1.0 and home["cls_nav"] == 0.0
    )
    title = context(doc, "Council approves the budget")
    assert title["heading"] == 1.0 and title["cls_content"] == 1.0 and title["nav"] == 0.0
    body = context(doc, "The city council approved the new budget on Monday after a long debate.")
    assert body["paragraph"] == 1.0 and body["in_trafilatura"] == 1.0 and body["link"] == 0.0
    roads = context(doc, "It funds schools and roads.")
    assert 0.1 < roads["link"] < 0.3 and roads["in_trafilatura"] == 0.0
    assert context(doc, "Great article, thanks!")["cls_comment"] == 1.0
    footer = context(doc, "Copyright 2026 The Paper")
    assert footer["footer"] == 1.0 and footer["cls_footer"] == 1.0
    assert context(doc, "Hidden promo text")["hidden"] == 1.0
    assert "Never shown" not in "".join(doc.texts)  # display: none is not rendered


def test_empty_and_deep_pages():
    assert len(html_document("   ")) == 0
    deep = "<div>" * 5000 + "Deep text here." + "</div>" * 5000
    assert isinstance(html_document(deep), Document)


def test_dom_features_relative_to_the_page():
    wrapped = PAGE.replace("<body>", "<body><form id='aspnetForm'>").replace(
        "</body>", "</form></body>"
    )
    plain, boxed = (html_document(p) for p in (PAGE, wrapped))
    names = list(DomFeatures.feature_names)
    x_plain, x_boxed = (DomFeatures().fit([d]).transform([d]) for d in (plain, boxed))
    form, relative = names.index("form"), names.index("form_vs_page")
    # A form around the whole page puts every line in a form, but no line
    # stands out from its page by it.
    assert x_plain[:, form].max() == 0.0 and x_boxed[:, form].min() == 1.0
    assert abs(x_boxed[:, relative]).max() < 1e-12
    nav = names.index("nav_vs_page")
    assert x_boxed[:, nav].max() > 0.5 > 0.0 > x_boxed[:, nav].min()


def test_page_values_have_no_page_relative_form():
    # The main block's share is one value a page: as it differs from the
    # page's mean it would be 0 on every line.
    names = list(DomFeatures.feature_names)
    assert "main_block_share" in names and "main_block_share_vs_page" not in names
    assert "in_main_block_vs_page" in names
    doc = mark_extraction(html_document(PAGE), "The city council approved the new budget.")
    assert DomFeatures().fit([doc]).transform([doc]).shape == (len(doc), len(names))


def test_dom_features_refuse_a_model_of_another_width():
    doc = html_document(PAGE)
    old = DomFeatures().fit([doc])
    old.n_features_out_ = len(CONTEXT_NAMES)  # as fitted before the page-relative values
    with pytest.raises(ModelError, match="retrain"):
        old.transform([doc])


def test_page_left_inside_head_is_rendered():
    # libxml2 keeps an unknown tag met in <head> there, with the page inside it.
    page = (
        "<html><head><title>T</title><meta charset='utf-8'><mbox>"
        "<table><tr><td><a href='/'>Home</a></td></tr></table>"
        "<p>The story that browsers show although the markup is broken.</p></head></html>"
    )
    texts = [t.strip() for t in html_document(page).texts]
    assert texts == ["Home", "The story that browsers show although the markup is broken."]
    # A page with a body of its own: what sits in its head stays unread.
    widget = page.replace("</head></html>", "</head><body><p>Own body.</p></body></html>")
    assert [t.strip() for t in html_document(widget).texts] == ["Own body."]


def test_broken_xml_declaration_does_not_stop_the_page():
    # The declaration runs into the next tag; lxml refuses such a str outright.
    page = (
        '<?xml version="1.0" encoding="news, world" />\n<html><head><title>T</title></head>'
        "<body><p>Le café est ouvert toute la nuit à Paris.</p></body></html>"
    )
    texts = [t.strip() for t in html_document(page).texts]
    assert texts[-1] == "Le café est ouvert toute la nuit à Paris."


def test_class_words_in_any_case_and_paragraph_breaks():
    page = (
        "<html><body><div id='TopMenu' class='MainNavBar'><a href='/'>Home</a></div>"
        "<p>First paragraph of the story.</p><div>Second paragraph,<br>same block</div>"
        "</body></html>"
    )
    doc = html_document(page)
    assert context(doc, "Home")["cls_nav"] == 1.0  # "MainNavBar": upper case is matched too
    rendered = Document.from_text(render_html_text(page))
    breaks = [line.break_before for line in doc.lines]
    assert breaks == [line.break_before for line in rendered.lines]
    assert breaks[0] is False and any(breaks) and not all(breaks[1:])


def test_one_walk_lays_out_lists_pre_and_hidden_elements():
    page = (
        "<html><body><ul><li><img src='icon.png'></li><li><a href='/'>Home</a></li></ul>"
        "<ol><li>First</li><li>Second</li></ol>"
        "<pre>keep   this\n  indented</pre><div style='display:none'>gone</div>"
        "<div aria-hidden='true'>shown but hidden</div><p>Te<span>xt</span> <q>quoted</q></p>"
        "</body></html>"
    )
    doc = html_document(page)
    assert [t.strip() for t in doc.texts] == [
        "*",  # an item with no text keeps its bullet: icon lists show as runs of them
        "* Home",
        "1. First",
        "2. Second",
        "keep   this",
        "indented",
        "shown but hidden",
        'Te xt "quoted"',
    ]
    assert context(doc, "*")["li"] == 1.0
    assert context(doc, "shown but hidden")["hidden"] == 1.0
    assert doc.lines[-1].break_before  # a paragraph after a block: a blank line before it


def test_text_inside_an_iframe_is_not_shown():
    # A browser shows the frame's own document; what is written inside the
    # element (here an old ad script, kept by the parser as raw text) is not.
    page = (
        "<html><body><div><iframe src='/ad'><SCRIPT LANGUAGE='JavaScript1.1'>"
        "document.write('<SCR' + 'IPT src=/ad.asp />');</SCRIPT></iframe>After the frame</div>"
        "<p>The council met on Monday.</p></body></html>"
    )
    assert [t.strip() for t in html_document(page).texts] == [
        "After the frame",
        "The council met on Monday.",
    ]


def test_rendering_is_the_walk_not_trafilatura(monkeypatch):
    import cleaner.pages.trafilatura as traf

    def refuse(*args, **kwargs):
        raise AssertionError("rendering called trafilatura")

    monkeypatch.setattr(traf, "extract_html", refuse)
    assert len(html_document(PAGE)) > 5


def test_trafilatura_reads_the_walks_tree_as_it_reads_its_own(shared_data):
    """The parser makes `HtmlElement`s without lxml.html's Python lookup: the
    tree is still one trafilatura accepts, and its extraction is the same as
    from the tree trafilatura parses itself."""
    import itertools

    import trafilatura
    from lxml.html import HtmlElement

    from cleaner.pages.render import parse_html
    from cleaner.training.corpora import read_corpus

    form = "<html><body><form><label>Name</label><input name='q'></form><p>Story text here.</p></body></html>"
    tree = parse_html(form)
    assert all(isinstance(el, HtmlElement) for el in tree.iter())
    pages = 0
    for corpus in ("cleaneval", "l3s-gn1", "readability", "newspaper4k"):
        for page in itertools.islice(read_corpus(corpus, shared_data), 10):
            tree = parse_html(page.html)
            if tree is None:
                continue
            ours = trafilatura.extract(tree) or ""
            theirs = trafilatura.extract(trafilatura.load_html(page.html)) or ""
            assert ours == theirs, page.page_id
            pages += 1
    assert pages >= 30


TEASERS = """<html><body><div class="wrap">
<div class="story"><h1>Council approves the budget</h1>
<p>The city council approved the new budget on Monday after a long debate about schools.</p>
<p>It funds schools, roads and the library, and raises no taxes this year, the mayor said.</p>
<p>The vote was seven to two, with two members absent from the meeting on Monday night.</p></div>
<div class="more"><p>Fire closes the bridge</p>
<p>Ferry fares rise</p></div></div></body></html>"""


def test_main_block_holds_the_story_not_the_teasers_after_it():
    # trafilatura's extraction holds the story and a teaser list after it;
    # the innermost block holding 80% of its words is the story's.
    doc, blocks = render_blocks(parse_html(TEASERS))
    extraction = "\n".join(line.strip() for line in doc.texts)
    marked = mark_extraction(doc, extraction, blocks)
    assert [line.context.in_trafilatura for line in marked] == [1.0] * 6
    main = {line.text.strip(): line.context.in_main_block for line in marked}
    assert main == {
        "Council approves the budget": 1.0,
        "The city council approved the new budget on Monday after a long debate about schools.": 1.0,
        "It funds schools, roads and the library, and raises no taxes this year, the mayor said.": 1.0,
        "The vote was seven to two, with two members absent from the meeting on Monday night.": 1.0,
        "Fire closes the bridge": 0.0,
        "Ferry fares rise": 0.0,
    }
    words = [len(text.split()) for text in doc.texts]
    share = marked.lines[0].context.main_block_share
    assert share == pytest.approx(sum(words[:4]) / sum(words))
    # Without the blocks, or with nothing extracted, only the verdict is set.
    assert {line.context.in_main_block for line in mark_extraction(doc, extraction)} == {0.0}
    empty = mark_extraction(doc, "", blocks)
    assert {line.context.in_main_block for line in empty} == {0.0}
    assert {line.context.in_trafilatura for line in empty} == {0.0}


def test_main_block_is_the_whole_page_when_no_block_holds_enough():
    # Two sibling blocks each hold half the extraction: no block holds 80%,
    # so every line is in the main block; the half block is the first one.
    page = "<div><p>one two three four five</p></div><div><p>six seven eight nine ten</p></div>"
    doc, blocks = render_blocks(parse_html(f"<html><body>{page}</body></html>"))
    marked = mark_extraction(doc, "one two three four five\nsix seven eight nine ten", blocks)
    assert [line.context.in_main_block for line in marked] == [1.0, 1.0]
    assert [line.context.in_half_block for line in marked] == [1.0, 0.0]
    assert marked.lines[0].context.main_block_share == 1.0


def test_segment_marks_the_main_block():
    from cleaner.pipeline import segment

    doc = segment(TEASERS, html=True, with_context=True, name=None)
    assert any(line.context.in_main_block == 1.0 for line in doc)
    assert doc.texts == render_blocks(parse_html(TEASERS))[0].texts


COMMENTS = """<html><body><article><h1>Council approves the budget</h1>
<p>The city council approved the new budget on Monday after a long debate about schools and roads.</p>
<p>It funds schools, roads and the library, and raises no taxes this year, the mayor said on Tuesday.</p>
<ol><li>Schools get more.</li><li>12 roads are mended</li></ol></article>
<section id="comments"><ol class="commentlist">
<li class="comment"><p>Anna on May 2 said: this budget is a disgrace to the whole city and its people.</p></li>
<li class="comment"><p>Ben replied: I think the council did the best it could with what it had this year.</p></li>
</ol></section></body></html>"""


def test_comments_trafilatura_found_are_marked_apart():
    from cleaner.pipeline import segment

    doc = segment(COMMENTS, html=True, with_context=True, name=None)
    marks = [(line.context.in_trafilatura, line.context.in_comments) for line in doc]
    # The story (its numbered list too) is held as text, the comments as comments.
    assert marks == [(1.0, 0.0)] * 5 + [(1.0, 1.0)] * 2
    # A line both parts hold is the article's.
    doc = html_document("<p>Thanks for reading the story today.</p>")
    text = "Thanks for reading the story today."
    marked = mark_extraction(doc, text, comments=text)
    assert marked.lines[0].context.in_comments == 0.0


def test_ordered_list_items_are_held_without_their_numbers():
    doc = html_document("<ol><li>Schools get more money</li><li>Home</li></ol><p>3. Roads</p>")
    marked = mark_extraction(doc, "Schools get more money\nHomework\n3. Roads")
    assert [line.context.in_trafilatura for line in marked] == [1.0, 0.0, 1.0]


def test_extraction_parts_make_trafilaturas_extraction(shared_data):
    import itertools

    from cleaner.pages.trafilatura import extract_html, extract_parts
    from cleaner.training.corpora import read_corpus

    with_comments = 0
    for corpus in ("cleaneval", "l3s-gn1", "readability"):
        for page in itertools.islice(read_corpus(corpus, shared_data), 40):
            text, comments = extract_parts(parse_html(page.html))
            assert f"{text}\n{comments}".strip() == extract_html(parse_html(page.html))
            with_comments += bool(comments)
    assert with_comments >= 1


def test_the_lines_of_a_preformatted_block_carry_its_number():
    page = (
        "<p>Run this:</p><pre><code>SELECT avg(n)\nFROM t;</code></pre>"
        "<p>Then this:</p><pre>VACUUM;</pre><p>Done.</p>"
    )
    doc = html_document(f"<html><body>{page}</body></html>")
    blocks = {line.text.strip(): line.block for line in doc}
    assert blocks == {
        "Run this:": "",
        "SELECT avg(n)": "pre1",
        "FROM t;": "pre1",  # a <code> inside the <pre> is the same block
        "Then this:": "",
        "VACUUM;": "pre2",
        "Done.": "",
    }


def test_spans_pad_inline_text_but_not_code():
    page = (
        "<p>Read <span>this</span><span>now</span>.</p>"
        "<pre><span class='kw'>SELECT</span> <span>avg</span>(<span>n</span>);</pre>"
    )
    doc = html_document(f"<html><body>{page}</body></html>")
    # Outside a code block a span is padded as an inline box; inside one,
    # the block's own characters are its spacing (syntax highlighting).
    assert [line.text.strip() for line in doc] == ["Read this now .", "SELECT avg(n);"]
