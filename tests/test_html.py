"""Brief -> HTML page: escaping, text kept exactly, marks per kind, nesting and crossing; then in Chromium."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

import briefx
from briefx.html import KINDS, NEUTRAL, describe, format_number, render_index, render_page, style_of
from briefx.model import Facility, Fact, MoneyAmount, Percentage, Quantity

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "articles" / "000_874fe8aaadcc118b.txt"
ARTIFACTS = ROOT / "test-artifacts"
NNBSP = "\u202f"

HOSTILE = (
    "Выделено 5 млн рублей. <script>alert(1)</script> и <img src=x onerror=alert(1)>, "
    'а также "кавычки" & <b>теги</b> -- рост на 10%.'
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Tagged(Fact):
    """A fact of any kind, for kinds briefx does not have yet."""

    fact_kind: str = "thing"  # type: ignore[misc]
    status: str | None = None


class Page(HTMLParser):
    """What a reader sees: the article's text without the marks' tags, and every mark with its offsets."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, role): role "article" | "tag" | "mark" | ""
        self.text: list[str] = []
        self.marks: list[dict] = []  # kind, fact, cut, start, stop, label, value
        self.open_marks: list[dict] = []
        self.tags: Counter[str] = Counter()
        self.body_attrs: dict[str, str | None] = {}
        self.feed(markup)
        self.close()

    @property
    def article(self) -> str:
        return "".join(self.text)

    def roles(self) -> set[str]:
        return {role for _, role in self.stack}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "body":
            self.body_attrs = a
        if tag in self.VOID:
            return
        role = ""
        if "bx-article" in classes:
            role = "article"
        elif "bx-tag" in classes:
            role = "tag"
        elif tag == "mark" and "article" in self.roles():
            role = "mark"
            mark = {"kind": a["data-kind"], "fact": int(a["data-fact"] or -1), "cut": "bx-cut" in classes}
            mark.update(start=len(self.article), stop=None, label=None, value=None)
            self.marks.append(mark)
            self.open_marks.append(mark)
        elif "bx-label" in classes:
            role = "label"
        elif "bx-value" in classes:
            role = "value"
        self.stack.append((tag, role))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, role = self.stack.pop()
            if role == "mark":
                self.open_marks.pop()["stop"] = len(self.article)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        roles = self.roles()
        if "tag" in roles:
            for role in ("label", "value"):
                if role in roles:
                    self.open_marks[-1][role] = (self.open_marks[-1][role] or "") + data
        elif "article" in roles:
            self.text.append(data)

    def facts_per_kind(self) -> Counter[str]:
        return Counter(kind for kind, _ in {(m["kind"], m["fact"]) for m in self.marks})


@pytest.fixture(scope="module")
def seed() -> briefx.Brief:
    return briefx.extract(SEED.read_text(encoding="utf-8"), id=SEED.stem)


def fake_brief(text: str, facts: list[Fact], **meta) -> SimpleNamespace:
    """Anything with text, id, published and facts renders; lets a test use kinds briefx lacks."""
    facts = sorted(facts, key=lambda f: (f.start, f.stop))
    return SimpleNamespace(text=text, id=meta.get("id"), published=meta.get("published"), facts=facts)


def tagged(text: str, start: int, stop: int, kind: str = "thing", **fields) -> Tagged:
    return Tagged(text=text[start:stop], start=start, stop=stop, sentence=0, fact_kind=kind, **fields)


def check_marks_cover_facts(page: Page, facts: list[Fact]) -> None:
    """Every fact is marked, its pieces tile exactly its span, and it carries one label."""
    pieces: dict[int, list[dict]] = defaultdict(list)
    for mark in page.marks:
        pieces[mark["fact"]].append(mark)
    assert sorted(pieces) == list(range(len(facts)))
    for index, fact in enumerate(facts):
        spans = sorted((m["start"], m["stop"]) for m in pieces[index])
        assert spans[0][0] == fact.start and spans[-1][1] == fact.stop, fact
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False)), f"gap or overlap in {fact}: {spans}"
        assert sum(m["label"] is not None for m in pieces[index]) == 1, fact


# --- values ---------------------------------------------------------------------------------------

NUMBERS = [
    ("178000000000", f"178{NNBSP}000{NNBSP}000{NNBSP}000"),
    ("10600", f"10{NNBSP}600"),
    ("2025", "2025"),  # four digits stay together, as in Russian typography
    ("29.5", "29,5"),
    ("1E+3", "1000"),
    ("-1234567.25", f"-1{NNBSP}234{NNBSP}567,25"),
    ("n/a", "n/a"),  # not a number: as written
]


@pytest.mark.parametrize(("raw", "shown"), NUMBERS)
def test_format_number(raw: str, shown: str) -> None:
    assert format_number(raw) == shown


