"""Output formats of a cleaned page: its article text, as Markdown, or a
JSON record.

Every line in each is a line of the input (or of the HTML's rendering):
formats add structure around the lines, never rewrite them. Markdown marks
headings (``## ``), keeps a table row's cells on one line
(``| a | b |``) and fences a code block's lines between lines of three
backticks (more when the block holds a run of three), the lines keeping
their own indentation; list items already carry their bullets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from cleaner.document import Document, Label
from cleaner.selection import CODE_BLOCK

#: The output formats `format_page` knows.
FORMATS = ("text", "markdown", "json")


def markdown_text(doc: Document, strip_indent: bool = False) -> str:
    """The article lines as Markdown: headings marked by their level, a
    table's kept cells joined row by row under a header rule, paragraph
    breaks kept as in `Document.article_text`. Lines of text (no HTML
    structure) come out as `Document.article_text` gives them.

    >>> from cleaner.pages.render import html_document
    >>> doc = html_document(
    ...     "<h2>Votes</h2><table><tr><td>Party</td><td>Yes</td></tr>"
    ...     "<tr><td>Green</td><td>7</td></tr></table><p>Passed.</p>"
    ... )
    >>> print(markdown_text(doc.with_predictions([1.0] * len(doc), 0.5), strip_indent=True))
    ## Votes
    <BLANKLINE>
    | Party | Yes |
    |---|---|
    | Green | 7 |
    <BLANKLINE>
    Passed.
    """
    out: list[str] = []
    row: list[str] = []  # the kept cells of the table row being joined
    row_block = ""
    table_rows = 0  # rows written in the current table
    gap = False

    def end_row() -> None:
        nonlocal row, table_rows
        if row:
            out.append("| " + " | ".join(row) + " |")
            if table_rows == 0:
                out.append("|" + "---|" * len(row))
            table_rows += 1
            row = []

    fence = ""  # the code block whose kept lines are being fenced
    marks: dict[str, str] = {}  # each code block's fence: longer than any run of backticks in it
    for line in doc.lines:
        if line.block.startswith(CODE_BLOCK):
            longest = max((len(run) for run in _BACKTICKS.findall(line.text)), default=0)
            marks[line.block] = max(marks.get(line.block, "```"), "`" * (longest + 1), key=len)

    def end_fence() -> None:
        nonlocal fence, gap
        if fence:
            out.append(marks[fence])
            fence, gap = "", True  # a code block ends with a blank line

    for line, text in zip(doc.lines, doc.shown_texts(strip_indent), strict=True):
        gap = gap or line.break_before
        if line.label is not Label.ARTICLE:
            continue
        if line.block.startswith(CODE_BLOCK) and line.block == fence:
            if gap:
                out.append("")
            out.append(text)
            gap = False
            continue
        end_fence()
        if line.block.startswith("row"):
            if line.block != row_block:
                end_row()
                row_block = line.block
                if table_rows == 0 and out:
                    out.append("")  # a table starts after a blank line
            row.append(text.replace("|", "\\|"))
            gap = False
            continue
        end_row()
        if table_rows:
            table_rows, row_block = 0, ""
            gap = True  # a table ends with a blank line
        if out and gap:
            out.append("")
        if line.block in _HEADING_MARKS:
            text = f"{_HEADING_MARKS[line.block]} {text}"
        elif line.block.startswith(CODE_BLOCK):
            out.append(marks[line.block])
            fence = line.block
        out.append(text)
        gap = False
    end_row()
    end_fence()
    return "\n".join(out)


def kept_text(doc: Document, fmt: str = "text", strip_indent: bool = False) -> str:
    """The article lines as ``fmt`` gives them: ``markdown`` (`markdown_text`),
    else plain (`Document.article_text`)."""
    if fmt == "markdown":
        return markdown_text(doc, strip_indent)
    return doc.article_text(strip_indent=strip_indent)


_HEADING_MARKS = {f"h{level}": "#" * level for level in range(1, 7)}
_BACKTICKS = re.compile(r"`+")


def page_record(
    doc: Document,
    strip_indent: bool = False,
    metadata: Mapping[str, str | None] | None = None,
    with_lines: bool = False,
    language: str | None = None,
) -> dict[str, object]:
    """A page as a JSON-ready record: its article ``text``, its ``metadata``
    (for HTML: title, author, date, site name, URL, description), its
    ``language`` when given and, with ``with_lines``, every line with its
    label and score.

    >>> doc = Document.from_text("Home\\nThe council approved the budget.")
    >>> doc = doc.with_predictions([0.1, 0.9], 0.5)
    >>> page_record(doc, with_lines=True)["lines"][1]
    {'text': 'The council approved the budget.', 'label': 'article', 'score': 0.9}
    """
    record: dict[str, object] = {"text": doc.article_text(strip_indent=strip_indent)}
    if metadata is not None:
        record["metadata"] = dict(metadata)
    if language is not None:
        record["language"] = language
    record["kept"] = sum(line.label is Label.ARTICLE for line in doc)
    record["lines_in"] = len(doc)
    if with_lines:
        record["lines"] = [
            {
                "text": shown if strip_indent else line.text,
                "label": None if line.label is None else line.label.value,
                "score": None if line.score is None else round(float(line.score), 4),
            }
            for line, shown in zip(doc, doc.shown_texts(strip_indent), strict=True)
        ]
    return record


def format_page(
    doc: Document,
    fmt: str = "text",
    strip_indent: bool = False,
    metadata: Mapping[str, str | None] | None = None,
    with_lines: bool = False,
    language: str | None = None,
) -> str:
    """The page in format ``fmt``: ``text`` (its article lines, nothing when
    none is kept), ``markdown`` (`markdown_text`) or ``json`` (one line
    holding `page_record`)."""
    if fmt == "json":
        record = page_record(doc, strip_indent, metadata, with_lines, language)
        return json.dumps(record, ensure_ascii=False) + "\n"
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    kept = kept_text(doc, fmt, strip_indent)
    return kept + "\n" if kept.strip() else ""
