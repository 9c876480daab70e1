"""Build the shipped default model: ``python -m cleaner.training.shipped`` (``make model``).

Training data: the labelled seed pages in ``seeds/`` plus WCXB dev (the only
corpus whose licence, CC-BY-4.0, allows it), rendered by every renderer and
labelled by alignment. The model is first cross-validated grouped by site
(out-of-fold scores are cached for the benchmark), then fit on everything.
Fixed seeds make the result reproducible.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path

import joblib
import numpy as np

from cleaner.document import Label
from cleaner.errors import CleanerError
from cleaner.labelled import read_labelled
from cleaner.model.bundle import Bundle, ModelCard, load_bundle, save_bundle, write_digest
from cleaner.model.labeller import LineLabeller, doc_labels
from cleaner.pages.render import HTML_LINES_VERSION, html_document, mark_extraction
from cleaner.pages.trafilatura import extract_html
from cleaner.training.align import align
from cleaner.training.corpora import GoldPage, read_corpus
from cleaner.training.corpus import LabelledPage, corpus_cache, load_corpus
from cleaner.training.dumps import RENDERERS
from cleaner.training.evaluate import LineScores, gold_verdicts
from cleaner.training.fit import CV_FOLDS, featurize, grouped_out_of_fold, pooled_line_scores

#: Each seed page counts as this many pages: it is the user's own sample.
SEED_WEIGHT = 30.0
#: Pass-1 regularisation chosen by site-grouped validation on WCXB dev.
ALPHA = 1e-6


def oof_cache(html: bool = False) -> Path:
    """Where ``make model`` leaves WCXB's site-grouped out-of-fold scores."""
    return corpus_cache() / ("wcxb_html_oof.joblib" if html else "wcxb_oof.joblib")


def default_model() -> LineLabeller:
    """The estimator the shipped model is trained as."""
    return LineLabeller(alpha=ALPHA, random_state=0)


def write_card(bundle: Bundle, path: Path) -> None:
    """Render the bundle's card as Markdown."""
    card = bundle.card
    text = [
        f"# Model card: {card.name}",
        "",
        "Labels each line of a scraped page as `article` or `chrome` "
        "(see the README for the features and the two passes).",
        "",
        f"Created {card.created}; feature version {card.feature_version}.",
        "",
        "## Training data and licences",
        "",
        "- `seeds/*.tsv`: the project's hand-labelled seed page(s), "
        f"each weighted as {SEED_WEIGHT:g} pages.",
        "- WCXB dev (Web Content Extraction Benchmark), CC-BY-4.0: 1,470 pages with "
        "main content, rendered by inscriptis and html2text, lines labelled by "
        "alignment with the gold text. Attribution: WCXB authors, CC-BY-4.0.",
        "- The HTML model (`html_model` in the bundle): the same WCXB dev pages' HTML, "
        "rendered by inscriptis (tables laid out as blocks) into lines that carry their "
        "DOM context (each value also as it differs from the page's mean), the same "
        "alignment labels.",
        "",
        "```json",
        json.dumps(card.training, indent=2),
        "```",
        "",
        "## Metrics",
        "",
        "Line-level scores of `article`, cross-validated grouped by site "
        "(a site's pages never train the fold that tests them). Within each fit, "
        "pass 2 learns from pass-1 scores made out-of-fold by page: the two "
        "renderings of a WCXB page are held out together.",
        "",
        "```json",
        json.dumps(card.metrics, indent=2),
        "```",
        "",
        "Text-level accuracy next to trafilatura and jusText: README, benchmark table.",
        "",
        "## Library versions",
        "",
        *(f"- {name}: {version}" for name, version in card.libraries.items()),
        "",
    ]
    path.write_text("\n".join(text), encoding="utf-8")


def _html_pages(pages: list[GoldPage]) -> list[LabelledPage]:
    """Pages as HTML lines with DOM context, each line labelled by alignment."""
    out = []
    for page in pages:
        try:
            doc = html_document(page.html, page.page_id)
        except CleanerError:
            continue
        if not len(doc):
            continue
        doc = mark_extraction(doc, extract_html(page.html))
        aligned = align("\n".join(doc.texts), page.gold, page.title, page.ascii_only)
        lines = tuple(
            dataclasses.replace(line, label=gold.label)
            for line, gold in zip(doc.lines, aligned.lines, strict=True)
        )
        doc = dataclasses.replace(doc, lines=lines, name=f"{page.corpus}/{page.page_id}")
        out.append(
            LabelledPage(page.corpus, page.page_id, page.site, "html", doc, page.gold, page.title)
        )
    return out


def html_corpus(corpus: str, data: Path | None) -> list[LabelledPage]:
    """A corpus's pages as HTML lines with DOM context, labelled by alignment (cached)."""
    cache = corpus_cache() / f"{corpus}.html-lines.v{HTML_LINES_VERSION}.joblib"
    if cache.is_file():
        return list(joblib.load(cache))
    pages = list(read_corpus(corpus, data))
    chunks = [pages[i : i + 25] for i in range(0, len(pages), 25)]
    parts = joblib.Parallel(n_jobs=-1)(joblib.delayed(_html_pages)(chunk) for chunk in chunks)
    out = [page for part in parts for page in part]
    cache.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(out, cache, compress=3)
    return out


