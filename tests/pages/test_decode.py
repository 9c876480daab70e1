import codecs

import pytest

from cleaner.errors import InputError
from cleaner.pages.decode import decode_bytes, read_text


def test_utf8_with_bom_and_utf16_decode():
    assert decode_bytes("é".encode("utf-8-sig")) == "é"
    assert decode_bytes(codecs.BOM_UTF16_LE + "héllo".encode("utf-16-le")) == "héllo"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00", b"\x1f\x8b\x08\x00abc", b"%PDF-1.7\n", b"ab\x00\x00\x00" * 10],
)
def test_binary_data_is_refused(data):
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "f")


def test_invalid_utf8_names_offset():
    with pytest.raises(InputError, match=r"0xff at offset 3"):
        decode_bytes(b"abc\xffdef", "f")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)


def test_a_few_nul_bytes_in_text_are_kept():
    assert decode_bytes(b"a\x00b" + b"x" * 500).startswith("a\x00b")


def test_decode_html_prefers_header_charset_then_utf8_then_declared():
    from cleaner.pages.decode import decode_html

    assert decode_html("<p>é".encode("cp1252"), charset="cp1252") == "<p>é"
    assert decode_html("<p>日本".encode()) == "<p>日本"
    sjis = '<meta charset="shift_jis"><p>日本語のページ'
    assert decode_html(sjis.encode("shift_jis")) == sjis
    undeclared = "<p>" + "Größe und Maße für Straßen " * 20
    assert "Straßen" in decode_html(undeclared.encode("latin-1"))


def test_looks_like_html():
    from cleaner.pages.decode import looks_like_html

    assert looks_like_html(b"\n  <!-- x -->\n<!doctype HTML>\n<html>")
    assert looks_like_html("<html lang='en'><body>")
    assert not looks_like_html("Title\n<p> is a tag name")
