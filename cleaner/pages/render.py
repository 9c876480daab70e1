"""HTML pages to lines that carry their DOM context, in one walk of the tree.

The page is parsed once with lxml (comments and processing instructions
dropped, as trafilatura drops them, so that the same tree can then be
handed to trafilatura). One walk over the tree lays the text out as a text
browser would (block elements on lines of their own, blank lines around
paragraphs and headings, list items with bullets, white space collapsed
outside ``<pre>``) and, as it writes each piece of text, counts its visible
characters against the kinds of element it sits in: landmarks (nav,
footer, lists, links, headings...), what class and id words name ("nav",
"comment", "share", "related"...) and hidden elements. Tables are laid out
as plain blocks, one cell after another: side by side, the cells of a
2000s layout table (menu, story, sidebar) would share lines that no
line-level verdict can split.

Each line's `DomContext` is the share of its visible characters inside
each kind of element. The walk also notes the block elements each line
starts in (`render_blocks`). `mark_extraction` then adds whether
trafilatura's own extraction of the page holds the line, and whether the
line sits in the page's main block: the innermost block element that
holds most of the extraction's words (rendering never calls trafilatura).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import threading
from collections.abc import Sequence
from typing import Any, NamedTuple

from cleaner.document import Document, DomContext, Line, line_keys
from cleaner.errors import InputError
from cleaner.features.scripts import UNSPACED_LETTER
from cleaner.selection import CODE_BLOCK

logger = logging.getLogger(__name__)

#: Elements whose text is counted: kind of element -> tags.
TAG_GROUPS: dict[str, tuple[str, ...]] = {
    "nav": ("nav",),
    "header": ("header",),
    "footer": ("footer",),
    "aside": ("aside",),
    "form": ("form", "input", "select", "textarea"),
    "figure": ("figure", "figcaption"),
    "button": ("button", "label"),
    "li": ("li", "dt", "dd"),
    "table": ("table",),
    "link": ("a",),
    "heading": ("h1", "h2", "h3", "h4", "h5", "h6"),
    "paragraph": ("p",),
    "quote": ("blockquote", "q"),
    "time": ("time", "address"),
    "article": ("article", "main"),
}
#: Words in class or id values, by the kind of block they name (matched
#: against the lower-cased values, which is faster than ``re.IGNORECASE``).
CLASS_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "cls_nav": r"nav|menu|breadcrumb|masthead|toolbar|skip",
        "cls_header": r"header|topbar|banner",
        "cls_footer": r"foot|copyright|legal",
        "cls_side": r"sidebar|side-|aside|widget|rail",
        "cls_comment": r"comment|reply|replies|disqus|discussion|respond",
        "cls_share": r"share|social|follow|facebook|twitter|whatsapp|print",
        "cls_related": r"related|recommend|popular|trending|more-|read-?next|teaser|promo",
        "cls_ad": r"(?:^|[-_\s])ads?(?:$|[-_\s])|advert|sponsor|dfp|banner-ad",
        "cls_caption": r"caption|credit|figure|photo|image|gallery|video|media",
        "cls_meta": r"byline|author|date|time|meta|dateline|published|updated",
        "cls_tags": r"tags?(?:$|[-_\s])|categor|topics?(?:$|[-_\s])|keyword",
        "cls_form": r"newsletter|subscribe|signup|sign-up|login|log-in|register|search|form",
        "cls_consent": r"cookie|consent|gdpr|privacy|notice|alert|modal|popup|overlay",
        "cls_content": r"article|content|post|entry|story|body|main|text|prose",
    }.items()
}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: A style that takes an element out of the layout (as inscriptis reads it).
NOT_DISPLAYED = re.compile(r"display\s*:\s*none", re.IGNORECASE)
#: Names of the context values of a line, in order: `DomContext`'s fields.
CONTEXT_NAMES: tuple[str, ...] = DomContext._fields
#: The kinds the walk counts (all context values but the `MARKS`), one bit each.
KINDS: tuple[str, ...] = (*TAG_GROUPS, *CLASS_PATTERNS, "hidden")
#: The context values `mark_extraction` sets, from trafilatura's extraction.
MARKS: tuple[str, ...] = (
    "in_trafilatura",
    "in_comments",
    "in_main_block",
    "in_half_block",
    "main_block_share",
)
assert (*KINDS, *MARKS) == CONTEXT_NAMES, "DomContext and the rules differ"
_BIT = {name: 1 << i for i, name in enumerate(KINDS)}
_TAG_BITS: dict[str, int] = {}
for _name, _tags in TAG_GROUPS.items():
    for _tag in _tags:
        _TAG_BITS[_tag] = _TAG_BITS.get(_tag, 0) | _BIT[_name]
_HIDDEN = _BIT["hidden"]

#: Bumped when the lines an HTML page becomes change (labelled caches are rebuilt).
HTML_LINES_VERSION = 13

#: Block elements: tag -> (blank lines before and after, indentation added).
#: The values are those of inscriptis's "relaxed" layout; table elements are
#: plain blocks.
BLOCKS: dict[str, tuple[int, int]] = {
    **dict.fromkeys(("p", "figure", *TAG_GROUPS["heading"]), (1, 0)),
    **dict.fromkeys(("ul", "ol"), (0, 4)),
    "div": (0, 2),
    **dict.fromkeys(
        (
            "li", "address", "article", "aside", "footer", "header", "hgroup", "layer",
            "main", "nav", "figcaption", "blockquote", "pre", "xmp", "listing", "plaintext",
            "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
        ),
        (0, 0),
    ),
}  # fmt: skip
HEADINGS = frozenset(TAG_GROUPS["heading"])
#: Elements never shown. A browser shows an `<iframe>`'s own document, never
#: the text written inside the element (which the parser keeps as raw text).
NOT_SHOWN = frozenset({"head", "link", "meta", "script", "title", "style", "template", "iframe"})
#: Elements whose white space is kept.
PREFORMATTED = frozenset({"pre", "xmp", "listing", "plaintext"})
#: Bullets of nested unordered lists, by depth.
BULLETS = ("* ", "+ ", "o ", "- ")
_WHITESPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)
def _class_bits(words: str) -> int:
    """The kinds of block that class and id words name (cached: sites repeat them)."""
    lowered = words.lower()
    bits = 0
    for name, pattern in CLASS_PATTERNS.items():
        if pattern.search(lowered):
            bits |= _BIT[name]
    return bits


@functools.lru_cache(maxsize=4096)
def _kinds_of(mask: int) -> tuple[int, ...]:
    """The kind indices set in ``mask``."""
    return tuple(i for i in range(len(KINDS)) if mask >> i & 1)


def _element_bits(element: Any) -> int:
    """What an element's tag, class, id and hiding attributes say it is."""
    bits = _TAG_BITS.get(element.tag, 0)
    attrib = element.attrib
    if attrib:
        words = f"{attrib.get('class', '')} {attrib.get('id', '')}"
        if words != " ":
            bits |= _class_bits(words)
        if (
            "hidden" in attrib
            or attrib.get("aria-hidden") == "true"
            or ("style" in attrib and HIDDEN_STYLE.search(attrib["style"]))
        ):
            bits |= _HIDDEN
    return bits


