"""Line-level metrics, and trafilatura's and jusText's verdicts as baselines.

On a text dump, trafilatura sees the dump wrapped as HTML, one ``<p>`` a
line, and jusText sees each line as one paragraph.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleaner.document import Document, Label, line_key
from cleaner.features.stopwords import WORD_RE, page_stoplist
from cleaner.features.text import is_terminal
from cleaner.pages import trafilatura as traf

if TYPE_CHECKING:
    from cleaner.api import Cleaner


@dataclass(frozen=True)
class LineScores:
    """Precision, recall and F1 of `article` over lines."""

    precision: float
    recall: float
    f1: float
    lines: int

    @classmethod
    def from_verdicts(cls, gold: Sequence[bool], kept: Sequence[bool]) -> LineScores:
        """Scores of ``kept`` (True = article) against ``gold``.

        Examples
        --------
        >>> LineScores.from_verdicts([True, True, False], [True, False, False]).f1
        0.6666666666666666
        """
        tp = sum(g and k for g, k in zip(gold, kept, strict=True))
        n_kept, n_gold = sum(kept), sum(gold)
        precision = tp / n_kept if n_kept else (1.0 if not n_gold else 0.0)
        recall = tp / n_gold if n_gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, len(gold))


def gold_verdicts(doc: Document) -> list[bool]:
    """True for each gold article line."""
    return [line.label is Label.ARTICLE for line in doc.lines]


def justext_verdicts(doc: Document) -> list[bool]:
    """jusText's verdict on each line of the page (one paragraph a line)."""
    classes = traf.justext_classes(doc.texts, page_stoplist(doc.texts))
    return [final == "good" for _, final in classes]


def wrap_as_html(texts: Sequence[str]) -> str:
    """A minimal HTML page holding each line as one paragraph."""
    body = "".join(f"<p>{html.escape(traf.xml_safe(t))}</p>\n" for t in texts)
    return f"<html><head><title></title></head><body>\n{body}</body></html>"


def match_in_order(texts: Sequence[str], pieces: Sequence[str]) -> list[int | None]:
    """For each piece, the index of the next line with the same `line_key`
    (searching forward from the last match), or None.

    >>> match_in_order(["Menu", "The story.", "Footer"], ["the story", "Footer!"])
    [1, 2]
    """
    keys = [line_key(t) for t in texts]
    found: list[int | None] = []
    j = 0
    for piece in pieces:
        target = line_key(piece)
        hit = None
        if target:
            for k in range(j, len(keys)):
                if keys[k] == target:
                    hit, j = k, k + 1
                    break
        found.append(hit)
    return found


def trafilatura_verdicts(doc: Document) -> list[bool]:
    """trafilatura's verdict on each line of the page wrapped as HTML."""
    texts = doc.texts
    if not texts:
        return []
    result = traf.extract_html(
        wrap_as_html(texts), include_comments=False, include_tables=True, deduplicate=False
    )
    out = [False] * len(texts)
    for k in match_in_order(texts, result.split("\n")):
        if k is not None:
            out[k] = True
    return out


#: Phrases that make the C4 filter drop a line (after Raffel et al., 2020).
C4_POLICY_PHRASES = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
    "javascript",
    "lorem ipsum",
)


def c4_verdicts(doc: Document) -> list[bool]:
    """The C4 line filter: terminal punctuation, at least 3 words, no policy phrase."""
    out = []
    for text in doc.texts:
        lower = text.lower()
        out.append(
            is_terminal(text)
            and len(WORD_RE.findall(text)) >= 3
            and "{" not in text
            and not any(phrase in lower for phrase in C4_POLICY_PHRASES)
        )
    return out


def cleaner_verdicts(cleaner: Cleaner) -> Callable[[Document], list[bool]]:
    """The verdicts of a loaded `Cleaner`, as a baseline-shaped function."""

    def verdicts(doc: Document) -> list[bool]:
        return [line.label is Label.ARTICLE for line in cleaner.label_document(doc).lines]

    return verdicts


#: The baselines ``cleaner evaluate`` puts next to the model.
BASELINES: dict[str, Callable[[Document], list[bool]]] = {
    "trafilatura": trafilatura_verdicts,
    "justext": justext_verdicts,
}


def pooled_scores(
    docs: Sequence[Document], verdicts: Callable[[Document], Sequence[bool]]
) -> LineScores:
    """Line scores pooled over all lines of ``docs``."""
    gold: list[bool] = []
    kept: list[bool] = []
    for doc in docs:
        gold += gold_verdicts(doc)
        kept += list(verdicts(doc))
    return LineScores.from_verdicts(gold, kept)
