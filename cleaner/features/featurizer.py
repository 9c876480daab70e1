"""`LineFeaturizer`: every feature family of a line, as one transformer.

Its output is one sparse matrix, one row per line of every document: the
dense families first (``n_dense_`` columns: text, context, repetition,
trafilatura's heuristics, and the DOM context for HTML lines), then the
hashed n-grams. Each page is analysed once (`analyse`) and every family
reads that analysis. The families are built in `fit`, from the parameters;
`fit` also counts the training lines' letters by script (`script_letters_`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from cleaner.document import Document
from cleaner.features.analysis import analyse
from cleaner.features.base import LineFeatures
from cleaner.features.context import ContextFeatures
from cleaner.features.heuristics import TrafilaturaRules
from cleaner.features.lexical import LexicalFeatures
from cleaner.features.repetition import RepetitionFeatures
from cleaner.features.scripts import script_letters
from cleaner.features.text import TextStats


def dense_families(html: bool = False) -> list[tuple[str, LineFeatures]]:
    """The dense feature families, in a fixed order (DOM context for HTML lines)."""
    families: list[tuple[str, LineFeatures]] = [
        ("text", TextStats()),
        ("context", ContextFeatures()),
        ("repetition", RepetitionFeatures()),
        ("trafilatura", TrafilaturaRules()),
    ]
    if html:
        from cleaner.features.dom import DomFeatures

        families.append(("dom", DomFeatures()))
    return families


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
        """Build the families named by the parameters (none learns from data),
        and count the letters of ``docs`` by script."""
        self.dense_ = [(name, family.fit(docs)) for name, family in dense_families(self.html)]
        self.lexical_ = LexicalFeatures().fit(docs)
        self.n_dense_ = sum(len(family.feature_names) for _, family in self.dense_)
        letters: Counter[str] = Counter()
        for doc in docs:
            letters.update(script_letters("\n".join(doc.texts)))
        self.script_letters_ = dict(letters)
        return self

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Names of the dense columns (the hashed n-gram columns have none)."""
        check_is_fitted(self, "dense_")
        return np.concatenate([family.get_feature_names_out() for _, family in self.dense_])

    def layout_columns(self) -> tuple[int, int]:
        """The dense columns holding log1p of a line's words and of its indent."""
        names = list(self.get_feature_names_out())
        return names.index("textstats__log_words"), names.index("textstats__log_indent")

    def transform(self, docs: Sequence[Document]) -> sp.csr_matrix:
        """One row per line: the ``n_dense_`` dense columns, then the n-grams."""
        check_is_fitted(self, "dense_")
        blocks = []
        for doc in docs:
            if not len(doc):
                continue
            page = analyse(doc)
            dense = np.hstack([family.page_features(page) for _, family in self.dense_])
            blocks.append(sp.hstack([sp.csr_matrix(dense), self.lexical_.page_features(page)]))
        if not blocks:
            return sp.csr_matrix((0, self.n_dense_ + self.lexical_.n_features_out_))
        return sp.vstack(blocks, format="csr")