class _Layout:
    """The walk's output so far: finished lines and the line being written."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.position = 0  # of the next line, blank lines counted
        self.pieces: list[str] = []
        self.counts: dict[int, int] = {}  # mask -> visible characters on this line
        self.at_space = True  # the last character written is white space
        self.margin = 0  # blank lines owed before the next text
        self.indent = 0
        self.prefix = ""  # a list item's bullet, written before its first text
        self.broke = False  # blank lines stand before the line being written
        self.structure = ""  # the structure the walk is in (heading, table row, code block)
        self.line_structure = ""  # the structure the line being written started in
        self.open_blocks: list[int] = [0]  # numbers of the block elements the walk is in
        self.line_block = 0  # the innermost one the line being written started in
        self.blocks: list[int] = []  # that block, per finished line

    def _start_line(self, mask: int) -> None:
        """Open a line for text of kinds ``mask``: blank lines owed, indentation, bullet."""
        self.broke = bool(self.lines) and self.margin > 0
        self.line_structure = self.structure
        self.line_block = self.open_blocks[-1]
        if self.broke:
            self.position += self.margin
        self.margin = 0
        if self.prefix:  # the bullet stands in the list's indentation
            self.pieces.append(" " * max(self.indent - len(self.prefix), 0) + self.prefix)
            self.counts[mask] = self.counts.get(mask, 0) + len(self.prefix.strip())
            self.prefix = ""
        else:
            self.pieces.append(" " * self.indent)

    def write(self, text: str | None, mask: int, pre: bool) -> None:
        """Write text of elements of kinds ``mask``."""
        if not text:
            return
        if pre:
            first, *rest = text.split("\n")
            self._write_raw(first, mask)
            for part in rest:
                self.newline()
                self._write_raw(part, mask)
            return
        text = _WHITESPACE.sub(" ", text)
        if self.at_space and text[0] == " ":
            text = text[1:]
        if text:
            self._write_raw(text, mask)

    def _write_raw(self, text: str, mask: int) -> None:
        if not text:
            return
        visible = len(text) - sum(map(text.count, (" ", "\t", "\r", "\xa0")))
        if not self.pieces:
            if not visible:
                return
            self._start_line(mask)
        self.pieces.append(text)
        self.counts[mask] = self.counts.get(mask, 0) + visible
        self.at_space = text[-1].isspace()

    def bare_bullet(self, mask: int) -> None:
        """A list item with no text (icons, an image) still shows its bullet, as
        text browsers show it: runs of them mark link and icon lists."""
        if not self.pieces:
            self._start_line(mask)
            self.at_space = True

    def space(self) -> None:
        """A space, unless one was just written (inline elements' padding)."""
        if self.pieces and not self.at_space:
            self.pieces.append(" ")
            self.at_space = True

    def newline(self) -> None:
        """End the current line (a ``<br>``: twice in a row, a blank line)."""
        if self.pieces:
            self.flush()
        elif self.lines:
            self.margin += 1

    def flush(self) -> None:
        """Finish the line being written, if it has any visible text."""
        if not self.pieces:
            return
        counts = self.counts
        total = sum(counts.values())
        if total:
            shares = [0.0] * len(CONTEXT_NAMES)
            for mask, count in counts.items():
                for kind in _kinds_of(mask):
                    shares[kind] += count
            scale = 1.0 / total
            context = DomContext._make([value * scale for value in shares])
            text = "".join(self.pieces).rstrip()
            line = Line(text, self.position, self.broke, context=context, block=self.line_structure)
            self.lines.append(line)
            self.blocks.append(self.line_block)
            self.position += 1
        self.pieces = []
        self.counts = {}
        self.at_space = True
        self.prefix = ""

    def block(self, margin: int) -> None:
        """A block element starts or ends: a new line, after ``margin`` blank lines."""
        self.flush()
        self.margin = max(self.margin, margin)


class _Walker:
    """Lays a tree out into a `_Layout`, element by element."""

    def __init__(self) -> None:
        self.layout = _Layout()
        self.lists: list[int | None] = []  # per open list: next number, None if unordered
        self.rows = 0  # table rows seen
        self.preformatted = 0  # preformatted blocks seen
        self.parents: list[int] = [-1]  # per block element (0: the page), its parent's number
        self.ends: list[int] = [0]  # per block element, the number of the last one inside it

    def visit(self, element: Any, parent_mask: int, pre: bool) -> None:
        tag = element.tag
        layout = self.layout
        if (
            not isinstance(tag, str)
            or tag in NOT_SHOWN
            or ("style" in element.attrib and NOT_DISPLAYED.search(element.attrib["style"]))
        ):
            layout.write(element.tail, parent_mask, pre)
            return
        mask = parent_mask | _element_bits(element)
        block = BLOCKS.get(tag)
        inner_pre = pre or tag in PREFORMATTED
        if block is not None:
            layout.block(block[0])
            layout.indent += block[1]
            number = len(self.parents)
            self.parents.append(layout.open_blocks[-1])
            self.ends.append(number)
            layout.open_blocks.append(number)
        if tag == "br":
            layout.newline()
        elif tag == "span" and not pre:  # inline padding; a code block's spaces are its own
            layout.space()
        elif tag == "q":
            layout.write('"', mask, pre)
        elif tag in ("ul", "ol"):
            self.lists.append(None if tag == "ul" else 1)
        elif tag == "li":
            self._bullet()
        outer_structure = layout.structure
        if tag in HEADINGS:
            layout.structure = tag
        elif tag == "tr":
            self.rows += 1
            layout.structure = f"row{self.rows}"
        elif tag in PREFORMATTED and not pre:
            self.preformatted += 1
            layout.structure = f"{CODE_BLOCK}{self.preformatted}"
        layout.write(element.text, mask, inner_pre)
        for child in element:
            self.visit(child, mask, inner_pre)
        layout.structure = outer_structure
        if tag == "span" and not pre:
            layout.space()
        elif tag == "q":
            layout.write('"', mask, pre)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "li" and layout.prefix:
            layout.bare_bullet(mask)
        if block is not None:
            layout.indent -= block[1]
            layout.block(block[0])
            self.ends[layout.open_blocks.pop()] = len(self.parents) - 1
        layout.write(element.tail, parent_mask, pre)

    def _bullet(self) -> None:
        layout = self.layout
        number = self.lists[-1] if self.lists else None
        if number is None:
            depth = sum(1 for n in self.lists if n is None)
            layout.prefix = BULLETS[(depth - 1) % len(BULLETS)] if depth else "* "
        else:
            layout.prefix = f"{number}. "
            self.lists[-1] = number + 1


class Blocks(NamedTuple):
    """The block elements of a rendered page, numbered in document order
    (0 is the page itself), and the one each line starts in."""

    #: Per line, the number of the innermost block element it starts in.
    lines: tuple[int, ...]
    #: Per block element, its parent's number (-1 for the page).
    parents: tuple[int, ...]
    #: Per block element, the number of the last block element inside it
    #: (its own when none): block ``b`` is inside ``a`` when ``a <= b <= ends[a]``.
    ends: tuple[int, ...]


def render_blocks(tree: Any, name: str | None = None) -> tuple[Document, Blocks]:
    """Lay a parsed page out as lines, each with its `DomContext`, and say
    which block element each line starts in (for `mark_extraction`).

    The `MARKS` are left at 0: `mark_extraction` sets them.

    >>> from lxml.html import fromstring
    >>> page = "<div><p>One</p><div><p>Two</p></div></div><p>Three</p>"
    >>> doc, blocks = render_blocks(fromstring(f"<html><body>{page}</body></html>"))
    >>> blocks
    Blocks(lines=(2, 4, 5), parents=(-1, 0, 1, 1, 3, 0), ends=(5, 4, 2, 4, 4, 5))
    """
    walker = _Walker()
    try:
        walker.visit(tree, 0, False)
    except RecursionError:
        raise InputError("page nested too deeply to render") from None
    layout = walker.layout
    layout.flush()
    walker.ends[0] = len(walker.parents) - 1
    blocks = Blocks(tuple(layout.blocks), tuple(walker.parents), tuple(walker.ends))
    return Document(tuple(layout.lines), name), blocks


def render_tree(tree: Any, name: str | None = None) -> Document:
    """Lay a parsed page out as lines, each with its `DomContext`.

    The `MARKS` are left at 0: `mark_extraction` sets them.
    """
    return render_blocks(tree, name)[0]


#: Elements that belong in a page's ``<head>``; anything else found there is body text.
HEAD_TAGS = frozenset({"title", "meta", "link", "script", "style", "base", "noscript"})
_XML_DECLARATION = re.compile(r"^<\?xml\b.*?\?>", re.DOTALL)
_parsers = threading.local()


def _move_body_out_of_head(tree: Any) -> None:
    """Move what a broken page left in ``<head>`` (from its first body element on) to the body.

    libxml2 keeps an unknown tag met in the head (say ``<mbox>``) there, with
    the whole page inside it; a renderer skips the head, so the page would
    have no lines at all. Browsers show that text, and so does this. Only a
    page with no body of its own is changed: elsewhere such head elements are
    templates and data (shop widgets, chat buttons) that no one reads.
    """
    head = tree.find("head")
    body = tree.find("body")
    if head is None or (body is not None and (len(body) or (body.text or "").strip())):
        return  # a page with a body of its own keeps its head as it is
    children = list(head)
    first = next(
        (
            i
            for i, child in enumerate(children)
            if isinstance(child.tag, str) and child.tag not in HEAD_TAGS
        ),
        None,
    )
    if first is None:
        return
    if body is None:
        body = tree.makeelement("body", {})
        tree.append(body)
    for k, child in enumerate(children[first:]):
        body.insert(k, child)


def _parser(encoding: str | None = None) -> Any:
    """This thread's HTML parser (lxml parsers must not be shared between threads).

    Its elements are lxml.html's `HtmlElement` (trafilatura needs them), made
    by lxml's own default lookup rather than lxml.html's, which calls back
    into Python for every element the walk or trafilatura touches. The one
    difference, that ``<form>``, ``<input>``, ``<select>``, ``<textarea>`` and
    ``<label>`` lack their lxml.html subclasses' form methods, is one neither
    uses.
    """
    from lxml import etree
    from lxml.html import (
        HtmlComment,
        HtmlElement,
        HtmlEntity,
        HTMLParser,
        HtmlProcessingInstruction,
    )

    key = f"parser_{encoding}"
    parser = getattr(_parsers, key, None)
    if parser is None:
        parser = HTMLParser(
            encoding=encoding,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
            default_doctype=False,
        )
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=HtmlElement,
                comment=HtmlComment,
                pi=HtmlProcessingInstruction,
                entity=HtmlEntity,
            )
        )
        setattr(_parsers, key, parser)
    return parser


