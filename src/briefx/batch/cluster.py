"""The batch on a Dask cluster: files (local paths on shared storage, or URLs fsspec opens) -> a
dask.bag with one partition per file (text files go several to a partition), the same per-partition
function as the local pool, Results back to the client in input order.

Needs the `dask` extra (`pip install 'briefx[dask]'`) here and briefx installed on every worker.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from briefx.batch.partition import process_partition
from briefx.batch.records import Result
from briefx.batch.sources import Input, ReadOptions, expand
from briefx.pipeline import Pipeline

TEXT_FILES_PER_PARTITION = 64  # one-article files are small: batch them
WINDOW = 3  # partitions in flight per worker thread; the client holds only these


def _imports() -> tuple[Any, Any]:
    try:
        import dask.bag as db
        import distributed
    except ImportError:
        raise ImportError("running on Dask needs the dask extra: pip install 'briefx[dask]'") from None
    return db, distributed


def partitions(paths: Sequence[str | os.PathLike[str]], options: ReadOptions) -> list[list[Input]]:
    """The inputs grouped as partitions, in input order: a JSON Lines or CSV file alone, text files
    TEXT_FILES_PER_PARTITION at a time."""
    groups: list[list[Input]] = []
    for entry in expand(paths, options):
        if entry.source == "-":
            raise ValueError("a Dask cluster cannot read standard input; give files or URLs")
        whole = entry.format in ("txt", "html")
        if whole and groups and groups[-1][-1].format in ("txt", "html") and len(groups[-1]) < TEXT_FILES_PER_PARTITION:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def run_dask(
    paths: Sequence[str | os.PathLike[str]],
    *,
    scheduler: Any,
    options: ReadOptions | None = None,
    skip: int = 0,
    timeout: float | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Result]:
    """A Result for every article in `paths`, in input order, computed on the Dask cluster at
    `scheduler` (an address like "tcp://host:8786", or a distributed.Client). Results are numbered
    across partitions as a local run numbers them, so the output is the same record for record.
    `skip` drops the first results (resuming); they are still computed, but not written. `pipeline`
    (default: the default one) travels to the workers with every task as its recipe (kinds, word
    lists, components); each worker process builds it once."""
    db, distributed = _imports()
    options = options or ReadOptions()
    groups = partitions(paths, options)
    if isinstance(scheduler, distributed.Client):
        client, own = scheduler, False
    else:
        client, own = distributed.Client(scheduler), True
    return _results(db, client, own, groups, options, skip, timeout, pipeline)


def _results(
    db: Any,
    client: Any,
    own: bool,
    groups: list[list[Input]],
    options: ReadOptions,
    skip: int,
    timeout: float | None,
    pipeline: Pipeline | None,
) -> Iterator[Result]:
    try:
        if not groups:
            return
        bag = db.from_sequence(groups, npartitions=len(groups)).map_partitions(_partition, options, timeout, pipeline)
        tasks = iter(bag.to_delayed())
        threads = sum(client.nthreads().values()) or 1
        pending: deque[Any] = deque()
        seq = 0
        while True:
            while len(pending) < WINDOW * threads and (task := next(tasks, None)) is not None:
                pending.append(client.compute(task))
            if not pending:
                return
            future = pending.popleft()
            results = future.result()
            future.release()
            for result in results:
                if seq >= skip:
                    yield _renumber(result, seq)
                seq += 1
    finally:
        if own:
            client.close()


def _partition(groups: list[list[Input]], options: ReadOptions, timeout: float | None, pipeline: Pipeline | None) -> list[Result]:
    # A bag partition holds a list of groups; here always exactly one (npartitions == len(groups)).
    # An unpickled pipeline is built once per worker process (briefx.pipeline._build caches its recipe).
    return [result for group in groups for result in process_partition(group, options, pipeline=pipeline, timeout=timeout)]


def _renumber(result: Result, seq: int) -> Result:
    from dataclasses import replace

    return replace(result, seq=seq)
