"""`LineLabeller`: the document-level labeller, a thin wrapper over two estimators.

A `LineFeaturizer` turns documents into one feature row per line; a
`TwoPassClassifier` scores the rows, document by document. Both are fitted
in `fit`. The stages are public so that the pipeline shows them one by one:
`featurize`, `first_pass`, `second_pass`, `adjust` (for an HTML model,
trafilatura's verdict on a page written mostly in scripts its training
lines hardly hold; a site adapter overrides it).
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any, Protocol

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted

from cleaner.document import Document, DomContext, Label
from cleaner.errors import CleanerError
from cleaner.features import LineFeaturizer
from cleaner.features.scripts import mostly_known
from cleaner.model.twopass import DEFAULT_THRESHOLD, TwoPassClassifier
from cleaner.selection import kept_lines

#: A script is known to a model when at least this share of the letters of
#: its training lines are in it.
MIN_SCRIPT_SHARE = 0.01
#: An HTML model defers to trafilatura on a page when fewer than this share
#: of the letters of trafilatura's extraction are in scripts the model knows.
MIN_KNOWN_SHARE = 0.5


def _in_article_text(context: DomContext | None) -> float:
    """1.0 for a line trafilatura's article text holds (not its comments alone)."""
    if context is None:
        return 0.0
    return context.in_trafilatura * (1.0 - context.in_comments)


def doc_labels(docs: Sequence[Document]) -> np.ndarray:
    """1 for article, 0 for chrome, over all lines of ``docs``."""
    labels = [line.label for doc in docs for line in doc.lines]
    if any(label is None for label in labels):
        raise CleanerError("every line of a training document needs a label")
    return np.array([label is Label.ARTICLE for label in labels], dtype=int)


class Scorer(Protocol):
    """What the pipeline needs of a model: its stages, and its threshold."""

    threshold: float

    def featurize(self, docs: Sequence[Document]) -> sp.csr_matrix: ...

    def first_pass(self, X: sp.csr_matrix) -> np.ndarray: ...

    def second_pass(
        self, scores: np.ndarray, X: sp.csr_matrix, doc_lengths: Sequence[int]
    ) -> np.ndarray: ...

    def adjust(
        self, docs: Sequence[Document], scores: np.ndarray, X: sp.csr_matrix
    ) -> np.ndarray: ...

    def predict_scores(self, docs: Sequence[Document]) -> list[np.ndarray]: ...


def score_documents(model: Scorer, docs: Sequence[Document]) -> list[np.ndarray]:
    """Every stage of ``model`` over ``docs``: one array of scores per document."""
    lengths = [len(doc) for doc in docs]
    if not sum(lengths):
        return [np.zeros(0) for _ in docs]
    X = model.featurize(docs)
    scores = model.second_pass(model.first_pass(X), X, lengths)
    scores = model.adjust(docs, scores, X)
    return list(np.split(scores, np.cumsum(lengths)[:-1]))


