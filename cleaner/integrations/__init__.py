"""Ready-made steps for crawlers and data pipelines (optional extras).

- `cleaner.integrations.scrapy.CleanerPipeline`: a Scrapy item pipeline
  (``pip install 'cleaner[scrapy]'``);
- `cleaner.integrations.datatrove.CleanerExtractor`: a datatrove pipeline
  step, usable where its ``Trafilatura`` extractor is
  (``pip install 'cleaner[datatrove]'``).

Each imports its library only when used.
"""
