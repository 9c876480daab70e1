"""The one pipeline: every entry point runs its stages, and bad input gets a typed error."""

import json
import logging

import numpy as np
import pytest

import cleaner
from cleaner.document import lines_in_order
from cleaner.errors import InputError
from cleaner.pipeline import Limits, Page, label_page
from tests.seed_pages import seed_as_html

STORY = (
    "Home | News | Sport\n"
    "The council approved the new budget on Monday after a long debate about schools.\n"
    "Share this article"
)


def test_cleaner_runs_the_pipeline_for_text_and_html(shipped, seed_text):
    for page, method in (
        (Page(seed_text, html=False), shipped.label),
        (Page(seed_as_html(), html=True), shipped.label_html),
    ):
        doc = label_page(page, shipped.bundle, shipped.threshold, shipped.limits)
        same = method(page.content)
        assert [line.text for line in doc] == [line.text for line in same]
        assert np.array_equal([line.score for line in doc], [line.score for line in same])


def test_page_kind_is_told_by_content_when_not_given(shipped):
    doc = label_page(Page(seed_as_html(), html=None), shipped.bundle, shipped.threshold)
    assert doc.lines[0].context is not None  # rendered as HTML, with DOM context


def test_limits_name_the_page(shipped):
    with pytest.raises(InputError, match=r"big\.txt: page of 12 characters"):
        label_page(Page("x" * 12, name="big.txt"), shipped.bundle, 0.5, Limits(max_chars=10))


@pytest.mark.parametrize("method", ["clean", "label"])
def test_bytes_given_to_clean_say_what_to_do(method):
    with pytest.raises(InputError, match=r"decode .* or use clean_html"):
        getattr(cleaner, method)(STORY.encode())


@pytest.mark.parametrize(
    "binary",
    ["\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + "\x00" * 64, "%PDF-1.7\n1 0 obj", "a\x00b\x00" * 50],
)
def test_binary_content_given_as_str_is_refused_like_bytes(binary):
    with pytest.raises(InputError, match="binary"):
        cleaner.clean(binary)
    with pytest.raises(InputError, match="binary"):
        cleaner.clean_html(binary)
    with pytest.raises(InputError, match="binary"):  # the same content as bytes
        cleaner.clean_html(binary.encode("latin-1"))


def test_lone_surrogate_is_cleaned_not_a_unicode_error():
    text = STORY.replace("Monday", "Monday \ud800")
    out = cleaner.clean(text)
    assert "\ufffd" in out and "after a long debate" in out
    assert lines_in_order(text.replace("\ud800", "\ufffd"), out)
    html = "<html><body><p>" + text.replace("\n", "</p><p>") + "</p></body></html>"
    out_html = cleaner.clean_html(html)
    assert "after a long debate" in out_html  # lxml no longer cuts the page at it


def test_json_surrogate_escape_in_batch_is_cleaned(tmp_path):
    from cleaner.batch import BatchOptions, plan_shards, run_batch

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": STORY.replace("Monday", "Monday \ud800")}) + "\n")
    assert "\\ud800" in src.read_text()  # the JSON escape of a lone surrogate
    run_batch(plan_shards([src]), BatchOptions(str(tmp_path / "out"), compress=False), jobs=1)
    (out,) = (tmp_path / "out").glob("*.jsonl")
    record = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in record, record
    assert "after a long debate" in record["text"]


def test_internal_batch_error_keeps_its_traceback_in_the_log(monkeypatch, caplog):
    from cleaner.api import Cleaner
    from cleaner.batch import BatchOptions, clean_record
    from cleaner.batch.records import Record

    def broken(self, page, repeats=None):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Cleaner, "label_page", broken)
    with caplog.at_level(logging.ERROR, logger="cleaner"):
        out = clean_record(Record("r1", STORY), BatchOptions("unused", timeout=None))
    assert out["error_kind"] == "internal" and "a bug" in out["error"]
    (entry,) = [r for r in caplog.records if "r1" in r.getMessage()]
    assert entry.exc_info is not None and entry.exc_info[0] is RuntimeError


def test_an_internal_error_in_the_cleaning_process_comes_back_with_its_traceback(monkeypatch):
    from cleaner.api import Cleaner
    from cleaner.batch import BatchOptions
    from cleaner.batch.records import Record
    from cleaner.batch.tasks import TRACEBACK, clean_here

    def broken(self, page, repeats=None):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Cleaner, "label_page", broken)
    out = clean_here(BatchOptions("unused"), Record("r1", STORY), "", keep_traceback=True)
    assert out["error_kind"] == "internal"
    assert "RuntimeError: a bug" in out[TRACEBACK] and "label_page" in out[TRACEBACK]
    assert TRACEBACK not in clean_here(BatchOptions("unused"), Record("r1", STORY))


def test_library_logs_nothing_by_default():
    import subprocess
    import sys

    code = "import cleaner; cleaner.clean('Home\\nThe council met on Monday after a debate.')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr == ""


def test_page_the_walk_renders_empty_is_read_by_another_parser(shipped):
    # An unclosed <title> leaves libxml2's tree with the whole page in the
    # title: the walk renders nothing, the fallback reads the story.
    from cleaner.document import Label
    from cleaner.pages.render import fallback_document, html_document
    from tests.seed_pages import seed_article_lines

    page = seed_as_html().replace("<title>News</title>", "<title>News")
    assert not len(html_document(page))
    doc = label_page(Page(page, html=True), shipped.bundle, shipped.threshold)
    kept = [line.text.strip() for line in doc if line.label is Label.ARTICLE]
    article = seed_article_lines()
    assert sum(line in article for line in kept) >= 0.8 * len(article)
    rendered = [line.text.strip() for line in fallback_document(page)]
    out = [line for line in shipped.clean_html(page).split("\n") if line]
    positions = [rendered.index(line) for line in out]  # each a line of the rendering ...
    assert positions == sorted(positions)  # ... in its order


def test_a_page_with_no_line_at_the_threshold_keeps_its_best_lines(shipped):
    scores = [line.score for line in shipped.label(STORY)]
    best = max(scores)
    strict = cleaner.Cleaner(shipped.bundle, threshold=min(1.0, best + 0.01))
    assert best < strict.threshold  # no line reaches it
    doc = label_page(Page(STORY, html=False), strict.bundle, strict.threshold, strict.limits)
    kept = [line.text for line in doc if line.label is cleaner.Label.ARTICLE]
    assert STORY.splitlines()[int(np.argmax(scores))] in kept
    assert strict.clean(STORY).splitlines() == kept
    assert lines_in_order(STORY, strict.clean(STORY))
