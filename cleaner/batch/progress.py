"""A progress bar over shards for long runs, shown only on a terminal."""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from cleaner.batch.summary import ShardStats


class ShardProgress:
    """Shards done, records, pages/s and ETA on stderr; silent when stderr is not a TTY."""

    def __init__(self, shards: int) -> None:
        self.records = 0
        self.started = time.perf_counter()
        self._progress = Progress(
            TextColumn("[bold]cleaning"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} shards"),
            TextColumn("{task.fields[records]} records"),
            TextColumn("{task.fields[rate]} pages/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            disable=not sys.stderr.isatty(),
        )
        self._task = self._progress.add_task("batch", total=shards, records=0, rate="-")

    def update(self, stats: ShardStats) -> None:
        """Count one finished shard."""
        self.records += stats.records
        elapsed = time.perf_counter() - self.started
        rate = f"{self.records / elapsed:.1f}" if elapsed > 0 else "-"
        self._progress.update(self._task, advance=1, records=self.records, rate=rate)

    def __enter__(self) -> ShardProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()
