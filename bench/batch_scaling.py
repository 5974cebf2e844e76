"""Batch throughput with 1 and 2 (or more) worker processes on the Tengrinews sample.

    python bench/batch_scaling.py                       # 1 vs 2 workers, the sample x4, best of 3
    python bench/batch_scaling.py --workers 1 2 4 --copies 8

Each run is a fresh process. Two numbers per run: *end to end* (from the call to the last result:
worker start-up and pipeline build included, what a user waits for, less the interpreter's imports)
and *steady* (documents per second once every worker is busy: from the 10th to the 100th percentile
of results). Runs alternate between worker counts so a busy neighbour slows all of them alike; the
best of the rounds counts. Writes bench/out/batch_scaling.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefx.batch import batch
from briefx.batch.runner import default_workers

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "kz_news" / "tengrinews_dev.jsonl"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--copies", type=int, default=4, help="the sample repeated this many times (new ids)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.sample.exists():
        raise SystemExit(f"no sample at {args.sample}")
    lines = [line for line in args.sample.read_text(encoding="utf-8").split("\n") if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.jsonl"
        with open(path, "w", encoding="utf-8") as out:
            for copy in range(args.copies):
                for line in lines:
                    record = json.loads(line)
                    record["id"] = f"{record['id']}-{copy}"
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        best: dict[int, dict[str, float]] = {}
        for round_ in range(args.rounds):
            for workers in args.workers:
                got = measure_fresh(path, workers)
                print(
                    f"round {round_ + 1} workers {workers}: {got['documents']} docs in {got['seconds']:.2f} s, "
                    f"end to end {got['end_to_end']:.1f} docs/s, steady {got['steady']:.1f} docs/s",
                    flush=True,
                )
                if workers not in best or got["seconds"] < best[workers]["seconds"]:
                    best[workers] = got
    base = best[args.workers[0]]
    print(
        f"\nbest of {args.rounds}, {base['documents']} documents ({args.copies} x {args.sample.name}), {default_workers()} cores:"
    )
    print("workers  seconds  docs/s end-to-end  speed-up  docs/s steady  speed-up")
    for workers, got in best.items():
        print(
            f"{workers:>7}  {got['seconds']:7.2f}  {got['end_to_end']:17.1f}  {got['end_to_end'] / base['end_to_end']:7.2f}x"
            f"  {got['steady']:13.1f}  {got['steady'] / base['steady']:7.2f}x"
        )
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    report = {
        "sample": str(args.sample.name),
        "copies": args.copies,
        "cores": default_workers(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "best": {str(w): v for w, v in best.items()},
    }
    (out / "batch_scaling.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
