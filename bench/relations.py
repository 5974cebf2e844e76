"""The relations of issue 11, rules against rules + syntax: precision and recall per relation on the
Tengrinews dev gold (fixtures/dev/), and what each route costs.

    python bench/relations.py                  # dev and held-out, both routes, then their speed
    python bench/relations.py --no-speed       # quality only
    python bench/relations.py --limit 5       # the first 5 gold articles and Tengrinews texts (a smoke run)

Writes every number to OUT/relations.json.

A relation is a field that ties a fact to something else: the subject of a money amount, percentage or
quantity, the purpose of money, the issuer and addressee of an instruction, the issuer of a priority, a
person's role, the source's origin. Facts are paired with the gold by overlap, as bench/devscore.py
does (the same scorer), so a fact the pipeline did not find counts as a missed relation. Strict = the
same normalized string; lenient = the same lemmas (or, for issuers, the same surname).

Routes: *rules* is `briefx.Pipeline()`; *rules + syntax* is `briefx.Pipeline(syntax=True)`, where
natasha's syntax parse answers what the rules leave empty (README, "Relations"). Speed: UTF-8 KB of the
304 Tengrinews articles per CPU second, in this process, the median of --passes passes after one
warm-up pass (caches filled, the parser loaded), each route built fresh; bench/speed.py gives the
ratios to natasha and Pullenti in child processes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import corpora
import devscore

DEFAULT_OUT = Path(__file__).resolve().parent / "out"
# (row label, devscore field key): the relations of issue 11
RELATIONS = (
    ("subject of money", "money.subject"),
    ("subject of percentages", "percentages.subject"),
    ("subject of quantities", "quantities.subject"),
    ("purpose of money", "money.purpose"),
    ("instruction issuer", "instructions.issuer"),
    ("instruction addressee", "instructions.addressee"),
    ("priority issuer", "priorities.issuer"),
    ("person role", "people.role"),
    ("source origin", "source.origin"),
)
ROUTES = {"rules": False, "rules + syntax": True}


def quality(syntax: bool, field: str, limit: int | None) -> dict[str, dict[str, Any]]:
    import briefx

    articles = devscore.read_articles(field, limit, briefx.Pipeline(syntax=syntax))
    scored = [devscore.Scorer(article).score() for article in articles]
    return {split: result["fields"] for split, result in devscore.split_results(scored).items()}


def pooled_subjects(fields: dict[str, Any]) -> dict[str, Any]:
    """The subjects of money, percentages and quantities together (issue 11's first target)."""
    rows = [fields[key] for key in ("money.subject", "percentages.subject", "quantities.subject")]
    total = {what: sum(r[what] for r in rows) for what in ("gold", "pred", "correct", "lenient_correct")}
    p, r, f = devscore.prf(total["correct"], total["pred"], total["correct"], total["gold"])
    lp, lr, _ = devscore.prf(total["lenient_correct"], total["pred"], total["lenient_correct"], total["gold"])
    return {**total, "precision": p, "recall": r, "f1": f, "lenient_precision": lp, "lenient_recall": lr}


def speed(syntax: bool, passes: int, limit: int | None) -> dict[str, float]:
    import briefx

    texts = [d.text for d in corpora.tengrinews(limit)]
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1000
    pipeline = briefx.Pipeline(syntax=syntax)
    for text in texts:  # warm-up: word caches filled, the parser loaded
        pipeline(text)
    rates = []
    for _ in range(passes):
        started = time.process_time()
        for text in texts:
            pipeline(text)
        rates.append(kb / (time.process_time() - started))
    return {"kb": kb, "kb_per_s": statistics.median(rates)}


def _pr(row: dict[str, Any]) -> str:
    return f"{devscore._f(row['precision'])} / {devscore._f(row['recall'])}"


def _lenient(row: dict[str, Any]) -> str:
    if row.get("lenient_precision") is None and row.get("lenient_recall") is None:
        return "—"
    return f"{devscore._f(row.get('lenient_precision'))} / {devscore._f(row.get('lenient_recall'))}"


def table(results: dict[str, dict[str, dict[str, Any]]], split: str) -> str:
    names = list(results)
    head = "| relation | gold | " + " | ".join(f"{n} P / R | {n} F1 | {n} lenient P / R" for n in names) + " |"
    rule = "|---|--:|" + "--:|--:|--:|" * len(names)
    lines = [head, rule]
    rows = [(label, key) for label, key in RELATIONS]
    for label, key in [("subject of money, %, quantities", None), *rows]:
        cells = []
        gold = None
        for name in names:
            fields = results[name][split]
            row = pooled_subjects(fields) if key is None else fields[key]
            gold = row["gold"]
            cells.append(f"{_pr(row)} | **{devscore._f(row['f1'])}** | {_lenient(row)}")
        lines.append(f"| {label} | {gold} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--field", choices=("text_respaced", "text"), default="text_respaced", help="the article text scored")
    parser.add_argument("--no-speed", action="store_true", help="quality only")
    parser.add_argument("--passes", type=int, default=3, help="timed passes over the Tengrinews texts per route")
    parser.add_argument("--limit", type=int, default=None, help="only the first N gold articles and Tengrinews texts")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for relations.json")
    args = parser.parse_args(argv)

    results = {name: quality(syntax, args.field, args.limit) for name, syntax in ROUTES.items()}
    print(f"Relations on the dev gold, field `{args.field}`, {time.strftime('%Y-%m-%d')}")
    for split in ("dev", "heldout"):
        print(f"\n## {split}\n")
        print(table(results, split))
    costs = {}
    if not args.no_speed:
        print("\n## speed (Tengrinews, this process, median CPU KB/s after a warm-up pass)\n")
        print("| route | KB/s |\n|---|--:|")
        for name, syntax in ROUTES.items():
            costs[name] = speed(syntax, args.passes, args.limit)
            print(f"| {name} | {costs[name]['kb_per_s']:.0f} |")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "relations.json"
    document = {"date": time.strftime("%Y-%m-%d"), "field": args.field, "limit": args.limit, "quality": results, "speed": costs}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nnumbers: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
