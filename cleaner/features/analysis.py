"""One analysis of a page, shared by every feature family.

Each line is read once: the page's lines (white space stripped) are joined
into one string whose code points are classified through a lookup table;
words are the runs of word characters, found for the whole page at once;
per-line counts are differences of cumulative sums. The page's stop list is
chosen once, and each line's `line_key` is built from its words. Feature
families read from a `PageAnalysis`; none analyses a line again.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np

from cleaner.document import Document
from cleaner.features.stopwords import document_stoplist

#: Features see at most this many characters of a line (the whole line is kept).
MAX_FEATURE_CHARS = 100_000

# Classes of a character, as bits of one byte.
ALPHA, UPPER, DIGIT, SPACE, WORD, ALNUM = 1, 2, 4, 8, 16, 32
_BMP = 0x10000
_DIGIT_RUN = re.compile(r"\d+")
_WORD_RE = re.compile(r"\w+")


def _classes_of(char: str) -> int:
    return (
        ALPHA * char.isalpha()
        | UPPER * char.isupper()
        | DIGIT * char.isdigit()
        | SPACE * char.isspace()
        | WORD * (char.isalnum() or char == "_")
        | ALNUM * char.isalnum()
    )


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Class bits and lower-case code point of every character of the BMP."""
    chars = "".join(map(chr, range(_BMP)))
    classes = np.frombuffer(bytes(_classes_of(c) for c in chars), dtype=np.uint8).copy()
    lower = np.arange(_BMP, dtype=np.uint32)
    for i, char in enumerate(chars):
        low = char.lower()
        if low != char and len(low) == 1:
            lower[i] = ord(low)
    return classes, lower


def code_points(text: str) -> np.ndarray:
    """The code points of ``text``, one per character (lone surrogates too)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def char_classes(text: str, codes: np.ndarray) -> np.ndarray:
    """The class bits of each character of ``text``."""
    table, _ = _tables()
    classes = table[np.minimum(codes, _BMP - 1)]
    for i in np.flatnonzero(codes >= _BMP):  # outside the table: rare, one by one
        classes[i] = _classes_of(text[i])
    return classes


def lower_codes(codes: np.ndarray) -> np.ndarray:
    """Lower-case code points (characters outside the BMP as they are)."""
    _, lower = _tables()
    return np.where(codes < _BMP, lower[np.minimum(codes, _BMP - 1)], codes)


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the runs of True in ``mask``."""
    edges = np.diff(np.concatenate([[0], mask.view(np.int8), [0]]))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def _per_line(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The sum of ``values`` over each line's characters."""
    cumulative = np.concatenate([[0], np.cumsum(values, dtype=np.int64)])
    return cumulative[ends] - cumulative[starts]


@dataclass(frozen=True, eq=False)
class PageAnalysis:
    """What every feature family reads of one page, computed once.

    Offsets point into `joined`, the page's lines with white space stripped,
    joined by newlines. Word arrays run over all words of the page in order.
    """

    raw: list[str]
    stripped: list[str]
    breaks: np.ndarray
    contexts: list[object | None]
    joined: str
    lowered: str
    starts: np.ndarray
    ends: np.ndarray
    classes: np.ndarray
    codes: np.ndarray
    word_starts: np.ndarray
    word_ends: np.ndarray
    word_line: np.ndarray
    words: list[str]
    stoplist: frozenset[str]
    is_stop: np.ndarray
    #: Each line's `line_key`.
    keys: list[str]
    _cache: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """Lines on the page."""
        return len(self.raw)

    @property
    def lengths(self) -> np.ndarray:
        """Characters of each line, white space stripped."""
        return self.ends - self.starts

    def count(self, bits: int) -> np.ndarray:
        """Characters of each line with any of the class ``bits``."""
        key = f"count{bits}"
        if key not in self._cache:
            self._cache[key] = _per_line((self.classes & bits) > 0, self.starts, self.ends)
        return self._cache[key]

    @property
    def n_words(self) -> np.ndarray:
        """Words of each line."""
        if "n_words" not in self._cache:
            self._cache["n_words"] = np.bincount(self.word_line, minlength=self.n)
        return self._cache["n_words"]

    def line_hits(self, pattern: re.Pattern[str], lowered: bool = False) -> np.ndarray:
        """Matches of ``pattern`` (which never crosses a newline) in each line
        (of the lower-cased page with ``lowered``)."""
        ends = [m.end() for m in pattern.finditer(self.lowered if lowered else self.joined)]
        if not ends:
            return np.zeros(self.n, dtype=np.int64)
        lines = np.searchsorted(self.starts, np.asarray(ends) - 1, side="right") - 1
        return np.bincount(lines, minlength=self.n)

    @property
    def terminal(self) -> np.ndarray:
        """True for a line that ends like a sentence."""
        if "terminal" not in self._cache:
            self._cache["terminal"] = self.line_hits(TERMINAL_RE) > 0
        return self._cache["terminal"]


#: A sentence's end, optionally followed by closing quotes, at a line's end:
#: the Latin, CJK, Burmese (။), Devanagari (। ॥), Arabic and Urdu (؟ ۔),
#: Armenian (։) and Ethiopic (።) sentence marks.
TERMINAL_RE = re.compile(r"[.!?…。！？။।॥؟۔։።][\"'”’»)\]]*$", re.MULTILINE)


def analyse(doc: Document) -> PageAnalysis:
    """Read the lines of ``doc`` once, for every feature family."""
    raw = [line.text[:MAX_FEATURE_CHARS] for line in doc.lines]
    stripped = [text.strip() for text in raw]
    joined = "\n".join(stripped)
    lengths = np.fromiter(map(len, stripped), dtype=np.int64, count=len(stripped))
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64)
    ends = starts + lengths
    codes = code_points(joined)
    classes = char_classes(joined, codes)
    word_starts, word_ends = _runs((classes & WORD) > 0)
    word_line = np.searchsorted(starts, word_starts, side="right") - 1
    lowered = joined.lower()
    words = _WORD_RE.findall(lowered) if len(lowered) == len(joined) else []
    if len(words) != len(word_starts):  # a character whose lower case is longer
        lowered = joined
        words = [
            joined[s:e].lower()
            for s, e in zip(word_starts.tolist(), word_ends.tolist(), strict=True)
        ]
    stoplist = document_stoplist(words)
    is_stop = np.fromiter((w in stoplist for w in words), dtype=bool, count=len(words))
    has_digit = _per_line((classes & DIGIT) > 0, word_starts, word_ends) > 0
    folded = [
        _DIGIT_RUN.sub("0", w) if d else w for w, d in zip(words, has_digit.tolist(), strict=True)
    ]
    bounds = np.searchsorted(word_line, np.arange(len(raw) + 1)).tolist()
    keys = [" ".join(folded[bounds[i] : bounds[i + 1]]) for i in range(len(raw))]
    return PageAnalysis(
        raw=raw,
        stripped=stripped,
        breaks=np.fromiter((line.break_before for line in doc.lines), bool, count=len(raw)),
        contexts=[line.context for line in doc.lines],
        joined=joined,
        lowered=lowered,
        starts=starts,
        ends=ends,
        classes=classes,
        codes=codes,
        word_starts=word_starts,
        word_ends=word_ends,
        word_line=word_line,
        words=folded,
        stoplist=stoplist,
        is_stop=is_stop,
        keys=keys,
    )
