"""Readers of the public labelled corpora: HTML pages paired with gold text.

Each reader yields `GoldPage` records from its folder under the data root
(``$CLEANER_DATA``, else ``../shared/data`` from the working directory).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from cleaner.training.corpora.base import GoldPage, default_cache, default_data_root

__all__ = ["CORPORA", "GoldPage", "default_cache", "default_data_root", "read_corpus"]


def _readers() -> dict[str, Callable[[Path], Iterator[GoldPage]]]:
    from cleaner.training.corpora import cleaneval, l3s, newspaper4k, readability, wcxb

    return {
        "wcxb": wcxb.read,
        "cleaneval": cleaneval.read_cleaneval,
        "cleanportaleval": cleaneval.read_cleanportaleval,
        "l3s-gn1": l3s.read,
        "readability": readability.read,
        "newspaper4k": newspaper4k.read,
    }


CORPORA = ("wcxb", "cleaneval", "cleanportaleval", "l3s-gn1", "readability", "newspaper4k")
#: Corpora whose licences let them train the shipped model.
TRAINABLE = ("wcxb", "readability", "newspaper4k")


def read_corpus(name: str, root: Path | None = None) -> Iterator[GoldPage]:
    """The pages of corpus ``name`` under ``root``."""
    return _readers()[name](root or default_data_root())
