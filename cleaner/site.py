"""What a few labelled pages of one site teach: its furniture and its habits.

A site repeats its furniture on every page (menus, login prompts, footers,
"related" headings) and styles the rest alike (lists of headline links,
"Watch 02:31" video notes). `SiteAdapter` learns both from a user's
labelled pages, on top of a general model that it keeps whole:

- a `SiteMemory` of every normalised line: a line seen only as chrome is
  labelled chrome on new pages (one seen only as article, article);
- a logistic regression over the general model's score (as a logit), its
  dense features and its hashed words and character n-grams, fitted on
  the labelled lines: the general score is its strongest input, so lines
  unlike anything labelled keep close to the general model's verdict.
  Article lines weigh `ARTICLE_WEIGHT` times chrome lines, so that learning
  the site's chrome does not cost article recall.

Normalisation lower-cases, maps digits to ``0`` and collapses whitespace, so
"12 comments" and "3 comments", or "© 2023" and "© 2024", are one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from cleaner.document import Document, Label

if TYPE_CHECKING:
    from cleaner.model import LineLabeller

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
#: Score given to a line the memory knows as chrome (article: one minus it).
MEMORY_SCORE = 0.02
#: Adapter settings, chosen on CleanPortalEval's k-shot curve (bench/kshot.py).
ARTICLE_WEIGHT = 2.0
DENSE_SCALE = 0.3
ADAPTER_C = 1.0
#: Bounds on the general score before it becomes a logit.
EPS = 1e-4


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


def _adapter_input(
    model: LineLabeller, dense: np.ndarray, lexical: sp.csr_matrix, base: np.ndarray
) -> sp.csr_matrix:
    clipped = np.clip(base, EPS, 1 - EPS)
    logit = np.log(clipped / (1 - clipped))[:, None]
    scaled = np.clip(model.scaler_.transform(dense), -5.0, 5.0) * DENSE_SCALE
    return sp.hstack([sp.csr_matrix(logit), sp.csr_matrix(scaled), lexical], format="csr")


@dataclass
class SiteAdapter:
    """A general model's scores adapted to one site (see the module notes)."""

    memory: SiteMemory
    classifier: Any = None  # LogisticRegression, None when the pages hold one label only

    @classmethod
    def fit(cls, model: LineLabeller, docs: Sequence[Document]) -> SiteAdapter:
        """Learn from the labelled pages ``docs`` of one site."""
        from sklearn.linear_model import LogisticRegression

        memory = SiteMemory.from_documents(docs)
        docs = [doc for doc in docs if len(doc)]
        labels = np.array([line.label is Label.ARTICLE for d in docs for line in d.lines])
        if len(set(labels.tolist())) < 2:
            return cls(memory)
        dense, lexical = model.featurize(docs)
        base = model.predict_features(dense, lexical, [len(d) for d in docs])
        classifier = LogisticRegression(
            C=ADAPTER_C, max_iter=2000, class_weight={True: ARTICLE_WEIGHT, False: 1.0}
        ).fit(_adapter_input(model, dense, lexical, base), labels)
        return cls(memory, classifier)

    def predict_scores(self, model: LineLabeller, doc: Document) -> np.ndarray:
        """Probability of article for each line of ``doc``, adapted to the site."""
        if not len(doc):
            return np.zeros(0)
        dense, lexical = model.featurize([doc])
        scores = model.predict_features(dense, lexical, [len(doc)])
        if self.classifier is not None:
            x = _adapter_input(model, dense, lexical, scores)
            scores = self.classifier.predict_proba(x)[:, 1]
        return self.memory.adjust(doc, scores)
