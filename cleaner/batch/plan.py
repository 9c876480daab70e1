"""Planning a batch run: its inputs as `Shard` units of work, in a stable order.

A shard is a WARC or JSONL file or a run of its records (a big file is
split so that every core has work), or a group of page files from a
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
#: JSONL records (lines) in one shard of a big JSONL file; HTML responses in
#: one shard of a big WARC file.
RECORDS_PER_SHARD = 100
#: At most this many shards of one JSONL file (a .gz shard reads the file
#: up to its start, so more would read the file too many times over).
MAX_SHARDS_PER_FILE = 64
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work: what to read and the output file's stem."""

    name: str
    kind: str  # "pages", "jsonl", "warc" or "stdin"
    paths: tuple[str, ...] = ()
    root: str = ""
    #: For a run of a JSONL file's lines: its first line number (1-based),
    #: the line number after its last, and the first line's byte offset. For
    #: a run of a WARC file's records: the same, counting records.
    span: tuple[int, int, int] | None = None

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
    inputs: Iterable[str | Path],
    pages_per_shard: int = PAGES_PER_SHARD,
    records_per_shard: int = RECORDS_PER_SHARD,
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
                shards += _file_shards(p, records_per_shard)
            shards += _page_shards(pages, path, pages_per_shard)
        elif path.is_file():
            found = _file_shards(path, records_per_shard)
            if found:
                shards += found
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


def _file_shards(path: Path, records_per_shard: int) -> list[Shard]:
    """A WARC or JSONL file's shards: a big file split into runs of records."""
    shard = _file_shard(path)
    if shard is None:
        return []
    if shard.kind == "jsonl":
        starts = _line_starts(path)
        if starts is None or len(starts) <= records_per_shard:
            return [shard]
        size = max(records_per_shard, -(-len(starts) // MAX_SHARDS_PER_FILE))
        spans = [
            (first + 1, first + size + 1, starts[first]) for first in range(0, len(starts), size)
        ]
    else:
        spans = _warc_spans(path, records_per_shard) or []
        if len(spans) <= 1:
            return [shard]
    return [
        Shard(f"{shard.name}-{k:05d}", shard.kind, shard.paths, span=span)
        for k, span in enumerate(spans)
    ]


def _warc_spans(path: Path, pages_per_span: int) -> list[tuple[int, int, int]] | None:
    """Runs of a WARC file's records holding ``pages_per_span`` HTML responses
    each: (first record, record after the last, first record's byte offset).

    None when the file cannot be split: unreadable to its end (its one shard
    then reports how it fails), or a .gz file that is not one gzip member per
    record (it cannot be read from the middle).
    """
    from warcio.archiveiterator import ArchiveIterator

    from cleaner.batch.records import is_html_response

    starts: list[int] = []
    pages: list[int] = []  # the record numbers of HTML responses
    spans = []
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for number, record in enumerate(records):
                starts.append(records.get_record_offset())
                if is_html_response(record):
                    pages.append(number)
            for k in range(0, len(pages), pages_per_span):
                first = 0 if k == 0 else pages[k]
                stop = pages[k + pages_per_span] if k + pages_per_span < len(pages) else len(starts)
                spans.append((first, stop, starts[first]))
            if path.name.endswith(".gz"):
                for _, _, offset in spans[1:]:
                    stream.seek(offset)
                    if stream.read(2) != b"\x1f\x8b":
                        return None
    except Exception:  # warcio's errors, truncated gzip, OSError
        return None
    return spans


def _line_starts(path: Path) -> list[int] | None:
    """The byte offset of each line of a (decompressed) file; None when it
    cannot be read to its end (its one shard then reports how it fails)."""
    import zlib

    from cleaner.batch.records import open_maybe_gz

    starts = []
    offset = 0
    try:
        with open_maybe_gz(path) as stream:
            for line in stream:
                starts.append(offset)
                offset += len(line)
    except (EOFError, OSError, zlib.error):
        return None
    return starts


def _page_shards(pages: list[Path], root: Path, size: int) -> list[Shard]:
    shards = []
    base = _safe_stem(root.resolve().name)
    for start in range(0, len(pages), size):
        chunk = tuple(str(p.resolve()) for p in pages[start : start + size])
        name = f"{base}-{start // size:05d}-{_digest('pages', *chunk)}"
        shards.append(Shard(name, "pages", chunk, str(root.resolve())))
    return shards
