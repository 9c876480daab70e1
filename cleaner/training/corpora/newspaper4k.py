"""newspaper4k's test articles (MIT): ``html/NAME.html`` + ``txt/NAME.txt``.

The gold is the article text; the headline, which the text files leave
out and the labelling guide counts as article, is the page's title as
trafilatura's metadata extraction reads it. A page's site is the first word
of its name without digits (``cnn_001`` -> ``cnn``); its language is the
one its name gives (``thai_article``), else English (``yna_co_kr``: Korean).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from cleaner.training.corpora.base import GoldPage

LANGUAGES = {
    "arabic": "ar",
    "burmese": "my",
    "chinese": "zh",
    "japanese": "ja",
    "latvian": "lv",
    "spanish": "es",
    "thai": "th",
    "yna": "ko",
}


def site_of(name: str) -> str:
    """The site of a page, from its file name.

    >>> site_of("cnn_001"), site_of("cleveland.com1"), site_of("japanese_article2")
    ('cnn', 'cleveland.com', 'japanese')
    """
    return re.sub(r"\d+$", "", name.split("_")[0])


def read(root: Path) -> Iterator[GoldPage]:
    """Every newspaper4k article with its text."""
    from cleaner.pages.trafilatura import page_title

    folder = root / "newspaper4k"
    for text_path in sorted((folder / "txt").glob("*.txt")):
        html_path = folder / "html" / f"{text_path.stem}.html"
        if not html_path.is_file():
            continue
        gold = text_path.read_text(encoding="utf-8", errors="replace").strip()
        if not gold:
            continue
        html = html_path.read_text(encoding="utf-8", errors="replace")
        site = site_of(text_path.stem)
        yield GoldPage(
            corpus="newspaper4k",
            page_id=text_path.stem,
            site=site,
            html=html,
            gold=gold,
            title=page_title(html),
            language=LANGUAGES.get(site, "en"),
        )
