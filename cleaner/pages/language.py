"""The language of a page's text, by py3langid (loaded on first use)."""

from __future__ import annotations

import functools
from typing import Any

#: Texts shorter than this many letters get no language: too little to tell.
MIN_LETTERS = 20


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid

    return py3langid


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in; None for a
    text too short to tell.

    >>> detect_language("The council approved the new budget on Monday after a long debate.")
    'en'
    >>> detect_language("Home") is None
    True
    """
    if sum(c.isalpha() for c in text[:2000]) < MIN_LETTERS:
        return None
    code, _ = _identifier().classify(text[:20000])
    return str(code)
