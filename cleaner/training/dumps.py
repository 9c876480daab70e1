"""HTML to plain-text dumps, the way scrapers and text browsers render pages.

Two renderers from well-kept libraries, which break lines and mark list
items differently, so that a model trained on both depends on neither:

- ``inscriptis``: a text-browser layout (indented lists with ``*``);
- ``html2text``: Markdown-flavoured text (``#`` headings, ``*`` list items),
  links and images dropped, no line wrapping.
"""

from __future__ import annotations

from collections.abc import Callable

from cleaner.errors import InputError
from cleaner.pages.render import render_html2text


def render_inscriptis(html: str) -> str:
    """Render with inscriptis (text-browser layout)."""
    import inscriptis

    return inscriptis.get_text(html)


RENDERERS: dict[str, Callable[[str], str]] = {
    "inscriptis": render_inscriptis,
    "html2text": render_html2text,
}


def render(html: str, renderer: str) -> str:
    """Render ``html`` with the named renderer; `InputError` if it fails."""
    try:
        function = RENDERERS[renderer]
    except KeyError:
        raise InputError(
            f"unknown renderer {renderer!r}; choose from {', '.join(RENDERERS)}"
        ) from None
    try:
        return function(html)
    except ImportError:
        raise  # a missing renderer is an installation fault, not a bad page
    except RecursionError:
        raise InputError(f"{renderer}: page nested too deeply to render") from None
    except Exception as exc:
        raise InputError(f"{renderer} could not render the page ({type(exc).__name__})") from None
