"""Where ``clean_html`` spends its time: ``python -m bench.stages``.

Each stage on the same pages, one process, as a multiple of the time
trafilatura.extract takes on them: the trafilatura call, the lxml parse,
the parse and inscriptis's walk alone (no class marks, no line context),
the rendering with DOM context (``html_document``, parse included), line
features plus the model (``predict_scores``), and the whole ``clean_html``
call. Prints a Markdown table.

``--busy N`` keeps N other processes cleaning the same pages while it
times, as a crawler's other processes or a batch's other workers would.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cleaner.api import default_cleaner
from cleaner.pages.render import html_document, mark_extraction, parse_html, render_html_text
from cleaner.pages.trafilatura import extract_html
from cleaner.training.corpora import default_data_root, read_corpus


def main(argv: list[str] | None = None) -> None:
    """Time each stage over the first pages of a corpus and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--corpus", default="cleaneval")
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--busy", type=int, default=0, help="other processes cleaning meanwhile")
    parser.add_argument("--forever", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.data or default_data_root()
    pages = [g.html for g in read_corpus(args.corpus, root) if g.html.strip()][: args.pages]
    cleaner = default_cleaner()
    while args.forever:  # one of the --busy processes
        for html in pages:
            cleaner.clean_html(html)
    cleaner.clean_html(pages[0])  # libraries loaded before timing
    model = cleaner.bundle.html_model
    if model is None:
        raise SystemExit("the shipped bundle has no HTML model")
    totals = dict.fromkeys(
        (
            "trafilatura.extract",
            "lxml parse",
            "lxml parse + inscriptis walk, no context",
            "rendering with DOM context",
            "line features + model",
            "clean_html",
        ),
        0.0,
    )

    def timed(name: str, function: Callable[..., Any], *args: Any) -> Any:
        start = time.perf_counter()
        result = function(*args)
        totals[name] += time.perf_counter() - start
        return result

    command = [sys.executable, "-m", "bench.stages", "--corpus", args.corpus, "--forever"]
    command += ["--data", str(root), "--pages", str(args.pages)]
    spinners = [subprocess.Popen(command) for _ in range(args.busy)]
    try:
        for html in pages:
            _time_page(html, model, cleaner, timed)
    finally:
        for spinner in spinners:
            spinner.kill()
    base = totals["trafilatura.extract"]
    busy = f", {args.busy} other processes cleaning them meanwhile" if args.busy else ""
    print(f"{len(pages)} {args.corpus} pages, one process{busy}; x trafilatura.extract\n")
    print("| stage | seconds | x trafilatura.extract |\n|---|---|---|")
    for name, seconds in totals.items():
        print(f"| {name} | {seconds:.2f} | {seconds / base:.2f} |")


def _time_page(html: str, model: Any, cleaner: Any, timed: Callable[..., Any]) -> None:
    """Each stage once on one page."""
    extraction = timed("trafilatura.extract", extract_html, html)
    timed("lxml parse", parse_html, html)
    timed("lxml parse + inscriptis walk, no context", render_html_text, html)
    doc = timed("rendering with DOM context", html_document, html)
    doc = mark_extraction(doc, extraction)
    timed("line features + model", model.predict_scores, [doc])
    timed("clean_html", cleaner.clean_html, html)


if __name__ == "__main__":
    main()
