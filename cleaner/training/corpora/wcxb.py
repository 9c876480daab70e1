"""WCXB dev (CC-BY-4.0): ``html/NNNN.html.gz`` + ``ground-truth/NNNN.json``."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from cleaner.training.corpora.base import GoldPage


def page_types(root: Path) -> dict[str, str]:
    """Each page's type as WCXB's metadata gives it (article, forum, product, ...)."""
    meta = json.loads((root / "wcxb-dev" / "metadata.json").read_text(encoding="utf-8"))["files"]
    return {page_id: record.get("page_type", "") for page_id, record in meta.items()}


def read(root: Path) -> Iterator[GoldPage]:
    """Every WCXB dev page with a non-empty main content, in id order."""
    folder = root / "wcxb-dev"
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))["files"]
    for page_id in sorted(meta):
        truth_path = folder / "ground-truth" / f"{page_id}.json"
        html_path = folder / "html" / f"{page_id}.html.gz"
        if not truth_path.is_file() or not html_path.is_file():
            continue
        record = json.loads(truth_path.read_text(encoding="utf-8"))
        truth = record["ground_truth"]
        if not (truth.get("main_content") or "").strip():
            continue
        html = gzip.decompress(html_path.read_bytes()).decode("utf-8", errors="replace")
        yield GoldPage(
            corpus="wcxb",
            page_id=page_id,
            site=meta[page_id]["domain"],
            html=html,
            gold=truth["main_content"],
            title=truth.get("title"),
            url=record.get("url"),
        )
