"""Select: which lines of a page are kept, from their scores.

A line is kept when its score reaches the threshold. A page where no line
does would come out empty, though it has text: most often its article is
one long line (a dump that lays a whole page out on a few lines), or it is
a short page of prose with no page around it to learn from. Such a page
keeps its best lines instead, those scoring at least `BEST_SHARE` of its
best score, as long as that best score reaches `MIN_BEST` of the
threshold; a page whose every line scores low keeps nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

#: A page where no line reaches the threshold keeps its best lines only when
#: its best score is at least this share of the threshold.
MIN_BEST = 0.4
#: ... and then keeps the lines scoring at least this share of its best score.
BEST_SHARE = 0.5


def kept_lines(scores: Sequence[float], threshold: float) -> list[bool]:
    """Whether each line of one page is kept, given its score.

    >>> kept_lines([0.9, 0.3, 0.6], 0.5)
    [True, False, True]
    >>> kept_lines([0.1, 0.35, 0.3], 0.5)  # none reaches 0.5: the best lines
    [False, True, True]
    >>> kept_lines([0.1, 0.15], 0.5)  # nothing looks like an article
    [False, False]
    """
    kept = [score >= threshold for score in scores]
    if any(kept) or not kept:
        return kept
    best = max(scores)
    if best < MIN_BEST * threshold:
        return kept
    return [score >= BEST_SHARE * best for score in scores]
