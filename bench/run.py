"""The benchmark behind the README table: ``make bench``.

Accuracy: every system on the same pages of each corpus, word F1 and
4-word shingle F1 against the gold text, averaged over pages. Text-dump
systems see each page rendered by every renderer; trafilatura-on-HTML,
the reference, sees the page's HTML. On the corpora the shipped model
trained on (`cleaner.training.shipped.training_corpora`: WCXB) cleaner's
figures are site-grouped out-of-fold scores, cached by ``make model``: it
never scores a site it was trained on.

"cleaner (walk dump)" is the text model on another rendering: the page's
HTML handed to cleaner without its HTML model, which lays it out by its own
walk (inscriptis's layout, except that a table's cells are laid out as
blocks, not side by side on a grid; html2text's rendering where the walk
gives no text) and labels the lines with the text model. It shows what
the layout of tables costs the text model. Left out on the corpora the
model trained on.

"Text browsers' dumps": the page's HTML dumped by lynx, w3m, links and
elinks where they are installed (`bench.browsers`), wrapped at 80 columns as
users get them, and by BeautifulSoup's ``get_text("\\n")`` (a text node a
line); cleaner reads a wrapped page paragraph by paragraph
(`cleaner.reflow`), and "cleaner, line by line" is the same model without
that stage. jusText and trafilatura see the page as that stage gives it to
the model: paragraphs joined (line by line, jusText finds no paragraph long
enough to keep), link markup and what the browser wrote itself (its list of
addresses, lynx's formulas, frame marks) left out. Left out on the corpora
the model trained on.

"cleaner + site repeats" is cleaner as ``cleaner batch --site-repeats`` runs
it over a crawl: the lines a site repeats on at least half of its pages
(and on 3 or more) in the corpus are chrome; the site is the corpus's.

Word F1 by language group (the gold text's script; English told by the
corpus's language or py3langid) for cleaner on the text dumps and the
browsers' dumps, and trafilatura on the HTML, over the pages of the corpora
the model never trained on.

Speed: per-page wall time of cleaner on a dump against trafilatura.extract
on the same page's HTML, in the same run; medians.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.browsers import BROWSERS, SCRAPERS, dumpers
from bench.figures import figures_report
from cleaner.api import Cleaner
from cleaner.batch.repeats import cut_site_repeats
from cleaner.document import Document
from cleaner.errors import InputError, ModelError
from cleaner.pages.trafilatura import extract_html
from cleaner.training.corpora import CORPORA, GoldPage, default_data_root, read_corpus
from cleaner.training.corpus import LabelledPage, load_corpus
from cleaner.training.dumps import RENDERERS
from cleaner.training.evaluate import c4_verdicts, justext_verdicts, trafilatura_verdicts
from cleaner.training.metrics import (
    LANGUAGE_GROUPS,
    TextScores,
    language_group,
    mean_f1,
)

ROOT = Path(__file__).resolve().parent.parent
SITE_REPEATS = "cleaner + site repeats"
DUMP_SYSTEMS = (
    "cleaner",
    SITE_REPEATS,
    "uncleaned dump",
    "jusText (dump)",
    "C4 filter (dump)",
    "trafilatura (dump)",
)
HTML_REFERENCE = "trafilatura (HTML)"
#: What dumps the pages beside the renderers: text browsers, then scrapers.
DUMPED_BY = (*BROWSERS, *SCRAPERS)
WALK = "cleaner (walk dump)"
#: The systems of the table by language group, by the names they have there.
GROUPED = {
    "cleaner": "cleaner (text dumps)",
    **{f"cleaner ({name})": f"cleaner ({name})" for name in DUMPED_BY},
    HTML_REFERENCE: HTML_REFERENCE,
}
#: A page's scores by language group: group -> system -> page scores.
ByGroup = dict[str, dict[str, list[TextScores]]]
WALK_RAW = "uncleaned walk dump"


def text_only(cleaner: Cleaner) -> Cleaner:
    """``cleaner`` without its HTML model: it lays an HTML page out by its walk
    (html2text's rendering where the walk gives no text) and labels the lines
    with the text model."""
    return Cleaner(dataclasses.replace(cleaner.bundle, html_model=None), cleaner.threshold)


def walk_labelled(walker: Cleaner, html: str) -> Document:
    """The page's walk dump labelled by ``walker``, a `text_only` cleaner (no
    lines for a page that cannot be parsed)."""
    try:
        return walker.label_html(html)
    except InputError:
        return Document(())


def _keep(doc: Document, verdicts: list[bool]) -> str:
    return doc.with_labels(verdicts).article_text()


def _oof_scores(corpus: str) -> dict[tuple[str, str], np.ndarray]:
    """Site-grouped out-of-fold scores of a corpus the shipped model trained on,
    keyed ``(page_id, renderer)``; empty for the others."""
    from cleaner.training.shipped import shipped_oof, training_corpora

    if corpus not in training_corpora():
        return {}
    try:
        scores = shipped_oof()
    except ModelError as exc:
        raise SystemExit(str(exc)) from None
    return {
        (page_id, renderer): s for (name, page_id, renderer), s in scores.items() if name == corpus
    }


def _group(page: GoldPage) -> str:
    return language_group(page.gold, page.language)


def bench_corpus(
    corpus: str, cleaner: Cleaner, root: Path, limit: int | None, by_group: ByGroup
) -> tuple[dict[str, list[TextScores]], dict[str, float]]:
    """Per-system page scores on one corpus, and speed figures; the scores
    of `GROUPED`'s systems also go to ``by_group`` (on a corpus the model
    never trained on)."""
    gold_pages: dict[str, GoldPage] = {p.page_id: p for p in read_corpus(corpus, root)}
    oof = _oof_scores(corpus)
    grouped = not oof
    scores: dict[str, list[TextScores]] = defaultdict(list)
    baselines: dict[str, Callable[[Document], list[bool]]] = {
        "uncleaned dump": lambda d: [True] * len(d),
        "jusText (dump)": justext_verdicts,
        "C4 filter (dump)": c4_verdicts,
        "trafilatura (dump)": trafilatura_verdicts,
    }
    cleaner_times: list[float] = []
    seen: list[LabelledPage] = []
    for renderer in RENDERERS:
        pages = load_corpus(corpus, renderer, root)[:limit]
        labelled = []
        for page in pages:
            gold = page.gold_text
            if (page.page_id, renderer) in oof:
                doc = page.doc.with_predictions(oof[(page.page_id, renderer)], cleaner.threshold)
            else:
                doc = cleaner.label(page.doc.to_text())
            labelled.append((page.site, doc))
            scores["cleaner"].append(TextScores.compare(doc.article_text(), gold))
            if grouped:
                group = _group(gold_pages[page.page_id])
                by_group[group][GROUPED["cleaner"]].append(scores["cleaner"][-1])
            for name, verdicts in baselines.items():
                scores[name].append(TextScores.compare(_keep(page.doc, verdicts(page.doc)), gold))
            if renderer == next(iter(RENDERERS)):
                seen.append(page)
        # As `cleaner batch --site-repeats` runs over a crawl: lines a site
        # repeats on at least half of its pages (and 3) are chrome.
        for page, doc in zip(pages, cut_site_repeats(labelled), strict=True):
            scores[SITE_REPEATS].append(TextScores.compare(doc.article_text(), page.gold_text))
    ratios: list[float] = []
    traf_times: list[float] = []
    walker = None if oof else text_only(cleaner)  # a training corpus's pages were seen
    for page in seen:
        html = gold_pages[page.page_id].html
        if walker is not None:
            walked = walk_labelled(walker, html)
            scores[WALK].append(TextScores.compare(walked.article_text(), page.gold_text))
            scores[WALK_RAW].append(TextScores.compare(walked.to_text(), page.gold_text))
        t0 = time.perf_counter()
        extracted = extract_html(html)
        t1 = time.perf_counter()
        cleaner.clean(page.doc.to_text())
        t2 = time.perf_counter()
        traf_times.append(t1 - t0)
        cleaner_times.append(t2 - t1)
        ratios.append((t2 - t1) / max(t1 - t0, 1e-6))
        scores[HTML_REFERENCE].append(TextScores.compare(extracted, page.gold_text))
        if grouped:
            by_group[_group(gold_pages[page.page_id])][HTML_REFERENCE].append(
                scores[HTML_REFERENCE][-1]
            )
    lines = sum(len(p.doc) for p in seen)
    speed = {
        "pages": len(seen),
        "cleaner_pages_per_s": len(seen) / sum(cleaner_times),
        "cleaner_lines_per_s": lines / sum(cleaner_times),
        "trafilatura_pages_per_s": len(seen) / sum(traf_times),
        "median_time_ratio": statistics.median(ratios),
        "total_time_ratio": sum(cleaner_times) / sum(traf_times),
    }
    return scores, speed


def _keep_paragraphs(doc: Document, verdicts: Callable[[Document], list[bool]]) -> str:
    """A baseline's kept text when it sees ``doc`` as cleaner's model does
    (`cleaner.reflow.model_view`: a wrapped page's paragraphs whole, link
    markup and what a browser wrote itself left out)."""
    from cleaner.reflow import model_view, spread

    view = model_view(doc)
    if view is None:
        return _keep(doc, verdicts(doc))
    joined, runs = view
    kept = spread([float(v) for v in verdicts(joined)], runs, len(doc))
    return doc.with_labels(value >= 0.5 for value in kept).article_text()


def line_by_line(cleaner: Cleaner, text: str) -> Document:
    """``cleaner``'s labels for a text page without the reflow stage."""
    from unittest import mock

    from cleaner import reflow

    with mock.patch.object(reflow, "model_view", lambda doc: None):
        return cleaner.label(text)


