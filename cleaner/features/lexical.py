"""Lexical cues: hashed word and character n-grams ("password", "share")."""

from __future__ import annotations

import re
from collections.abc import Sequence

import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils.validation import check_is_fitted

from cleaner.document import Document

_DIGITS = re.compile(r"\d")


#: Character n-grams are taken from this many leading characters only: the
#: cues they carry ("Share on", "Posted by", "© 2024") sit at a line's start,
#: and long prose lines would otherwise cost thousands of n-grams each.
CHAR_PREFIX = 64


def _prepare(text: str) -> str:
    """Lower-case, digits folded to 0: "2017-07-20" and "2018-01-02" look alike."""
    return _DIGITS.sub("0", text.strip().lower())


def _prepare_prefix(text: str) -> str:
    return _prepare(text)[:CHAR_PREFIX]


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
        """Build the (stateless) hashing vectorisers."""
        self.words_ = HashingVectorizer(
            n_features=2**self.word_bits,
            ngram_range=(1, 2),
            token_pattern=r"\w+",
            preprocessor=_prepare,
            alternate_sign=False,
        )
        self.chars_ = HashingVectorizer(
            n_features=2**self.char_bits,
            analyzer="char_wb",
            ngram_range=(3, 5),
            preprocessor=_prepare_prefix,
            alternate_sign=False,
        )
        return self

    def transform(self, docs: Sequence[Document]) -> sp.csr_matrix:
        """Hashed n-grams, one row per line."""
        check_is_fitted(self, "words_")
        texts = [line.text for doc in docs for line in doc.lines]
        return sp.hstack([self.words_.transform(texts), self.chars_.transform(texts)], format="csr")
