"""Throughput of this checkout against an earlier commit, in alternating rounds on the same texts.

    python bench/against.py 0c3bfee                        # kinds=NUMBERS, subjects off where known
    python bench/against.py 0c3bfee --kinds all --rounds 3

A machine this noisy (single runs swing by ±20%) says little from one run of each: the two codes run
one after the other, round after round, each in its own process pinned to one core, importing briefx
from its own tree (the earlier one from a temporary git worktree). Each process builds the pipeline,
makes one warm-up pass over the texts and reports the best of --passes timed passes (CPU time, UTF-8
KB per second). The table gives every round, and the ratio of the medians.

The earlier code may not know an option (`subjects` came with issue 11): it then runs without it, and
the table says so.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import corpora
from speed import pin_to_one_core

REPO = Path(__file__).resolve().parents[1]


def child(tree: str, kinds: str, subjects: bool, respace: bool, field: str, passes: int, limit: int | None) -> dict[str, Any]:
    sys.path.insert(0, str(Path(tree) / "src"))
    pin_to_one_core()
    import briefx
    from briefx.pipeline import NUMBERS, Pipeline

    if not Path(briefx.__file__).resolve().is_relative_to(Path(tree).resolve()):
        raise SystemExit(f"against: briefx imported from {briefx.__file__}, not from {tree}")
    options: dict[str, Any] = {} if kinds == "all" else {"kinds": NUMBERS}
    note = ""
    try:
        pipeline = Pipeline(**options, subjects=subjects)
    except TypeError:  # code from before the option: what it did then
        pipeline, note = Pipeline(**options), "no subjects option"
    if not respace:
        pipeline.respacer = None
    texts = [doc.text for doc in corpora.tengrinews(limit, field=field)]
    size = sum(len(text.encode("utf-8")) for text in texts) / 1024
    for text in texts:
        pipeline(text)
    best = float("inf")
    for _ in range(passes):
        started = time.process_time()
        for text in texts:
            pipeline(text)
        best = min(best, time.process_time() - started)
    return {"kb_per_s": size / best, "note": note}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ref", nargs="?", help="the earlier commit (any git revision)")
    parser.add_argument("--kinds", choices=("numbers", "all"), default="numbers")
    parser.add_argument("--subjects", action="store_true", help="keep subjects on (default: off where the code knows the option)")
    parser.add_argument("--no-respace", action="store_true", help="switch the respacer off in this checkout")
    parser.add_argument(
        "--field", choices=("text", "text_respaced"), default="text", help="the glued scraped text (default) or the respaced copy"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None, help="only the first N Tengrinews articles")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out", help="folder for against.json")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        respace = not (args.no_respace and args.child == str(REPO))
        print(json.dumps(child(args.child, args.kinds, args.subjects, respace, args.field, args.passes, args.limit)))
        return 0
    if not args.ref:
        parser.error("which commit to run against?")
    with tempfile.TemporaryDirectory(prefix="briefx-against-") as scratch:
        earlier = str(Path(scratch) / "tree")
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", earlier, args.ref], check=True)
        try:
            rows = {args.ref: [], "this checkout": []}
            notes = {}
            for _ in range(args.rounds):
                for name, tree in ((args.ref, earlier), ("this checkout", str(REPO))):
                    command = [sys.executable, __file__, "--child", tree, *_passed(args)]
                    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
                    rows[name].append(result["kb_per_s"])
                    notes[name] = result["note"]
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", earlier], check=True)
    subjects = "on" if args.subjects else "off"
    print(f"kinds={args.kinds}, subjects {subjects}, field {args.field}, {args.rounds} rounds, best of {args.passes} passes")
    print("| code | KB/s, round by round | median |\n|---|---|--:|")
    for name, values in rows.items():
        label = f"{name} ({notes[name]})" if notes[name] else name
        if name == "this checkout" and args.no_respace:
            label += " (respacer off)"
        print(f"| {label} | {', '.join(f'{v:.0f}' for v in values)} | {statistics.median(values):.0f} |")
    ratio = statistics.median(rows["this checkout"]) / statistics.median(rows[args.ref])
    print(f"\nthis checkout / {args.ref}: {ratio:.2f}x (ratio of the medians)")
    args.out.mkdir(parents=True, exist_ok=True)
    record = {
        "options": {k: v for k, v in vars(args).items() if k not in ("child", "out")},
        "kb_per_s": rows,
        "notes": notes,
        "ratio": ratio,
    }
    (args.out / "against.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    return 0


def _passed(args: argparse.Namespace) -> list[str]:
    out = ["--kinds", args.kinds, "--field", args.field, "--passes", str(args.passes)]
    out += ["--limit", str(args.limit)] if args.limit is not None else []
    out += ["--subjects"] if args.subjects else []
    out += ["--no-respace"] if args.no_respace else []
    return out


if __name__ == "__main__":
    raise SystemExit(main())
