"""What a few labelled pages of one site teach: its furniture and its habits.

A site repeats its furniture on every page (menus, login prompts, footers,
"related" headings) and styles the rest alike (lists of headline links,
"Watch 02:31" video notes). `SiteAdapter` learns both from a user's
labelled pages, on top of a general model that it keeps whole, and scores
lines with the same methods as that model, so the pipeline runs either:

- a `SiteMemory` of every line (by `line_key`): a line seen only as chrome
  is labelled chrome on new pages (one seen only as article, article);
- a logistic regression over the general model's score (as a logit), the
  text families' dense features and the hashed words and character
  n-grams, fitted on the labelled lines: the general score is its strongest
  input, so lines unlike anything labelled keep close to the general
  model's verdict. Article lines weigh `ARTICLE_WEIGHT` times chrome lines,
  so that learning the site's chrome does not cost article recall.

Labelled pages are lines without DOM context, so the regression is always
fitted against the text model (the ``reference``). Adapting the HTML model,
it reads the same columns (the text families come first in both) and the
HTML model's own score.

`cut_repeats` applies lines a site repeats on many of its pages (found by
``cleaner batch --site-repeats``, without labels) the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from cleaner.document import Document, Label, line_key
from cleaner.model.labeller import LineLabeller, score_documents
from cleaner.selection import CODE_BLOCK

#: Score given to a line the memory knows as chrome (article: one minus it).
MEMORY_SCORE = 0.02
#: Bounds on the general score before it becomes a logit.
EPS = 1e-4
#: Scaled dense features are clipped to this many standard deviations.
CLIP = 5.0


@dataclass
class SiteMemory:
    """Label counts of the lines (by `line_key`) of a site's labelled pages."""

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
    model: LineLabeller, X: sp.csr_matrix, scores: np.ndarray, shared: int, dense_scale: float
) -> sp.csr_matrix:
    """The logit of ``scores``, the first ``shared`` scaled dense columns, the n-grams."""
    classifier = model.classifier_
    n_dense = classifier.dense_columns
    dense, lexical = classifier._split(X)
    clipped = np.clip(scores, EPS, 1 - EPS)
    logit = np.log(clipped / (1 - clipped))[:, None]
    scaled = np.clip(classifier.scaler_.transform(dense), -CLIP, CLIP)[:, :shared] * dense_scale
    blocks = [sp.csr_matrix(logit), sp.csr_matrix(scaled)]
    if lexical is not None and n_dense is not None:
        blocks.append(lexical)
    return sp.hstack(blocks, format="csr")


class SiteAdapter(BaseEstimator):  # type: ignore[misc]
    """A general model's scores adapted to one site (see the module notes).

    Parameters
    ----------
    base:
        The fitted general model whose scores are adapted; kept whole.
    reference:
        The fitted text model the regression is fitted against, when
        ``base`` is an HTML model (labelled pages carry no DOM context);
        None: ``base`` itself.
    article_weight, dense_scale, C:
        Weight of article lines, scale of the dense features, inverse
        regularisation of the regression (chosen on CleanPortalEval's k-shot
        curve, ``bench/kshot.py``).
    """

    def __init__(
        self,
        base: LineLabeller,
        reference: LineLabeller | None = None,
        article_weight: float = 2.0,
        dense_scale: float = 0.3,
        C: float = 1.0,
    ) -> None:
        self.base = base
        self.reference = reference
        self.article_weight = article_weight
        self.dense_scale = dense_scale
        self.C = C

    @property
    def threshold(self) -> float:
        """The base model's threshold."""
        return float(self.base.threshold)

    def fit(self, docs: Sequence[Document], y: Any = None) -> SiteAdapter:
        """Learn from the labelled pages ``docs`` of one site (``y``: ignored, the
        lines carry their labels)."""
        from sklearn.linear_model import LogisticRegression

        check_is_fitted(self.base, "classifier_")
        reference = self.reference if self.reference is not None else self.base
        self.memory_ = SiteMemory.from_documents(docs)
        self.shared_columns_ = int(reference.featurizer_.n_dense_)
        self.regression_: Any = None
        docs = [doc for doc in docs if len(doc)]
        labels = np.array([line.label is Label.ARTICLE for d in docs for line in d.lines])
        if len(set(labels.tolist())) < 2:
            return self
        X = reference.featurize(docs)
        lengths = [len(d) for d in docs]
        scores = reference.second_pass(reference.first_pass(X), X, lengths)
        inputs = _adapter_input(reference, X, scores, self.shared_columns_, self.dense_scale)
        self.regression_ = LogisticRegression(
            C=self.C, max_iter=2000, class_weight={True: self.article_weight, False: 1.0}
        ).fit(inputs, labels)
        return self

    # The same stages as `LineLabeller`: the base model's, then the adjustment.

    def featurize(self, docs: Sequence[Document]) -> sp.csr_matrix:
        """Analyse: the base model's features."""
        return self.base.featurize(docs)

    def first_pass(self, X: sp.csr_matrix) -> np.ndarray:
        """Score: the base model's pass 1."""
        return self.base.first_pass(X)

    def second_pass(
        self, scores: np.ndarray, X: sp.csr_matrix, doc_lengths: Sequence[int]
    ) -> np.ndarray:
        """Revise: the base model's pass 2."""
        return self.base.second_pass(scores, X, doc_lengths)

    def adjust(self, docs: Sequence[Document], scores: np.ndarray, X: sp.csr_matrix) -> np.ndarray:
        """Post-process: the site's regression, then its memory."""
        check_is_fitted(self, "memory_")
        if self.regression_ is not None and len(scores):
            inputs = _adapter_input(self.base, X, scores, self.shared_columns_, self.dense_scale)
            scores = self.regression_.predict_proba(inputs)[:, 1]
        out = []
        start = 0
        for doc in docs:
            out.append(self.memory_.adjust(doc, scores[start : start + len(doc)]))
            start += len(doc)
        return np.concatenate(out) if out else np.zeros(0)

    def predict_scores(self, docs: Sequence[Document]) -> list[np.ndarray]:
        """Probability of article for each line, one array per document."""
        check_is_fitted(self, "memory_")
        return score_documents(self, docs)


def cut_repeats(doc: Document, repeats: frozenset[str]) -> Document:
    """``doc`` with the lines whose keys are in ``repeats`` labelled chrome,
    except the lines of code blocks: a site's pages repeat lines of code
    (``}``, ``import os``) as they never repeat prose, and a menu is not code.

    >>> doc = Document.from_text("Menu\\nThe story.").with_predictions([0.9, 0.9], 0.5)
    >>> [str(line.label) for line in cut_repeats(doc, frozenset({"menu"}))]
    ['chrome', 'article']
    """
    lines = tuple(
        dataclasses.replace(line, label=Label.CHROME, score=min(line.score or 0.0, MEMORY_SCORE))
        if line_key(line.text) in repeats and not line.block.startswith(CODE_BLOCK)
        else line
        for line in doc.lines
    )
    return dataclasses.replace(doc, lines=lines)
