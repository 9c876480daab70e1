"""Shallow statistics of a line's own text (context-free)."""

from __future__ import annotations

import math
import re

import numpy as np

from cleaner.document import Document
from cleaner.features.base import LineFeatures
from cleaner.features.stopwords import WORD_RE, page_stoplist

#: Characters that end a sentence, optionally followed by closing quotes.
TERMINAL_RE = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
BULLET_RE = re.compile(r"^\s*(?:[•·▪►◦‣∙*\-–—+>]|\d{1,3}[.)]|[a-z][.)])\s")
URL_RE = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b", re.IGNORECASE)
#: Anchored on one word character before "@" so that it stays linear on huge lines.
EMAIL_RE = re.compile(r"\w@[\w-]+\.\w")
SEPARATOR_RE = re.compile(r"\s[|•·›»/–-]\s")
PUNCT_RE = re.compile(r"[^\w\s]")
SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)")


def line_words(text: str) -> list[str]:
    """The ``\\w+`` words of a line."""
    return WORD_RE.findall(text)


def is_terminal(text: str) -> bool:
    """True when the line ends like a sentence."""
    return TERMINAL_RE.search(text.rstrip()) is not None


class TextStats(LineFeatures):
    """Length, words, punctuation, capitals, digits, bullets, stop words.

    Examples
    --------
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

    def document_features(self, doc: Document) -> np.ndarray:
        """One row of statistics per line."""
        words_per_line = [line_words(line.text) for line in doc.lines]
        stoplist = page_stoplist(doc.texts)
        rows = [
            self._line(line.text, words, stoplist)
            for line, words in zip(doc.lines, words_per_line, strict=True)
        ]
        return np.array(rows, dtype=float)

    @staticmethod
    def _line(text: str, words: list[str], stoplist: frozenset[str]) -> list[float]:
        stripped = text.strip()
        n_chars = max(len(stripped), 1)
        n_words = len(words)
        letters = sum(map(str.isalpha, stripped))
        uppers = sum(map(str.isupper, stripped))
        digits = sum(map(str.isdigit, stripped))
        puncts = len(PUNCT_RE.findall(stripped))
        stops = sum(w.lower() in stoplist for w in words)
        titled = sum(w[0].isupper() for w in words)
        indent = len(text) - len(text.lstrip())
        return [
            math.log1p(len(stripped)),
            math.log1p(n_words),
            sum(map(len, words)) / n_words if n_words else 0.0,
            letters / n_chars,
            digits / n_chars,
            uppers / letters if letters else 0.0,
            puncts / n_chars,
            float(is_terminal(stripped)),
            float(stripped.endswith(":")),
            float(stripped[:1].isupper()),
            float(letters > 1 and uppers == letters),
            float(BULLET_RE.match(text) is not None),
            math.log1p(indent),
            titled / n_words if n_words else 0.0,
            float(URL_RE.search(stripped) is not None),
            float(EMAIL_RE.search(stripped) is not None),
            float(len(SEPARATOR_RE.findall(stripped))),
            stops / n_words if n_words else 0.0,
            math.log1p(stops),
            float(len(SENTENCE_END_RE.findall(stripped))),
        ]
