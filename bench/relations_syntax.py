"""The syntax route (natasha's parser, briefx.syntax) for the relations of issue 11, measured on the dev gold.

    python bench/relations_syntax.py                      # quality on dev, heldout and all
    python bench/relations_syntax.py --split dev          # errors of dev articles: bench/out/relations_syntax_errors.txt
    python bench/relations_syntax.py --cost               # speed, start-up and memory on all Tengrinews texts

Quality: for every gold money, percentage and quantity fact (fixtures/dev/numbers.jsonl) the subject
is read off the parse of its sentence, with the gold span as the number (so this measures the
relation, not the number finder); for every gold instruction (people.jsonl, `implicit` ones left
out as devscore leaves them out) the issuer and addressee, with the gold span's start as the
trigger. Four routes side by side: `rules` is briefx's pipeline as it stands (its facts paired with
the gold by overlap, as bench/devscore.py pairs them), `syntax` the parse, `rules→syntax` the parse
only where the rules found nothing, `syntax→rules` the rules only where the parse found nothing.
Scores as devscore's: a gold relation is a non-null gold value, a prediction a non-null predicted
value on a gold fact; strict = the same normalized string, lenient = the same lemmas (subjects,
addressees; a shorter prediction that is the gold's first words counts) or the same surname
(issuers). The issuer phrase is resolved to the article's people (found by briefx's people rules)
much as the rules route resolves issuers: a person named inside it, a title to its office holder or
to the last person named before it, a pronoun to the last person named before it.

Cost: the texts go through `briefx.Pipeline()` with and without a component that parses the
sentences holding a number or an instruction trigger and reads their relations; each system in its
own process on one core, measured as bench/speed.py measures (natasha's NER in the same run).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import devgold
from devscore import pair, prf, run_briefx, same_lemmas, same_surname, same_text

DEFAULT_OUT = Path(__file__).resolve().parent / "out"
SPLITS = ("dev", "heldout", "all")
NUMBER_KINDS = {"money": "money", "percentage": "percentages", "quantity": "quantities"}
ROUTES = ("rules", "syntax", "rules→syntax", "syntax→rules")
CONTEXT = 90


# --- quality --------------------------------------------------------------------------------------


@dataclass
class Judged:
    """One gold relation and what each route said of it."""

    article: str
    split: str
    relation: str  # "money.subject", "instructions.issuer" …
    span: tuple[int, int]  # of the gold fact, in text_respaced
    gold: str | None
    predicted: dict[str, str | None]  # route -> value
    found: bool = True  # the pipeline found the fact (a number or trigger paired with this gold one)


def to_document(offset: int, inserted: tuple[int, ...]) -> int:
    """An offset of the text as given as an offset of the respaced Document text (spaces inserted at
    `inserted`, positions in the respaced text)."""
    position = offset
    for space in inserted:
        if space <= position:
            position += 1
        else:
            break
    return position


def judge(limit: int | None) -> list[Judged]:
    import briefx
    from briefx.document import Document
    from briefx.extract.people import People
    from briefx.extract.syntax_relations import RelationWords, instruction_parts, number_subject
    from briefx.syntax import DocumentSyntax

    pipeline = briefx.Pipeline()
    lexicon = pipeline.lexicon
    words = RelationWords.of(lexicon)
    people_finder = People(lexicon)
    info = devgold.articles()
    ids = list(info)[:limit] if limit is not None else list(info)
    texts = devgold.texts()
    numbers, people = devgold.load("numbers"), devgold.load("people")
    out: list[Judged] = []
    for doc_id in ids:
        text, split = texts[doc_id], info[doc_id]["split"]
        published = datetime.date.fromisoformat(info[doc_id]["published"])
        predicted, error = run_briefx(pipeline, text, published, doc_id)
        if error:
            print(f"briefx raised on {doc_id}: {error}", file=sys.stderr)
        doc = Document.of(text, published, pipeline.respacer)
        inserted = doc.respaced.inserted if doc.respaced else ()
        syntax = DocumentSyntax(doc)
        persons = people_finder(doc, {})["people"]
        number_facts = [f for f in numbers.get(doc_id, []) if f["kind"] in NUMBER_KINDS]
        instructions = [f for f in people.get(doc_id, []) if f["kind"] == "instruction" and not f.get("implicit")]
        starts = [to_document(f["start"], inserted) for f in number_facts + instructions]
        parsed = syntax.at(starts)  # one batch per article: every sentence that holds a gold fact
        for kind, brief_key in NUMBER_KINDS.items():
            golds = [f for f in number_facts if f["kind"] == kind]
            preds = list(predicted.get(brief_key) or [])
            pairs = pair(golds, preds)
            for gi, gold in enumerate(golds):
                start, stop = to_document(gold["start"], inserted), to_document(gold["stop"], inserted)
                counted = kind == "quantity" and gold.get("unit") is None
                phrase = number_subject(doc, parsed[start], start, stop, words, counted=counted)
                rules = preds[pairs[gi]].get("subject") if gi in pairs else None
                syntactic = phrase.nominative if phrase else None
                relation = f"{brief_key}.subject" + (" (counts)" if counted else "")
                values = {
                    "rules": rules,
                    "syntax": syntactic,
                    "rules→syntax": rules or syntactic,
                    "syntax→rules": syntactic or rules,
                }
                span = (gold["start"], gold["stop"])
                out.append(Judged(doc_id, split, relation, span, gold.get("subject"), values, gi in pairs))
        preds = list(predicted.get("instructions") or [])
        pairs = pair(instructions, preds)
        for gi, gold in enumerate(instructions):
            start = to_document(gold["start"], inserted)
            parts = instruction_parts(doc, parsed[start], start, words)
            issuer = resolved_issuer(doc, parts.issuer, persons, lexicon) if parts.issuer else None
            addressee = parts.addressee.nominative if parts.addressee else None
            rules = preds[pairs[gi]] if gi in pairs else {}
            for field, syntactic in (("issuer", issuer), ("addressee", addressee)):
                values = {
                    "rules": rules.get(field),
                    "syntax": syntactic,
                    "rules→syntax": rules.get(field) or syntactic,
                    "syntax→rules": syntactic or rules.get(field),
                }
                span = (gold["start"], gold["stop"])
                out.append(Judged(doc_id, split, f"instructions.{field}", span, gold.get(field), values, gi in pairs))
    return out


def resolved_issuer(doc: Any, phrase: Any, persons: list[Any], lexicon: Any) -> str:
    """The issuer phrase as a person of the article, as the rules route resolves issuers: a person named
    inside the phrase ("Прокурор Берик Жуйриктаев"); a title to its office holder or to the person the
    article gives that role ("Глава государства" -> "Касым-Жомарт Токаев"), else to the last person
    named before it who holds no other title ("вице-премьер" after "Канат Бозумбаев"); a pronoun
    ("он", "по его поручению") to the last person named before it; a bare surname to the fullest
    name with it; otherwise the phrase as it is."""
    from briefx.extract.people import Named

    inside = [p for p in persons if phrase.start <= p.start and p.stop <= phrase.stop]
    if inside:
        return str(inside[-1].name)
    before = [p for p in persons if p.stop <= phrase.start]
    title = lexicon.titles.search(doc.norm, phrase.start, phrase.stop)
    if title is not None and title.start() == phrase.start:
        resolved = Named(persons).resolve(title.group(), lexicon.titles, lexicon.office_holders)
        if resolved != title.group():
            return str(resolved)
        role = lexicon.titles.key_of(title.group())
        holder = next((p for p in reversed(before) if p.role in (None, role)), None)
        return str(holder.name) if holder else str(phrase.nominative)
    if phrase.nominative in PRONOUNS:
        return str(before[-1].name) if before else str(phrase.nominative)
    surname = phrase.nominative.split()[-1] if phrase.nominative else ""
    fullest = max((p.name for p in persons if p.name.split()[-1] == surname), key=len, default=None)
    return str(fullest or phrase.nominative)


PRONOUNS = {"он", "она", "его", "ее", "её"}


# --- tables ---------------------------------------------------------------------------------------

LENIENT: dict[str, Callable[[Any, Any], bool]] = {"issuer": same_surname}


def lenient_for(relation: str) -> Callable[[Any, Any], bool]:
    return LENIENT.get(relation.split(".")[1].split(" ")[0], same_lemmas)


def scores(judged: list[Judged]) -> dict[str, dict[str, dict[str, Any]]]:
    """relation -> route -> counts and precision/recall, strict and lenient."""
    counts: dict[str, dict[str, Counter]] = {}
    for item in judged:
        for route, value in item.predicted.items():
            c = counts.setdefault(item.relation, {}).setdefault(route, Counter())
            both = item.gold is not None and value is not None
            strict = both and same_text(item.gold, value)
            c["gold"] += item.gold is not None
            c["pred"] += value is not None
            c["strict"] += strict
            c["lenient"] += strict or (both and lenient_for(item.relation)(item.gold, value))
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for relation, routes in counts.items():
        for route, c in routes.items():
            p, r, _ = prf(c["strict"], c["pred"], c["strict"], c["gold"])
            lp, lr, _ = prf(c["lenient"], c["pred"], c["lenient"], c["gold"])
            out.setdefault(relation, {})[route] = dict(c) | {"P": p, "R": r, "lenient P": lp, "lenient R": lr}
    return out


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def table(result: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> str:
    rows = [
        "| relation | route | gold | pred | P | R | lenient P | lenient R |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for relation in sorted(result, key=_relation_order):
        for route in ROUTES:
            s = result[relation][route]
            rows.append(
                f"| {relation} | {route} | {s['gold']} | {s['pred']} | {_f(s['P'])} | {_f(s['R'])} "
                f"| {_f(s['lenient P'])} | {_f(s['lenient R'])} |"
            )
    return "\n".join(rows)


def _relation_order(relation: str) -> tuple[int, str]:
    order = ("money", "percentages", "quantities.subject (counts)", "quantities", "instructions.issuer", "instructions")
    return next((i for i, prefix in enumerate(order) if relation.startswith(prefix)), len(order)), relation


def pooled(judged: list[Judged]) -> list[Judged]:
    """The subjects of money, percentages and measured quantities as one relation (the issue's target),
    over every gold fact and over those the pipeline found: the rules route can give a subject only to
    a number it found, the syntax route here is given every gold number."""
    measured = [j for j in judged if j.relation.endswith(".subject")]
    out = [Judged(j.article, j.split, POOLED, j.span, j.gold, j.predicted, j.found) for j in measured]
    out += [Judged(j.article, j.split, POOLED + ", found", j.span, j.gold, j.predicted) for j in measured if j.found]
    return judged + out


POOLED = "numbers.subject (money, %, measures)"


def write_errors(path: Path, judged: list[Judged], texts: dict[str, str]) -> None:
    """Every dev relation where the syntax route disagrees with the gold, with the text around it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write("# syntax route against the dev gold: relation, gold, syntax (rules), then the text with the span in ⟦…⟧\n")
        for j in judged:
            value = j.predicted["syntax"]
            right = j.gold is not None and value is not None and same_text(j.gold, value)
            if right or (j.gold is None and value is None) or j.split != "dev":
                continue
            lenient = j.gold is not None and value is not None and lenient_for(j.relation)(j.gold, value)
            text = texts[j.article]
            start, stop = j.span
            left, right_end = max(0, start - CONTEXT), min(len(text), stop + CONTEXT)
            context = " ".join(f"{text[left:start]}⟦{text[start:stop]}⟧{text[stop:right_end]}".split())
            out.write(
                f"\n{j.article} {j.relation}: gold «{j.gold}», syntax «{value}»{' (lenient: agrees)' if lenient else ''}"
                f", rules «{j.predicted['rules']}»\n    {context}\n"
            )


# --- cost -----------------------------------------------------------------------------------------


def syntax_component(only_needed: bool) -> type:
    """A pipeline component that runs the syntax route on what the pipeline found: the sentences with a
    number (only_needed: a number the rules gave no subject) or an instruction, parsed in one batch
    per document, then every relation read. Its facts are not kept: it is here to be timed."""
    from briefx.component import Component
    from briefx.extract.syntax_relations import RelationWords, instruction_parts, number_subject
    from briefx.syntax import DocumentSyntax

    class SyntaxRoute(Component):
        name = "syntax_route"
        needs = ("mentions", "money", "percentages", "quantities", "instructions")
        produces = ("syntax_route",)

        def __init__(self, lexicon: Any) -> None:
            super().__init__(lexicon)
            self.words = RelationWords.of(lexicon)

        def __call__(self, doc: Any, found: Mapping[str, Any]) -> dict[str, Any]:
            with_subject = {f.start for kind in NUMBER_KINDS.values() for f in found[kind] if f.subject is not None}
            numbers = [m for m in found["mentions"] if not (only_needed and m.start in with_subject)]
            triggers = [f.start for f in found["instructions"]]
            if not doc.sentences or not (numbers or triggers):
                return {"syntax_route": []}
            parsed = DocumentSyntax(doc).at([m.start for m in numbers] + triggers)
            for m in numbers:
                number_subject(doc, parsed[m.start], m.start, m.stop, self.words, counted=m.counted is not None)
            for start in triggers:
                instruction_parts(doc, parsed[start], start, self.words)
            return {"syntax_route": []}

    return SyntaxRoute


class BriefxSyntax:
    """bench/systems.py's System shape for briefx with the syntax route added."""

    def __init__(self, only_needed: bool) -> None:
        self.name = (
            "briefx+syntax (numbers without subject, triggers)" if only_needed else "briefx+syntax (every number, triggers)"
        )
        self.note = "Pipeline(extra=[syntax route])"
        self.only_needed = only_needed
        self.version = ""

    def build(self) -> None:
        import briefx

        self.version = briefx.__version__
        self.pipeline = briefx.Pipeline(extra=[syntax_component(self.only_needed)])

    def raw(self, text: str) -> Any:
        return self.pipeline(text)


COST_SYSTEMS = {"briefx": None, "briefx+syntax-all": False, "briefx+syntax-needed": True, "natasha": None}
PARSER_STARTUP = "parser start-up"


def cost_child(name: str, limit: int | None, passes: int, budget: float) -> dict[str, Any]:
    import speed
    import systems

    if name == PARSER_STARTUP:
        return parser_startup()
    if COST_SYSTEMS.get(name) is not None:
        systems.FACTORIES[name] = lambda: BriefxSyntax(only_needed=bool(COST_SYSTEMS[name]))
    return speed.child(name, limit, None, passes, budget)


def parser_startup() -> dict[str, Any]:
    """In a fresh process: seconds from importing briefx.syntax to the first sentence parsed (numpy,
    slovnet and the model files loaded), and the peak RSS that leaves."""
    from speed import peak_rss_mb

    started, cpu = time.perf_counter(), time.process_time()
    from briefx.syntax import SyntaxParser

    SyntaxParser().parse([["Долг", "составляет", "27", "трлн", "тенге", "."]])
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"name": PARSER_STARTUP, "startup_s": wall, "startup_cpu_s": cpu, "rss_mb": peak_rss_mb()}


