"""Test pages built from the seed page: its lines as HTML."""

from __future__ import annotations

import html

from cleaner.document import Label
from cleaner.labelled import read_labelled
from tests.conftest import SEED_LABELS


def seed_as_html(charset: str = "utf-8") -> str:
    """The seed page as HTML: chrome lines in divs, article lines in paragraphs."""
    doc = read_labelled(SEED_LABELS)
    body = []
    for line in doc.lines:
        tag = "p" if line.label is Label.ARTICLE else "div"
        body.append(f"<{tag}>{html.escape(line.text.strip())}</{tag}>")
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>News</title></head>'
        f"<body>{''.join(body)}</body></html>"
    )


def seed_article_lines() -> list[str]:
    """The seed page's article lines, stripped."""
    doc = read_labelled(SEED_LABELS)
    return [line.text.strip() for line in doc.lines if line.label is Label.ARTICLE]
