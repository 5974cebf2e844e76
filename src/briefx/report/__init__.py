"""`briefx report OUTPUT -o report.html`: a run's SQLite or Parquet output -> one self-contained page of
charts (Vega-Lite through Altair, the JavaScript embedded) over what the archive says, each chart linked
to the documents behind it.

    briefx news.jsonl -o run.sqlite && briefx news.jsonl -f html -o pages/
    briefx report run.sqlite -o report.html --pages pages/

Needs the optional extra: pip install 'briefx[report]' (pandas, altair, vl-convert-python).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REQUIREMENTS = ("pandas", "altair", "vl_convert")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefx report", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("output", metavar="OUTPUT", help="a run's SQLite or Parquet output (briefx … -o run.sqlite)")
    parser.add_argument("-o", "--out", required=True, metavar="PAGE", help="the report page to write (report.html)")
    parser.add_argument(
        "--pages",
        metavar="DIR",
        help="the folder of per-document pages of the same run (briefx … -f html -o DIR): the report links every "
        "document to its page there, through DIR/index.html; without it documents are listed by id",
    )
    parser.add_argument("--title", default=None, help="the page's title (default: the OUTPUT's name)")
    parser.add_argument("--top", type=int, default=15, metavar="N", help="subjects, regions, issuers per chart (default: 15)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")
    return parser


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    missing = [name for name in REQUIREMENTS if not _importable(name)]
    if missing:
        names = ", ".join("vl-convert-python" if name == "vl_convert" else name for name in missing)
        print(f"briefx report needs {names}, which is not installed: pip install 'briefx[report]'", file=sys.stderr)
        return 2
    if args.top < 1:
        parser.error("--top must be at least 1")
    from briefx.report.page import render

    started = time.perf_counter()
    out = Path(args.out)
    try:
        page, summary = render(
            Path(args.output), out=out, pages=Path(args.pages) if args.pages else None, title=args.title, top=args.top
        )
    except (ValueError, OSError, ImportError) as error:
        print(f"briefx report: {error}", file=sys.stderr)
        return 2
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as error:
        print(f"briefx report: cannot write {out}: {error.strerror}", file=sys.stderr)
        return 2
    if not args.quiet:
        elapsed = time.perf_counter() - started
        print(f"briefx report: {summary}; {out} ({len(page.encode()) / 1e6:.1f} MB) in {elapsed:.1f} s", file=sys.stderr)
    return 0


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
