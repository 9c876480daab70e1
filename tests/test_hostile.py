"""Hostile inputs: each gives a sensible result or one clear, typed error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import cleaner
from cleaner.cli import app
from cleaner.document import lines_in_order, split_lines
from cleaner.errors import CleanerError, InputError
from cleaner.pages.decode import decode_bytes, decode_html
from tests.hostile import ARTICLE, CASES

runner = CliRunner()

#: What each case must give: "ok" (a result) or the start of the error message.
EXPECTED = {
    "empty": "ok",
    "whitespace only": "ok",
    "NUL and control characters": "ok",
    "invalid UTF-8": "not valid UTF-8",
    "UTF-16 with BOM": "ok",
    "Latin-1 declared": "ok",
    "Latin-1 undeclared": "ok",
    "Shift-JIS declared": "ok",
    "Shift-JIS undeclared": "ok",
    "50 MB single line": "page of 50,000,000 characters exceeds the limit",
    "a million short lines": "page of 1,000,000 lines exceeds the limit",
    "HTML nested 100,000 deep": "ok",
    "unclosed and malformed tags": "ok",
    "only script and style": "ok",
    "PNG given as HTML": "binary file",
    "PNG given as text": "binary file",
    "gzip given as HTML": "binary file",
    "PDF given as text": "binary file",
}


def assert_lines_in_order(source: str, out: str) -> None:
    """Every output line is a line of ``source`` (whitespace-trimmed), in order."""
    assert lines_in_order(source, out), "output line not in input order"


def library_result(data: bytes, kind: str) -> str:
    """Clean through the library as a crawler would; errors propagate."""
    if kind == "html":
        return cleaner.clean_html(data)
    text = decode_bytes(data)
    out = cleaner.clean(text)
    assert_lines_in_order(text, out)
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_library_gives_result_or_typed_error(name):
    data, kind = CASES[name]()
    expected = EXPECTED[name]
    if expected == "ok":
        assert isinstance(library_result(data, kind), str)
    else:
        with pytest.raises(CleanerError, match=expected):
            library_result(data, kind)


@pytest.mark.parametrize("name", list(CASES))
def test_cli_gives_output_or_one_error_line(tmp_path, name):
    data, kind = CASES[name]()
    page = tmp_path / "page"
    page.write_bytes(data)
    result = runner.invoke(app, ["clean", f"--{kind}", str(page)])
    assert "Traceback" not in result.output
    if EXPECTED[name] == "ok":
        assert result.exit_code == 0
    else:
        assert result.exit_code == 1
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("error: ") and EXPECTED[name] in line


def test_batch_turns_every_hostile_page_into_one_record(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    names = {}
    for i, (name, make) in enumerate(CASES.items()):
        data, kind = make()
        path = pages / f"{i:02d}.{'html' if kind == 'html' else 'txt'}"
        path.write_bytes(data)
        names[path.name] = name
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(pages), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    from tests.batch.test_batch import read_out

    (shard,) = out.glob("*.jsonl.gz")
    records = read_out(shard)
    assert [r["id"] for r in records] == sorted(names)
    for record in records:
        expected = EXPECTED[names[record["id"]]]
        if expected == "ok":
            assert "text" in record, record
        else:
            assert "error" in record and "text" not in record


def test_charsets_are_decoded_right():
    for declared in (True, False):
        assert "approuvé" in cleaner.clean_html(
            CASES[f"Latin-1 {'declared' if declared else 'undeclared'}"]()[0]
        )
        page = decode_html(CASES[f"Shift-JIS {'declared' if declared else 'undeclared'}"]()[0])
        assert "市議会は月曜日" in page
    assert ARTICLE in decode_bytes(CASES["UTF-16 with BOM"]()[0])


def test_limits_are_configurable():
    from cleaner.api import Cleaner

    page = "Menu\n" + ARTICLE + "\n" + ARTICLE[::-1]
    with pytest.raises(InputError, match="max_chars"):
        Cleaner.load().__class__(Cleaner.load().bundle, max_chars=10).clean(page)
    with pytest.raises(InputError, match="max_lines"):
        Cleaner(Cleaner.load().bundle, max_lines=2).clean(page)
    assert isinstance(
        Cleaner(Cleaner.load().bundle, max_chars=None, max_lines=None).clean(page), str
    )


def test_long_lines_are_cut_for_features_but_kept_whole():
    from cleaner.api import Cleaner
    from cleaner.features import MAX_FEATURE_CHARS

    long_line = (ARTICLE + " ") * (MAX_FEATURE_CHARS // len(ARTICLE) + 10)
    doc = Cleaner.load().label("Menu\n" + long_line)
    assert doc.lines[1].text == long_line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_string_cleans_to_input_lines(text):
    from cleaner.pipeline import looks_binary

    if looks_binary(text):  # refused as binary bytes are
        with pytest.raises(InputError, match="binary"):
            cleaner.clean(text)
        return
    out = cleaner.clean(text)
    assert_lines_in_order(text, out)
    doc = cleaner.label(text)
    assert len(doc) == sum(1 for line in split_lines(text) if line.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(
                [
                    "<p>",
                    "</p>",
                    "<div>",
                    "</div>",
                    "<br>",
                    "<li>",
                    "<pre>",
                    "\n",
                    "<ul>",
                    "<span>",
                    "<q>",
                    "<script>",
                    "<!--",
                    "&amp;",
                    "<html>",
                    "<body>",
                ]
            ),
        ),
        max_size=40,
    ).map("".join)
)
def test_any_html_string_cleans_without_exception(html):
    from cleaner.pipeline import looks_binary

    if looks_binary(html):
        with pytest.raises(InputError, match="binary"):
            cleaner.clean_html(html)
        return
    out = cleaner.clean_html(html)
    assert isinstance(out, str)
    assert "\n\n\n" not in out
