"""`Cleaner`: a loaded model with the methods crawlers and the CLI call."""

from __future__ import annotations

import threading
from pathlib import Path

from cleaner.document import Document
from cleaner.errors import InputError
from cleaner.limits import MAX_PAGE_CHARS, MAX_PAGE_LINES
from cleaner.model.bundle import Bundle, default_model_path, load_bundle
from cleaner.pipeline import Limits, Page, label_document, label_page

__all__ = ["Cleaner", "default_cleaner", "default_model_path"]


def _text_only(text: object, method: str) -> str:
    if isinstance(text, bytes):
        raise InputError(
            f"{method}() takes text (str), not bytes: decode the page first, "
            "or use clean_html() for HTML bytes"
        )
    if not isinstance(text, str):
        raise InputError(f"{method}() takes text (str), not {type(text).__name__}")
    return text


class Cleaner:
    """A loaded model. Methods are thread-safe: they share no mutable state.

    Parameters
    ----------
    bundle:
        The fitted models and their card.
    threshold:
        Probability of article at or above which a line is kept (a page
        where no line reaches it keeps its best lines:
        `cleaner.selection.kept_lines`; an HTML page's code block between
        kept lines is kept whole: `cleaner.selection.whole_code_blocks`; a
        comment thread under a heading after the story is cut:
        `cleaner.selection.cut_comments`);
        the model's own threshold when None. Outside 0-1 it raises
        `ValueError`.
    max_chars, max_lines:
        Larger pages raise `InputError` instead of being cleaned (time and
        memory grow with them); None lifts a limit.

    Examples
    --------
    >>> cleaner = Cleaner.load()
    >>> print(cleaner.clean("Share on twitter Share on facebook"))
    <BLANKLINE>
    """

    def __init__(
        self,
        bundle: Bundle,
        threshold: float | None = None,
        max_chars: int | None = MAX_PAGE_CHARS,
        max_lines: int | None = MAX_PAGE_LINES,
    ) -> None:
        self.bundle = bundle
        self.limits = Limits(max_chars, max_lines)
        self.threshold = float(bundle.text_model.threshold if threshold is None else threshold)
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {self.threshold}")

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        threshold: float | None = None,
        trusted: bool = False,
        warm: bool = True,
    ) -> Cleaner:
        """Load a model file (the shipped model when ``path`` is None), ready to clean.

        The shipped model is checked against its recorded SHA-256. Any other
        model file is a pickle that runs code when loaded: it loads only
        with ``trusted=True``; otherwise `ModelError` says so. With ``warm``,
        everything the first call needs is loaded here (`warm_up`), so the
        first page is as fast as the next.
        """
        path = default_model_path() if path is None else path
        cleaner = cls(load_bundle(path, trusted), threshold)
        if warm:
            cleaner.warm_up()
        return cleaner

    def warm_up(self) -> None:
        """Load what the first page needs (libraries, stop lists, caches)."""
        warm = "<html><body><nav>Home</nav><p>Warm up the cleaner, once.</p></body></html>"
        self.label_html(warm)
        self.label("Home\nWarm up the cleaner, once.")

    @property
    def model_id(self) -> str:
        """The model's name and creation date, as recorded in its card."""
        return self.bundle.model_id

    def label_page(self, page: Page, repeats: frozenset[str] | None = None) -> Document:
        """Every stage of the pipeline over one `Page` (text, HTML or bytes)."""
        return label_page(page, self.bundle, self.threshold, self.limits, repeats)

    def label_document(self, doc: Document) -> Document:
        """Return ``doc`` (lines of text) with every line's label and score set."""
        if self.limits.max_lines is not None and len(doc) > self.limits.max_lines:
            raise InputError(
                f"page of {len(doc):,} lines exceeds the limit of {self.limits.max_lines:,} "
                "(max_lines)"
            )
        return label_document(doc, self.bundle.text_model, self.threshold)

    def label(self, text: str) -> Document:
        """Split ``text`` into lines and label each one."""
        return self.label_page(Page(_text_only(text, "label"), html=False))

    def clean(self, text: str) -> str:
        """The article lines of ``text``, in order, paragraph breaks kept."""
        return self.label(_text_only(text, "clean")).article_text()

    def label_html(self, html: str | bytes, url: str | None = None) -> Document:
        """Render an HTML page to lines and label each one.

        Bytes are decoded by their BOM, as UTF-8, or by the charset the page
        declares (detected when it declares none). ``url`` names the document.
        With an HTML model in the bundle, lines carry their DOM context and
        that model labels them; otherwise the text model labels the rendering.
        """
        if not isinstance(html, (str, bytes)):
            raise InputError(f"label_html() takes str or bytes, not {type(html).__name__}")
        return self.label_page(Page(html, html=True, url=url, name=url or "html"))

    def clean_html(self, html: str | bytes, url: str | None = None) -> str:
        """The article lines of an HTML page, in order, paragraph breaks kept.

        Every output line is a line of the page's text rendering.
        """
        return self.label_html(html, url).article_text(strip_indent=True)


_default: Cleaner | None = None
_default_lock = threading.Lock()


def default_cleaner() -> Cleaner:
    """The shipped model, loaded once on first use and then shared."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Cleaner.load()
    return _default
