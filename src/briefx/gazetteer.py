"""The gazetteer: a place name -> the region it is in ("Ушарал" -> область Жетісу, "Оренбург" -> Оренбургская
область, "Пекин" -> Китай). Read from data/regions.tsv and data/gazetteer.tsv (built by
tools/build_gazetteer.py) once per Lexicon, on first use; a lookup is one dict lookup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from briefx.lexicon import Row, form_key

# What a bare name means first: a name that is a region and a village is the region.
LEVELS = ("region", "city", "country", "union")  # kinds of regions.tsv: the name is the region itself
PLACE_KINDS = ("capital", "city", "district", "town")  # kinds of gazetteer.tsv: a place inside a region


@dataclass(frozen=True)
class RegionInfo:
    """One row of regions.tsv: a region of Kazakhstan or Russia, a country or a union."""

    code: str  # ISO 3166-2 ("KZ-33"), ISO 3166-1 alpha-2 for a country ("CN"), "EU" for the union
    name: str  # official Russian name: "область Жетісу", "Оренбургская область", "Китай"
    country: str | None  # ISO 3166-1 alpha-2; None for a union
    kind: str  # region | city | country | union
    formed: dt.date | None = None  # a region formed from another on that day ("область Жетісу", 2022-06-08)
    formed_from: str | None = None

    @property
    def is_country(self) -> bool:
        return self.kind in ("country", "union")


@dataclass(frozen=True)
class Entry:
    """What a name means: the region itself (`names_region`) or a place of that kind in one of `codes`."""

    kind: str
    codes: tuple[str, ...]  # more than one: the name is in several regions; only the text can tell which
    names_region: bool


class Gazetteer:
    def __init__(self, region_rows: Iterable[Row], place_rows: Iterable[Row]) -> None:
        self.regions: dict[str, RegionInfo] = {}
        self._entries: dict[str, Entry] = {}
        for row in region_rows:
            code, name, country, kind = row.fields[:4]
            formed, formed_from = (row.fields[4:6] + ("-", "-"))[:2]
            self.regions[code] = RegionInfo(
                code,
                name,
                None if country == "-" else country,
                kind,
                None if formed == "-" else dt.date.fromisoformat(formed),
                None if formed_from == "-" else formed_from,
            )
            for alias in (name, *row.fields[6:]):
                self._entries.setdefault(form_key(alias), Entry(kind, (code,), True))
        for row in place_rows:
            name, kind, codes = row.fields[:3]
            key = form_key(name)
            known = self._entries.get(key)
            if known is None or _rank(kind, False) < _rank(known.kind, known.names_region):
                self._entries[key] = Entry(kind, tuple(codes.split(",")), False)

    def lookup(self, name: str) -> Entry | None:
        return self._entries.get(form_key(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and form_key(name) in self._entries

    def as_of(self, code: str, published: dt.date | None) -> str:
        """The region a place belonged to on the publication day: Ушарал was in Алматинская область before
        область Жетісу was formed. Without a date, today's region."""
        info = self.regions.get(code)
        if published is not None and info is not None and info.formed and info.formed_from and published < info.formed:
            return info.formed_from
        return code


def _rank(kind: str, names_region: bool) -> int:
    return LEVELS.index(kind) if names_region else len(LEVELS) + PLACE_KINDS.index(kind)
