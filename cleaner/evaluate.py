"""Line-level metrics, and trafilatura's and jusText's verdicts as baselines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleaner import trafilatura_adapter as traf
from cleaner.document import Document, Label
from cleaner.features.stopwords import page_stoplist
from cleaner.features.text import is_terminal, line_words

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
    return traf.justext_keep(doc.texts, page_stoplist(doc.texts))


def trafilatura_verdicts(doc: Document) -> list[bool]:
    """trafilatura's verdict on each line of the page wrapped as HTML."""
    return traf.trafilatura_keep_dump(doc.texts)


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
            and len(line_words(text)) >= 3
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
