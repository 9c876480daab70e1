"""How far a training seed moves a model: ``python -m bench.seeds [--model text]``.

Not part of ``make bench``: it trains. The HTML model (or, with ``--model
text``, the text model) is fit as ``make model`` fits it
(`cleaner.training.shipped.html_estimator` or `text_estimator`, the same
pages and weights) once per seed, the training lines featurised once, and
each fit scores the corpora it did not train on: the HTML model their HTML
lines (as ``clean_html`` scores them, without its fallback for pages the
walk renders empty), the text model both of their text dumps (as ``clean``
keeps their lines). A change to the model is worth shipping when it moves
these figures by more than the seeds do. Word F1 against the gold text,
averaged over pages; per corpus, the mean of the seeds' figures, their
lowest and highest, the mean per-page range over the seeds and the pages
whose range exceeds `PAGE_SWING`. Writes ``bench/seeds.md``
(``bench/seeds-text.md`` for the text model).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from cleaner.document import Document
from cleaner.model.labeller import LineLabeller, doc_labels, score_documents
from cleaner.training.corpora import CORPORA, default_data_root
from cleaner.training.corpus import LabelledPage, load_corpus
from cleaner.training.dumps import RENDERERS
from cleaner.training.fit import featurize
from cleaner.training.metrics import TextScores
from cleaner.training.shipped import (
    html_corpus,
    html_estimator,
    html_training_set,
    text_estimator,
    text_training_set,
    training_corpora,
)

ROOT = Path(__file__).resolve().parent.parent
#: A page whose word F1 ranges over more than this across the seeds swings.
PAGE_SWING = 0.1


@dataclass(frozen=True)
class Spread:
    """One corpus's word F1 over several training seeds."""

    mean: float
    lowest: float
    highest: float
    page_range: float
    swinging_pages: int


def spread(per_seed: Sequence[Sequence[float]]) -> Spread:
    """The spread of per-page scores, one sequence of pages per seed.

    >>> s = spread([[1.0, 0.5], [0.8, 0.5]])
    >>> round(s.mean, 2), s.lowest, s.highest, round(s.page_range, 2), s.swinging_pages
    (0.7, 0.65, 0.75, 0.1, 1)
    """
    scores = np.asarray(per_seed, dtype=float)
    if scores.ndim != 2 or not scores.size:
        raise ValueError("one non-empty sequence of page scores per seed is needed")
    means = scores.mean(axis=1)
    ranges = scores.max(axis=0) - scores.min(axis=0)
    return Spread(
        float(means.mean()),
        float(means.min()),
        float(means.max()),
        float(ranges.mean()),
        int((ranges > PAGE_SWING).sum()),
    )


def page_f1(page: LabelledPage, scores: np.ndarray, threshold: float) -> float:
    """Word F1 of the page's article text at ``threshold`` (its lines kept as
    `cleaner.selection` keeps them, joined as ``clean_html`` joins them)
    against its gold text (the title in front, as the benchmarks score it)."""
    kept = page.doc.with_predictions(scores, threshold).article_text(strip_indent=True)
    return TextScores.compare(kept, page.gold_text).word_f1


@dataclass(frozen=True)
class TrainingRun:
    """What one model's seeds are fit on and scored on."""

    estimator: Callable[[int], LineLabeller]
    docs: list[Document]
    weights: list[float]
    pages: list[str] | None  # page names for pass 2's inner folds (the text model's)
    tests: dict[str, list[LabelledPage]]


def html_run(root: Path) -> TrainingRun:
    """The HTML model: its training pages; the HTML lines of the other corpora."""
    pages, weights = html_training_set(root)
    tests = {c: html_corpus(c, root) for c in CORPORA if c not in training_corpora()}
    return TrainingRun(html_estimator, [p.doc for p in pages], weights, None, tests)


def text_run(root: Path) -> TrainingRun:
    """The text model: its training set; both text dumps of the other corpora."""
    training = text_training_set(ROOT / "seeds", root)
    tests = {
        c: [p for r in RENDERERS for p in load_corpus(c, r, root)]
        for c in CORPORA
        if c not in training_corpora()
    }
    return TrainingRun(text_estimator, training.docs, training.weights, training.page_names, tests)


