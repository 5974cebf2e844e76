"""People on NEREL train: briefx's person spans against NEREL's PERSON spans (dev and test stay held out).

    python bench/nerel_people.py                 # all 746 train documents
    python bench/nerel_people.py --limit 100 --errors bench/out/nerel_people_errors.txt

Prints precision, recall and F1 of spans (paired one to one by overlap, the largest first) and of exact
spans. NEREL marks every name, also a first name alone, a nickname or a name in Latin letters, and
nests names in other entities ("премия имени Андрея Сахарова"); briefx leaves names of things out, so
recall here is a lower bound. The errors file lists every miss and false positive with its context.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import corpora
import devscore

CONTEXT = 60
DEFAULT_ERRORS = Path(__file__).resolve().parent / "out" / "nerel_people_errors.txt"


def persons(row_spans: list[dict]) -> list[tuple[int, int]]:
    """NEREL PERSON spans, outermost only."""
    spans = sorted({(s["start"], s["end"]) for s in row_spans if s["type"] == "PERSON"})
    return [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]


def pair(gold: list[tuple[int, int]], found: list[tuple[int, int]]) -> dict[int, int]:
    """Gold index -> found index, one to one, the largest overlap first (as bench/devscore.py pairs)."""
    return devscore.pair([{"start": a, "stop": b} for a, b in gold], [{"start": a, "stop": b} for a, b in found])


def f1(correct: int, gold: int, found: int) -> tuple[float, float, float]:
    p = correct / found if found else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def around(text: str, start: int, stop: int) -> str:
    return (text[max(0, start - CONTEXT) : start] + "⟦" + text[start:stop] + "⟧" + text[stop : stop + CONTEXT]).replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", type=Path, default=DEFAULT_ERRORS)
    args = parser.parse_args()

    import briefx

    pipeline = briefx.Pipeline(kinds=["people"])
    totals = {"gold": 0, "found": 0, "overlap": 0, "exact": 0}
    lines = []
    for row in corpora._lines(corpora.NEREL, args.limit):
        text = row["text"]
        gold = persons(row["spans"])
        people = pipeline(text).people
        found = [(p.start, p.stop) for p in people]
        pairs = pair(gold, found)
        totals["gold"] += len(gold)
        totals["found"] += len(found)
        totals["overlap"] += len(pairs)
        totals["exact"] += sum(gold[g] == found[f] for g, f in pairs.items())
        for gi, g in enumerate(gold):
            if gi not in pairs:
                lines.append(f"MISS {row['id']} {around(text, *g)}")
        paired = set(pairs.values())
        for fi, (person, span) in enumerate(zip(people, found, strict=True)):
            if fi not in paired:
                lines.append(f"FALSE {row['id']} name={person.name!r} role={person.role!r} {around(text, *span)}")
    p, r, f = f1(totals["overlap"], totals["gold"], totals["found"])
    ep, er, ef = f1(totals["exact"], totals["gold"], totals["found"])
    print("| gold | found | P | R | F1 | exact P | exact R | exact F1 |")
    print("|--:|--:|--:|--:|--:|--:|--:|--:|")
    print(f"| {totals['gold']} | {totals['found']} | {p:.3f} | {r:.3f} | **{f:.3f}** | {ep:.3f} | {er:.3f} | {ef:.3f} |")
    args.errors.parent.mkdir(parents=True, exist_ok=True)
    args.errors.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"errors: {args.errors}", file=sys.stderr)


if __name__ == "__main__":
    main()
