"""Lines a site repeats on many of its pages: chrome, learnt without labels.

An optional first pass of a batch run (``cleaner batch --site-repeats``)
counts, for each site, on how many pages each normalised line occurs
(CCNet-style line deduplication). A line found on at least `MIN_SHARE` of a
site's pages, and on at least `MIN_PAGES` pages, is the site's furniture:
the second pass labels it chrome whatever the model says. A site is the
URL's host when the record has a URL, else the input it came from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlparse

from cleaner.document import Document, line_key

#: A line on at least this share of a site's pages, and this many, is chrome.
MIN_SHARE = 0.5
MIN_PAGES = 3

SiteCounts = dict[str, tuple[int, Counter[str]]]


def site_of(url: str | None, fallback: str) -> str:
    """The site a page belongs to: its URL's host, else ``fallback``.

    >>> site_of("https://News.example.com/a/b", "x"), site_of(None, "crawl/")
    ('news.example.com', 'crawl/')
    """
    host = urlparse(url).netloc.lower() if url else ""
    return host or fallback


def add_page(counts: SiteCounts, site: str, keys: Iterable[str]) -> None:
    """Count one page's distinct line keys for its site."""
    pages, lines = counts.get(site, (0, Counter()))
    lines.update(set(keys))
    counts[site] = (pages + 1, lines)


def merge(parts: Iterable[SiteCounts]) -> SiteCounts:
    """Add up the counts of several shards."""
    total: SiteCounts = {}
    for part in parts:
        for site, (pages, lines) in part.items():
            have_pages, have_lines = total.get(site, (0, Counter()))
            have_lines.update(lines)
            total[site] = (have_pages + pages, have_lines)
    return total


def repeated_lines(counts: SiteCounts) -> dict[str, frozenset[str]]:
    """For each site, the line keys it repeats on enough of its pages.

    >>> counts = {}
    >>> for i in range(4):
    ...     add_page(counts, "s", ["menu", f"story {i}"])
    >>> repeated_lines(counts)
    {'s': frozenset({'menu'})}
    """
    out = {}
    for site, (pages, lines) in counts.items():
        need = max(MIN_PAGES, MIN_SHARE * pages)
        found = frozenset(k for k, n in lines.items() if n >= need)
        if found:
            out[site] = found
    return out


def cut_site_repeats(docs: Iterable[tuple[str, Document]]) -> list[Document]:
    """Label chrome, in each document, the lines its site repeats.

    ``docs`` are (site, labelled document) pairs; a site's repeated lines
    are counted over its documents here, as ``cleaner batch --site-repeats``
    counts them over its input.
    """
    pairs = list(docs)
    counts: SiteCounts = {}
    for site, doc in pairs:
        add_page(counts, site, (line_key(line.text) for line in doc.lines))
    repeats = repeated_lines(counts)
    from cleaner.model.site import cut_repeats  # the model's libraries: only when used

    return [cut_repeats(doc, repeats[site]) if site in repeats else doc for site, doc in pairs]
