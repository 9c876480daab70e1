"""In-page repetition: lines that repeat or extend another line (captions)."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from cleaner.document import Document
from cleaner.features.base import LineFeatures

#: How far (in lines) to look for a line that this one extends, or repeats.
NEAR = 3
#: Shortest normalised text for prefix matches; shorter lines match too easily.
MIN_PREFIX_CHARS = 12
_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Lower-case words only, single-spaced: what a repeat has in common."""
    return _NON_WORD.sub(" ", text.lower()).strip()


class RepetitionFeatures(LineFeatures):
    """Repeats anywhere in the page, repeats and extensions next door.

    Examples
    --------
    >>> doc = Document.from_text("Police closed the site.\\nPolice closed the site. FBI")
    >>> X = RepetitionFeatures().fit([doc]).transform([doc])
    >>> names = list(RepetitionFeatures.feature_names)
    >>> X[:, names.index("extended_nearby")].tolist()
    [1.0, 0.0]
    """

    feature_names = (
        "log_occurrences",
        "repeated_before",
        "repeated_after",
        "repeat_nearby",
        "extends_nearby",
        "extended_nearby",
    )

    def document_features(self, doc: Document) -> np.ndarray:
        """One row of repetition evidence per line."""
        keys = [normalise(line.text) for line in doc.lines]
        counts = Counter(keys)
        seen: set[str] = set()
        rows = []
        n = len(keys)
        for i, key in enumerate(keys):
            near = [keys[j] for j in range(max(0, i - NEAR), min(n, i + NEAR + 1)) if j != i]
            long_enough = len(key) >= MIN_PREFIX_CHARS
            rows.append(
                [
                    math.log(counts[key]),
                    float(key in seen),
                    float(counts[key] > 1 and key not in seen),
                    float(key in near),
                    float(
                        any(
                            len(other) >= MIN_PREFIX_CHARS
                            and len(key) > len(other)
                            and key.startswith(other)
                            for other in near
                        )
                    ),
                    float(
                        long_enough and any(len(o) > len(key) and o.startswith(key) for o in near)
                    ),
                ]
            )
            seen.add(key)
        return np.array(rows, dtype=float)
