"""In-page repetition: lines that repeat or extend another line (captions)."""

from __future__ import annotations

import numpy as np

from cleaner.features.analysis import PageAnalysis
from cleaner.features.base import LineFeatures

#: How far (in lines) to look for a line that this one extends, or repeats.
NEAR = 3
#: Shortest key for prefix matches; shorter lines match too easily.
MIN_PREFIX_CHARS = 12


class RepetitionFeatures(LineFeatures):
    """Repeats anywhere in the page, repeats and extensions next door.

    Lines are compared by their `line_key` (their words, case and digits aside).
    Examples
    --------
    >>> from cleaner.document import Document
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

    def page_features(self, page: PageAnalysis) -> np.ndarray:
        """One row of repetition evidence per line."""
        keys = page.keys
        n = len(keys)
        _, first, ids, counts = np.unique(
            np.asarray(keys, dtype=object),
            return_index=True,
            return_inverse=True,
            return_counts=True,
        )
        ids = ids.ravel()
        occurrences = counts[ids]
        seen_before = first[ids] < np.arange(n)
        repeat_nearby = np.zeros(n, dtype=bool)
        for off in range(1, NEAR + 1):
            same = ids[off:] == ids[:-off]
            repeat_nearby[off:] |= same
            repeat_nearby[:-off] |= same
        extends = np.zeros(n, dtype=bool)
        extended = np.zeros(n, dtype=bool)
        long_enough = [len(key) >= MIN_PREFIX_CHARS for key in keys]
        for i in range(n):
            if not long_enough[i]:
                continue
            key = keys[i]
            for j in range(max(0, i - NEAR), min(n, i + NEAR + 1)):
                other = keys[j]
                if len(other) > len(key) and other.startswith(key):
                    extended[i] = True  # a nearby line extends this one
                    extends[j] = True  # ... and that line extends a long-enough one
        return np.column_stack(
            [
                np.log(occurrences),
                seen_before,
                (occurrences > 1) & ~seen_before,
                repeat_nearby,
                extends,
                extended,
            ]
        ).astype(float)
