"""Where an HTML line sat in the page: landmarks, class words, trafilatura's verdict."""

from __future__ import annotations

import numpy as np

from cleaner.document import Document
from cleaner.features.base import LineFeatures
from cleaner.html_lines import CONTEXT_NAMES


class DomFeatures(LineFeatures):
    """The DOM context of lines rendered from HTML (zeros for lines of text).

    Examples
    --------
    >>> from cleaner.html_lines import html_document
    >>> page = "<html><body><nav><a href='/'>Home</a></nav><p>Text of the story.</p></body></html>"
    >>> doc = html_document(page, extraction="Text of the story.")
    >>> X = DomFeatures().fit([doc]).transform([doc])
    >>> names = list(DomFeatures.feature_names)
    >>> X[:, names.index("nav")].tolist(), X[:, names.index("in_trafilatura")].tolist()
    ([1.0, 0.0], [0.0, 1.0])
    """

    feature_names = CONTEXT_NAMES

    def document_features(self, doc: Document) -> np.ndarray:
        """One row of context per line."""
        width = len(CONTEXT_NAMES)
        rows = [line.context if line.context is not None else (0.0,) * width for line in doc.lines]
        return np.array(rows, dtype=float).reshape(len(doc), width)
