"""Start-up and throughput figures of the CLI and library (part of ``make bench``).

- import + first clean: wall time of ``cleaner clean seeds/...`` as a new
  process, median of several runs;
- lines per second of ``clean`` on one large text input (many pages' dumps
  joined), median of several runs;
- the shipped model's load time;
- the shipped model's article-line F1 on the labelled seed page.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from cleaner.api import Cleaner
from cleaner.document import Label
from cleaner.labelled import read_labelled
from cleaner.training.corpus import load_corpus
from cleaner.training.evaluate import LineScores, gold_verdicts

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_16f81fd0a8824d6f.txt"
RUNS = 5


def startup_seconds() -> float:
    """Median wall time of a fresh ``cleaner clean SEED`` process."""
    command = [sys.executable, "-m", "cleaner.cli", "clean", str(SEED)]
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def large_input_lines_per_second(cleaner: Cleaner, pages: int = 300) -> tuple[int, float]:
    """(lines, median lines/s) of cleaning one input made of many dumps."""
    docs = [p.doc for p in load_corpus("cleaneval", "inscriptis")[:pages]]
    text = "\n\n".join(d.to_text() for d in docs)
    n = sum(len(d) for d in docs)
    rates = []
    for _ in range(3):
        t0 = time.perf_counter()
        cleaner.clean(text)
        rates.append(n / (time.perf_counter() - t0))
    return n, statistics.median(rates)


def model_load_seconds() -> float:
    """Median time to load the shipped model file (libraries already imported)."""
    from cleaner.model.bundle import default_model_path, load_bundle

    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        load_bundle(default_model_path())
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def seed_f1(cleaner: Cleaner) -> float:
    """Article-line F1 of the shipped model on the labelled seed page."""
    doc = read_labelled(SEED.with_suffix(".tsv"))
    predicted = cleaner.label_document(doc)
    kept = [line.label is Label.ARTICLE for line in predicted]
    return LineScores.from_verdicts(gold_verdicts(doc), kept).f1


def figures_report() -> str:
    """The figures as a Markdown table."""
    cleaner = Cleaner.load()
    # One input larger than the default page limits: lift them for this figure.
    lines, rate = large_input_lines_per_second(Cleaner(cleaner.bundle, max_chars=None))
    rows = [
        "| figure | value |",
        "|---|---|",
        f"| import + first clean, `cleaner clean seeds/...` (median of {RUNS}) | {startup_seconds():.2f} s |",
        f"| shipped model load, libraries imported (median of {RUNS}) | {model_load_seconds():.2f} s |",
        f"| `clean` on one large input ({lines} lines, median of 3) | {rate:.0f} lines/s |",
        f"| seed page article-line F1 (shipped model) | {seed_f1(cleaner):.3f} |",
    ]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(figures_report())
