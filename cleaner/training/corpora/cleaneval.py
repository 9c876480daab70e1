"""CleanEval (dev, final) and CleanPortalEval: ``input/`` + ``GoldStandard/``.

Gold files mark paragraphs with ``<p>``, ``<h>``, ``<l>`` and may start with
a ``URL:`` line; inputs start with a ``<text id=... >`` wrapper line. Many
files are not UTF-8, so bytes are decoded by detection.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from cleaner.pages.trafilatura import decode_html_bytes
from cleaner.training.corpora.base import GoldPage

_MARKER = re.compile(r"^\s*<(p|h|l)>", re.MULTILINE | re.IGNORECASE)
_WRAPPER = re.compile(r"^\s*<text\s[^>]*>", re.IGNORECASE)
_WRAPPER_ID = re.compile(r'<text\s+id="([^"]*)"', re.IGNORECASE)


def parse_gold(text: str) -> tuple[str, str | None]:
    """(paragraphs separated by blank lines, URL if given) of a gold file."""
    url = None
    first, _, rest = text.partition("\n")
    if first.startswith("URL:"):
        url, text = first[4:].strip(), rest
    paragraphs = [" ".join(htmllib.unescape(chunk).split()) for chunk in _MARKER.split(text)[::2]]
    return "\n\n".join(p for p in paragraphs if p), url


def _read(folder: Path, corpus: str) -> Iterator[GoldPage]:
    for gold_path in sorted((folder / "GoldStandard").glob("*.txt")):
        stem = gold_path.stem
        inputs = [p for p in (folder / "input").glob(f"{stem}.*") if p.is_file()]
        if not inputs:
            continue
        raw = decode_html_bytes(inputs[0].read_bytes())
        match = _WRAPPER_ID.search(raw[:2000])
        page = _WRAPPER.sub("", raw, count=1)
        gold, url = parse_gold(decode_html_bytes(gold_path.read_bytes()))
        if not gold.strip():
            continue
        url = url or (match.group(1) if match else None)
        site = urlparse(url).netloc if url else ""
        if corpus == "cleanportaleval":
            site = stem.rsplit("_", 1)[0]
        yield GoldPage(corpus, stem, site or stem, page, gold, None, url)


def read_cleaneval(root: Path) -> Iterator[GoldPage]:
    """CleanEval dev and final pages that have a gold file."""
    for part in ("cleaneval-dev", "cleaneval-final"):
        yield from _read(root / "cleaneval" / part, "cleaneval")


def read_cleanportaleval(root: Path) -> Iterator[GoldPage]:
    """CleanPortalEval's 71 pages from 4 sites."""
    yield from _read(root / "cleaneval" / "CleanPortalEval-master", "cleanportaleval")
