"""Reading pages from files and bytes, with one clear error per bad input."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from cleaner.errors import InputError

#: Signatures of common binary formats that are never a page of text.
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\x1f\x8b",  # gzip
    b"%PDF",
    b"PK\x03\x04",  # zip, docx, xlsx
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"\x7fELF",
)
#: Share of NUL bytes in the first 8 KiB above which a file is binary.
_MAX_NUL_SHARE = 0.01


#: How a page that is HTML starts (after whitespace, a BOM or comments).
_HTML_START_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml\b[^>]*\?>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style"
    rb"|article|section|main|header|nav|div|p|table|ul|ol|h[1-6])\b",
    re.IGNORECASE | re.DOTALL,
)
#: File name endings of HTML pages, for pages whose start does not tell.
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".html.gz", ".htm.gz", ".xhtml.gz")
#: Declared charset in the first bytes of an HTML page.
_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def looks_like_html(data: bytes | str) -> bool:
    """True when a page starts like an HTML document or fragment (an XML
    declaration first, as XHTML has, is allowed).

    >>> looks_like_html("<!DOCTYPE html><html><body>Hi</body></html>")
    True
    >>> looks_like_html('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">')
    True
    >>> looks_like_html("<div class='story'><p>Text</p></div>"), looks_like_html("<p>Text")
    (True, True)
    >>> looks_like_html("Breaking news <b>today</b>"), looks_like_html("<pre>text")
    (False, False)
    """
    head = data[:4096] if isinstance(data, bytes) else data[:4096].encode("utf-8", "replace")
    return _HTML_START_RE.match(head) is not None


def _check_not_binary(data: bytes, name: str) -> None:
    if data.startswith(_BINARY_MAGIC):
        raise InputError(f"{name}: binary file (not a text page)")
    head = data[:8192]
    if head and head.count(0) / len(head) > _MAX_NUL_SHARE:
        raise InputError(f"{name}: binary file (not a text page)")


def decode_html(data: bytes, name: str = "input", charset: str | None = None) -> str:
    """Decode an HTML page's bytes: BOM, ``charset`` (e.g. from an HTTP
    header), UTF-8, then the charset the page declares.

    Pages that are neither valid UTF-8 nor declare a charset that decodes
    them are decoded by charset detection (charset-normalizer). Binary data
    raises `InputError`.

    >>> decode_html('<meta charset="latin-1"><p>caf\xe9'.encode("latin-1"))
    '<meta charset="latin-1"><p>café'
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, name)
    _check_not_binary(data, name)
    for encoding in (charset, "utf-8-sig"):
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    declared = _CHARSET_RE.search(data[:8192])
    if declared is not None:
        try:
            return data.decode(declared.group(1).decode("ascii", "replace"))
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, errors="replace")


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode a page's bytes as UTF-8 (a UTF-8 or UTF-16 BOM is honoured).

    Raises `InputError` for binary data and for bytes that are not valid
    UTF-8, naming the offset of the first bad byte.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 ({exc.reason})") from None
    _check_not_binary(data, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); convert it to UTF-8 first, e.g. with iconv"
        ) from None


def gunzip(data: bytes, name: str = "input") -> bytes:
    """Decompress gzip data; a truncated or corrupt stream is an `InputError`."""
    import gzip
    import zlib

    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error) as exc:
        raise InputError(f"{name}: corrupt or truncated gzip data ({exc})") from None


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes, decompressing ``.gz`` files.

    A missing file, a directory or a corrupt ``.gz`` file is an `InputError`.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
        return gunzip(data, str(path)) if p.suffix == ".gz" else data
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file as a page."""
    return decode_bytes(read_bytes(path), str(path))


def read_page(path: str | Path) -> tuple[str, bool]:
    """Read a text or HTML page: (decoded text, whether it is HTML)."""
    data = read_bytes(path)
    if looks_like_html(data):
        return decode_html(data, str(path)), True
    return decode_bytes(data, str(path)), False
