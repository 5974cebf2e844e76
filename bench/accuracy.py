"""Accuracy of briefx, natasha and Pullenti on NEREL train; facts found on Tengrinews (no gold).

    python bench/accuracy.py                      # every system installed, all 746 NEREL documents
    python bench/accuracy.py --systems briefx --limit 50

Prints one markdown table (MONEY, PERCENT, DATE, FACILITY x system): precision/recall/F1 with overlap
matching and with exact matching after stripping leading prepositions/approximators, and value
agreement where the gold span parses. Writes to --out (default bench/out/): every miss, false
positive, boundary and value disagreement with its sentence (nerel_errors_<system>.txt/.jsonl),
accuracy.json, and a Tengrinews sample for eyeballing (tengrinews_sample.txt).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import json
import multiprocessing
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import corpora
import gold_values
from corpora import KINDS, Document, GoldSpan
from systems import ADAPTER_VERSION, Found, System, Unavailable, make

DEFAULT_SYSTEMS = "briefx,natasha-extractors,pullenti"
DEFAULT_OUT = Path(__file__).resolve().parent / "out"
# Systems whose output does not change while briefx is developed: their NEREL results are cached in
# OUT/cache, keyed by package version, systems.ADAPTER_VERSION and text hash (Pullenti needs 15 min
# for NEREL on two cores).
CACHED = {"natasha": "natasha", "natasha-extractors": "natasha", "pullenti": "pullenti", "pullenti-lite": "pullenti"}


# --- running a system over documents --------------------------------------------------------------

_WORKER: System | None = None


def _worker_init(name: str) -> None:
    global _WORKER
    _WORKER = make(name)
    _WORKER.build()


def _safe_call(system: System, text: str) -> tuple[list[Found], str | None]:
    """(found, problem): a tool that raises on a document scores it as empty, and says so; a tool that
    skipped part of it (Pullenti, see systems.Pullenti) says which part."""
    skipped = getattr(system, "skipped", None)
    before = len(skipped) if skipped is not None else 0
    try:
        found = system(text)
    except Exception as error:  # noqa: BLE001 - counted and reported in the table notes
        return [], f"raised {type(error).__name__}: {error}"
    return found, ("; ".join(skipped[before:]) if skipped and len(skipped) > before else None)


def _worker_call(text: str) -> tuple[list[Found], str | None]:
    assert _WORKER is not None
    return _safe_call(_WORKER, text)


@dataclass
class Run:
    name: str
    kinds: tuple[str, ...]
    found: list[list[Found]]
    seconds: float
    note: str = ""
    cached: int = 0
    errors: list[str] = field(default_factory=list)  # "doc id: exception" for documents the tool failed on


def _cache_path(out: Path, name: str) -> Path | None:
    if name not in CACHED:
        return None
    try:
        version = metadata.version(CACHED[name])
    except metadata.PackageNotFoundError:
        return None
    return out / "cache" / f"{name}-{version}-adapter{ADAPTER_VERSION}.jsonl"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def run_system(name: str, docs: list[Document], *, workers: int, out: Path, use_cache: bool) -> Run | None:
    """Every document through one system, in order; None (with a message) if it is not installed.

    Results of cached systems are appended to the cache as they arrive, so an interrupted run resumes.
    """
    system = make(name)
    started = time.perf_counter()
    try:
        system.build()
    except (Unavailable, ImportError) as error:
        print(f"[{name}] skipped: {error}", file=sys.stderr)
        return None
    cache_file = _cache_path(out, name) if use_cache else None
    cache: dict[str, tuple[list[Found], str | None]] = {}
    if cache_file and cache_file.exists():
        for line in cache_file.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            cache[row["sha1"]] = ([Found.from_json(f) for f in row["found"]], row.get("error"))
    todo = list({_digest(doc.text): doc for doc in docs if _digest(doc.text) not in cache}.values())
    if todo:
        print(f"[{name}] {len(todo)} documents ({len(docs) - len(todo)} cached)", file=sys.stderr, flush=True)
    if todo and workers > 1 and len(todo) > workers:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_init, initargs=(name,))
        results = pool.imap(_worker_call, [d.text for d in todo], chunksize=2)
    else:
        pool = None
        results = (_safe_call(system, d.text) for d in todo)
    sink = None
    if cache_file and todo:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        sink = cache_file.open("a", encoding="utf-8")
    try:
        for done, (doc, (found, error)) in enumerate(zip(todo, results, strict=True), 1):
            digest = _digest(doc.text)
            cache[digest] = (found, error)
            if sink and not (error or "").startswith("raised"):  # a crash is retried on the next run
                row = {"sha1": digest, "found": [f.as_json() for f in found], "error": error}
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
                sink.flush()
            if done % 100 == 0:
                print(f"[{name}] {done}/{len(todo)} in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    finally:
        if sink:
            sink.close()
        if pool:
            pool.close()
            pool.join()
    seconds = time.perf_counter() - started
    found = [cache[_digest(doc.text)][0] for doc in docs]
    errors = [f"{doc.id}: {cache[_digest(doc.text)][1]}" for doc in docs if cache[_digest(doc.text)][1]]
    return Run(name, system.kinds, found, seconds, system.note, cached=len(docs) - len(todo), errors=errors)


# --- scoring --------------------------------------------------------------------------------------


def overlaps(a_start: int, a_stop: int, b_start: int, b_stop: int) -> bool:
    return a_start < b_stop and b_start < a_stop


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    pred_overlapping: int = 0  # predictions that overlap some gold span
    gold_overlapped: int = 0  # gold spans overlapped by some prediction
    exact: int = 0  # identical after stripping leading qualifiers and trailing punctuation
    value_checked: int = 0
    value_agreed: int = 0

    @staticmethod
    def prf(tp_pred: int, pred: int, tp_gold: int, gold: int) -> tuple[float, float, float]:
        p = tp_pred / pred if pred else 0.0
        r = tp_gold / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def overlap(self) -> tuple[float, float, float]:
        return self.prf(self.pred_overlapping, self.pred, self.gold_overlapped, self.gold)

    def strict(self) -> tuple[float, float, float]:
        return self.prf(self.exact, self.pred, self.exact, self.gold)

    def as_dict(self) -> dict[str, Any]:
        (op, or_, of), (ep, er, ef) = self.overlap(), self.strict()
        return {
            **self.__dict__,
            "overlap": {"precision": op, "recall": or_, "f1": of},
            "exact_after_strip": {"precision": ep, "recall": er, "f1": ef},
            "value_agreement": self.value_agreed / self.value_checked if self.value_checked else None,
        }


@dataclass
class Problem:
    """One line of the error file: a miss, a false positive, a boundary or a value disagreement."""

    category: str  # miss | false_positive | boundary | value
    kind: str
    doc: str
    start: int
    stop: int
    text: str
    sentence: str
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class GoldValues:
    """The value of each MONEY/PERCENT gold span, by the reference regexes or briefx on the span alone."""

    values: dict[tuple[str, int, int], gold_values.Value] = field(default_factory=dict)
    sources: Counter = field(default_factory=Counter)


def gold_values_for(docs: list[Document]) -> GoldValues:
    out = GoldValues()
    briefx_alone = _briefx_on_span()
    for doc in docs:
        for gold in doc.gold:
            if gold.kind not in ("MONEY", "PERCENT"):
                continue
            value = gold_values.money(gold.text) if gold.kind == "MONEY" else gold_values.percent(gold.text)
            source = "reference"
            if value is None and briefx_alone is not None:
                value, source = briefx_alone(gold.kind, gold.text), "briefx_on_span"
            if value is None:
                out.sources[f"{gold.kind} unparsed"] += 1
                continue
            out.sources[f"{gold.kind} {source}"] += 1
            out.values[(doc.id, gold.start, gold.stop)] = value
    return out


@functools.cache
def briefx_pipeline() -> Any:
    """One briefx Pipeline for the gold-value fallback and the Tengrinews report; None if it fails."""
    try:
        import briefx

        return briefx.Pipeline()
    except Exception as error:  # noqa: BLE001 - a broken briefx must not stop the other systems
        print(f"bench: briefx unavailable ({type(error).__name__}: {error})", file=sys.stderr)
        return None


def _briefx_on_span() -> Callable[[str, str], gold_values.Value | None] | None:
    """Fallback parser for gold spans outside the reference shapes ("полтора миллиона долларов")."""
    pipeline = briefx_pipeline()
    if pipeline is None:
        return None

    def parse(kind: str, text: str) -> gold_values.Value | None:
        brief = pipeline(text)
        facts = brief.money if kind == "MONEY" else brief.percentages
        if len(facts) != 1:
            return None
        fact = facts[0]
        amount = fact.amount if kind == "MONEY" else fact.value
        if amount is None and (fact.low is None or fact.high is None):
            return None
        return gold_values.Value(amount, fact.low, fact.high, getattr(fact, "currency", None))

    return parse


class Sentences:
    """The sentence around a span, with the span marked ⟦…⟧, for the error files."""

    def __init__(self) -> None:
        from razdel import sentenize

        self._sentenize = sentenize
        self._cache: dict[str, list[tuple[int, int]]] = {}

    def __call__(self, doc: Document, start: int, stop: int) -> str:
        spans = self._cache.get(doc.id)
        if spans is None:
            spans = self._cache[doc.id] = [(s.start, s.stop) for s in self._sentenize(doc.text)]
        inside = [s for s in spans if overlaps(s[0], s[1], start, stop)] or [(start, stop)]
        left, right = min(inside[0][0], start), max(inside[-1][1], stop)
        text = doc.text
        marked = f"{text[left:start]}⟦{text[start:stop]}⟧{text[stop:right]}"
        return " ".join(marked.split())


def _describe(found: Found) -> str:
    if found.value is not None:
        number = str(found.value)
    elif found.low is not None or found.high is not None:
        number = f"{found.low}..{found.high}"
    else:
        return ""
    return f"{number} {found.currency}" if found.currency else number


def score(run: Run, docs: list[Document], values: GoldValues, sentences: Sentences) -> tuple[dict[str, Score], list[Problem]]:
    scores = {kind: Score() for kind in run.kinds}
    problems: list[Problem] = []
    for doc, found in zip(docs, run.found, strict=True):
        text = doc.text
        for kind in run.kinds:
            s = scores[kind]
            golds = [g for g in doc.gold if g.kind == kind]
            preds = sorted({f for f in found if f.kind == kind}, key=lambda f: (f.start, f.stop))
            s.gold += len(golds)
            s.pred += len(preds)
            stripped_preds = {gold_values.strip_span(text, p.start, p.stop) for p in preds}
            for g in golds:
                hits = [p for p in preds if overlaps(g.start, g.stop, p.start, p.stop)]
                exact = gold_values.strip_span(text, g.start, g.stop) in stripped_preds
                s.exact += exact
                if not hits:
                    problems.append(_problem("miss", g, doc, sentences, ""))
                    continue
                s.gold_overlapped += 1
                shown = "; ".join(f"«{text[p.start : p.stop]}» {_describe(p)}".strip() for p in hits)
                if not exact:
                    problems.append(_problem("boundary", g, doc, sentences, f"predicted {shown}"))
                value = values.values.get((doc.id, g.start, g.stop))
                best = max(hits, key=lambda p: min(p.stop, g.stop) - max(p.start, g.start))
                if value is None or (best.value is None and best.low is None and best.high is None):
                    continue
                s.value_checked += 1
                if gold_values.agrees(value, best.value, best.low, best.high, best.currency, check_currency=kind == "MONEY"):
                    s.value_agreed += 1
                else:
                    detail = f"gold value {value}, predicted «{text[best.start : best.stop]}» {_describe(best)}"
                    problems.append(_problem("value", g, doc, sentences, detail))
            for p in preds:
                if any(overlaps(g.start, g.stop, p.start, p.stop) for g in golds):
                    s.pred_overlapping += 1
                    continue
                other = [o for o in doc.others if overlaps(o.start, o.stop, p.start, p.stop)]
                detail = _describe(p)
                if other:
                    detail += "; NEREL has " + ", ".join(f"{o.kind} «{o.text}»" for o in other)
                span = GoldSpan(kind, p.start, p.stop, text[p.start : p.stop])
                problems.append(_problem("false_positive", span, doc, sentences, detail.strip("; ")))
    return scores, problems


def _problem(category: str, span: GoldSpan, doc: Document, sentences: Sentences, detail: str) -> Problem:
    return Problem(category, span.kind, doc.id, span.start, span.stop, span.text, sentences(doc, span.start, span.stop), detail)


CATEGORY_TITLES = {
    "miss": "MISSES (gold span, no overlapping prediction)",
    "false_positive": "FALSE POSITIVES (prediction overlapping no gold span of its kind)",
    "boundary": "BOUNDARIES (overlap, but not the same span after stripping qualifiers)",
    "value": "VALUES (overlap, but the amount or currency differs from the gold span's)",
}


def write_problems(out: Path, name: str, problems: list[Problem]) -> Path:
    path = out / f"nerel_errors_{name}.txt"
    with path.open("w", encoding="utf-8") as lines:
        lines.write(f"# {name} on NEREL train: every miss, false positive, boundary and value disagreement.\n")
        lines.write("# Format: [doc start:stop] «span» detail, then the sentence with the span marked ⟦…⟧.\n")
        for kind in KINDS:
            for category, title in CATEGORY_TITLES.items():
                chosen = [p for p in problems if p.kind == kind and p.category == category]
                if not chosen:
                    continue
                lines.write(f"\n## {kind} {title}: {len(chosen)}\n")
                for p in chosen:
                    detail = f"  — {p.detail}" if p.detail else ""
                    lines.write(f"\n[{p.doc} {p.start}:{p.stop}] «{p.text}»{detail}\n    {p.sentence}\n")
    with (out / f"nerel_errors_{name}.jsonl").open("w", encoding="utf-8") as rows:
        for p in problems:
            rows.write(json.dumps(p.as_dict(), ensure_ascii=False) + "\n")
    return path


# --- tables ---------------------------------------------------------------------------------------


def _f(x: float) -> str:
    return f"{x:.3f}"


def accuracy_table(runs: list[Run], scores: dict[str, dict[str, Score]]) -> str:
    head = (
        "| kind | system | gold | pred | P overlap | R overlap | F1 overlap | P exact | R exact | F1 exact "
        "| value agreement |\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    )
    rows = [head]
    for kind in KINDS:
        for run in runs:
            if kind not in run.kinds:
                rows.append(f"| {kind} | {run.name} | | | — | — | — | — | — | — | — |")
                continue
            s = scores[run.name][kind]
            (op, or_, of), (ep, er, ef) = s.overlap(), s.strict()
            value = f"{s.value_agreed}/{s.value_checked} = {s.value_agreed / s.value_checked:.3f}" if s.value_checked else "—"
            rows.append(
                f"| {kind} | {run.name} | {s.gold} | {s.pred} | {_f(op)} | {_f(or_)} | **{_f(of)}** "
                f"| {_f(ep)} | {_f(er)} | {_f(ef)} | {value} |"
            )
    return "\n".join(rows)


# --- Tengrinews -----------------------------------------------------------------------------------


def describe_fact(fact: Any) -> str:
    """ "amount=446 currency=KZT period=«2023 году»": a fact's fields, nested facts by their text."""
    parts = []
    for key, value in fact.as_dict().items():
        if key in ("text", "start", "stop", "sentence") or value in (None, False, [], ""):
            continue
        if isinstance(value, dict) and "text" in value:
            value = f"«{value['text']}»"
        parts.append(f"{key}={value}")
    return " ".join(parts)


