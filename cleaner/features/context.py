"""Where a line stands: its neighbours, nearby prose, its place in the page."""

from __future__ import annotations

import numpy as np

from cleaner.features.analysis import PageAnalysis
from cleaner.features.base import LineFeatures

#: A line of at least this many words that ends like a sentence is "prose".
PROSE_MIN_WORDS = 10
#: Half-widths of the windows over which the share of prose lines is taken.
WINDOWS = (2, 5)
#: Distances to the nearest prose line are capped here (in lines).
MAX_DISTANCE = 30


def _window_mean(values: np.ndarray, half: int) -> np.ndarray:
    """Mean of ``values`` over ``[i - half, i + half]``, the line itself excluded."""
    padded = np.concatenate([np.zeros(half), values, np.zeros(half)])
    counts = np.concatenate([np.zeros(half), np.ones(len(values)), np.zeros(half)])
    kernel = np.ones(2 * half + 1)
    sums = np.convolve(padded, kernel, "valid") - values
    ns = np.convolve(counts, kernel, "valid") - 1
    return np.divide(sums, ns, out=np.zeros_like(sums), where=ns > 0)


def _distance_to(flags: np.ndarray, reverse: bool) -> np.ndarray:
    """Lines to the nearest flagged line before (or after) each line, capped.

    >>> _distance_to(np.array([0, 1, 0, 0]), reverse=False).tolist()
    [30.0, 30.0, 1.0, 2.0]
    """
    flags = np.asarray(flags, dtype=bool)
    if reverse:
        return _distance_to(flags[::-1], reverse=False)[::-1]
    n = len(flags)
    idx = np.arange(n)
    # The index of the last flagged line strictly before each line (-1: none).
    last = np.maximum.accumulate(np.where(flags, idx, -1))
    before = np.concatenate([[-1], last[:-1]])
    return np.where(before >= 0, np.minimum(idx - before, MAX_DISTANCE), MAX_DISTANCE).astype(float)


class ContextFeatures(LineFeatures):
    """Neighbours' length and punctuation, prose nearby, relative position.

    Examples
    --------
    >>> from cleaner.document import Document
    >>> doc = Document.from_text("Menu\\nA long sentence that says a lot of things here.")
    >>> X = ContextFeatures().fit([doc]).transform([doc])
    >>> names = list(ContextFeatures.feature_names)
    >>> X[:, names.index("next_terminal")].tolist()
    [1.0, 0.0]
    """

    feature_names = (
        "rel_position",
        "log_from_start",
        "log_from_end",
        "log_doc_lines",
        "break_before",
        "break_after",
        "prev_log_words",
        "next_log_words",
        "prev_terminal",
        "next_terminal",
        "prose_share_w2",
        "prose_share_w5",
        "log_dist_prose_before",
        "log_dist_prose_after",
        "prose_share_before",
        "prose_share_after",
        "doc_prose_share",
        "words_vs_doc_max",
        "inside_prose_span",
    )

    def page_features(self, page: PageAnalysis) -> np.ndarray:
        """One row of context per line."""
        n = page.n
        words = page.n_words.astype(float)
        terminal = page.terminal.astype(float)
        breaks = page.breaks.astype(float)
        prose = ((words >= PROSE_MIN_WORDS) & (terminal > 0)).astype(float)
        log_words = np.log1p(words)
        idx = np.arange(n, dtype=float)
        prev_words = np.concatenate([[0.0], log_words[:-1]])
        next_words = np.concatenate([log_words[1:], [0.0]])
        prev_term = np.concatenate([[0.0], terminal[:-1]])
        next_term = np.concatenate([terminal[1:], [0.0]])
        break_after = np.concatenate([breaks[1:], [1.0]])
        cum = np.cumsum(prose)
        total = cum[-1]
        before = cum - prose
        after = total - cum
        prose_idx = np.flatnonzero(prose)
        inside = np.zeros(n)
        if len(prose_idx):
            inside[prose_idx[0] : prose_idx[-1] + 1] = 1.0
        columns = [
            idx / max(n - 1, 1),
            np.log1p(idx),
            np.log1p(n - 1 - idx),
            np.full(n, np.log1p(n)),
            breaks,
            break_after,
            prev_words,
            next_words,
            prev_term,
            next_term,
            *(_window_mean(prose, half) for half in WINDOWS),
            np.log1p(_distance_to(prose, reverse=False)),
            np.log1p(_distance_to(prose, reverse=True)),
            before / total if total else np.zeros(n),
            after / total if total else np.zeros(n),
            np.full(n, total / n),
            words / max(words.max(), 1.0),
            inside,
        ]
        return np.column_stack(columns)
