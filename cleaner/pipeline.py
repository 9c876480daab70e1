"""The stages every page goes through, in one visible function: `label_page`.

    decode       bytes to text (HTML by its charset), refusing binary data;
                 a lone surrogate in a str becomes U+FFFD
    segment      text to lines; HTML rendered to lines with DOM context (a page
                 that renders empty is read by another parser, and scored
                 by the text model)
    baseline     HTML: trafilatura's extraction marks the lines it holds (its
                 comments apart), and the block element that holds most of it
                 (the page's main block)
    reflow       text: the lines a text browser wrapped are read as the
                 paragraphs they came from (each line takes its paragraph's score);
                 the list of link addresses it printed after the page scores 0
    analyse      one feature row per line
    score        pass 1: each line's probability of article on its own
    revise       pass 2: each score revised from its neighbours'
    post-process HTML: trafilatura's verdict (its article text, not its comments) on
                 a page in scripts the model never saw; or a site adapter and its
                 memory, when the model has one
    select       threshold: each line labelled article or chrome (a page where
                 no line reaches it keeps its best lines)
    post-process lines the site repeats (``cleaner batch --site-repeats``)

`Cleaner`, batch runs and the benchmarks all call `label_page`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from cleaner.document import Document, Label
from cleaner.errors import InputError
from cleaner.model.bundle import Bundle
from cleaner.model.labeller import Scorer
from cleaner.model.site import cut_repeats

logger = logging.getLogger(__name__)

#: Signatures of binary formats, as the first characters of a page given as text.
_BINARY_STARTS = ("\x89PNG", "\x1f\x8b", "%PDF", "PK\x03\x04", "\xff\xd8\xff", "GIF8", "\x7fELF")
#: Share of NUL characters in the first 8,192 above which a page is binary.
_MAX_NUL_SHARE = 0.01
#: A surrogate code point alone in a str is no character (JSON's "\ud800" makes one).
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Page:
    """One page as it arrives.

    Attributes
    ----------
    content:
        The page: text, HTML, or undecoded bytes.
    html:
        True for HTML, False for text, None to tell by how the page starts.
    url:
        The page's URL, when known (names the document).
    charset:
        The charset declared outside the page (an HTTP header), for bytes.
    name:
        What error messages call the page.
    """

    content: str | bytes
    html: bool | None = False
    url: str | None = None
    charset: str | None = None
    name: str = "input"


@dataclass(frozen=True, slots=True)
class Limits:
    """Pages beyond a limit raise `InputError` (None lifts a limit)."""

    max_chars: int | None = None
    max_lines: int | None = None


def looks_binary(text: str) -> bool:
    r"""True for text that is binary data: a binary format's signature at its
    start, or NUL characters in more than 1% of its first 8,192 (the rule for bytes).

    >>> looks_binary("\x89PNG\r\n"), looks_binary("A line of plain text. " * 10 + "\x00")
    (True, False)
    """
    head = text[:8192]
    return text.startswith(_BINARY_STARTS) or (
        bool(head) and head.count("\x00") / len(head) > _MAX_NUL_SHARE
    )


def replace_lone_surrogates(text: str) -> str:
    r"""``text`` with each lone surrogate replaced by U+FFFD, as an encoder would.

    >>> replace_lone_surrogates("caf\ud800e"), replace_lone_surrogates("café")
    ('caf\ufffde', 'café')
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # refuses a lone surrogate, and is faster than the search
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text


def check_text(text: str, name: str) -> None:
    """Refuse binary data handed over as text, as binary bytes are refused."""
    if looks_binary(text):
        raise InputError(f"{name}: binary data, not a text page")


def decode(page: Page) -> tuple[str, bool]:
    """The page's text and whether it is HTML."""
    from cleaner.pages.decode import decode_bytes, decode_html, looks_like_html

    content = page.content
    if not isinstance(content, (str, bytes)):
        raise InputError(f"{page.name}: a page is str or bytes, not {type(content).__name__}")
    html = looks_like_html(content) if page.html is None else page.html
    if isinstance(content, bytes):
        text = (
            decode_html(content, page.name, page.charset)
            if html
            else decode_bytes(content, page.name)
        )
    else:
        text = replace_lone_surrogates(content)
    check_text(text, page.name)
    return text, html


