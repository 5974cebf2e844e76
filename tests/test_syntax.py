"""The syntax route: natasha's parser is loaded only when a sentence is parsed, parses keep offsets
into the text, and the relations read off them (fixtures/syntax/relations.txt, with the real model:
slow) hold on hand-written parses and never fail on odd ones."""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import briefx
from briefx.component import Component
from briefx.document import Document
from briefx.extract.syntax_relations import RelationWords, instruction_parts, number_subject
from briefx.lexicon import bundled
from briefx.syntax import ROOT, DocumentSyntax, ParsedSentence, SyntaxParser, _pieces
from briefx.text import tokens
from gold import FIXTURES, parse_line

TABLE = FIXTURES / "syntax" / "relations.txt"
WORDS = RelationWords.of(bundled())
MODEL_MODULES = ("natasha", "slovnet", "navec")


class TableParser(SyntaxParser):
    """A parser that answers from a table of hand-written parses ("2:amod 4:nsubj 0:root …", heads
    1-based as in CoNLL) and counts its calls; it never loads the model."""

    def __init__(self, parses: dict[str, str]) -> None:
        super().__init__()
        self.parses = parses
        self.calls: list[int] = []

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, str]]]:
        self.calls.append(len(sentences))
        out = []
        for words in sentences:
            spec = self.parses[" ".join(words)].split()
            assert len(spec) == len(words), words
            out.append([(int(h) - 1 if h != "0" else ROOT, rel) for h, rel in (item.split(":", 1) for item in spec)])
        return out


def parsed(text: str, spec: str) -> tuple[Document, ParsedSentence]:
    doc = Document.of(text)
    words = " ".join(t for _, _, t in tokens(text))
    return doc, DocumentSyntax(doc, TableParser({words: spec})).sentence(0)


# --- loading --------------------------------------------------------------------------------------