def bench_browsers(
    corpus: str, cleaner: Cleaner, root: Path, limit: int | None, by_group: ByGroup
) -> dict[str, list[TextScores]]:
    """Per-system page scores on the text browsers' dumps of one corpus
    (nothing for a corpus the model trained on); cleaner's also go to
    ``by_group``."""
    from cleaner.training.shipped import training_corpora

    if corpus in training_corpora():
        return {}
    pages = list(read_corpus(corpus, root))[:limit]
    golds = [p.gold_text for p in pages]
    scores: dict[str, list[TextScores]] = defaultdict(list)
    for browser, dump_pages in dumpers().items():
        dumps = dump_pages([p.html for p in pages])
        for page, text, gold in zip(pages, dumps, golds, strict=True):
            doc = Document.from_text(text)
            kept = {
                "cleaner": cleaner.label(text).article_text(),
                "cleaner, line by line": line_by_line(cleaner, text).article_text(),
                "uncleaned": text,
                "jusText": _keep_paragraphs(doc, justext_verdicts),
                "trafilatura": _keep_paragraphs(doc, trafilatura_verdicts),
            }
            for system, extracted in kept.items():
                scores[f"{system} ({browser})"].append(TextScores.compare(extracted, gold))
            by_group[_group(page)][f"cleaner ({browser})"].append(
                scores[f"cleaner ({browser})"][-1]
            )
    return scores


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and write ``bench/results.md``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--corpora", nargs="*", default=list(CORPORA))
    parser.add_argument("--limit", type=int, default=None, help="pages per corpus and renderer")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args(argv)
    root = args.data or default_data_root()
    cleaner = Cleaner.load()
    table: dict[str, dict[str, tuple[float, float]]] = {}
    speeds: dict[str, dict[str, float]] = {}
    by_group: ByGroup = defaultdict(lambda: defaultdict(list))
    for corpus in args.corpora:
        started = time.time()
        scores, speeds[corpus] = bench_corpus(corpus, cleaner, root, args.limit, by_group)
        scores.update(bench_browsers(corpus, cleaner, root, args.limit, by_group))
        table[corpus] = {system: mean_f1(page_scores) for system, page_scores in scores.items()}
        print(f"{corpus}: done in {time.time() - started:.0f}s", flush=True)
    report = render_report(table, speeds, args, by_group)
    if "l3s-gn1" in args.corpora:
        report += "\n" + alignment_report(root)
    report += "\n" + figures_report()
    args.out.write_text(report, encoding="utf-8")
    print(report)


