"""Facts rows -> cluster ids: the same fact reported in several articles gets one id.

News repeats itself: "178 млрд тенге инвестиций за первое полугодие" in Жетісу is one fact however many
articles carry it. Two numeric facts (money, percentages, quantities) are the same when they have
- the same kind, value (or range: low and high) and unit or currency; for a per cent also the same
  `points` and `direction` ("рост на 5%" is not "снижение на 5%");
- the same `subject_head`, where "no subject" is one of its own (an exact amount in the same currency,
  region and time is the same news even where the extractor found no subject for it);
- the same region: the most central region of their documents, where "no region" is a region of its
  own (national news names none);
- overlapping time: the period the fact refers to (`period_first`..`period_last`; a bound with one end
  open is that one day), else the year it was published in. A fact with neither has no time and stays
  alone.
"The same" is transitive: facts linked by a chain of overlapping periods share one cluster. Every fact
of those kinds gets an id (a fact reported once has a cluster of its own); facts of other kinds get
None. Ids count from 1 in the order clusters first appear in the rows, so the same rows give the same ids.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

# The fields besides kind, subject head and region that must be equal, per kind that clusters.
KEYS: dict[str, tuple[str, ...]] = {
    "money": ("value", "low", "high", "currency"),
    "percentages": ("value", "low", "high", "points", "direction"),
    "quantities": ("value", "low", "high", "unit"),
}


def assign(rows: Iterable[Mapping[str, Any]]) -> list[int | None]:
    """A cluster id per row (facts-table rows, or anything with the same keys), in row order. The rows
    may be a generator: only their keys and periods are kept."""
    groups: dict[tuple[Any, ...], list[tuple[str, str, int]]] = defaultdict(list)
    alone: list[int] = []
    count = 0
    for index, row in enumerate(rows):
        count += 1
        fields = KEYS.get(row.get("kind") or "")
        if fields is None:
            continue
        key = _key(row, fields)
        span = _span(row)
        if span is None:
            alone.append(index)
        else:
            groups[key].append((*span, index))
    firsts = [(index, [index]) for index in alone]
    for members in groups.values():
        members.sort()
        component: list[int] = []
        reach = ""
        for first, last, index in members:  # a sweep: a period that starts after all before it ended opens a new cluster
            if component and first > reach:
                firsts.append((min(component), component))
                component = []
            reach = max(reach, last) if component else last
            component.append(index)
        firsts.append((min(component), component))
    ids: list[int | None] = [None] * count
    for number, (_, component) in enumerate(sorted(firsts), start=1):
        for index in component:
            ids[index] = number
    return ids


def _key(row: Mapping[str, Any], fields: tuple[str, ...]) -> tuple[Any, ...]:
    head = _plain(row.get("subject_head"))
    values = tuple(_number(row.get(name)) if name in ("value", "low", "high") else _plain(row.get(name)) for name in fields)
    return (row["kind"], head, _plain(row.get("region")), *values)


def _span(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """(first, last) ISO dates of the time a fact refers to, or None when nothing says."""
    first, last = _date(row.get("period_first")), _date(row.get("period_last"))
    if first or last:
        return (first or last, last or first)  # type: ignore[return-value]
    published = _date(row.get("published"))
    if published:
        return (f"{published[:4]}-01-01", f"{published[:4]}-12-31")
    return None


def _present(value: Any) -> bool:
    """Not missing in any spelling: None, "", NaN, pandas' NA and NaT."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return str(value) not in ("<NA>", "NaT", "")


def _plain(value: Any) -> Any:
    """Missing -> None; a flag (0/1, True/False) as a bool."""
    if not _present(value):
        return None
    if isinstance(value, bool | int) and not isinstance(value, Decimal):
        return bool(value) if value in (0, 1) else value
    return value


def _number(value: Any) -> Decimal | None:
    """ "29.5", 29.5, Decimal("29.50") -> Decimal("29.5"): SQLite and Parquet give floats, JSON strings."""
    value = _plain(value)
    if value is None:
        return None
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return None


def _date(value: Any) -> str | None:
    value = _plain(value)
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    text = str(value)
    return text[:10] if len(text) >= 10 else None
