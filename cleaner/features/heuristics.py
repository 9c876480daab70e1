"""trafilatura's and jusText's line-level heuristics as features."""

from __future__ import annotations

import numpy as np

from cleaner.document import Document
from cleaner.features.base import LineFeatures
from cleaner.features.stopwords import page_stoplist
from cleaner.pages import trafilatura as traf

_CF_CLASSES = ("good", "neargood", "short", "bad")


class TrafilaturaRules(LineFeatures):
    """Share/print filter, duplicate test, image names, jusText's classes.

    Exactly which heuristics: see `cleaner.pages.trafilatura`.
    """

    feature_names = (
        "share_filter",
        "duplicate",
        "image_file",
        *(f"justext_cf_{name}" for name in _CF_CLASSES),
        "justext_good",
    )

    def document_features(self, doc: Document) -> np.ndarray:
        """One row of heuristic verdicts per line."""
        texts = doc.texts
        stoplist = page_stoplist(texts)
        classes = traf.justext_classes(texts, stoplist)
        duplicates = traf.duplicate_flags(texts)
        rows = [
            [
                float(traf.share_filter(text)),
                float(dup),
                float(traf.names_image_file(text)),
                *(float(cf == name) for name in _CF_CLASSES),
                float(final == "good"),
            ]
            for text, dup, (cf, final) in zip(texts, duplicates, classes, strict=True)
        ]
        return np.array(rows, dtype=float)
