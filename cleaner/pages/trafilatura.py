"""The one door to trafilatura and its dependency jusText (lazy imports).

Text-level heuristics that apply to a bare line:

- trafilatura's share/print filter (``trafilatura.utils.RE_FILTER``, the
  pattern behind ``textfilter``): a line that is only "Print", "E-Mail",
  "Twitter", "More on this topic" and the like;
- trafilatura's duplicate test (``deduplication.duplicate_test`` with a fresh
  per-page ``LRUCache``): a line over 100 characters repeated more than twice (its fourth showing on);
- trafilatura's image file pattern (``utils.IMAGE_EXTENSION``), which marks
  alt texts and captions naming a file;
- jusText's paragraph classes, context-free and revised, over the page's
  lines given to it one paragraph per line.

And trafilatura's extraction of a whole HTML page, and its charset
detection.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

#: A line with none of these (letters or digits) is not a paragraph for jusText.
_ALNUM = re.compile(r"[^\W_]")
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@functools.lru_cache(maxsize=1)
def _trafilatura() -> Any:
    import trafilatura
    import trafilatura.deduplication
    import trafilatura.settings
    import trafilatura.utils

    return trafilatura


def share_filter(text: str) -> bool:
    """True when trafilatura's share/print filter matches the line."""
    return _trafilatura().utils.RE_FILTER.match(text) is not None


#: trafilatura's image pattern backtracks quadratically on long unbroken
#: text; a line that names an image file is short, so longer ones are skipped.
MAX_IMAGE_LINE = 500


def names_image_file(text: str) -> bool:
    """True when a line of at most `MAX_IMAGE_LINE` characters names an image file."""
    if len(text) > MAX_IMAGE_LINE:
        return False
    return _trafilatura().utils.IMAGE_EXTENSION.search(text) is not None


def duplicate_flags(texts: Sequence[str]) -> list[bool]:
    """trafilatura's duplicate test over the page's lines, in order."""
    from lxml import etree

    traf = _trafilatura()
    options = traf.settings.Extractor(dedup=traf.deduplication.LRUCache(maxsize=4096))
    min_size = options.min_duplcheck_size
    flags = []
    for text in texts:
        if len(text) <= min_size:  # the test never fires on these: skip the element
            flags.append(False)
            continue
        element = etree.Element("p")
        element.text = _XML_INVALID.sub("", text)
        flags.append(traf.deduplication.duplicate_test(element, options))
    return flags


@functools.lru_cache(maxsize=1)
def _line_paragraph_type() -> type:
    """A jusText paragraph made from one line, its text computed once."""
    from justext.paragraph import Paragraph
    from justext.utils import normalize_whitespace

    class LineParagraph(Paragraph):  # type: ignore[misc]
        def __init__(self, line: str) -> None:
            self.dom_path = "html.body.p"
            self.xpath = "/html/body/p"
            self.chars_count_in_links = 0
            self.tags_count = 0
            self.class_type = ""
            self.text_nodes = [line]
            # jusText normalises each text node, then the stripped paragraph
            # text again: the second pass changes nothing, so it is skipped.
            self._text = normalize_whitespace(line).strip()
            self._words = len(self._text.split())

        @property
        def text(self) -> str:
            return self._text

        @property
        def words_count(self) -> int:
            return self._words

    return LineParagraph


def _nearest(classes: Sequence[str], accept: frozenset[str], reverse: bool) -> list[str]:
    """For each index, the nearest class in ``accept`` before it (after it when
    ``reverse``), "bad" past the page's edge: jusText's neighbour rule."""
    out = ["bad"] * len(classes)
    last = "bad"
    order = range(len(classes) - 1, -1, -1) if reverse else range(len(classes))
    for i in order:
        out[i] = last
        if classes[i] in accept:
            last = classes[i]
    return out


_GOOD_OR_BAD = frozenset({"good", "bad"})
_NOT_SHORT = frozenset({"good", "bad", "neargood"})