def parse_html(html: str) -> Any:
    """The lxml tree of a page; None for an empty page."""
    from lxml.etree import ParserError
    from lxml.html import document_fromstring

    html = _XML_DECLARATION.sub("", html.strip(), count=1).strip()
    if not html:
        return None
    try:
        tree = document_fromstring(html, parser=_parser())
    except ParserError:
        try:
            tree = document_fromstring("<pre>" + html + "</pre>", parser=_parser())
        except ParserError:
            return None
    except ValueError:
        # lxml refuses a str that declares an encoding where it does not
        # expect one (a broken XML declaration): give it UTF-8 bytes and
        # say so, so that the declaration is ignored.
        try:
            tree = document_fromstring(html.encode("utf-8"), parser=_parser("utf-8"))
        except (ParserError, ValueError) as exc:
            raise InputError(f"the HTML cannot be parsed ({exc})") from None
    _move_body_out_of_head(tree)
    return tree


def html_document(html: str, name: str | None = None) -> Document:
    """Render an HTML page to lines, each with its `DomContext`.

    The `MARKS` are left at 0: `mark_extraction` sets them.

    Examples
    --------
    >>> page = "<html><body><nav><a href='/'>Home</a></nav><p>Text of the story.</p></body></html>"
    >>> doc = html_document(page)
    >>> [(line.text, line.context.nav, line.break_before) for line in doc]
    [('Home', 1.0, False), ('Text of the story.', 0.0, True)]
    """
    tree = parse_html(html)
    return Document((), name) if tree is None else render_tree(tree, name)


