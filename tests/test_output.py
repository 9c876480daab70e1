"""Output formats add marks around kept lines and never rewrite them."""

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
