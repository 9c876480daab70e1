"""How far a training seed moves the HTML model: ``python -m bench.seeds``.

Not part of ``make bench``: it trains. The HTML model is fit as ``make
model`` fits it (`cleaner.training.shipped.html_estimator`, the same pages and
weights) once per seed, the training lines featurised once, and each fit
scores the HTML lines of the corpora it did not train on (as ``clean_html``
scores them, without its fallback for pages the walk renders empty). A
change to the model is worth shipping when it moves these figures by more
than the seeds do. Word F1 against the gold text, averaged over pages; per
corpus, the mean of the seeds' figures, their lowest and highest, the mean
per-page range over the seeds and the pages whose range exceeds
`PAGE_SWING`. Writes ``bench/seeds.md``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cleaner.model.labeller import doc_labels, score_documents
from cleaner.training.corpora import CORPORA, default_data_root
from cleaner.training.corpus import LabelledPage
from cleaner.training.fit import featurize
from cleaner.training.metrics import TextScores
from cleaner.training.shipped import (
    html_corpus,
    html_estimator,
    html_training_set,
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


def main(argv: list[str] | None = None) -> None:
    """Fit the HTML model once per seed and write the spread of its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "seeds.md")
    args = parser.parse_args(argv)
    if len(args.seeds) < 2:
        parser.error("--seeds needs two seeds or more")
    root = args.data or default_data_root()
    started = time.time()
    pages, weights = html_training_set(root)
    docs = [p.doc for p in pages]
    featurizer, X = featurize(html_estimator(), docs)
    labels, lengths = doc_labels(docs), [len(d) for d in docs]
    tests = {c: html_corpus(c, root) for c in CORPORA if c not in training_corpora()}
    print(f"featurised {X.shape[0]} lines in {time.time() - started:.0f}s", flush=True)
    scores: dict[str, list[list[float]]] = {c: [] for c in tests}
    for seed in args.seeds:
        model = html_estimator(seed).fit_transformed(
            featurizer, X, labels, lengths, np.asarray(weights)
        )
        for corpus, test in tests.items():
            page_scores = score_documents(model, [p.doc for p in test])
            scores[corpus].append(
                [page_f1(p, s, model.threshold) for p, s in zip(test, page_scores, strict=True)]
            )
        print(f"seed {seed}: done at {time.time() - started:.0f}s", flush=True)
    seeds = " ".join(map(str, args.seeds))
    rows = [
        f"The HTML model fit with seeds {seeds} (`make model`'s settings), word F1 on the "
        "HTML lines of the corpora it did not train on.",
        "",
        "| corpus | pages | mean | lowest | highest | mean per-page range | "
        f"pages ranging over {PAGE_SWING:g} |",
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
        f"Command: `python -m bench.seeds --seeds {seeds}` (not part of `make bench`)",
        "",
    ]
    report = "\n".join(rows)
    args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
