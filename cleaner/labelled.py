"""The labelled-page format: one ``label<TAB>line`` row per input line.

Rules of the format (also in the README):

- a non-blank line is written as ``article<TAB>text`` or ``chrome<TAB>text``;
  only the first tab separates, so the text may itself hold tabs;
- a blank line of the page is written as an empty row (a paragraph break);
- files are UTF-8; the extension ``.tsv`` is customary.

Removing the label column gives back the page, line for line.
"""

from __future__ import annotations

from pathlib import Path

from cleaner.document import Document, Label, Line, is_blank, split_lines
from cleaner.errors import LabelFormatError
from cleaner.pages.decode import read_text

_LABELS = {label.value: label for label in Label}


def parse_labelled(text: str, name: str | None = None) -> Document:
    """Parse the labelled format into a fully labelled `Document`.

    Examples
    --------
    >>> doc = parse_labelled("article\\tTitle\\n\\nchrome\\tMenu\\n")
    >>> [(str(line.label), line.text, line.break_before) for line in doc]
    [('article', 'Title', False), ('chrome', 'Menu', True)]
    """
    lines: list[Line] = []
    pending_break = False
    rows = split_lines(text)
    if rows and rows[-1] == "":
        rows.pop()
    for position, row in enumerate(rows):
        if is_blank(row):
            pending_break = bool(lines)
            continue
        label_text, tab, line_text = row.partition("\t")
        label = _LABELS.get(label_text.strip())
        if not tab or label is None:
            where = f"{name}:{position + 1}" if name else f"line {position + 1}"
            raise LabelFormatError(
                f"{where}: expected 'article<TAB>text' or 'chrome<TAB>text', got {row[:60]!r}"
            )
        if is_blank(line_text):
            pending_break = bool(lines)
            continue
        lines.append(Line(line_text, position, pending_break, label))
        pending_break = False
    return Document(tuple(lines), name)


def format_labelled(doc: Document, with_scores: bool = False) -> str:
    """Write a labelled `Document` in the labelled format.

    With ``with_scores`` the rows become ``label<TAB>score<TAB>text``, the
    CLI's ``--labels`` view; that form is for reading, not for training.
    """
    rows: list[str] = []
    for line in doc.lines:
        if line.break_before:
            rows.append("")
        if line.label is None:
            raise LabelFormatError(f"line {line.position + 1} has no label")
        if with_scores:
            score = "" if line.score is None else f"{line.score:.3f}"
            rows.append(f"{line.label.value}\t{score}\t{line.text}")
        else:
            rows.append(f"{line.label.value}\t{line.text}")
    return "\n".join(rows) + "\n" if rows else ""


def read_labelled(path: str | Path) -> Document:
    """Read a labelled page from ``path``; errors name the file and row."""
    doc = parse_labelled(read_text(path), name=str(path))
    if not doc.lines:
        raise LabelFormatError(f"{path}: no labelled lines")
    return doc
