"""The component contract and the declared pipeline: what runs for which kinds, the user's word lists
and components, pickling, and why each fact is there."""

from __future__ import annotations

import functools
import pickle
import sys
from pathlib import Path

import pytest

import briefx
from briefx.component import Component
from briefx.lexicon import REPLACE, LexiconError
from briefx.pipeline import ALL_KINDS, COMPONENTS, NUMBERS, plan

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
USER_DATA = FIXTURES / "user_data"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEED = (FIXTURES / "articles" / "000_874fe8aaadcc118b.txt").read_text(encoding="utf-8")
USER_TEXT = (
    "Грузия выделила 5 млн лари на ремонт. Аким велел акимам районов завершить ремонт водонапорной башни "
    "в селе Кокпекты до 1 мая 2025 года."
)


@pytest.fixture(scope="module")
def sown_areas():
    sys.path.insert(0, str(EXAMPLES))
    try:
        import sown_areas

        yield sown_areas
    finally:
        sys.path.remove(str(EXAMPLES))


# --- what runs -------------------------------------------------------------------------------------


def test_the_default_pipeline_runs_every_declared_component_in_order_but_the_parser() -> None:
    assert briefx.Pipeline().names == tuple(c.name for c in COMPONENTS if c.name != "syntax")
    assert briefx.Pipeline(syntax=True).names == tuple(c.name for c in COMPONENTS)


@pytest.mark.parametrize(
    ("kinds", "names"),
    [
        (["money"], ("numbers", "subjects", "money")),
        (["percentages"], ("numbers", "subjects", "percentages")),
        (list(NUMBERS), ("numbers", "subjects", "money", "quantities", "percentages")),  # no dates: no periods
        (["money", "dates"], ("numbers", "dates", "subjects", "money")),
        (["places"], ("people", "facilities", "places")),
        (["instructions"], ("people", "instructions")),
        (["source"], ("people", "source")),  # a person's post is its own origin
    ],
)
def test_kinds_run_only_what_they_need(kinds, names) -> None:
    assert briefx.Pipeline(kinds=kinds).names == names


def test_a_wanted_output_is_used_only_when_its_component_runs_anyway() -> None:
    text = "В І полугодии 2025 года привлечено 178 млрд тенге инвестиций."
    assert briefx.Pipeline(kinds=["money"])(text).money[0].period is None
    with_dates = briefx.Pipeline(kinds=["money", "dates"])(text)
    assert with_dates.money[0].period.text == "І полугодии 2025 года"


def test_numbers_without_subjects_run_no_subjects_component_and_keep_their_values() -> None:
    text = "Государственный долг составляет 27 трлн тенге. Привлечено 540 тыс. тонн свеклы (рост – 29,5%)."
    fast = briefx.Pipeline(kinds=NUMBERS, subjects=False)
    assert fast.names == ("numbers", "money", "quantities", "percentages") and not fast.subjects
    with_subjects, without = briefx.Pipeline(kinds=NUMBERS)(text), fast(text)
    assert [m.subject for m in with_subjects.money] == ["государственный долг"]
    assert [q.subject for q in with_subjects.quantities] == ["свекла"]
    for kind in NUMBERS:
        found, bare = getattr(with_subjects, kind), getattr(without, kind)
        assert [(f.text, f.start) for f in bare] == [(f.text, f.start) for f in found] and bare
        assert all(f.subject is None for f in bare)
    assert pickle.loads(pickle.dumps(fast)).names == fast.names
    with pytest.raises(TypeError, match="subjects must be True or False"):
        briefx.Pipeline(subjects="no")  # type: ignore[arg-type]


def test_a_users_component_that_needs_subjects_gets_them_though_they_are_off() -> None:
    class SubjectHeads(Component):
        name = "subject_heads"
        needs = ("subjects",)
        produces = ("subject_heads",)

        def __call__(self, doc, found):
            return {"subject_heads": sorted(s.head for s in found["subjects"].values())}

    pipeline = briefx.Pipeline(kinds=["money", "subject_heads"], extra=[SubjectHeads], subjects=False)
    assert "subjects" in pipeline.names
    assert pipeline("Государственный долг составляет 27 трлн тенге.").money[0].subject == "государственный долг"


def test_kinds_not_asked_for_stay_empty_though_their_component_ran() -> None:
    brief = briefx.Pipeline(kinds=["percentages", "quantities"])("Привлечено 178 млрд тенге инвестиций (рост – 29,5%).")
    assert brief.money == () and brief.percentages[0].subject == "инвестиции"


def test_unknown_kinds_and_a_string_are_refused() -> None:
    with pytest.raises(ValueError, match="widgets"):
        briefx.Pipeline(kinds=["widgets"])
    with pytest.raises(ValueError, match="string"):
        briefx.Pipeline(kinds="money")


