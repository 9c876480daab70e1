"""Test pages built from the seed page: its lines as HTML."""

from __future__ import annotations

import html

from cleaner.document import Label
from cleaner.labelled import read_labelled
from tests.conftest import SEED_LABELS


def seed_as_html(charset: str = "utf-8") -> str:
    """The seed page as HTML, laid out as a news site would.

    Chrome before the article is a header, chrome after it a footer, chrome
    in between an aside; article lines are paragraphs inside an article.
    """
    doc = read_labelled(SEED_LABELS)
    kinds = [line.label is Label.ARTICLE for line in doc.lines]
    first, last = kinds.index(True), len(kinds) - 1 - kinds[::-1].index(True)
    body = []
    for i, line in enumerate(doc.lines):
        text = html.escape(line.text.strip())
        if i == first:
            body.append("<article>")
        if kinds[i]:
            body.append(f"<p>{text}</p>")
        else:
            tag = "header" if i < first else "footer" if i > last else "aside"
            body.append(f"<{tag}><div>{text}</div></{tag}>")
        if i == last:
            body.append("</article>")
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>News</title></head>'
        f"<body>{''.join(body)}</body></html>"
    )


def seed_article_lines() -> list[str]:
    """The seed page's article lines, stripped."""
    doc = read_labelled(SEED_LABELS)
    return [line.text.strip() for line in doc.lines if line.label is Label.ARTICLE]
