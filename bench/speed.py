"""Speed and memory of briefx, natasha and Pullenti on the Tengrinews texts, one process per system.

    python bench/speed.py                          # every system installed
    python bench/speed.py --systems briefx --limit 20

Each system runs in its own child process pinned to one core (OMP/BLAS threads set to 1), so peak RSS
and throughput are its own. Start-up = import + building models + one first call on a short sentence
(lazy initialisation counts as start-up), wall clock. Throughput = UTF-8 KB of `text_respaced` per
CPU second of that child (robust to a busy neighbour on a shared machine; wall-clock KB/s is shown
too), median of up to --passes passes. Pullenti is capped to the first
--slow-kb KB of texts; briefx's ratio to it is computed on the same texts. Then, when `briefx.batch`
exists, batch scaling with 1 and 2 worker processes. Writes speed.json to --out.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import corpora
from systems import Unavailable, make

DEFAULT_SYSTEMS = "briefx,briefx-numbers,briefx-fast,natasha,natasha-extractors,pullenti,pullenti-lite"
SLOW = {"pullenti", "pullenti-lite"}  # capped to --slow-kb of text (Pullenti runs at a few KB/s)
DEFAULT_OUT = Path(__file__).resolve().parent / "out"
WARMUP = "Правительство выделило 5 млрд тенге, рост составил 3,5% с 1 января 2024 года."
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
TARGETS = {"kb_per_s": 500.0, "vs_pullenti": 50.0, "startup_s": 2.0, "rss_mb": 400.0}


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def peak_rss_mb() -> float:
    """Peak resident set of this process (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# --- child: one system ----------------------------------------------------------------------------


def child(name: str, limit: int | None, max_bytes: int | None, passes: int, budget: float) -> dict[str, Any]:
    pin_to_one_core()
    docs = corpora.tengrinews(limit)
    if max_bytes:
        docs = corpora.prefix_by_bytes(docs, max_bytes)
    texts = [d.text for d in docs]
    started = time.perf_counter()
    system = make(name)
    try:
        system.build()
    except (Unavailable, ImportError) as error:
        return {"name": name, "skipped": str(error)}
    system.raw(WARMUP)
    startup = time.perf_counter() - started
    runs: list[tuple[list[float], list[float]]] = []  # (wall, CPU) seconds per article
    spent = 0.0
    while len(runs) < passes and (not runs or spent < budget):
        wall, cpu = [], []
        for text in texts:
            w0, c0 = time.perf_counter(), time.process_time()
            system.raw(text)
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
        runs.append((wall, cpu))
        spent += sum(wall)
    median_wall, median_cpu = sorted(runs, key=lambda r: sum(r[1]))[len(runs) // 2]
    return {
        "name": name,
        "version": system.version,
        "note": system.note,
        "articles": len(texts),
        "bytes": [len(t.encode("utf-8")) for t in texts],
        "startup_s": startup,
        "seconds": median_cpu,  # CPU seconds per article, from the median pass
        "wall": median_wall,
        "passes": len(runs),
        "pass_cpu_totals": [sum(r[1]) for r in runs],
        "pass_wall_totals": [sum(r[0]) for r in runs],
        "rss_mb": peak_rss_mb(),
    }


# --- child: batch scaling -------------------------------------------------------------------------


def batch_runner() -> tuple[Any, str]:
    """HOOK for the batch runner: returns (run(texts, workers) -> list of results, description).

    Wired to `briefx.batch.batch(texts=…, workers=N)`; returns (None, why) when the API does not look
    like that any more, and the batch section prints why instead of guessing.
    """
    # importlib, not `import briefx.batch`: briefx re-exports the function batch under the same name,
    # and the attribute shadows the module.
    batch_module = importlib.import_module("briefx.batch")
    fn = getattr(batch_module, "batch", None)
    if callable(fn):
        params = inspect.signature(fn).parameters
        if "texts" in params and "workers" in params:
            return (lambda texts, n: list(fn(texts=texts, workers=n))), "briefx.batch.batch(texts=…, workers=N)"
    public = [n for n in dir(batch_module) if not n.startswith("_")]
    return None, f"briefx.batch has no batch(texts=…, workers=N); it exposes {public}"


def batch_child(workers: int, limit: int | None, repeat: int) -> dict[str, Any]:
    texts = [d.text for d in corpora.tengrinews(limit)] * repeat
    run, how = batch_runner()
    if run is None:
        return {"workers": workers, "skipped": how}
    started = time.perf_counter()
    results = run(texts, workers)
    seconds = time.perf_counter() - started
    return {
        "workers": workers,
        "how": how,
        "articles": len(texts),
        "results": len(results),
        "bytes": sum(len(t.encode("utf-8")) for t in texts),
        "seconds": seconds,
        "rss_mb": peak_rss_mb(),
        "children_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


# --- parent ---------------------------------------------------------------------------------------


def spawn(args: list[str], timeout: float) -> dict[str, Any]:
    env = dict(os.environ, **{v: "1" for v in THREAD_VARS})
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"skipped": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"skipped": f"child failed (exit {done.returncode}): {tail}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def kb_per_s(r: dict[str, Any], n: int | None = None, clock: str = "seconds") -> float:
    """UTF-8 KB per CPU second ("seconds") or per wall second ("wall") over the first n articles."""
    n = r["articles"] if n is None else n
    return sum(r["bytes"][:n]) / 1024 / sum(r[clock][:n])


def speed_table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| system | configuration | articles | KB | start-up, s | KB/s (1 core) | KB/s (wall) | articles/s | peak RSS, MB |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        if "skipped" in r:
            rows.append(f"| {r['name']} | skipped: {r['skipped']} | | | | | | | |")
            continue
        kb = sum(r["bytes"]) / 1024
        cap = " (first texts only)" if r.get("capped") else ""
        rows.append(
            f"| {r['name']} {r['version']} | {r['note'] or 'default'}{cap} | {r['articles']} | {kb:.0f} "
            f"| {r['startup_s']:.2f} | {kb_per_s(r):.1f} | {kb_per_s(r, clock='wall'):.1f} "
            f"| {r['articles'] / sum(r['seconds']):.1f} "
            f"| {r['rss_mb']:.0f} |"
        )
    return "\n".join(rows)


def ratios(results: list[dict[str, Any]], base: str = "briefx") -> tuple[str, dict[str, Any]]:
    """briefx's advantage over each other system, on the same articles (the shorter prefix of the two)."""
    ok = {r["name"]: r for r in results if "skipped" not in r}
    if base not in ok or len(ok) < 2:
        return "", {}
    b = ok[base]
    rows = [
        f"| {base} vs | same texts | throughput ratio | start-up ratio | peak RSS ratio |",
        "|---|--:|--:|--:|--:|",
    ]
    out: dict[str, Any] = {}
    for name, r in ok.items():
        if name == base:
            continue
        n = min(r["articles"], b["articles"])
        kb = sum(r["bytes"][:n]) / 1024
        speed = kb_per_s(b, n) / kb_per_s(r, n)
        startup = r["startup_s"] / b["startup_s"]
        memory = r["rss_mb"] / b["rss_mb"]
        out[name] = {"articles": n, "throughput": speed, "startup": startup, "rss": memory}
        rows.append(f"| {name} | {n} articles, {kb:.0f} KB | {speed:.1f}× | {startup:.1f}× | {memory:.1f}× |")
    rows.append(
        f"\nratios are {base}'s advantage: its KB/s ÷ theirs, their start-up ÷ its, their peak RSS ÷ its "
        "(above 1: briefx is faster or smaller); throughput on the same articles for both."
    )
    return "\n".join(rows), out


def targets(results: list[dict[str, Any]], rates: dict[str, Any]) -> list[str]:
    ok = {r["name"]: r for r in results if "skipped" not in r}
    b = ok.get("briefx")
    if b is None:
        return []
    lines = [
        f"throughput {kb_per_s(b):.0f} KB/s (target ≥ {TARGETS['kb_per_s']:.0f}): "
        + ("met" if kb_per_s(b) >= TARGETS["kb_per_s"] else "NOT met"),
        f"start-up {b['startup_s']:.2f} s (target < {TARGETS['startup_s']:.0f} s): "
        + ("met" if b["startup_s"] < TARGETS["startup_s"] else "NOT met"),
        f"peak RSS {b['rss_mb']:.0f} MB (target < {TARGETS['rss_mb']:.0f} MB): "
        + ("met" if b["rss_mb"] < TARGETS["rss_mb"] else "NOT met"),
    ]
    if "pullenti" in rates:
        x = rates["pullenti"]["throughput"]
        lines.append(
            f"vs Pullenti {x:.0f}× (target ≥ {TARGETS['vs_pullenti']:.0f}×): "
            + ("met" if x >= TARGETS["vs_pullenti"] else "NOT met")
        )
    return lines


def batch_section(limit: int | None, repeat: int) -> tuple[str, list[dict[str, Any]]]:
    """Batch scaling, 1 and 2 worker processes; skipped with a message until briefx.batch exists."""
    try:
        present = importlib.util.find_spec("briefx.batch") is not None
    except ImportError:
        present = False
    if not present:
        return "batch scaling: skipped (briefx.batch is not importable yet)", []
    if repeat < 1:
        return "batch scaling: skipped (--batch-repeat 0)", []
    runs = [
        spawn(["--batch-child", str(w), *(["--limit", str(limit)] if limit else []), "--repeat", str(repeat)], timeout=1800)
        for w in (1, 2)
    ]
    skipped = [r["skipped"] for r in runs if "skipped" in r]
    if skipped:
        return f"batch scaling: skipped ({skipped[0]})", runs
    one = runs[0]["seconds"]
    rows = [
        f"via `{runs[0]['how']}`, one run each; wall time includes starting the pool and building a pipeline"
        " per worker, which weighs heavily on so small an archive. bench/batch_scaling.py measures the"
        " scaling itself (rounds, a larger archive, the steady state, the machine's own ceiling).",
        "",
        "| workers | articles | KB | seconds | KB/s | articles/s | speed-up |",
        "|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in runs:
        kb = r["bytes"] / 1024
        rows.append(
            f"| {r['workers']} | {r['articles']} | {kb:.0f} | {r['seconds']:.2f} | {kb / r['seconds']:.0f} "
            f"| {r['articles'] / r['seconds']:.0f} | {one / r['seconds']:.2f}× |"
        )
    return "\n".join(rows), runs


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--systems", default=DEFAULT_SYSTEMS, help=f"comma-separated (default {DEFAULT_SYSTEMS}); missing ones are skipped"
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N Tengrinews articles")
    parser.add_argument("--slow-kb", type=int, default=150, help="text cap for Pullenti, KB (default 150)")
    parser.add_argument("--passes", type=int, default=3, help="passes per system; the median is reported")
    parser.add_argument("--budget", type=float, default=20.0, help="no further pass after this many seconds")
    parser.add_argument(
        "--batch-repeat", type=int, default=3, help="batch scaling runs the texts this many times (0: no batch scaling)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for speed.json")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--max-bytes", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--batch-child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    limit = ["--limit", str(args.limit)] if args.limit else []
    if args.child:
        print(json.dumps(child(args.child, args.limit, args.max_bytes, args.passes, args.budget)))
        return 0
    if args.batch_child:
        print(json.dumps(batch_child(args.batch_child, args.limit, args.repeat)))
        return 0

    docs = corpora.tengrinews(args.limit)
    total_kb = sum(len(d.text.encode("utf-8")) for d in docs) / 1024
    print(f"Tengrinews text_respaced: {len(docs)} articles, {total_kb:.0f} KB; {machine()}", flush=True)
    results = []
    for name in [n.strip() for n in args.systems.split(",") if n.strip()]:
        cap = ["--max-bytes", str(args.slow_kb * 1024)] if name in SLOW else []
        print(f"[{name}] running…", file=sys.stderr, flush=True)
        r = spawn(["--child", name, *limit, *cap, "--passes", str(args.passes), "--budget", str(args.budget)], timeout=3600)
        r.setdefault("name", name)
        r["capped"] = bool(cap) and "skipped" not in r and r["articles"] < len(docs)
        results.append(r)
        if "skipped" in r:
            print(f"[{name}] skipped: {r['skipped']}", file=sys.stderr, flush=True)
    print("\n## Speed and memory (one process per system, one core)\n")
    print(speed_table(results))
    capped = [r["name"] for r in results if r.get("capped")]
    if capped:
        print(f"\n{', '.join(capped)}: first {args.slow_kb} KB of the texts only (too slow for all of them).")
    table, rates = ratios(results)
    if table:
        print(f"\n{table}")
    for line in targets(results, rates):
        print(f"target: {line}")
    batch_text, batch = batch_section(args.limit, args.batch_repeat)
    print(f"\n## Batch scaling\n\n{batch_text}")

    args.out.mkdir(parents=True, exist_ok=True)
    summary = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine(),
        "texts": {"articles": len(docs), "kb": round(total_kb, 1)},
        "systems": [
            {k: v for k, v in r.items() if k not in ("bytes", "seconds", "wall")}
            | (
                {"kb_per_s": kb_per_s(r), "articles_per_s": r["articles"] / sum(r["seconds"]), "total_s": sum(r["seconds"])}
                if "skipped" not in r
                else {}
            )
            for r in results
        ],
        "ratios": rates,
        "batch": batch,
    }
    (args.out / "speed.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
