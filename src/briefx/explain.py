"""`briefx explain TEXT`: every fact of one text with the component and rule that made it.

    briefx explain "Президент поручил Правительству до 1 декабря 2025 года обеспечить выплаты."
    briefx explain article.txt --published 2025-08-14
    echo "…" | briefx explain -

The first thing to run when a rule misfires, or when you add your own word lists or components
(--data, --component work here as in a batch run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from briefx.model import Brief, Fact

SHOWN = 60  # characters of a fact's text or a field shown on one line


def build_parser(add_pipeline_options) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefx explain", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("text", metavar="TEXT", help="the text itself, a file holding it, or - for standard input")
    parser.add_argument("--published", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="the publication date")
    add_pipeline_options(parser)
    return parser


def read_text(argument: str) -> str:
    if argument == "-":
        return sys.stdin.read()
    path = Path(argument)
    if len(argument) < 4096 and "\n" not in argument and path.is_file():
        return path.read_text(encoding="utf-8")
    return argument


def describe(brief: Brief) -> str:
    """One line per fact in text order: offsets, kind, rule, text, the fields that say what it means."""
    lines = []
    for fact in brief.facts:
        lines.append(f"{fact.start:>6}:{fact.stop:<6} {fact.fact_kind:<13} {fact.rule or '?':<30} {_short(fact.text)!r}")
        details = _fields(fact)
        if details:
            lines.append(" " * 14 + details)
    for error in brief.errors:
        lines.append(f"error: component {error.component}: {error.error}")
    return "\n".join(lines) if lines else "no facts"


def _fields(fact: Fact) -> str:
    data = fact.as_dict()
    shown = []
    for key, value in data.items():
        if key in ("text", "start", "stop", "sentence") or value in (None, [], False):
            continue
        if isinstance(value, dict):  # a period
            value = value.get("text")
        shown.append(f"{key}={_short(str(value))}")
    return "  ".join(shown)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
