"""The per-line feature code that the page-at-once families replaced, kept as a
reference: the new families must give the same values on real pages."""

from __future__ import annotations

import math
import re

import numpy as np

from cleaner.document import Document
from cleaner.features.stopwords import page_stoplist

WORD_RE = re.compile(r"\w+")
TERMINAL_RE = re.compile(r"[.!?…。！？။।॥؟۔։።][\"'”’»)\]]*$")
BULLET_RE = re.compile(r"^\s*(?:[•·▪►◦‣∙*\-–—+>]|\d{1,3}[.)]|[a-z][.)])(?:\s|$)")
URL_RE = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b", re.IGNORECASE)
EMAIL_RE = re.compile(r"\w@[\w-]+\.\w")
SEPARATOR_RE = re.compile(r"\s[|•·›»/–-]\s")
PUNCT_RE = re.compile(r"[^\w\s]")
SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)")


def is_terminal(text: str) -> bool:
    return TERMINAL_RE.search(text.rstrip()) is not None


def text_stats(doc: Document) -> np.ndarray:
    """TextStats, one line at a time (bare bullets count as bullets)."""
    stoplist = page_stoplist(doc.texts)
    rows = []
    for line in doc.lines:
        text = line.text
        words = WORD_RE.findall(text)
        stripped = text.strip()
        n_chars = max(len(stripped), 1)
        n_words = len(words)
        letters = sum(map(str.isalpha, stripped))
        uppers = sum(map(str.isupper, stripped))
        digits = sum(map(str.isdigit, stripped))
        stops = sum(w.lower() in stoplist for w in words)
        titled = sum(w[0].isupper() for w in words)
        rows.append(
            [
                math.log1p(len(stripped)),
                math.log1p(n_words),
                sum(map(len, words)) / n_words if n_words else 0.0,
                letters / n_chars,
                digits / n_chars,
                uppers / letters if letters else 0.0,
                len(PUNCT_RE.findall(stripped)) / n_chars,
                float(is_terminal(stripped)),
                float(stripped.endswith(":")),
                float(stripped[:1].isupper()),
                float(letters > 1 and uppers == letters),
                float(BULLET_RE.match(stripped) is not None),
                math.log1p(len(text) - len(text.lstrip())),
                titled / n_words if n_words else 0.0,
                float(URL_RE.search(stripped) is not None),
                float(EMAIL_RE.search(stripped) is not None),
                float(len(SEPARATOR_RE.findall(stripped))),
                stops / n_words if n_words else 0.0,
                math.log1p(stops),
                float(len(SENTENCE_END_RE.findall(stripped))),
            ]
        )
    return np.array(rows, dtype=float)