def render_html2text(html: str) -> str:
    """Render with html2text (Markdown-like, unwrapped, no links or images):
    Python's own HTML parser, which recovers from broken pages otherwise
    than libxml2 does."""
    import html2text

    converter = html2text.HTML2Text()
    converter.ignore_links = True
    converter.ignore_images = True
    converter.body_width = 0
    converter.unicode_snob = True
    return str(converter.handle(html))


def fallback_document(html: str, name: str | None = None) -> Document:
    """The page's lines as another parser reads it, without DOM context.

    For pages the walk renders empty although they hold text: a broken page
    (an unclosed ``<title>``, a start tag whose quote never ends) can leave
    libxml2's tree with no body. `render_html2text` reads it otherwise.

    >>> [line.text for line in fallback_document("<title>News<p>The story goes on.</p>")]
    ['News', 'The story goes on.']
    """
    try:
        text = render_html2text(html)
    except Exception as exc:  # html2text fails on some malformed markup
        logger.debug("%s: the fallback rendering failed (%s)", name or "page", exc)
        return Document((), name)
    return Document.from_text(text, name)


def render_html_text(html: str) -> str:
    """The text of `html_document`'s lines, blank lines for paragraph breaks."""
    return html_document(html).to_text()


#: A line of at least this many words counts as in trafilatura's extraction
#: when its words run, whole, anywhere in it (the walk and trafilatura break
#: some paragraphs differently); a shorter line must equal a whole line of
#: it ("Home" is not in an extraction that says "homework" or "go home").
#: In the scripts written without spaces, two letters count as a word
#: (`contained_words`).
MIN_CONTAINED_WORDS = 3
#: A page's main block holds at least the first of these shares of the words
#: of trafilatura's extraction (``in_main_block``); its half block the second.
MAIN_BLOCK_SHARES = (0.8, 0.5)


