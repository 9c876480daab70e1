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
import hashlib
import importlib
import json
import time
from importlib.metadata import version
from pathlib import Path

import joblib
import numpy as np

from cleaner.document import Document, Label
from cleaner.errors import CleanerError, ModelError
from cleaner.labelled import read_labelled
from cleaner.model.bundle import Bundle, ModelCard, load_bundle, save_bundle, write_digest
from cleaner.model.labeller import LineLabeller, doc_labels
from cleaner.model_files import file_sha256, shipped_digest
from cleaner.pages.render import HTML_LINES_VERSION
from cleaner.pipeline import segment
from cleaner.training.align import align
from cleaner.training.corpora import GoldPage, default_data_root, read_corpus
from cleaner.training.corpora.wcxb import page_types
from cleaner.training.corpus import LabelledPage, corpus_cache, load_corpus
from cleaner.training.dumps import RENDERERS
from cleaner.training.evaluate import LineScores, gold_verdicts
from cleaner.training.fit import CV_FOLDS, featurize, grouped_out_of_fold, pooled_line_scores

#: Each seed page counts as this many pages: it is the user's own sample.
SEED_WEIGHT = 30.0
#: What a page of readability-pages or newspaper4k weighs against a WCXB page.
NEWS_WEIGHT = 0.0
#: Pass-1 regularisation of the text model, chosen by site-grouped
#: validation on WCXB dev (docs/experiments.md, round 11).
TEXT_ALPHA = 3e-6
#: Pass-1 regularisation of the HTML model, chosen the same way.
HTML_ALPHA = 1e-6
#: How many times each model's pass 2 revises the scores, chosen by WCXB's
#: site-grouped figures (docs/experiments.md, round 24).
TEXT_REVISIONS = 1
HTML_REVISIONS = 2
#: The corpora the shipped model learns from, and what each of their pages weighs.
#: readability-pages and newspaper4k are modern news pages in many languages:
#: few, so each counts for more than a WCXB page.
CORPUS_WEIGHTS = {"wcxb": 1.0, "readability": NEWS_WEIGHT, "newspaper4k": NEWS_WEIGHT}
#: What a WCXB page of each type weighs in the HTML model. WCXB's gold keeps
#: forum posts, product details and listings as main content on those page
#: types; on articles, comments, teasers and credits are not. News articles
#: are what users clean, so article pages count for more.
HTML_PAGE_TYPE_WEIGHTS = {"article": 3.0}
#: The same for the text model: none, as weighting article pages lowered the
#: text model on CleanEval and L3S-GN1 (docs/experiments.md).
TEXT_PAGE_TYPE_WEIGHTS: dict[str, float] = {}


def page_weight(page: LabelledPage, types: dict[str, str], by_type: dict[str, float]) -> float:
    """What ``page`` weighs in training: its corpus's weight, times its page
    type's for WCXB."""
    weight = CORPUS_WEIGHTS[page.corpus]
    if page.corpus == "wcxb":
        weight *= by_type.get(types.get(page.page_id, ""), 1.0)
    return weight


def oof_cache(html: bool = False) -> Path:
    """Where ``make model`` leaves the training pages' site-grouped out-of-fold
    scores: keyed ``(corpus, page_id, renderer)``, or ``(corpus, page_id)`` for HTML."""
    return corpus_cache() / ("html_oof.v2.joblib" if html else "text_oof.v2.joblib")


def _oof_owner(html: bool) -> Path:
    """The file that names, by its SHA-256, the model file whose training
    wrote the out-of-fold cache (`oof_cache`)."""
    return oof_cache(html).with_suffix(".model.sha256")


def _own_oof(digest: str, written: tuple[bool, bool], previous: str | None) -> None:
    """Record the model file of SHA-256 ``digest`` as the owner of the
    out-of-fold caches this run wrote (``written``: HTML, text), and of those
    the previous model file (SHA-256 ``previous``) owned, whose model this
    run carried over."""
    for html, wrote in zip((True, False), written, strict=True):
        owner = _oof_owner(html)
        carried = previous is not None and owner.is_file() and owner.read_text().strip() == previous
        if wrote or carried:
            owner.write_text(digest + "\n", encoding="ascii")


def shipped_oof(html: bool = False) -> dict[tuple[str, ...], np.ndarray]:
    """The out-of-fold scores of the shipped model's training corpora, as
    ``make model`` left them (see `oof_cache`).

    Raises `ModelError` when they are missing, or when they were written by
    the training of another model file than the shipped one.
    """
    path, owner = oof_cache(html), _oof_owner(html)
    if not path.is_file() or not owner.is_file():
        raise ModelError(f"out-of-fold scores missing ({path}): run 'make model' first")
    if owner.read_text().strip() != shipped_digest():
        raise ModelError(
            f"the out-of-fold scores in {path} come from another model than the shipped "
            "one: run 'make model' first"
        )
    return dict(joblib.load(path))


