"""`CleanerPipeline`: a Scrapy item pipeline that cleans each item's HTML.

Enable it in the project's settings::

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}

and yield items that carry the page, e.g.
``{"url": response.url, "html": response.text}``. The pipeline writes the
article text into the item; settings (all optional):

- ``CLEANER_HTML_FIELD`` (``"html"``): the field holding the page's HTML
  (str or bytes);
- ``CLEANER_TEXT_FIELD`` (``"text"``): the field the article text goes to;
- ``CLEANER_URL_FIELD`` (``"url"``): the page's URL, when the item has it;
- ``CLEANER_MODEL`` (the shipped model), ``CLEANER_THRESHOLD``,
  ``CLEANER_TRUST_MODEL`` (load a model file that is not the shipped one);
- ``CLEANER_DROP_EMPTY`` (False): drop items where nothing is kept.

The model loads (warm) when the spider opens, not on the first item. An
item without the HTML field passes through unchanged; an item whose HTML
cannot be cleaned (binary content, over the size limit) is dropped with the
reason in Scrapy's log.
"""

from __future__ import annotations

from typing import Any

from cleaner.api import Cleaner
from cleaner.errors import InputError


class CleanerPipeline:
    """Clean the HTML field of each item into its text field."""

    def __init__(
        self,
        html_field: str = "html",
        text_field: str = "text",
        url_field: str = "url",
        model: str | None = None,
        threshold: float | None = None,
        trusted: bool = False,
        drop_empty: bool = False,
    ) -> None:
        self.html_field = html_field
        self.text_field = text_field
        self.url_field = url_field
        self.model = model
        self.threshold = threshold
        self.trusted = trusted
        self.drop_empty = drop_empty
        self.cleaner: Cleaner | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        """The pipeline configured from the crawler's ``CLEANER_*`` settings."""
        settings = crawler.settings
        threshold = settings.get("CLEANER_THRESHOLD")
        return cls(
            html_field=settings.get("CLEANER_HTML_FIELD", "html"),
            text_field=settings.get("CLEANER_TEXT_FIELD", "text"),
            url_field=settings.get("CLEANER_URL_FIELD", "url"),
            model=settings.get("CLEANER_MODEL"),
            threshold=None if threshold is None else float(threshold),
            trusted=settings.getbool("CLEANER_TRUST_MODEL", False),
            drop_empty=settings.getbool("CLEANER_DROP_EMPTY", False),
        )

    def open_spider(self, spider: Any = None) -> None:
        """Load the model, warm, before the first item arrives."""
        if self.cleaner is None:
            self.cleaner = Cleaner.load(self.model, self.threshold, self.trusted)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """The item with its article text set; raises Scrapy's ``DropItem``
        for a page that cannot be cleaned (or is empty, with ``drop_empty``)."""
        from itemadapter import ItemAdapter
        from scrapy.exceptions import DropItem

        adapter = ItemAdapter(item)
        html = adapter.get(self.html_field)
        if html is None:
            return item
        self.open_spider()
        assert self.cleaner is not None
        url = adapter.get(self.url_field)
        try:
            text = self.cleaner.clean_html(html, url if isinstance(url, str) else None)
        except InputError as exc:
            raise DropItem(f"cleaner: {exc}") from None
        if self.drop_empty and not text.strip():
            raise DropItem("cleaner: nothing kept from the page")
        adapter[self.text_field] = text
        return item