class LineLabeller(BaseEstimator):  # type: ignore[misc]
    """Label each line of a document as article or chrome, in two passes.

    Samples are `Document` objects. Scores are probabilities of `article`.

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
        Also use the DOM context of lines rendered from HTML.
    n_jobs:
        Threads for training (`TwoPassClassifier`); the model is the same.
    members:
        Two-pass models fit with different seeds, their scores averaged
        (`TwoPassClassifier`); 1: one model.
    revisions:
        How many times pass 2 revises the scores, each time from the
        previous revision's (`TwoPassClassifier`); 1: once.

    Examples
    --------
    >>> from cleaner.labelled import parse_labelled
    >>> page = "article\\tA long line of real prose that a reader came for.\\n"
    >>> page += "chrome\\tShare on twitter\\n"
    >>> model = LineLabeller(revise=False).fit([parse_labelled(page)] * 4)
    >>> model.predict_scores([Document.from_text("Share on twitter")])[0] < 0.5
    array([ True])
    """

    _parameter_constraints: dict[str, list[Any]] = {  # noqa: RUF012
        "alpha": [Interval(Real, 0, None, closed="neither")],
        "revise": ["boolean"],
        "threshold": [Interval(Real, 0, 1, closed="both")],
        "random_state": [Interval(Integral, 0, None, closed="left")],
        "html": ["boolean"],
        "n_jobs": [None, Integral],
        "members": [Interval(Integral, 1, None, closed="left")],
        "revisions": [Interval(Integral, 1, None, closed="left")],
    }

    def __init__(
        self,
        alpha: float = 1e-5,
        revise: bool = True,
        threshold: float = DEFAULT_THRESHOLD,
        random_state: int = 0,
        html: bool = False,
        n_jobs: int | None = None,
        members: int = 1,
        revisions: int = 1,
    ) -> None:
        self.alpha = alpha
        self.revise = revise
        self.threshold = threshold
        self.random_state = random_state
        self.html = html
        self.n_jobs = n_jobs
        self.members = members
        self.revisions = revisions

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Models saved before `members` existed are one model; those saved
        # before `revisions` existed revise once.
        state.setdefault("members", 1)
        state.setdefault("revisions", 1)
        super().__setstate__(state)

    def _classifier(self, featurizer: LineFeaturizer) -> TwoPassClassifier:
        # A text model's pass 2 also sees each line's indent against the
        # page's main text; an HTML model has the DOM context instead.
        return TwoPassClassifier(
            alpha=self.alpha,
            revise=self.revise,
            threshold=self.threshold,
            dense_columns=featurizer.n_dense_,
            random_state=self.random_state,
            layout_columns=None if self.html else featurizer.layout_columns(),
            n_jobs=self.n_jobs,
            members=self.members,
            revisions=self.revisions,
        )

    def fit(
        self,
        docs: Sequence[Document],
        y: Any = None,
        sample_weight: Any = None,
        pages: Sequence[str] | None = None,
    ) -> LineLabeller:
        """Learn from labelled documents.

        ``y`` gives one label per line of all ``docs`` (1, True or
        `Label.ARTICLE` for article); None takes the lines' own labels.
        ``sample_weight`` gives one weight per document. ``pages`` names the
        page each document renders: documents of one page (two renderings of
        it) are then held out together when pass 2's training scores are
        made; by default each document is a page of its own.
        """
        self._validate_params()
        if pages is not None and len(pages) != len(docs):
            raise CleanerError("one page name per document is needed")
        labels = doc_labels(docs) if y is None else _as_labels(y)
        if len(labels) != sum(map(len, docs)):
            raise CleanerError(f"y has {len(labels)} labels for {sum(map(len, docs))} lines")
        featurizer = LineFeaturizer(html=self.html).fit(docs)
        return self.fit_transformed(
            featurizer,
            featurizer.transform(docs),
            labels,
            [len(doc) for doc in docs],
            sample_weight,
            pages,
        )

    def fit_transformed(
        self,
        featurizer: LineFeaturizer,
        X: sp.csr_matrix,
        y: np.ndarray,
        doc_lengths: Sequence[int],
        sample_weight: Any = None,
        pages: Sequence[str] | None = None,
    ) -> LineLabeller:
        """`fit` on the rows ``featurizer`` made (cross-validation makes them once).

        ``sample_weight`` and ``pages`` are per document, as in `fit`.
        """
        self._validate_params()
        if featurizer.html != self.html:
            raise CleanerError("the featurizer's html setting differs from the model's")
        y = np.asarray(y)
        if len(set(y.tolist())) < 2:
            raise CleanerError("training needs both article and chrome lines")
        weights = None
        if sample_weight is not None:
            weights = np.repeat(np.asarray(sample_weight, dtype=float), doc_lengths)
        self.featurizer_ = featurizer
        self.classifier_ = self._classifier(featurizer).fit(
            X, y, weights, doc_lengths=doc_lengths, pages=pages
        )
        return self

    # The stages, one by one (`predict_scores` runs them all).

    def featurize(self, docs: Sequence[Document]) -> sp.csr_matrix:
        """Analyse: one feature row per line of ``docs``."""
        check_is_fitted(self, "classifier_")
        return self.featurizer_.transform(docs)

    def first_pass(self, X: sp.csr_matrix) -> np.ndarray:
        """Score: each line's probability of article from its own features."""
        return self.classifier_.first_pass(X)

    def second_pass(
        self, scores: np.ndarray, X: sp.csr_matrix, doc_lengths: Sequence[int]
    ) -> np.ndarray:
        """Revise: ``scores`` revised from the neighbours' scores."""
        return self.classifier_.second_pass(scores, X, doc_lengths)

    @property
    def known_scripts(self) -> frozenset[str]:
        """The scripts of at least `MIN_SCRIPT_SHARE` of the training lines'
        letters (none for a model that recorded no letters)."""
        check_is_fitted(self, "featurizer_")
        letters = getattr(self.featurizer_, "script_letters_", None) or {}
        total = sum(letters.values())
        return frozenset(s for s, n in letters.items() if n >= MIN_SCRIPT_SHARE * total)

    def adjust(self, docs: Sequence[Document], scores: np.ndarray, X: sp.csr_matrix) -> np.ndarray:
        """Post-process: trafilatura's verdict where the model has no evidence.

        An HTML model's lexical features mean nothing on a page whose
        article is written mostly (all but `MIN_KNOWN_SHARE`) in scripts its
        training lines hardly hold: there its lines score 1.0 when
        trafilatura's article text holds them and 0.0 otherwise, so the
        lines only its comments hold are chrome, as the model mostly calls
        them where it can read them. The article's script is that of those
        lines, not the whole page's, whose menus, scripts and markup left in
        the text can be in Latin letters around a Burmese or Japanese story.
        Pages trafilatura extracted no article text from or extracted text
        in known scripts from, and every page a text model scores, keep
        their scores.
        """
        known = self.known_scripts if self.html else frozenset()
        if not known:
            return scores
        out = scores
        start = 0
        for doc in docs:
            stop = start + len(doc)
            mark = np.array([_in_article_text(line.context) for line in doc])
            if mark.any():
                held = "\n".join(line.text for line, m in zip(doc, mark, strict=True) if m)
                if not mostly_known(held, known, MIN_KNOWN_SHARE):
                    out = np.array(out, dtype=float, copy=True) if out is scores else out
                    out[start:stop] = mark
            start = stop
        return out

    def predict_scores(self, docs: Sequence[Document]) -> list[np.ndarray]:
        """Probability of article for each line, one array per document."""
        check_is_fitted(self, "classifier_")
        return score_documents(self, docs)

    def predict(self, docs: Sequence[Document]) -> np.ndarray:
        """1 (article) or 0 (chrome) for every line of every document, as
        `cleaner.selection.kept_lines` selects them."""
        kept = [
            k
            for page in self.predict_scores(docs)
            for k in kept_lines(page.tolist(), self.threshold)
        ]
        return np.array(kept, dtype=int)

    def score(self, docs: Sequence[Document], y: Any = None, sample_weight: Any = None) -> float:
        """Line-level F1 of `article` (``y``: as in `fit`; None: the lines' labels)."""
        from sklearn.metrics import f1_score

        gold = doc_labels(docs) if y is None else _as_labels(y)
        return float(
            f1_score(gold, self.predict(docs), sample_weight=sample_weight, zero_division=0.0)
        )


def _as_labels(y: Any) -> np.ndarray:
    """1 for article, 0 for chrome, from ints, booleans or `Label` values."""
    values = list(y)
    if values and isinstance(values[0], (Label, str)):
        return np.array([Label(v) is Label.ARTICLE for v in values], dtype=int)
    out = np.asarray(values, dtype=int)
    if not set(out.tolist()) <= {0, 1}:
        raise CleanerError("y must hold 1 (article) and 0 (chrome) labels")
    return out
