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
whose range exceeds `PAGE_SWING`. Writes ``bench/seeds.md`` (``bench/seeds-text.md`` for the
text model).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cleaner.model.labeller import doc_labels, score_documents
from cleaner.selection import kept_lines
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
    """Word F1 of the page's article text at ``threshold`` (as ``clean_html``
    joins it) against its gold text (the title in front, as `bench.html`
    scores it)."""
    kept = page.doc.with_predictions(scores, threshold).article_text(strip_indent=True)
    return TextScores.compare(kept, page.gold_text).word_f1


def html_seed_scores(root: Path, seeds: Sequence[int]) -> dict[str, list[list[float]]]:
    """Per corpus, per seed, the HTML model's page word F1 on the HTML lines
    of the corpora it did not train on."""
    started = time.time()
    pages, weights = html_training_set(root)
    docs = [p.doc for p in pages]
    featurizer, X = featurize(html_estimator(), docs)
    labels, lengths = doc_labels(docs), [len(d) for d in docs]
    tests = {c: html_corpus(c, root) for c in CORPORA if c not in training_corpora()}
    print(f"featurised {X.shape[0]} lines in {time.time() - started:.0f}s", flush=True)
    scores: dict[str, list[list[float]]] = {c: [] for c in tests}
    for seed in seeds:
        model = html_estimator(seed).fit_transformed(
            featurizer, X, labels, lengths, np.asarray(weights)
        )
        for corpus, test in tests.items():
            page_scores = score_documents(model, [p.doc for p in test])
            scores[corpus].append(
                [page_f1(p, s, model.threshold) for p, s in zip(test, page_scores, strict=True)]
            )
        print(f"seed {seed}: done at {time.time() - started:.0f}s", flush=True)
    return scores


def dump_f1(page: LabelledPage, scores: np.ndarray, threshold: float) -> float:
    """Word F1 of a text dump's kept lines (as `cleaner.selection` keeps
    them) against its gold text."""
    kept = [float(k) for k in kept_lines(scores.tolist(), threshold)]
    return TextScores.compare(
        page.doc.with_predictions(kept, 0.5).article_text(), page.gold_text
    ).word_f1


def text_seed_scores(root: Path, seeds: Sequence[int]) -> dict[str, list[list[float]]]:
    """Per corpus, per seed, the text model's page word F1 on both text
    dumps of the corpora it did not train on."""
    started = time.time()
    training_set = text_training_set(ROOT / "seeds", root)
    docs = training_set.docs
    featurizer, X = featurize(text_estimator(), docs)
    labels, lengths = doc_labels(docs), [len(d) for d in docs]
    weights = np.asarray(training_set.weights)
    tests = {
        c: [p for r in RENDERERS for p in load_corpus(c, r, root)]
        for c in CORPORA
        if c not in training_corpora()
    }
    print(f"featurised {X.shape[0]} lines in {time.time() - started:.0f}s", flush=True)
    scores: dict[str, list[list[float]]] = {c: [] for c in tests}
    for seed in seeds:
        model = text_estimator(seed).fit_transformed(
            featurizer, X, labels, lengths, weights, training_set.page_names
        )
        for corpus, test in tests.items():
            page_scores = model.predict_scores([p.doc for p in test])
            scores[corpus].append(
                [dump_f1(p, s, model.threshold) for p, s in zip(test, page_scores, strict=True)]
            )
        print(f"seed {seed}: done at {time.time() - started:.0f}s", flush=True)
    return scores


#: What each model is scored on, for the report's first line.
SCORED_ON = {
    "html": "the HTML lines of the corpora it did not train on",
    "text": "both text dumps (inscriptis, html2text) of the corpora it did not train on",
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
        choices=sorted(SCORED_ON),
        default="html",
        help="the model to fit: html (default) or text",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="the report (default: bench/seeds[-text].md)"
    )
    args = parser.parse_args(argv)
    if len(args.seeds) < 2:
        parser.error("--seeds needs two seeds or more")
    root = args.data or default_data_root()
    out = args.out or ROOT / "bench" / ("seeds.md" if args.model == "html" else "seeds-text.md")
    if args.model == "html":
        scores = html_seed_scores(root, args.seeds)
    else:
        scores = text_seed_scores(root, args.seeds)
    seeds = " ".join(map(str, args.seeds))
    name = "HTML" if args.model == "html" else "text"
    unit = "page" if args.model == "html" else "dump"
    rows = [
        f"The {name} model fit with seeds {seeds} (`make model`'s settings), word F1 on "
        f"{SCORED_ON[args.model]}.",
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
    flag = "" if args.model == "html" else " --model text"
    rows += [
        "",
        f"Command: `python -m bench.seeds{flag} --seeds {seeds}` (not part of `make bench`)",
        "",
    ]
    report = "\n".join(rows)
    out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
