"""The tasks of a batch run: clean one shard, count one shard's site repeats.

Each shard task streams its records and writes its own output file,
``OUT/<shard>.jsonl.gz``, under a temporary name that is renamed only when
the shard is complete; its statistics go to ``OUT/.cleaner/<shard>.json``.
A shard whose output exists is complete and is skipped when the same
command runs again (resume).

Every input record gives exactly one output record, in input order within
the shard; a record that fails carries ``error`` and ``error_kind`` and no
``text``.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from cleaner.batch.executors import run_tasks
from cleaner.batch.plan import Shard
from cleaner.batch.records import (
    JsonlFields,
    Record,
    iter_jsonl,
    iter_jsonl_stream,
    iter_page_files,
    iter_warc,
)
from cleaner.batch.repeats import SiteCounts, add_page, merge, repeated_lines, site_of
from cleaner.batch.sandbox import Sandbox, SandboxDiedError
from cleaner.batch.summary import ShardStats
from cleaner.batch.timeout import PageTimeout, time_limit
from cleaner.document import Label, is_blank, line_key, split_lines
from cleaner.errors import CleanerError, InputError
from cleaner.limits import MAX_PAGE_CHARS, PAGE_TIMEOUT

logger = logging.getLogger(__name__)

#: Where shard statistics are kept inside the output directory.
STATE_DIR = ".cleaner"


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
    #: How the inputs were cut into shards (page files, JSONL records per
    #: shard): the output files' names depend on it.
    shard_sizes: tuple[int, int] | None = None
    #: Add each HTML page's metadata (title, author, date, site name, ...) and
    #: every page's language.
    with_metadata: bool = False
    #: Keep only the text of pages in this language (ISO 639-1).
    language: str | None = None
    #: The records' text: "text" (the article lines) or "markdown".
    text_format: str = "text"


#: The run's settings, in the output folder: a resumed run must match them.
MANIFEST = "manifest.json"


def run_settings(options: BatchOptions) -> dict[str, object]:
    """What decides a run's output: the model's digest and the cleaning options."""
    from cleaner.model_files import file_sha256, shipped_digest

    digest = shipped_digest() if options.model is None else None
    if options.model is not None:
        digest = file_sha256(Path(options.model).read_bytes())
    return {
        "model_sha256": digest,
        "threshold": options.threshold,
        "max_bytes": options.max_bytes,
        "fields": asdict(options.fields),
        "compress": options.compress,
        "site_repeats": options.site_repeats is not None,
        "shard_sizes": None if options.shard_sizes is None else list(options.shard_sizes),
        "with_metadata": options.with_metadata,
        "language": options.language,
        "text_format": options.text_format,
    }


def check_manifest(options: BatchOptions, force: bool = False) -> None:
    """Write the run's settings to the output folder; refuse (`InputError`) to
    resume a run made with other settings unless ``force``."""
    path = Path(options.out_dir) / MANIFEST
    settings = run_settings(options)
    if path.is_file() and not force:
        earlier = json.loads(path.read_text(encoding="utf-8"))
        changed = sorted(
            k for k in settings.keys() | earlier.keys() if settings.get(k) != earlier.get(k)
        )
        if changed:
            raise InputError(
                f"{options.out_dir}: made by a run with other settings ({', '.join(changed)}); "
                "use another --out, or --force to clean again with these"
            )
        return
    if path.is_file():  # forced: the earlier shards were made otherwise, so none is kept
        for stale in Path(options.out_dir).glob("*.jsonl*"):
            stale.unlink()
        for stale in (Path(options.out_dir) / STATE_DIR).glob("*.json"):
            stale.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")


def iter_records(shard: Shard, fields: JsonlFields, not_pages: list[int]) -> Iterator[Record]:
    """Stream the records of one shard."""
    if shard.kind == "stdin":
        yield from iter_jsonl_stream(sys.stdin.buffer, "stdin", fields)
    elif shard.kind == "jsonl":
        yield from iter_jsonl(Path(shard.paths[0]), fields, shard.span)
    elif shard.kind == "warc":
        yield from iter_warc(Path(shard.paths[0]), not_pages, shard.span)
    else:
        yield from iter_page_files([Path(p) for p in shard.paths], Path(shard.root))


@functools.lru_cache(maxsize=4)
def _cleaner(model: str | None, threshold: float | None, trusted: bool) -> Any:
    """One loaded model per worker process, shared by its shard tasks."""
    from cleaner.api import Cleaner, default_cleaner

    if model is None and threshold is None:
        return default_cleaner()
    return Cleaner.load(model, threshold, trusted)


def clean_record(record: Record, options: BatchOptions, site: str = "") -> dict[str, Any]:
    """The output record of one input record; never raises for a bad page.

    With a time limit (``options.timeout``), the page is cleaned in this
    thread's `Sandbox` process, which is killed when the page runs over the
    limit (compiled code included): the record then says ``timeout``.
    """
    if options.timeout is None or options.timeout <= 0:
        return clean_here(options, record, site)
    sandbox = _sandbox(options)
    try:
        refused = _refusal(record, options)
        if refused is not None:
            return _failed(record, sandbox_model_id(sandbox), *refused)
        out = dict(sandbox.call(record, site, True))
        trace = out.pop(TRACEBACK, None)
        if trace is not None:  # logged here: the cleaning process has no log handlers
            logger.error(
                "internal error on record %s (in its cleaning process)\n%s", record.id, trace
            )
        return out
    except PageTimeout as exc:
        return _failed(record, sandbox_model_id(sandbox), "timeout", str(exc))
    except SandboxDiedError as exc:
        return _failed(record, sandbox_model_id(sandbox), "resources", str(exc))


_local = threading.local()


def _sandbox(options: BatchOptions) -> Sandbox:
    """This thread's cleaning process for these options (started on first use)."""
    current = getattr(_local, "sandbox", None)
    if current is not None and current[0] == options:
        return current[1]
    if current is not None:
        current[1].close()
    sandbox = Sandbox(
        "cleaner.batch.tasks:clean_here",
        options,
        timeout=options.timeout or 0.0,
        warm="cleaner.batch.tasks:warm_cleaner",
    )
    _local.sandbox = (options, sandbox)
    return sandbox


