"""Output formats add marks around kept lines and never rewrite them."""

import json
import re

from cleaner.document import Label
from cleaner.output import format_page, markdown_text
from cleaner.pages.render import html_document

PAGE = (
    "<html><body><nav><a href='/'>Home</a></nav><h1>Budget passed</h1>"
    "<p>The council approved the budget.</p><h3>How they voted</h3>"
    "<table><tr><th>Party</th><th>Yes</th><th>Ads</th></tr>"
    "<tr><td>Green | Left</td><td>7</td><td>Buy now</td></tr></table>"
    "<ul><li>Schools get more money</li><li>Roads are repaired</li></ul>"
    "<p>It takes effect in April.</p><footer>Share this</footer></body></html>"
)
CHROME = {"Home", "Ads", "Buy now", "Share this"}


def labelled():
    doc = html_document(PAGE)
    scores = [0.0 if line.text.strip() in CHROME else 1.0 for line in doc]
    return doc.with_predictions(scores, 0.5)


def test_markdown_marks_headings_joins_table_rows_and_keeps_lists():
    assert markdown_text(labelled(), strip_indent=True).split("\n") == [
        "# Budget passed",
        "",
        "The council approved the budget.",
        "",
        "### How they voted",
        "",
        "| Party | Yes |",
        "|---|---|",
        "| Green \\| Left | 7 |",
        "",
        "* Schools get more money",
        "* Roads are repaired",
        "",
        "It takes effect in April.",
    ]


def test_markdown_without_its_marks_is_the_kept_lines_in_order():
    doc = labelled()
    kept = [line.text.strip() for line in doc if line.label is Label.ARTICLE]
    unmarked = []
    for row in markdown_text(doc, strip_indent=True).split("\n"):
        if not row or re.fullmatch(r"\|(---\|)+", row):
            continue
        if row.startswith("| "):
            cells = re.split(r" (?<!\\)\| ", row[2:-2])
            unmarked += [cell.replace("\\|", "|") for cell in cells]
        else:
            unmarked.append(re.sub(r"^#{1,6} ", "", row))
    assert unmarked == kept


def test_markdown_of_plain_text_is_the_article_text():
    from cleaner.document import Document

    doc = Document.from_text("# not a heading\n\n| not | a row |\nMenu")
    doc = doc.with_predictions([1.0, 1.0, 0.0], 0.5)
    assert format_page(doc, "markdown") == doc.article_text() + "\n"


CODE_PAGE = (
    "<html><body><nav>Menu</nav><div class='post'><p>Define the function:</p>"
    "<div><pre><code>def f(x):\n    if x:\n\n        return 1\n    return 0</code></pre></div>"
    "<p>Then call it.</p></div></body></html>"
)


def test_a_code_block_keeps_its_own_indentation_and_markdown_fences_it():
    doc = html_document(CODE_PAGE)
    doc = doc.with_predictions([0.0 if line.text.strip() == "Menu" else 1.0 for line in doc], 0.5)
    # The walk indents the block by its nesting; only that is taken away.
    assert doc.lines[2].text == "    def f(x):" and doc.lines[3].text == "        if x:"
    code = "def f(x):\n    if x:\n\n        return 1\n    return 0"
    assert doc.article_text(strip_indent=True) == f"Define the function:\n\n{code}\n\nThen call it."
    assert markdown_text(doc, strip_indent=True) == (
        f"Define the function:\n\n```\n{code}\n```\n\nThen call it."
    )
    # Without strip_indent, lines are the rendering's (trailing space removed).
    assert doc.article_text().split("\n")[2] == doc.lines[2].text.rstrip()
    record = json.loads(format_page(doc, "json", strip_indent=True, with_lines=True))
    assert [line["text"] for line in record["lines"]][3:5] == ["    if x:", "        return 1"]


def test_markdown_fences_each_code_block_apart_and_only_its_kept_lines():
    page = "<html><body><p>One.</p><pre>a = 1\nb = 2</pre><pre>c = 3</pre><p>Two.</p></body></html>"
    doc = html_document(page)
    cut = {"One.", "b = 2"}  # the first block is not between kept lines: not kept whole
    doc = doc.with_predictions([0.0 if line.text.strip() in cut else 1.0 for line in doc], 0.5)
    assert markdown_text(doc, strip_indent=True) == "```\na = 1\n```\n\n```\nc = 3\n```\n\nTwo."


def test_a_code_block_holding_backticks_gets_a_longer_fence():
    page = "<html><body><p>One.</p><pre>Write ```python\nthen ````</pre><p>Two.</p></body></html>"
    doc = html_document(page)
    doc = doc.with_predictions([1.0] * len(doc), 0.5)
    assert markdown_text(doc, strip_indent=True) == (
        "One.\n\n`````\nWrite ```python\nthen ````\n`````\n\nTwo."
    )
