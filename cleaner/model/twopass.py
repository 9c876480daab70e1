"""`TwoPassClassifier`: score each line alone, then revise it from its neighbours.

A scikit-learn classifier on arrays. Rows are the lines of documents, in
order; ``doc_lengths`` says where one document ends and the next begins
(all rows are one document when it is None).

Pass 1 scores each row from its own features: a logistic regression, fit
by SGD, over the scaled dense columns and the sparse rest (hashed n-grams).
Pass 2 revises each score from the scores around it (gradient-boosted
trees over the neighbours' pass-1 scores, windows of them, page-level
statistics and the dense columns), as jusText revises its context-free
classes with their neighbours. Pass 2 learns from out-of-fold pass-1
scores, so it never learns to trust a score that saw its own label.

With ``revisions`` above 1, pass 2 revises the scores again, each time
from the neighbours' revised scores (stacked sequential learning): every
revision after the first learns from the previous one's out-of-fold
scores, made on the same inner folds. A list of other stories after a
story's end shows in the neighbours' scores more clearly once they are
revised than in the first, line-by-line ones.

With ``members`` above 1 the classifier is that many such two-pass models,
fit with different seeds on the same rows, and a row's probability is the
mean of theirs. SGD stops before it converges and visits the rows in an
order its seed draws, so one fit is one draw; the mean of a few draws
depends less on the seed. Each member scores in both passes: the
features are computed once, the passes once per member.

With ``layout_columns`` pass 2 also sees how much of the page's
article-looking text shares a line's indent (a text dump's lists of other
stories, comments and feeds are mostly indented apart from the story's
paragraphs).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import GroupKFold, KFold
from sklearn.preprocessing import StandardScaler
from sklearn.utils._param_validation import Interval
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data
from threadpoolctl import ThreadpoolController

#: Probability of the positive class at or above which a row is labelled positive.
DEFAULT_THRESHOLD = 0.5
#: Folds for the out-of-fold pass-1 scores that pass 2 learns from.
OOF_FOLDS = 5
#: Scaled dense features are clipped to this many standard deviations.
CLIP = 5.0
#: Neighbour offsets whose pass-1 scores pass 2 sees.
NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
#: Half-widths of the windows of mean pass-1 score that pass 2 sees.
SCORE_WINDOWS = (3, 8)
#: Member ``m`` of a classifier with several is fit with seed
#: ``random_state + m * MEMBER_SEED_STEP``: member 0 is the one-model fit, and
#: the members of nearby seeds (0, 1, 2...) never share a draw.
MEMBER_SEED_STEP = 1000


@functools.lru_cache(maxsize=1)
def _threadpools() -> ThreadpoolController:
    return ThreadpoolController()


def indent_share(scores: np.ndarray, words: np.ndarray, indent: np.ndarray) -> np.ndarray:
    """The share of a page's article-looking words at each line's indent.

    Words are counted on the lines scoring `DEFAULT_THRESHOLD` or more, each
    at its score; the story's paragraphs share one indent, and a dump's
    lists of other stories, feeds and comments mostly sit at others. All
    zero when no line scores high enough.

    >>> share = indent_share(np.array([0.9, 0.8, 0.7]), np.array([40, 30, 5]), np.array([2, 2, 6]))
    >>> share.round(2).tolist()
    [0.94, 0.94, 0.06]
    """
    mass = np.where(scores >= DEFAULT_THRESHOLD, scores * words, 0.0)
    total = mass.sum()
    if total <= 0:
        return np.zeros(len(scores))
    levels = np.rint(np.maximum(indent, 0)).astype(int)
    return np.asarray(np.bincount(levels, weights=mass)[levels] / total)


def revise_features(
    scores: np.ndarray,
    lengths: Sequence[int],
    dense: np.ndarray,
    layout_columns: tuple[int, int] | None = None,
) -> np.ndarray:
    """Pass-2 inputs: each row's score, its neighbours', windows, page stats,
    dense columns, and with ``layout_columns`` (the dense columns holding
    log1p of a line's words and of its indent) `indent_share`.

    >>> X = revise_features(np.array([0.1, 0.9, 0.2]), [3], np.zeros((3, 0)))
    >>> X[1, :5].tolist()  # own score, then offsets -3, -2, -1, +1
    [0.9, -1.0, -1.0, 0.1, 0.2]
    """
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
            cum - high,  # positive-looking rows before
            cum[-1] - cum,  # positive-looking rows after
            s - s.mean(),
        ]
        if layout_columns is not None:
            words, indent = (np.expm1(dense[start : start + n, c]) for c in layout_columns)
            cols.append(indent_share(s, words, indent))
        blocks.append(np.column_stack(cols))
        start += n
    return np.hstack([np.vstack(blocks), dense])


def inner_splits(
    lengths: Sequence[int], pages: Sequence[str] | None = None, random_state: int = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Row-index folds for pass 2's training scores.

    With `OOF_FOLDS` pages or more, whole pages are held out (each document
    is its own page unless ``pages`` names them); with fewer, rows are.

    >>> sorted(test.tolist() for _, test in inner_splits([1] * 10, list("aabbccddee")))
    [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]
    """
    if pages is None:
        codes = np.arange(len(lengths))
    elif len(pages) != len(lengths):
        raise ValueError("one page name per document is needed")
    else:
        codes = np.unique(np.asarray(pages, dtype=str), return_inverse=True)[1]
    groups = np.repeat(codes, lengths)
    n_rows = int(sum(lengths))
    if len(np.unique(codes)) >= OOF_FOLDS:
        return list(GroupKFold(OOF_FOLDS).split(np.zeros(n_rows), groups=groups))
    return list(KFold(OOF_FOLDS, shuffle=True, random_state=random_state).split(np.zeros(n_rows)))


def _lengths(doc_lengths: Sequence[int] | None, n_rows: int) -> list[int]:
    if doc_lengths is None:
        return [n_rows] if n_rows else []
    lengths = [int(n) for n in doc_lengths]
    if any(n < 0 for n in lengths) or sum(lengths) != n_rows:
        raise ValueError(
            f"doc_lengths must be non-negative and add up to the {n_rows} rows of X, "
            f"got a sum of {sum(lengths)}"
        )
    return [n for n in lengths if n]


class TwoPassClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Binary classifier of the lines of documents, in two passes.

    Parameters
    ----------
    alpha:
        L2 regularisation of the pass-1 logistic regression (fit by SGD).
    revise:
        Run pass 2; with False the pass-1 scores are final.
    threshold:
        Probability of the positive class (``classes_[1]``) at or above which
        `predict` gives it.
    dense_columns:
        The first ``dense_columns`` columns of X are dense features (scaled,
        and seen by pass 2); the rest are sparse counts. None: every column
        is dense.
    random_state:
        Seed of every random choice, for reproducible training.
    layout_columns:
        The dense columns holding log1p of a line's words and of its indent:
        pass 2 then also sees `indent_share`. None: it does not.
    n_jobs:
        Threads that fit pass 1's models at once (pass 1 on all rows, and on
        each inner fold for pass 2's training scores); None: one. The fitted
        model is the same whatever the number.
    members:
        Two-pass models fit with different seeds (`MEMBER_SEED_STEP`), whose
        probabilities are averaged; 1: one model.
    revisions:
        How many times pass 2 revises the scores, each revision from the
        previous one's; 1: once.

    Examples
    --------
    >>> X = np.array([[0.0], [0.1], [0.9], [1.0]] * 10)
    >>> y = np.array([0, 0, 1, 1] * 10)
    >>> clf = TwoPassClassifier(revise=False).fit(X, y)
    >>> clf.predict(np.array([[0.0], [1.0]])).tolist()
    [0, 1]
    """

    _parameter_constraints: dict[str, list[Any]] = {  # noqa: RUF012
        "alpha": [Interval(Real, 0, None, closed="neither")],
        "revise": ["boolean"],
        "threshold": [Interval(Real, 0, 1, closed="both")],
        "dense_columns": [None, Interval(Integral, 0, None, closed="left")],
        "random_state": [Interval(Integral, 0, None, closed="left")],
        "layout_columns": [None, tuple],
        "n_jobs": [None, Integral],
        "members": [Interval(Integral, 1, None, closed="left")],
        "revisions": [Interval(Integral, 1, None, closed="left")],
    }

    def __init__(
        self,
        alpha: float = 1e-5,
        revise: bool = True,
        threshold: float = DEFAULT_THRESHOLD,
        dense_columns: int | None = None,
        random_state: int = 0,
        layout_columns: tuple[int, int] | None = None,
        n_jobs: int | None = None,
        members: int = 1,
        revisions: int = 1,
    ) -> None:
        self.alpha = alpha
        self.revise = revise
        self.threshold = threshold
        self.dense_columns = dense_columns
        self.random_state = random_state
        self.layout_columns = layout_columns
        self.n_jobs = n_jobs
        self.members = members
        self.revisions = revisions

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Models saved before `layout_columns` existed revise without it;
        # those saved before `members` existed are one model, and those
        # saved before `revisions` existed revise once.
        state.setdefault("layout_columns", None)
        state.setdefault("members", 1)
        state.setdefault("revisions", 1)
        for name in ("pass1_", "pass2_"):
            if name in state and not isinstance(state[name], list):
                state[name] = [state[name]]
        if "pass2_" in state:
            state["pass2_"] = [m if isinstance(m, list) else [m] for m in state["pass2_"]]
        super().__setstate__(state)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.classifier_tags.multi_class = False
        return tags

    def _n_dense(self, X: Any) -> int:
        n_dense = X.shape[1] if self.dense_columns is None else self.dense_columns
        if n_dense > X.shape[1]:
            raise ValueError(f"dense_columns={n_dense} but X has only {X.shape[1]} columns")
        return int(n_dense)

    def _dense(self, X: Any) -> np.ndarray:
        """The dense columns, as an array."""
        n_dense = self._n_dense(X)
        if sp.issparse(X):
            return np.asarray(sp.csr_matrix(X)[:, :n_dense].toarray(), dtype=float)
        return np.asarray(X, dtype=float)[:, :n_dense]

    def _split(self, X: Any) -> tuple[np.ndarray, sp.csr_matrix | None]:
        """The dense columns as an array, and the sparse rest (None if none)."""
        n_dense = self._n_dense(X)
        rest = sp.csr_matrix(X[:, n_dense:]) if n_dense < X.shape[1] else None
        return self._dense(X), rest

    def _pass1_input(self, dense: np.ndarray, rest: sp.csr_matrix | None) -> sp.csr_matrix:
        scaled = np.clip(self.scaler_.transform(dense), -CLIP, CLIP)
        blocks = [sp.csr_matrix(scaled)] + ([] if rest is None else [rest])
        return sp.hstack(blocks, format="csr")

    def _pass1(self, seed: int) -> SGDClassifier:
        return SGDClassifier(
            loss="log_loss",
            alpha=self.alpha,
            max_iter=30,
            tol=1e-4,
            random_state=seed,
        )

    def fit(
        self,
        X: Any,
        y: Any,
        sample_weight: Any = None,
        *,
        doc_lengths: Sequence[int] | None = None,
        pages: Sequence[str] | None = None,
    ) -> TwoPassClassifier:
        """Learn both passes.

        ``doc_lengths`` gives the rows of each document, in order; ``pages``
        names the page of each document (documents of one page are held out
        together when pass 2's training scores are made).
        """
        self._validate_params()
        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=np.float64)
        check_classification_targets(y)
        y_type = type_of_target(y, input_name="y", raise_unknown=True)
        if y_type != "binary":
            raise ValueError(
                f"Only binary classification is supported. The type of the target is {y_type}."
            )
        self.classes_, codes = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError(f"two classes are needed in y, got {len(self.classes_)} class")
        lengths = _lengths(doc_lengths, X.shape[0])
        if pages is not None and doc_lengths is not None and len(pages) != len(doc_lengths):
            raise ValueError("one page name per document is needed")
        if pages is not None and doc_lengths is not None:
            pages = [p for p, n in zip(pages, doc_lengths, strict=True) if n]
        weights = None if sample_weight is None else _check_sample_weight(sample_weight, X)
        dense, rest = self._split(X)
        if self.layout_columns is not None and max(self.layout_columns) >= dense.shape[1]:
            raise ValueError(
                f"layout_columns={self.layout_columns} are not among the "
                f"{dense.shape[1]} dense columns"
            )
        self.scaler_ = StandardScaler().fit(dense)
        x1 = self._pass1_input(dense, rest)
        seeds = self.member_seeds()
        splits = {seed: inner_splits(lengths, pages, seed) if self.revise else [] for seed in seeds}
        # Pass 1 of each member on all rows and on each inner fold:
        # independent fits, run at once on threads (SGD's loop releases the GIL).
        jobs = [(seed, rows) for seed in seeds for rows in [None, *(t for t, _ in splits[seed])]]
        done = Parallel(n_jobs=self.n_jobs, prefer="threads")(
            delayed(self._fit_pass1)(x1, codes, weights, rows, seed) for seed, rows in jobs
        )
        fits = iter(done)
        self.pass1_, self.pass2_ = [], []
        for seed in seeds:
            self.pass1_.append(next(fits))
            folds = [(next(fits), test) for _, test in splits[seed]]
            if self.revise:
                self.pass2_.append(self._fit_pass2(x1, folds, dense, codes, weights, lengths, seed))
        return self

    def _reviser(self, seed: int) -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(
            max_iter=200,
            learning_rate=0.08,
            min_samples_leaf=10,
            l2_regularization=1.0,
            random_state=seed,
        )

    def member_seeds(self) -> list[int]:
        """The seed of each member (`MEMBER_SEED_STEP`)."""
        return [self.random_state + m * MEMBER_SEED_STEP for m in range(self.members)]

    def _fit_pass2(
        self,
        x1: sp.csr_matrix,
        folds: list[tuple[SGDClassifier | float, np.ndarray]],
        dense: np.ndarray,
        codes: np.ndarray,
        weights: np.ndarray | None,
        lengths: list[int],
        seed: int,
    ) -> list[HistGradientBoostingClassifier]:
        """Pass 2 of one member, fit on its pass 1's out-of-fold scores: one
        model per revision, each after the first fit on the previous one's
        out-of-fold scores (the same folds)."""
        oof = np.zeros(len(codes))
        for model, test_idx in folds:
            if isinstance(model, float):  # a fold with one class: its share
                oof[test_idx] = model
            else:
                oof[test_idx] = model.predict_proba(x1[test_idx])[:, 1]
        revisers = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            for revision in range(self.revisions):
                x2 = revise_features(oof, lengths, dense, self.layout_columns)
                revisers.append(self._reviser(seed).fit(x2, codes, sample_weight=weights))
                if revision + 1 == self.revisions:
                    break
                oof = np.zeros(len(codes))
                for _, test_idx in folds:
                    train = np.ones(len(codes), dtype=bool)
                    train[test_idx] = False
                    fold = self._reviser(seed).fit(
                        x2[train],
                        codes[train],
                        sample_weight=None if weights is None else weights[train],
                    )
                    oof[test_idx] = fold.predict_proba(x2[test_idx])[:, 1]
        return revisers

    def _fit_pass1(
        self,
        x1: sp.csr_matrix,
        codes: np.ndarray,
        weights: np.ndarray | None,
        rows: np.ndarray | None,
        seed: int,
    ) -> SGDClassifier | float:
        """Pass 1 fitted with ``seed`` on ``rows`` (all when None); a fold with
        one class gives its share."""
        if rows is not None:
            x1, codes = x1[rows], codes[rows]
            weights = None if weights is None else weights[rows]
        if len(set(codes.tolist())) < 2:
            return float(codes.mean())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return self._pass1(seed).fit(x1, codes, sample_weight=weights)

    def first_pass(self, X: Any) -> np.ndarray:
        """Pass 1: each row's probability of ``classes_[1]`` from its own
        features (one column per member when there are several)."""
        check_is_fitted(self, "pass1_")
        X = validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=False)
        dense = self._dense(X)
        # SGDClassifier's log-loss probability, expit of its decision function,
        # computed on X as it is: the lexical columns need no copy, and the
        # dense ones are swapped for their scaled values (fit's `_pass1_input`).
        shift = np.clip(self.scaler_.transform(dense), -CLIP, CLIP) - dense
        columns = []
        for model in self.pass1_:
            coef = model.coef_[0]
            decision = X @ coef + shift @ coef[: dense.shape[1]]
            columns.append(expit(decision + model.intercept_[0]))
        return np.asarray(columns[0] if len(columns) == 1 else np.column_stack(columns))

    def second_pass(
        self, scores: np.ndarray, X: Any, doc_lengths: Sequence[int] | None = None
    ) -> np.ndarray:
        """Pass 2: ``scores`` (from `first_pass`) revised from their
        neighbours' (``revisions`` times), the members' revised scores averaged."""
        check_is_fitted(self, "pass1_")
        columns = scores.reshape(len(scores), -1)
        if columns.shape[1] != len(self.pass1_):
            raise ValueError(f"{columns.shape[1]} columns of scores for {len(self.pass1_)} members")
        if not self.revise:
            return np.asarray(columns.mean(axis=1))
        X = validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=False)
        lengths, dense = _lengths(doc_lengths, X.shape[0]), self._dense(X)
        revised = np.zeros(len(columns))
        # One page is too small to share among OpenMP threads, and when other
        # processes use the cores the threads spin-wait (bench.stages --busy).
        # The limit holds for the calling thread only.
        with _threadpools().limit(limits=1, user_api="openmp"):
            for column, revisers in zip(columns.T, self.pass2_, strict=True):
                for model in revisers:
                    x2 = revise_features(column, lengths, dense, self.layout_columns)
                    column = model.predict_proba(x2)[:, 1]
                revised += column
        return revised / len(self.pass2_)

    def predict_proba(self, X: Any, doc_lengths: Sequence[int] | None = None) -> np.ndarray:
        """Probabilities of ``classes_[0]`` and ``classes_[1]`` for every row."""
        check_is_fitted(self, "pass1_")
        X = validate_data(self, X, accept_sparse="csr", dtype=np.float64, reset=False)
        if X.shape[0] == 0:
            return np.zeros((0, 2))
        positive = self.second_pass(self.first_pass(X), X, doc_lengths)
        return np.column_stack([1.0 - positive, positive])

    def predict(self, X: Any, doc_lengths: Sequence[int] | None = None) -> np.ndarray:
        """``classes_[1]`` where its probability reaches ``threshold``, else ``classes_[0]``."""
        positive = self.predict_proba(X, doc_lengths)[:, 1]
        return np.asarray(self.classes_[(positive >= self.threshold).astype(int)])
