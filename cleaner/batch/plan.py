"""Planning a batch run: its inputs as `Shard` units of work, in a stable order.

A shard is one JSONL or WARC file, or a group of page files from a
directory tree; its name is the stem of its output file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cleaner.batch.records import JSONL_SUFFIXES, WARC_SUFFIXES, page_kind, strip_gz
from cleaner.errors import InputError

#: Page files grouped into one shard when reading a directory tree.
PAGES_PER_SHARD = 500
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work: what to read and the output file's stem."""

    name: str
    kind: str  # "pages", "jsonl", "warc" or "stdin"
    paths: tuple[str, ...] = ()
    root: str = ""

    @property
    def site(self) -> str:
        """The site of the shard's records that carry no URL: where they came from."""
        return self.root or (self.paths[0] if self.paths else self.name)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:8]


def _safe_stem(name: str) -> str:
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    return stem.strip("._")[:60] or "input"


def plan_shards(
    inputs: Iterable[str | Path], pages_per_shard: int = PAGES_PER_SHARD
) -> list[Shard]:
    """The shards of the given files and directory trees, in a stable order.

    Raises `InputError` for a missing input or a file of unknown type.
    """
    shards: list[Shard] = []
    loose: list[Path] = []
    for item in inputs:
        path = Path(item)
        if str(item) == STDIN:
            shards.append(Shard("stdin", "stdin"))
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            pages = [p for p in files if page_kind(p)]
            for p in files:
                shard = _file_shard(p)
                if shard is not None:
                    shards.append(shard)
            shards += _page_shards(pages, path, pages_per_shard)
        elif path.is_file():
            shard = _file_shard(path)
            if shard is not None:
                shards.append(shard)
            elif page_kind(path):
                loose.append(path)
            else:
                raise InputError(
                    f"{path}: unknown input type; expected a directory, .jsonl, .warc "
                    "or a .txt/.html page (optionally .gz)"
                )
        else:
            raise InputError(f"{path}: no such file or directory")
    if loose:
        shards += _page_shards(loose, Path("."), pages_per_shard)
    names = [s.name for s in shards]
    if len(set(names)) != len(names):
        raise InputError("the same input is given twice")
    return shards


def _file_shard(path: Path) -> Shard | None:
    name = strip_gz(path.name.lower())
    resolved = str(path.resolve())
    if name.endswith(JSONL_SUFFIXES):
        kind = "jsonl"
    elif name.endswith(WARC_SUFFIXES) or name.endswith(".warc.gz"):
        kind = "warc"
    else:
        return None
    return Shard(f"{_safe_stem(path.name)}-{_digest(kind, resolved)}", kind, (resolved,))


def _page_shards(pages: list[Path], root: Path, size: int) -> list[Shard]:
    shards = []
    base = _safe_stem(root.resolve().name)
    for start in range(0, len(pages), size):
        chunk = tuple(str(p.resolve()) for p in pages[start : start + size])
        name = f"{base}-{start // size:05d}-{_digest('pages', *chunk)}"
        shards.append(Shard(name, "pages", chunk, str(root.resolve())))
    return shards
