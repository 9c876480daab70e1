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

Readers' comments under a story read as prose, line by line, and the model
keeps many of them. Where a heading that names them ("12 Comments", "Leave
a Reply", "Kommentare") follows the story's end, every line from the
heading on is cut: what comes after a page's comments heading is the
thread, its form and the site's footer. The story is the run of kept lines
that weighs most, each line by its words and by how surely it is kept: a
thread can run longer than its story, but the model keeps its lines with
less confidence than the story's. A heading above the story (a link to
the thread in the story's header) cuts nothing, nor do the counts of a
page that lists many posts or stories with their comments.
"""

from __future__ import annotations

import re
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


#: The story is the run of kept lines, across gaps of up to this many cut
#: lines, that weighs most (`story_end`).
STORY_GAP = 3

_COMMENTS = (
    r"comments?|kommentare?|commentaires?|comentarios?|comentários?|commenti|reacties"
    r"|komentáře|komentarze|комментари[йи]|評論|评论|コメント|댓글"
)
#: A line naming a comment thread, once list and Markdown marks are taken
#: off: the word for comments in one of thirteen languages with its count
#: ("12 Comments", "Readers' comments (3)", "There are 13 comments"), a
#: link to the thread ("View all 40 comments", "Comments on this story"), a
#: blog's "5 thoughts on ..." or "One Response to ...", or a call to write
#: one ("Leave a Reply").
COMMENTS_HEADING = re.compile(
    rf"^((\d+|readers?'?|user|top rated|latest|recent|most recent|best|all)\s+)?({_COMMENTS})"
    r"(\s*\(?\d+\)?)?:?$"
    r"|^(there (are|is) )?(\d+|one) comments?( so far)?$"
    r"|^(view|show|see|read|load) (all )?(\d+ )?comments$"
    r"|^(comments?|discussion) (on|about) this (article|story|post|entry)$"
    r"|^(\d+|one|no) (responses?|replies|thoughts?) (to|on) .{1,120}$"
    r"|^(leave a (reply|comment)|post a comment|join the (discussion|conversation))$",
    re.IGNORECASE,
)
#: A page with more than this many comments headings is a list of posts or
#: stories, each with its count of comments ("Comments (3)"), and
#: `cut_comments` leaves it alone.
MAX_COMMENTS_HEADINGS = 5
_MARKS = "#*+-•[]() "
_LONGEST_HEADING = 200


def is_comments_heading(text: str) -> bool:
    """Whether ``text`` names a comment thread.

    >>> [is_comments_heading(t) for t in ["## 12 Comments", "  Comments (3)", "Leave a Reply"]]
    [True, True, True]
    >>> [is_comments_heading(t) for t in ["Add a comment", "Comments are closed.", "Kommentare"]]
    [False, False, True]
    """
    text = text.strip()
    if len(text) > _LONGEST_HEADING:  # prose: not worth the pattern's time
        return False
    return bool(COMMENTS_HEADING.match(re.sub(r"[\s_]+", " ", text).strip(_MARKS)))


def story_end(
    kept: Sequence[bool], texts: Sequence[str], margins: Sequence[float] | None = None
) -> int | None:
    """The index of the story's last line; None when no line is kept.

    The story is the run of kept lines (gaps of up to `STORY_GAP` cut lines
    bridged) that weighs most: a line weighs its words times the square of
    its margin (its score minus the threshold; none under it), so that
    lines kept surely count far more than lines kept barely (a long thread
    of readers' comments, which the model keeps with less confidence than
    its story). Runs that weigh the same (no ``margins``, or only lines at
    or under the threshold: a page that keeps its best lines) go by their
    words, then the first.

    >>> texts = ["Menu", "", "A long story of words.", "More of it.", "", "", "", "", "x"]
    >>> story_end([True, False, True, True, False, False, False, False, True], texts)
    3
    >>> texts = ["The story, surely kept.", "", "", "", "", "A longer comment, kept barely."]
    >>> story_end([True, False, False, False, False, True], texts, [0.45, 0, 0, 0, 0, 0.1])
    0
    """
    runs: list[tuple[float, int, int]] = []  # (weight, words, last line) of each run
    for i, keep in enumerate(kept):
        if not keep:
            continue
        if not runs or i - runs[-1][2] > STORY_GAP + 1:
            runs.append((0.0, 0, i))
        weight, words, _ = runs[-1]
        count = len(texts[i].split())
        if margins is not None:
            weight += count * max(margins[i], 0.0) ** 2
        runs[-1] = (weight, words + count, i)
    return max(runs, key=lambda run: run[:2])[2] if runs else None


def cut_comments(
    kept: Sequence[bool], texts: Sequence[str], margins: Sequence[float] | None = None
) -> list[bool]:
    """``kept`` with every line cut from the first comments heading
    (`is_comments_heading`) after the story's end (`story_end`, which
    ``margins`` are for) on, unless the page holds more than
    `MAX_COMMENTS_HEADINGS` of them.

    >>> texts = ["The story, told at length.", "More of it.", "Share", "Tweet", "Related",
    ...          "3 Comments", "Nice!", "Me too."]
    >>> cut_comments([True, True, False, False, False, False, True, True], texts)
    [True, True, False, False, False, False, False, False]
    >>> cut_comments([False, True, True], ["Comments (3)", "Story.", "More."])  # above the story
    [False, True, True]
    """
    out = list(kept)
    end = story_end(kept, texts, margins)
    if end is None:
        return out
    # Only the lines after the story are read, and the whole page only when
    # one of them is a heading.
    first = next((i for i in range(end + 1, len(out)) if is_comments_heading(texts[i])), None)
    if first is None or sum(map(is_comments_heading, texts)) > MAX_COMMENTS_HEADINGS:
        return out
    out[first:] = [False] * (len(out) - first)
    return out


def select(
    scores: Sequence[float], threshold: float, blocks: Sequence[str], texts: Sequence[str]
) -> list[bool]:
    """Whether each line of one page is kept: `kept_lines` at ``threshold``,
    then `whole_code_blocks` (``blocks``: each line's block), then
    `cut_comments` (``texts``: each line's text; the scores' margins over
    the threshold weigh the story).

    >>> select([0.9, 0.2, 0.8], 0.5, ["", "pre1", ""], ["Story.", "x = 1", "More."])
    [True, True, True]
    """
    kept = whole_code_blocks(kept_lines(scores, threshold), blocks)
    return cut_comments(kept, texts, [score - threshold for score in scores])