def render_report(
    table: dict, speeds: dict, args: argparse.Namespace, by_group: ByGroup | None = None
) -> str:
    corpora = list(table)
    head = "| system | " + " | ".join(corpora) + " |"
    rule = "|---|" + "---|" * len(corpora)
    rows = [
        "Word F1 / shingle F1 (mean over pages; dump systems over both renderings).",
        "",
        head,
        rule,
    ]
    for system in (*DUMP_SYSTEMS, HTML_REFERENCE):
        rows.append(_row(system, corpora, table))
    rows += [
        "",
        "The text model on the page as cleaner's walk lays it out (inscriptis's layout, "
        "a table's cells as blocks). Not run on the corpora the model trained on (n/a).",
        "",
        head,
        rule,
        _row(WALK, corpora, table),
        _row(WALK_RAW, corpora, table),
        _row(HTML_REFERENCE, corpora, table),
        "",
        *browser_rows(corpora, table),
        *language_rows(by_group or {}),
        "Speed: cleaner on the dump (inscriptis rendering) vs trafilatura.extract on the "
        "same page's HTML, same run.",
        "",
        "| corpus | pages | cleaner pages/s | cleaner lines/s | trafilatura pages/s "
        "| median per-page time ratio (cleaner / trafilatura) |",
        "|---|---|---|---|---|---|",
    ]
    for corpus, s in speeds.items():
        rows.append(
            f"| {corpus} | {s['pages']} | {s['cleaner_pages_per_s']:.1f} | "
            f"{s['cleaner_lines_per_s']:.0f} | {s['trafilatura_pages_per_s']:.1f} | "
            f"{s['median_time_ratio']:.2f} |"
        )
    limit = f" --limit {args.limit}" if args.limit else ""
    rows += ["", f"Command: `make bench` (python -m bench.run{limit})", ""]
    return "\n".join(rows)