def spawn(args: list[str], timeout: float) -> dict[str, Any]:
    from speed import THREAD_VARS

    env = dict(os.environ, **{v: "1" for v in THREAD_VARS})
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"skipped": f"child failed (exit {done.returncode}): {tail}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def cost(limit: int | None, passes: int, budget: float) -> dict[str, Any]:
    from speed import kb_per_s, machine

    results = []
    for name in (*COST_SYSTEMS, PARSER_STARTUP):
        print(f"[{name}] running…", file=sys.stderr, flush=True)
        extra = ["--limit", str(limit)] if limit else []
        r = spawn(["--cost-child", name, "--passes", str(passes), "--budget", str(budget), *extra], timeout=3600)
        r.setdefault("name", name)
        results.append(r)
    runs = {r["name"]: r for r in results if "skipped" not in r and r["name"] != PARSER_STARTUP}
    natasha, base = runs.get("natasha"), runs.get("briefx")
    rows = [
        "| system | articles | KB | start-up, s | KB/s (1 core) | × natasha NER | added CPU s per MB | "
        "added ÷ natasha NER's time | peak RSS, MB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        if r["name"] == PARSER_STARTUP:
            continue
        if "skipped" in r:
            rows.append(f"| {r['name']} | skipped: {r['skipped']} | | | | | | | |")
            continue
        rate = kb_per_s(r)
        ratio = f"{rate / kb_per_s(natasha):.2f}×" if natasha else "—"
        added = share = "—"
        if base is not None and r is not base and r is not natasha:
            # what the syntax route adds, per MB and as a part of natasha's NER time on the same texts: a
            # figure that carries to other machines better than a ratio of two different kinds of code
            extra_s = sum(r["seconds"]) - sum(base["seconds"])
            added = f"{extra_s / (sum(r['bytes']) / 2**20):.2f}"
            share = f"{extra_s / sum(natasha['seconds']):.1%}" if natasha else "—"
        rows.append(
            f"| {r['name']} | {r['articles']} | {sum(r['bytes']) / 1024:.0f} | {r['startup_s']:.2f} | {rate:.0f} "
            f"| {ratio} | {added} | {share} | {r['rss_mb']:.0f} |"
        )
    print(f"\n## Cost of the syntax route ({machine()}, {time.strftime('%Y-%m-%d')})\n")
    print("\n".join(rows))
    startup = next(r for r in results if r["name"] == PARSER_STARTUP)
    if "skipped" not in startup:
        print(
            f"\nthe parser alone, in a fresh process: {startup['startup_s']:.2f} s ({startup['startup_cpu_s']:.2f} s of CPU) "
            f"from import to the first parse, peak RSS {startup['rss_mb']:.0f} MB"
        )
    return {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
        "systems": [
            {k: v for k, v in r.items() if k not in ("bytes", "seconds", "wall")}
            | ({"kb_per_s": kb_per_s(r)} if "seconds" in r else {})
            for r in results
        ],
    }


# --- main -----------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=SPLITS, default=None, help="print one split (default: dev, heldout and all)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder of the default errors file")
    parser.add_argument("--errors", type=Path, default=None, help="errors file (default OUT/relations_syntax_errors.txt)")
    parser.add_argument("--json", type=Path, default=None, help="write every number to this file")
    parser.add_argument("--cost", action="store_true", help="measure speed, start-up and memory instead of quality")
    parser.add_argument("--passes", type=int, default=3, help="cost: passes per system, the median is reported")
    parser.add_argument("--budget", type=float, default=60.0, help="cost: no further pass after this many seconds")
    parser.add_argument("--cost-child", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.cost_child:
        print(json.dumps(cost_child(args.cost_child, args.limit, args.passes, args.budget)))
        return 0
    if args.cost:
        result = cost(args.limit, args.passes, args.budget)
    else:
        started = time.perf_counter()
        judged = pooled(judge(args.limit))
        print(
            f"syntax route on the dev gold: {len({j.article for j in judged})} articles in {time.perf_counter() - started:.1f} s"
        )
        result = {}
        for split in [args.split] if args.split else SPLITS:
            chosen = [j for j in judged if split == "all" or j.split == split]
            result[split] = scores(chosen)
            print(f"\n## {split}: {len({j.article for j in chosen})} articles\n")
            print(table(result[split]))
        errors = args.errors or args.out / "relations_syntax_errors.txt"
        write_errors(errors, judged, devgold.texts())
        print(f"\nerrors (dev articles): {errors}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
