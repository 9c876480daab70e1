"""HTML pages to lines that carry their DOM context.

The page is parsed once with lxml. Each element's class and id are read
for the words sites use for their furniture ("nav", "footer", "comment",
"share", "related"...) and hidden elements are marked; inscriptis then
renders the tree to text lines and annotates the character spans of the
landmark elements. Tables are laid out as plain blocks, one cell after
another: side by side, the cells of a 2000s layout table (menu, story,
sidebar) would share lines that no line-level verdict can split. Each line's
`DomContext` is the share of its characters inside each kind of element;
`mark_extraction` then adds whether trafilatura's own extraction of the page
holds the line (rendering itself never calls trafilatura).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from cleaner.document import Document, DomContext, Line, is_blank, split_lines
from cleaner.errors import InputError

#: Elements whose spans are annotated: annotation name -> tags.
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
MARK_ATTR = "data-cleaner"
_WHITESPACE = np.array([ord(c) for c in " \t\n\r\x0b\x0c\xa0\u2000\u2002\u2003\u2009\u200b\u3000"])
#: Names of the context values of a line, in order: `DomContext`'s fields.
CONTEXT_NAMES: tuple[str, ...] = DomContext._fields
#: The values the rendering itself computes (all but trafilatura's verdict).
_RENDERED_NAMES: tuple[str, ...] = (*TAG_GROUPS, *CLASS_PATTERNS, "hidden")
assert (*_RENDERED_NAMES, "in_trafilatura") == CONTEXT_NAMES, "DomContext and the rules differ"


def _annotation_rules() -> dict[str, list[str]]:
    rules: dict[str, list[str]] = {}
    for name, tags in TAG_GROUPS.items():
        for tag in tags:
            rules.setdefault(tag, []).append(name)
    for name in (*CLASS_PATTERNS, "hidden"):
        rules[f"#{MARK_ATTR}={name}"] = [name]
    return rules


@functools.lru_cache(maxsize=65536)
def _class_marks(words: str) -> tuple[str, ...]:
    """The kinds of block that class and id words name (cached: sites repeat them)."""
    lowered = words.lower()
    return tuple(name for name, pattern in CLASS_PATTERNS.items() if pattern.search(lowered))


def _mark_elements(tree: Any) -> None:
    """Add a `MARK_ATTR` attribute naming what an element's class, id and style say."""
    # Only elements with one of these attributes can be marked; lxml finds them.
    for element in tree.xpath("//*[@class or @id or @style or @hidden or @aria-hidden]"):
        words = f"{element.get('class', '')} {element.get('id', '')}".strip()
        marks = list(_class_marks(words)) if words else []
        if (
            element.get("hidden") is not None
            or element.get("aria-hidden") == "true"
            or HIDDEN_STYLE.search(element.get("style", ""))
        ):
            marks.append("hidden")
        if marks:
            element.set(MARK_ATTR, " ".join(marks))


#: Bumped when the lines an HTML page becomes change (labelled caches are rebuilt).
HTML_LINES_VERSION = 5
#: Table elements, laid out as plain blocks: a layout table's cells (menu,
#: story, sidebar) become lines of their own instead of sharing lines.
TABLE_TAGS: tuple[str, ...] = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")


@functools.lru_cache(maxsize=1)
def _parser_config() -> Any:
    """inscriptis's settings: the annotation rules, and tables laid out as blocks."""
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.html_properties import Display
    from inscriptis.model.config import ParserConfig
    from inscriptis.model.html_element import HtmlElement
    from inscriptis.model.tag import CustomHtmlTagHandlerMapping

    css = dict(CSS_PROFILES["relaxed"])
    for tag in TABLE_TAGS:
        css[tag] = HtmlElement(display=Display.block)
    no_handler: dict[str, Any] = {tag: None for tag in TABLE_TAGS}
    return ParserConfig(
        css=css,
        annotation_rules=_annotation_rules(),
        custom_html_tag_handler_mapping=CustomHtmlTagHandlerMapping(no_handler, no_handler),
    )


#: Elements that belong in a page's ``<head>``; anything else found there is body text.
HEAD_TAGS = frozenset({"title", "meta", "link", "script", "style", "base", "noscript"})
_XML_DECLARATION = re.compile(r"^<\?xml\b.*?\?>", re.DOTALL)


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