def tengrinews_report(limit: int | None, sample: int, out: Path) -> dict[str, Any] | None:
    """Facts per kind on both text fields, a random sample with sentences for eyeballing."""
    pipeline = briefx_pipeline()
    if pipeline is None:
        return None
    import briefx

    fields = {f.name for f in dataclasses.fields(briefx.Brief)}
    names = [n for n in getattr(briefx.Brief, "FACT_KINDS", ("money", "percentages")) if n in fields]
    names += [n for n in ("dates", "facilities") if n in fields and n not in names]
    report: dict[str, Any] = {}
    picked: dict[str, list[tuple[Document, Any]]] = {n: [] for n in names}
    # Fact texts per (article, kind) on the respaced text, to list what only the glued text yields
    # ("передаетTengrinews.kz.Как…" must not produce nonsense facts).
    respaced: dict[tuple[str, str], set[str]] = {}
    glued_only: list[tuple[Document, str, Any]] = []
    for field_name in ("text_respaced", "text"):
        docs = corpora.tengrinews(limit, field_name)
        counts: Counter = Counter()
        errors = []
        started = time.perf_counter()
        for doc in docs:
            try:
                brief = pipeline(doc.text)
            except Exception as error:  # noqa: BLE001 - counted and reported: the library must not raise
                errors.append(f"{doc.id}: {type(error).__name__}: {error}")
                continue
            for n in names:
                facts = getattr(brief, n, ())
                counts[n] += len(facts)
                if field_name == "text_respaced":
                    picked[n].extend((doc, f) for f in facts)
                    respaced[(doc.id, n)] = {" ".join(f.text.split()) for f in facts}
                else:
                    seen = respaced.get((doc.id, n), set())
                    glued_only.extend((doc, n, f) for f in facts if " ".join(f.text.split()) not in seen)
        report[field_name] = {
            "articles": len(docs),
            "kb": round(sum(len(d.text.encode("utf-8")) for d in docs) / 1024, 1),
            "seconds": round(time.perf_counter() - started, 3),
            "facts": dict(counts),
            "exceptions": errors,
        }
    rng = random.Random(0)
    sentences = Sentences()
    lines = ["# briefx on Tengrinews (text_respaced): a random sample per kind, seed 0. No gold: eyeball it.\n"]
    shown: dict[str, list[str]] = {}
    for n in names:
        chosen = rng.sample(picked[n], min(sample, len(picked[n])))
        chosen.sort(key=lambda pair: (pair[0].id, pair[1].start))
        lines.append(f"\n## {n}: {len(picked[n])} found, {len(chosen)} shown\n")
        shown[n] = []
        for doc, fact in chosen:
            fields = describe_fact(fact)
            shown[n].append(f"«{fact.text}» {fields}")
            lines.append(
                f"\n[{doc.id} {fact.start}:{fact.stop}] «{fact.text}» {fields}\n    {sentences(doc, fact.start, fact.stop)}\n"
            )
    lines.append(f"\n## Facts found only in the glued `text` field: {len(glued_only)}\n")
    for doc, n, fact in glued_only:
        lines.append(
            f"\n[{doc.id} {n} {fact.start}:{fact.stop}] «{fact.text}» {describe_fact(fact)}\n    "
            f"{sentences(doc, fact.start, fact.stop)}\n"
        )
    (out / "tengrinews_sample.txt").write_text("".join(lines), encoding="utf-8")
    report["sample"] = shown
    report["glued_only"] = dict(Counter(n for _, n, _ in glued_only))
    report["glued_only_examples"] = [f"{n}: «{f.text}»" for _, n, f in glued_only[:10]]
    return report