def training_corpora() -> list[str]:
    """The corpora the shipped model is trained on (weight above 0)."""
    return [corpus for corpus, weight in CORPUS_WEIGHTS.items() if weight > 0]


def _group(page: LabelledPage) -> str:
    return f"{page.corpus}:{page.site}"


def _page_name(page: LabelledPage) -> str:
    return f"{page.corpus}:{page.page_id}"


def text_estimator(random_state: int = 0) -> LineLabeller:
    """The estimator the shipped text model is trained as (seed 0)."""
    return LineLabeller(
        alpha=TEXT_ALPHA, random_state=random_state, n_jobs=-1, revisions=TEXT_REVISIONS
    )


def html_estimator(random_state: int = 0) -> LineLabeller:
    """The estimator the shipped HTML model is trained as (seed 0)."""
    return LineLabeller(
        alpha=HTML_ALPHA, random_state=random_state, html=True, n_jobs=-1, revisions=HTML_REVISIONS
    )


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
        *(
            [
                "- readability-pages (from mozilla/readability's test pages), Apache-2.0, "
                f"each page weighted as {NEWS_WEIGHT:g} WCXB pages: news and blog pages in "
                "many languages, the gold being Readability.js's expected article. "
                "Attribution: Mozilla Readability contributors, Apache-2.0.",
                "- newspaper4k test articles, MIT, weighted as readability-pages: news "
                "articles in 8 languages. Attribution: newspaper4k contributors, MIT.",
            ]
            if NEWS_WEIGHT > 0
            else []
        ),
        "- The HTML model (`html_model` in the bundle): the same pages' HTML, "
        "rendered by cleaner's own walk of the page (a text browser's layout, tables laid "
        "out as blocks) into lines that carry their "
        "DOM context (each value that varies by line also as it differs from the page's "
        "mean) and "
        "trafilatura's marks (the lines its extraction holds, those only its comments "
        "hold, the block element that holds most of it), the same "
        "alignment labels; WCXB's article pages (by its metadata) weigh "
        f"{HTML_PAGE_TYPE_WEIGHTS['article']:g} pages each, so that comment-like and "
        "teaser-like blocks count as chrome the way news articles treat them.",
        "",
        "```json",
        json.dumps(card.training, indent=2),
        "```",
        "",
        "## Metrics",
        "",
        "Line-level scores of `article`, cross-validated grouped by site "
        "(a site's pages never train the fold that tests them). Within each fit, "
        "pass 2 learns from pass-1 scores made out-of-fold by page (the HTML model's "
        "second revision from the first's, on the same folds): the two "
        "renderings of a page are held out together. Sites are grouped within their corpus.",
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
            doc = segment(page.html, True, True, page.page_id)
        except CleanerError:
            continue
        if not len(doc):
            continue
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


#: The modules whose code decides a page's HTML lines, their marks and labels.
HTML_LINE_SOURCES = (
    "cleaner.document",
    "cleaner.pipeline",
    "cleaner.pages.render",
    "cleaner.features.scripts",
    "cleaner.pages.trafilatura",
    "cleaner.training.align",
)


def html_lines_key() -> str:
    """A digest of what decides a corpus's HTML lines: the code of
    `HTML_LINE_SOURCES` and the versions of trafilatura and lxml.

    A change reverted after a retrain (or one that forgot to bump
    `HTML_LINES_VERSION`) then never finds lines another version cached.
    """
    digest = hashlib.sha256()
    for name in HTML_LINE_SOURCES:
        digest.update(Path(str(importlib.import_module(name).__file__)).read_bytes())
    digest.update(f"trafilatura {version('trafilatura')} lxml {version('lxml')}".encode())
    return digest.hexdigest()[:12]


def html_lines_cache(corpus: str) -> Path:
    """Where a corpus's HTML lines are cached."""
    return corpus_cache() / f"{corpus}.html-lines.v{HTML_LINES_VERSION}.{html_lines_key()}.joblib"


def html_corpus(corpus: str, data: Path | None) -> list[LabelledPage]:
    """A corpus's pages as HTML lines with DOM context, labelled by alignment (cached)."""
    cache = html_lines_cache(corpus)
    if cache.is_file():
        return list(joblib.load(cache))
    pages = list(read_corpus(corpus, data))
    chunks = [pages[i : i + 25] for i in range(0, len(pages), 25)]
    parts = joblib.Parallel(n_jobs=-1)(joblib.delayed(_html_pages)(chunk) for chunk in chunks)
    out = [page for part in parts for page in part]
    cache.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(out, cache, compress=3)
    return out