def segment(text: str, html: bool, with_context: bool, name: str | None) -> Document:
    """Lines of the page: its own lines, or the rendering of its HTML.

    ``with_context`` renders HTML with each line's DOM context (for a
    model that reads it) and marks the lines trafilatura's extraction holds
    (its comments apart) and the page's main block
    (`cleaner.pages.render.mark_extraction`):
    the page is parsed once, rendered, then handed to trafilatura.
    """
    if not html:
        return Document.from_text(text, name)
    from cleaner.pages.render import mark_extraction, parse_html, render_blocks

    tree = parse_html(text)
    if tree is None:
        return Document((), name)
    doc, blocks = render_blocks(tree, name)
    if not with_context:
        return Document.from_text(doc.to_text(), name)
    if len(doc):
        from cleaner.pages.trafilatura import extract_parts

        # the baseline (trafilatura consumes the tree)
        text, comments = extract_parts(tree)
        doc = mark_extraction(doc, text, blocks, comments)
    return doc


def label_page(
    page: Page,
    bundle: Bundle,
    threshold: float,
    limits: Limits = Limits(),
    repeats: frozenset[str] | None = None,
) -> Document:
    """Every stage, in order: the page as a `Document` whose lines carry labels and scores."""
    if limits.max_chars is not None and len(page.content) > limits.max_chars:
        raise InputError(
            f"{page.name}: page of {len(page.content):,} characters exceeds the limit of "
            f"{limits.max_chars:,} (max_chars)"
        )
    text, html = decode(page)  # decode
    model = bundle.html_model if html and bundle.html_model is not None else bundle.text_model
    with_context = model is bundle.html_model
    doc = segment(text, html, with_context, page.url)  # segment (+ the baseline for HTML)
    if html and not len(doc):
        # A page the walk renders empty, read by another parser: its lines
        # have no DOM context, so the text model scores them.
        from cleaner.pages.render import fallback_document

        doc, model = fallback_document(text, page.url), bundle.text_model
        if len(doc):
            logger.debug("%s: rendered empty; %d lines by the fallback", page.name, len(doc))
    if limits.max_lines is not None and len(doc) > limits.max_lines:
        raise InputError(
            f"{page.name}: page of {len(doc):,} lines exceeds the limit of "
            f"{limits.max_lines:,} (max_lines)"
        )
    doc = label_document(doc, model, threshold)
    if repeats:
        doc = cut_repeats(doc, repeats)  # post-process: lines the site repeats
    logger.debug(
        "%s: %s, %d lines, %d kept",
        page.name,
        "HTML" if html else "text",
        len(doc),
        sum(line.label is Label.ARTICLE for line in doc),
    )
    return doc


def label_document(doc: Document, model: Scorer, threshold: float) -> Document:
    """The model's stages over the lines of ``doc``: reflow (a text page),
    analyse, score, revise, post-process, select."""
    if not len(doc):
        return doc
    view, runs = doc, None
    if doc.lines[0].context is None:
        from cleaner.reflow import model_view

        reflowed = model_view(doc)  # reflow
        if reflowed is not None:
            view, runs = reflowed
        if not len(view):  # all of it what a browser wrote itself (formulas, frames)
            return doc.with_predictions([0.0] * len(doc), threshold)
    X = model.featurize([view])  # analyse
    scores = model.first_pass(X)  # score
    scores = model.second_pass(scores, X, [len(view)])  # revise
    scores = model.adjust([view], scores, X)  # post-process: unseen scripts, or site adapter
    if runs is not None:
        from cleaner.reflow import spread

        scores = spread(scores, runs, len(doc))  # each line takes its paragraph's score
    return doc.with_predictions(scores, threshold)  # select
