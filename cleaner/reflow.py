"""Reflow: the lines a text browser wrapped, or a renderer broke at links,
joined back into the paragraphs they came from, for the model to read.

A text browser (lynx, w3m, links) dumps a page wrapped at a fixed width, 80
columns by default: a paragraph of 60 words becomes six lines cut
mid-sentence. The text model learnt its lines from renderings that do not
wrap, where a paragraph is one line, and a wrapped paragraph's pieces look
to it like short lines of a menu or a list. So a page that reads as wrapped
is scored paragraph by paragraph: each run of wrapped lines is scored as one
line, and each of its lines takes that score. The output is still the
input's own lines; only what the model reads changes.

A page reads as wrapped when its breakable lines (two words or more, not a
table's grid) stop at one width, `wrap_width`: several lines end just short
of it and almost none go past. Two lines are one paragraph's when the first
is full (the second's first word would not have fitted after it at that
width), no blank line parts them and the second starts where the first's
text starts (under the text of a list item, or at its indentation). A page
where too few lines join that way is left as it is, so renderings that do
not wrap (the ones the model trained on) are read line by line as before.
Browsers count widths differently (w3m in terminal columns, lynx in
characters), and Chinese or Japanese wraps anywhere, spaces or not, so a
page in other scripts is measured both ways.

Some renderers break lines elsewhere: BeautifulSoup's ``get_text("\\n")``,
and any dump that writes each text node of the page on a line of its own,
break a sentence wherever a link or an emphasis starts or ends ("Stats are
tracked using ", "Mint", ". More on "). A page where enough lines open as
the rest of the line before them (with the sentence's punctuation, or the
one space before its next word) is read with those pieces joined back
(`pieces`), when it does not read as wrapped.

Renderers also mark links up: lynx numbers every link in the text
("[12]Home", with the list of addresses at the end), and Markdown
renderings (html2text's default) write each link out as "[Home](/url)".
On a page where at least `MIN_LINK_MARKS` lines hold such marks, the
model reads the link's text without them; the output keeps them. The list
of addresses that lynx and elinks print after the page ("References", then
"1. https://..." and on) is no part of the page's text: the model does not
read it, and its lines score 0. Nor does it read what lynx writes for a
formula or an inline frame (see `formulas` and `frames`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any
from unicodedata import east_asian_width

import numpy as np
from wcwidth import wcswidth, wcwidth

from cleaner.document import Document, Label, Line
from cleaner.features.analysis import TERMINAL_RE

#: The widths a page can be wrapped at: text browsers take 80 columns by
#: default, a terminal's width, or whatever width a user sets.
MIN_WRAP, MAX_WRAP = 40, 160
#: At least this many breakable lines end within `NEAR` columns of the width.
MIN_NEAR, NEAR = 3, 10
#: Breakable lines wider than the width: a wrapped page has almost none (a
#: preformatted block, a width miscounted by a column or two), counted
#: against its breakable lines that could end near a width.
MAX_OVER, MAX_OVER_SHARE = 2, 0.02
#: A line this many times wider than the width, with this many words, is
#: prose that was never wrapped.
PROSE_WIDTHS, PROSE_WORDS = 2, 20
#: A page is reflowed when at least this many lines join the next, and at
#: least this share of as many as its lines of 8 words or more.
MIN_JOINS, MIN_JOIN_SHARE, LONG_LINE_WORDS = 2, 0.2, 8
#: A line of this many wide characters (Chinese, Japanese, Korean: written
#: without spaces) could have been wrapped, as a line of two words could.
MIN_WIDE = 8
#: A page reads as broken into pieces at its links and emphasis when at
#: least this many of its lines, and this share of them, continue the line
#: before them (`pieces`).
MIN_PIECES, MIN_PIECE_SHARE = 5, 0.02
#: A renderer's link markup is left out of what the model reads on a page
#: with this many lines holding it.
MIN_LINK_MARKS = 5

#: What a browser indents a line with.
_MARGIN = " \t"
#: A list item's bullet or number, then the white space before its text.
_MARKER = re.compile(r"(?:[*+#o•◦▪‣·-]|\d{1,3}[.)]|\[\d+\])\s+")
#: A table laid out on a grid: box-drawing characters, or cells parted by runs of spaces.
_GRID = re.compile(r"\S\s{3,}\S|[\u2500-\u257f]")
#: lynx's link numbers: "[12]Home".
_LINK_NUMBER = re.compile(r"\[\d+\]")
#: Markdown's links and images (html2text's default): "[Home](/)", "![logo](a.png)".
#: (images first: a link's text may be an image).
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_MARKDOWN_SIGN = "]("
#: The heading of the list of addresses lynx, elinks and w3m (with
#: ``display_link_number``) print after a page, the headings of its parts,
#: and the start of one of its addresses ("  12. https://..." or
#: "[12] https://..."; an address may run on over the next lines).
_LINK_LIST_HEADINGS = frozenset({"References", "References:"})
_LINK_LIST_PARTS = frozenset({"Visible links", "Visible links:", "Hidden links", "Hidden links:"})
_ADDRESS = r"[\u200b-\u200d\ufeff]*[A-Za-z][A-Za-z0-9+.-]*:"
_LISTED_ADDRESS = re.compile(r"\s*(?:(\d+)\.|\[(\d+)\])\s+" + _ADDRESS)
#: elinks lists a link that has a title as "  12. Its title", its address
#: on the next line after a tab.
_TITLED_ENTRY = re.compile(r"\s*(\d+)\.\s")
_TITLED_ADDRESS = re.compile(r"\t" + _ADDRESS)
#: How a line opens that a renderer broke off the line before it at a link
#: or an emphasis: with the sentence's punctuation, or with the one space
#: before its next word (two spaces are an indentation).
_CONTINUES = re.compile(r"[.,;:!?)\]}»”’%]| \S")
#: ... and how a line ends that was broken off before one: a word, then the
#: one space before the link's text.
_BROKEN_OFF = re.compile(r"\S $")
#: A line that ends a clause, which the next line does not continue even when
#: it opens in small letters.
_CLAUSE_END = re.compile(r"[:;]\s*$")
#: lynx writes a formula (MathML) out as its markup, between these two
#: marks, on lines of its own.
_MATH_OPEN, _MATH_CLOSE = "[MATH:", ":MATH]"
#: How a browser writes an inline frame: lynx "IFRAME:", then the frame's
#: name or address (an address may run on over the next lines); links and
#: elinks "IFrame" alone or "IFrame: " and the name (elinks's numbered as a
#: link).
_FRAME = re.compile(r"\s*(?:\[\d+\])?(?:IFRAME:|IFrame(?::\s|\s*$))")


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal (two for a wide character, none
    for a combining mark).

    >>> width("word"), width("日本語"), width("e\u0301")
    (4, 6, 1)
    """
    if text.isascii():
        return len(text)
    columns = wcswidth(text)
    if columns >= 0:
        return int(columns)
    return sum(max(wcwidth(ch), 0) for ch in text)  # control characters count none


