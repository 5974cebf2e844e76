"""Reads the phrase tables in fixtures/phrases/: the expected facts are drawn into the text.

    привлечено [178 млрд тенге | amount=178000000000 currency=KZT] инвестиций

Each [...] is one expected fact: its text as it stands in the sentence, then the fields to check,
as they appear in the JSON (`as_dict()`): decimal strings, null, true/false, "quoted words".
A line without brackets expects no fact of the file's kind. Fields not named are not checked.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PHRASES = FIXTURES / "phrases"


@dataclass(frozen=True)
class Expected:
    text: str
    start: int
    fields: dict


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    text: str
    expected: list[Expected]
    strict_fail: bool  # a known failure, kept as strict xfail so a fix shows up


def _value(raw: str):
    return {"null": None, "true": True, "false": False}.get(raw, raw)


def parse_line(line: str, where: str) -> tuple[str, list[Expected]]:
    text, expected, pos = [], [], 0
    while True:
        open_at = line.find("[", pos)
        if open_at < 0:
            text.append(line[pos:])
            break
        close_at = line.find("]", open_at)
        if close_at < 0:
            raise ValueError(f"{where}: '[' without ']'")
        text.append(line[pos:open_at])
        span, _, spec = line[open_at + 1 : close_at].partition(" | ")
        start = sum(len(t) for t in text)
        fields = {}
        for item in shlex.split(spec):
            key, sep, raw = item.partition("=")
            if not sep:
                raise ValueError(f"{where}: {item!r} is not key=value")
            fields[key] = _value(raw)
        expected.append(Expected(span, start, fields))
        text.append(span)
        pos = close_at + 1
    return "".join(text), expected


def cases(kind: str) -> list:
    """pytest params for every line of fixtures/phrases/<kind>.txt ("# xfail:" lines are strict xfails)."""
    path = PHRASES / f"{kind}.txt"
    params = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#") and not line.startswith("#xfail "):
            continue
        strict_fail = line.startswith("#xfail ")
        if strict_fail:
            line = line[len("#xfail ") :]
        text, expected = parse_line(line, f"{path.name}:{number}")
        case = Case(path.name, number, text, expected, strict_fail)
        marks = [pytest.mark.xfail(strict=True, reason="known failure")] if strict_fail else []
        params.append(pytest.param(case, id=f"{path.stem}:{number}", marks=marks))
    return params
