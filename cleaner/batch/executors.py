"""Where shard tasks run: in this process, on joblib processes, or on Dask.

Tasks know nothing of where they run; `run_tasks` maps a task over shards
and yields results as they finish.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from cleaner.batch.plan import Shard
from cleaner.errors import InputError

T = TypeVar("T")
O = TypeVar("O")  # noqa: E741


def run_tasks(
    task: Callable[[Shard, O], T],
    shards: list[Shard],
    options: O,
    jobs: int,
    dask_address: str | None,
) -> Iterator[T]:
    """Run ``task`` on every shard: on Dask, on joblib processes, or here."""
    if dask_address is not None:
        yield from _run_dask(task, shards, options, dask_address)
    elif jobs == 1 or len(shards) <= 1:
        for shard in shards:
            yield task(shard, options)
    else:
        from joblib import Parallel, delayed

        parallel = Parallel(n_jobs=jobs, return_as="generator_unordered")
        yield from parallel(delayed(task)(shard, options) for shard in shards)


def _run_dask(
    task: Callable[[Shard, O], T], shards: list[Shard], options: O, address: str
) -> Iterator[T]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--dask needs dask.distributed: pip install 'cleaner[dask]'") from None
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
    with client:
        futures = client.map(task, shards, options=options, pure=False)
        for future in as_completed(futures):
            yield future.result()
