"""Batch cleaning: input shards in, JSONL shards out, on local cores or Dask.

The unit of work is a `Shard`: one JSONL or WARC file, or a group of page
files from a directory tree. Each shard task streams its records and
writes its own output file, ``OUT/<shard>.jsonl.gz``, under a temporary
name that is renamed only when the shard is complete; its statistics go to
``OUT/.cleaner/<shard>.json``. A shard whose output exists is complete and
is skipped when the same command runs again (resume).

Every input record gives exactly one output record, in input order within
the shard; a record that fails carries ``error`` and ``error_kind`` and no
``text``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from cleaner.document import Label, is_blank, split_lines
from cleaner.errors import CleanerError, InputError
from cleaner.limits import MAX_PAGE_CHARS, PAGE_TIMEOUT
from cleaner.records import (
    JSONL_SUFFIXES,
    WARC_SUFFIXES,
    JsonlFields,
    Record,
    iter_jsonl,
    iter_jsonl_stream,
    iter_page_files,
    iter_warc,
    page_kind,
    strip_gz,
)
from cleaner.repeats import (
    SiteCounts,
    add_page,
    cut_repeats,
    merge,
    prune,
    repeated_lines,
    site_of,
)
from cleaner.site import line_key
from cleaner.timeout import PageTimeout, time_limit

T = TypeVar("T")

#: Page files grouped into one shard when reading a directory tree.
PAGES_PER_SHARD = 500
#: Where shard statistics are kept inside the output directory.
STATE_DIR = ".cleaner"
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work: what to read and the output file's stem."""

    name: str
    kind: str  # "pages", "jsonl", "warc" or "stdin"
    paths: tuple[str, ...] = ()
    root: str = ""


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How every shard is cleaned and written."""

    out_dir: str
    model: str | None = None
    threshold: float | None = None
    trusted: bool = False
    timeout: float | None = PAGE_TIMEOUT
    max_bytes: int = MAX_PAGE_CHARS
    fields: JsonlFields = field(default_factory=JsonlFields)
    compress: bool = True
    #: From the ``--site-repeats`` first pass: each site's repeated line keys.
    site_repeats: dict[str, frozenset[str]] | None = None


@dataclass(slots=True)
class ShardStats:
    """What one shard task did."""

    shard: str
    records: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    lines: int = 0
    kept: int = 0
    seconds: float = 0.0
    not_pages: int = 0
    resumed: bool = False

    def to_json(self) -> dict[str, Any]:
        """The statistics as a JSON-ready dict."""
        return asdict(self)


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


def iter_records(shard: Shard, fields: JsonlFields, not_pages: list[int]) -> Iterator[Record]:
    """Stream the records of one shard."""
    if shard.kind == "stdin":
        yield from iter_jsonl_stream(sys.stdin.buffer, "stdin", fields)
    elif shard.kind == "jsonl":
        yield from iter_jsonl(Path(shard.paths[0]), fields)
    elif shard.kind == "warc":
        yield from iter_warc(Path(shard.paths[0]), not_pages)
    else:
        yield from iter_page_files([Path(p) for p in shard.paths], Path(shard.root))


@functools.lru_cache(maxsize=4)
def _cleaner(model: str | None, threshold: float | None, trusted: bool) -> Any:
    """One loaded model per worker process, shared by its shard tasks."""
    from cleaner.api import Cleaner, default_cleaner

    if model is None and threshold is None:
        return default_cleaner()
    return Cleaner.load(model, threshold, trusted)


def shard_site(shard: Shard) -> str:
    """The site of a shard's records that carry no URL: where they came from."""
    return shard.root or (shard.paths[0] if shard.paths else shard.name)


def _decode(record: Record) -> str:
    from cleaner.reading import decode_bytes, decode_html

    content = record.content
    if isinstance(content, bytes):
        if record.is_html:
            return decode_html(content, record.id, record.charset)
        return decode_bytes(content, record.id)
    return content or ""


