"""Learning a site from k labelled pages: ``python -m bench.kshot`` (part of ``make bench``).

CleanPortalEval holds 71 pages from 4 sites. For each site and k = 0, 1, 2,
5, k pages of the site are drawn (alignment labels stand in for hand
labels), the shipped model is adapted to them as ``cleaner train --base``
does (a `SiteAdapter`), and the site's other pages are
cleaned. Reported per k, averaged over sites and draws: word F1 against
the gold text, chrome lines let through per page, and article-line recall.
k = 0 is the shipped model alone on the same held-out pages. Writes
``bench/kshot.md`` and the plot ``bench/kshot.png``.
"""

from __future__ import annotations

import argparse
import random
import statistics
from collections import defaultdict
from pathlib import Path

import numpy as np

from cleaner.api import Cleaner
from cleaner.document import Label
from cleaner.model.labeller import LineLabeller
from cleaner.model.site import SiteAdapter
from cleaner.training.corpus import LabelledPage, load_corpus
from cleaner.training.dumps import RENDERERS
from cleaner.training.metrics import TextScores

ROOT = Path(__file__).resolve().parent.parent
KS = (0, 1, 2, 5)
DRAWS = 10


def page_figures(
    page: LabelledPage, scores: np.ndarray, threshold: float
) -> tuple[float, int, float]:
    """(word F1, chrome lines kept, article-line recall) of one cleaned page."""
    doc = page.doc.with_predictions(scores, threshold)
    kept = [line.label is Label.ARTICLE for line in doc.lines]
    gold = [line.label is Label.ARTICLE for line in page.doc.lines]
    chrome_through = sum(k and not g for k, g in zip(kept, gold, strict=True))
    recall = sum(k and g for k, g in zip(kept, gold, strict=True)) / max(sum(gold), 1)
    f1 = TextScores.compare(doc.article_text(), page.gold_text).word_f1
    return f1, chrome_through, recall


def main(argv: list[str] | None = None) -> None:
    """Run the k-shot benchmark and write its table and plot."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "kshot.md")
    args = parser.parse_args(argv)
    cleaner = Cleaner.load()
    model = cleaner.bundle.text_model
    if not isinstance(model, LineLabeller):
        raise SystemExit("bench.kshot measures the general model: the shipped one is site-adapted")
    threshold = cleaner.threshold
    results: dict[int, list[tuple[float, int, float]]] = defaultdict(list)
    per_site: dict[tuple[str, int], list[int]] = defaultdict(list)
    for renderer in RENDERERS:
        pages = load_corpus("cleanportaleval", renderer, args.data)
        base = {
            p.page_id: s
            for p, s in zip(pages, model.predict_scores([p.doc for p in pages]), strict=True)
        }
        by_site: dict[str, list[LabelledPage]] = defaultdict(list)
        for (
            page
        ) in pages:  # the site is the domain: "washingtonpost.com_blog1" -> "washingtonpost.com"
            by_site[page.site.split("_")[0]].append(page)
        for site, site_pages in sorted(by_site.items()):
            rng = random.Random(f"{site}:{renderer}")
            for k in KS:
                for _ in range(DRAWS if k else 1):
                    train = rng.sample(site_pages, k) if k else []
                    adapter = SiteAdapter(model).fit([p.doc for p in train]) if train else None
                    for page in site_pages:
                        if page in train:
                            continue
                        scores = (
                            adapter.predict_scores([page.doc])[0]
                            if adapter is not None
                            else base[page.page_id]
                        )
                        figures = page_figures(page, scores, threshold)
                        results[k].append(figures)
                        per_site[(site, k)].append(figures[1])
    rows = []
    for k in KS:
        f1s, through, recalls = zip(*results[k], strict=True)
        rows.append((k, statistics.mean(f1s), statistics.mean(through), statistics.mean(recalls)))
    base_through = rows[0][2]
    lines = [
        f"Site adaptation on CleanPortalEval (4 sites, {DRAWS} draws of k pages per site "
        "and renderer; held-out pages of the same site; both renderers).",
        "",
        "| k labelled pages | word F1 | chrome lines let through per page | vs k=0 | article-line recall |",
        "|---|---|---|---|---|",
        *(
            f"| {k} | {f1:.3f} | {thr:.2f} | {thr / base_through:.0%} | {rec:.3f} |"
            for k, f1, thr, rec in rows
        ),
        "",
        "Chrome lines let through per page, by site:",
        "",
        "| site | " + " | ".join(f"k={k}" for k in KS) + " |",
        "|---|" + "---|" * len(KS),
        *(
            f"| {site} | "
            + " | ".join(f"{statistics.mean(per_site[(site, k)]):.2f}" for k in KS)
            + " |"
            for site in sorted({s for s, _ in per_site})
        ),
        "",
        "Command: `python -m bench.kshot` (part of `make bench`)",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    plot(rows, args.out.with_suffix(".png"))


def plot(rows: list[tuple[int, float, float, float]], path: Path) -> None:
    """Chrome let through and article recall against k."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ks = [r[0] for r in rows]
    fig, left = plt.subplots(figsize=(6, 3.5), dpi=100)
    left.plot(
        ks, [r[2] for r in rows], "o-", color="#b03030", label="chrome lines let through / page"
    )
    left.set_xlabel("labelled pages of the site (k)")
    left.set_ylabel("chrome lines let through per page", color="#b03030")
    left.set_ylim(bottom=0)
    right = left.twinx()
    right.plot(ks, [r[3] for r in rows], "s--", color="#307030", label="article-line recall")
    right.plot(ks, [r[1] for r in rows], "d:", color="#303090", label="word F1")
    right.set_ylim(0.5, 1.0)
    right.set_ylabel("article recall, word F1")
    fig.legend(loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    left.set_xticks(ks)
    fig.savefig(path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
