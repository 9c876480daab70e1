"""Reviewing a model's labels: the uncertain lines, and a visual HTML report.

The report is one self-contained HTML file (inline CSS and script, no
network): every line of each page in order, coloured by label, with its
score; lines whose score is near the threshold are marked uncertain. A
small script recounts the rows in the browser and lets the reader show only
the uncertain lines or hide the chrome.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.document import Document, Label, Line

#: A line is uncertain when its score is within this distance of the threshold.
UNCERTAIN_MARGIN = 0.2


def is_uncertain(line: Line, threshold: float, margin: float = UNCERTAIN_MARGIN) -> bool:
    """True when the line's score lies within ``margin`` of ``threshold``."""
    return line.score is not None and abs(line.score - threshold) < margin


def uncertain_lines(doc: Document, n: int, threshold: float) -> list[Line]:
    """The ``n`` scored lines closest to the threshold, most uncertain first.

    >>> from cleaner.document import Document
    >>> doc = Document.from_text("a\\nb\\nc").with_predictions([0.95, 0.45, 0.1], 0.5)
    >>> [line.text for line in uncertain_lines(doc, 2, 0.5)]
    ['b', 'c']
    """
    scored = [line for line in doc.lines if line.score is not None]
    scored.sort(key=lambda line: (abs(float(line.score or 0.0) - threshold), line.position))
    return scored[:n]


@dataclass(frozen=True, slots=True)
class PageCounts:
    """How many lines of a page got each label, and how many are uncertain."""

    lines: int
    article: int
    chrome: int
    uncertain: int

    @classmethod
    def of(cls, doc: Document, threshold: float) -> PageCounts:
        """Count the labelled lines of ``doc``."""
        article = sum(line.label is Label.ARTICLE for line in doc.lines)
        return cls(
            lines=len(doc),
            article=article,
            chrome=len(doc) - article,
            uncertain=sum(is_uncertain(line, threshold) for line in doc.lines),
        )


_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; word-break: break-all; }
.controls label { margin-right: 1.5em; }
table { border-collapse: collapse; width: 100%; }
td { padding: 1px 6px; vertical-align: top; }
td.n, td.s { color: #666; text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.t { white-space: pre-wrap; word-break: break-word; }
tr.article td.t { background: #e3f6e3; }
tr.chrome td.t { background: #f2f2f2; color: #888; text-decoration: line-through; }
tr.uncertain td.n { border-left: 4px solid #e0a000; }
tr.uncertain td.t { outline: 1px dashed #e0a000; }
tr.break td { border-top: 8px solid #fff; }
.counts span { margin-right: 1.2em; } .legend span { padding: 0 6px; margin-right: 1em; }
body.only-uncertain tr:not(.uncertain) { display: none; }
body.hide-chrome tr.chrome { display: none; }
"""

_SCRIPT = """
for (const page of document.querySelectorAll("section.page")) {
  const rows = page.querySelectorAll("tbody tr");
  const count = (sel) => page.querySelectorAll("tbody tr" + sel).length;
  const shown = page.querySelector(".browser-counts");
  shown.dataset.lines = rows.length;
  shown.dataset.article = count(".article");
  shown.dataset.chrome = count(".chrome");
  shown.dataset.uncertain = count(".uncertain");
  shown.textContent = `counted in the browser: ${rows.length} lines, ${count(".article")} article, `
    + `${count(".chrome")} chrome, ${count(".uncertain")} uncertain`;
}
for (const [id, cls] of [["only-uncertain", "only-uncertain"], ["hide-chrome", "hide-chrome"]]) {
  document.getElementById(id).addEventListener("change",
    (e) => document.body.classList.toggle(cls, e.target.checked));
}
document.body.dataset.ready = "yes";
"""


def _page_section(doc: Document, index: int, threshold: float) -> str:
    counts = PageCounts.of(doc, threshold)
    name = html.escape(doc.name or f"page {index + 1}")
    rows = []
    for line in doc.lines:
        classes = [str(line.label or "unlabelled")]
        if is_uncertain(line, threshold):
            classes.append("uncertain")
        if line.break_before:
            classes.append("break")
        score = "" if line.score is None else f"{line.score:.3f}"
        rows.append(
            f'<tr class="{" ".join(classes)}"><td class="n">{line.position + 1}</td>'
            f'<td class="s">{score}</td><td class="t">{html.escape(line.text)}</td></tr>'
        )
    return (
        f'<section class="page" id="page-{index + 1}"><h2>{name}</h2>'
        f'<p class="counts" data-lines="{counts.lines}" data-article="{counts.article}" '
        f'data-chrome="{counts.chrome}" data-uncertain="{counts.uncertain}">'
        f"<span>{counts.lines} lines</span><span>{counts.article} article (kept)</span>"
        f"<span>{counts.chrome} chrome (cut)</span>"
        f"<span>{counts.uncertain} uncertain</span></p>"
        '<p class="browser-counts"></p>'
        "<table><thead><tr><th>line</th><th>score</th><th>text</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def review_report(docs: Sequence[Document], threshold: float, model_id: str = "") -> str:
    """One self-contained HTML page showing every labelled line of ``docs``."""
    sections = "".join(_page_section(doc, i, threshold) for i, doc in enumerate(docs))
    total = [PageCounts.of(doc, threshold) for doc in docs]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>cleaner review: {len(docs)} page(s)</title><style>{_STYLE}</style></head>"
        "<body><h1>cleaner review</h1>"
        f"<p>{len(docs)} page(s), {sum(c.lines for c in total)} lines; model "
        f"{html.escape(model_id)}, threshold {threshold:g}; uncertain: score within "
        f"{UNCERTAIN_MARGIN:g} of the threshold.</p>"
        '<p class="legend"><span style="background:#e3f6e3">article (kept)</span>'
        '<span style="background:#f2f2f2;color:#888;text-decoration:line-through">'
        'chrome (cut)</span><span style="outline:1px dashed #e0a000">uncertain</span></p>'
        '<p class="controls"><label><input type="checkbox" id="only-uncertain"> '
        'only uncertain lines</label><label><input type="checkbox" id="hide-chrome"> '
        "hide chrome</label></p>"
        f"{sections}<script>{_SCRIPT}</script></body></html>"
    )
