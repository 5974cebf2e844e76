"""The unit of work of every batch run: documents -> Results, with the pipeline built once per process.

The same functions run in-process, in a process pool worker and on a Dask worker.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from briefx.batch import records as r
from briefx.batch.records import Failure, Item, Result
from briefx.batch.sources import Input, ReadOptions, read_input
from briefx.pipeline import Pipeline

log = logging.getLogger("briefx")

_PIPELINE: Pipeline | None = None  # this process's pipeline, built on first use


def worker_pipeline(pipeline: Pipeline | None = None) -> Pipeline:
    """The pipeline of this process: the one given (set once), else a default one built once."""
    global _PIPELINE
    if pipeline is not None:
        _PIPELINE = pipeline
    elif _PIPELINE is None:
        _PIPELINE = Pipeline()
    return _PIPELINE


class DocumentTimeout(Exception):
    """A document took longer than the time limit."""


def process(seq: int, item: Item, pipeline: Pipeline, timeout: float | None = None) -> Result:
    """One input -> its Result; an exception in the pipeline becomes an error record, not a crash, and
    so does a document that takes longer than `timeout` seconds (where SIGALRM exists)."""
    if isinstance(item, Failure):
        return Result.of(seq, item)
    try:
        with _time_limit(timeout):
            brief = pipeline(item.text, published=item.published, id=item.id)
    except DocumentTimeout:
        reason = f"took longer than the {timeout:g}-second limit"
        log.warning("%s (%s line %s): %s", item.id, item.source, item.line, reason)
        return Result.of(seq, item, error=Failure(r.TIMEOUT, reason, item.source, item.line, item.id))
    except Exception as error:  # noqa: BLE001 - one bad text must not stop an archive; it is recorded
        log.warning("extraction failed on %s (%s line %s): %r", item.id, item.source, item.line, error)
        reason = f"{type(error).__name__}: {error}".rstrip(": ")
        return Result.of(seq, item, error=Failure(r.EXTRACT_FAILED, reason, item.source, item.line, item.id))
    return Result.of(seq, item, brief=brief)


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_batch(
    batch: Sequence[tuple[int, Item]], pipeline: Pipeline | None = None, timeout: float | None = None
) -> list[Result]:
    """Numbered inputs -> their Results, in order, with this process's pipeline."""
    pipeline = pipeline if pipeline is not None else worker_pipeline()
    return [process(seq, item, pipeline, timeout) for seq, item in batch]


def process_partition(
    inputs: Iterable[Input], options: ReadOptions, pipeline: Pipeline | None = None, timeout: float | None = None
) -> list[Result]:
    """A Dask partition: read these files (paths or URLs that fsspec opens) and process every article.

    Results are numbered from 0 within the partition; the client renumbers them.
    """
    pipeline = pipeline if pipeline is not None else worker_pipeline()
    items = (item for entry in inputs for item in read_input(entry, options))
    return [process(seq, item, pipeline, timeout) for seq, item in enumerate(items)]
