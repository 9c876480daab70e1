"""A datatrove pipeline over a WARC file, through `CleanerExtractor`."""

import gzip
import json
import subprocess
import sys

import pytest

pytest.importorskip(
    "datatrove", reason="the datatrove extra is not installed (make setup installs it)"
)

from cleaner.api import default_cleaner
from tests.batch.test_batch import write_warc
from tests.conftest import ROOT
from tests.seed_pages import seed_article_lines, seed_as_html


def test_the_example_cleans_every_html_page_of_a_warc(tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    story = seed_as_html().encode()
    blank = b"<html><head><title>Blank</title></head><body></body></html>"
    write_warc(
        crawl / "part-0.warc.gz",
        [
            ("https://news.example.com/story", story, "text/html; charset=utf-8"),
            ("https://news.example.com/blank", blank, "text/html"),
        ],
    )
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "datatrove_warc.py"), str(crawl), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    docs = [
        json.loads(line)
        for path in sorted(out.glob("*.jsonl.gz"))
        for line in gzip.decompress(path.read_bytes()).decode().splitlines()
    ]
    assert [d["metadata"]["url"] for d in docs] == ["https://news.example.com/story"]
    text = docs[0]["text"]
    assert text == default_cleaner().clean_html(seed_as_html())
    kept = text.splitlines()
    assert sum(line in kept for line in seed_article_lines()) >= 0.9 * len(seed_article_lines())


def test_a_page_over_the_time_limit_is_dropped_and_the_next_is_cleaned():
    from datatrove.data import Document

    from cleaner.integrations.datatrove import CleanerExtractor

    class Slow(CleanerExtractor):
        def extract(self, text: str) -> str:
            if text == "slow":
                import time

                time.sleep(60)  # in C: only killing the process stops it
            return super().extract(text)

    step = Slow(timeout=2)
    docs = [Document(text="slow", id="a"), Document(text=seed_as_html(), id="b")]
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["b"]
    assert out[0].text == default_cleaner().clean_html(seed_as_html())
    assert step.stats["timeout"].total == 1
