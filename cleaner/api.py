"""`Cleaner`: a loaded model with the methods crawlers and the CLI call."""

from __future__ import annotations

import threading
from pathlib import Path

from cleaner.bundle import Bundle, load_bundle
from cleaner.document import Document
from cleaner.errors import InputError, ModelError
from cleaner.limits import MAX_PAGE_CHARS, MAX_PAGE_LINES

DEFAULT_MODEL_NAME = "default.joblib"


def default_model_path() -> Path:
    """The shipped model: package data when installed, ``models/`` in a checkout."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (
        package_dir / "models" / DEFAULT_MODEL_NAME,
        package_dir.parent / "models" / DEFAULT_MODEL_NAME,
    ):
        if candidate.is_file():
            return candidate
    return package_dir.parent / "models" / DEFAULT_MODEL_NAME


class Cleaner:
    """A loaded model. Methods are thread-safe: they share no mutable state.

    Parameters
    ----------
    bundle:
        The fitted model and its card.
    threshold:
        Probability of article at or above which a line is kept; the model's
        own threshold when None.
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
        self.max_chars = max_chars
        self.max_lines = max_lines
        self.threshold = bundle.model.threshold if threshold is None else threshold
        if not 0.0 <= self.threshold <= 1.0:
            raise ModelError(f"threshold must be between 0 and 1, got {self.threshold}")

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        threshold: float | None = None,
        trusted: bool = False,
    ) -> Cleaner:
        """Load a model file (the shipped model when ``path`` is None).

        The shipped model is checked against its recorded SHA-256. Any other
        model file is a pickle that runs code when loaded: it loads only
        with ``trusted=True``; otherwise `ModelError` says so.
        """
        return cls(load_bundle(default_model_path() if path is None else path, trusted), threshold)

    @property
    def model_id(self) -> str:
        """The model's name and creation date, as recorded in its card."""
        return self.bundle.model_id

    def _check_size(self, page: str | bytes) -> None:
        if self.max_chars is not None and len(page) > self.max_chars:
            raise InputError(
                f"page of {len(page):,} characters exceeds the limit of {self.max_chars:,} "
                "(max_chars)"
            )

    def _check_lines(self, doc: Document) -> None:
        if self.max_lines is not None and len(doc) > self.max_lines:
            raise InputError(
                f"page of {len(doc):,} lines exceeds the limit of {self.max_lines:,} (max_lines)"
            )

    def label_document(self, doc: Document) -> Document:
        """Return ``doc`` with every line's label and score set."""
        self._check_lines(doc)
        if self.bundle.site is not None:
            scores = self.bundle.site.predict_scores(self.bundle.model, doc)
        else:
            (scores,) = self.bundle.model.predict_scores([doc])
        return doc.with_predictions(scores, self.threshold)

    def label(self, text: str) -> Document:
        """Split ``text`` into lines and label each one."""
        self._check_size(text)
        return self.label_document(Document.from_text(text))

    def clean(self, text: str) -> str:
        """The article lines of ``text``, in order, paragraph breaks kept."""
        return self.label(text).article_text()

    def label_html(self, html: str | bytes, url: str | None = None) -> Document:
        """Render an HTML page to lines and label each one.

        Bytes are decoded by their BOM, as UTF-8, or by the charset the page
        declares (detected when it declares none). ``url`` names the document.
        With an HTML model in the bundle, lines carry their DOM context and
        that model labels them; otherwise the text model labels the rendering.
        """
        from cleaner.html_lines import html_document, render_html_text
        from cleaner.reading import decode_html

        self._check_size(html)
        page = decode_html(html, url or "html") if isinstance(html, bytes) else html
        html_model = self.bundle.html_model
        if html_model is None:
            return self.label_document(Document.from_text(render_html_text(page), name=url))

        doc = html_document(page, url)
        self._check_lines(doc)
        (scores,) = html_model.predict_scores([doc])
        if self.bundle.site is not None:
            scores = self.bundle.site.memory.adjust(doc, scores)
        return doc.with_predictions(scores, self.threshold)

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