def _text_columns(raw: str) -> tuple[int, int]:
    """Where a line's wrapped lines may start: under its text (after the
    bullet of a list item, where a browser indents the item's lines), or at
    its own indentation (a paragraph that only starts with a bullet). The
    indentation is the browser's spaces: the ideographic spaces a Chinese
    paragraph opens with are its text."""
    body = raw.lstrip(_MARGIN)
    marker = _MARKER.match(body)
    indent = len(raw) - len(body)
    return indent, indent + (marker.end() if marker else 0)


def _wide(ch: str) -> bool:
    """A character a terminal shows two columns wide (Chinese, Japanese,
    Korean), which a browser may wrap a line after, spaces or not."""
    return ch >= "\u1100" and east_asian_width(ch) in "WF"


def _first_unit(body: str) -> str:
    """What a browser could not have broken at the start of ``body``: its
    first word, or its first character when that is a wide one."""
    if body and _wide(body[0]):
        return body[0]
    return (body.split(None, 1) or [""])[0]


def _breakable(raw: str) -> bool:
    """Two words or more after any bullet (or `MIN_WIDE` wide characters),
    outside a table's grid: a browser could have wrapped it."""
    body = raw.strip()
    if _GRID.search(body):
        return False
    marker = _MARKER.match(body)
    body = body[marker.end() if marker else 0 :]
    if len(body.split()) >= 2:
        return True
    return not body.isascii() and sum(map(_wide, body)) >= MIN_WIDE


