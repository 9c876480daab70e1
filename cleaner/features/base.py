"""The contract every feature family follows.

A family is a scikit-learn transformer whose samples are `Document` objects:
``transform(docs)`` returns one row per line of every document, documents
in order, so the rows line up with the concatenated lines. Each family
computes a whole page at once from its `PageAnalysis` (`page_features`);
`LineFeaturizer` analyses each page once for all families.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from cleaner.document import Document
from cleaner.features.analysis import PageAnalysis, analyse


class LineFeatures(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Base class of the dense per-line feature families.

    Subclasses define `feature_names` and `page_features`, which maps one
    page's analysis to an array of shape ``(lines, len(feature_names))``.
    """

    feature_names: tuple[str, ...] = ()

    def fit(self, docs: Sequence[Document], y: object = None) -> LineFeatures:
        """Nothing to learn; records the output width."""
        self.n_features_out_ = len(self.feature_names)
        return self

    def transform(self, docs: Sequence[Document]) -> np.ndarray:
        """Stack the features of every line of every document."""
        check_is_fitted(self, "n_features_out_")
        blocks = [self.page_features(analyse(doc)) for doc in docs if len(doc)]
        if not blocks:
            return np.zeros((0, self.n_features_out_))
        return np.vstack(blocks)

    def page_features(self, page: PageAnalysis) -> np.ndarray:
        """Features of the lines of one page."""
        raise NotImplementedError

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """Names of the output columns, prefixed by the family's class name."""
        prefix = type(self).__name__.lower()
        return np.array([f"{prefix}__{name}" for name in self.feature_names])