def clean_record(record: Record, options: BatchOptions, site: str = "") -> dict[str, Any]:
    """The output record of one input record; never raises for a bad page."""
    cleaner = _cleaner(options.model, options.threshold, options.trusted)
    out: dict[str, Any] = {"id": record.id}
    if record.url:
        out["url"] = record.url
    out["model"] = cleaner.model_id

    def failed(kind: str, reason: str) -> dict[str, Any]:
        out.update(error=reason, error_kind=kind)
        return out

    if record.error is not None or record.content is None:
        return failed("read", record.error or "no content")
    content = record.content
    size = len(content)
    if size > options.max_bytes:
        return failed("too_large", f"page of {size} bytes exceeds the limit of {options.max_bytes}")
    try:
        with time_limit(options.timeout):
            content = _decode(record)
            doc = (
                cleaner.label_html(content, record.url)
                if record.is_html
                else cleaner.label(content)
            )
            repeats = (options.site_repeats or {}).get(site_of(record.url, site))
            if repeats:
                doc = cut_repeats(doc, repeats)
            text = doc.article_text(strip_indent=record.is_html)
    except PageTimeout as exc:
        return failed("timeout", str(exc))
    except CleanerError as exc:
        return failed("input", str(exc))
    except (RecursionError, MemoryError) as exc:
        return failed("resources", f"{type(exc).__name__} while cleaning the page")
    except Exception as exc:  # a bug must not stop the batch: report it per record
        return failed("internal", f"{type(exc).__name__}: {exc}")
    out.update(text=text, lines=len(doc), kept=sum(line.label is Label.ARTICLE for line in doc))
    return out


def count_shard(shard: Shard, options: BatchOptions) -> SiteCounts:
    """First pass over one shard: each site's pages and repeated line keys."""
    from cleaner.html_lines import render_html_text

    counts: SiteCounts = {}
    fallback = shard_site(shard)
    for record in iter_records(shard, options.fields, [0]):
        if record.error is not None or record.content is None:
            continue
        if len(record.content) > options.max_bytes:
            continue
        try:
            with time_limit(options.timeout):
                content = _decode(record)
                text = render_html_text(content) if record.is_html else content
                keys = [line_key(t) for t in split_lines(text) if not is_blank(t)]
        except (PageTimeout, Exception):  # a page that fails is counted in pass 2
            continue
        add_page(counts, site_of(record.url, fallback), keys)
    return prune(counts)


def find_site_repeats(
    shards: list[Shard], options: BatchOptions, jobs: int = -1, dask_address: str | None = None
) -> dict[str, frozenset[str]]:
    """The ``--site-repeats`` first pass over every shard (stdin cannot be read twice)."""
    readable = [s for s in shards if s.kind != "stdin"]
    parts = _map(count_shard, readable, options, jobs, dask_address)
    return repeated_lines(merge(parts))


def output_path(shard: Shard, options: BatchOptions) -> Path:
    """Where a shard's output goes."""
    suffix = ".jsonl.gz" if options.compress else ".jsonl"
    return Path(options.out_dir) / f"{shard.name}{suffix}"


def _stats_path(shard: Shard, options: BatchOptions) -> Path:
    return Path(options.out_dir) / STATE_DIR / f"{shard.name}.json"


def _open_output(path: Path, compress: bool) -> IO[str]:
    import gzip

    if compress:
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=6)
    return path.open("w", encoding="utf-8")


def process_shard(shard: Shard, options: BatchOptions) -> ShardStats:
    """Clean one shard into its output file (skipped when already complete)."""
    final = output_path(shard, options)
    stats_file = _stats_path(shard, options)
    if shard.kind != "stdin" and final.is_file() and stats_file.is_file():
        stats = ShardStats(**json.loads(stats_file.read_text(encoding="utf-8")))
        stats.resumed = True
        return stats
    started = time.perf_counter()
    stats = ShardStats(shard.name)
    errors: Counter[str] = Counter()
    not_pages = [0]
    site = shard_site(shard)
    stats_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    with _open_output(tmp, options.compress) as sink:
        for record in iter_records(shard, options.fields, not_pages):
            out = clean_record(record, options, site)
            sink.write(json.dumps(out, ensure_ascii=False) + "\n")
            stats.records += 1
            if "error" in out:
                errors[out["error_kind"]] += 1
            else:
                stats.lines += out["lines"]
                stats.kept += out["kept"]
    stats.errors = dict(errors)
    stats.not_pages = not_pages[0]
    stats.seconds = time.perf_counter() - started
    tmp_stats = stats_file.with_name(f".{stats_file.name}.tmp-{os.getpid()}")
    tmp_stats.write_text(json.dumps(stats.to_json()), encoding="utf-8")
    os.replace(tmp_stats, stats_file)
    os.replace(tmp, final)  # the output appears only when complete
    return stats