def html_training_set(data: Path | None) -> tuple[list[LabelledPage], list[float]]:
    """The HTML model's training pages and each page's weight (WCXB's page
    types weighed by `HTML_PAGE_TYPE_WEIGHTS`)."""
    pages = [p for corpus in training_corpora() for p in html_corpus(corpus, data)]
    types = page_types(data or default_data_root())
    return pages, [page_weight(p, types, HTML_PAGE_TYPE_WEIGHTS) for p in pages]


def train_html_model(
    data: Path | None, folds: int
) -> tuple[LineLabeller, dict[str, object], dict[str, object]]:
    """The HTML model: the training corpora's pages as lines with DOM context,
    cross-validated grouped by site."""
    started = time.time()
    pages, weights = html_training_set(data)
    docs = [p.doc for p in pages]
    groups = [_group(p) for p in pages]
    model = html_estimator()
    features = featurize(model, docs)
    print(
        f"HTML: featurised {sum(map(len, docs))} lines in {time.time() - started:.0f}s", flush=True
    )
    oof = grouped_out_of_fold(model, docs, groups, folds, weights, features)
    _oof_owner(html=True).unlink(missing_ok=True)  # owned once the model file is written
    joblib.dump(
        {(p.corpus, p.page_id): s for p, s in zip(pages, oof, strict=True)}, oof_cache(html=True)
    )
    metrics = per_corpus_cv(pages, docs, oof, model.threshold, folds, "HTML: ")
    model.fit_transformed(*features, doc_labels(docs), [len(d) for d in docs], np.asarray(weights))
    training: dict[str, object] = {
        "wcxb_page_type_weights": HTML_PAGE_TYPE_WEIGHTS,
        **{
            f"{corpus}_pages": sum(p.corpus == corpus for p in pages)
            for corpus in training_corpora()
        },
        "lines": sum(map(len, docs)),
        "renderer": "cleaner.pages.render (one walk; tables laid out as blocks)",
        # pages mostly in other scripts take trafilatura's verdict (LineLabeller.adjust)
        "known_scripts": sorted(model.known_scripts),
    }
    return model, training, metrics


def per_corpus_cv(
    pages: list[LabelledPage],
    docs: list[Document],
    oof: list[np.ndarray],
    threshold: float,
    folds: int,
    log_prefix: str = "",
) -> dict[str, object]:
    """Line scores of the out-of-fold predictions, corpus by corpus (``docs``
    and ``oof`` may go on past ``pages``, as the seed pages do)."""
    metrics: dict[str, object] = {"folds": folds}
    for corpus in training_corpora():
        held = [i for i, p in enumerate(pages) if p.corpus == corpus]
        cv = pooled_line_scores([docs[i] for i in held], [oof[i] for i in held], threshold)
        print(f"{log_prefix}site-grouped CV on {corpus}: F1 {cv.f1:.3f}", flush=True)
        metrics[corpus] = _scores(cv)
    return metrics


def _scores(cv: LineScores) -> dict[str, object]:
    return {
        "lines": cv.lines,
        "precision": round(cv.precision, 4),
        "recall": round(cv.recall, 4),
        "f1": round(cv.f1, 4),
    }


def _write(bundle: Bundle, path: Path, started: float) -> str:
    """Write the bundle, its card and its digest; the digest."""
    save_bundle(bundle, path)
    write_card(bundle, path.parent / "MODEL_CARD.md")
    digest = write_digest(path).read_text(encoding="ascii").split()[0]
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.time() - started:.0f}s")
    return digest


def retrain_html_model(path: Path, data: Path | None, folds: int) -> None:
    """Replace the HTML model of the bundle at ``path``; its text model is kept as it is."""
    started = time.time()
    previous = file_sha256(path.read_bytes())
    old = load_bundle(path, trusted=True)
    html_model, html_training, html_metrics = train_html_model(data, folds)
    fresh = ModelCard(
        old.card.name,
        training={**old.card.training, "html": html_training},
        metrics={
            **{k: v for k, v in old.card.metrics.items() if k != "wcxb_html_site_grouped_cv"},
            "html_site_grouped_cv": html_metrics,
        },
    )
    _own_oof(
        _write(Bundle(old.text_model, fresh, html_model), path, started), (True, False), previous
    )


@dataclasses.dataclass(frozen=True)
class TextTrainingSet:
    """The text model's training documents: the training corpora's text
    renderings (`pages`), then the seed pages (`seeds`), with each
    document's weight and page name (both renderings of a page share one,
    so that pass 2's inner folds hold them out together)."""

    pages: list[LabelledPage]
    seeds: list[Document]
    weights: list[float]
    page_names: list[str]

    @property
    def docs(self) -> list[Document]:
        """The documents in training order: the corpora's, then the seeds."""
        return [p.doc for p in self.pages] + self.seeds


