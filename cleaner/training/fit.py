"""Training: fit a `LineLabeller`, cross-validated by page or site, never by line."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.model_selection import GroupKFold

from cleaner.document import Document, Label
from cleaner.features import LineFeaturizer
from cleaner.model.bundle import Bundle, ModelCard
from cleaner.model.labeller import LineLabeller, Scorer, doc_labels
from cleaner.model.site import SiteAdapter
from cleaner.reflow import labelled_view
from cleaner.selection import kept_lines
from cleaner.training.evaluate import LineScores, gold_verdicts

#: Folds of the grouped cross-validation reported with a trained model.
CV_FOLDS = 5

#: Features computed once for a corpus: the fitted featurizer and its rows.
Features = tuple[LineFeaturizer, sp.csr_matrix]


def pooled_line_scores(
    docs: Sequence[Document], scores: Sequence[np.ndarray], threshold: float
) -> LineScores:
    """Line scores of ``scores`` (one array per document) against the gold labels."""
    gold = [g for doc in docs for g in gold_verdicts(doc)]
    kept = [k for page in scores for k in kept_lines(page.tolist(), threshold)]
    return LineScores.from_verdicts(gold, kept)


def featurize(model: LineLabeller, docs: Sequence[Document]) -> Features:
    """The features of every line of ``docs``, as ``model`` computes them."""
    featurizer = LineFeaturizer(html=model.html).fit(docs)
    return featurizer, featurizer.transform(docs)


def cross_validate(
    model: LineLabeller,
    docs: Sequence[Document],
    groups: Sequence[str] | None = None,
    folds: int = CV_FOLDS,
    weights: Sequence[float] | None = None,
) -> dict[str, float | int | str] | None:
    """Pooled line scores of ``model`` on held-out groups (pages by default).

    Returns None when there are fewer than two groups to hold out.
    """
    group_ids = list(groups) if groups is not None else [str(i) for i in range(len(docs))]
    n_groups = len(set(group_ids))
    if n_groups < 2:
        return None
    oof = grouped_out_of_fold(model, docs, group_ids, folds, weights)
    s = pooled_line_scores(docs, oof, model.threshold)
    return {
        "grouped_by": "site" if groups is not None else "page",
        "folds": min(folds, n_groups),
        "lines": s.lines,
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "f1": round(s.f1, 4),
    }


def train_bundle(
    docs: Sequence[Document],
    name: str,
    groups: Sequence[str] | None = None,
    weights: Sequence[float] | None = None,
    cv: bool = True,
    model: LineLabeller | None = None,
    extra_training: dict[str, object] | None = None,
) -> Bundle:
    """Cross-validate (when asked and possible), fit on everything, and card it.

    Pages a text browser wrapped are learnt as the model will read them,
    paragraph by paragraph (`cleaner.reflow.labelled_view`).
    """
    docs = [labelled_view(doc) for doc in docs]
    model = model if model is not None else LineLabeller()
    metrics: dict[str, object] = {}
    if cv:
        metrics["cross_validation"] = cross_validate(model, docs, groups, weights=weights)
    fitted = clone(model).fit(docs, sample_weight=weights)
    n_lines = sum(len(d) for d in docs)
    n_article = sum(line.label is Label.ARTICLE for d in docs for line in d.lines)
    training: dict[str, object] = {
        "documents": len(docs),
        "lines": n_lines,
        "article_lines": n_article,
        "sources": sorted({d.name or "?" for d in docs}) if len(docs) <= 20 else None,
        **(extra_training or {}),
    }
    return Bundle(fitted, ModelCard(name, training=training, metrics=metrics))


def grouped_out_of_fold(
    model: LineLabeller,
    docs: Sequence[Document],
    groups: Sequence[str],
    folds: int = CV_FOLDS,
    weights: Sequence[float] | None = None,
    features: Features | None = None,
    pages: Sequence[str] | None = None,
) -> list[np.ndarray]:
    """Each document's scores from a model trained without its group (site).

    Features are computed once (or passed in) and shared by every fold.
    ``pages`` names each document's page, as in `LineLabeller.fit`.
    """
    featurizer, X = features if features is not None else featurize(model, docs)
    y = doc_labels(docs)
    lengths = np.array([len(d) for d in docs])
    starts = np.concatenate([[0], np.cumsum(lengths)])
    w = np.ones(len(docs)) if weights is None else np.asarray(weights, dtype=float)

    def rows(idx: np.ndarray) -> np.ndarray:
        return np.concatenate([np.arange(starts[i], starts[i + 1]) for i in idx])

    scores: list[np.ndarray] = [np.zeros(0)] * len(docs)
    splitter = GroupKFold(min(folds, len(set(groups))))
    for train_idx, test_idx in splitter.split(np.zeros(len(docs)), groups=np.asarray(groups)):
        r = rows(train_idx)
        fold = clone(model).fit_transformed(
            featurizer,
            X[r],
            y[r],
            lengths[train_idx],
            w[train_idx],
            None if pages is None else [pages[i] for i in train_idx],
        )
        t = rows(test_idx)
        flat = fold.second_pass(fold.first_pass(X[t]), X[t], lengths[test_idx])
        for i, part in zip(
            test_idx, np.split(flat, np.cumsum(lengths[test_idx])[:-1]), strict=True
        ):
            scores[i] = part
    return scores


def _general(model: Scorer) -> LineLabeller:
    """The general model under ``model`` (itself, or the base of a site adapter)."""
    base = model.base if isinstance(model, SiteAdapter) else model
    assert isinstance(base, LineLabeller)
    return base


def adapt_bundle(base: Bundle, docs: Sequence[Document], name: str) -> Bundle:
    """The base models, each wrapped in a `SiteAdapter` fitted on one site's pages.

    The base models are kept whole, so nothing general is forgotten. With
    two or more pages, each page is also scored by an adapter fitted on the
    others (leave-one-page-out), next to the base model alone. Pages a text
    browser wrapped are read paragraph by paragraph, as in `train_bundle`.
    """
    docs = [labelled_view(doc) for doc in docs]
    text_model = _general(base.text_model)
    metrics: dict[str, object] = {}
    if len(docs) >= 2:
        pairs: dict[str, tuple[list[bool], list[bool]]] = {"base": ([], []), "adapted": ([], [])}
        base_scores = text_model.predict_scores(docs)
        for i, doc in enumerate(docs):
            others = SiteAdapter(text_model).fit([d for j, d in enumerate(docs) if j != i])
            gold = [line.label is Label.ARTICLE for line in doc.lines]
            for key, scores in (
                ("base", base_scores[i]),
                ("adapted", others.predict_scores([doc])[0]),
            ):
                pairs[key][0].extend(gold)
                pairs[key][1].extend(bool(x >= text_model.threshold) for x in scores)
        for key, (gold, kept) in pairs.items():
            line_scores = LineScores.from_verdicts(gold, kept)
            metrics[f"leave_one_page_out_{key}"] = {
                "precision": round(line_scores.precision, 4),
                "recall": round(line_scores.recall, 4),
                "f1": round(line_scores.f1, 4),
                "chrome_lines_kept": sum(k and not g for g, k in zip(gold, kept, strict=True)),
            }
    adapter = SiteAdapter(text_model).fit(docs)
    html_adapter = None
    if base.html_model is not None:
        html_adapter = SiteAdapter(_general(base.html_model), reference=text_model).fit(docs)
    training = {
        "base_model": base.model_id,
        "base_training": base.card.training,
        "site_pages": len(docs),
        "site_lines_remembered": len(adapter.memory_),
    }
    return Bundle(adapter, ModelCard(name, training=training, metrics=metrics), html_adapter)