def contained_words(key: str) -> int:
    """The words of a line key, for `MIN_CONTAINED_WORDS`: its space-separated
    words, plus one for every two letters of a script written without spaces
    (`UNSPACED_SCRIPTS`).

    >>> contained_words("the story goes"), contained_words("元旦"), contained_words("おりがみをつくろう")
    (3, 2, 5)
    """
    words = key.count(" ") + 1
    if not key.isascii():
        words += len(UNSPACED_LETTER.findall(key)) // 2
    return words


def main_blocks(blocks: Blocks, words: Sequence[float]) -> list[int]:
    """For each share in `MAIN_BLOCK_SHARES`, the innermost block element
    whose lines hold at least that share of ``words`` (0, the page, when no
    element does or ``words`` are all 0; of two such elements of the same
    depth, the first).

    ``words`` gives each line's words in trafilatura's extraction (0 for a
    line it does not hold).

    >>> blocks = Blocks(lines=(2, 2, 3, 4), parents=(-1, 0, 1, 1, 0), ends=(4, 3, 2, 3, 4))
    >>> main_blocks(blocks, [10, 7, 1, 2]), main_blocks(blocks, [4, 0, 3, 1])
    ([2, 2], [1, 2])
    """
    held = [0.0] * len(blocks.parents)
    for number, count in zip(blocks.lines, words, strict=True):
        held[number] += count
    for number in range(len(held) - 1, 0, -1):  # a parent's number is below its children's
        held[blocks.parents[number]] += held[number]
    depth = [0] * len(held)
    for number in range(1, len(held)):
        depth[number] = depth[blocks.parents[number]] + 1
    total = held[0]
    if not total:
        return [0] * len(MAIN_BLOCK_SHARES)
    found = []
    for share in MAIN_BLOCK_SHARES:
        inside = [n for n in range(1, len(held)) if held[n] >= share * total]
        found.append(max(inside, key=lambda n: (depth[n], -n)) if inside else 0)
    return found


