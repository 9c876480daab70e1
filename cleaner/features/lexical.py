"""Lexical cues: hashed word and character n-grams ("password", "share", "© 0").

Words are the page's words (lower-cased, each run of digits folded to
``0``), so "2017-07-20" and "2018-01-02" look alike. Character n-grams
are taken from the first `CHAR_PREFIX` characters of each line, within
words padded by a space on each side, as scikit-learn's ``char_wb``
analyser takes them: the cues they carry ("Share on", "Posted by") sit at
a line's start, and long prose lines would otherwise cost thousands each.

Every n-gram is hashed with arithmetic on arrays of code points, for all
lines of a page at once, into ``2**word_bits`` word columns and
``2**char_bits`` character columns; each line's two blocks are scaled to
unit length, as ``HashingVectorizer`` does by default.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from cleaner.document import Document
from cleaner.features.analysis import DIGIT, SPACE, PageAnalysis, analyse, lower_codes

#: Character n-grams are taken from this many leading characters of a line.
CHAR_PREFIX = 64
#: Lengths of the character n-grams.
CHAR_NGRAMS = (3, 4, 5)
_BASE = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd constant: multiplying by it scatters bits
_SPACE_CODE = 32


def _bucket(hashes: np.ndarray, salt: int, bits: int) -> np.ndarray:
    """Column of each hash in ``2**bits`` buckets (its top bits after mixing)."""
    mixed = (hashes + np.uint64(salt) * _BASE) * _MIX
    return (mixed >> np.uint64(64 - bits)).astype(np.int64)


def _normalised(rows: np.ndarray, cols: np.ndarray, n_rows: int, width: int) -> sp.csr_matrix:
    """Counts of (row, column) pairs, each row scaled to unit length."""
    keys, counts = np.unique(rows.astype(np.int64) * width + cols, return_counts=True)
    key_rows = keys // width
    squares = np.bincount(key_rows, weights=counts.astype(float) ** 2, minlength=n_rows)
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    indptr = np.concatenate([[0], np.cumsum(np.bincount(key_rows, minlength=n_rows))])
    data = counts / norms[key_rows]
    return sp.csr_matrix((data, keys - key_rows * width, indptr), shape=(n_rows, width))


def word_ngrams(page: PageAnalysis, bits: int) -> sp.csr_matrix:
    """Hashed word 1-grams and 2-grams (within a line) of each line."""
    table = {w: zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in set(page.words)}
    hashes = np.fromiter(map(table.__getitem__, page.words), dtype=np.uint64, count=len(page.words))
    line = page.word_line
    same = line[1:] == line[:-1]
    pairs = hashes[:-1][same] * _BASE + hashes[1:][same]
    rows = np.concatenate([line, line[1:][same]])
    cols = np.concatenate([_bucket(hashes, 1, bits), _bucket(pairs, 2, bits)])
    return _normalised(rows, cols, page.n, 2**bits)


def char_ngrams(page: PageAnalysis, bits: int) -> sp.csr_matrix:
    """Hashed character n-grams of the start of each line, within padded words."""
    n = page.n
    width = CHAR_PREFIX + 2
    taken = np.minimum(page.lengths, CHAR_PREFIX)
    offsets = np.arange(CHAR_PREFIX)
    inside = offsets[None, :] < taken[:, None]
    index = np.where(inside, page.starts[:, None] + offsets[None, :], 0)
    codes = lower_codes(page.codes[index]) if len(page.codes) else np.zeros_like(index)
    classes = page.classes[index] if len(page.codes) else np.zeros_like(index)
    codes = np.where((classes & DIGIT) > 0, ord("0"), codes)
    codes = np.where((classes & SPACE) > 0, _SPACE_CODE, codes)
    grid = np.zeros((n, width), dtype=np.uint64)
    grid[:, 0] = _SPACE_CODE
    grid[:, 1 : CHAR_PREFIX + 1] = np.where(inside, codes, 0)
    grid[np.arange(n), taken + 1] = _SPACE_CODE
    present = grid > 0
    space = grid == _SPACE_CODE
    rows_parts, cols_parts = [], []
    for size in CHAR_NGRAMS:
        span = width - size + 1
        hashed = np.zeros((n, span), dtype=np.uint64)
        valid = np.ones((n, span), dtype=bool)
        for k in range(size):
            hashed = hashed * _BASE + grid[:, k : k + span]
            valid &= present[:, k : k + span]
            if 0 < k < size - 1:
                valid &= ~space[:, k : k + span]  # n-grams stay within a word
        r, c = np.nonzero(valid)
        rows_parts.append(r)
        cols_parts.append(_bucket(hashed[r, c], 10 + size, bits))
    return _normalised(np.concatenate(rows_parts), np.concatenate(cols_parts), n, 2**bits)


class LexicalFeatures(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Hashed word 1-2-grams and character 3-5-grams (of its start) of each line.

    Parameters
    ----------
    word_bits, char_bits:
        log2 of the number of hashed columns for words and for characters.
    """

    def __init__(self, word_bits: int = 18, char_bits: int = 18) -> None:
        self.word_bits = word_bits
        self.char_bits = char_bits

    def fit(self, docs: Sequence[Document], y: object = None) -> LexicalFeatures:
        """Nothing to learn: records the output width."""
        self.n_features_out_ = 2**self.word_bits + 2**self.char_bits
        return self

    def page_features(self, page: PageAnalysis) -> sp.csr_matrix:
        """Hashed n-grams of one page, one row per line."""
        check_is_fitted(self, "n_features_out_")
        return sp.hstack(
            [word_ngrams(page, self.word_bits), char_ngrams(page, self.char_bits)], format="csr"
        )

    def transform(self, docs: Sequence[Document]) -> sp.csr_matrix:
        """Hashed n-grams, one row per line."""
        check_is_fitted(self, "n_features_out_")
        blocks = [self.page_features(analyse(doc)) for doc in docs if len(doc)]
        if not blocks:
            return sp.csr_matrix((0, self.n_features_out_))
        return sp.vstack(blocks, format="csr")
