"""Where ``clean_html`` spends its time: ``python -m bench.stages``.

Each stage on the same pages, one process, as a multiple of the time
trafilatura.extract takes on them: the trafilatura call, the lxml parse,
the rendering with DOM context (``html_document``, parse included), line
features plus the model (``predict_scores``), and the whole ``clean_html``
call. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cleaner.api import default_cleaner
from cleaner.corpora import default_data_root, read_corpus
from cleaner.html_lines import html_document, parse_html
from cleaner.trafilatura_adapter import trafilatura_extract_html


def main(argv: list[str] | None = None) -> None:
    """Time each stage over the first pages of a corpus and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--corpus", default="cleaneval")
    parser.add_argument("--pages", type=int, default=150)
    args = parser.parse_args(argv)
    root = args.data or default_data_root()
    pages = [g.html for g in read_corpus(args.corpus, root) if g.html.strip()][: args.pages]
    cleaner = default_cleaner()
    cleaner.clean_html(pages[0])  # libraries loaded before timing
    model = cleaner.bundle.html_model
    if model is None:
        raise SystemExit("the shipped bundle has no HTML model")
    totals = dict.fromkeys(
        (
            "trafilatura.extract",
            "lxml parse",
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

    for html in pages:
        extraction = timed("trafilatura.extract", trafilatura_extract_html, html)
        timed("lxml parse", parse_html, html)
        doc = timed("rendering with DOM context", html_document, html, None, extraction)
        timed("line features + model", model.predict_scores, [doc])
        timed("clean_html", cleaner.clean_html, html)
    base = totals["trafilatura.extract"]
    print(f"{len(pages)} {args.corpus} pages, one process; time as a multiple of trafilatura's\n")
    print("| stage | seconds | x trafilatura.extract |\n|---|---|---|")
    for name, seconds in totals.items():
        print(f"| {name} | {seconds:.2f} | {seconds / base:.2f} |")


if __name__ == "__main__":
    main()
