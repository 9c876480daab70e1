"""Stop-word density with the stop lists that jusText ships (100 languages).

Each document's language is the stop list that covers most of its words;
each line's density is then measured against that one list.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

WORD_RE = re.compile(r"\w+")


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, np.ndarray], list[frozenset[str]], int]:
    """Word -> ids of the languages listing it; the lists; English's id."""
    import justext

    names = sorted(justext.get_stoplists())
    lists = [frozenset(w.lower() for w in justext.get_stoplist(n)) for n in names]
    owners: dict[str, list[int]] = {}
    for lang_id, words in enumerate(lists):
        for word in words:
            owners.setdefault(word, []).append(lang_id)
    index = {word: np.array(ids) for word, ids in owners.items()}
    return index, lists, names.index("English")


def document_stoplist(words: list[str]) -> frozenset[str]:
    """The stop list that covers most of ``words`` (lower-cased); English on ties."""
    index, lists, english = _index()
    counts = np.zeros(len(lists))
    for word, n in Counter(words).items():  # one array update per distinct word
        ids = index.get(word)
        if ids is not None:
            counts[ids] += n
    best = int(np.argmax(counts))
    return lists[english] if counts[best] == counts[english] else lists[best]


def page_stoplist(texts: Sequence[str]) -> frozenset[str]:
    """The stop list of a page given as its lines.

    Remembered for the last two pages: several feature families ask for it
    (no more, so that a worker does not hold on to many large pages).
    """
    return _page_stoplist(tuple(texts))


@functools.lru_cache(maxsize=2)
def _page_stoplist(texts: tuple[str, ...]) -> frozenset[str]:
    return document_stoplist([w.lower() for t in texts for w in WORD_RE.findall(t)])
