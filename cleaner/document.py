"""The two data types every stage shares: a `Line` and a `Document`.

A document is the ordered list of the non-blank lines of a page. Blank
lines carry no label; they only mark paragraph breaks, recorded on the
line that follows them as ``break_before``.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cleaner.selection import CODE_BLOCK, select


class Label(str, enum.Enum):
    """What a line is: the running main content or the site around it."""

    ARTICLE = "article"
    CHROME = "chrome"

    def __str__(self) -> str:
        return self.value


class DomContext(NamedTuple):
    """Where a line rendered from HTML sat in the page.

    Each value is the share (0 to 1) of the line's visible characters inside
    that kind of element: landmark elements first, then the kinds of block
    that class and id words name (``cls_...``), then hidden elements. The
    last five come from trafilatura's extraction of the page
    (`cleaner.pages.render.mark_extraction`): ``in_trafilatura`` (1.0 when
    it holds the line), ``in_comments`` (1.0 when only the comments
    trafilatura found under the article hold it), ``in_main_block`` and
    ``in_half_block`` (1.0 when the line sits in the innermost block element
    that holds most, or half, of its words) and ``main_block_share`` (the
    share of the page's words in that main block).
    """

    nav: float = 0.0
    header: float = 0.0
    footer: float = 0.0
    aside: float = 0.0
    form: float = 0.0
    figure: float = 0.0
    button: float = 0.0
    li: float = 0.0
    table: float = 0.0
    link: float = 0.0
    heading: float = 0.0
    paragraph: float = 0.0
    quote: float = 0.0
    time: float = 0.0
    article: float = 0.0
    cls_nav: float = 0.0
    cls_header: float = 0.0
    cls_footer: float = 0.0
    cls_side: float = 0.0
    cls_comment: float = 0.0
    cls_share: float = 0.0
    cls_related: float = 0.0
    cls_ad: float = 0.0
    cls_caption: float = 0.0
    cls_meta: float = 0.0
    cls_tags: float = 0.0
    cls_form: float = 0.0
    cls_consent: float = 0.0
    cls_content: float = 0.0
    hidden: float = 0.0
    in_trafilatura: float = 0.0
    in_comments: float = 0.0
    in_main_block: float = 0.0
    in_half_block: float = 0.0
    main_block_share: float = 0.0


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of a page.

    Attributes
    ----------
    text:
        The line exactly as in the input, without its line terminator.
    position:
        Zero-based index of the line in the input, blank lines counted.
    break_before:
        True when one or more blank lines precede it in the input.
    label:
        The gold or predicted label, ``None`` when unknown.
    score:
        The model's probability that the line is article, ``None`` if unscored
        (for a line a text browser wrapped, its paragraph's: `cleaner.reflow`).
    context:
        For a line rendered from HTML, its `DomContext`; ``None`` for a line
        of text.
    block:
        For a line rendered from HTML, the structure Markdown marks: ``"h1"``
        to ``"h6"`` for a heading, ``"row"`` and the row's number in the
        page for a table cell (``"row3"``), ``"pre"`` and the block's number
        for a line of a preformatted block such as code (``"pre2"``), ``""``
        otherwise.
    """

    text: str
    position: int
    break_before: bool = False
    label: Label | None = None
    score: float | None = None
    context: DomContext | None = None
    block: str = ""


def _floats(values: Iterable[float]) -> list[float]:
    """``values`` as Python floats (a NumPy array's through its ``tolist``)."""
    tolist = getattr(values, "tolist", None)
    return [float(v) for v in (tolist() if tolist is not None else values)]


@dataclass(frozen=True, slots=True)
class Document:
    """An ordered sequence of non-blank lines, with an optional name.

    Examples
    --------
    >>> doc = Document.from_text("Title\\n\\nBody text.\\nMenu")
    >>> [line.text for line in doc.lines]
    ['Title', 'Body text.', 'Menu']
    >>> [line.break_before for line in doc.lines]
    [False, True, False]
    """

    lines: tuple[Line, ...]
    name: str | None = None

    @classmethod
    def from_text(cls, text: str, name: str | None = None) -> Document:
        """Split ``text`` into lines; blank lines become paragraph breaks."""
        lines: list[Line] = []
        pending_break = False
        for position, raw in enumerate(split_lines(text)):
            if is_blank(raw):
                pending_break = bool(lines)
                continue
            lines.append(Line(raw, position, pending_break))
            pending_break = False
        return cls(tuple(lines), name)

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self) -> Iterator[Line]:
        return iter(self.lines)

    @property
    def texts(self) -> list[str]:
        """The text of every line, in order."""
        return [line.text for line in self.lines]

    @property
    def labels(self) -> list[Label | None]:
        """The label of every line, in order."""
        return [line.label for line in self.lines]

    def with_predictions(self, scores: Iterable[float], threshold: float) -> Document:
        """Return a copy whose lines carry ``scores`` and the labels they imply
        at ``threshold`` (`cleaner.selection.select`: a line scoring the
        threshold or more is article, and a page where none does keeps its
        best lines; a preformatted block between kept lines is kept whole;
        a comment thread after the story, under a heading that names it, is
        cut)."""
        values = _floats(scores)
        if len(values) != len(self.lines):
            raise ValueError(f"{len(values)} scores for {len(self.lines)} lines")
        blocks = [line.block for line in self.lines]
        return self._labelled(values, select(values, threshold, blocks, self.texts))

    def with_labels(self, kept: Iterable[bool]) -> Document:
        """Return a copy whose lines are labelled as ``kept`` says, one value a
        line (article when true), with scores 1.0 and 0.0 and no selection
        rule applied: another system's verdicts on the same lines."""
        flags = [bool(k) for k in kept]
        if len(flags) != len(self.lines):
            raise ValueError(f"{len(flags)} labels for {len(self.lines)} lines")
        return self._labelled([float(k) for k in flags], flags)

    def _labelled(self, values: list[float], kept: list[bool]) -> Document:
        # Lines made field by field: `dataclasses.replace` inspects the class on
        # every call (a test checks that every other field is kept).
        lines = tuple(
            Line(
                line.text,
                line.position,
                line.break_before,
                Label.ARTICLE if keep else Label.CHROME,
                score,
                line.context,
                line.block,
            )
            for line, score, keep in zip(self.lines, values, kept, strict=True)
        )
        return dataclasses.replace(self, lines=lines)

    def to_text(self) -> str:
        """The page's lines with one blank line for each paragraph break."""
        rows: list[str] = []
        for line in self.lines:
            if line.break_before:
                rows.append("")
            rows.append(line.text)
        return "\n".join(rows)

    def shown_texts(self, strip_indent: bool = False) -> list[str]:
        """Every line's text as the outputs show it: without its trailing
        white space, and with ``strip_indent`` (for renderings of HTML,
        whose indentation is layout, not text) without its leading white
        space too, except a code block's own: its lines lose only the white
        space all of them start with.

        >>> from cleaner.pages.render import html_document
        >>> doc = html_document("<div><pre>if x:\\n    y()</pre></div><p>Done.</p>")
        >>> doc.shown_texts(strip_indent=True)
        ['if x:', '    y()', 'Done.']
        """
        if not strip_indent:
            return [line.text.rstrip() for line in self.lines]
        indents: dict[str, str] = {}
        for line in self.lines:
            if line.block.startswith(CODE_BLOCK):
                lead = line.text[: len(line.text) - len(line.text.lstrip())]
                known = indents.get(line.block)
                # Character by character, as wanted here (not path parts).
                shared = lead if known is None else os.path.commonprefix([known, lead])  # noqa: RUF071
                indents[line.block] = shared
        return [
            line.text.strip()
            if (indent := indents.get(line.block)) is None
            else line.text[len(indent) :].rstrip()
            for line in self.lines
        ]

    def article_text(self, strip_indent: bool = False) -> str:
        """Join the article lines, in order, with paragraph breaks kept.

        Two kept lines are separated by one blank line when a paragraph
        break stood anywhere between them in the input. Output lines are
        input lines as `shown_texts` gives them: trailing white space
        removed, and leading white space too when ``strip_indent`` (but a
        code block's own indentation).
        """
        out: list[str] = []
        gap = False
        for line, text in zip(self.lines, self.shown_texts(strip_indent), strict=True):
            gap = gap or line.break_before
            if line.label is Label.ARTICLE:
                if out and gap:
                    out.append("")
                out.append(text)
                gap = False
        return "\n".join(out)


