"""Labelled lines from HTML plus gold text: render, align, cache.

``build_corpus("wcxb", "inscriptis")`` renders every page of a corpus with a
renderer, labels every dump line by aligning it with the gold text, and
caches the result as JSONL.gz under ``corpus/`` in the cache folder
(`default_cache`; rebuilt when the renderer or the alignment rule changes).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.document import Document
from cleaner.errors import CleanerError
from cleaner.labelled import format_labelled, parse_labelled
from cleaner.training.align import align
from cleaner.training.corpora import GoldPage, default_cache, default_data_root, read_corpus
from cleaner.training.corpora.base import titled_gold
from cleaner.training.dumps import RENDERERS, render

#: Bumped when rendering or alignment changes, so caches are rebuilt.
CORPUS_VERSION = 2


@dataclass(frozen=True)
class LabelledPage:
    """One rendered page of a corpus with its aligned line labels."""

    corpus: str
    page_id: str
    site: str
    renderer: str
    doc: Document
    gold: str
    title: str | None

    @property
    def gold_text(self) -> str:
        """The gold main text with the title in front, as article text."""
        return titled_gold(self.gold, self.title)


def label_page(page: GoldPage, renderer: str) -> LabelledPage | None:
    """Render and align one page; None when the renderer fails or gives nothing."""
    try:
        dump = render(page.html, renderer)
    except CleanerError:
        return None
    doc = align(dump, page.gold, page.title, page.ascii_only, name=f"{page.corpus}/{page.page_id}")
    if not len(doc):
        return None
    return LabelledPage(page.corpus, page.page_id, page.site, renderer, doc, page.gold, page.title)


def _label_many(pages: Sequence[GoldPage], renderer: str) -> list[LabelledPage | None]:
    return [label_page(p, renderer) for p in pages]


def _batches(pages: Iterator[GoldPage], size: int) -> Iterator[list[GoldPage]]:
    batch: list[GoldPage] = []
    for page in pages:
        batch.append(page)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def corpus_cache(cache: Path | None = None) -> Path:
    """The folder of the labelled corpora: ``corpus/`` under ``cache``."""
    return (cache or default_cache()) / "corpus"


def cache_path(corpus: str, renderer: str, cache: Path | None = None) -> Path:
    """Where a corpus rendered by one renderer is cached."""
    return corpus_cache(cache) / f"{corpus}.{renderer}.v{CORPUS_VERSION}.jsonl.gz"


def build_corpus(
    corpus: str,
    renderer: str,
    root: Path | None = None,
    cache: Path | None = None,
    jobs: int = -1,
) -> Path:
    """Render and align a whole corpus into its cache file; return the path."""
    from joblib import Parallel, delayed

    if renderer not in RENDERERS:
        raise CleanerError(f"unknown renderer {renderer!r}")
    root = root or default_data_root()
    if not root.is_dir():
        raise CleanerError(f"{root}: corpus folder not found (set CLEANER_DATA or --data)")
    out = cache_path(corpus, renderer, cache)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with Parallel(n_jobs=jobs) as parallel, gzip.open(tmp, "wt", encoding="utf-8") as fh:
        for batch in _batches(read_corpus(corpus, root), 64):
            chunks = [batch[i::2] for i in range(2)]
            results = parallel(delayed(_label_many)(c, renderer) for c in chunks if c)
            for page in (p for chunk in results for p in chunk):
                if page is None:
                    continue
                record = {
                    "corpus": page.corpus,
                    "id": page.page_id,
                    "site": page.site,
                    "renderer": page.renderer,
                    "labelled": format_labelled(page.doc),
                    "gold": page.gold,
                    "title": page.title,
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(out)
    return out


def load_corpus(
    corpus: str, renderer: str, root: Path | None = None, cache: Path | None = None
) -> list[LabelledPage]:
    """The labelled pages of a corpus, built into the cache first if needed."""
    path = cache_path(corpus, renderer, cache)
    if not path.is_file():
        build_corpus(corpus, renderer, root, cache)
    pages = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in fh:
            r = json.loads(row)
            doc = parse_labelled(r["labelled"], name=f"{r['corpus']}/{r['id']}")
            pages.append(
                LabelledPage(
                    r["corpus"], r["id"], r["site"], r["renderer"], doc, r["gold"], r["title"]
                )
            )
    return pages
