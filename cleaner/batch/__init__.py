"""Batch cleaning: input shards in, JSONL shards out, on local cores or Dask.

plan (inputs to shards) -> records (readers) -> tasks (clean, count) ->
executors (here, joblib, Dask) -> summary.
"""

from cleaner.batch.plan import Shard, plan_shards
from cleaner.batch.summary import ShardStats, Summary
from cleaner.batch.tasks import (
    BatchOptions,
    clean_record,
    find_site_repeats,
    process_shard,
    run_batch,
)

__all__ = [
    "BatchOptions",
    "Shard",
    "ShardStats",
    "Summary",
    "clean_record",
    "find_site_repeats",
    "plan_shards",
    "process_shard",
    "run_batch",
]
