"""Glued words in the facts briefx reports on the Tengrinews archive, with respacing on and off.

    python bench/glued.py            # both fields, counts per kind; --show N prints examples

A glued word is a token the scrape made of two: a lowercase letter followed by a capital ("апреляЕвро",
"передаетTengrinews"), or a Cyrillic letter against a digit ("составляет448"). This test of shape is
written apart from briefx.respace (which also splits by dictionary, "тенгеза"), so it does not grade
briefx by its own rules; units and abbreviations with inner capitals ("кВт", "КоАП") do not count.
Looked at: a fact's text (a fact may end where a glued token's first word ends, "13 апреля|Вчера", but
not hold the glued pair: "12 апреляЕвро" as a count of "апреляевро"), and every string field a reader
takes as a word of the text: subject, name, issuer, role, addressee, origin.
"""

from __future__ import annotations

import argparse
from collections import Counter

import regex

import briefx
import corpora

GLUED = regex.compile(r"[а-яё][А-ЯЁA-Z]|[a-z]{2}[а-яА-ЯёЁ]|[а-яё]\d|\d[а-яё]{2}")
ALLOWED = regex.compile(r"[кМГмТ]Вт|КоАП|КамАЗ|[А-ЯЁ][а-яё]{1,4}[А-ЯЁ]")  # units, camel-case abbreviations
FIELDS = ("subject", "name", "issuer", "role", "addressee", "origin")
TOKEN = regex.compile(r"[\w·-]+")


def glued(word: str) -> bool:
    return bool(GLUED.search(word)) and not ALLOWED.search(word)


def holds_glued(text: str) -> bool:
    """Does a fact's text hold a glued pair whole ("12 апреляЕвро")?"""
    return any(glued(token.group()) for token in TOKEN.finditer(text))


def count(field: str, respace: bool, show: int) -> tuple[Counter, Counter]:
    pipeline = briefx.Pipeline()
    if not respace:
        pipeline.respacer = None  # the pipeline as it was before glued words were split
    in_fields: Counter = Counter()  # a glued word in a subject, name, issuer, role …: always wrong
    in_text: Counter = Counter()  # a fact's text holding a glued pair: wrong unless it spans both words
    shown = 0
    for document in corpora.tengrinews(field=field):
        brief = pipeline(document.text)
        for fact in brief.facts:
            data = fact.as_dict()
            words = {key: data[key].split() for key in FIELDS if isinstance(data.get(key), str)}
            bad = [f"{key}={data[key]!r}" for key, found in words.items() if any(glued(w) for w in found)]
            in_fields[fact.fact_kind] += bool(bad)
            if holds_glued(fact.text):
                bad.append(f"text={fact.text!r}")
                in_text[fact.fact_kind] += 1
            if bad and shown < show:
                print(f"  {document.id} {fact.fact_kind}: {'; '.join(bad)}")
                shown += 1
    return in_fields, in_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", type=int, default=0, help="print this many examples per run")
    args = parser.parse_args()
    rows = []
    for field in ("text", "text_respaced"):
        for respace in (False, True):
            in_fields, in_text = count(field, respace, args.show)
            rows.append((field, "on" if respace else "off", "fields", in_fields))
            rows.append((field, "on" if respace else "off", "text", in_text))
    kinds = sorted({k for *_, c in rows for k in c if c[k]})
    print("| field | respacing | glued word in | " + " | ".join(kinds) + " | all |")
    print("|---|---|---|" + "--:|" * (len(kinds) + 1))
    for field, respace, where, counts in rows:
        cells = " | ".join(str(counts.get(k, 0)) for k in kinds)
        print(f"| {field} | {respace} | {where} | {cells} | {sum(counts.values())} |")


if __name__ == "__main__":
    main()
