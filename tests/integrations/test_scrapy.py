"""A real Scrapy crawl over local pages, through `CleanerPipeline`."""

import json
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("scrapy", reason="the scrapy extra is not installed (make setup installs it)")

from cleaner.api import default_cleaner
from tests.seed_pages import seed_article_lines, seed_as_html

SPIDER = textwrap.dedent(
    """
    import sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class Pages(scrapy.Spider):
        name = "pages"
        start_urls = sys.argv[2:]

        def parse(self, response):
            yield {"url": response.url, "page": response.text, "kind": "story"}

    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
        "CLEANER_HTML_FIELD": "page",
        "CLEANER_TEXT_FIELD": "article",
        "CLEANER_DROP_EMPTY": True,
        "FEEDS": {sys.argv[1]: {"format": "jsonlines"}},
        "LOG_LEVEL": "INFO",
    })
    process.crawl(Pages)
    process.start()
    """
)


def test_a_crawl_of_local_pages_gets_their_article_text(tmp_path):
    story = tmp_path / "story.html"
    story.write_text(seed_as_html(), encoding="utf-8")
    empty = tmp_path / "blank.html"
    empty.write_text("<html><head><title>Blank</title></head><body></body></html>")
    feed = tmp_path / "items.jsonl"
    script = tmp_path / "crawl.py"
    script.write_text(SPIDER, encoding="utf-8")
    urls = [story.as_uri(), empty.as_uri()]
    done = subprocess.run(
        [sys.executable, str(script), str(feed), *urls],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert [item["url"] for item in items] == [story.as_uri()]  # the empty page is dropped
    (item,) = items
    assert item["kind"] == "story" and item["page"] == seed_as_html()
    assert item["article"] == default_cleaner().clean_html(seed_as_html(), story.as_uri())
    kept = item["article"].splitlines()
    assert sum(line in kept for line in seed_article_lines()) >= 0.9 * len(seed_article_lines())
    assert "nothing kept" in done.stderr  # the drop is logged with its reason


def test_the_pipeline_reads_its_settings_and_passes_other_items_through():
    from scrapy.exceptions import DropItem
    from scrapy.settings import Settings

    from cleaner.integrations.scrapy import CleanerPipeline

    class Crawler:
        settings = Settings({"CLEANER_HTML_FIELD": "body", "CLEANER_THRESHOLD": "0.9"})

    pipeline = CleanerPipeline.from_crawler(Crawler())
    assert (pipeline.html_field, pipeline.text_field, pipeline.threshold) == ("body", "text", 0.9)
    pipeline.open_spider()
    assert pipeline.cleaner is not None and pipeline.cleaner.threshold == 0.9
    assert pipeline.process_item({"title": "no page"}) == {"title": "no page"}
    with pytest.raises(DropItem, match="binary"):
        pipeline.process_item({"body": "\x00\x01\x02" * 100 + "PNG"})
