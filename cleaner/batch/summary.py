"""What a batch run did: each shard's statistics, and the run's totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class ShardStats:
    """What one shard task did."""

    shard: str
    records: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    lines: int = 0
    kept: int = 0
    seconds: float = 0.0
    not_pages: int = 0
    resumed: bool = False

    def to_json(self) -> dict[str, Any]:
        """The statistics as a JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True)
class Summary:
    """Totals of a batch run."""

    shards: int = 0
    shards_resumed: int = 0
    records: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    lines: int = 0
    kept: int = 0
    not_pages: int = 0
    records_this_run: int = 0
    seconds: float = 0.0

    @classmethod
    def of(cls, stats: Iterable[ShardStats], seconds: float) -> Summary:
        """Add up the shards' statistics; ``seconds`` is the run's wall time."""
        total = cls(seconds=seconds)
        errors: Counter[str] = Counter()
        for s in stats:
            total.shards += 1
            total.shards_resumed += s.resumed
            total.records += s.records
            total.records_this_run += 0 if s.resumed else s.records
            errors.update(s.errors)
            total.lines += s.lines
            total.kept += s.kept
            total.not_pages += s.not_pages
        total.errors = dict(sorted(errors.items()))
        return total

    @property
    def kept_ratio(self) -> float:
        """Share of lines kept as article, over records cleaned."""
        return self.kept / self.lines if self.lines else 0.0

    @property
    def pages_per_second(self) -> float:
        """Records cleaned in this run per second of wall time."""
        return self.records_this_run / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        """The summary as a JSON-ready dict, derived figures included."""
        out = asdict(self)
        out.update(
            error_records=sum(self.errors.values()),
            kept_ratio=round(self.kept_ratio, 4),
            pages_per_second=round(self.pages_per_second, 2),
        )
        return out

    def lines_of_text(self) -> list[str]:
        """A short human-readable report."""
        errors = ", ".join(f"{k} {v}" for k, v in self.errors.items()) or "none"
        text = [
            f"records: {self.records} in {self.shards} shards"
            + (
                f" ({self.shards_resumed} already complete, skipped)" if self.shards_resumed else ""
            ),
            f"errors: {sum(self.errors.values())} ({errors})",
            f"kept lines: {self.kept}/{self.lines} ({self.kept_ratio:.1%})",
            f"speed: {self.pages_per_second:.1f} pages/s over {self.seconds:.1f} s",
        ]
        if self.not_pages:
            text.append(f"WARC records that are not HTML responses, not cleaned: {self.not_pages}")
        return text
