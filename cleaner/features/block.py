"""The shape of the block a line sits in: runs of short lines, their rhythm.

Menus, "most read" lists and link blocks are runs of short lines that do
not end like sentences, of much the same length and capitalisation; an
article's paragraphs are not. These features describe the run and the
window around each line; pass 2 sees them too.
"""

from __future__ import annotations

import numpy as np

from cleaner.document import Document
from cleaner.features.base import LineFeatures
from cleaner.features.context import PROSE_MIN_WORDS, _window_mean
from cleaner.features.text import is_terminal, line_words

#: Half-width of the window of terminal punctuation shares.
TERMINAL_WINDOW = 5
#: Half-width of the window of word-count and capitalisation statistics.
SHAPE_WINDOW = 3


def run_lengths(flags: np.ndarray) -> np.ndarray:
    """Length of the run of set flags each line is in (0 for unset lines).

    >>> run_lengths(np.array([1, 1, 0, 1], bool)).tolist()
    [2.0, 2.0, 0.0, 1.0]
    """
    out = np.zeros(len(flags))
    i = 0
    while i < len(flags):
        if flags[i]:
            j = i
            while j < len(flags) and flags[j]:
                j += 1
            out[i:j] = j - i
            i = j
        else:
            i += 1
    return out


class BlockFeatures(LineFeatures):
    """Runs of non-prose lines and the rhythm of the lines around each line.

    Examples
    --------
    >>> prose = "A long sentence that says a lot of things a reader came for."
    >>> doc = Document.from_text(f"Home\\nNews\\nSport\\n{prose}")
    >>> X = BlockFeatures().fit([doc]).transform([doc])
    >>> column = list(BlockFeatures.feature_names).index("log_short_run")
    >>> np.expm1(X[:, column]).round().tolist()  # a run of three short lines
    [3.0, 3.0, 3.0, 0.0]
    """

    feature_names = (
        "log_short_run",
        "log_unterminated_run",
        "terminal_share_w5",
        "log_words_mean_w3",
        "log_words_sd_w3",
        "title_case_share_w3",
        "log_words_vs_w3",
    )

    def document_features(self, doc: Document) -> np.ndarray:
        """One row of block shape per line."""
        words_per_line = [line_words(line.text) for line in doc.lines]
        words = np.array([len(ws) for ws in words_per_line], float)
        terminal = np.array([is_terminal(line.text) for line in doc.lines], float)
        prose = (words >= PROSE_MIN_WORDS) & (terminal > 0)
        titled = np.array(
            [sum(w[0].isupper() for w in ws) / len(ws) if ws else 0.0 for ws in words_per_line]
        )
        log_words = np.log1p(words)
        mean = _window_mean(log_words, SHAPE_WINDOW)
        square = _window_mean(log_words**2, SHAPE_WINDOW)
        return np.column_stack(
            [
                np.log1p(run_lengths(~prose)),
                np.log1p(run_lengths(terminal == 0)),
                _window_mean(terminal, TERMINAL_WINDOW),
                mean,
                np.sqrt(np.maximum(square - mean**2, 0.0)),
                _window_mean(titled, SHAPE_WINDOW),
                log_words - mean,
            ]
        )
