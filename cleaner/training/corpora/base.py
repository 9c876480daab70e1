"""What every corpus reader yields, and where the corpora and caches live."""

from __future__ import annotations

import os
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
    #: The page's language (ISO 639-1) when the corpus says.
    language: str | None = None

    @property
    def gold_text(self) -> str:
        """The gold main text with the title in front, as article text."""
        return titled_gold(self.gold, self.title)


def titled_gold(gold: str, title: str | None) -> str:
    """A page's gold main text with its title (when it has one) in front, as
    article text: what the benchmarks score cleaner's output against."""
    return f"{title}\n\n{gold}" if title else gold


def default_data_root() -> Path:
    """``$CLEANER_DATA``, else ``../shared/data`` from the working directory."""
    env = os.environ.get("CLEANER_DATA")
    if env:
        return Path(env)
    return Path.cwd().parent / "shared" / "data"


def default_cache() -> Path:
    """Where rendered and labelled corpora are cached: ``$CLEANER_CACHE``, else
    ``~/.cache/cleaner`` (``$XDG_CACHE_HOME/cleaner``)."""
    env = os.environ.get("CLEANER_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "cleaner"