def remove_partial_outputs(out_dir: str | Path) -> int:
    """Delete temporary files a killed run left behind; how many."""
    out = Path(out_dir)
    stale = [*out.glob(".*.tmp-*"), *(out / STATE_DIR).glob(".*.tmp-*")]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def run_batch(
    shards: list[Shard],
    options: BatchOptions,
    jobs: int = -1,
    dask_address: str | None = None,
    on_done: Callable[[ShardStats], None] | None = None,
) -> list[ShardStats]:
    """Run every shard task locally (joblib, ``jobs`` processes) or on Dask.

    ``on_done`` is called in this process as each shard finishes.
    Returns the statistics of every shard, in completion order.
    """
    Path(options.out_dir).mkdir(parents=True, exist_ok=True)
    remove_partial_outputs(options.out_dir)
    done: list[ShardStats] = []
    local = [s for s in shards if s.kind == "stdin"]  # stdin is read here only
    remote = [s for s in shards if s.kind != "stdin"]
    for stats in (process_shard(shard, options) for shard in local):
        done.append(stats)
        if on_done is not None:
            on_done(stats)
    for stats in _map(process_shard, remote, options, jobs, dask_address):
        done.append(stats)
        if on_done is not None:
            on_done(stats)
    return done


def _map(
    task: Callable[[Shard, BatchOptions], T],
    shards: list[Shard],
    options: BatchOptions,
    jobs: int,
    dask_address: str | None,
) -> Iterator[T]:
    """Run ``task`` on every shard: on Dask, on joblib processes, or here."""
    if dask_address is not None:
        yield from _run_dask(task, shards, options, dask_address)
    elif jobs == 1 or len(shards) <= 1:
        for shard in shards:
            yield task(shard, options)
    else:
        from joblib import Parallel, delayed

        parallel = Parallel(n_jobs=jobs, return_as="generator_unordered")
        yield from parallel(delayed(task)(shard, options) for shard in shards)


def _run_dask(
    task: Callable[[Shard, BatchOptions], T],
    shards: list[Shard],
    options: BatchOptions,
    address: str,
) -> Iterator[T]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--dask needs dask.distributed: pip install 'cleaner[dask]'") from None
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    with client:
        futures = client.map(task, shards, options=options, pure=False)
        for future in as_completed(futures):
            yield future.result()


@dataclass(slots=True)
class Summary:
    """Totals of a batch run."""

    shards: int = 0
    shards_resumed: int = 0
    records: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    lines: int = 0
    kept: int = 0
    not_pages: int = 0
    records_this_run: int = 0
    seconds: float = 0.0

    @classmethod
    def of(cls, stats: Iterable[ShardStats], seconds: float) -> Summary:
        """Add up the shards' statistics; ``seconds`` is the run's wall time."""
        total = cls(seconds=seconds)
        errors: Counter[str] = Counter()
        for s in stats:
            total.shards += 1
            total.shards_resumed += s.resumed
            total.records += s.records
            total.records_this_run += 0 if s.resumed else s.records
            errors.update(s.errors)
            total.lines += s.lines
            total.kept += s.kept
            total.not_pages += s.not_pages
        total.errors = dict(sorted(errors.items()))
        return total

    @property
    def kept_ratio(self) -> float:
        """Share of lines kept as article, over records cleaned."""
        return self.kept / self.lines if self.lines else 0.0

    @property
    def pages_per_second(self) -> float:
        """Records cleaned in this run per second of wall time."""
        return self.records_this_run / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        """The summary as a JSON-ready dict, derived figures included."""
        out = asdict(self)
        out.update(
            error_records=sum(self.errors.values()),
            kept_ratio=round(self.kept_ratio, 4),
            pages_per_second=round(self.pages_per_second, 2),
        )
        return out

    def lines_of_text(self) -> list[str]:
        """A short human-readable report."""
        errors = ", ".join(f"{k} {v}" for k, v in self.errors.items()) or "none"
        text = [
            f"records: {self.records} in {self.shards} shards"
            + (
                f" ({self.shards_resumed} already complete, skipped)" if self.shards_resumed else ""
            ),
            f"errors: {sum(self.errors.values())} ({errors})",
            f"kept lines: {self.kept}/{self.lines} ({self.kept_ratio:.1%})",
            f"speed: {self.pages_per_second:.1f} pages/s over {self.seconds:.1f} s",
        ]
        if self.not_pages:
            text.append(f"WARC records that are not HTML responses, not cleaned: {self.not_pages}")
        return text
