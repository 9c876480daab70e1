"""The two-pass line labeller, a scikit-learn estimator over documents.

Pass 1 scores each line from its own features (a logistic regression, fit
by SGD, over
text statistics, context, repetition, trafilatura's heuristics and hashed
n-grams). Pass 2 revises each score from the scores around it (gradient
boosted trees over the neighbours' pass-1 scores and the dense features),
as jusText revises its context-free classes with their neighbours.
"""

from __future__ import annotations

import dataclasses
import functools
import warnings
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import GroupKFold, KFold
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import ThreadpoolController

from cleaner.document import Document, Label
from cleaner.errors import CleanerError
from cleaner.features import (
    ContextFeatures,
    LexicalFeatures,
    RepetitionFeatures,
    TextStats,
    TrafilaturaRules,
)

#: Probability of `article` at or above which a line is kept.
DEFAULT_THRESHOLD = 0.5
#: Features see at most this many characters of a line (the whole line is kept).
MAX_FEATURE_CHARS = 100_000
#: Folds for the out-of-fold pass-1 scores that pass 2 learns from.
OOF_FOLDS = 5
#: Scaled dense features are clipped to this many standard deviations.
CLIP = 5.0
#: Neighbour offsets whose pass-1 scores pass 2 sees.
NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
#: Half-widths of the windows of mean pass-1 score that pass 2 sees.
SCORE_WINDOWS = (3, 8)


@functools.lru_cache(maxsize=1)
def _threadpools() -> ThreadpoolController:
    return ThreadpoolController()


def dense_features(html: bool = False) -> FeatureUnion:
    """The dense feature families, in a fixed order (DOM context for HTML lines)."""
    families = [
        ("text", TextStats()),
        ("context", ContextFeatures()),
        ("repetition", RepetitionFeatures()),
        ("trafilatura", TrafilaturaRules()),
    ]
    if html:
        from cleaner.features.dom import DomFeatures

        families.append(("dom", DomFeatures()))
    return FeatureUnion(families)


def doc_labels(docs: Sequence[Document]) -> np.ndarray:
    """1 for article, 0 for chrome, over all lines of ``docs``."""
    labels = [line.label for doc in docs for line in doc.lines]
    if any(label is None for label in labels):
        raise CleanerError("every line of a training document needs a label")
    return np.array([label is Label.ARTICLE for label in labels], dtype=int)


def _revise_features(scores: np.ndarray, lengths: Sequence[int], dense: np.ndarray) -> np.ndarray:
    """Pass-2 inputs: each line's score, its neighbours', windows, page stats."""
    blocks = []
    start = 0
    for n in lengths:
        s = scores[start : start + n]
        cols = [s]
        for off in NEIGHBOURS:
            shifted = np.full(n, -1.0)
            if abs(off) >= n:
                pass
            elif off < 0:
                shifted[-off:] = s[: n + off]
            else:
                shifted[: n - off] = s[off:]
            cols.append(shifted)
        for half in SCORE_WINDOWS:
            kernel = np.ones(2 * half + 1)
            sums = np.convolve(np.pad(s, half), kernel, "valid")
            counts = np.convolve(np.pad(np.ones(n), half), kernel, "valid")
            cols.append(sums / counts)
        high = (s >= DEFAULT_THRESHOLD).astype(float)
        cum = np.cumsum(high)
        cols += [
            np.full(n, s.mean()),
            np.full(n, s.max()),
            cum - high,  # article-like lines before
            cum[-1] - cum,  # article-like lines after
            s - s.mean(),
        ]
        blocks.append(np.column_stack(cols))
        start += n
    return np.hstack([np.vstack(blocks), dense])


def _clipped(doc: Document) -> Document:
    """``doc`` with lines longer than `MAX_FEATURE_CHARS` cut for featurising.

    Only the features see the cut: labels are mapped back to whole lines.
    """
    if all(len(line.text) <= MAX_FEATURE_CHARS for line in doc.lines):
        return doc
    lines = tuple(
        dataclasses.replace(line, text=line.text[:MAX_FEATURE_CHARS]) for line in doc.lines
    )
    return dataclasses.replace(doc, lines=lines)


