"""Records of batch input: pages streamed from directories, JSONL and WARC.

Every reader is a generator: it holds one record at a time, so memory
stays flat however large the input. A record that cannot be read (broken
JSON, a missing field, a truncated file) is still yielded, carrying an
``error``, so that records in always equal records out.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

#: File name endings read as pages in a directory tree.
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: File name endings read as JSONL and WARC.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".arc")
#: HTTP content types of WARC responses that are cleaned as HTML.
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Record:
    """One page of batch input.

    Attributes
    ----------
    id:
        Stable identifier: a relative path, a JSONL id (or ``file:line``), a
        WARC-Record-ID.
    content:
        The page (text, HTML, or undecoded HTML bytes); None when unreadable.
    is_html:
        True when ``content`` is HTML.
    url:
        The page's URL when known.
    charset:
        Charset declared outside the page (HTTP header), for HTML bytes.
    error:
        Why the record could not be read; None when it could.
    """

    id: str
    content: str | bytes | None
    is_html: bool = False
    url: str | None = None
    charset: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class JsonlFields:
    """Names of the JSONL fields that hold a record's parts."""

    text: str = "text"
    html: str = "html"
    id: str = "id"
    url: str = "url"


def strip_gz(name: str) -> str:
    """A file name without its ``.gz`` ending."""
    return name[:-3] if name.endswith(".gz") else name


def page_kind(path: Path) -> str | None:
    """ "text", "html" or None (not a page file), by the name's ending."""
    name = strip_gz(path.name.lower())
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    return None


def open_maybe_gz(path: Path) -> IO[bytes]:
    """Open a file for binary reading, decompressing ``.gz`` on the fly."""
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_page_file(path: Path, record_id: str) -> Record:
    """A page file as one record (bytes undecoded; decoding happens when cleaned)."""
    from cleaner.pages.decode import gunzip

    is_html = page_kind(path) == "html"
    try:
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gunzip(data, record_id)
    except Exception as exc:  # unreadable file: an error record, never a crash
        return Record(record_id, None, is_html, error=_reason(exc))
    return Record(record_id, data, is_html)


def iter_page_files(paths: list[Path], root: Path) -> Iterator[Record]:
    """Page files as records, with ids relative to ``root``."""
    for path in paths:
        try:
            record_id = path.relative_to(root).as_posix()
        except ValueError:
            record_id = path.as_posix()
        yield read_page_file(path, record_id)


def _record_from_json(obj: object, fallback_id: str, fields: JsonlFields) -> Record:
    if not isinstance(obj, dict):
        return Record(fallback_id, None, error="JSON value is not an object")
    raw_id = obj.get(fields.id)
    record_id = fallback_id if raw_id is None else str(raw_id)
    url = obj.get(fields.url)
    url = url if isinstance(url, str) else None
    html = obj.get(fields.html)
    if isinstance(html, str):
        return Record(record_id, html, True, url)
    text = obj.get(fields.text)
    if isinstance(text, str):
        return Record(record_id, text, False, url)
    return Record(
        record_id,
        None,
        url=url,
        error=f"no string field {fields.html!r} or {fields.text!r}",
    )


def iter_jsonl_stream(
    stream: IO[bytes], name: str, fields: JsonlFields, lines: tuple[int, int] | None = None
) -> Iterator[Record]:
    """Records of a JSONL byte stream; a line that fails to parse is an error record.

    ``lines`` (first, stop) reads only those line numbers, the stream being
    at the first one's start.
    """
    first, stop = lines if lines is not None else (1, None)
    line_no = first - 1
    try:
        for line_no, raw in enumerate(stream, first):
            if stop is not None and line_no >= stop:
                break
            if not raw.strip():
                continue
            fallback = f"{name}:{line_no}"
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Record(fallback, None, error=f"broken JSON line ({exc})")
                continue
            yield _record_from_json(obj, fallback, fields)
    except (EOFError, OSError, zlib.error) as exc:
        yield Record(f"{name}:{line_no + 1}", None, error=f"truncated or corrupt file ({exc})")


def iter_jsonl(
    path: Path, fields: JsonlFields, span: tuple[int, int, int] | None = None
) -> Iterator[Record]:
    """Records of a JSONL or JSONL.gz file, or of the run of its lines that
    ``span`` (first line, stop line, first line's byte offset) gives."""
    try:
        stream = open_maybe_gz(path)
        if span is not None:
            stream.seek(span[2])
    except (OSError, EOFError, zlib.error) as exc:
        yield Record(path.name, None, error=_reason(exc))
        return
    with stream:
        lines = None if span is None else (span[0], span[1])
        yield from iter_jsonl_stream(stream, path.name, fields, lines)


def _http_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def is_html_response(record: Any) -> bool:
    """True when a warcio record is an HTTP response carrying HTML."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return bool(content_type.lower().startswith(HTML_CONTENT_TYPES))


def iter_warc(
    path: Path, skipped: list[int] | None = None, span: tuple[int, int, int] | None = None
) -> Iterator[Record]:
    """HTML response records of a WARC or WARC.gz file (read with warcio), or
    of the run of its records that ``span`` (first record, record after the
    last, first record's byte offset) gives.

    Records that are not HTML responses (requests, metadata, images...)
    are not pages: they are counted in ``skipped[0]`` when given. A
    truncated or corrupt file ends with one error record.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    last_id = path.name
    count = None if span is None else span[1] - span[0]
    try:
        with path.open("rb") as stream:
            if span is not None:
                stream.seek(span[2])
            for number, record in enumerate(ArchiveIterator(stream)):
                if count is not None and number >= count:
                    break
                if not is_html_response(record):
                    if skipped is not None:
                        skipped[0] += 1
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                last_id = record.rec_headers.get_header("WARC-Record-ID") or last_id
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    body = record.content_stream().read()
                except Exception as exc:  # corrupt body inside a readable record
                    yield Record(last_id, None, True, url, error=_reason(exc))
                    return
                if getattr(record.raw_stream, "limit", 0):  # fewer bytes than declared
                    yield Record(last_id, None, True, url, error="truncated WARC record")
                    return
                yield Record(last_id, body, True, url, _http_charset(content_type))
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        yield Record(f"{last_id}#after", None, True, error=f"truncated or corrupt WARC ({exc})")


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