def revise_classes(cf_classes: Sequence[str]) -> list[str]:
    """jusText's context-sensitive revision of paragraphs that are not headings.

    The same rules as ``justext.core.revise_paragraph_classification`` (short
    paragraphs take their neighbours' class, then near-good ones), in linear
    time: jusText searches for neighbours afresh for each paragraph, which is
    quadratic on a page of many short lines.
    """
    classes = list(cf_classes)
    prev_gb = _nearest(classes, _GOOD_OR_BAD, reverse=False)
    next_gb = _nearest(classes, _GOOD_OR_BAD, reverse=True)
    prev_any = _nearest(classes, _NOT_SHORT, reverse=False)
    next_any = _nearest(classes, _NOT_SHORT, reverse=True)
    revised = list(classes)
    for i, cls in enumerate(classes):
        if cls != "short":
            continue
        before, after = prev_gb[i], next_gb[i]
        if before == after:
            revised[i] = before
        elif (before == "bad" and prev_any[i] == "neargood") or (
            after == "bad" and next_any[i] == "neargood"
        ):
            revised[i] = "good"
        else:
            revised[i] = "bad"
    next_gb = _nearest(revised, _GOOD_OR_BAD, reverse=True)
    last = "bad"
    for i, cls in enumerate(revised):
        if cls == "neargood":
            revised[i] = "bad" if (last, next_gb[i]) == ("bad", "bad") else "good"
        if revised[i] in _GOOD_OR_BAD:
            last = revised[i]
    return revised


def justext_classes(texts: Sequence[str], stoplist: frozenset[str]) -> list[tuple[str, str]]:
    """jusText's (context-free, final) class of each line, ``("", "")`` if it has no word.

    Each line is one jusText paragraph, classified by jusText's own
    functions; the lines are not re-parsed as HTML.
    """
    from justext.core import classify_paragraphs

    make = _line_paragraph_type()
    paragraphs = [make(_XML_INVALID.sub("", t)) if _ALNUM.search(t) else None for t in texts]
    kept = [p for p in paragraphs if p is not None and p.text]
    classify_paragraphs(kept, stoplist)
    for para, final in zip(kept, revise_classes([p.cf_class for p in kept]), strict=True):
        para.class_type = final
    return [
        (p.cf_class, p.class_type) if p is not None and p.text else ("", "") for p in paragraphs
    ]


def extract_html(page: Any, **kwargs: Any) -> str:
    """trafilatura's main text of an HTML page ("" when it finds none).

    ``page`` is the HTML, or its lxml tree, which trafilatura then changes.
    """
    return _trafilatura().extract(page, **kwargs) or ""


def extract_parts(page: Any) -> tuple[str, str]:
    """trafilatura's default extraction of an HTML page in its two parts: the
    article's text and the comments found under it ("" for a part it finds
    none of). `extract_html` gives both, the comments after the text.

    ``page`` is the HTML, or its lxml tree, which trafilatura then changes.
    """
    traf = _trafilatura()
    document = traf.bare_extraction(page, with_metadata=False)
    if document is None:
        return "", ""
    normal = traf.utils.normalize_unicode
    return normal(document.text or ""), normal(document.comments or "")


def page_title(html: str) -> str | None:
    """The page's title as trafilatura's metadata extraction reads it (None if none)."""
    metadata = _trafilatura().extract_metadata(html)
    title = getattr(metadata, "title", None) if metadata is not None else None
    return title.strip() if isinstance(title, str) and title.strip() else None


#: The metadata fields `page_metadata` gives, as trafilatura names them.
METADATA_FIELDS = ("title", "author", "date", "sitename", "url", "description")


def page_metadata(html: str, url: str | None = None) -> dict[str, str | None]:
    """The page's title, author, date, site name, URL and description, as
    trafilatura's metadata extraction reads them (None where it finds none).

    >>> page_metadata("<html><head><title>Budget passed</title></head><body></body></html>")["title"]
    'Budget passed'
    """
    try:
        found = _trafilatura().extract_metadata(html, default_url=url)
    except Exception:  # a page trafilatura cannot read has no metadata
        found = None
    out: dict[str, str | None] = {}
    for name in METADATA_FIELDS:
        value = getattr(found, name, None) if found is not None else None
        out[name] = value.strip() or None if isinstance(value, str) else None
    return out


def xml_safe(text: str) -> str:
    """``text`` without the characters XML forbids (lxml refuses them)."""
    return _XML_INVALID.sub("", text)


def decode_html_bytes(data: bytes) -> str:
    """Decode a page's bytes: UTF-8 when valid, else trafilatura's detected charset."""
    return str(_trafilatura().utils.decode_file(data))
