"""What a few labelled pages of one site teach: the site's own recurring lines.

A site repeats its furniture on every page: menus, login prompts, footers,
"related" headings. Once a user labels a page or two, those lines are known.
`SiteMemory` keeps the label counts of every normalised line of the user's
pages; on a new page, a line the memory has seen only as chrome is labelled
chrome (and one seen only as article, article), whatever the general model
says. Lines the memory has not seen keep the general model's score, so
nothing of the general model is forgotten.

Normalisation lower-cases, maps digits to ``0`` and collapses whitespace, so
"12 comments" and "3 comments", or "© 2023" and "© 2024", are one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from cleaner.document import Document, Label

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
#: Score given to a line the memory knows as chrome (article: one minus it).
MEMORY_SCORE = 0.02


def line_key(text: str) -> str:
    """The normalised form under which a line is remembered.

    >>> line_key("  12 Comments\\t")
    '0 comments'
    """
    return _SPACE.sub(" ", _DIGITS.sub("0", text.lower())).strip()


@dataclass
class SiteMemory:
    """Label counts of the normalised lines of a site's labelled pages."""

    counts: dict[str, list[int]] = field(default_factory=dict)  # key -> [article, chrome]
    pages: int = 0

    @classmethod
    def from_documents(cls, docs: Iterable[Document]) -> SiteMemory:
        """Remember every labelled line of ``docs``."""
        memory = cls()
        for doc in docs:
            memory.add(doc)
        return memory

    def add(self, doc: Document) -> None:
        """Remember the labelled lines of one page."""
        self.pages += 1
        for line in doc.lines:
            if line.label is None:
                continue
            pair = self.counts.setdefault(line_key(line.text), [0, 0])
            pair[0 if line.label is Label.ARTICLE else 1] += 1

    def __len__(self) -> int:
        return len(self.counts)

    def adjust(self, doc: Document, scores: np.ndarray) -> np.ndarray:
        """``scores`` with the lines the memory is sure about overridden."""
        out = np.array(scores, dtype=float, copy=True)
        for i, line in enumerate(doc.lines):
            pair = self.counts.get(line_key(line.text))
            if pair is None:
                continue
            article, chrome = pair
            if chrome and not article:
                out[i] = min(out[i], MEMORY_SCORE)
            elif article and not chrome:
                out[i] = max(out[i], 1.0 - MEMORY_SCORE)
        return out
