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


def _read_stoplist(name: str) -> frozenset[str]:
    """One of jusText's stop lists, read from its file as jusText reads it
    (decoded, lower-cased), then lower-cased again as its classifier does."""
    import pkgutil

    data = pkgutil.get_data("justext", f"stoplists/{name}.txt") or b""
    return frozenset(w.decode("utf8").lower().lower() for w in data.splitlines())


@functools.lru_cache(maxsize=1)
def _index() -> tuple[list[str], np.ndarray, sp.csr_matrix, int]:
    """The languages' names; the sorted hashes of every listed word; hash rows
    x languages (1 where the language lists the word); English's id.

    Only the words' hashes stay in memory, not the words: which list covers
    a page is counted on hashes (the process's own string hash, 64 bits), and
    a language's list of words is read when a page needs it (`_stoplist`).
    """
    import justext

    names = sorted(justext.get_stoplists())
    hashes, langs = [], []
    for lang_id, name in enumerate(names):
        words = _read_stoplist(name)
        hashes.append(np.fromiter(map(hash, words), dtype=np.int64, count=len(words)))
        langs.append(np.full(len(words), lang_id, dtype=np.int32))
    keys, rows = np.unique(np.concatenate(hashes), return_inverse=True)
    cols = np.concatenate(langs)
    owners = sp.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), (rows.ravel(), cols)), shape=(len(keys), len(names))
    )
    return names, keys, owners, names.index("English")


@functools.lru_cache(maxsize=8)
def _stoplist(lang_id: int) -> frozenset[str]:
    """The stop list of one language (the few a process meets stay cached)."""
    return _read_stoplist(_index()[0][lang_id])


def document_stoplist(words: Sequence[str]) -> frozenset[str]:
    """The stop list that covers most of ``words`` (lower-cased); English on ties."""
    _, keys, owners, english = _index()
    counted = Counter(words)
    hashes = np.fromiter(map(hash, counted), dtype=np.int64, count=len(counted))
    where = np.minimum(np.searchsorted(keys, hashes), len(keys) - 1)
    listed = keys[where] == hashes
    if not listed.any():
        return _stoplist(english)
    weights = np.fromiter(counted.values(), dtype=float, count=len(counted))[listed]
    counts = owners[where[listed]].T @ weights
    best = int(np.argmax(counts))
    return _stoplist(english) if counts[best] == counts[english] else _stoplist(best)


def english_stoplist() -> frozenset[str]:
    """English's stop list."""
    return _stoplist(_index()[3])


def page_stoplist(texts: Sequence[str]) -> frozenset[str]:
    """The stop list of a page given as its lines."""
    return document_stoplist([w.lower() for t in texts for w in WORD_RE.findall(t)])
