"""Command line: `briefx PATH…` -> one JSON line per article (Brief.as_dict()), in input order.

Also: a facts table (CSV, Parquet), SQLite, HTML pages; a process pool (--workers) or a Dask cluster
(--scheduler); --resume after an interruption; error records for bad input, exit status 1 if any.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import re
import signal
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from briefx import __version__
from briefx.batch import records as r
from briefx.batch.identity import describe, differences
from briefx.batch.lock import LockedError, OutputLock
from briefx.batch.overlap import check_disjoint
from briefx.batch.records import Failure, Result, Tally
from briefx.batch.runner import check_timeout, default_workers, run
from briefx.batch.sinks import FORMATS, OutputError, Progress, ResumeError, Sink, infer_format, open_sink
from briefx.batch.sources import ReadOptions, estimate, is_url, read
from briefx.batch.table import NAMES
from briefx.component import load_component
from briefx.pipeline import Pipeline

CHECKPOINT_SECONDS = 0.5  # how often output is flushed and progress recorded
EXIT_FAILED_DOCUMENTS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a pipe closed early

log = logging.getLogger("briefx")


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?", re.I)


def size(text: str) -> int:
    """ "10MB" -> 10485760, "512k" -> 524288, "1000" -> 1000."""
    match = _SIZE.fullmatch(text.strip())
    if not match or not (value := int(float(match[1]) * 1024 ** " kmg".index(match[2].lower() or " "))):
        raise argparse.ArgumentTypeError(f"not a positive size: {text!r} (try 10MB, 512k, 1000)")
    return value


def seconds(text: str) -> float:
    """ "2.5" -> 2.5; zero, negative, NaN and infinite limits are refused."""
    try:
        value = float(text)
        check_timeout(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}") from None
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefx",
        description="Extract facts (money, percentages, quantities, dates, …) from Russian news archives.",
        epilog="Exit status: 0 when every document was processed, 1 when some failed (see the error "
        "records), 2 on a usage error, 130 when interrupted (rerun with --resume).",
    )
    parser.add_argument("--version", action="version", version=f"briefx {__version__}")
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a .txt/.html article, a folder of them, a .jsonl[.gz] or .csv archive, a URL (with the dask "
        "extra), or - for standard input",
    )
    out = parser.add_argument_group("output")
    out.add_argument("-o", "--out", metavar="PATH", help="output file (a folder for html); default: standard output")
    out.add_argument("-f", "--format", choices=FORMATS, help="output format; default: from the --out suffix, else jsonl")
    out.add_argument("--indent", type=int, default=None, help="pretty-print each JSON document with this indent")
    out.add_argument("--meta", action="store_true", help="JSON Lines: add source, line, encoding, markup")
    out.add_argument("--with-text", action="store_true", help="JSON Lines: add the text the offsets index")
    out.add_argument(
        "--spreadsheet-safe",
        action="store_true",
        help="CSV: prefix ' to text cells that start with = + - @ (or a tab or carriage return), so that "
        "spreadsheets show them as text instead of running them as formulas",
    )
    read_group = parser.add_argument_group("input")
    read_group.add_argument("--text-field", default="text", help="JSON field or CSV column with the text (default: text)")
    read_group.add_argument("--id-field", default="id", help="JSON field or CSV column with the id (default: id)")
    read_group.add_argument(
        "--date-field", default=None, help="field with the publication date (default: published, date or datetime)"
    )
    read_group.add_argument(
        "--input-format", choices=("txt", "html", "jsonl", "csv"), help="read every input as this (default: by suffix)"
    )
    read_group.add_argument(
        "--markup",
        choices=("auto", "html", "text"),
        default="auto",
        help="reduce HTML to text: auto (pages that start with <html> or <!DOCTYPE html>), always, never",
    )
    read_group.add_argument(
        "--max-size", type=size, default=10 * 2**20, metavar="SIZE", help="larger documents are errors (default: 10MB)"
    )
    running = parser.add_argument_group("running")
    running.add_argument(
        "-j", "--workers", type=int, default=None, help=f"worker processes (default: {default_workers()}, the cores)"
    )
    running.add_argument(
        "--scheduler", metavar="ADDRESS", help='run on a Dask cluster ("tcp://host:8786"; "local" starts one here)'
    )
    running.add_argument(
        "--timeout",
        type=seconds,
        metavar="SECONDS",
        help="a document that takes longer becomes a 'timeout' error record (default: no limit)",
    )
    running.add_argument("--resume", action="store_true", help="continue an interrupted run into the same --out")
    running.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    add_pipeline_options(parser)
    out.add_argument("--explain", action="store_true", help="JSON Lines: add to every fact the rule that made it")
    return parser


def explain_main(argv: list[str]) -> int:
    """`briefx explain TEXT`: the facts of one text, each with the rule that made it."""
    from briefx import explain

    parser = explain.build_parser(add_pipeline_options)
    args = parser.parse_args(argv)
    try:
        pipeline = build_pipeline(args)
        text = explain.read_text(args.text)
    except (ValueError, TypeError, OSError, ImportError) as error:
        parser.error(str(error))
    print(explain.describe(pipeline(text, published=args.published)))
    return 0


def add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    """What configures the pipeline: its kinds, the user's word lists and components."""
    group = parser.add_argument_group("pipeline")
    group.add_argument("--kinds", type=kinds_list, metavar="KIND,…", help="only these fact kinds (money,dates,…; default: all)")
    group.add_argument(
        "--data", metavar="DIR", help="a folder of your own word lists, in the formats of briefx/data/ (extends the bundled ones)"
    )
    group.add_argument(
        "--component",
        action="append",
        default=[],
        metavar="MODULE:CLASS",
        help="add your own component (a briefx.component.Component subclass; repeat for several)",
    )
    group.add_argument(
        "--syntax",
        action="store_true",
        help="also read subjects and addressees off natasha's syntax parse where the rules find none "
        "(slower; pip install 'briefx[syntax]')",
    )
    group.add_argument(
        "--no-subjects",
        dest="subjects",
        action="store_false",
        help="leave out what each number is the value of (with --kinds money,percentages,quantities: the fastest run)",
    )