def test_describe_known_kinds() -> None:
    def at(cls, **kw):
        return cls(text="x", start=0, stop=1, sentence=0, **kw)

    g = NNBSP
    assert describe(at(MoneyAmount, amount=Decimal("178000000000"), currency="KZT")) == (f"178{g}000{g}000{g}000 KZT")
    money_range = at(MoneyAmount, amount=None, currency="RUB", low=5, high=7, qualifier="от")
    assert describe(money_range) == "от 5–7 RUB"
    assert describe(at(Percentage, value=Decimal("29.5"), direction="up")) == "↑ 29,5 %"
    assert describe(at(Percentage, value=3, points=True, direction="down")) == "↓ 3 п.п."
    assert describe(at(Quantity, value=540000, unit="t", subject="свекла")) == f"540{g}000 t свекла"
    assert describe(at(Quantity, value=128, unit=None, subject="проект")) == "128 проект"
    flooded = at(Facility, type="house", count=Decimal("10345"), action="flooding", status="completed")
    assert describe(flooded) == f"10{g}345 × house · flooding · completed"
    named = at(Facility, type="reservoir", name="Сергеевское", action="inspection", status="completed")
    assert describe(named) == "reservoir · «Сергеевское» · inspection · completed"


def test_unknown_kind_gets_its_name_and_a_neutral_colour() -> None:
    text = "Президент поручил акимату завершить ремонт."
    fact = tagged(text, 10, 17, kind="instruction_x", status="assigned")
    assert style_of("instruction_x").label == "instruction_x" and style_of("instruction_x").colour == NEUTRAL
    assert describe(fact) == "status: assigned"
    page = Page(render_page(fake_brief(text, [fact])))
    assert page.marks[0]["kind"] == "instruction_x" and page.marks[0]["label"] == "instruction_x"
    assert page.article == text


# --- safety ---------------------------------------------------------------------------------------


def test_hostile_article_comes_out_as_text() -> None:
    brief = briefx.extract(HOSTILE, id='<img src=x onerror=alert("id")>')
    page_html = render_page(brief, title="<script>alert('title')</script>")
    assert "<script" not in page_html.lower()
    assert "<img" not in page_html.lower()
    page = Page(page_html)
    assert page.tags["script"] == 0 and page.tags["img"] == 0 and page.tags["b"] == 0
    assert page.article == HOSTILE
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_html


def test_hostile_fact_fields_are_escaped() -> None:
    text = "abc <script>x</script> def"
    fact = tagged(text, 4, 22, kind='<script>"k"', status='"><script>alert(1)</script>')
    page_html = render_page(fake_brief(text, [fact], id="<script>"))
    assert "<script" not in page_html.lower()
    assert Page(page_html).article == text


