"""Stop-word density with the stop lists that jusText ships (100 languages).

Each page's language is the stop list that covers most of its words; each
line's density is then measured against that one list.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

WORD_RE = re.compile(r"\w+")


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, int], sp.csr_matrix, list[frozenset[str]], int]:
    """Word -> row; rows x languages (1 where the language lists the word); the
    lists; English's id."""
    import justext

    names = sorted(justext.get_stoplists())
    lists = [frozenset(w.lower() for w in justext.get_stoplist(n)) for n in names]
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for lang_id, words in enumerate(lists):
        for word in words:
            rows.append(vocabulary.setdefault(word, len(vocabulary)))
            cols.append(lang_id)
    owners = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocabulary), len(lists)))
    return vocabulary, owners, lists, names.index("English")


def document_stoplist(words: Sequence[str]) -> frozenset[str]:
    """The stop list that covers most of ``words`` (lower-cased); English on ties."""
    vocabulary, owners, lists, english = _index()
    listed = [(vocabulary[w], n) for w, n in Counter(words).items() if w in vocabulary]
    if not listed:
        return lists[english]
    rows, weights = zip(*listed, strict=True)
    counts = owners[list(rows)].T @ np.asarray(weights, dtype=float)
    best = int(np.argmax(counts))
    return lists[english] if counts[best] == counts[english] else lists[best]


def english_stoplist() -> frozenset[str]:
    """English's stop list."""
    _, _, lists, english = _index()
    return lists[english]


def page_stoplist(texts: Sequence[str]) -> frozenset[str]:
    """The stop list of a page given as its lines."""
    return document_stoplist([w.lower() for t in texts for w in WORD_RE.findall(t)])