def parse_html(html: str) -> Any:
    """The lxml tree of a page as inscriptis parses it; None for an empty page."""
    from lxml.etree import ParserError
    from lxml.html import HTMLParser, document_fromstring

    html = _XML_DECLARATION.sub("", html.strip(), count=1).strip()
    if not html:
        return None
    try:
        tree = document_fromstring(html)
    except ParserError:
        try:
            tree = document_fromstring("<pre>" + html + "</pre>")
        except ParserError:
            return None
    except ValueError:
        # lxml refuses a str that declares an encoding where it does not
        # expect one (a broken XML declaration): give it UTF-8 bytes and
        # say so, so that the declaration is ignored.
        try:
            # A parser of its own: lxml parsers must not be shared between threads.
            parser = HTMLParser(encoding="utf-8")
            tree = document_fromstring(html.encode("utf-8"), parser=parser)
        except (ParserError, ValueError) as exc:
            raise InputError(f"the HTML cannot be parsed ({exc})") from None
    _move_body_out_of_head(tree)
    return tree


def _render(tree: Any) -> tuple[str, list[Any]]:
    """inscriptis's text of a parsed page and its annotations."""
    from inscriptis.html_engine import Inscriptis

    try:
        rendered = Inscriptis(tree, _parser_config())
        return rendered.get_text(), rendered.get_annotations()
    except RecursionError:
        raise InputError("page nested too deeply to render") from None


def render_html_text(html: str) -> str:
    """The text `html_document` splits into lines, without the DOM context."""
    tree = parse_html(html)
    return "" if tree is None else _render(tree)[0]


def _coverage(spans: Sequence[tuple[int, int]], length: int) -> np.ndarray:
    """True for each character inside any of ``spans``."""
    marks = np.zeros(length + 1, dtype=np.int32)
    for start, end in spans:
        marks[max(start, 0)] += 1
        marks[min(end, length)] -= 1
    return np.cumsum(marks, dtype=np.int32)[:length] > 0


def _cumulative(flags: np.ndarray) -> np.ndarray:
    """Prefix sums with a leading 0, so that ``c[end] - c[start]`` counts a range."""
    out = np.zeros(len(flags) + 1, dtype=np.int32)
    np.cumsum(flags, dtype=np.int32, out=out[1:])
    return out


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def html_document(html: str, name: str | None = None) -> Document:
    """Render an HTML page to lines, each with its `DomContext`.

    ``in_trafilatura`` is left at 0: `mark_extraction` sets it.

    Examples
    --------
    >>> page = "<html><body><nav><a href='/'>Home</a></nav><p>Text of the story.</p></body></html>"
    >>> doc = html_document(page)
    >>> [(line.text, line.context.nav) for line in doc]
    [('Home', 1.0), ('Text of the story.', 0.0)]
    """
    tree = parse_html(html)
    if tree is None:
        return Document((), name)
    _mark_elements(tree)
    text, annotations = _render(tree)
    spans: dict[str, list[tuple[int, int]]] = {}
    for annotation in annotations:
        spans.setdefault(annotation.metadata, []).append((annotation.start, annotation.end))
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    visible = ~np.isin(codes, _WHITESPACE)
    visible_cum = _cumulative(visible)
    # Only kinds present on the page get an array (int32: memory stays small).
    covered_cum = {
        key: _cumulative(_coverage(spans[key], len(text)) & visible) if key in spans else None
        for key in _RENDERED_NAMES
    }
    raws = split_lines(text)
    lengths = np.fromiter(map(len, raws), dtype=np.int64, count=len(raws))
    ends = np.cumsum(lengths + 1) - 1  # each line's end; the next starts after its newline
    starts = ends - lengths
    shown = [k for k, raw in enumerate(raws) if not is_blank(raw)]
    first, last = starts[shown], ends[shown]
    n_visible = np.maximum(visible_cum[last] - visible_cum[first], 1.0)
    shares = np.zeros((len(shown), len(CONTEXT_NAMES)))
    for column, cum in enumerate(covered_cum.values()):
        if cum is not None:
            shares[:, column] = (cum[last] - cum[first]) / n_visible
    lines: list[Line] = []
    previous = -1
    for row, position in zip(shares.tolist(), shown, strict=True):
        # A blank line between two shown lines is a paragraph break.
        lines.append(
            Line(
                raws[position],
                position,
                bool(lines) and position > previous + 1,
                context=DomContext(*row),
            )
        )
        previous = position
    return Document(tuple(lines), name)


def mark_extraction(doc: Document, extraction: str) -> Document:
    """``doc`` with ``in_trafilatura`` set on the lines that ``extraction`` holds.

    >>> doc = mark_extraction(html_document("<p>Menu</p><p>The story.</p>"), "The story.")
    >>> [line.context.in_trafilatura for line in doc]
    [0.0, 1.0]
    """
    extracted = _normalise(extraction)
    lines = []
    for line in doc.lines:
        key = _normalise(line.text)
        context = line.context if line.context is not None else DomContext()
        verdict = float(bool(key) and key in extracted)
        lines.append(dataclasses.replace(line, context=context._replace(in_trafilatura=verdict)))
    return dataclasses.replace(doc, lines=tuple(lines))