def test_neither_briefx_nor_its_default_pipeline_nor_the_syntax_component_loads_the_model():
    code = (
        "import sys, briefx\n"
        "from briefx.syntax import Syntax, shared_parser\n"
        "briefx.extract('Государственный долг составляет 27 трлн тенге. Глава государства поручил Правительству.')\n"
        "doc = briefx.document.Document.of('Долг составляет 27 трлн тенге.')\n"
        "Syntax(briefx.Pipeline().lexicon)(doc, {})\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {MODEL_MODULES!r}), shared_parser().loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "False"]


def test_a_pipeline_builds_the_syntax_component_only_when_a_component_needs_it():
    class SyntaxSubjects(Component):
        name = "syntax_subjects"
        needs = ("syntax",)
        produces = ("syntax_subjects",)

        def __call__(self, doc, found):
            return {"syntax_subjects": []}

    assert "syntax" not in briefx.Pipeline().names
    names = briefx.Pipeline(extra=[SyntaxSubjects]).names
    assert names[0] == "syntax" and names[-1] == "syntax_subjects"
    assert "syntax" not in briefx.Pipeline(kinds=["money"], extra=[SyntaxSubjects]).names


def test_pipeline_syntax_true_runs_the_parser_first_and_travels_with_the_pipeline():
    pipeline = briefx.Pipeline(syntax=True)
    assert pipeline.names[0] == "syntax" and pipeline.syntax
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy.syntax and copy.names == pipeline.names
    assert briefx.Pipeline(kinds=["money"], syntax=True).names == ("syntax", "numbers", "subjects", "money")
    with pytest.raises(TypeError, match="syntax must be True or False"):
        briefx.Pipeline(syntax="yes")  # type: ignore[arg-type]


def test_pipeline_syntax_true_without_natasha_fails_when_built_and_says_what_to_install(monkeypatch):
    import importlib.util

    from briefx import pipeline as pipeline_module
    from briefx import syntax as syntax_module

    real = importlib.util.find_spec
    monkeypatch.setattr(syntax_module.importlib.util, "find_spec", lambda name, *a: None if name == "natasha" else real(name, *a))
    monkeypatch.setattr(pipeline_module, "_BUILT", {})  # built afresh, not taken from the cache
    with pytest.raises(syntax_module.ParserUnavailable, match=r"briefx\[syntax\]"):
        briefx.Pipeline(syntax=True)
    assert "syntax" not in briefx.Pipeline().names  # the default pipeline needs no natasha


# (text, the rules' answer, the answer with the parse): the parse speaks only where the rules are silent
THROUGH_THE_PIPELINE = [
    ("Новый ноутбук на 60 процентов быстрее прошлой модели.", "percentages", "subject", None, "новый ноутбук"),
    ("Ставка по ипотеке – 7 процентов годовых.", "percentages", "subject", "ставка по ипотеке", "ставка по ипотеке"),
    (
        "Глава государства поручил, учитывая ситуацию, Правительству пересмотреть тарифы.",
        "instructions",
        "addressee",
        None,
        "Правительство",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind", "field", "rules", "parsed"), THROUGH_THE_PIPELINE)
def test_pipeline_syntax_true_fills_what_the_rules_leave_empty(text, kind, field, rules, parsed):
    by_rules = getattr(briefx.Pipeline()(text), kind)
    with_parse = getattr(briefx.Pipeline(syntax=True)(text), kind)
    assert [getattr(f, field) for f in by_rules] == [rules]
    assert [getattr(f, field) for f in with_parse] == [parsed]


# --- parsing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "punctuation_at", "expected"),
    [
        (0, None, []),
        (120, None, [(0, 120)]),
        (250, None, [(0, 120), (120, 240), (240, 250)]),
        (200, 100, [(0, 101), (101, 200)]),  # cut after the comma in the last third of the piece
        (200, 10, [(0, 120), (120, 200)]),  # a comma too early is no place to cut
    ],
)
def test_long_sentences_are_parsed_in_pieces(length, punctuation_at, expected):
    words = ["слово"] * length
    if punctuation_at is not None:
        words[punctuation_at] = ","
    assert _pieces(words, 120) == expected


def test_sentences_are_parsed_once_per_document_in_one_batch_with_offsets_into_the_text():
    text = "Долг составляет 27 трлн тенге. Курс доллара вырос."
    parser = TableParser({"Долг составляет 27 трлн тенге .": "2:nsubj 0:root 4:nummod 5:nummod 2:obj 2:punct",
                          "Курс доллара вырос .": "3:nsubj 1:nmod 0:root 3:punct"})  # fmt: skip
    syntax = DocumentSyntax(Document.of(text), parser)
    assert syntax.parsed_count == 0
    both = syntax.sentences([1, 0])
    again = syntax.at([text.index("вырос"), 0])
    assert parser.calls == [2]  # one batch, and nothing parsed twice
    assert again[0] is both[0]
    for sentence in both.values():
        for token in sentence.tokens:
            assert text[token.start : token.stop] == token.text
    assert [(t.text, t.head, t.rel) for t in both[1].tokens][:3] == [
        ("Курс", 2, "nsubj"),
        ("доллара", 0, "nmod"),
        ("вырос", ROOT, "root"),
    ]
    with pytest.raises(IndexError):
        syntax.sentences([2])


# --- relations on hand-written parses -------------------------------------------------------------


def test_the_subject_of_a_measure_verb():
    doc, parse = parsed(
        "Государственный долг Казахстана составляет 27 триллионов тенге.",
        "2:amod 4:nsubj 2:nmod 0:root 6:nummod 7:nummod 4:obj 4:punct",
    )
    start = doc.original.index("27")
    phrase = number_subject(doc, parse, start, doc.original.index("."), WORDS)
    assert phrase is not None
    assert (phrase.nominative, doc.original[phrase.start : phrase.stop]) == ("государственный долг Казахстана", phrase.text)


def test_the_noun_phrase_before_a_dash():
    doc, parse = parsed("Ставка вознаграждения – 5 процентов.", "5:nsubj 1:nmod 1:punct 5:nummod 1:parataxis 5:punct")
    phrase = number_subject(doc, parse, doc.original.index("5"), doc.original.index("."), WORDS)
    assert phrase is not None and phrase.nominative == "ставка вознаграждения"


def test_the_addressee_of_a_passive_trigger_and_its_action():
    doc, parse = parsed(
        "Министерству экологии поручено активизировать работу.", "3:iobj 1:nmod 0:root 3:csubj:pass 4:obj 3:punct"
    )
    parts = instruction_parts(doc, parse, doc.original.index("поручено"), WORDS)
    assert parts.issuer is None
    assert parts.addressee is not None and parts.addressee.nominative == "министерство экологии"
    assert parts.action is not None and parts.action.text == "активизировать работу"


def test_a_cycle_in_the_heads_ends_the_walk():
    # argmax heads need not form a tree: тенге -> составляет -> долг -> тенге
    doc, parse = parsed("Долг составляет 27 тенге.", "2:nsubj 4:obj 4:nummod 1:nmod 2:punct")
    number_subject(doc, parse, doc.original.index("27"), doc.original.index("."), WORDS)
    instruction_parts(doc, parse, 0, WORDS)


RELS = ["root", "nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "nmod", "amod", "det", "nummod", "nummod:gov",
        "case", "conj", "cc", "xcomp", "csubj:pass", "advcl", "advmod", "appos", "parataxis", "flat:name", "punct"]  # fmt: skip
VOCABULARY = ["Государственный", "долг", "составляет", "27", "трлн", "тенге", "поручил", "Правительству",
              "обеспечить", "По", "поручению", "министра", "–", "(", "сумма", "акциза", "рост", "Я", "его", "Ким", "5",
              "%", "и", ","]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_relations_never_fail_and_keep_offsets_on_any_parse(data):
    words = data.draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12))
    text = " ".join(words)
    heads = [data.draw(st.integers(0, len(words))) for _ in words]
    rels = [data.draw(st.sampled_from(RELS)) for _ in words]
    spec = " ".join(f"{h}:{r}" for h, r in zip(heads, rels, strict=True))
    doc = Document.of(text)
    words_at = tokens(text)
    syntax = DocumentSyntax(doc, TableParser({" ".join(t for _, _, t in words_at): spec}))
    first = data.draw(st.integers(0, len(words_at) - 1))
    last = data.draw(st.integers(first, len(words_at) - 1))
    start, stop = words_at[first][0], words_at[last][1]
    parse = syntax.at([start])[start]
    subject = number_subject(doc, parse, start, stop, WORDS, counted=data.draw(st.booleans()))
    parts = instruction_parts(doc, parse, start, WORDS)
    for phrase in [subject, parts.issuer, parts.addressee, parts.action]:
        if phrase is not None:
            assert doc.original[phrase.start : phrase.stop] == phrase.text
            assert phrase.nominative


