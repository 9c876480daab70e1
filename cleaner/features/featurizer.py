"""`LineFeaturizer`: every feature family of a line, as one transformer.

Its output is one sparse matrix, one row per line of every document: the
dense families first (``n_dense_`` columns: text, context, repetition,
trafilatura's heuristics, and the DOM context for HTML lines), then the
hashed n-grams. The families are built in `fit`, from the parameters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.pipeline import FeatureUnion
from sklearn.utils.validation import check_is_fitted

from cleaner.document import Document
from cleaner.features.context import ContextFeatures
from cleaner.features.heuristics import TrafilaturaRules
from cleaner.features.lexical import LexicalFeatures
from cleaner.features.repetition import RepetitionFeatures
from cleaner.features.text import TextStats

#: Features see at most this many characters of a line (the whole line is kept).
MAX_FEATURE_CHARS = 100_000


def dense_families(html: bool = False) -> FeatureUnion:
    """The dense feature families, in a fixed order (DOM context for HTML lines)."""
    families = [
        ("text", TextStats()),
        ("context", ContextFeatures()),
        ("repetition", RepetitionFeatures()),
        ("trafilatura", TrafilaturaRules()),
    ]
    if html:
        from cleaner.features.dom import DomFeatures

        families.append(("dom", DomFeatures()))
    return FeatureUnion(families)


def clipped(doc: Document) -> Document:
    """``doc`` with lines longer than `MAX_FEATURE_CHARS` cut, for the features only."""
    if all(len(line.text) <= MAX_FEATURE_CHARS for line in doc.lines):
        return doc
    lines = tuple(
        dataclasses.replace(line, text=line.text[:MAX_FEATURE_CHARS]) for line in doc.lines
    )
    return dataclasses.replace(doc, lines=lines)


class LineFeaturizer(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Every feature of every line of a sequence of documents.

    Parameters
    ----------
    html:
        Add the DOM context family, for lines rendered from HTML.

    Examples
    --------
    >>> docs = [Document.from_text("Menu\\nThe story of the day, told in full.")]
    >>> featurizer = LineFeaturizer().fit(docs)
    >>> X = featurizer.transform(docs)
    >>> X.shape[0], featurizer.n_dense_ < X.shape[1]
    (2, True)
    """

    def __init__(self, html: bool = False) -> None:
        self.html = html

    def fit(self, docs: Sequence[Document], y: object = None) -> LineFeaturizer:
        """Build the families named by the parameters (none learns from data)."""
        docs = [clipped(doc) for doc in docs]
        self.dense_ = dense_families(bool(self.html)).fit(docs)
        self.lexical_ = LexicalFeatures().fit(docs)
        self.n_dense_ = sum(len(family.feature_names) for _, family in self.dense_.transformer_list)
        return self

    def transform_parts(self, docs: Sequence[Document]) -> tuple[np.ndarray, sp.csr_matrix]:
        """The dense features and the hashed n-grams, apart."""
        check_is_fitted(self, "dense_")
        docs = [clipped(doc) for doc in docs]
        return self.dense_.transform(docs), self.lexical_.transform(docs)

    def transform(self, docs: Sequence[Document]) -> sp.csr_matrix:
        """One row per line: the ``n_dense_`` dense columns, then the n-grams."""
        dense, lexical = self.transform_parts(docs)
        return sp.hstack([sp.csr_matrix(dense), lexical], format="csr")