def inner_splits(
    lengths: Sequence[int], pages: Sequence[str] | None = None, random_state: int = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Line-index folds for pass 2's training scores.

    With `OOF_FOLDS` pages or more, whole pages are held out (each document
    is its own page unless ``pages`` names them); with fewer, lines are.

    >>> sorted(test.tolist() for _, test in inner_splits([1] * 10, list("aabbccddee")))
    [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]
    """
    if pages is None:
        codes = np.arange(len(lengths))
    elif len(pages) != len(lengths):
        raise CleanerError("one page name per document is needed")
    else:
        codes = np.unique(np.asarray(pages, dtype=str), return_inverse=True)[1]
    groups = np.repeat(codes, lengths)
    n_lines = int(sum(lengths))
    if len(np.unique(codes)) >= OOF_FOLDS:
        return list(GroupKFold(OOF_FOLDS).split(np.zeros(n_lines), groups=groups))
    return list(KFold(OOF_FOLDS, shuffle=True, random_state=random_state).split(np.zeros(n_lines)))


class LineLabeller(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Label each line of a document as article or chrome, in two passes.

    Samples are `Document` objects whose lines carry labels (``fit``) or not
    (``predict_scores``). Scores are probabilities of `article`.

    Parameters
    ----------
    alpha:
        L2 regularisation of the pass-1 logistic regression (fit by SGD).
    revise:
        Run pass 2; with False the pass-1 scores are final.
    threshold:
        Probability of article at or above which a line is kept.
    random_state:
        Seed of every random choice, for reproducible training.
    html:
        Also use the DOM context of lines rendered from HTML (`DomFeatures`).

    Examples
    --------
    >>> from cleaner.labelled import parse_labelled
    >>> page = "article\\tA long line of real prose that a reader came for.\\n"
    >>> page += "chrome\\tShare on twitter\\n"
    >>> model = LineLabeller(revise=False).fit([parse_labelled(page)] * 4)
    >>> model.predict_scores([Document.from_text("Share on twitter")])[0] < 0.5
    array([ True])
    """

    def __init__(
        self,
        alpha: float = 1e-5,
        revise: bool = True,
        threshold: float = DEFAULT_THRESHOLD,
        random_state: int = 0,
        html: bool = False,
    ) -> None:
        self.alpha = alpha
        self.revise = revise
        self.threshold = threshold
        self.random_state = random_state
        self.html = html

    def featurize(self, docs: Sequence[Document]) -> tuple[np.ndarray, sp.csr_matrix]:
        """Dense and hashed features of every line (stateless families only).

        Computing them once lets cross-validation reuse them across folds
        (see `fit_features`).
        """
        docs = [_clipped(doc) for doc in docs]
        if not hasattr(self, "dense_"):
            self.dense_ = dense_features(self.html).fit(docs)
            self.lexical_ = LexicalFeatures().fit(docs)
        return self.dense_.transform(docs), self.lexical_.transform(docs)

    def _stage1_input(self, dense: np.ndarray, lexical: sp.csr_matrix) -> sp.csr_matrix:
        scaled = np.clip(self.scaler_.transform(dense), -CLIP, CLIP)
        return sp.hstack([sp.csr_matrix(scaled), lexical], format="csr")

    def _stage1(self) -> SGDClassifier:
        return SGDClassifier(
            loss="log_loss",
            alpha=self.alpha,
            max_iter=30,
            tol=1e-4,
            random_state=self.random_state,
        )

    def fit(
        self,
        docs: Sequence[Document],
        y: object = None,
        sample_weight: np.ndarray | None = None,
        pages: Sequence[str] | None = None,
    ) -> LineLabeller:
        """Learn both passes from labelled documents (``y`` is ignored).

        ``sample_weight`` gives one weight per document. ``pages`` names the
        page each document renders: documents of one page (two renderings of
        it) are then held out together when pass 2's training scores are
        made; by default each document is a page of its own.
        """
        if pages is not None and len(pages) != len(docs):
            raise CleanerError("one page name per document is needed")
        kept = [i for i, doc in enumerate(docs) if len(doc)]
        docs = [docs[i] for i in kept]
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight)[kept]
        if pages is not None:
            pages = [pages[i] for i in kept]
        dense, lexical = self.featurize(docs)
        return self.fit_features(dense, lexical, docs, sample_weight, pages)

    def fit_features(
        self,
        dense: np.ndarray,
        lexical: sp.csr_matrix,
        docs: Sequence[Document],
        sample_weight: np.ndarray | None = None,
        pages: Sequence[str] | None = None,
    ) -> LineLabeller:
        """`fit` on features already computed by `featurize` for ``docs``."""
        labels = doc_labels(docs)
        if len(set(labels)) < 2:
            raise CleanerError("training needs both article and chrome lines")
        lengths = [len(doc) for doc in docs]
        weights = None
        if sample_weight is not None:
            weights = np.repeat(np.asarray(sample_weight, dtype=float), lengths)
        self.scaler_ = StandardScaler().fit(dense)
        x1 = self._stage1_input(dense, lexical)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            self.stage1_ = self._stage1().fit(x1, labels, sample_weight=weights)
            self.classes_ = np.array([0, 1])
            if self.revise:
                splits = inner_splits(lengths, pages, self.random_state)
                oof = self._out_of_fold(x1, labels, splits, weights)
                self.stage2_ = HistGradientBoostingClassifier(
                    max_iter=200,
                    learning_rate=0.08,
                    min_samples_leaf=10,
                    l2_regularization=1.0,
                    random_state=self.random_state,
                ).fit(_revise_features(oof, lengths, dense), labels, sample_weight=weights)
        return self

    def _out_of_fold(
        self,
        x1: sp.csr_matrix,
        labels: np.ndarray,
        splits: list[tuple[np.ndarray, np.ndarray]],
        weights: np.ndarray | None,
    ) -> np.ndarray:
        """Pass-1 scores of each line from a model that did not see its page."""
        oof = np.zeros(len(labels))
        for train_idx, test_idx in splits:
            w = None if weights is None else weights[train_idx]
            if len(set(labels[train_idx])) < 2:
                oof[test_idx] = labels[train_idx].mean()
                continue
            model = self._stage1().fit(x1[train_idx], labels[train_idx], sample_weight=w)
            oof[test_idx] = model.predict_proba(x1[test_idx])[:, 1]
        return oof

    def predict_scores(self, docs: Sequence[Document]) -> list[np.ndarray]:
        """Probability of article for each line, one array per document."""
        check_is_fitted(self, "stage1_")
        lengths = [len(doc) for doc in docs]
        nonempty = [doc for doc in docs if len(doc)]
        if not nonempty:
            return [np.zeros(0) for _ in docs]
        dense, lexical = self.featurize(nonempty)
        scores = self.predict_features(dense, lexical, [n for n in lengths if n])
        return list(np.split(scores, np.cumsum(lengths)[:-1]))

    def predict_features(
        self, dense: np.ndarray, lexical: sp.csr_matrix, lengths: Sequence[int]
    ) -> np.ndarray:
        """Scores of all lines from precomputed features (documents of ``lengths``)."""
        check_is_fitted(self, "stage1_")
        scores = self.stage1_.predict_proba(self._stage1_input(dense, lexical))[:, 1]
        if self.revise:
            x2 = _revise_features(scores, lengths, dense)
            # One page is too small to share among OpenMP threads, and when
            # other processes use the cores the threads spin-wait: with one
            # other cleaner process running, features + model took 2.44x
            # trafilatura's time instead of 1.51x (bench.stages --busy 1).
            # The limit holds for the calling thread only.
            with _threadpools().limit(limits=1, user_api="openmp"):
                scores = self.stage2_.predict_proba(x2)[:, 1]
        return np.asarray(scores)

    def predict(self, docs: Sequence[Document]) -> np.ndarray:
        """1 (article) or 0 (chrome) for every line of every document."""
        scores = self.predict_scores(docs)
        flat = np.concatenate(scores) if scores else np.zeros(0)
        return (flat >= self.threshold).astype(int)

    def score(
        self, docs: Sequence[Document], y: object = None, sample_weight: object = None
    ) -> float:
        """Line-level F1 of `article` on labelled documents."""
        from sklearn.metrics import f1_score

        return float(f1_score(doc_labels(docs), self.predict(docs), zero_division=0.0))
