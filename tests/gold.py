"""Reads the phrase tables in fixtures/phrases/: the expected facts are drawn into the text.

    привлечено [178 млрд тенге | amount=178000000000 currency=KZT] инвестиций

Each [...] is one expected fact: its text as it stands in the sentence, then the fields to check,
as they appear in the JSON (`as_dict()`): decimal strings, null, true/false, "quoted words",
and lists written as JSON in single quotes (route='["Алматы", "Актогай"]').
A line without brackets expects no fact of the file's kind. Fields not named are not checked.
A line may start with "@YYYY-MM-DD ": the publication date for that line, stripped from the text.

A fact about the whole text (a region the article is about) has no span: "[| fields]" at the end of
the line, in the order expected; the text ends before the space in front of the first of them.

    Аким Карагандинской области провел совещание. [| name="Карагандинская область" method=named]
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PHRASES = FIXTURES / "phrases"


@dataclass(frozen=True)
class Expected:
    text: str | None  # None for a fact about the whole text
    start: int | None
    fields: dict


@dataclass(frozen=True)
class Case:
    file: str
    line: int
    text: str
    expected: list[Expected]
    strict_fail: bool  # a known failure, kept as strict xfail so a fix shows up
    published: dt.date | None = None  # from a leading "@YYYY-MM-DD "


def _value(raw: str):
    if raw.startswith("["):
        return json.loads(raw)
    return {"null": None, "true": True, "false": False}.get(raw, raw)


def _close(line: str, open_at: int, where: str) -> tuple[int, int]:
    """Where the span of a '[' ends and where its ']' is; ']' inside quoted values does not count."""
    bar = line.find(" | ", open_at)
    close_at = line.find("]", open_at)
    if close_at < 0:
        raise ValueError(f"{where}: '[' without ']'")
    if bar < 0 or close_at < bar:
        return close_at, close_at
    quote = None
    for i in range(bar + 3, len(line)):
        char = line[i]
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "]":
            return bar, i
    raise ValueError(f"{where}: '[' without ']'")


_PUBLISHED = re.compile(r"@(\d{4}-\d{2}-\d{2}) ")


def split_published(line: str, where: str) -> tuple[dt.date | None, str]:
    """Split "@2025-08-14 text" into (date(2025, 8, 14), "text")."""
    match = _PUBLISHED.match(line)
    if not match:
        if line.startswith("@"):
            raise ValueError(f"{where}: '@' without a YYYY-MM-DD date and a space")
        return None, line
    return dt.date.fromisoformat(match.group(1)), line[match.end() :]


def _fields(spec: str, where: str) -> dict:
    fields = {}
    for item in shlex.split(spec):
        key, sep, raw = item.partition("=")
        if not sep:
            raise ValueError(f"{where}: {item!r} is not key=value")
        fields[key] = _value(raw)
    return fields


_WHOLE_TEXT = re.compile(r"\s*\[\|((?:[^\]\"']|\"[^\"]*\"|'[^']*')*)\]\s*$")


def parse_line(line: str, where: str) -> tuple[str, list[Expected]]:
    whole_text = []
    while match := _WHOLE_TEXT.search(line):  # "[| name=…]" at the end: facts about the whole text
        whole_text.insert(0, Expected(None, None, _fields(match.group(1), where)))
        line = line[: match.start()]
    text, expected = _parse_spans(line, where)
    return text, expected + whole_text


def _parse_spans(line: str, where: str) -> tuple[str, list[Expected]]:
    text, expected, pos = [], [], 0
    while True:
        open_at = line.find("[", pos)
        if open_at < 0:
            text.append(line[pos:])
            break
        bar, close_at = _close(line, open_at, where)
        text.append(line[pos:open_at])
        span, spec = line[open_at + 1 : bar], line[bar + 3 : close_at]
        start = sum(len(t) for t in text)
        expected.append(Expected(span, start, _fields(spec, where)))
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
        where = f"{path.name}:{number}"
        published, line = split_published(line, where)
        text, expected = parse_line(line, where)
        case = Case(path.name, number, text, expected, strict_fail, published)
        marks = [pytest.mark.xfail(strict=True, reason="known failure")] if strict_fail else []
        params.append(pytest.param(case, id=f"{path.stem}:{number}", marks=marks))
    return params
