"""HTML benchmark: ``python -m bench.html`` (part of ``make bench``).

Every system gets each page's HTML, in the same run: cleaner's
``clean_html`` (the HTML model; on the corpora it trained on, WCXB,
readability-pages and newspaper4k, its site-grouped out-of-fold scores from
``make model``, never a model that saw the site), trafilatura
(default and favor_precision), readability-lxml, jusText and boilerpy3.
"cleaner (HTML) + site repeats" is cleaner as ``cleaner batch
--site-repeats`` runs it over a crawl: lines a site repeats on at least
half of its pages (and 3 or more) in the corpus are chrome.
Word F1 and 4-word shingle F1 against the gold text, averaged over pages;
per-page time of cleaner-html against trafilatura.extract, median.
Writes ``bench/html.md``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from cleaner.api import Cleaner
from cleaner.batch.repeats import cut_site_repeats
from cleaner.document import Document
from cleaner.training.corpora import CORPORA, default_data_root, read_corpus
from cleaner.training.metrics import LANGUAGE_GROUPS, TextScores, language_group, mean_f1

ROOT = Path(__file__).resolve().parent.parent
SITE_REPEATS = "cleaner (HTML) + site repeats"
SYSTEMS = (
    "cleaner (HTML)",
    SITE_REPEATS,
    "trafilatura",
    "trafilatura favor_precision",
    "readability-lxml",
    "jusText",
    "boilerpy3",
)


def _readability(html: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return str(lxml.html.fromstring(summary).text_content()) if summary.strip() else ""


def _justext(html: str) -> str:
    import justext

    from cleaner.features.stopwords import page_stoplist
    from cleaner.training.dumps import render_inscriptis

    stoplist = page_stoplist(render_inscriptis(html).split("\n"))
    paragraphs = justext.justext(html.encode("utf-8", "replace"), stoplist, encoding="utf-8")
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _boilerpy3(html: str) -> str:
    from boilerpy3 import extractors

    return str(extractors.ArticleExtractor(raise_on_failure=False).get_content(html))


def _trafilatura(**kwargs: object) -> Callable[[str], str]:
    from cleaner.pages.trafilatura import extract_html

    return lambda html: extract_html(html, **kwargs)


def _safe(function: Callable[[str], str], html: str) -> str:
    try:
        return function(html)
    except Exception:  # a baseline that fails on a page extracts nothing there
        return ""


def bench_corpus(
    corpus: str, cleaner: Cleaner, root: Path, limit: int | None
) -> tuple[dict, dict, list[str]]:
    """Per-system page scores on one corpus, the speed figures, each page's language group."""
    baselines = {
        "trafilatura": _trafilatura(),
        "trafilatura favor_precision": _trafilatura(favor_precision=True),
        "readability-lxml": _readability,
        "jusText": _justext,
        "boilerpy3": _boilerpy3,
    }
    oof: dict[str, Document] = {}
    from cleaner.errors import ModelError
    from cleaner.training.shipped import html_corpus, shipped_oof, training_corpora

    if corpus in training_corpora():
        try:
            scores_by_page = shipped_oof(html=True)
        except ModelError as exc:
            raise SystemExit(str(exc)) from None
        for labelled in html_corpus(corpus, root):
            scores_of_page = scores_by_page[(corpus, labelled.page_id)]
            oof[labelled.page_id] = labelled.doc.with_predictions(scores_of_page, cleaner.threshold)
    scores: dict[str, list[TextScores]] = defaultdict(list)
    ratios: list[float] = []
    cleaner_times: list[float] = []
    page_docs: list[tuple[str, Document, str]] = []
    groups: list[str] = []
    for page, _ in zip(read_corpus(corpus, root), range(limit or 10**9), strict=False):
        gold = page.gold_text
        t0 = time.perf_counter()
        extracted = _safe(baselines["trafilatura"], page.html)
        t1 = time.perf_counter()
        try:
            doc = cleaner.label_html(page.html)
            doc.article_text(strip_indent=True)  # what clean_html adds, timed with it
        except Exception:
            doc = Document(())
        t2 = time.perf_counter()
        ratios.append((t2 - t1) / max(t1 - t0, 1e-6))
        cleaner_times.append(t2 - t1)
        doc = oof.get(page.page_id, doc)
        page_docs.append((page.site, doc, gold))
        groups.append(language_group(page.gold, page.language))
        text = doc.article_text(strip_indent=True)
        scores["cleaner (HTML)"].append(TextScores.compare(text, gold))
        scores["trafilatura"].append(TextScores.compare(extracted, gold))
        for name, function in baselines.items():
            if name != "trafilatura":
                scores[name].append(TextScores.compare(_safe(function, page.html), gold))
    # As `cleaner batch --site-repeats` runs over a crawl: lines a site
    # repeats on at least half of its pages (and 3) are chrome.
    cut = cut_site_repeats((site, doc) for site, doc, _ in page_docs)
    for doc, (_, _, gold) in zip(cut, page_docs, strict=True):
        scores[SITE_REPEATS].append(TextScores.compare(doc.article_text(strip_indent=True), gold))
    speed = {
        "pages": len(ratios),
        "cleaner_pages_per_s": len(ratios) / sum(cleaner_times),
        "median_time_ratio": statistics.median(ratios),
    }
    return scores, speed, groups