#: The number the walk puts before an item of an ordered list ("3. ").
_ITEM_NUMBER = re.compile(r"\s*\d+\. ")


def _held(texts: Sequence[str], keys: Sequence[str], extraction: str) -> list[float]:
    """1.0 for each of ``texts`` (whose `line_keys` are ``keys``) that
    ``extraction`` holds (see `mark_extraction`).

    A line that starts with an ordered list's item number is also looked
    for without it: trafilatura writes the item without its number.
    """
    extracted = line_keys(extraction.split("\n"))
    whole = set(extracted)
    haystack = " " + " ".join(key for key in extracted if key) + " "

    def found(key: str) -> bool:
        return bool(key) and (
            key in whole or (contained_words(key) >= MIN_CONTAINED_WORDS and f" {key} " in haystack)
        )

    return [
        float(found(key) or (_ITEM_NUMBER.match(text) is not None and found(key[2:])))
        for text, key in zip(texts, keys, strict=True)
    ]


def mark_extraction(
    doc: Document, extraction: str, blocks: Blocks | None = None, comments: str = ""
) -> Document:
    """``doc`` with the `MARKS` set from trafilatura's ``extraction`` of the page.

    ``in_trafilatura`` is 1.0 on the lines ``extraction`` (the article's
    text trafilatura found) or ``comments`` (the comments it found under
    it) holds, ``in_comments`` on those only ``comments`` holds: readers'
    comments are chrome under a news story and content on a forum, which
    the model tells apart. Lines and the extraction compare by `line_key`:
    a line is held when its key equals the key of a line of the
    extraction, or, for a line of at least `MIN_CONTAINED_WORDS` words, when
    its words run whole inside the extraction's.

    With the page's ``blocks`` (`render_blocks`), ``in_main_block`` is 1.0
    on the lines inside the innermost block element that holds at least
    `MAIN_BLOCK_SHARES`\\[0] of the held lines' words, ``in_half_block`` the
    same for the second share, and ``main_block_share`` is the share of the
    page's words inside the first: lists of other stories, comments and
    credits that the extraction holds mostly sit outside the block that
    holds the story. Without ``blocks``, or when the extraction holds no
    line, they are 0.

    >>> doc = html_document("<p>Home</p><p>The story goes on.</p><p>Our homework</p><p>Nice!</p>")
    >>> marked = mark_extraction(doc, "The story\\ngoes on. More.\\nDo your homework", comments="Nice!")
    >>> [(line.context.in_trafilatura, line.context.in_comments) for line in marked]
    [(0.0, 0.0), (1.0, 0.0), (0.0, 0.0), (1.0, 1.0)]
    """
    texts = doc.texts
    keys = line_keys(texts)
    in_text = _held(texts, keys, extraction)
    in_comments = _held(texts, keys, comments) if comments else [0.0] * len(in_text)
    held = [max(t, c) for t, c in zip(in_text, in_comments, strict=True)]
    only_comments = [c * (1.0 - t) for t, c in zip(in_text, in_comments, strict=True)]
    main = half = [0.0] * len(held)
    share = 0.0
    words = [len(text.split()) for text in texts]
    held_words = [w * h for w, h in zip(words, held, strict=True)]
    if blocks is not None and any(held_words):
        main_number, half_number = main_blocks(blocks, held_words)
        ends = blocks.ends
        main = [float(main_number <= n <= ends[main_number]) for n in blocks.lines]
        half = [float(half_number <= n <= ends[half_number]) for n in blocks.lines]
        share = sum(w for w, m in zip(words, main, strict=True) if m) / max(sum(words), 1)
    kept = len(CONTEXT_NAMES) - len(MARKS)
    empty = DomContext()
    lines = []
    for line, *marks in zip(doc.lines, held, only_comments, main, half, strict=True):
        context = line.context if line.context is not None else empty
        values = (*marks, share)
        if context[kept:] != values:  # only changed lines are remade
            line = Line(
                line.text,
                line.position,
                line.break_before,
                line.label,
                line.score,
                DomContext._make((*context[:kept], *values)),
                line.block,
            )
        lines.append(line)
    return dataclasses.replace(doc, lines=tuple(lines))
