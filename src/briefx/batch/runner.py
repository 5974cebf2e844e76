"""Many documents -> their Results in input order, on a pool of worker processes.

Each worker builds its pipeline once. Documents travel in small batches, at most a few batches per
worker are in flight (so memory stays flat whatever the archive size), and results come back in input
order whatever the number of workers. A worker that dies takes down only the document it was on.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from briefx.batch import records as r
from briefx.batch.partition import process, process_batch, worker_pipeline
from briefx.batch.records import Document, Failure, Item, Result
from briefx.batch.sources import ReadOptions, read
from briefx.pipeline import Pipeline

log = logging.getLogger("briefx")

BATCH_DOCS = 8  # documents per task: enough to hide the cost of a round trip, few enough to balance
BATCH_CHARS = 200_000  # …and a long document travels alone
WINDOW = 4  # batches in flight per worker


def batch(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
    *,
    texts: Iterable[str | Document] | None = None,
    workers: int | None = None,
    pipeline: Pipeline | None = None,
    scheduler: Any = None,
    skip: int = 0,
    timeout: float | None = None,
    **read_options: Any,
) -> Iterator[Result]:
    """Process an archive: a Result (a Brief, or a Failure saying why not) per article, in input order.

    `inputs` are files, folders, "-" or URLs (see briefx.batch.sources); or give `texts`, an iterable of
    strings or Documents. `read_options` are the fields of ReadOptions (text_field, id_field,
    date_field, max_bytes, input_format, markup). `workers` processes (default: one per core) each build
    the pipeline once; `scheduler` (a Dask address like "tcp://host:8786", or a distributed.Client)
    runs the work on a Dask cluster instead. `skip` leaves out the first results (resuming a run).
    `timeout` (seconds) turns a document the pipeline takes longer on into a "timeout" error record.

    >>> for result in batch("archive.jsonl.gz", workers=2):  # doctest: +SKIP
    ...     print(result.id, result.brief.money if result.ok else result.error.reason)
    """
    options = ReadOptions(**read_options)
    check_timeout(timeout)  # here too: a Dask run does not pass through run()
    if texts is not None:
        if isinstance(texts, str | bytes):
            raise TypeError(f"texts must be an iterable of texts, not one {type(texts).__name__}: give texts=[text]")
        if inputs not in ((), None, []):
            raise ValueError("give either inputs (files) or texts, not both")
        items: Iterable[Item | str] = texts
    else:
        paths = [inputs] if isinstance(inputs, str | os.PathLike) else list(inputs)
        if scheduler is not None:
            from briefx.batch.cluster import run_dask

            return run_dask(paths, scheduler=scheduler, options=options, skip=skip, timeout=timeout, pipeline=pipeline)
        items = read(paths, options)
    if scheduler is not None:
        raise ValueError("a Dask scheduler reads files itself: give inputs, not texts")
    return run(items, workers=workers, pipeline=pipeline, skip=skip, timeout=timeout)


def check_timeout(timeout: float | None) -> None:
    """None (no limit) or a positive, finite number of seconds; a negative or NaN limit would fail
    every document, an infinite one every call to setitimer."""
    if timeout is None:
        return
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise TypeError(f"timeout must be a number of seconds or None, got {type(timeout).__name__}")
    if not (0 < timeout < math.inf):
        raise ValueError(f"timeout must be a positive, finite number of seconds (None for no limit), got {timeout!r}")


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def run(
    items: Iterable[Item | str],
    *,
    workers: int | None = None,
    pipeline: Pipeline | None = None,
    skip: int = 0,
    timeout: float | None = None,
    mp_context: Any = None,
) -> Iterator[Result]:
    """A Result for every item, in order. Items are Documents, Failures (passed through as error
    Results) or plain strings. `skip` drops the first items unprocessed (resuming); their numbers
    (Result.seq) still count. `workers` None means one per core; 1 runs in this process."""
    workers = default_workers() if workers is None else workers
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, got {workers!r}")
    check_timeout(timeout)
    if isinstance(items, str | bytes):  # iterating it would make a document of every character
        raise TypeError(f"items must be an iterable of texts, not one {type(items).__name__}: give [text]")
    numbered = islice(enumerate(_as_items(items)), skip, None)
    if workers == 1:
        one = pipeline if pipeline is not None else worker_pipeline()
        return (process(seq, item, one, timeout) for seq, item in numbered)
    return _pooled(numbered, workers, pipeline, mp_context, timeout)


def _as_items(items: Iterable[Item | str]) -> Iterator[Item]:
    for number, item in enumerate(items, start=1):
        if isinstance(item, str):
            yield Document(item, None, "<texts>", number)
        elif isinstance(item, Document | Failure):
            yield item
        else:
            raise TypeError(f"batch items must be str, Document or Failure, got {type(item).__name__}")


def _batches(numbered: Iterator[tuple[int, Item]]) -> Iterator[list[tuple[int, Item]]]:
    batch: list[tuple[int, Item]] = []
    chars = 0
    for seq, item in numbered:
        size = len(item.text) if isinstance(item, Document) else 0
        if batch and chars + size > BATCH_CHARS:
            yield batch
            batch, chars = [], 0
        batch.append((seq, item))
        chars += size
        if len(batch) >= BATCH_DOCS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


class _Pool:
    """A process pool that can be replaced when a worker dies; `generation` counts replacements."""

    def __init__(self, workers: int, pipeline: Pipeline | None, mp_context: Any, timeout: float | None):
        self.workers = workers
        self.pipeline = pipeline
        self.timeout = timeout
        self.context = mp_context or multiprocessing.get_context()
        self.generation = 0
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers, mp_context=self.context, initializer=_init_worker, initargs=(self.pipeline, os.getpid())
        )

    def submit(self, batch: list[tuple[int, Item]]) -> Future[list[Result]]:
        return self.executor.submit(process_batch, batch, None, self.timeout)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()
        self.generation += 1

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def _pooled(
    numbered: Iterator[tuple[int, Item]], workers: int, pipeline: Pipeline | None, mp_context: Any, timeout: float | None
) -> Iterator[Result]:
    pool = _Pool(workers, pipeline, mp_context, timeout)
    pending: deque[list[Any]] = deque()  # [batch, future, pool generation it was submitted to]
    try:
        for batch in _batches(numbered):
            pending.append([batch, pool.submit(batch), pool.generation])
            while len(pending) >= WINDOW * workers:
                yield from _collect(pool, pending)
        while pending:
            yield from _collect(pool, pending)
    finally:
        pool.close()


def _collect(pool: _Pool, pending: deque[list[Any]]) -> list[Result]:
    """Results of the oldest batch; when a worker died, its batch is redone one document at a time."""
    batch, future, generation = pending[0]
    if generation != pool.generation:
        future = pool.submit(batch)
    try:
        results = future.result()
    except BrokenProcessPool:
        log.warning("a worker process died; retrying its documents one at a time")
        pool.restart()
        results = _isolate(pool, batch)
    except Exception as error:  # noqa: BLE001 - e.g. a Brief that would not pickle; redo one by one
        log.warning("a batch failed (%r); retrying its documents one at a time", error)
        results = _isolate(pool, batch)
    pending.popleft()
    for entry in pending:  # batches lost with a dead pool go to the new one
        if entry[2] != pool.generation:
            entry[1], entry[2] = pool.submit(entry[0]), pool.generation
    return results


def _isolate(pool: _Pool, batch: list[tuple[int, Item]]) -> list[Result]:
    results = []
    for seq, item in batch:
        if isinstance(item, Failure):
            results.append(Result.of(seq, item))
            continue
        try:
            results.extend(pool.submit([(seq, item)]).result())
        except BrokenProcessPool:
            pool.restart()
            reason = "the worker process died on this document (out of memory, or a crash in native code)"
            results.append(Result.of(seq, item, error=Failure(r.WORKER_CRASHED, reason, item.source, item.line, item.id)))
        except Exception as error:  # noqa: BLE001 - recorded against the document
            reason = f"{type(error).__name__}: {error}"
            results.append(Result.of(seq, item, error=Failure(r.EXTRACT_FAILED, reason, item.source, item.line, item.id)))
    return results


def _init_worker(pipeline: Pipeline | None, main: int) -> None:
    """In each worker: leave Ctrl-C to the parent, exit with the parent, build the pipeline now."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited through fork
    parent = os.getppid()  # the main process, or a forkserver that exits with it
    if parent != main and parent == 1:  # orphaned before it even started
        os._exit(1)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    worker_pipeline(pipeline)


def _exit_with_parent(parent: int) -> None:
    # After `kill -9` of the parent nothing closes a worker's queues, so it would wait forever.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
