"""Fuzzing at scale: ``python -m bench.fuzz [--examples N]``.

Hypothesis generates text and HTML-ish strings (tag soup, entities, control
characters, very long lines, deep nesting) and feeds them to
`cleaner.clean` and `cleaner.clean_html`. A finding is any exception other
than a `CleanerError`, or an output line that is not an input line in
input order (text mode). Hypothesis shrinks each finding to a minimal
input. Writes ``bench/fuzz.md``.
"""

from __future__ import annotations

import argparse
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.document import lines_in_order
from cleaner.errors import CleanerError

ROOT = Path(__file__).resolve().parent.parent
TAGS = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<li>",
    "<ul>",
    "</ul>",
    "<table><tr><td>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "<html>",
    "<body>",
    "<head>",
    "<meta charset='shift_jis'>",
    "<title>",
    "<pre>",
    "</pre>",
    "<a href='javascript:x'>",
    "</a>",
    "<svg><foreignObject>",
    "<noscript>",
    "<iframe>",
    "<h1>",
    "<nav>",
    "<footer>",
    "<img src=x alt='",
    "'>",
    "\x00",
    "\r",
    "\u2028",
    "\ufeff",
]
text_strategy = st.one_of(
    st.text(max_size=2000),
    st.lists(st.text(max_size=200), max_size=60).map("\n".join),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=20), st.integers(1, 5000)),
)
html_strategy = st.one_of(
    st.lists(st.one_of(st.text(max_size=120), st.sampled_from(TAGS)), max_size=200).map("".join),
    st.builds(
        lambda n, s: "<div>" * n + s + "</div>" * n, st.integers(0, 3000), st.text(max_size=200)
    ),
    st.binary(max_size=2000),
)


def run(examples: int) -> tuple[dict[str, int], list[str]]:
    """Run both targets; (inputs tried per target, findings)."""
    tried = {"clean": 0, "clean_html": 0}
    findings: list[str] = []
    opts = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )

    @opts
    @given(text_strategy)
    def fuzz_clean(text: str) -> None:
        tried["clean"] += 1
        try:
            out = cleaner.clean(text)
        except CleanerError:
            return
        assert lines_in_order(text, out), "output line not an input line in order"

    @opts
    @given(html_strategy)
    def fuzz_clean_html(page: str | bytes) -> None:
        tried["clean_html"] += 1
        try:
            out = cleaner.clean_html(page)
        except CleanerError:
            return
        assert isinstance(out, str)

    for target in (fuzz_clean, fuzz_clean_html):
        try:
            target()
        except Exception as exc:  # a finding: keep the shrunk example's report
            findings.append("".join(traceback.format_exception_only(type(exc), exc)).strip())
    return tried, findings


def main(argv: list[str] | None = None) -> None:
    """Fuzz and write the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "fuzz.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    tried, findings = run(args.examples)
    seconds = time.perf_counter() - started
    lines = [
        f"Fuzzing with hypothesis: {tried['clean']} inputs to `clean`, "
        f"{tried['clean_html']} to `clean_html` (shrinking included), {seconds:.0f} s.",
        "",
        f"Findings: {len(findings) or 'none'}",
        *(f"- {f}" for f in findings),
        "",
        f"Command: `python -m bench.fuzz --examples {args.examples}`",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
