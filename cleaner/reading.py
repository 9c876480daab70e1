"""Reading pages from files and bytes, with one clear error per bad input."""

from __future__ import annotations

import codecs
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
    if data.startswith(_BINARY_MAGIC):
        raise InputError(f"{name}: binary file (not a text page)")
    head = data[:8192]
    if head and head.count(0) / len(head) > _MAX_NUL_SHARE:
        raise InputError(f"{name}: binary file (not a text page)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); convert it to UTF-8 first, e.g. with iconv"
        ) from None


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes; a missing file or a directory is an `InputError`."""
    p = Path(path)
    try:
        return p.read_bytes()
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
