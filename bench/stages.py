"""Where ``clean_html`` and ``clean`` spend their time: ``python -m bench.stages``.

Each stage of the pipeline on the same pages, one process, as a multiple of
the time ``trafilatura.extract`` takes on each page's HTML: the lxml parse,
the rendering walk (lines with DOM context), trafilatura's extraction from
the parsed tree (the baseline stage), the line features, the two passes of
the model, and the whole ``clean_html`` call. Then ``clean`` on the pages'
text renderings, in lines per second. Medians over pages; Markdown table on
stdout.

``--busy N`` keeps N other processes cleaning the same pages while it
times, as a crawler's other processes or a batch's other workers would.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from cleaner.api import Cleaner
from cleaner.document import Document
from cleaner.pages.render import mark_extraction, parse_html, render_blocks
from cleaner.pages.trafilatura import extract_html, extract_parts
from cleaner.training.corpora import default_data_root, read_corpus

STAGES = (
    "lxml parse",
    "rendering walk (lines with DOM context)",
    "trafilatura from the parsed tree",
    "marks from the extraction",
    "line features",
    "model (both passes)",
    "clean_html, whole call",
)


def main(argv: list[str] | None = None) -> None:
    """Time each stage over the first pages of some corpora and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--corpora", nargs="*", default=["cleaneval", "wcxb", "l3s-gn1"])
    parser.add_argument("--pages", type=int, default=100, help="pages per corpus")
    parser.add_argument("--busy", type=int, default=0, help="other processes cleaning meanwhile")
    parser.add_argument("--forever", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "stages.md")
    args = parser.parse_args(argv)
    root = args.data or default_data_root()
    pages: list[str] = []
    for corpus in args.corpora:
        found = [g.html for g in read_corpus(corpus, root) if g.html.strip()]
        pages += found[: args.pages]
    cleaner = Cleaner.load()
    while args.forever:  # one of the --busy processes
        for html in pages:
            cleaner.clean_html(html)
    command = [sys.executable, "-m", "bench.stages", "--forever", "--pages", str(args.pages)]
    command += ["--data", str(root), "--corpora", *args.corpora]
    spinners = [subprocess.Popen(command) for _ in range(args.busy)]
    try:
        ratios, text_rate = _time_pages(pages, cleaner)
    finally:
        for spinner in spinners:
            spinner.kill()
    busy = f", {args.busy} other processes cleaning them meanwhile" if args.busy else ""
    rows = [
        f"{len(pages)} pages ({', '.join(args.corpora)}, {args.pages} each), one process{busy}; "
        "each stage's time as a multiple of trafilatura.extract's on the same page, "
        "median over pages",
        "",
        "| stage | x trafilatura.extract (median) |",
        "|---|---|",
        *(f"| {name} | {statistics.median(ratios[name]):.2f} |" for name in STAGES),
        "",
        f"`clean` on the same pages' text renderings: {text_rate:,.0f} lines/s "
        "(all lines over all time)",
        "",
        "Command: `python -m bench.stages` (part of `make bench`)",
        "",
    ]
    report = "\n".join(rows)
    print(report)
    if not args.busy:
        args.out.write_text(report, encoding="utf-8")


def _timed(times: dict[str, float], name: str, function: Callable[..., Any], *args: Any) -> Any:
    """Call ``function(*args)``, recording its wall time under ``name``."""
    start = time.perf_counter()
    result = function(*args)
    times[name] = time.perf_counter() - start
    return result


def _time_pages(pages: list[str], cleaner: Cleaner) -> tuple[dict[str, list[float]], float]:
    """Each stage once on each page; the ratios, and clean's lines per second."""
    model = cleaner.bundle.html_model
    if model is None:
        raise SystemExit("the shipped bundle has no HTML model")
    cleaner.clean_html(pages[0])  # libraries loaded before timing
    ratios: dict[str, list[float]] = defaultdict(list)
    texts: list[str] = []
    for html in pages:
        times: dict[str, float] = {}
        timed = partial(_timed, times)

        timed("trafilatura.extract", extract_html, html)
        tree = timed("lxml parse", parse_html, html)
        if tree is None:
            continue
        doc, blocks = timed("rendering walk (lines with DOM context)", render_blocks, tree)
        text, comments = timed("trafilatura from the parsed tree", extract_parts, tree)
        doc = timed("marks from the extraction", mark_extraction, doc, text, blocks, comments)
        texts.append(doc.to_text())
        if len(doc):
            X = timed("line features", model.featurize, [doc])
            timed("model (both passes)", _passes, model, X, len(doc))
        timed("clean_html, whole call", cleaner.clean_html, html)
        base = max(times["trafilatura.extract"], 1e-6)
        for name in STAGES:
            ratios[name].append(times.get(name, 0.0) / base)
    lines = sum(len(Document.from_text(t)) for t in texts)
    start = time.perf_counter()
    for text in texts:
        cleaner.clean(text)
    return ratios, lines / (time.perf_counter() - start)


def _passes(model: Any, X: Any, n: int) -> Any:
    return model.second_pass(model.first_pass(X), X, [n])


if __name__ == "__main__":
    main()
