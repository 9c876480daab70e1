"""Reflow: a text browser's wrapped dump is read paragraph by paragraph."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.browsers import BROWSERS, LISTING
from cleaner.document import Document, Label, lines_in_order
from cleaner.reflow import (
    MIN_WRAP,
    formulas,
    frames,
    link_list,
    model_view,
    paragraphs,
    pieces,
    spread,
    width,
    wrap_width,
)
from cleaner.training.metrics import TextScores
from tests.seed_pages import seed_as_html

PROSE = (
    "The council approved the new budget on Monday after a long debate about "
    "schools, roads and the future of the library in the old town hall."
)


def wrapped(text: str, columns: int = 76, indent: str = "   ") -> str:
    """One paragraph as a text browser wraps it."""
    return textwrap.fill(
        text,
        columns,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def seed_wrapped(seed_doc: Document) -> tuple[str, list[int]]:
    """The seed page with each line wrapped as a paragraph, and the seed line
    each wrapped line comes from."""
    blocks, origin = [], []
    for i, line in enumerate(seed_doc.lines):
        block = wrapped(line.text.strip())
        blocks.append(block)
        origin += [i] * len(block.splitlines())
    return "\n\n".join(blocks), origin


def article_words(seed_doc: Document) -> str:
    return "\n".join(line.text for line in seed_doc.lines if line.label is Label.ARTICLE)


def test_the_width_of_a_wrapped_page_is_found_and_an_unwrapped_page_has_none():
    page = "\n\n".join(wrapped(PROSE * 3, 72) for _ in range(3))
    longest = max(width(line.rstrip()) for line in page.splitlines())
    assert MIN_WRAP <= wrap_width(Document.from_text(page)) == longest <= 72
    unwrapped = "\n\n".join([PROSE * 2, "Home", PROSE, PROSE * 4, "Share"])
    assert wrap_width(Document.from_text(unwrapped)) is None
    assert model_view(Document.from_text(unwrapped)) is None


def test_wrapped_lines_join_and_menus_lists_and_grids_do_not():
    menu = "\n".join(f"     * Section number {i}" for i in range(6))
    item = wrapped(PROSE, 60 - 7, "")  # a list item: its lines hang under its text
    item = "     * " + item.replace("\n", "\n       ")
    grid = "Name       Price       Stock\nApples     1.20        many many apples in the back"
    page = "\n\n".join([wrapped(f"{PROSE} {PROSE}", 60), menu, item, grid, wrapped(PROSE, 60)])
    doc = Document.from_text(page)
    runs = paragraphs(doc)
    assert runs is not None
    texts = [" ".join(doc.lines[i].text.strip() for i in run) for run in runs]
    assert texts[0] == PROSE + " " + PROSE  # the wrapped paragraph, whole
    assert texts[1:7] == [f"* Section number {i}" for i in range(6)]  # the menu, line by line
    assert texts[7] == "* " + PROSE  # the list item with its hanging lines
    assert texts[8:10] == grid.splitlines()  # a grid's rows stay apart
    assert texts[10] == PROSE


def test_each_line_takes_the_score_of_its_paragraph():
    assert spread([0.9, 0.2], [range(0, 3), range(3, 4)], 4).tolist() == [0.9, 0.9, 0.9, 0.2]
    assert spread([0.4, 0.6], None, 2).tolist() == [0.4, 0.6]
    # the lines after the runs (a browser's list of addresses) score 0
    assert spread([0.9, 0.2], [range(0, 2), range(2, 3)], 5).tolist() == [0.9, 0.9, 0.2, 0, 0]
    # and so do lines between runs (a formula lynx wrote out)
    assert spread([0.9, 0.2], [range(0, 2), range(3, 4)], 4).tolist() == [0.9, 0.9, 0, 0.2]
    for runs, n_lines in (
        ([range(0, 2), range(2, 3)], 2),  # past the page's end
        ([range(0, 2), range(1, 3)], 4),  # overlapping
        ([range(0, 2)], 4),  # fewer runs than scores
    ):
        with pytest.raises(ValueError, match="not one a score"):
            spread([0.9, 0.2], runs, n_lines)


def test_lynx_link_numbers_are_left_out_of_what_the_model_reads_not_out_of_the_page(shipped):
    links = "\n".join(f"   * [{i}]Section {i}" for i in range(1, 7))
    page = f"{links}\n\n   [7]{PROSE}\n\nReferences\n\n   1. https://example.com/a"
    view, runs = model_view(Document.from_text(page))
    assert runs == [range(i, i + 1) for i in range(7)]  # nothing here is wrapped
    assert "[" not in view.lines[0].text and view.lines[6].text == "   " + PROSE
    assert "[7]" + PROSE in shipped.clean(page)  # the output is the input's lines


LISTED = """References

   Visible links:
   1. https://example.com/
   2. javascript:share('Council approves budget
Read the story')
   4. file:///news/1

   Hidden links:
   5. https://example.com/ads

[USEMAP]
file:///tmp/page.html#map
   1. https://example.com/map
"""


def test_a_browsers_list_of_addresses_is_not_read_and_scores_0(shipped):
    story = "\n\n".join(wrapped(f"[{i}]{PROSE} {PROSE}") for i in range(1, 4))
    page = f"{story}\n\n{LISTED}"
    doc = Document.from_text(page)
    start = link_list(doc)
    assert start is not None and doc.lines[start].text == "References"
    view, runs = model_view(doc)
    assert len(view) == 3 and runs is not None and runs[-1].stop == start
    labelled = shipped.label(page)
    assert [line.score for line in labelled.lines[start:]] == [0.0] * (len(doc) - start)
    assert "https://" not in shipped.clean(page) and PROSE[:40] in shipped.clean(page)


def test_elinks_list_with_titled_links_is_not_read_and_leaves_the_wrap_width_alone(shipped):
    # elinks -dump: a link with a title is listed as "N. title", then its
    # address after a tab; titles are not wrapped, so they run past the width
    story = "\n\n".join(wrapped(f"[{i}]{PROSE} {PROSE}") for i in range(1, 4))
    title = "Council approves the budget after a long debate about schools and roads"
    entries = "\n".join(
        f"   {i}. {title} ({i})\n\thttps://example.com/story/{i}" for i in range(4, 10)
    )
    page = f"{story}\n\nReferences\n\n   Visible links\n   1. https://example.com/\n{entries}"
    doc = Document.from_text(page)
    start = link_list(doc)
    assert start is not None and doc.lines[start].text == "References"
    view, runs = model_view(doc)
    assert len(view) == 3 and runs is not None and runs[-1].stop == start  # paragraphs joined
    labelled = shipped.label(page)
    assert [line.score for line in labelled.lines[start:]] == [0.0] * (len(doc) - start)
    assert title not in shipped.clean(page) and PROSE[:40] in shipped.clean(page)


def test_a_numbered_line_not_followed_by_a_tabbed_address_is_no_elinks_entry():
    ending = "References\n\n   1. Smith, J. (2010). The council's budget.\n   https://example.com/"
    assert link_list(Document.from_text(f"{PROSE}\n\n{ending}")) is None


def test_w3ms_list_of_addresses_is_not_read_either():
    # w3m -o display_link_number=1
    page = f"[1]Home [2]News\n\n{PROSE}\n\nReferences:\n\n[1] https://a.org/\n[2] file:///news"
    doc = Document.from_text(page)
    assert link_list(doc) == 2
    view, runs = model_view(doc)
    assert [line.text for line in view.lines] == ["[1]Home [2]News", PROSE]
    assert runs == [range(0, 1), range(1, 2)]


#: A formula as lynx writes it out: MathML's markup between its marks.
FORMULA = """   [MATH:
   <semantics><mrow><mi>A</mi><mo>=</mo><msup><mi>A</mi><mi>H</mi></msup><
   /mrow><annotation encoding="application/x-tex">A =
   A^H</annotation></semantics> :MATH]"""


def test_a_formula_lynx_wrote_out_is_not_read_and_scores_0(shipped):
    story = [wrapped(f"{PROSE} {PROSE} {PROSE}") for _ in range(3)]
    page = f"{story[0]}\n{FORMULA}\n{story[1]}\n\n{FORMULA.strip()}\n\n{story[2]}"
    doc = Document.from_text(page)
    runs = formulas(doc)
    formula = [row.strip() for row in FORMULA.splitlines()]
    assert [[doc.lines[i].text.strip() for i in run] for run in runs] == [formula] * 2
    view, read = model_view(doc)
    assert not any("MATH" in line.text for line in view.lines)
    # the paragraphs either side of a formula are read each as one line, not joined
    assert [line.text.strip() for line in view.lines] == [f"{PROSE} {PROSE} {PROSE}"] * 3
    assert not {i for run in runs for i in run} & {i for run in read for i in run}
    labelled = shipped.label(page)
    assert all(labelled.lines[i].score == 0.0 for run in runs for i in run)
    kept = shipped.clean(page)
    assert lines_in_order(page, kept) and "<mrow>" not in kept and PROSE[:40] in kept


@pytest.mark.parametrize(
    "text",
    [
        f"{PROSE}\n   [MATH: <mi>x</mi>\n{PROSE}",  # never closed
        f"Type [MATH: to open a formula and :MATH] to close it.\n{PROSE}",  # inside a line
    ],
)
def test_a_page_that_only_mentions_lynxs_marks_holds_no_formula(text):
    assert formulas(Document.from_text(text)) == []


#: An inline frame as lynx writes it: its mark, then the frame's address or name.
FRAMES = """   IFRAME:
   [4]https://ads.example.com/frame?campaign=spring&slot=top&size=300x250&
   ref=news&cb=8812

   IFRAME: yads_7398503"""


def test_an_inline_frame_lynx_wrote_is_not_read_and_scores_0(shipped):
    story = [wrapped(f"{PROSE} {PROSE} {PROSE}") for _ in range(2)]
    page = f"{story[0]}\n\n{FRAMES}\n\n{story[1]}"
    doc = Document.from_text(page)
    runs = frames(doc)
    assert [[doc.lines[i].text for i in run] for run in runs] == [
        FRAMES.splitlines()[:3],
        FRAMES.splitlines()[4:],
    ]
    view, _ = model_view(doc)
    assert not any("IFRAME" in line.text or "ads." in line.text for line in view.lines)
    labelled = shipped.label(page)
    assert all(labelled.lines[i].score == 0.0 for run in runs for i in run)
    kept = shipped.clean(page)
    assert lines_in_order(page, kept) and "IFRAME" not in kept and PROSE[:40] in kept


def test_a_frame_mark_takes_only_the_address_lynx_wrapped_below_it():
    page = "   IFRAME:\n   https://a.example.com/x?a=\n   1\n   The story goes on.\n\n   b.org"
    assert frames(Document.from_text(page)) == [range(0, 3)]
    # an address beside the mark is whole; a word below it is the page's
    page = "   IFRAME: https://a.example.com/x\n   Advertisement"
    assert frames(Document.from_text(page)) == [range(0, 1)]
    # links and elinks write "IFrame" (elinks numbers it as a link)
    page = "   IFrame\n   Menu\n   [12]IFrame: yads_1\n   IFrames are frames."
    assert frames(Document.from_text(page)) == [range(0, 1), range(2, 3)]
    assert frames(Document.from_text(f"{PROSE}\nThe IFRAME: element embeds a page.")) == []


def test_lynxs_dump_of_a_page_with_formulas_and_frames_is_cleaned_without_them(shipped, tmp_path):
    if shutil.which("lynx") is None:
        pytest.skip("lynx not installed (make test installs it from Debian's packages)")
    formula = "<math><mrow><mi>A</mi><mo>=</mo><msup><mi>A</mi><mi>H</mi></msup></mrow></math>"
    sentences = [
        "The matrix was studied by the council's engineers for a new bridge.",
        "Its entries describe how the loads on each span depend on the others.",
        "Engineers check that the loads stay balanced when the river floods.",
        "The report found the old design sound and asked for a second survey.",
    ]
    paragraphs = [
        f"{PROSE} {first} Let {formula} hold. {then}" for first, then in pairwise(sentences)
    ]
    frame = '<iframe src="https://ads.example.com/frame?campaign=spring&amp;slot=top"></iframe>'
    html = "".join(f"<p>{text}</p>{frame}" for text in paragraphs)
    path = tmp_path / "formulas.html"
    path.write_text(f"<html><body><nav>Home News</nav>{html}</body></html>", encoding="utf-8")
    dump = subprocess.run(
        [*BROWSERS["lynx"], str(path)], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    doc = Document.from_text(dump)
    assert len(formulas(doc)) == len(frames(doc)) == len(paragraphs)
    kept = shipped.clean(dump)
    assert lines_in_order(dump, kept) and "mrow" not in kept and "ads.example" not in kept
    gold = "\n".join(re.sub("<math>.*</math>", "", text) for text in paragraphs)
    assert TextScores.compare(kept, gold).word_f1 >= 0.9


@pytest.mark.parametrize(
    "ending",
    [
        "References\n\n   1. Smith, J. (2010). The council's budget.",  # a page's own references
        "Sources\n\n   1. https://example.com/",  # not a browser's heading
        "References\n\n   1. https://a.org/\n   3. https://b.org/\n   2. https://c.org/",  # out of order
        "References\n\nSee the council's site.\n   1. https://example.com/",  # text first
    ],
)
def test_a_page_that_ends_otherwise_keeps_its_last_lines_for_the_model(ending):
    page = Document.from_text(f"{PROSE}\n\n{ending}")
    assert link_list(page) is None
    assert model_view(page) is None


def test_a_page_wrapped_like_a_text_browser_is_cleaned_as_well_as_the_page(shipped, seed_doc):
    page, origin = seed_wrapped(seed_doc)
    doc = shipped.label(page)
    assert lines_in_order(page, shipped.clean(page))
    # every wrapped line of one seed line takes the same score
    by_origin: dict[int, set[float]] = {}
    for line, i in zip(doc.lines, origin, strict=True):
        by_origin.setdefault(i, set()).add(line.score)
    assert all(len(scores) == 1 for scores in by_origin.values())
    assert TextScores.compare(shipped.clean(page), article_words(seed_doc)).word_f1 >= 0.95


def test_without_reflow_the_wrapped_page_loses_its_article(shipped, seed_doc, monkeypatch):
    """What the stage is for: the same wrapped page read line by line."""
    import cleaner.reflow

    page, _ = seed_wrapped(seed_doc)
    monkeypatch.setattr(cleaner.reflow, "model_view", lambda doc: None)
    assert TextScores.compare(shipped.clean(page), article_words(seed_doc)).word_f1 < 0.9


@pytest.mark.parametrize("browser", sorted(BROWSERS))
def test_a_text_browsers_own_dump_of_the_seed_page_is_cleaned(browser, shipped, seed_doc, tmp_path):
    command = BROWSERS[browser]
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} not installed (make test installs it from Debian's packages)")
    path = tmp_path / "seed.html"
    # the site's chrome (header, asides, footer) links elsewhere, as a site's does
    html = re.sub(
        r"<(header|aside|footer)><div>(.*?)</div>",
        r'<\1><div><a href="https://example.com/\1">\2</a></div>',
        seed_as_html(),
    )
    path.write_text(html, encoding="utf-8")
    dump = subprocess.run(
        [*command, str(path)], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    assert ("https://example.com/" in dump) == (browser in LISTING)
    doc = Document.from_text(dump)
    assert wrap_width(doc) is not None  # the browser wrapped the page
    kept = shipped.clean(dump)
    assert lines_in_order(dump, kept)
    assert TextScores.compare(kept, article_words(seed_doc)).word_f1 >= 0.95
    assert np.isfinite([line.score for line in shipped.label(dump)]).all()
    assert "https://" not in kept


def test_a_model_learns_a_wrapped_labelled_page_paragraph_by_paragraph(seed_doc):
    from cleaner.labelled import parse_labelled
    from cleaner.training.fit import train_bundle

    page, origin = seed_wrapped(seed_doc)
    labels = iter(str(seed_doc.lines[i].label) for i in origin)
    rows = [f"{next(labels)}\t{row}" if row.strip() else "" for row in page.splitlines()]
    labelled = parse_labelled("\n".join(rows))
    assert len(labelled) == len(origin) > len(seed_doc)
    bundle = train_bundle([labelled], name="wrapped", cv=False)
    assert bundle.card.training["lines"] == len(seed_doc)  # one line a paragraph
    assert bundle.card.training["article_lines"] == sum(
        line.label is Label.ARTICLE for line in seed_doc.lines
    )


def test_a_document_built_with_a_blank_line_is_read_without_error():
    from cleaner.document import Line

    page = Document.from_text("\n\n".join(wrapped(f"{PROSE} {PROSE}", 60) for _ in range(3)))
    lines = list(page.lines)
    lines.insert(2, Line("   ", lines[1].position + 1))  # not made by from_text
    doc = Document(tuple(lines))
    runs = paragraphs(doc)
    assert runs is not None and sum(len(run) for run in runs) == len(doc)


def test_markdown_links_are_read_as_their_text_and_kept_in_the_output(shipped):
    menu = "\n".join(f"  * [Section {i}](/section/{i})" for i in range(6))
    story = f"[![Photo of the hall](/img/hall.jpg)](/news/1) {PROSE}"
    page = f"{menu}\n\n{story}"
    view, runs = model_view(Document.from_text(page))
    assert runs is None
    assert view.lines[0].text == "  * Section 0"
    assert view.lines[6].text == f"Photo of the hall {PROSE}"  # an image inside a link
    # the output's line is the input's
    assert "(/img/hall.jpg)" in shipped.label(page).lines[6].text


def seed_in_pieces() -> str:
    """The seed page's HTML with a link on every seventh word of its longer
    paragraphs, as BeautifulSoup's ``get_text("\\n")`` writes it: each text
    node on a line of its own, a sentence broken at each link."""
    bs4 = pytest.importorskip("bs4", reason="beautifulsoup4 (a dev dependency) not installed")

    def linked(paragraph: re.Match[str]) -> str:
        words = paragraph[1].split(" ")
        if len(words) >= 12:
            for k in range(3, len(words) - 1, 7):
                words[k] = f'<a href="/topic/{k}">{words[k]}</a>'
        return "<p>" + " ".join(words) + "</p>"

    html = re.sub(r"<p>(.*?)</p>", linked, seed_as_html())
    return str(bs4.BeautifulSoup(html, "html.parser").get_text("\n"))


def test_a_page_broken_at_its_links_is_read_whole_and_cleaned(shipped, seed_doc):
    dump = seed_in_pieces()
    doc = Document.from_text(dump)
    assert paragraphs(doc) is None  # nothing wrapped: broken at the links
    runs = pieces(doc)
    assert runs is not None and len(runs) < len(doc) * 0.6
    view, _ = model_view(doc)
    # a paragraph is read as it stood in the page, not a linked word alone
    assert not any(line.text.strip() == "were" for line in view.lines)
    kept = shipped.clean(dump)
    assert lines_in_order(dump, kept)
    assert TextScores.compare(kept, article_words(seed_doc)).word_f1 >= 0.95
    labelled = shipped.label(dump)
    assert all(len({labelled.lines[i].score for i in run}) == 1 for run in runs)


def test_without_joining_its_pieces_the_page_loses_its_article(shipped, seed_doc, monkeypatch):
    import cleaner.reflow

    dump = seed_in_pieces()
    monkeypatch.setattr(cleaner.reflow, "pieces", lambda doc: None)
    assert TextScores.compare(shipped.clean(dump), article_words(seed_doc)).word_f1 < 0.5


def test_pieces_need_enough_lines_that_continue_and_leave_grids_apart():
    sentence = "The council met on \nMonday\n to discuss \nthe budget\n."
    two = Document.from_text("\n\n".join([sentence] * 2))
    assert pieces(two) is None  # 4 lines continue the one before them: too few
    page = Document.from_text("\n\n".join([sentence] * 3) + "\nName    Age\n, 31    Bob")
    runs = pieces(page)
    assert runs is not None and runs[:3] == [range(0, 5), range(5, 10), range(10, 15)]
    assert runs[3:] == [range(15, 16), range(16, 17)]  # a table's rows stay apart
    view, _ = model_view(page)
    assert view.lines[0].text == "The council met on Monday to discuss the budget."


def test_pieces_a_renderer_stripped_join_at_punctuation_and_small_letters():
    # get_text("\\n", strip=True): the spaces around a link are gone
    rows = ["The council met on", "Monday", ", then on", "Friday", "."]
    rows += ["Police said the", "suspects", "were held.", "Tags:", "politics"]
    view, runs = model_view(Document.from_text("\n".join(rows * 3)))
    assert runs is not None
    assert [line.text for line in view.lines[:6]] == [
        "The council met on",
        "Monday, then on",
        "Friday.",
        "Police said the suspects were held.",  # a space put back between pieces
        "Tags:",  # a clause's end: the next line is not its
        "politics",
    ]


CHINESE = "市议会星期一在长时间辩论后批准了新的预算，内容涉及学校、道路以及旧市政厅图书馆的未来。"
THAI = "สภาเมืองอนุมัติงบประมาณใหม่ในวันจันทร์ หลังจากการอภิปรายอันยาวนาน เกี่ยวกับโรงเรียน ถนน และอนาคตของห้องสมุด"


def test_chinese_wrapped_by_characters_as_lynx_does_joins_without_spaces():
    # lynx cuts a line of Chinese at 74 characters (148 columns), anywhere in
    # a sentence; the paragraph opens with two ideographic spaces
    para = "\u3000\u3000" + CHINESE * 4
    block = "\n".join("   " + para[i : i + 71] for i in range(0, len(para), 71))
    doc = Document.from_text("Home\n\n" + "\n\n".join([block] * 3))
    view, runs = model_view(doc)
    assert runs == [range(0, 1), range(1, 4), range(4, 7), range(7, 10)]
    assert view.lines[1].text == "   " + para  # no space put inside the sentence


def test_thai_wrapped_by_characters_joins_beside_english_wrapped_by_columns():
    # Thai's vowel marks take no column, but lynx counts them as characters
    thai = "\n\n".join(wrapped(" ".join([THAI] * 4), 74) for _ in range(3))
    english = wrapped(f"{PROSE} {PROSE}", 74)
    doc = Document.from_text(f"{english}\n\n{thai}")
    assert any(width(line.text) < len(line.text) - 5 for line in doc.lines)
    runs = paragraphs(doc)
    assert runs is not None and len(runs) == 4  # the English paragraph and three Thai ones


_PIECES = st.sampled_from(
    [PROSE, CHINESE, THAI, "Home", "   * [3]Section", "References", "   Visible links:",
     "   1. https://example.com/", "  2. file:///x", "[1] https://a.org/", "\u3000\u3000",
     "____________________", "[MATH: <mi> a </mi> :MATH]", "IFRAME:", ", and ", " to the ", "   ", "\t"]
)  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.lists(_PIECES, min_size=1, max_size=6), st.integers(20, 120), st.booleans()),
        min_size=1,
        max_size=8,
    )
)
def test_any_page_of_wrapped_pieces_is_read_whole_and_cleaned_to_its_lines(shipped, blocks):
    """Pages as browsers leave them, at any width, with lists of addresses
    and formulas and frames anywhere: the view covers the lines before any list but a
    formula's or a frame's, each line gets one
    finite score, and the output is the input's lines."""
    page = "\n\n".join(
        textwrap.fill(" ".join(pieces), columns, initial_indent="   ", subsequent_indent="   ")
        if wrap
        else "\n".join(pieces)
        for pieces, columns, wrap in blocks
    )
    doc = Document.from_text(page)
    if not len(doc):
        return
    view = model_view(doc)
    listed = link_list(doc)
    unread = {i for run in formulas(doc) + frames(doc) for i in run}
    if view is not None and view[1] is not None:
        runs = view[1]
        read = [i for i in range(listed or len(doc)) if i not in unread]
        assert [i for run in runs for i in run] == read
    labelled = shipped.label(page)
    scores = [line.score for line in labelled.lines]
    assert len(scores) == len(doc) and np.isfinite(scores).all()
    assert listed is None or all(s == 0.0 for s in scores[listed:])
    assert lines_in_order(page, shipped.clean(page))
