"""Output formats of a cleaned page: its article text, or a JSON record.

Every line in either is a line of the input (or of the HTML's rendering):
formats add structure around the lines, never rewrite them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from cleaner.document import Document, Label

#: The output formats `format_page` knows.
FORMATS = ("text", "json")


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
                "text": line.text.strip() if strip_indent else line.text,
                "label": None if line.label is None else line.label.value,
                "score": None if line.score is None else round(float(line.score), 4),
            }
            for line in doc
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
    none is kept) or ``json`` (one line holding `page_record`)."""
    if fmt == "json":
        record = page_record(doc, strip_indent, metadata, with_lines, language)
        return json.dumps(record, ensure_ascii=False) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    kept = doc.article_text(strip_indent=strip_indent)
    return kept + "\n" if kept.strip() else ""
