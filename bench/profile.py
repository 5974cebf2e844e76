"""Where briefx spends its time on the Tengrinews texts: the top functions by own time and by total time.

    python bench/profile.py                    # cProfile, all 304 articles, top 25
    python bench/profile.py --pyinstrument     # a pyinstrument call tree instead (pip install -e '.[bench]')

The pipeline is built before profiling starts, so this is the per-text hot path only. Writes
profile.pstats (cProfile) or profile.html (pyinstrument) to --out for a closer look.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path
from types import ModuleType

import corpora

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"


def stdlib(name: str) -> ModuleType:
    """Import a standard-library module with bench/ off sys.path: this file is itself named profile.py,
    and cProfile imports `profile`, which would otherwise be this script."""
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    try:
        return importlib.import_module(name)
    finally:
        sys.path[:] = saved


def where(filename: str) -> str:
    """ "/…/src/briefx/extract/numeric.py" -> "briefx/extract/numeric.py"; builtins stay as they are."""
    path = Path(filename)
    for marker in ("site-packages", "src"):
        if marker in path.parts:
            return "/".join(path.parts[path.parts.index(marker) + 1 :])
    return filename if filename.startswith("~") else path.name


def cprofile_report(pipeline, texts: list[str], repeat: int, top: int, out: Path) -> None:
    cprofile, pstats = stdlib("cProfile"), stdlib("pstats")
    profiler = cprofile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(repeat):
        for text in texts:
            pipeline(text)
    profiler.disable()
    wall = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    stats.dump_stats(str(out / "profile.pstats"))
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = stats.stats  # type: ignore[attr-defined]  # {(file, line, func): (cc, nc, tt, ct, callers)}
    print(f"cProfile: {wall:.2f} s wall under the profiler, {total:.2f} s of profiled time\n")

    def label(key: tuple[str, int, str]) -> str:
        filename, line, func = key
        return func if filename == "~" else f"{where(filename)}:{line}({func})"

    print(f"### Top {top} by own time\n")
    print("| own s | own % | total s | calls | function |\n|--:|--:|--:|--:|---|")
    for key, (_cc, nc, tt, ct, _callers) in sorted(rows.items(), key=lambda kv: -kv[1][2])[:top]:
        print(f"| {tt:.3f} | {100 * tt / total:.1f} | {ct:.3f} | {nc} | `{label(key)}` |")
    print(f"\n### Top {top} briefx functions by total time (including callees)\n")
    print("| total s | total % | own s | calls | function |\n|--:|--:|--:|--:|---|")
    ours = [(k, v) for k, v in rows.items() if "briefx" in Path(k[0]).parts]
    for key, (_cc, nc, tt, ct, _callers) in sorted(ours, key=lambda kv: -kv[1][3])[:top]:
        print(f"| {ct:.3f} | {100 * ct / total:.1f} | {tt:.3f} | {nc} | `{label(key)}` |")
    print("\n### Who calls the builtins at the top (regex searches are charged to their caller here)\n")
    builtins = [kv for kv in sorted(rows.items(), key=lambda kv: -kv[1][2])[:top] if kv[0][0] == "~"][:3]
    for key, (*_, tt, _ct, callers) in builtins:
        print(f"- `{label(key)}` ({tt:.3f} s own):")
        # callers: {caller key: (cc, nc, tt, ct)}: the time this builtin spent when called from there
        for caller, (_, nc, ctt, _cct) in sorted(callers.items(), key=lambda kv: -kv[1][2])[:4]:
            print(f"    - {ctt:.3f} s, {nc} calls from `{label(caller)}`")
    print(f"\nfull profile: {out / 'profile.pstats'} (python -m pstats, or snakeviz)")


def pyinstrument_report(pipeline, texts: list[str], repeat: int, out: Path) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise SystemExit("bench: pyinstrument is not installed (pip install -e '.[bench]')") from None
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(repeat):
        for text in texts:
            pipeline(text)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    (out / "profile.html").write_text(profiler.output_html(), encoding="utf-8")
    print(f"call tree: {out / 'profile.html'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N Tengrinews articles")
    parser.add_argument("--repeat", type=int, default=1, help="run the texts this many times")
    parser.add_argument("--top", type=int, default=25, help="rows per table")
    parser.add_argument("--pyinstrument", action="store_true", help="a sampling call tree instead of cProfile")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for profile.pstats / .html")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    texts = [d.text for d in corpora.tengrinews(args.limit)]
    started = time.perf_counter()
    import briefx

    pipeline = briefx.Pipeline()
    pipeline("Выделено 5 млрд тенге.")
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024 * args.repeat
    print(
        f"briefx {briefx.__version__}: built in {time.perf_counter() - started:.2f} s; profiling "
        f"{len(texts)} Tengrinews articles × {args.repeat} ({kb:.0f} KB)\n"
    )
    if args.pyinstrument:
        pyinstrument_report(pipeline, texts, args.repeat, args.out)
    else:
        cprofile_report(pipeline, texts, args.repeat, args.top, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
