"""Where an HTML line sat in the page: landmarks, class words, trafilatura's verdict."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cleaner.document import Document, DomContext
from cleaner.errors import RETRAIN_HINT, ModelError
from cleaner.features.analysis import PageAnalysis
from cleaner.features.base import LineFeatures

CONTEXT_NAMES: tuple[str, ...] = DomContext._fields
#: Context values that are the same on every line of a page: they differ
#: from the page's mean by nothing, so they have no ``_vs_page`` form.
PAGE_VALUES: tuple[str, ...] = ("main_block_share",)
#: The context values that vary by line.
LINE_VALUES: tuple[str, ...] = tuple(n for n in CONTEXT_NAMES if n not in PAGE_VALUES)
_LINE_COLUMNS = [CONTEXT_NAMES.index(name) for name in LINE_VALUES]

#: Each context value as it is, then (`LINE_VALUES`) as it differs from the page's mean.
DOM_FEATURE_NAMES: tuple[str, ...] = (
    *CONTEXT_NAMES,
    *(f"{name}_vs_page" for name in LINE_VALUES),
)


class DomFeatures(LineFeatures):
    """The DOM context of lines rendered from HTML (zeros for lines of text).

    Each context value comes as it is, and those that vary by line
    (`LINE_VALUES`) also minus their mean over the page's lines. The second
    form says how a line differs from the rest of its page, which carries
    over between sites that wrap everything in one element (a layout table,
    an ASP.NET ``<form>``, an ``<article>``) and sites that do not.

    Examples
    --------
    >>> from cleaner.pages.render import html_document, mark_extraction
    >>> page = "<html><body><nav><a href='/'>Home</a></nav><p>Text of the story.</p></body></html>"
    >>> doc = mark_extraction(html_document(page), "Text of the story.")
    >>> X = DomFeatures().fit([doc]).transform([doc])
    >>> names = list(DomFeatures.feature_names)
    >>> X[:, names.index("nav")].tolist(), X[:, names.index("in_trafilatura")].tolist()
    ([1.0, 0.0], [0.0, 1.0])
    >>> X[:, names.index("nav_vs_page")].tolist()
    [0.5, -0.5]
    """

    feature_names = DOM_FEATURE_NAMES

    def transform(self, docs: Sequence[Document]) -> np.ndarray:
        """Stack the features of every line; refuse a model fit on other DOM features."""
        if getattr(self, "n_features_out_", None) not in (None, len(self.feature_names)):
            raise ModelError(
                f"this model's HTML features come from another version of cleaner; {RETRAIN_HINT}"
            )
        return super().transform(docs)

    def page_features(self, page: PageAnalysis) -> np.ndarray:
        """One row of context per line, then its `LINE_VALUES` minus the page's mean."""
        width = len(CONTEXT_NAMES)
        empty = DomContext()
        rows = [context if context is not None else empty for context in page.contexts]
        own = np.array(rows, dtype=float).reshape(page.n, width)
        varying = own[:, _LINE_COLUMNS]
        return np.hstack([own, varying - varying.mean(axis=0)])
