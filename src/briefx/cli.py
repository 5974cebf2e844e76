"""Command line: `briefx PATH…` prints one JSON line per article (Brief.as_dict()), in input order."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from briefx.pipeline import Pipeline

TEXT_SUFFIXES = {".txt"}


def iter_sources(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(id, text) for every article: a file, every .txt under a directory (sorted), or "-" for stdin."""
    for raw in paths:
        if raw == "-":
            yield "-", sys.stdin.read()
            continue
        path = Path(raw)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file()):
                yield file.relative_to(path).as_posix(), file.read_text(encoding="utf-8")
        else:
            yield path.name, path.read_text(encoding="utf-8")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefx",
        description="Extract money, percentages and quantities from Russian news; prints JSON Lines.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a .txt article, a folder of them, or - for stdin")
    parser.add_argument("-o", "--out", metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--indent", type=int, default=None, help="pretty-print each document with this indent")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    pipeline = Pipeline()
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    try:
        for doc_id, text in iter_sources(args.paths):
            brief = pipeline(text, id=doc_id)
            out.write(json.dumps(brief.as_dict(), ensure_ascii=False, indent=args.indent) + "\n")
    except (OSError, UnicodeDecodeError) as error:
        print(f"briefx: {error}", file=sys.stderr)
        return 1
    finally:
        if out is not sys.stdout:
            out.close()
    return 0