def check_model(options: BatchOptions, keep: bool = True) -> str | None:
    """Load the model where this thread will clean pages (its sandbox process,
    or this process with no time limit), so that a bad model fails once, here
    (`ModelError`); its id. Without ``keep`` (the pages will be cleaned by
    other workers) the sandbox process is stopped again, and the shipped
    model is only checked against its recorded digest (None is returned)."""
    if not keep and options.model is None and options.threshold is None:
        from cleaner.model_files import default_model_path, file_sha256, shipped_digest

        path = default_model_path()
        if path.is_file() and file_sha256(path.read_bytes()) == shipped_digest():
            return None  # the shipped model as built: each worker loads it
    if options.timeout is None or options.timeout <= 0:
        return str(_cleaner(options.model, options.threshold, options.trusted).model_id)
    sandbox = _sandbox(options)
    try:
        sandbox.start()
    except SandboxDiedError as exc:
        raise CleanerError(f"cannot load the model: {exc}") from None
    model_id = str(sandbox.info)
    if not keep:
        sandbox.close()
        _local.sandbox = None
    return model_id


def sandbox_model_id(sandbox: Sandbox) -> str | None:
    """The model id the sandbox's process reported (started if need be)."""
    if sandbox.info is None:
        try:
            sandbox.start()
        except SandboxDiedError:
            return None
    return str(sandbox.info) if sandbox.info is not None else None


def warm_cleaner(options: BatchOptions) -> str:
    """Load the model (in a sandbox process, before any time limit runs); its id."""
    cleaner = _cleaner(options.model, options.threshold, options.trusted)
    return str(cleaner.model_id)


def _record_head(record: Record, model_id: str | None) -> dict[str, Any]:
    """What every output record starts with: id, URL when known, model."""
    out: dict[str, Any] = {"id": record.id}
    if record.url:
        out["url"] = record.url
    out["model"] = model_id
    return out


def _failed(record: Record, model_id: str | None, kind: str, reason: str) -> dict[str, Any]:
    return {**_record_head(record, model_id), "error": reason, "error_kind": kind}


def _refusal(record: Record, options: BatchOptions) -> tuple[str, str] | None:
    """Why a record is not cleaned at all (unreadable, too large), or None."""
    if record.error is not None or record.content is None:
        return "read", record.error or "no content"
    size = len(record.content)
    if size > options.max_bytes:
        return "too_large", f"page of {size} bytes exceeds the limit of {options.max_bytes}"
    return None


#: The key under which `clean_here` returns an internal error's traceback on request.
TRACEBACK = "_traceback"