def test_page_loads_nothing_from_outside(seed: briefx.Brief) -> None:
    page_html = seed.to_html()
    lowered = page_html.lower()
    for needle in ("<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "http://", "https://"):
        assert needle not in lowered, needle
    assert "content-security-policy" in lowered and "default-src 'none'" in lowered


# --- text and marks -------------------------------------------------------------------------------


def test_seed_text_kept_and_marks_per_kind(seed: briefx.Brief) -> None:
    page = Page(render_page(seed))
    assert page.article == seed.text
    assert page.facts_per_kind() == Counter(f.fact_kind for f in seed.facts)
    assert Counter(f.fact_kind for f in seed.facts)["money"] >= 1
    check_marks_cover_facts(page, seed.facts)
    for mark in page.marks:
        if mark["label"] is not None:
            assert mark["label"] == style_of(mark["kind"]).label


def test_seed_money_shows_the_normalized_amount(seed: briefx.Brief) -> None:
    page = Page(render_page(seed))
    values = {seed.text[m["start"] : m["stop"]]: m["value"] for m in page.marks if m["value"]}
    assert values["178 млрд тенге"] == f"178{NNBSP}000{NNBSP}000{NNBSP}000 KZT · инвестиции"  # with its subject


def test_to_html_and_repr_html_are_the_page(seed: briefx.Brief) -> None:
    assert seed.to_html() == seed._repr_html_() == render_page(seed)
    assert "<title>000_874fe8aaadcc118b</title>" in seed.to_html()
    assert "<title>Сводка</title>" in render_page(seed, title="Сводка")


def test_nested_crossing_and_identical_facts() -> None:
    text = "aa bb cc dd ee"
    facts = [
        tagged(text, 0, 8, "money"),  # aa bb cc
        tagged(text, 0, 8, "quantities"),  # the same span again
        tagged(text, 3, 5, "dates"),  # bb: inside both
        tagged(text, 6, 11, "places"),  # cc dd: crosses the first two
        tagged(text, 4, 14, "people"),  # b bb cc dd ee: crosses everything open
    ]
    brief = fake_brief(text, facts)
    page = Page(render_page(brief))
    assert page.article == text
    check_marks_cover_facts(page, brief.facts)
    assert any(m["cut"] for m in page.marks)


def test_awkward_characters_survive() -> None:
    text = "Строка\r\nвторая\rтретья\t&amp; &lt; «ёлки» \u00a0 \U0001f600 5\u202f000 тонн\n\n  конец  "
    facts = [tagged(text, 0, 6), tagged(text, 7, 20, "dates"), tagged(text, len(text) - 7, len(text))]
    page = Page(render_page(fake_brief(text, facts)))
    assert page.article == text


def test_facts_outside_the_text_are_left_to_the_table() -> None:
    text = "short"
    facts = [tagged(text, 0, 5), Tagged(text="ghost", start=3, stop=40, sentence=0), tagged(text, 2, 2)]
    page_html = render_page(fake_brief(text, facts))
    page = Page(page_html)
    assert page.article == text and len(page.marks) == 1
    assert page_html.count("<tr data-kind=") == 3


def test_random_spans_keep_text_and_tile_facts() -> None:
    for seed_value in range(300):
        rng = random.Random(seed_value)
        text = "".join(rng.choice("абв где <&>\n") for _ in range(rng.randint(1, 60)))
        facts = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randrange(len(text))
            kind = rng.choice([*KINDS, "thing"])
            facts.append(tagged(text, start, rng.randint(start + 1, len(text)), kind))
        brief = fake_brief(text, facts)
        page = Page(render_page(brief))
        assert page.article == text, seed_value
        check_marks_cover_facts(page, brief.facts)


def test_empty_article() -> None:
    page = Page(render_page(briefx.extract("")))
    assert page.article == "" and page.marks == []


# --- index ----------------------------------------------------------------------------------------


def test_index_lists_documents_with_counts() -> None:
    entries = [
        ("000_874fe8aaadcc118b.txt", "000_874fe8aaadcc118b.txt.html", {"money": 2, "quantities": 4}),
        ("<b>odd</b>.txt", "odd.html", {"percentages": 1, "widget": 3}),
        ("bad", "javascript:alert(1)", {}),
    ]
    page_html = render_index(entries)
    assert "<b>" not in page_html and "&lt;b&gt;odd&lt;/b&gt;.txt" in page_html
    assert 'href="000_874fe8aaadcc118b.txt.html"' in page_html
    assert 'href="javascript:' not in page_html
    assert "<script" not in page_html.lower()
    index = Page(page_html)
    assert index.tags["a"] == 3 and index.tags["tr"] == 4
    assert "10 facts" in page_html and "3 documents" in page_html


# --- in a real browser ----------------------------------------------------------------------------

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
TIMEOUT = 90  # seconds for one Chromium run


@pytest.fixture(scope="module")
def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        message = "chromium is not installed (apt-get install chromium); .ci/run installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_chromium(chromium: str, profile: Path, *args: str) -> str:
    """Chromium's standard output; the whole process group is killed if it outlives TIMEOUT."""
    command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"chromium took more than {TIMEOUT}s: {' '.join(command)}")
    assert process.returncode == 0, f"chromium exited {process.returncode}: {err[-2000:]}"
    return out


def dump_dom(chromium: str, page: Path, tmp_path: Path) -> str:
    dom = run_chromium(chromium, tmp_path / "profile-dom", "--dump-dom", page.as_uri())
    assert "</html>" in dom, dom[-500:]
    return dom


def test_browser_renders_the_seed(chromium: str, seed: briefx.Brief, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page_file = ARTIFACTS / "html-seed.html"
    page_file.write_text(seed.to_html(), encoding="utf-8")

    page = Page(dump_dom(chromium, page_file, tmp_path))
    assert page.article == seed.text
    assert page.facts_per_kind() == Counter(f.fact_kind for f in seed.facts)
    check_marks_cover_facts(page, seed.facts)
    labels = Counter(m["label"] for m in page.marks if m["label"] is not None)
    assert labels == Counter(style_of(f.fact_kind).label for f in seed.facts)

    for name, size in [("desktop", "1200,1600"), ("phone", "390,1600")]:
        shot = ARTIFACTS / f"html-seed-{name}.png"
        shot.unlink(missing_ok=True)
        profile = tmp_path / f"profile-{name}"
        run_chromium(chromium, profile, f"--screenshot={shot}", f"--window-size={size}", page_file.as_uri())
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot
        assert shot.stat().st_size > 10_000, f"{shot} looks blank"


def test_browser_runs_nothing_from_the_article(chromium: str, tmp_path: Path) -> None:
    """Payloads that would mark <body> if they ran; the browser's DOM has neither them nor their marks."""
    text = (
        "Привлечено 178 млрд тенге. <script>document.body.setAttribute('data-pwned', 'script')</script>\n"
        "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\"> рост – 29,5%.\n"
        "<svg onload=\"document.body.setAttribute('data-pwned', 'svg')\"></svg>"
    )
    brief = briefx.extract(text, id="<script>document.body.setAttribute('data-pwned', 'id')</script>")
    page_file = tmp_path / "hostile.html"
    page_file.write_text(brief.to_html(), encoding="utf-8")
    page = Page(dump_dom(chromium, page_file, tmp_path))
    assert "data-pwned" not in page.body_attrs
    assert page.tags["script"] == 0 and page.tags["img"] == 0 and page.tags["svg"] == 0
    assert page.article == text
