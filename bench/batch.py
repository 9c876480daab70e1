"""Batch benchmark: ``python -m bench.batch`` (part of ``make bench``).

Builds a corpus of at least 5,000 HTML pages from CleanEval (its pages
repeated, as JSONL.gz shards), then times ``cleaner batch`` with
``--jobs 1`` and ``--jobs 2`` and a plain trafilatura loop over the same
pages with one and two processes, and records the peak resident memory of
every process involved. A run on a fifth of the pages shows whether memory
depends on the input size; the fifth's pages in one JSONL file show how
well one big file is split over the jobs. Writes ``bench/batch.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from cleaner.training.corpora import default_data_root, read_corpus

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench-batch"
SHARDS = 10
#: Runs of the one-file case, whose seconds are short and noisy.
ONE_FILE_RUNS = 3


def build_corpus(data: Path | None, pages: int, out: Path) -> list[Path]:
    """Write ``pages`` CleanEval HTML pages (repeated) as JSONL.gz shards."""
    out.mkdir(parents=True, exist_ok=True)
    shards = [out / f"part-{k:02d}.jsonl.gz" for k in range(SHARDS)]
    if all(p.is_file() for p in shards) and (out / "pages").read_text() == str(pages):
        return shards
    source = [g for g in read_corpus("cleaneval", data) if g.html.strip()]
    with contextlib.ExitStack() as stack:
        sinks = [stack.enter_context(gzip.open(p, "wt", encoding="utf-8")) for p in shards]
        for i in range(pages):
            page = source[i % len(source)]
            record = {"id": f"{page.page_id}#{i // len(source)}", "html": page.html}
            sinks[i * SHARDS // pages].write(json.dumps(record) + "\n")
    (out / "pages").write_text(str(pages))
    return shards


class PeakMemory:
    """Poll a process tree and keep each process's peak resident memory."""

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peaks: dict[int, int] = {}
        #: The peak of all the tree's processes together.
        self.total_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            total = 0
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
            self.total_peak = max(self.total_peak, total)
            time.sleep(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def max_mb(self) -> float:
        """The largest peak of any one process, in MB."""
        return max(self.peaks.values(), default=0) / 1e6


def timed(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, the largest per-process peak RSS and the peak RSS of all
    the command's processes together (MB)."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with PeakMemory(proc.pid) as memory:
        _, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode()[-2000:]}")
    return time.perf_counter() - started, memory.max_mb, memory.total_peak / 1e6


def trafilatura_loop(paths: list[str]) -> int:
    """Extract every page of the shards with trafilatura; pages seen."""
    import trafilatura

    n = 0
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                trafilatura.extract(json.loads(line)["html"])
                n += 1
    return n


def trafilatura_command(shards: list[Path], jobs: int) -> list[str]:
    """A subprocess running the trafilatura loop over shards on ``jobs`` processes."""
    code = (
        "import sys, joblib; from bench.batch import trafilatura_loop; "
        f"paths = sys.argv[1:]; jobs = {jobs}; "
        "joblib.Parallel(n_jobs=jobs)(joblib.delayed(trafilatura_loop)(paths[k::jobs]) "
        "for k in range(jobs))"
    )
    return [sys.executable, "-c", code, *map(str, shards)]


def cleaner_command(shards: list[Path], jobs: int, out: Path) -> list[str]:
    """``cleaner batch`` over the shards."""
    cli = str(Path(sys.executable).parent / "cleaner")
    return [cli, "batch", *map(str, shards), "--out", str(out), "--jobs", str(jobs)]


def main(argv: list[str] | None = None) -> None:
    """Run the batch benchmark and write its table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "batch.md")
    args = parser.parse_args(argv)
    data = args.data or default_data_root()
    big = build_corpus(data, args.pages, CACHE / f"p{args.pages}")
    small = build_corpus(data, args.pages // 5, CACHE / f"p{args.pages // 5}")
    rows = []
    for label, shards, pages in (
        ("full", big, args.pages),
        ("fifth", small, args.pages // 5),
    ):
        for jobs in (1, 2) if label == "full" else (2,):
            with tempfile.TemporaryDirectory() as tmp:
                seconds, peak, total = timed(cleaner_command(shards, jobs, Path(tmp)))
            rows.append(("cleaner batch", label, pages, jobs, seconds, peak, total))
            print(rows[-1], flush=True)
    one = CACHE / f"one-{args.pages // 5}.jsonl"  # the fifth's pages in one file
    if not one.is_file():
        with one.open("wb") as sink:
            for shard in small:
                sink.write(gzip.decompress(shard.read_bytes()))
    runs: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
    for _ in range(ONE_FILE_RUNS):  # short runs: 1 and 2 jobs alternate, medians kept
        for jobs in (1, 2):
            with tempfile.TemporaryDirectory() as tmp:
                runs[jobs].append(timed(cleaner_command([one], jobs, Path(tmp))))
    for jobs in (1, 2):
        seconds = statistics.median(r[0] for r in runs[jobs])
        peak, total = max(r[1] for r in runs[jobs]), max(r[2] for r in runs[jobs])
        rows.append(
            ("cleaner batch, one JSONL file", "one", args.pages // 5, jobs, seconds, peak, total)
        )
        print(rows[-1], flush=True)
    for jobs in (1, 2):
        seconds, peak, total = timed(trafilatura_command(big, jobs))
        rows.append(("trafilatura loop", "full", args.pages, jobs, seconds, peak, total))
        print(rows[-1], flush=True)

    def rate(system: str, jobs: int, label: str = "full") -> float:
        (row,) = [r for r in rows if r[0] == system and r[1] == label and r[3] == jobs]
        return row[2] / row[4]

    one_file = "cleaner batch, one JSONL file"

    lines = [
        f"Batch: {args.pages} CleanEval HTML pages (repeated) in {SHARDS} JSONL.gz shards; "
        "wall time of the whole command; peak resident memory of the largest process, "
        "and of all the command's processes together (cleaner: the main process, its "
        "workers and each worker's cleaning process).",
        "",
        "| system | pages | jobs | seconds | pages/s | largest process (MB) | all processes (MB) |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| {s} | {p} | {j} | {sec:.1f} | {p / sec:.1f} | {peak:.0f} | {total:.0f} |"
            for s, _, p, j, sec, peak, total in rows
        ),
        "",
        f"Speed-up with 2 jobs: cleaner {rate('cleaner batch', 2) / rate('cleaner batch', 1):.2f}x, "
        f"trafilatura {rate('trafilatura loop', 2) / rate('trafilatura loop', 1):.2f}x. "
        f"cleaner / trafilatura time per page, 1 job: "
        f"{rate('trafilatura loop', 1) / rate('cleaner batch', 1):.2f}. "
        f"One JSONL file of {args.pages // 5} pages (split into shards of 100 records; "
        f"median of {ONE_FILE_RUNS} runs each): "
        f"2 jobs {rate(one_file, 2, 'one') / rate(one_file, 1, 'one'):.2f}x faster than 1.",
        "",
        "Command: `python -m bench.batch` (part of `make bench`)",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
