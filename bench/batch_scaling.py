"""Batch throughput with 1 and 2 (or more) worker processes on the Tengrinews sample.

    python bench/batch_scaling.py                       # 1 vs 2 workers, the sample x10, 3 rounds
    python bench/batch_scaling.py --workers 1 2 4 --copies 20 --rounds 5

Each run is a fresh process, so no run inherits a pipeline or warm caches from an earlier one.
Per run and worker count:
- *end to end*: `briefx.batch(path, workers=N)` from the call to the last result: starting the
  workers, building a pipeline in each and warming its caches included (the interpreter's imports not);
- *steady*: documents per second once every worker is busy (from the 10th to the last result);
- *CLI*: `briefx archive.jsonl -o out.jsonl --workers N --quiet` as a user runs it, wall clock,
  interpreter start and writing the JSON Lines included;
- *split*: the ceiling for this work: N processes, each with its own pipeline already built, run
  over their own share of the same archive, with no parent feeding them and nothing sent back;
- *CPU loop*: a plain CPU-bound Python loop split over N processes. On a shared virtual machine two
  processes never quite get two cores; this is how close the machine itself came during the round.
  The pipeline touches megabytes of patterns and dictionaries, the loop almost nothing, so two
  processes can slow each other down (shared caches) more than the loop shows.

The worker counts alternate in direction from round to round (1 2, 2 1, 1 2 …), so a slow phase of the
machine hits both alike. The speed-ups are reported as the median of the rounds' ratios (each ratio
taken within one round) and as the ratio of the best runs. Writes batch_scaling.json to --out
(default bench/out).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from briefx.batch import batch
from briefx.batch.runner import default_workers

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "kz_news" / "tengrinews_dev.jsonl"
LOOP_STEPS = 40_000_000  # the ceiling's loop: about 2.5 s in one process
MEASURES = ("end_to_end", "steady", "cli", "split", "ceiling")


def measure(path: Path, workers: int) -> dict[str, float]:
    started = time.perf_counter()
    stamps = []
    for result in batch(path, workers=workers):
        stamps.append(time.perf_counter())
        assert result.ok, result.error
    total = stamps[-1] - started
    first = len(stamps) // 10
    steady = (len(stamps) - 1 - first) / (stamps[-1] - stamps[first])
    return {"documents": len(stamps), "seconds": total, "end_to_end": len(stamps) / total, "steady": steady}


def measure_fresh(path: Path, workers: int) -> dict[str, float]:
    """measure() in a new interpreter, so no run inherits a pipeline built by an earlier one."""
    code = f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import batch_scaling as b; "
    code += f"print(json.dumps(b.measure(b.Path({str(path)!r}), {workers})))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def measure_cli(path: Path, workers: int, documents: int, folder: Path) -> float:
    """Documents per second of the command line (`python -m briefx`, what the `briefx` script runs),
    wall clock, output written."""
    out = folder / f"out-{workers}.jsonl"
    started = time.perf_counter()
    command = [sys.executable, "-m", "briefx", str(path), "-o", str(out), "--workers", str(workers), "--quiet"]
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - started
    written = len(out.read_text(encoding="utf-8").splitlines())
    assert written == documents, f"the CLI wrote {written} records for {documents} documents"
    return documents / seconds


def _loop(steps: int) -> None:
    total = 0
    for i in range(steps):
        total += i * i % 7


def measure_ceiling(workers: int) -> float:
    """Loop steps per second (in millions) with the loop split over `workers` fresh processes."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    processes = [context.Process(target=_loop, args=(LOOP_STEPS // workers,)) for _ in range(workers)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return LOOP_STEPS / (time.perf_counter() - started) / 1e6


def _split_share(texts: list[str], barrier: Any) -> None:
    from briefx.pipeline import Pipeline

    pipeline = Pipeline()
    for text in texts[:20]:  # warm the caches a little, as a batch worker has by its second batch
        pipeline(text)
    barrier.wait()
    for text in texts:
        pipeline(text)


