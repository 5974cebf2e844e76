"""Names of facilities, on either side of the type word: "Сергеевского водохранилища" -> "Сергеевское",
"аэропорта Ушарал" -> "Ушарал", "ТРЦ "Ellington"", "школа № 5", "ТЭЦ-2", "дороги Алматы – Усть-Каменогорск"
(a route), "Музее Анны Ахматовой" (a person's name, as written).

A name is a word of the text, never a glued pair: "Алматымужчина" (a lost space in scraped text) names
nothing. Capitalized adjectives before the type are the name when they are not the sentence's first
word (there a capital says nothing), or when pymorphy3 knows no such adjective or it is made from a
place ("-ский").
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from briefx.document import Document
from briefx.extract.names import capitalized, proper_nominative
from briefx.extract.shapes import CAP_WORD, LETTER_WORD, H
from briefx.lexicon import Cues
from briefx.morph import parses, yo

# "Алматы – Усть-Каменогорск – Лепсы – Актогай", "Лепсы – побережье озера Балхаш"
ROUTE = rf"(?P<route>{CAP_WORD}(?:{H}+-{H}+(?:[^\W\d_]+{H}+){{0,2}}{CAP_WORD})+)"
# An opening quote after a space, a closing one after the name: "дом" во всех школах … "Подарим" is the
# text between two names, not a name
QUOTED = r'(?<![^\s(])"(?P<quoted>(?=\w)[^"\n]{1,120})"'
NUMBERED = rf"(?P<numbered>№{H}*\d+)"
GLUED_NUMBER = r"(?P<glued>-\d+)"  # "ТЭЦ-2"
# A name word has a lowercase letter: "USB", "ТОО" (a legal form) are not names
PROPER_WORD = rf"(?=[\w-]*(?-i:[a-zа-яёәғқңөұүһі])){CAP_WORD}"
PROPER_NAME = rf"(?P<proper>{PROPER_WORD}(?:{H}+{PROPER_WORD})?)"
ROAD_CODE = r"(?P<code>(?-i:[А-ЯЁA-Z]{1,2})-?\d{1,4})(?![\w-])"  # "трассы Р-7", "А2", "М-51"
LEGAL_FORM = r"(?-i:[А-ЯЁ]{2,4})"  # "водозабора ТОО "Кызылжар Су"": the name is the quoted one
ROUTE_DASH = regex.compile(rf"{H}+-{H}+")
NAME_TAGS = ("Name", "Surn", "Patr")
FUNCTION_WORDS = ("NPRO", "PREP", "CONJ", "PRCL", "ADVB", "PRED", "INTJ")  # "дорога Его" names nothing
_LAST_WORD = regex.compile(rf"{LETTER_WORD}(?=\W*\Z)")
# "ТолебиМужчина", "СКОПо": a lost space (a capital after a lowercase letter, or capitals run into one)
_CAMEL = regex.compile(r"(?-i:[а-яёәғқңөұүһі][А-ЯЁӘҒҚҢӨҰҮҺІ]|[А-ЯЁӘҒҚҢӨҰҮҺІ]{2}[а-яёәғқңөұүһі])")
_PLACE_ADJECTIVE = regex.compile(r"(?:ск|цк)(?:ий|ой|ая|ое|ие)\Z")  # "петропавловский": made from a place
MIN_GLUED_PART = 4  # "Алматы|мужчина": each side a word of its own
MIN_GLUED_TAIL = 5
CLAUSE_OPENERS = ("VERB", "INFN", "PRTS", "GRND", "ADVB", "NPRO", "PREP", "CONJ", "PRCL")
PROPER_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")


class Name(NamedTuple):
    text: str | None
    route: tuple[str, ...] | None
    rule: str
    stop: int | None = None  # where the name ends, when it is shorter than what the tail matched


@lru_cache(maxsize=65536)
def glued(word: str) -> bool:
    """A word that is two words with the space lost: "Алматымужчина", "ТолебиМужчина".

    Either a capital right after a lowercase letter, or a word pymorphy3 does not know that is a proper
    name it knows followed by a common word it knows ("Алматы" + "мужчина"); a Kazakh name pymorphy3
    does not know ("Каратомарском", "Капшагая") is neither."""
    if _CAMEL.search(word):
        return True
    lowered = word.lower()
    if len(lowered) < MIN_GLUED_PART + MIN_GLUED_TAIL or any(p.is_known for p in parses(lowered)):
        return False
    return any(
        _common_word(lowered[i:]) and _proper_word(lowered[:i]) for i in range(MIN_GLUED_PART, len(lowered) - MIN_GLUED_TAIL + 1)
    )


def _common_word(word: str) -> bool:
    """A word that opens a next clause: a verb ("Уральск|готовится"), a function word, or a person
    ("Алматы|мужчина"); not the end of a compound name ("Талдык|орган", "Кызыл|ординской")."""
    for p in parses(word):
        if not p.is_known or any(t in p.tag for t in PROPER_TAGS):
            continue
        if p.tag.POS in CLAUSE_OPENERS or (p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.animacy == "anim"):
            return True
    return False


def _proper_word(word: str) -> bool:
    return any(p.is_known and any(t in p.tag for t in PROPER_TAGS) for p in parses(word))


@lru_cache(maxsize=65536)
def can_name(word: str) -> bool:
    """A word that can be (part of) a name: not a pronoun or a particle ("Его"), not glued."""
    readings = parses(word.lower())
    return not (readings[0].is_known and readings[0].tag.POS in FUNCTION_WORDS) and not glued(word)


def adjective_name(words: list[str], first_in_sentence: bool, head) -> str | None:
    """The capitalized adjectives before a type word, in the nominative agreeing with it: "Сергеевского"
    водохранилища -> "Сергеевское", "Новом Городском" кладбище -> "Новое Городское"."""
    out = []
    for i, word in enumerate(words):
        if not word[:1].isupper() or word.isupper() or _pronominal(word):
            continue  # "Какие" дачи: a pronoun points, it does not name
        if i == 0 and first_in_sentence and not _proper_adjective(word):
            continue  # "Международный аэропорт": a capital that opens the sentence
        out.append(_adjective_nominative(word, head))
    return " ".join(out) or None


@lru_cache(maxsize=65536)
def _pronominal(word: str) -> bool:
    return any("Apro" in p.tag for p in parses(word.lower())[:1])


@lru_cache(maxsize=65536)
def _proper_adjective(word: str) -> bool:
    readings = [p for p in parses(word.lower()) if p.tag.POS in ("ADJF", "PRTF")]
    return bool(readings) and (not readings[0].is_known or bool(_PLACE_ADJECTIVE.search(yo(readings[0].normal_form))))


def _adjective_nominative(word: str, head) -> str:
    reading = next((p for p in parses(word.lower()) if p.tag.POS in ("ADJF", "PRTF")), None)
    if reading is None:
        return word
    grammemes = {"nomn", "plur"} if head is not None and head.plural_only else {"nomn", "sing"}
    if "sing" in grammemes and head is not None and head.gender:
        grammemes.add(head.gender)
    form = reading.inflect(grammemes)
    return capitalized(yo(form.word)) if form else word


def tail_name(
    doc: Document, start: int, tail: regex.Match, named_after: bool, place_named: bool = False, place_types: Cues | None = None
) -> Name:
    """The name that follows a type word (and its genitive types), from the `tail` match. `named_after`:
    a person's name in any case names it ("улицы Ыкыласа Дукенулы", "реконструкция театра Армена
    Джигарханяна", where an action word governs the type). `place_named`: a place in the genitive is
    its name ("побережья Алаколя"); after other types it is where it is ("в больнице Нью-Йорка").
    `place_types`: an adjective before one of them is a place's ("водохранилище Костанайской области"), not
    a name ("канале Черная речка")."""
    if tail.group("quoted"):
        return Name(doc.original[tail.start("quoted") : tail.end("quoted")].strip(), None, "quoted")
    if tail.group("route"):
        begin, end = tail.span("route")
        cuts = [begin] + [x for d in ROUTE_DASH.finditer(doc.norm, begin, end) for x in d.span()] + [end]
        route = tuple(" ".join(doc.original[a:b].split()) for a, b in zip(cuts[::2], cuts[1::2], strict=True))
        return Name(doc.original[begin:end], route, "route")
    if tail.group("numbered") or tail.group("code"):
        return Name(tail.group("numbered") or tail.group("code"), None, "numbered")
    if tail.group("glued"):
        return Name(doc.original[start : tail.end("glued")], None, "glued_number")
    if tail.group("proper"):
        return _proper_name(doc, start, tail, named_after, place_named, place_types)
    return Name(None, None, "type")


def _proper_name(
    doc: Document, start: int, tail: regex.Match, named_after: bool, place_named: bool, place_types: Cues | None
) -> Name:
    words = doc.original[tail.start("proper") : tail.end("proper")].split()
    stop = None
    if len(words) > 1 and not _share_a_case(*words):
        words = words[:1]  # "ТЭЦ Бишкека | Казахстан …", "посту Есиль | Петропавловска": two names, not one
        stop = tail.start("proper") + len(words[0])
    if not all(can_name(w) for w in words):
        return Name(None, None, "not_a_name")
    reading = parses(words[0].lower())[0]
    type_word = _LAST_WORD.search(doc.norm, start, tail.start("proper"))
    type_case_genitive = type_word is not None and any("gent" in p.tag for p in parses(type_word.group().lower()))
    if reading.is_known and any(t in reading.tag for t in NAME_TAGS):  # a guess ("Аль-Аман") is no person
        if named_after and reading.tag.case != "nomn":
            return Name(" ".join(words), None, "named_after")  # "улицы Ыкыласа Дукенулы", "памятник Ленину"
        if "gent" not in reading.tag or type_case_genitive:
            # "директора театра Сергея Филина", "театра Игорь Вербицкий": a person next to the type
            return Name(None, None, "person_after")
        return Name(" ".join(words), None, "named_after")  # "Музее Анны Ахматовой": the genitive, as written
    if _genitive_place(words[0]) and not place_named:
        return Name(None, None, "place_after")  # "в больнице Нью-Йорка", "посольства Ирана": where, not its name
    if reading.tag.POS in ("ADJF", "PRTF"):
        if len(words) == 1 and place_types is not None and place_types.pattern.match(doc.norm, tail.end("proper") + 1):
            return Name(None, None, "adjective_after")  # "водохранилище Костанайской области": a place's adjective
        return Name(" ".join(words), None, "proper_name", stop)  # "Могиле Неизвестного Солдата", as written
    if tail.group("particle"):  # "улице Толе би", "улице Абылай хана": a Kazakh name with its title, as written
        return Name(doc.original[tail.start("proper") : tail.end("particle")], None, "proper_name")
    return Name(" ".join(proper_nominative(w) for w in words), None, "proper_name", stop)


def _share_a_case(first: str, second: str) -> bool:
    cases = [{p.tag.case for p in parses(w.lower()) if p.tag.case} for w in (first, second)]
    return not cases[0] or not cases[1] or bool(cases[0] & cases[1])


@lru_cache(maxsize=65536)
def _genitive_place(word: str) -> bool:
    """ "Нью-Йорка", "Тель-Авива": a place pymorphy3 knows, in the genitive and in no other case; or one
    that never declines ("Алматы", "Баку"), which after a type word is where it stands too ("жилых
    комплексов Алматы")."""
    readings = [p for p in parses(word.lower()) if "Geox" in p.tag]
    if not readings or readings[0] is not parses(word.lower())[0]:
        return False
    return all(p.tag.case == "gent" for p in readings) or all("Fixd" in p.tag for p in readings)
