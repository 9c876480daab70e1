"""readability-pages (Apache-2.0): ``pages/NAME/source.html`` + ``expected.html``.

The gold is the text of Readability.js's expected output (laid out by the
project's own renderer, one paragraph a block) with the title from
``expected-metadata.json`` in front, as the labelling guide counts the
headline as article. A page's site is the first word of its folder name
(``nytimes-3`` -> ``nytimes``), so that a site's pages are held out
together; its language is the metadata's ``lang``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from cleaner.training.corpora.base import GoldPage


def site_of(name: str) -> str:
    """The site of a page folder.

    >>> site_of("nytimes-3"), site_of("google-sre-book-1"), site_of("la-nacion")
    ('nytimes', 'google', 'la')
    """
    return re.split(r"[-_]", name)[0]


def gold_text(expected_html: str) -> str:
    """The expected article's text: its lines, paragraphs apart."""
    from cleaner.pages.render import html_document

    doc = html_document(expected_html)
    paragraphs: list[list[str]] = []
    for line in doc.lines:
        if line.break_before or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line.text.strip())
    return "\n\n".join("\n".join(p) for p in paragraphs)


def read(root: Path) -> Iterator[GoldPage]:
    """Every readability-pages page with an expected article."""
    for folder in sorted((root / "readability-pages" / "pages").iterdir()):
        source, expected = folder / "source.html", folder / "expected.html"
        if not source.is_file() or not expected.is_file():
            continue
        meta_path = folder / "expected-metadata.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        gold = gold_text(expected.read_text(encoding="utf-8", errors="replace"))
        if not gold.strip():
            continue
        yield GoldPage(
            corpus="readability",
            page_id=folder.name,
            site=site_of(folder.name),
            html=source.read_text(encoding="utf-8", errors="replace"),
            gold=gold,
            title=(meta.get("title") or "").strip() or None,
            language=meta.get("lang") or None,
        )