def train_html_model(
    data: Path | None, folds: int
) -> tuple[LineLabeller, dict[str, object], dict[str, object]]:
    """The HTML model: WCXB pages as lines with DOM context, site-grouped CV."""
    started = time.time()
    pages = html_corpus("wcxb", data)
    docs = [p.doc for p in pages]
    groups = [p.site for p in pages]
    model = LineLabeller(alpha=ALPHA, random_state=0, html=True)
    features = featurize(model, docs)
    print(
        f"HTML: featurised {sum(map(len, docs))} lines in {time.time() - started:.0f}s", flush=True
    )
    oof = grouped_out_of_fold(model, docs, groups, folds, None, features)
    joblib.dump({p.page_id: s for p, s in zip(pages, oof, strict=True)}, oof_cache(html=True))
    cv = pooled_line_scores(docs, oof, model.threshold)
    print(f"HTML: site-grouped CV on WCXB: F1 {cv.f1:.3f}", flush=True)
    model.fit_transformed(*features, doc_labels(docs), [len(d) for d in docs])
    training: dict[str, object] = {
        "wcxb_pages": len(pages),
        "lines": sum(map(len, docs)),
        "renderer": "inscriptis, tables laid out as blocks",
    }
    metrics: dict[str, object] = {
        "folds": folds,
        "lines": cv.lines,
        "precision": round(cv.precision, 4),
        "recall": round(cv.recall, 4),
        "f1": round(cv.f1, 4),
    }
    return model, training, metrics


def _write(bundle: Bundle, path: Path, started: float) -> None:
    save_bundle(bundle, path)
    write_card(bundle, path.parent / "MODEL_CARD.md")
    write_digest(path)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.time() - started:.0f}s")


def retrain_html_model(path: Path, data: Path | None, folds: int) -> None:
    """Replace the HTML model of the bundle at ``path``; its text model is kept as it is."""
    started = time.time()
    old = load_bundle(path, trusted=True)
    html_model, html_training, html_metrics = train_html_model(data, folds)
    fresh = ModelCard(
        old.card.name,
        training={**old.card.training, "html": html_training},
        metrics={**old.card.metrics, "wcxb_html_site_grouped_cv": html_metrics},
    )
    _write(Bundle(old.text_model, fresh, html_model), path, started)


def main(argv: list[str] | None = None) -> None:
    """Cross-validate, train on seeds + WCXB, write the bundle and its card."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=Path("models") / "default.joblib")
    parser.add_argument("--folds", type=int, default=CV_FOLDS)
    parser.add_argument(
        "--html-only",
        action="store_true",
        help="retrain only the HTML model and put it in the existing bundle at --out",
    )
    args = parser.parse_args(argv)

    started = time.time()
    if args.html_only:
        retrain_html_model(args.out, args.data, args.folds)
        return
    seeds = [read_labelled(p) for p in sorted(args.seeds.glob("*.tsv"))]
    pages = [p for r in RENDERERS for p in load_corpus("wcxb", r, args.data)]
    docs = [p.doc for p in pages] + seeds
    groups = [p.site for p in pages] + [f"seed:{i}" for i in range(len(seeds))]
    weights = [1.0] * len(pages) + [SEED_WEIGHT] * len(seeds)
    # Both renderings of a page are held out together in pass 2's inner folds.
    page_names = [p.page_id for p in pages] + [f"seed:{i}" for i in range(len(seeds))]
    model = default_model()
    features = featurize(model, docs)
    print(f"featurised {sum(map(len, docs))} lines in {time.time() - started:.0f}s", flush=True)

    oof = grouped_out_of_fold(model, docs, groups, args.folds, weights, features, page_names)
    oof_cache().parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({(p.page_id, p.renderer): s for p, s in zip(pages, oof, strict=False)}, oof_cache())
    cv = pooled_line_scores(docs[: len(pages)], oof[: len(pages)], model.threshold)
    print(f"site-grouped CV on WCXB: F1 {cv.f1:.3f}", flush=True)

    model.fit_transformed(
        *features, doc_labels(docs), [len(d) for d in docs], np.asarray(weights), page_names
    )
    n_article = sum(line.label is Label.ARTICLE for d in docs for line in d.lines)
    training = {
        "seed_pages": len(seeds),
        "seed_weight": SEED_WEIGHT,
        "wcxb_pages": len({p.page_id for p in pages}),
        "wcxb_sites": len({p.site for p in pages}),
        "renderers": list(RENDERERS),
        "documents": len(docs),
        "lines": sum(map(len, docs)),
        "article_lines": n_article,
    }
    metrics = {
        "wcxb_site_grouped_cv": {
            "folds": args.folds,
            "lines": cv.lines,
            "precision": round(cv.precision, 4),
            "recall": round(cv.recall, 4),
            "f1": round(cv.f1, 4),
        },
        "seed_f1_in_sample": round(
            LineScores.from_verdicts(
                gold_verdicts(seeds[0]),
                [bool(x >= model.threshold) for x in model.predict_scores(seeds[:1])[0]],
            ).f1,
            4,
        )
        if seeds
        else None,
    }
    html_model, html_training, html_metrics = train_html_model(args.data, args.folds)
    training["html"] = html_training
    metrics["wcxb_html_site_grouped_cv"] = html_metrics
    bundle = Bundle(model, ModelCard("default", training=training, metrics=metrics), html_model)
    _write(bundle, args.out, started)


if __name__ == "__main__":
    main()
