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
def _index() -> tuple[dict[str, int], sp.csr_matrix, list[str], list[np.ndarray], int]:
    """Word -> row; rows x languages (1 where the language lists the word);
    row -> word; each language's rows; English's id.

    The stop lists are read from jusText's files as jusText reads them, and
    kept once, as the vocabulary: a list of words is made when a page needs
    it (`_stoplist`), so that a hundred sets do not sit in every process.
    """
    import pkgutil

    import justext

    names = sorted(justext.get_stoplists())
    vocabulary: dict[str, int] = {}
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for lang_id, name in enumerate(names):
        data = pkgutil.get_data("justext", f"stoplists/{name}.txt") or b""
        # As justext.get_stoplist reads a list (decoded, lower-cased), then lower-cased again.
        words = {w.decode("utf8").lower().lower() for w in data.splitlines()}
        ids = np.fromiter(
            (vocabulary.setdefault(w, len(vocabulary)) for w in words), dtype=np.int32
        )
        rows.append(ids)
        cols.append(np.full(len(ids), lang_id, dtype=np.int32))
    row, col = np.concatenate(rows), np.concatenate(cols)
    owners = sp.csr_matrix((np.ones(len(row)), (row, col)), shape=(len(vocabulary), len(names)))
    return vocabulary, owners, list(vocabulary), rows, names.index("English")


@functools.lru_cache(maxsize=8)
def _stoplist(lang_id: int) -> frozenset[str]:
    """The stop list of one language (the few a process meets stay cached)."""
    _, _, words, lang_rows, _ = _index()
    return frozenset(words[i] for i in lang_rows[lang_id])


def document_stoplist(words: Sequence[str]) -> frozenset[str]:
    """The stop list that covers most of ``words`` (lower-cased); English on ties."""
    vocabulary, owners, _, _, english = _index()
    listed = [(vocabulary[w], n) for w, n in Counter(words).items() if w in vocabulary]
    if not listed:
        return _stoplist(english)
    rows, weights = zip(*listed, strict=True)
    counts = owners[list(rows)].T @ np.asarray(weights, dtype=float)
    best = int(np.argmax(counts))
    return _stoplist(english) if counts[best] == counts[english] else _stoplist(best)


def english_stoplist() -> frozenset[str]:
    """English's stop list."""
    return _stoplist(_index()[4])


def page_stoplist(texts: Sequence[str]) -> frozenset[str]:
    """The stop list of a page given as its lines."""
    return document_stoplist([w.lower() for t in texts for w in WORD_RE.findall(t)])