def _wrappable(doc: Document) -> list[str]:
    """The lines of ``doc`` that could end near a wrap width (breakable, and
    long enough for a width of `MIN_WRAP` or more when a wide character
    takes two columns): the many short lines of a page cost no more than
    their length."""
    shortest = (MIN_WRAP - NEAR) // 2
    return [
        text
        for line in doc.lines
        if len(text := line.text.rstrip()) > shortest and _breakable(text)
    ]


def _width_of(texts: list[str], widths: np.ndarray) -> int | None:
    """The width lines ``texts``, of ``widths``, were wrapped at, or None."""
    candidates = widths[(widths >= MIN_WRAP) & (widths <= MAX_WRAP)]
    for w in sorted(set(candidates.tolist()), reverse=True):
        if ((widths > w - NEAR) & (widths <= w)).sum() < MIN_NEAR:
            continue
        if (widths > w).sum() > max(MAX_OVER, MAX_OVER_SHARE * len(widths)):
            return None
        if any(
            x > PROSE_WIDTHS * w and len(text.split()) >= PROSE_WORDS
            for x, text in zip(widths.tolist(), texts, strict=True)
        ):
            return None
        return int(w)
    return None


def wrap_width(doc: Document, measure: Callable[[str], int] = width) -> int | None:
    """The width ``doc``'s lines were wrapped at, as ``measure`` counts a
    line's width, or None when they read as unwrapped."""
    texts = _wrappable(doc)
    return _width_of(texts, np.array([measure(text) for text in texts])) if texts else None


def paragraphs(doc: Document) -> list[range] | None:
    """Runs of consecutive lines of ``doc`` that a browser wrapped from one
    paragraph (a line alone is a run of one), or None when ``doc`` does not
    read as wrapped.

    Browsers count a line's width their own way: w3m in terminal columns,
    lynx (in UTF-8) in characters, so that its lines of Chinese or Thai
    stop at 74 characters whatever their columns. A page whose lines
    measure otherwise in characters than in columns is read both ways, and
    the way that joins more lines wins.
    """
    texts = _wrappable(doc)
    if not texts:
        return None
    columns = np.array([width(text) for text in texts])
    found = []
    if (w := _width_of(texts, columns)) is not None:
        found.append(_runs(doc, w, width))
    if not all(text.isascii() for text in texts):
        characters = np.array([len(text) for text in texts])
        differ = not np.array_equal(characters, columns)
        if differ and (w := _width_of(texts, characters)) is not None:
            found.append(_runs(doc, w, len))
    joined = [runs for runs in found if runs is not None]
    return min(joined, key=len) if joined else None


def pieces(doc: Document) -> list[range] | None:
    """Runs of consecutive lines of ``doc`` that a renderer broke out of one
    paragraph at its links and emphasis (a line alone is a run of one), or
    None when ``doc`` does not read so: fewer than `MIN_PIECES` of its
    lines, or than `MIN_PIECE_SHARE` of them, open as the rest of the line
    before them. A line joins the one before it (no blank line between,
    neither of them a table's grid) when it opens so, when that line ends
    with the space before a link, or (the spaces stripped) when it opens
    with a small letter and that line ends no sentence or clause.

    >>> piece = "Stats use \\nMint\\n, \\nPerl\\n and \\nPHP\\n.\\n"
    >>> pieces(Document.from_text(piece * 2 + "About us\\n\\nWe write."))
    [range(0, 7), range(7, 14), range(14, 15), range(15, 16)]
    """
    lines = doc.lines
    needed = max(MIN_PIECES, MIN_PIECE_SHARE * len(lines))
    if sum(1 for line in lines if _CONTINUES.match(line.text)) < needed:
        return None  # most pages: no need to look further
    grid = [_GRID.search(line.text.strip()) is not None for line in lines]
    # whether each line but the first may join the one before it at all
    next_to = [
        line.position == prev.position + 1 and not (grid[i] or grid[i + 1])
        for i, (prev, line) in enumerate(pairwise(lines))
    ]
    continues = [
        near and _CONTINUES.match(line.text) is not None
        for near, line in zip(next_to, lines[1:], strict=True)
    ]
    if sum(continues) < needed:
        return None
    runs: list[range] = []
    start = 0
    for i, (near, cont) in enumerate(zip(next_to, continues, strict=True), start=1):
        if not (cont or (near and _joins_on(lines[i - 1].text, lines[i].text))):
            runs.append(range(start, i))
            start = i
    runs.append(range(start, len(lines)))
    return runs