# --- the table, with natasha's model --------------------------------------------------------------


def _table_cases() -> list:
    params = []
    for number, raw in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or (raw.startswith("#") and not raw.startswith("#xfail ")):
            continue
        strict_fail = raw.startswith("#xfail ")
        text, expected = parse_line(raw.removeprefix("#xfail "), f"{TABLE.name}:{number}")
        marks = [pytest.mark.xfail(strict=True, reason="known failure")] if strict_fail else []
        params.append(pytest.param(text, expected, id=f"relations:{number}", marks=[pytest.mark.slow, *marks]))
    return params


@pytest.mark.parametrize(("text", "expected"), _table_cases())
def test_relations_table(text, expected):
    doc = Document.of(text)
    syntax = DocumentSyntax(doc)
    for item in expected:
        start, stop = item.start, item.start + len(item.text)
        parse = syntax.at([start])[start]
        fields = dict(item.fields)
        if "subject" in fields:
            phrase = number_subject(doc, parse, start, stop, WORDS, counted=bool(fields.pop("counted", False)))
            assert (phrase.nominative if phrase else None) == fields.pop("subject"), text
        parts = instruction_parts(doc, parse, start, WORDS)
        for name, value in fields.items():
            phrase = getattr(parts, name)
            got = None if phrase is None else (phrase.text if name == "action" else phrase.nominative)
            assert got == value, f"{name}: {text}"


@pytest.mark.slow
def test_every_sentence_of_an_article_parses_with_offsets_into_the_text():
    text = (FIXTURES / "articles" / "government_meeting.txt").read_text(encoding="utf-8")
    doc = Document.of(text)
    parsed_all = DocumentSyntax(doc).sentences(range(len(doc.sentences)))
    assert len(parsed_all) == len(doc.sentences) > 0
    for sentence in parsed_all.values():
        assert sentence.tokens
        for i, token in enumerate(sentence.tokens):
            assert doc.original[token.start : token.stop] == token.text
            assert token.head == ROOT or 0 <= token.head < len(sentence.tokens), (i, token)


def _dense_run(repeats: int) -> float:
    """CPU seconds to parse one sentence of `repeats` amounts and read every amount's subject."""
    import re
    import time

    text = "Долг составляет 5 млрд тенге, расходы – 3 млрд тенге, рост на 2% и " * repeats
    doc = Document.of(text)
    spans = [m.span() for m in re.finditer(r"\d+ млрд тенге|\d+%", text)]
    started = time.process_time()
    syntax = DocumentSyntax(doc)
    parsed = syntax.at([start for start, _ in spans])
    for start, stop in spans:
        number_subject(doc, parsed[start], start, stop, WORDS)
    return time.process_time() - started


@pytest.mark.slow
def test_a_sentence_of_thousands_of_amounts_takes_time_linear_in_its_length():
    _dense_run(1)  # the model loads outside the measurement
    small, large = min(_dense_run(30) for _ in range(2)), min(_dense_run(300) for _ in range(2))
    # ten times the text: linear is 10x, quadratic 100x (pieces of at most 120 tokens keep it linear)
    assert large <= 20 * small + 0.05, f"{small:.3f}s, {large:.3f}s"