def browser_rows(corpora: list[str], table: dict) -> list[str]:
    """The table of the text browsers' dumps (a note when none is installed)."""
    browsers = [b for b in DUMPED_BY if any(f"cleaner ({b})" in table[c] for c in corpora)]
    if not browsers:
        return [
            "No text browser installed (lynx, w3m, links, elinks), nor BeautifulSoup: "
            "no dump was benchmarked.",
            "",
        ]
    order = ("cleaner", "cleaner, line by line", "uncleaned", "jusText", "trafilatura")
    head = "| system | " + " | ".join(corpora) + " |"
    rows = [
        "Text browsers' dumps of the page (wrapped at 80 columns; lynx's "
        '"links listed" numbers each link and lists the addresses at the end), and '
        'BeautifulSoup\'s get_text("\\n") (a text node a line, scripts and styles left out). '
        "jusText and trafilatura see the page as cleaner's model reads it (paragraphs "
        "joined, link markup and what the browser wrote itself, such as its list of "
        "addresses, left out). "
        "Not run on the corpora the model trained on (n/a).",
        "",
        head,
        "|---|" + "---|" * len(corpora),
    ]
    for browser in browsers:
        rows += [_row(f"{system} ({browser})", corpora, table) for system in order]
    return [*rows, _row(HTML_REFERENCE, corpora, table), ""]


def language_rows(by_group: ByGroup) -> list[str]:
    """Word F1 by language group (pages in brackets; none when no corpus the
    model never trained on was run)."""
    groups = [g for g in LANGUAGE_GROUPS if g in by_group]
    if not groups:
        return []
    pages = [len(by_group[g][HTML_REFERENCE]) for g in groups]
    rows = [
        "Word F1 by language group, over the pages of the corpora above that the model "
        "never trained on (the group from the gold text's script; English told by the "
        "corpus's language or py3langid). cleaner (text dumps) averages both renderings.",
        "",
        "| system | " + " | ".join(f"{g} ({n})" for g, n in zip(groups, pages, strict=True)) + " |",
        "|---|" + "---|" * len(groups),
    ]
    for name in GROUPED.values():
        if any(by_group[g].get(name) for g in groups):
            cells = [
                f"{mean_f1(by_group[g][name])[0]:.3f}" if by_group[g].get(name) else "n/a"
                for g in groups
            ]
            rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return [*rows, ""]


def _row(system: str, corpora: list[str], table: dict) -> str:
    cells = []
    for corpus in corpora:
        if system in table[corpus]:
            word, shingle = table[corpus][system]
            cells.append(f"{word:.3f} / {shingle:.3f}")
        else:
            cells.append("n/a")
    return f"| {system} | " + " | ".join(cells) + " |"


def alignment_report(root: Path) -> str:
    """Agreement of the alignment rule with L3S-GN1's block annotations."""
    from cleaner.training.validate_alignment import validate

    rows = [
        "Alignment rule vs L3S-GN1 block annotations (headline + full text = article):",
        "",
        "| renderer | pages | lines | agreement | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    for renderer in RENDERERS:
        a = validate(root, renderer)
        rows.append(
            f"| {renderer} | {a.pages} | {a.lines} | {a.agreement:.4f} | "
            f"{a.scores.precision:.4f} | {a.scores.recall:.4f} |"
        )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    main()