def split_lines(text: str) -> list[str]:
    """Split on ``\\n`` only (``\\r\\n`` too), never on other Unicode breaks.

    Splitting only on newlines keeps every output line a true input line.
    """
    return [raw[:-1] if raw.endswith("\r") else raw for raw in text.split("\n")]


def is_blank(raw: str) -> bool:
    """True for a line with no visible character."""
    return not raw.strip()


_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"\w+")


def line_key(text: str) -> str:
    """The normalised form under which a line is remembered and compared.

    Only its words count, lower-cased, each run of digits folded to ``0``:
    "12 Comments" and "3 comments:", or "© 2023" and "© 2024", are one line.

    >>> line_key("  12 Comments:\t")
    '0 comments'
    """
    return " ".join(_WORDS.findall(_DIGITS.sub("0", text))).lower()


def line_keys(texts: Sequence[str]) -> list[str]:
    """`line_key` of each of ``texts``, computed over all of them at once.

    >>> line_keys(["  12 Comments:", "Home"])
    ['0 comments', 'home']
    """
    if not texts or any("\n" in text for text in texts):
        return [line_key(text) for text in texts]
    folded = _DIGITS.sub("0", "\n".join(texts)).split("\n")
    return "\n".join(" ".join(_WORDS.findall(line)) for line in folded).lower().split("\n")


def lines_in_order(source: str, out: str) -> bool:
    """True when every non-blank line of ``out`` is a line of ``source``
    (surrounding white space aside), in input order: the cleaner's promise.

    >>> lines_in_order("a\\n b\\nc", "b\\n\\nc")
    True
    >>> lines_in_order("a\\nb", "b\\na")
    False
    """
    lines = [line.strip() for line in split_lines(source)]
    i = 0
    for line in out.split("\n"):
        if not line.strip():
            continue
        while i < len(lines) and lines[i] != line.strip():
            i += 1
        if i == len(lines):
            return False
        i += 1
    return True
