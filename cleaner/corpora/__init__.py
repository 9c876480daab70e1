"""Readers of the public labelled corpora: HTML pages paired with gold text.

Each reader yields `GoldPage` records from its folder under the data root
(default ``../shared/data``, or ``$CLEANER_DATA``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GoldPage:
    """One page of a corpus: its HTML and its human-checked main text.

    ``gold`` holds paragraphs separated by blank lines; ``title`` is article
    text too, kept apart where the corpus keeps it apart.
    """

    corpus: str
    page_id: str
    site: str
    html: str
    gold: str
    title: str | None = None
    url: str | None = None
    ascii_only: bool = False


def default_data_root() -> Path:
    """``$CLEANER_DATA`` or ``../shared/data`` beside the project."""
    env = os.environ.get("CLEANER_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent.parent / "shared" / "data"


def _readers() -> dict[str, Callable[[Path], Iterator[GoldPage]]]:
    from cleaner.corpora import cleaneval, l3s, wcxb

    return {
        "wcxb": wcxb.read,
        "cleaneval": cleaneval.read_cleaneval,
        "cleanportaleval": cleaneval.read_cleanportaleval,
        "l3s-gn1": l3s.read,
    }


CORPORA = ("wcxb", "cleaneval", "cleanportaleval", "l3s-gn1")


def read_corpus(name: str, root: Path | None = None) -> Iterator[GoldPage]:
    """The pages of corpus ``name`` under ``root``."""
    return _readers()[name](root or default_data_root())
