"""Select: which lines of a page are kept, from their scores.

A line is kept when its score reaches the threshold. A page where no line
does would come out empty, though it has text: most often its article is
one long line (a dump that lays a whole page out on a few lines), or it is
a short page of prose with no page around it to learn from. Such a page
keeps its best lines instead, those scoring at least `BEST_SHARE` of its
best score, as long as that best score reaches `MIN_BEST` of the
threshold; a page whose every line scores low keeps nothing.

A preformatted block of an HTML page (code, a console session, a table
drawn in characters) is kept whole when the lines on both sides of it are
kept: it sits inside the article's run of prose. Its own lines are short,
symbol-filled and often repeated, which is how menus look line by line,
so scored alone they are mostly cut.
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


#: The prefix `cleaner.document.Line.block` gives the lines of a
#: preformatted block, followed by the block's number in the page.
CODE_BLOCK = "pre"


def whole_code_blocks(kept: Sequence[bool], blocks: Sequence[str]) -> list[bool]:
    """``kept`` with each preformatted block kept whole when the nearest line
    before it and the nearest line after it are kept.

    ``blocks`` is each line's `cleaner.document.Line.block` (``"pre2"``
    for a line of the page's second preformatted block).

    >>> whole_code_blocks([True, False, True, False, True], ["", "pre1", "pre1", "pre1", ""])
    [True, True, True, True, True]
    >>> whole_code_blocks([False, False, True, True], ["", "pre1", "pre1", ""])  # menu above
    [False, False, True, True]
    >>> whole_code_blocks([True, False], ["", "pre1"])  # nothing after it
    [True, False]
    """
    out = list(kept)
    n = len(out)
    start = 0
    while start < n:
        block = blocks[start]
        end = start + 1
        if block.startswith(CODE_BLOCK):
            while end < n and blocks[end] == block:
                end += 1
            if start > 0 and end < n and kept[start - 1] and kept[end]:
                out[start:end] = [True] * (end - start)
        start = end
    return out