def main(argv: list[str] | None = None) -> None:
    """Run the HTML benchmark and write its table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--corpora", nargs="*", default=list(CORPORA))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "html.md")
    args = parser.parse_args(argv)
    root = args.data or default_data_root()
    cleaner = Cleaner.load()
    table: dict[str, dict[str, tuple[float, float]]] = {}
    speeds = {}
    by_group: dict[str, dict[str, list[TextScores]]] = defaultdict(lambda: defaultdict(list))
    for corpus in args.corpora:
        started = time.time()
        scores, speeds[corpus], groups = bench_corpus(corpus, cleaner, root, args.limit)
        table[corpus] = {name: mean_f1(page_scores) for name, page_scores in scores.items()}
        for name, page_scores in scores.items():
            for group, page_score in zip(groups, page_scores, strict=True):
                by_group[group][name].append(page_score)
        print(f"{corpus}: done in {time.time() - started:.0f}s", flush=True)
    corpora = list(table)
    rows = [
        "HTML input: word F1 / shingle F1 (mean over pages; cleaner on the corpora it trained "
        "on: site-grouped out-of-fold).",
        "",
        "| system | " + " | ".join(corpora) + " |",
        "|---|" + "---|" * len(corpora),
    ]
    for name in SYSTEMS:
        cells = [f"{table[c][name][0]:.3f} / {table[c][name][1]:.3f}" for c in corpora]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    rows += [
        "",
        "cleaner minus trafilatura (word F1): "
        + ", ".join(
            f"{c} {table[c]['cleaner (HTML)'][0] - table[c]['trafilatura'][0]:+.3f}"
            for c in corpora
        ),
        "",
        *language_table(by_group),
        "",
        "| corpus | pages | cleaner-html pages/s | median per-page time ratio "
        "(cleaner-html / trafilatura.extract) |",
        "|---|---|---|---|",
        *(
            f"| {c} | {s['pages']} | {s['cleaner_pages_per_s']:.1f} | "
            f"{s['median_time_ratio']:.2f} |"
            for c, s in speeds.items()
        ),
        "",
        f"Command: `python -m bench.html{f' --limit {args.limit}' if args.limit else ''}` "
        "(part of `make bench`)",
        "",
    ]
    report = "\n".join(rows)
    args.out.write_text(report, encoding="utf-8")
    print(report)


def language_table(by_group: dict[str, dict[str, list[TextScores]]]) -> list[str]:
    """Word F1 by language group over the pages of every corpus benchmarked."""
    groups = [g for g in LANGUAGE_GROUPS if g in by_group]
    rows = [
        "Word F1 by language group (pages of every corpus above; the group from the gold "
        "text's script, English told by the corpus's language or py3langid):",
        "",
        "| system | " + " | ".join(f"{g} ({len(by_group[g][SYSTEMS[0]])})" for g in groups) + " |",
        "|---|" + "---|" * len(groups),
    ]
    for name in SYSTEMS:
        cells = [f"{mean_f1(by_group[g][name])[0]:.3f}" for g in groups]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return rows


if __name__ == "__main__":
    main()
