"""Text-level accuracy metrics of an extraction against gold text.

- word F1: bag of lower-cased ``\\w+`` words (the WCXB metric);
- shingle F1: bag of 4-word shingles, each page's counts normalised, as in
  the article-extraction-benchmark metric.
Both are computed per page and averaged over pages.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cleaner.features.scripts import script_of

_WORD = re.compile(r"\w+")
SHINGLE = 4


def _f1(pred: Counter[Any], gold: Counter[Any]) -> tuple[float, float, float]:
    tp = sum((pred & gold).values())
    n_pred, n_gold = sum(pred.values()), sum(gold.values())
    if not n_pred and not n_gold:
        return 1.0, 1.0, 1.0
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def words(text: str) -> list[str]:
    """Lower-cased ``\\w+`` words."""
    return _WORD.findall(text.lower())


def shingles(ws: list[str]) -> Counter[tuple[str, ...]]:
    """4-word shingles (one shorter shingle for a text under 4 words)."""
    if len(ws) < SHINGLE:
        return Counter([tuple(ws)]) if ws else Counter()
    return Counter(tuple(ws[i : i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1))


@dataclass(frozen=True)
class TextScores:
    """Word and shingle precision, recall and F1 of one page."""

    word_precision: float
    word_recall: float
    word_f1: float
    shingle_f1: float

    @classmethod
    def compare(cls, extracted: str, gold: str) -> TextScores:
        """Score ``extracted`` against ``gold``.

        Examples
        --------
        >>> s = TextScores.compare("the cat sat on the mat", "the cat sat on the mat today")
        >>> round(s.word_f1, 3), round(s.shingle_f1, 3)
        (0.923, 0.857)
        """
        pw, gw = words(extracted), words(gold)
        wp, wr, wf = _f1(Counter(pw), Counter(gw))
        _, _, sf = _f1(shingles(pw), shingles(gw))
        return cls(wp, wr, wf, sf)


def mean_f1(pages: Sequence[TextScores]) -> tuple[float, float]:
    """Word F1 and shingle F1 averaged over pages.

    Examples
    --------
    >>> mean_f1([TextScores(1.0, 1.0, 1.0, 0.5), TextScores(0.5, 0.5, 0.5, 0.0)])
    (0.75, 0.25)
    """
    return (
        statistics.fmean(p.word_f1 for p in pages),
        statistics.fmean(p.shingle_f1 for p in pages),
    )


#: The language groups that figures are reported by.
LANGUAGE_GROUPS = ("English", "other Latin script", "Cyrillic", "CJK", "other scripts")


#: The language group of each script `script_of` tells (others: "other scripts").
_SCRIPT_GROUPS = {
    "Latin": "Latin",
    "Cyrillic": "Cyrillic",
    "Han": "CJK",
    "Kana": "CJK",
    "Hangul": "CJK",
}


@functools.lru_cache(maxsize=2048)  # the benchmarks ask it again for each dump of a page
def language_group(text: str, language: str | None = None) -> str:
    """The page's group in `LANGUAGE_GROUPS`, from the script most of its
    letters are written in; a Latin-script page is English when ``language``
    (ISO 639-1) says so or, unsaid, when py3langid reads it as English (or
    it is too short to tell). Which stop list covers it best does not tell:
    several lists (Marathi's, Finnish's, Georgian's...) hold hundreds of
    English words besides their own.

    >>> language_group("The story goes on."), language_group("La historia sigue.", "es")
    ('English', 'other Latin script')
    >>> language_group("Новости дня"), language_group("東京の天気"), language_group("ข่าววันนี้")
    ('Cyrillic', 'CJK', 'other scripts')
    """
    counts = Counter(_SCRIPT_GROUPS.get(script_of(c), "other") for c in text if c.isalpha())
    if not counts:
        return "other scripts"
    script = counts.most_common(1)[0][0]
    if script == "Latin":
        if language:
            english = language.lower().startswith("en")
        else:
            from cleaner.pages.language import detect_language

            english = detect_language(text) in ("en", None)
        return "English" if english else "other Latin script"
    return {"Cyrillic": "Cyrillic", "CJK": "CJK"}.get(script, "other scripts")