def _joins_on(before: str, text: str) -> bool:
    """Whether ``text`` carries on the sentence of the line ``before`` it,
    on a page read in pieces, though it does not open with its punctuation
    or space: ``before`` ends with the space before a link, or ``text``
    opens with a small letter after no sentence's or clause's end."""
    if _BROKEN_OFF.search(before):
        return True
    return text[:1].islower() and not (
        TERMINAL_RE.search(before.rstrip()) or _CLAUSE_END.search(before)
    )


def _runs(doc: Document, w: int, measure: Callable[[str], int]) -> list[range] | None:
    """`paragraphs` of a page wrapped at width ``w``, as ``measure`` counts
    widths (None when too few lines join)."""
    runs: list[range] = []
    start = 0
    columns = _text_columns(doc.lines[0].text)
    grid = [_GRID.search(line.text.strip()) is not None for line in doc.lines]
    for i in range(1, len(doc.lines)):
        prev, line = doc.lines[i - 1], doc.lines[i]
        body = line.text.strip()
        if (
            line.position == prev.position + 1  # no blank line between
            and len(line.text) - len(line.text.lstrip(_MARGIN)) in columns
            and not _MARKER.match(body)
            and not (grid[i - 1] or grid[i])
            and w < measure(prev.text.rstrip()) + 1 + measure(_first_unit(body))
        ):
            continue  # the same paragraph
        runs.append(range(start, i))
        start, columns = i, _text_columns(line.text)
    runs.append(range(start, len(doc.lines)))
    joins = len(doc.lines) - len(runs)
    long_lines = sum(len(line.text.split()) >= LONG_LINE_WORDS for line in doc.lines)
    if joins < MIN_JOINS or joins < MIN_JOIN_SHARE * long_lines:
        return None
    return runs


def link_list(doc: Document) -> int | None:
    """Where the list of addresses a text browser printed after the page
    starts (its "References" heading), or None when ``doc`` does not end
    with one or holds nothing before it. After the page's last
    "References" line, the list's entries are numbered in order (numbers
    that went to a form's fields are missing; an image map's own list
    starts again at 1), and start at least half of its lines (an address
    with line breaks in it runs on over the next lines). An entry is a
    number and an address, or (elinks's, for a link with a title) a
    number and the title, then the address on a line of its own after a
    tab.

    >>> page = "Story text [1]here.\\n\\nReferences\\n\\n   1. https://example.org/\\n"
    >>> link_list(Document.from_text(page))
    1
    >>> elinks = "Story [1]here.\\n\\nReferences\\n\\n   1. Home page\\n\\thttps://example.org/\\n"
    >>> link_list(Document.from_text(elinks))
    1
    >>> link_list(Document.from_text("Story\\n\\nReferences\\n\\n   1. Smith, J. (2010)."))
    """
    lines = doc.lines
    heading = next(
        (
            i
            for i in range(len(lines) - 1, 0, -1)
            if "References" in lines[i].text and lines[i].text.strip() in _LINK_LIST_HEADINGS
        ),
        None,
    )
    if heading is None:
        return None
    listed = [
        line.text for line in lines[heading + 1 :] if line.text.strip() not in _LINK_LIST_PARTS
    ]
    # Each of the list's lines, an elinks entry's two lines as one: its
    # entry's number, or None for a line that opens no entry.
    opened: list[int | None] = []
    i = 0
    while i < len(listed):
        number = None
        if m := _LISTED_ADDRESS.match(listed[i]):
            number = int(m[1] or m[2])
        elif (m := _TITLED_ENTRY.match(listed[i])) and _TITLED_ADDRESS.match(
            listed[i + 1] if i + 1 < len(listed) else ""
        ):
            number = int(m[1])
            i += 1  # the address below is the entry's
        opened.append(number)
        i += 1
    numbers = [n for n in opened if n is not None]
    if (
        not opened
        or opened[0] is None
        or any(a >= b > 1 for a, b in pairwise(numbers))
        or 2 * len(numbers) < len(opened)
    ):
        return None
    return heading


def _marked(doc: Document, sign: str, mark: re.Pattern[str]) -> bool:
    """Whether at least `MIN_LINK_MARKS` lines of ``doc`` hold ``mark``."""
    found = 0
    for line in doc.lines:
        if sign in line.text and mark.search(line.text):
            found += 1
            if found >= MIN_LINK_MARKS:
                return True
    return False