def kinds_list(text: str) -> list[str]:
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    if not kinds:
        raise argparse.ArgumentTypeError("name at least one fact kind, e.g. money,dates")
    return kinds


def build_pipeline(args: argparse.Namespace) -> Pipeline:
    """The pipeline the options ask for (ValueError, with a message, when they do not make one)."""
    extra = [load_component(spec) for spec in args.component]
    return Pipeline(kinds=args.kinds, data=args.data, extra=extra, syntax=args.syntax, subjects=args.subjects)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["explain"]:
        return explain_main(argv[1:])
    if argv[:1] == ["report"]:
        from briefx import report  # pandas and altair only when asked for

        return report.main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    fmt = args.format or infer_format(args.out)
    if args.workers is not None and args.workers < 1:
        parser.error(f"--workers must be at least 1, got {args.workers}")
    if args.spreadsheet_safe and fmt != "csv":
        parser.error(f"--spreadsheet-safe is for CSV output, not {fmt}")
    missing = [p for p in args.paths if p != "-" and not is_url(p) and not Path(p).exists()]
    if missing:
        parser.error(f"no such file or directory: {', '.join(missing)}")
    if args.paths.count("-") > 1:
        parser.error("standard input (-) can be read only once")
    options = ReadOptions(
        text_field=args.text_field,
        id_field=args.id_field,
        date_field=args.date_field,
        max_bytes=args.max_size,
        input_format=args.input_format,
        markup=args.markup,
    )
    _log_to_stderr(logging.ERROR if args.quiet else logging.WARNING)
    if args.explain and fmt != "jsonl":
        parser.error(f"--explain is for JSON Lines output, not {fmt}")
    try:
        args.pipeline = build_pipeline(args)
    except (ValueError, TypeError, OSError, ImportError) as error:
        parser.error(str(error))
    try:
        sink = open_sink(
            fmt,
            args.out,
            meta=args.meta,
            text=args.with_text,
            indent=args.indent,
            spreadsheet_safe=args.spreadsheet_safe,
            explain=args.explain,
        )
        lock_path = sink.lock_path()
        sides = filter(None, [lock_path, sink.record_path()])
        check_disjoint([*sink.targets(), *sides], args.paths)  # before anything is written
        lock = _lock(sink, lock_path, args.out)
    except (ValueError, ImportError, LockedError) as error:
        print(f"briefx: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:  # a missing folder, a file where a folder should be
        print(f"briefx: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _start(args, options, sink)
    finally:
        if lock is not None:
            lock.release()


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    """The output options that change what is written, for the run's identity."""
    fmt = args.format or infer_format(args.out)
    return {
        "format": fmt,
        "columns": NAMES if fmt in ("csv", "parquet", "sqlite") else None,  # an older facts table is not continued
        "meta": args.meta,
        "with_text": args.with_text,
        "indent": args.indent,
        "timeout": args.timeout,
        "spreadsheet_safe": args.spreadsheet_safe,
        "explain": args.explain,
        # what the pipeline extracts: its kinds, the text of the user's word lists, the components' names
        "kinds": sorted(args.pipeline.kinds),
        "data": _digest(args.pipeline.data) if args.pipeline.data else None,
        "components": args.component,
        "syntax": args.pipeline.syntax,
        # only when off, so a run written before the switch existed (subjects always on) continues
        **({} if args.pipeline.subjects else {"subjects": False}),
    }


def _digest(files: dict[str, str]) -> str:
    joined = "\0".join(f"{name}\0{text}" for name, text in sorted(files.items()))
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _check_identity(sink: Sink, identity: dict[str, Any], out: str) -> None:
    """Raise ResumeError unless the output was made by a run over the same inputs and options."""
    stored = sink.stored_identity()
    if stored is None:
        raise ResumeError(
            f"{out} has no record of the run that made it (an older briefx, or not briefx output): "
            "rerun without --resume to start over"
        )
    found = differences(stored, identity)
    if found:
        raise ResumeError(f"{out} does not continue this input: {'; '.join(found)}; rerun without --resume to start over")


def _lock(sink: Sink, path: Path | None, out: str) -> OutputLock | None:
    """The output locked for this run, or None for standard output and devices."""
    if path is None:
        return None
    if path.parent in sink.targets():  # an output folder (HTML) holds its own lock
        path.parent.mkdir(parents=True, exist_ok=True)
    lock = OutputLock(path, out)
    lock.acquire()
    return lock


def _start(args: argparse.Namespace, options: ReadOptions, sink: Sink) -> int:
    identity = describe(args.paths, options, _settings(args), __version__) if args.out is not None else None
    try:
        if args.resume and identity is not None and sink.exists():
            _check_identity(sink, identity, args.out)
        progress = sink.start(args.resume)
        if identity is not None and not progress.done and not progress.complete:
            sink.store_identity(identity)  # a new output: before its first document
    except (ValueError, ImportError, ResumeError) as error:
        print(f"briefx: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, sqlite3.Error) as error:  # sqlite3 says "unable to open database file" for both
        sink.close()
        print(f"briefx: cannot write {args.out or 'standard output'}: {_reason(error)}", file=sys.stderr)
        return EXIT_USAGE
    if progress.complete:
        if not args.quiet:
            print(f"briefx: {args.out} is complete; nothing to resume", file=sys.stderr)
        sink.close()
        return 0
    return _run(args, options, sink, progress)


def _run(args: argparse.Namespace, options: ReadOptions, sink: Sink, progress: Progress) -> int:
    tally = Tally()
    started = checkpointed = time.monotonic()
    interrupts = _Interrupts()
    previous = interrupts.install() if _main_thread() else None
    done, last_id = progress.done, progress.last_id
    status = 0
    where = args.out or "standard output"
    writing = _Writing(where)
    bar = None
    try:
        bar = _progress_bar(args, options, progress.done)
        for result in _results(args, options, progress):
            with interrupts.deferred(), writing:  # a document is written whole or not at all
                result = _write(sink, result)
                tally.add(result)
                done, last_id = result.seq + 1, result.id
                if time.monotonic() - checkpointed >= CHECKPOINT_SECONDS:
                    sink.checkpoint(done, last_id)
                    checkpointed = time.monotonic()
            if bar is not None:
                bar.update(1)
        with writing:
            sink.checkpoint(done, last_id, force=True)
            sink.finish()
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
        try:
            with writing:
                sink.checkpoint(done, last_id, force=True)
        except OutputError as error:
            print(f"briefx: {error}", file=sys.stderr)
    except OutputError as error:  # another archive, several documents for one page, a full disk
        print(f"briefx: {error}", file=sys.stderr)
        status = EXIT_USAGE
    except BrokenPipeError:  # `briefx … | head`: the reader has gone; so does the rest of the output
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = EXIT_BROKEN_PIPE
    finally:
        try:
            sink.close()
        except OSError as error:  # what the last flush could not write was reported above, or is now
            if not status:
                print(f"briefx: cannot write {where}: {_reason(error)}", file=sys.stderr)
                status = EXIT_USAGE
        if bar is not None:
            bar.close()
        if previous is not None:
            interrupts.restore(previous)
    elapsed = time.monotonic() - started
    if status == EXIT_INTERRUPTED:
        print(f"briefx: interrupted after {done} documents; rerun with --resume to continue", file=sys.stderr)
    elif not args.quiet and status == 0:
        print(summary(tally, elapsed, skipped=progress.done), file=sys.stderr)
    if status:
        return status
    return EXIT_FAILED_DOCUMENTS if tally.failed else 0


def _write(sink: Sink, result: Result) -> Result:
    """Write a result; one the sink cannot write (a Brief.as_dict() that is not JSON) becomes an error
    record instead of stopping the run."""
    try:
        sink.write(result)
        return result
    except (TypeError, ValueError) as error:
        log.error("cannot write %s: %r (a bug in briefx: please report it)", result.id, error)
        reason = f"the result could not be written: {type(error).__name__}: {error}"
        failed = Result(
            result.seq,
            result.id,
            result.source,
            result.line,
            error=Failure(r.EXTRACT_FAILED, reason, result.source, result.line, result.id),
        )
        sink.write(failed)
        return failed


def _results(args: argparse.Namespace, options: ReadOptions, progress: Progress) -> Iterator[Result]:
    """Results after the ones already written; the first is the last written again, to check that the
    output belongs to this input."""
    skip = max(progress.done - 1, 0)
    if args.scheduler:
        results = _dask_results(args, options, skip)
    else:
        results = run(read(args.paths, options), workers=args.workers, pipeline=args.pipeline, skip=skip, timeout=args.timeout)
    if progress.done:
        first = next(results, None)
        if first is None or first.id != progress.last_id:
            found = "nothing" if first is None else repr(first.id)
            raise ResumeError(
                f"{args.out} does not continue this input: its document {progress.done} is "
                f"{progress.last_id!r}, the input has {found} there"
            )
    yield from results


def _dask_results(args: argparse.Namespace, options: ReadOptions, skip: int) -> Iterator[Result]:
    from briefx.batch.cluster import run_dask

    if args.scheduler != "local":
        yield from run_dask(
            args.paths, scheduler=args.scheduler, options=options, skip=skip, timeout=args.timeout, pipeline=args.pipeline
        )
        return
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=args.workers or default_workers(),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield from run_dask(
            args.paths,
            scheduler=cluster.scheduler_address,
            options=options,
            skip=skip,
            timeout=args.timeout,
            pipeline=args.pipeline,
        )


def _progress_bar(args: argparse.Namespace, options: ReadOptions, initial: int) -> Any:
    if args.quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked after this
    total = estimate(args.paths, options)
    try:
        sized = os.get_terminal_size(sys.stderr.fileno()).columns > 0
    except OSError:
        sized = False
    # A terminal that reports no size (some ptys) would hide the bar: assume 100 x 24 there.
    width = {"dynamic_ncols": True} if sized else {"ncols": 100, "nrows": 24}
    return tqdm(total=total, initial=initial, unit="doc", smoothing=0.05, file=sys.stderr, **width)


def summary(tally: Tally, elapsed: float, skipped: int = 0) -> str:
    """ "304 documents (0 failed) in 3.2 s, 95.0 documents/s; facts: money 812, …"."""
    rate = tally.documents / elapsed if elapsed > 0 else 0.0
    lines = [f"briefx: {tally.documents} documents ({tally.failed} failed) in {elapsed:.1f} s, {rate:.1f} documents/s"]
    if skipped:
        lines[0] += f"; {skipped} written before, skipped (--resume)"
    facts = ", ".join(f"{kind} {count}" for kind, count in tally.facts.items())
    lines.append(f"  facts: {facts or 'none'} ({sum(tally.facts.values())} in all)")
    if tally.errors:
        lines.append("  errors: " + ", ".join(f"{code} {count}" for code, count in sorted(tally.errors.items())))
    if tally.component_errors:  # a bug in a component: its kinds are missing from those documents
        failed = ", ".join(f"{name} on {count}" for name, count in sorted(tally.component_errors.items()))
        lines.append(f'  warning: components failed (their facts are missing, see "errors" in the records): {failed}')
    if tally.encodings:
        lines.append("  decoded from: " + ", ".join(f"{codec} {count}" for codec, count in sorted(tally.encodings.items())))
    if tally.html:
        lines.append(f"  reduced from HTML: {tally.html}")
    return "\n".join(lines)


_HANDLER = logging.StreamHandler()
_HANDLER.setFormatter(logging.Formatter("briefx: %(message)s"))


def _log_to_stderr(level: int) -> None:
    """briefx's own warnings (not those of the libraries it uses) go to standard error."""
    if _HANDLER not in log.handlers:
        log.addHandler(_HANDLER)
    _HANDLER.stream = sys.stderr  # the current one (tests swap it); setStream() would flush a closed one
    log.setLevel(level)


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error)


class _Writing:
    """`with writing:` around what writes the output: an OSError there (a full disk, a folder gone)
    becomes an OutputError naming the output, reported in one line. A closed pipe stays itself."""

    def __init__(self, where: str):
        self.where = where

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: Any) -> None:
        if isinstance(error, OSError) and not isinstance(error, BrokenPipeError):
            raise OutputError(f"cannot write {self.where}: {_reason(error)}") from error


class _Interrupts:
    """Ctrl-C and SIGTERM stop a run, flushed and resumable, but never halfway through writing a
    document: a signal that comes then takes effect once the document is written. (A CSV cut between
    two of one document's rows would resume with that document's first rows twice.)"""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self._deferring = False
        self._pending = False

    def install(self) -> dict:
        return {number: signal.signal(number, self._handle) for number in self.SIGNALS}

    @staticmethod
    def restore(previous: dict) -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    def _handle(self, signum: int, frame: Any) -> None:
        if self._deferring:
            self._pending = True
        else:
            raise KeyboardInterrupt

    @contextmanager
    def deferred(self) -> Iterator[None]:
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False
        if self._pending:
            raise KeyboardInterrupt


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