class _NeedsNothingKnown(Component):
    name = "broken"
    needs = ("ghosts",)
    produces = ("broken",)

    def __call__(self, doc, found):
        return {"broken": []}


class _SecondMoney(Component):
    name = "money2"
    produces = ("money",)

    def __call__(self, doc, found):
        return {"money": []}


class _WrongOutputs(Component):
    name = "wrong"
    produces = ("wrong",)

    def __call__(self, doc, found):
        return {"other": []}


def test_a_component_needing_what_nothing_produces_is_refused_when_the_pipeline_is_built() -> None:
    with pytest.raises(ValueError, match="'broken' needs 'ghosts'"):
        briefx.Pipeline(extra=[_NeedsNothingKnown])


def test_two_components_producing_one_kind_are_refused() -> None:
    with pytest.raises(ValueError, match="'money' is produced by both"):
        plan([*COMPONENTS, _SecondMoney], {"money"})


def test_a_component_returning_other_outputs_than_it_declares_is_recorded_by_name() -> None:
    brief = briefx.Pipeline(kinds=["wrong"], extra=[_WrongOutputs])("Текст.")
    assert [(e.component, e.error) for e in brief.errors] == [("wrong", "ValueError: returned ['other'], not ['wrong']")]


class _Failing(Component):
    name = "failing"
    needs = ("money",)
    produces = ("failing",)

    def __call__(self, doc, found):
        raise RuntimeError("a bug")


class _NeedsFailing(Component):
    name = "after_failing"
    needs = ("failing",)
    produces = ("after_failing",)

    def __call__(self, doc, found):
        return {"after_failing": []}


def test_a_failing_component_costs_its_own_kinds_and_says_so(caplog) -> None:
    pipeline = briefx.Pipeline(extra=[_Failing, _NeedsFailing])
    with caplog.at_level("WARNING", logger="briefx"):
        brief = pipeline("Выделено 5 млрд тенге на ремонт школ в 2025 году.")
    assert [m.text for m in brief.money] == ["5 млрд тенге"] and brief.dates  # the others' facts are kept
    assert [(e.component, e.error) for e in brief.errors] == [
        ("failing", "RuntimeError: a bug"),
        ("after_failing", "not run: needs failing"),
    ]
    data = brief.as_dict()
    assert data["errors"] == [{"component": "failing", "error": "RuntimeError: a bug"}, data["errors"][1]]
    assert data["failing"] == [] and data["after_failing"] == []
    assert "component failing failed" in caplog.text


def test_failing_subjects_leave_the_numbers_their_values(monkeypatch) -> None:
    from briefx.extract.subjects import Subjects

    def broken(self, doc, found):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Subjects, "__call__", broken)
    brief = briefx.Pipeline(kinds=NUMBERS)("Государственный долг составляет 27 трлн тенге, рост – 5%.")
    assert [(m.text, m.subject) for m in brief.money] == [("27 трлн тенге", None)]
    assert [p.text for p in brief.percentages] == ["5%"]
    assert [(e.component, e.error) for e in brief.errors] == [("subjects", "RuntimeError: a bug")]


def test_a_clean_document_has_no_errors_key() -> None:
    assert "errors" not in briefx.extract("Выделено 5 млрд тенге.").as_dict()


def test_extra_components_must_be_component_classes() -> None:
    with pytest.raises(TypeError, match="Component classes"):
        briefx.Pipeline(extra=[lambda lexicon: None])


# --- the user's word lists --------------------------------------------------------------------------


def _check_user_words(brief: briefx.Brief) -> None:
    assert [(m.text, m.currency) for m in brief.money] == [("5 млн лари", "GEL")]
    assert [(f.text, f.type, f.action) for f in brief.facilities] == [("водонапорной башни", "water_tower", "repair")]
    [instruction] = brief.instructions
    assert (instruction.issuer, instruction.addressee) == ("Аким", "акимы районов")
    assert instruction.text.startswith("велел акимам районов завершить ремонт")


def test_a_users_folder_adds_a_currency_a_facility_type_and_an_instruction_verb() -> None:
    _check_user_words(briefx.Pipeline(data=USER_DATA)(USER_TEXT))
    bundled = briefx.extract(USER_TEXT)
    assert bundled.money == () and bundled.instructions == ()  # the bundled lists are untouched


def test_user_lists_can_be_given_as_texts_and_survive_pickling() -> None:
    data = {p.name: p.read_text(encoding="utf-8") for p in USER_DATA.iterdir()}
    pipeline = pickle.loads(pickle.dumps(briefx.Pipeline(data=data)))
    _check_user_words(pipeline(USER_TEXT))