def text_training_set(seeds_dir: Path, data: Path | None) -> TextTrainingSet:
    """The text model's training set, as ``make model`` fits it."""
    seeds = [read_labelled(p) for p in sorted(seeds_dir.glob("*.tsv"))]
    pages = [
        p for corpus in training_corpora() for r in RENDERERS for p in load_corpus(corpus, r, data)
    ]
    types = page_types(data or default_data_root())
    weights = [page_weight(p, types, TEXT_PAGE_TYPE_WEIGHTS) for p in pages]
    weights += [SEED_WEIGHT] * len(seeds)
    page_names = [_page_name(p) for p in pages] + [f"seed:{i}" for i in range(len(seeds))]
    return TextTrainingSet(pages, seeds, weights, page_names)


def train_text_model(
    seeds_dir: Path, data: Path | None, folds: int, started: float
) -> tuple[LineLabeller, dict[str, object], dict[str, object]]:
    """The text model: the seed pages and the training corpora's text renderings,
    cross-validated grouped by site."""
    training_set = text_training_set(seeds_dir, data)
    pages, seeds, docs = training_set.pages, training_set.seeds, training_set.docs
    weights, page_names = training_set.weights, training_set.page_names
    groups = [_group(p) for p in pages] + [f"seed:{i}" for i in range(len(seeds))]
    model = text_estimator()
    features = featurize(model, docs)
    print(f"featurised {sum(map(len, docs))} lines in {time.time() - started:.0f}s", flush=True)

    oof = grouped_out_of_fold(model, docs, groups, folds, weights, features, page_names)
    oof_cache().parent.mkdir(parents=True, exist_ok=True)
    _oof_owner(html=False).unlink(missing_ok=True)  # owned once the model file is written
    joblib.dump(
        {(p.corpus, p.page_id, p.renderer): s for p, s in zip(pages, oof, strict=False)},
        oof_cache(),
    )
    text_cv = per_corpus_cv(pages, docs, oof, model.threshold, folds)

    model.fit_transformed(
        *features, doc_labels(docs), [len(d) for d in docs], np.asarray(weights), page_names
    )
    n_article = sum(line.label is Label.ARTICLE for d in docs for line in d.lines)
    training = {
        "seed_pages": len(seeds),
        "seed_weight": SEED_WEIGHT,
        "corpus_weights": {c: CORPUS_WEIGHTS[c] for c in training_corpora()},
        "wcxb_page_type_weights": TEXT_PAGE_TYPE_WEIGHTS,
        **{
            f"{corpus}_pages": len({p.page_id for p in pages if p.corpus == corpus})
            for corpus in training_corpora()
        },
        "sites": len({_group(p) for p in pages}),
        "renderers": list(RENDERERS),
        "documents": len(docs),
        "lines": sum(map(len, docs)),
        "article_lines": n_article,
    }
    metrics: dict[str, object] = {
        "text_site_grouped_cv": text_cv,
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
    return model, training, metrics


def retrain_text_model(path: Path, seeds_dir: Path, data: Path | None, folds: int) -> None:
    """Replace the text model of the bundle at ``path``; its HTML model is kept as it is."""
    started = time.time()
    previous = file_sha256(path.read_bytes())
    old = load_bundle(path, trusted=True)
    model, training, metrics = train_text_model(seeds_dir, data, folds, started)
    training["html"] = old.card.training.get("html")
    if "html_site_grouped_cv" in old.card.metrics:
        metrics["html_site_grouped_cv"] = old.card.metrics["html_site_grouped_cv"]
    fresh = ModelCard(old.card.name, training=training, metrics=metrics)
    _own_oof(_write(Bundle(model, fresh, old.html_model), path, started), (False, True), previous)


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
    parser.add_argument(
        "--text-only",
        action="store_true",
        help="retrain only the text model and put it in the existing bundle at --out",
    )
    args = parser.parse_args(argv)

    started = time.time()
    if args.html_only:
        retrain_html_model(args.out, args.data, args.folds)
        return
    if args.text_only:
        retrain_text_model(args.out, args.seeds, args.data, args.folds)
        return
    model, training, metrics = train_text_model(args.seeds, args.data, args.folds, started)
    html_model, html_training, html_metrics = train_html_model(args.data, args.folds)
    training["html"] = html_training
    metrics["html_site_grouped_cv"] = html_metrics
    bundle = Bundle(model, ModelCard("default", training=training, metrics=metrics), html_model)
    _own_oof(_write(bundle, args.out, started), (True, True), None)


if __name__ == "__main__":
    main()
