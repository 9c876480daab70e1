"""cleaner: label each line of a scraped page as article or chrome.

Importing the package is cheap: the model and its libraries load on the
first call.

Examples
--------
>>> import cleaner
>>> page = "\\n\\n".join([
...     "Home | News | Sport | Weather",
...     "Council approves the new budget",
...     "The city council approved the new budget on Monday after a long debate.",
...     "The plan funds new schools and the repair of roads, the mayor said.",
...     "Councillors voted seven to two, and the budget takes effect in April.",
...     "Share this article",
...     "© 2026 The Paper. All rights reserved.",
... ])
>>> kept = cleaner.clean(page).splitlines()
>>> kept[-1]
'Councillors voted seven to two, and the budget takes effect in April.'
>>> "Share this article" in kept
False
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from cleaner.document import Document, Label, Line
from cleaner.errors import CleanerError, InputError, LabelFormatError, ModelError

if TYPE_CHECKING:
    from cleaner.api import Cleaner
    from cleaner.pipeline import Page

# Silent by default: an application decides where the "cleaner" logger goes.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Cleaner",
    "CleanerError",
    "Document",
    "InputError",
    "Label",
    "LabelFormatError",
    "Line",
    "ModelError",
    "Page",
    "clean",
    "clean_html",
    "label",
]


def clean(text: str) -> str:
    """The article lines of ``text`` with the shipped model, in input order.

    Two kept lines are separated by one blank line when a paragraph break
    stood between them in the input. Every output line is an input line.
    A text browser's wrapped dump is scored paragraph by paragraph, and
    the list of link addresses it prints after the page is cut
    (`cleaner.reflow`). Bytes are refused with `InputError`: decode them
    first, or use `clean_html` for HTML.
    """
    from cleaner.api import default_cleaner

    return default_cleaner().clean(text)


def clean_html(html: str | bytes, url: str | None = None) -> str:
    """The article lines of an HTML page with the shipped model, in order.

    Bytes are decoded by BOM, UTF-8 or the page's declared charset.
    Every output line is a line of the page's text rendering.
    """
    from cleaner.api import default_cleaner

    return default_cleaner().clean_html(html, url)


def label(text: str) -> Document:
    """``text`` as a `Document` whose lines carry labels and scores."""
    from cleaner.api import default_cleaner

    return default_cleaner().label(text)


def __getattr__(name: str) -> object:
    if name == "Cleaner":
        from cleaner.api import Cleaner

        return Cleaner
    if name == "Page":
        from cleaner.pipeline import Page

        return Page
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