def measure_split(texts: list[str], workers: int) -> float:
    """Documents per second when `workers` processes each run the pipeline over their own share of
    the texts, with no parent feeding them and no results sent back: the most a pool could get from
    this machine at this moment, for this work (cache-heavy, unlike the CPU loop)."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    barrier = context.Barrier(workers + 1)
    processes = [context.Process(target=_split_share, args=(texts[i::workers], barrier)) for i in range(workers)]
    for process in processes:
        process.start()
    barrier.wait()  # every pipeline is built: time the work only
    started = time.perf_counter()
    for process in processes:
        process.join()
    return len(texts) / (time.perf_counter() - started)


def write_archive(sample: Path, copies: int, path: Path, limit: int | None = None) -> list[str]:
    """The sample `copies` times over, with new ids, as JSON Lines at `path`; returns the texts in order."""
    lines = [line for line in sample.read_text(encoding="utf-8").split("\n") if line.strip()][:limit]
    texts = []
    with open(path, "w", encoding="utf-8") as out:
        for copy in range(copies):
            for line in lines:
                record = json.loads(line)
                record["id"] = f"{record['id']}-{copy}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                texts.append(record["text"])
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--copies", type=int, default=10, help="the sample repeated this many times (new ids)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-cli", action="store_true", help="skip the command-line runs")
    parser.add_argument("--limit", type=int, help="only the first N articles of the sample")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="folder for batch_scaling.json")
    args = parser.parse_args()
    if not args.sample.exists():
        raise SystemExit(f"no sample at {args.sample}")
    rounds: list[dict[int, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.jsonl"
        texts = write_archive(args.sample, args.copies, path, args.limit)
        documents = len(texts)
        for round_ in range(args.rounds):
            got: dict[int, dict[str, float]] = {}
            order = args.workers if round_ % 2 == 0 else args.workers[::-1]
            for workers in order:
                run = measure_fresh(path, workers)
                if not args.no_cli:
                    run["cli"] = measure_cli(path, workers, documents, Path(folder))
                run["split"] = measure_split(texts, workers)
                run["ceiling"] = measure_ceiling(workers)
                got[workers] = run
                cli = "" if args.no_cli else f"CLI {run['cli']:.1f} docs/s, "
                cli += f"split {run['split']:.1f} docs/s, "
                print(
                    f"round {round_ + 1} workers {workers}: {run['documents']} docs in {run['seconds']:.2f} s, "
                    f"end to end {run['end_to_end']:.1f} docs/s, steady {run['steady']:.1f} docs/s, "
                    f"{cli}ceiling loop {run['ceiling']:.1f} M steps/s",
                    flush=True,
                )
            rounds.append(got)
    base = args.workers[0]
    measures = [n for n in MEASURES if not (args.no_cli and n == "cli")]
    summary = {}
    for workers in args.workers:
        summary[workers] = {}
        for name in measures:
            rates = [r[workers][name] for r in rounds]
            ratios = [r[workers][name] / r[base][name] for r in rounds]
            summary[workers][name] = {
                "best": max(rates),
                "median_ratio": statistics.median(ratios),
                "best_ratio": max(rates) / max(r[base][name] for r in rounds),
                "ratios": ratios,
            }
    print(f"\n{documents} documents ({args.copies} x {args.sample.name}), {default_workers()} cores, {args.rounds} rounds")
    print("speed-up over 1 worker: median of the rounds' ratios (ratio of the best runs)")
    titles = {"end_to_end": "end to end", "steady": "steady", "cli": "CLI", "split": "split", "ceiling": "CPU loop"}
    print("workers  " + "".join(f"{titles[n]:<17}" for n in measures))
    for workers, row in summary.items():
        cells = [f"{row[n]['median_ratio']:.2f}x ({row[n]['best_ratio']:.2f}x)" for n in measures]
        print(f"{workers:>7}  " + "".join(f"{c:<17}" for c in cells))
    print("best docs/s: " + ", ".join(f"{w} workers {row['end_to_end']['best']:.0f} end to end" for w, row in summary.items()))
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    report = {
        "sample": str(args.sample.name),
        "copies": args.copies,
        "documents": documents,
        "cores": default_workers(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "rounds": [{str(w): v for w, v in r.items()} for r in rounds],
        "summary": {str(w): v for w, v in summary.items()},
    }
    (out / "batch_scaling.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
