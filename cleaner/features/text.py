"""Shallow statistics of a line's own text (context-free), for a whole page at once."""

from __future__ import annotations

import re

import numpy as np

from cleaner.features.analysis import (
    ALPHA,
    DIGIT,
    SPACE,
    TERMINAL_RE,
    UPPER,
    WORD,
    PageAnalysis,
)
from cleaner.features.base import LineFeatures

# The patterns run once over the page's stripped lines joined by newlines,
# so none may cross a newline: "[^\S\n]" is white space within a line.
BULLET_RE = re.compile(r"^(?:[•·▪►◦‣∙*\-–—+>]|\d{1,3}[.)]|[a-z][.)])(?:[^\S\n]|$)", re.MULTILINE)
#: Matched against the lower-cased page.
URL_RE = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b")
#: A word character before "@", looked behind, so that the search runs on "@" alone.
EMAIL_RE = re.compile(r"(?<=\w)@[\w-]+\.\w")
SEPARATOR_RE = re.compile(r"[^\S\n][|•·›»/–-][^\S\n]")
SENTENCE_END_RE = re.compile(r"[.!?](?:[^\S\n]|$)", re.MULTILINE)


def is_terminal(text: str) -> bool:
    """True when one line ends like a sentence.

    >>> is_terminal('He said "yes."  '), is_terminal("Items:")
    (True, False)
    """
    return TERMINAL_RE.search(text.rstrip()) is not None


def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    return np.divide(part, whole, out=np.zeros(len(part)), where=whole > 0)


class TextStats(LineFeatures):
    """Length, words, punctuation, capitals, digits, bullets, stop words.

    Examples
    --------
    >>> from cleaner.document import Document
    >>> doc = Document.from_text("Share on twitter\\nThe police said it was over.")
    >>> X = TextStats().fit([doc]).transform([doc])
    >>> X.shape
    (2, 20)
    >>> names = list(TextStats.feature_names)
    >>> X[:, names.index("terminal")].tolist()
    [0.0, 1.0]
    """

    feature_names = (
        "log_chars",
        "log_words",
        "mean_word_len",
        "alpha_share",
        "digit_share",
        "upper_share",
        "punct_share",
        "terminal",
        "ends_colon",
        "starts_upper",
        "all_caps",
        "bullet",
        "log_indent",
        "title_case_share",
        "has_url",
        "has_email",
        "separators",
        "stopword_density",
        "log_stopwords",
        "sentences",
    )

    def page_features(self, page: PageAnalysis) -> np.ndarray:
        """One row of statistics per line."""
        n = page.n
        lengths = page.lengths
        chars = np.maximum(lengths, 1)
        n_words = page.n_words
        letters = page.count(ALPHA)
        uppers = page.count(UPPER)
        digits = page.count(DIGIT)
        puncts = lengths - page.count(WORD | SPACE)
        word_chars = np.bincount(
            page.word_line, weights=page.word_ends - page.word_starts, minlength=n
        )
        stops = np.bincount(page.word_line, weights=page.is_stop, minlength=n)
        titled = np.bincount(
            page.word_line, weights=(page.classes[page.word_starts] & UPPER) > 0, minlength=n
        )
        has_text = lengths > 0
        last = np.where(has_text, page.ends - 1, 0)
        first = np.where(has_text, page.starts, 0)
        nonempty = len(page.codes) > 0
        ends_colon = has_text & (page.codes[last] == ord(":")) if nonempty else has_text
        starts_upper = has_text & ((page.classes[first] & UPPER) > 0) if nonempty else has_text
        indent = np.fromiter(
            (len(raw) - len(raw.lstrip()) for raw in page.raw), dtype=float, count=n
        )
        return np.column_stack(
            [
                np.log1p(lengths),
                np.log1p(n_words),
                _share(word_chars, n_words),
                letters / chars,
                digits / chars,
                _share(uppers, letters),
                puncts / chars,
                page.terminal,
                ends_colon,
                starts_upper,
                (letters > 1) & (uppers == letters),
                page.line_hits(BULLET_RE) > 0,
                np.log1p(indent),
                _share(titled, n_words),
                page.line_hits(URL_RE, lowered=True) > 0,
                page.line_hits(EMAIL_RE) > 0 if "@" in page.joined else np.zeros(n, bool),
                page.line_hits(SEPARATOR_RE),
                _share(stops, n_words),
                np.log1p(stops),
                page.line_hits(SENTENCE_END_RE),
            ]
        ).astype(float)