def clean_here(
    options: BatchOptions, record: Record, site: str = "", keep_traceback: bool = False
) -> dict[str, Any]:
    """`clean_record` in this process, with no time limit; with
    ``keep_traceback``, an internal error's traceback is in the record
    under `TRACEBACK` (for the caller to log)."""
    from cleaner.output import kept_text
    from cleaner.pipeline import Page

    cleaner = _cleaner(options.model, options.threshold, options.trusted)
    refused = _refusal(record, options)
    if refused is not None:
        return _failed(record, cleaner.model_id, *refused)
    assert record.content is not None
    out = _record_head(record, cleaner.model_id)

    def failed(kind: str, reason: str) -> dict[str, Any]:
        out.update(error=reason, error_kind=kind)  # metadata already read stays
        return out

    page = Page(record.content, record.is_html, record.url, record.charset, record.id)
    repeats = (options.site_repeats or {}).get(site_of(record.url, site))
    try:
        if options.with_metadata and record.is_html:
            from cleaner.pages.trafilatura import page_metadata
            from cleaner.pipeline import decode

            html, _ = decode(page)  # once: the page is then cleaned as this str
            page = Page(html, True, record.url, None, record.id)
            out["metadata"] = page_metadata(html, record.url)
        doc = cleaner.label_page(page, repeats)
        text = kept_text(doc, options.text_format, strip_indent=record.is_html)
    except CleanerError as exc:
        return failed("input", str(exc))
    except (RecursionError, MemoryError) as exc:
        return failed("resources", f"{type(exc).__name__} while cleaning the page")
    except Exception as exc:  # a bug must not stop the batch: report it per record
        logger.exception("internal error on record %s", record.id)
        out = failed("internal", f"{type(exc).__name__}: {exc}")
        if keep_traceback:
            import traceback

            out[TRACEBACK] = traceback.format_exc()
        return out
    out.update(text=text, lines=len(doc), kept=sum(line.label is Label.ARTICLE for line in doc))
    if options.language is not None or options.with_metadata:  # its model costs memory: on request
        from cleaner.pages.language import detect_language

        out["language"] = language = detect_language(text)
        if options.language is not None and language != options.language:
            out.update(text="", kept=0, filtered="language")  # the record stays: records in = out
    return out


def count_shard(shard: Shard, options: BatchOptions) -> SiteCounts:
    """First pass over one shard: each site's pages and repeated line keys."""
    from cleaner.pages.render import render_html_text
    from cleaner.pipeline import Page, decode

    counts: SiteCounts = {}
    for record in iter_records(shard, options.fields, [0]):
        if record.error is not None or record.content is None:
            continue
        if len(record.content) > options.max_bytes:
            continue
        try:
            with time_limit(options.timeout):
                page = Page(record.content, record.is_html, record.url, record.charset, record.id)
                content, html = decode(page)
                text = render_html_text(content) if html else content
                keys = [line_key(t) for t in split_lines(text) if not is_blank(t)]
        except (PageTimeout, Exception):  # a page that fails is counted in pass 2
            continue
        add_page(counts, site_of(record.url, shard.site), keys)
    # Not pruned here: a site's pages may be spread over many shards (one
    # page in each), and a line seen once in every shard is still a repeat.
    return counts


def find_site_repeats(
    shards: list[Shard], options: BatchOptions, jobs: int = -1, dask_address: str | None = None
) -> dict[str, frozenset[str]]:
    """The ``--site-repeats`` first pass over every shard (stdin cannot be read twice)."""
    readable = [s for s in shards if s.kind != "stdin"]
    parts = run_tasks(count_shard, readable, options, jobs, dask_address)
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
        logger.info("shard %s already complete, skipped", shard.name)
        return stats
    started = time.perf_counter()
    stats = ShardStats(shard.name)
    errors: Counter[str] = Counter()
    not_pages = [0]
    stats_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    with _open_output(tmp, options.compress) as sink:
        for record in iter_records(shard, options.fields, not_pages):
            out = clean_record(record, options, shard.site)
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
    logger.info("shard %s: %d records in %.1f s", shard.name, stats.records, stats.seconds)
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
    force: bool = False,
) -> list[ShardStats]:
    """Run every shard task locally (joblib, ``jobs`` processes) or on Dask.

    ``on_done`` is called in this process as each shard finishes. A folder
    holding a run made with other settings is refused unless ``force``
    (`check_manifest`).
    Returns the statistics of every shard, in completion order.
    """
    for shard in shards:
        if shard.kind == "stdin" and output_path(shard, options).is_file():
            raise InputError(
                f"{output_path(shard, options)}: an earlier run's output from stdin is there; "
                "stdin cannot be resumed, so move it or choose another --out"
            )
    check_manifest(options, force)
    removed = remove_partial_outputs(options.out_dir)
    if removed:
        logger.info("removed %d partial files a stopped run left", removed)
    done: list[ShardStats] = []
    local = [s for s in shards if s.kind == "stdin"]  # stdin is read here only
    remote = [s for s in shards if s.kind != "stdin"]
    for stats in (process_shard(shard, options) for shard in local):
        done.append(stats)
        if on_done is not None:
            on_done(stats)
    for stats in run_tasks(process_shard, remote, options, jobs, dask_address):
        done.append(stats)
        if on_done is not None:
            on_done(stats)
    return done