def _unmarker(doc: Document) -> Callable[[str], str] | None:
    """What takes the renderer's link markup out of a line's text, for the
    model (None when the page has none to speak of)."""
    marks: list[tuple[re.Pattern[str], str]] = []
    if _marked(doc, _MARKDOWN_SIGN, _MARKDOWN_LINK):
        marks += [(_MARKDOWN_IMAGE, r"\1"), (_MARKDOWN_LINK, r"\1")]
    if _marked(doc, "[", _LINK_NUMBER):
        marks.append((_LINK_NUMBER, ""))
    if not marks:
        return None

    def unmarked(text: str) -> str:
        for pattern, keep in marks:
            text = pattern.sub(keep, text)
        return text

    return unmarked


def formulas(doc: Document) -> list[range]:
    """The runs of lines where lynx wrote a formula out: a MathML element's
    markup between "[MATH:" and ":MATH]", each mark on a line of its own
    (a run opens on a line starting with the first and closes on a line
    ending with the second). Such markup is the browser's reading of the
    page's code, not its text.

    >>> page = "Let\\n   [MATH: <mi> x </mi>\\n   <mo> = </mo> :MATH]\\nbe one."
    >>> formulas(Document.from_text(page))
    [range(1, 3)]
    """
    runs: list[range] = []
    start = None
    for i, line in enumerate(doc.lines):
        body = line.text.strip()
        if start is None and body.startswith(_MATH_OPEN):
            start = i
        if start is not None and body.endswith(_MATH_CLOSE):
            runs.append(range(start, i + 1))
            start = None
    return runs


def frames(doc: Document) -> list[range]:
    """The runs of lines where a browser wrote an inline frame
    (``<iframe>``) in place of its page, which is not there: lynx's
    "IFRAME:" and the frame's name or address, or "IFRAME:" alone and the
    address on the next lines (no blank line before them, no space
    inside); links's and elinks's "IFrame", alone or with the frame's name.

    >>> page = "Story.\\n   IFRAME:\\n   https://ads.example.com/f?a=1&b=\\n   2&c=3\\n\\n   More."
    >>> frames(Document.from_text(page))
    [range(1, 4)]
    """
    runs: list[range] = []
    lines = doc.lines
    i = 0
    while i < len(lines):
        if not _FRAME.match(lines[i].text):
            i += 1
            continue
        start, i = i, i + 1
        if _LINK_NUMBER.sub("", lines[start].text).strip() == "IFRAME:":  # the address below
            while (
                i < len(lines)
                and lines[i].position == lines[i - 1].position + 1
                and not any(ch.isspace() for ch in lines[i].text.strip())
            ):
                i += 1
        runs.append(range(start, i))
    return runs


def _unread(doc: Document) -> set[int]:
    """The lines of ``doc`` the model does not read: what a browser wrote
    for formulas and inline frames, and its list of addresses."""
    unread = {i for run in formulas(doc) + frames(doc) for i in run}
    listed = link_list(doc)
    if listed is not None:
        unread.update(range(listed, len(doc)))
    return unread


def model_view(doc: Document) -> tuple[Document, list[range] | None] | None:
    """What the model reads of a text page, when that differs from its lines:
    the page with each wrapped paragraph joined into one line, without a
    renderer's link markup, and without what a browser wrote there itself
    (its list of addresses, `link_list`; lynx's `formulas` and `frames`);
    and the runs of input lines each line of it stands for (None when it
    has a line for each input line; the lines in no run are unread). None
    when the page is read as it is.

    >>> import textwrap
    >>> para = " ".join(["The council met on Monday to discuss the plan."] * 6)
    >>> wrapped = textwrap.fill(para, 72, initial_indent="   ", subsequent_indent="   ")
    >>> view, runs = model_view(Document.from_text("Home\\n\\n" + wrapped))
    >>> runs
    [range(0, 1), range(1, 6)]
    >>> view.lines[1].text == "   " + para
    True
    """
    unread = _unread(doc)
    read = [i for i in range(len(doc)) if i not in unread] if unread else []
    if unread:  # lines either side of an unread run never join: their positions are apart
        doc = Document(tuple(doc.lines[i] for i in read), doc.name)
    unmarked = _unmarker(doc)
    if unmarked is not None:  # widths are read without the markup too
        doc = Document(
            tuple(
                Line(unmarked(line.text), line.position, line.break_before) for line in doc.lines
            ),
            doc.name,
        )
    joined_text = _joined
    runs = paragraphs(doc)
    if runs is None and (runs := pieces(doc)) is not None:
        stripped = all(line.text == line.text.strip() for line in doc.lines)
        joined_text = functools.partial(_pieced, stripped=stripped)
    if runs is None:
        if unread:
            return doc, [range(i, i + 1) for i in read]
        return None if unmarked is None else (doc, None)
    lines = tuple(
        Line(
            joined_text([doc.lines[i].text for i in run]),
            doc.lines[run.start].position,
            doc.lines[run.start].break_before,
        )
        for run in runs
    )
    if unread:
        runs = [range(read[run.start], read[run.stop - 1] + 1) for run in runs]
    return Document(lines, doc.name), runs


