"""Label the lines of a text dump by aligning them with a page's gold text.

Rule (validated against L3S-GN1's block annotations, see the README):

1. a line whose words equal a whole gold line, paragraph or the title is
   article;
2. a line of at least `MIN_NGRAM_WORDS` words is article when at least
   `MIN_SHARED_NGRAMS` of its word trigrams occur in the gold text;
3. of lines with the same words, only the one with the most article
   neighbours is article (labelling guide, rule 3: repeats are chrome);
   every other line is chrome.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.document import Document, Label, Line

#: Lines with fewer words are article only on an exact match with a gold line.
MIN_NGRAM_WORDS = 3
#: Lines on each side that count as the neighbourhood of a repeated line.
REPEAT_CONTEXT = 3
#: Share of a line's word trigrams that must occur in the gold text.
MIN_SHARED_NGRAMS = 0.5

_WORDS = re.compile(r"\w+")
_ASCII_WORDS = re.compile(r"[A-Za-z0-9]+")


def tokens(text: str, ascii_only: bool = False) -> list[str]:
    """Lower-cased words; ASCII-only for corpora that lost non-ASCII letters."""
    return (_ASCII_WORDS if ascii_only else _WORDS).findall(text.lower())


def _trigrams(words: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + 3]) for i in range(len(words) - 2)]


class GoldIndex:
    """What of a gold text a dump line can match: whole lines and trigrams."""

    def __init__(self, gold: str, title: str | None = None, ascii_only: bool = False) -> None:
        self.ascii_only = ascii_only
        self.keys: set[str] = set()
        self.grams: set[tuple[str, ...]] = set()
        pieces = [*gold.split("\n"), *re.split(r"\n\s*\n", gold), title or ""]
        for piece in pieces:
            words = tokens(piece, ascii_only)
            if words:
                self.keys.add(" ".join(words))
        for paragraph in [*re.split(r"\n\s*\n", gold), title or ""]:
            self.grams.update(_trigrams(tokens(paragraph, ascii_only)))

    def is_article(self, text: str) -> bool:
        """Does this dump line belong to the gold text?"""
        words = tokens(text, self.ascii_only)
        if not words:
            return False
        if " ".join(words) in self.keys:
            return True
        if len(words) < MIN_NGRAM_WORDS:
            return False
        grams = _trigrams(words)
        return sum(g in self.grams for g in grams) / len(grams) >= MIN_SHARED_NGRAMS


def align(
    dump: str,
    gold: str,
    title: str | None = None,
    ascii_only: bool = False,
    name: str | None = None,
) -> Document:
    """The dump as a `Document` whose lines are labelled by the gold text.

    Examples
    --------
    >>> doc = align("Menu\\nBig news today\\nIt rained all day in town.\\nShare",
    ...             gold="It rained all day in town.", title="Big news today")
    >>> [str(line.label) for line in doc]
    ['chrome', 'article', 'article', 'chrome']
    """
    index = GoldIndex(gold, title, ascii_only)
    source = Document.from_text(dump).lines
    keys = [" ".join(tokens(line.text, ascii_only)) for line in source]
    candidate = [index.is_article(line.text) for line in source]
    keep = _one_of_each_repeat(keys, candidate)
    lines = [
        Line(line.text, line.position, line.break_before, Label.ARTICLE if k else Label.CHROME)
        for line, k in zip(source, keep, strict=True)
    ]
    return Document(tuple(lines), name)


def _one_of_each_repeat(keys: Sequence[str], candidate: Sequence[bool]) -> list[bool]:
    """Keep one article candidate per repeated text: the one with most
    candidate neighbours (within `REPEAT_CONTEXT` lines), the first on ties."""
    keep = list(candidate)
    groups: dict[str, list[int]] = {}
    for i, (key, flag) in enumerate(zip(keys, candidate, strict=True)):
        if flag:
            groups.setdefault(key, []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue

        def support(i: int) -> int:
            lo, hi = max(0, i - REPEAT_CONTEXT), i + REPEAT_CONTEXT + 1
            return sum(candidate[lo:hi]) - 1

        best = max(members, key=lambda i: (support(i), -i))
        for i in members:
            keep[i] = i == best
    return keep