def seed_scores(
    run: TrainingRun, seeds: Sequence[int], members: int | None = None
) -> dict[str, list[list[float]]]:
    """Per corpus, per seed, the page word F1 of the model fit with that seed
    (with ``members``, as that many members: `TwoPassClassifier`)."""
    started = time.time()
    featurizer, X = featurize(run.estimator(0), run.docs)
    labels, lengths = doc_labels(run.docs), [len(d) for d in run.docs]
    print(f"featurised {X.shape[0]} lines in {time.time() - started:.0f}s", flush=True)
    scores: dict[str, list[list[float]]] = {c: [] for c in run.tests}
    for seed in seeds:
        estimator = run.estimator(seed)
        if members is not None:
            estimator.set_params(members=members)
        model = estimator.fit_transformed(
            featurizer, X, labels, lengths, np.asarray(run.weights), run.pages
        )
        for corpus, test in run.tests.items():
            page_scores = score_documents(model, [p.doc for p in test])
            scores[corpus].append(
                [page_f1(p, s, model.threshold) for p, s in zip(test, page_scores, strict=True)]
            )
        print(f"seed {seed}: done at {time.time() - started:.0f}s", flush=True)
    return scores


class Report(NamedTuple):
    """How one model's spread is built and written."""

    run: Callable[[Path], TrainingRun]
    name: str
    unit: str  # what a test item is: an HTML page or a text dump
    scored_on: str
    out: str


REPORTS = {
    "html": Report(
        html_run,
        "HTML",
        "page",
        "the HTML lines of the corpora it did not train on",
        "seeds.md",
    ),
    "text": Report(
        text_run,
        "text",
        "dump",
        "both text dumps (inscriptis, html2text) of the corpora it did not train on",
        "seeds-text.md",
    ),
}


def main(argv: list[str] | None = None) -> None:
    """Fit a model once per seed and write the spread of its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="the corpora (default: $CLEANER_DATA, else ../shared/data)",
    )
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=[0, 1, 2], help="two training seeds or more"
    )
    parser.add_argument(
        "--model",
        choices=sorted(REPORTS),
        default="html",
        help="the model to fit: html (default) or text",
    )
    parser.add_argument(
        "--members",
        type=int,
        default=None,
        help="fit each seed's model as this many members, their scores averaged "
        "(default: as make model fits it)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="the report (default: bench/seeds[-text].md)"
    )
    args = parser.parse_args(argv)
    if len(args.seeds) < 2:
        parser.error("--seeds needs two seeds or more")
    if args.members is not None and args.members < 1:
        parser.error("--members needs 1 or more")
    spec = REPORTS[args.model]
    scores = seed_scores(spec.run(args.data or default_data_root()), args.seeds, args.members)
    seeds = " ".join(map(str, args.seeds))
    unit = spec.unit
    flag = "" if args.model == parser.get_default("model") else f" --model {args.model}"
    fits = ""
    if args.members is not None:
        flag += f" --members {args.members}"
        fits = f" but members={args.members}"
    rows = [
        f"The {spec.name} model fit with seeds {seeds} (`make model`'s settings{fits}), "
        f"word F1 on {spec.scored_on}.",
        "",
        f"| corpus | {unit}s | mean | lowest | highest | mean per-{unit} range | "
        f"{unit}s ranging over {PAGE_SWING:g} |",
        "|---|---|---|---|---|---|---|",
    ]
    for corpus, per_seed in scores.items():
        s = spread(per_seed)
        rows.append(
            f"| {corpus} | {len(per_seed[0])} | {s.mean:.3f} | {s.lowest:.3f} | "
            f"{s.highest:.3f} | {s.page_range:.3f} | {s.swinging_pages} |"
        )
    rows += [
        "",
        f"Command: `python -m bench.seeds{flag} --seeds {seeds}` (not part of `make bench`)",
        "",
    ]
    report = "\n".join(rows)
    (args.out or ROOT / "bench" / spec.out).write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