def tengrinews_table(report: dict[str, Any]) -> str:
    names = list(dict.fromkeys(k for field_name in ("text_respaced", "text") for k in report[field_name]["facts"]))
    rows = [
        "| field | articles | KB | " + " | ".join(names) + " | exceptions |",
        "|---|--:|--:|" + "--:|" * len(names) + "--:|",
    ]
    for field_name in ("text_respaced", "text"):
        r = report[field_name]
        counts = " | ".join(str(r["facts"].get(n, 0)) for n in names)
        rows.append(f"| {field_name} | {r['articles']} | {r['kb']} | {counts} | {len(r['exceptions'])} |")
    return "\n".join(rows)


# --- main -----------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--systems", default=DEFAULT_SYSTEMS, help=f"comma-separated (default {DEFAULT_SYSTEMS}); missing ones are skipped"
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents of each corpus")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for the slow systems (natasha, Pullenti); briefx runs in one",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for error files and JSON")
    parser.add_argument("--no-cache", action="store_true", help="rerun natasha/Pullenti even if cached")
    parser.add_argument("--sample", type=int, default=12, help="Tengrinews facts shown per kind")
    parser.add_argument("--show", type=int, default=4, help="Tengrinews sample lines printed per kind")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    docs = corpora.nerel(args.limit)
    size_kb = sum(len(d.text.encode("utf-8")) for d in docs) / 1024
    print(
        f"NEREL train: {len(docs)} documents, {size_kb:.0f} KB; gold spans: "
        + ", ".join(f"{k} {sum(g.kind == k for d in docs for g in d.gold)}" for k in KINDS),
        flush=True,
    )

    runs: list[Run] = []
    for name in [n.strip() for n in args.systems.split(",") if n.strip()]:
        workers = 1 if name.startswith("briefx") else args.workers
        run = run_system(name, docs, workers=workers, out=args.out, use_cache=not args.no_cache)
        if run is not None:
            runs.append(run)
            cached = f", {run.cached} from cache" if run.cached else ""
            print(
                f"[{name}] {run.seconds:.1f} s ({workers} process{'es' if workers > 1 else ''}{cached}); "
                f"kinds: {', '.join(run.kinds)}",
                file=sys.stderr,
                flush=True,
            )

    values = gold_values_for(docs)
    sentences = Sentences()
    scores: dict[str, dict[str, Score]] = {}
    error_files = []
    for run in runs:
        scores[run.name], problems = score(run, docs, values, sentences)
        error_files.append(write_problems(args.out, run.name, problems))

    print(
        "\n## NEREL train (overlap: spans intersect; exact: equal after stripping leading "
        "prepositions/approximators and trailing punctuation)\n"
    )
    print(accuracy_table(runs, scores))
    print(
        "\nvalue agreement: amount (or range) and currency of the best-overlapping prediction vs the gold "
        "span's value; gold values from " + ", ".join(f"{k}: {v}" for k, v in sorted(values.sources.items()))
    )
    notes = [f"{r.name}: {r.note}" for r in runs if r.note]
    if notes:
        print("systems: " + "; ".join(notes))
    for r in runs:
        if r.errors:
            crashed = sum("raised" in e for e in r.errors)
            print(
                f"{r.name}: problems on {len(r.errors)} document(s) ({crashed} scored as finding nothing), "
                f"e.g. {r.errors[0][:150]}"
            )
    print("errors: " + ", ".join(str(p) for p in error_files))

    tengrinews = tengrinews_report(args.limit, args.sample, args.out)
    if tengrinews:
        print("\n## Tengrinews (no gold): briefx facts per kind\n")
        print(tengrinews_table(tengrinews))
        glued = tengrinews["glued_only"]
        print(
            f"\nfacts only in the glued `text` (not in `text_respaced`): {sum(glued.values())} "
            f"({', '.join(f'{k} {v}' for k, v in glued.items()) or 'none'}); e.g. "
            + "; ".join(tengrinews["glued_only_examples"][:4])
        )
        for field_name in ("text_respaced", "text"):
            for error in tengrinews[field_name]["exceptions"][:5]:
                print(f"exception on {field_name}: {error}")
        for name, lines in tengrinews["sample"].items():
            print(f"\n{name} (sample):")
            for line in lines[: args.show]:
                print(f"  {line}")
        print(f"\nsample with sentences: {args.out / 'tengrinews_sample.txt'}")

    result = {
        "date": time.strftime("%Y-%m-%d"),
        "nerel": {"documents": len(docs), "kb": round(size_kb, 1)},
        "systems": {
            r.name: {
                "note": r.note,
                "seconds": round(r.seconds, 2),
                "cached": r.cached,
                "errors": r.errors,
                "scores": {k: s.as_dict() for k, s in scores[r.name].items()},
            }
            for r in runs
        },
        "gold_value_sources": dict(values.sources),
        "tengrinews": tengrinews,
    }
    (args.out / "accuracy.json").write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