def _joined(texts: list[str]) -> str:
    """A paragraph's wrapped lines as one line: a space between two lines,
    none between wide characters (which are written without spaces)."""
    joined = texts[0].rstrip()
    for text in texts[1:]:
        text = text.strip()
        space = "" if joined and text and _wide(joined[-1]) and _wide(text[0]) else " "
        joined += space + text
    return joined


def _pieced(texts: list[str], stripped: bool) -> str:
    """A paragraph's pieces as one line, as they stood in it: each piece's
    own spaces kept, and on a ``stripped`` page (a renderer that took them
    away) one put between two pieces, none before the sentence's
    punctuation."""
    if not stripped:
        return "".join(texts).rstrip()
    joined = texts[0]
    for text in texts[1:]:
        joined += text if _CONTINUES.match(text) else " " + text
    return joined


def labelled_view(doc: Document) -> Document:
    """A labelled page as the model reads it, for training: each wrapped
    paragraph one line, labelled as most of its words are (article on a tie).

    >>> import textwrap
    >>> para = " ".join(["The council met on Monday to discuss the plan."] * 6)
    >>> rows = ["chrome\\tHome", "chrome\\t"]
    >>> rows += [f"article\\t{row}" for row in textwrap.wrap(para, 70)]
    >>> from cleaner.labelled import parse_labelled
    >>> view = labelled_view(parse_labelled("\\n".join(rows)))
    >>> [(str(line.label), len(line.text.split())) for line in view.lines]
    [('chrome', 1), ('article', 54)]
    """
    view = model_view(doc)
    if view is None:
        return doc
    joined, runs = view
    if runs is None:
        runs = [range(i, i + 1) for i in range(len(doc))]
    lines = []
    for line, run in zip(joined.lines, runs, strict=True):
        votes = {Label.ARTICLE: 0, Label.CHROME: 0}
        for i in run:
            label = doc.lines[i].label
            if label is not None:
                votes[label] += max(1, len(doc.lines[i].text.split()))
        label = None
        if any(votes.values()):
            label = Label.ARTICLE if votes[Label.ARTICLE] >= votes[Label.CHROME] else Label.CHROME
        lines.append(Line(line.text, line.position, line.break_before, label))
    return Document(tuple(lines), doc.name)


def spread(
    scores: Sequence[float] | np.ndarray[Any, Any], runs: list[range] | None, n_lines: int
) -> np.ndarray:
    """Each input line's score: the score of the view's line that holds it;
    0 for the lines in no run (what a browser wrote there itself).

    >>> spread([0.9, 0.2], [range(0, 2), range(3, 4)], 5).tolist()
    [0.9, 0.9, 0.0, 0.2, 0.0]
    """
    values = np.asarray(scores, dtype=float)
    if runs is None:
        return values
    stops = [0] + [run.stop for run in runs]
    if (
        len(runs) != len(values)
        or stops[-1] > n_lines
        or any(run.start < stop or not run for run, stop in zip(runs, stops, strict=False))
    ):
        raise ValueError(
            f"{len(runs)} runs for {len(values)} scores: not one a score, in order, "
            f"within the page's {n_lines} lines"
        )
    spread_scores = np.zeros(n_lines)
    for value, run in zip(values, runs, strict=True):
        spread_scores[run.start : run.stop] = value
    return spread_scores