def test_a_replace_line_replaces_the_bundled_list() -> None:
    pipeline = briefx.Pipeline(kinds=["money"], data={"currencies.tsv": f"{REPLACE}\nGEL\tлари\n"})
    brief = pipeline("Выделено 5 млн лари. Выделено 7 млн тенге.")
    assert [m.currency for m in brief.money] == ["GEL"]


def test_a_malformed_user_list_names_its_file_and_line() -> None:
    with pytest.raises(LexiconError, match=r"scales.tsv \(user\):2: 'много' is not a number"):
        briefx.Pipeline(kinds=["money"], data={"scales.tsv": "# comment\nмного\tуйма\n"})


def test_a_missing_folder_is_a_clear_error() -> None:
    with pytest.raises(LexiconError, match="not a folder"):
        briefx.Pipeline(data=USER_DATA / "nope")


def test_the_same_recipe_is_built_once_per_process() -> None:
    first = pickle.loads(pickle.dumps(briefx.Pipeline(data=USER_DATA)))
    second = pickle.loads(pickle.dumps(briefx.Pipeline(data=USER_DATA)))
    assert first.components is second.components


def test_a_configured_pipeline_works_in_worker_processes() -> None:
    pipeline = briefx.Pipeline(data=USER_DATA)
    results = list(briefx.batch(texts=[USER_TEXT, "Пусто."], workers=2, pipeline=pipeline))
    assert [r.ok for r in results] == [True, True]
    _check_user_words(results[0].brief)


# --- the user's own components -----------------------------------------------------------------------

SOWN = "В области засеяно 120 тыс. га пшеницы и 40 тыс. гектаров ячменя. Собрано 540 тыс. тонн свеклы."


def test_a_new_fact_kind_joins_the_brief_its_json_and_its_page(sown_areas) -> None:
    pipeline = briefx.Pipeline(extra=[sown_areas.SownAreas])
    brief = pipeline(SOWN)
    areas = brief.as_dict()["sown_areas"]
    assert [(a["text"], a["area"], a["unit"], a["crop"]) for a in areas] == [
        ("120 тыс. га", "120000", "ha", "пшеница"),
        ("40 тыс. гектаров", "40000", "ha", "ячмень"),
    ]
    assert brief.facts_of("sown_areas") == brief.extra["sown_areas"] and "sown_areas" in brief.kinds()
    assert brief.to_html().count('data-kind="sown_areas"') >= 2
    assert pipeline.names[-1] == "sown_areas"


def test_a_new_fact_kind_can_be_the_only_kind_asked_for(sown_areas) -> None:
    pipeline = briefx.Pipeline(kinds=["sown_areas"], extra=[sown_areas.SownAreas])
    assert pipeline.names == ("numbers", "subjects", "quantities", "sown_areas")
    brief = pipeline(SOWN)
    assert brief.quantities == () and len(brief.extra["sown_areas"]) == 2


def test_a_users_component_travels_to_worker_processes(sown_areas) -> None:
    pipeline = briefx.Pipeline(extra=[functools.partial(sown_areas.SownAreas)])
    [result] = briefx.batch(texts=[SOWN], workers=2, pipeline=pipeline)
    assert [a.crop for a in result.brief.extra["sown_areas"]] == ["пшеница", "ячмень"]


# --- why a fact is there ------------------------------------------------------------------------------


def test_every_fact_says_which_component_and_rule_made_it() -> None:
    brief = briefx.extract(SEED)
    names = set(briefx.Pipeline().names)
    for fact in brief.facts:
        component, _, rule = (fact.rule or "").partition(".")
        assert component in names and rule, fact
    explained = brief.as_dict(explain=True)
    assert explained["money"][0]["rule"] == "money.number"
    assert "rule" not in brief.as_dict()["money"][0]


def test_rules_name_the_branch_that_fired() -> None:
    brief = briefx.extract("Из кредитов на 17 миллиардов рублей 12 миллиардов приходится на малый бизнес в 2024 году.")
    assert [m.rule for m in brief.money] == ["money.number", "money.elliptic"]
    assert brief.dates[0].rule == "dates.year"


def test_all_kinds_are_the_brief_keys() -> None:
    assert set(ALL_KINDS) == {k for c in COMPONENTS for k in c.produces}
    assert {cls.fact_kind for cls in (briefx.MoneyAmount, briefx.Period, briefx.Facility, briefx.Source)} <= set(ALL_KINDS)


def test_an_id_that_is_not_a_string_is_refused_up_front() -> None:
    with pytest.raises(TypeError, match="id must be a str"):
        briefx.extract("Текст.", id=object())
