"""What each number is the value of: "Государственный долг составляет 27 трлн тенге" -> "государственный
долг", "178 млрд тенге инвестиций" -> "инвестиции", "ущерб на сумму 5 млн тенге" -> "ущерб", "57 новых
домов" -> "новые дома".

The subject is the noun phrase as the text states it, in the nominative (grammatical number kept; a
count's in the plural), with its defining adjectives and genitives and the prepositional complement its
head governs ("цены на газ", data/subject_complements.tsv). Rules, tried in order, each named in the
subject's `rule`:
- rate: the currency sold or bought, or one unit of it ("доллар продают за 451,01 тенге", "1 евро -
  481,05 тенге" -> "курс евро");
- after: "5472 - дети" (a bare number, a dash, the noun it counts);
- self: a rate or price noun right before the number ("по ставке от 2 до 5 процентов" -> "ставка");
- after: a genitive right after the number and its unit ("540 тыс. тонн свеклы"), or what a count counts;
- population: a count of "человек" beside a name ("Китай: 98,6 тысячи человек") counts the people the
  text counted last ("сверхбогатые люди");
- carrier: a phrase before "на сумму", "в размере", "стоимостью", "под" ("займ под 150 процентов");
- change: the genitive after a change noun before a percentage ("рост инвестиций на 5%");
- coordinated, change: a number listed after another shares its subject ("штрафы в размере 370 млн
  тенге … и 222,5 млн тенге …"), a per cent behind a dash after a value is its change;
- object: the object of "оценивать" before "в", of a verb of change before "на" ("сократили спрос на
  газ на 20 процентов");
- carrier: a noun right before "в" and an amount or a per cent, or "на" and an amount ("взятки в 2 млн
  тенге", "мошенничестве на 30 млн тенге");
- verb: what exceeds the reference point after a verb of exceeding ("Уровень воды превысил критическую
  отметку на 15 сантиметров");
- verb: the nominative phrase before a verb or dash that ties it to the number ("курс доллара
  составил 448,41 тенге", "ставка вознаграждения – 5 процентов"), or before a short form ("готов на
  40 процентов") it agrees with; before a participle, the noun it agrees with ("в магазине,
  расположенном в 500 метрах");
- bracketed: a number in brackets right after another is the same thing in other units;
- continued: a sentence that plainly continues the one before ("Это 70 процентов ВВП", "он поднялся
  на 2 сантиметра") takes the subject of that one's last number;
- share: a per cent nothing else explains is a share of the genitive after it ("20 % их доходов");
- nominal: a measure or amount after the nominative noun of its clause piece, no verb between ("Ветер
  северо-западный 9-14 метров в секунду", "Ущерб в этом деле более 40 тысяч долларов"), or, when its own
  piece says only when or where, after that of the nearest piece before ("порывы 15-20, днем временами
  25 м/с");
- listed: an item of a list after a colon that names only a date or an empty carrier takes the noun
  phrase before the colon ("предусмотрены средства: в 2024 году – …").
An empty carrier ("сумма", "доля", "количество") leads to the phrase after it: "минимальная сумма
накоплений - 1 млн" -> "накопления". No rule, no subject: never a guess.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import regex

from briefx.component import Component
from briefx.document import Document
from briefx.extract.mention import Mention
from briefx.extract.names import agrees, phrase_to_nominative
from briefx.extract.shapes import FLAGS, WORD, WORD_BEFORE, H, whole_words
from briefx.extract.syntax_relations import RelationWords, number_subject
from briefx.lexicon import Lexicon, alternation, lookup, word_start
from briefx.morph import inflected, noun_parse, parses, yo
from briefx.syntax import DocumentSyntax

# A token of a clause: a word, a number, or one punctuation mark.
TOKEN = regex.compile(r"[^\W\d_][\w-]*|\d+(?:[.,]\d+)*|[^\w\s]")
CLAUSE_MARKS = frozenset(";:!?.(")  # a subject never lies beyond one of these (within brackets: "(рост – 29,5%)")
DASHES = frozenset("-–—")  # a dash standing alone between words
SEGMENTS_BACK = 3  # comma-separated pieces searched before a verb: "ТРЦ, по данным управления, готов"
SERIES_START = rf"(?<=(?<!\w)с{H}+)\d[\d.,]*(?={H}+до(?!\w))"  # "с 5,5 | до 5 метров": the value a change starts from
GAP_WORDS = 4  # words between a verb and its number at most: "составило более 40 тысяч"
REACH = 200  # characters before a number searched for its subject
CLAUSE_REACH = 3 * REACH  # characters back to the start of a clause that REACH cut
LIST_REACH = 400  # characters back from a list's item to the colon that opens the list
NOUN_CASES = ("nomn", "accs")  # "оценили в …" takes its subject in the accusative
PRONOUNS = frozenset({"он", "она", "оно", "они", "это"})
# "два этих банка", "трех столпов нашего плана": words that say which or whose, not what is counted
POSSESSIVES = frozenset({"их", "его", "ее", "наш", "ваш", "мой", "свой"})  # "20 % их доходов"
DETERMINERS = frozenset({"этот", "тот", "данный", "наш", "ваш", "мой", "твой", "свой"})
# the number and gender a noun must have to be what a pronoun stands for
PRONOUN_AGREEMENT = {
    "он": frozenset({"masc", "sing"}),
    "она": frozenset({"femn", "sing"}),
    "оно": frozenset({"neut", "sing"}),
    "они": frozenset({"plur"}),
}
# what may stand between two numbers that share a subject: ", на покупку - ", " и дополнительно ", "; ",
# " в сфере торговли и ", "), Тимур Турлов (": a few words of the first, the conjunction, a few of the second
COORDINATION = regex.compile(
    r"[^\S\n]*\)?(?:[^\S\n]*[^\W\d_][\w-]*){0,3}?[^\S\n]*(?:[,;](?:[^\S\n]*(?:и|а)\b)?|\bи\b|\bа\b)[^\S\n]*"
    r"(?P<second>(?:[\"«»]?[^\W\d_][\w-]*[\"«»]?[^\S\n]*){0,3})(?P<tie>[-–—:(][^\S\n]*)?"
)
RESTATED = regex.compile(r"[^\S\n]*,[^\S\n]*(?:или|то есть|т\.[^\S\n]*е\.)[^\S\n]+(?:более|менее|около|почти|свыше)?[^\S\n]*")
# "с 45 процентов в 2021 году до 24 процентов в 2022 году и далее до 15 процентов": a series of values of
# one thing, each with its year, from the first to the last
SERIES = regex.compile(
    r"(?:[^\S\n]+(?:в|за|на)[^\S\n]+\d{4}(?:[^\S\n]*(?:году|год|г\.))?)?"
    r"[^\S\n]*,?[^\S\n]*(?:(?:и|а)[^\S\n]+)?(?:(?:далее|затем|потом)[^\S\n]+)?(?:до|по)[^\S\n]+",
    regex.IGNORECASE,
)
# after a change's genitive, before the amount: at most three words, then "до" or "на" and gap words
CHANGE_TO = regex.compile(
    r"(?:[^\S\n]+[^\W\d_][\w-]*){0,3}"
    r"(?:[^\S\n]+за[^\S\n]+\d+[^\S\n]+[^\W\d_][\w-]*)?"  # a duration: "повышение уровня воды за 4 часа на 27 см"
    r"[^\S\n]+(?P<to>до|на)(?:[^\S\n]+(?:более|менее|свыше|почти|около|порядка))?[^\S\n]*",
    regex.IGNORECASE,
)
CHANGE_REACH = 120  # characters before an amount searched for a change noun
GENITIVE_SCORE = 0.02  # pymorphy3's score below which a genitive reading is too unlikely to chain on
VERB_LIKE = frozenset({"VERB", "INFN", "PRTS", "GRND"})
# a short participle or adjective, then "на" and the per cent: "готов на", "заполнены более чем на"
SHORT_FORM_BY = regex.compile(
    r"(?<![\w-])(?P<word>[^\W\d_][\w-]*)[^\S\n]+[\"«]?(?:(?:более|менее|почти|около|чем|уже|еще|лишь)[^\S\n]+){0,2}на[^\S\n]+"
    r"(?:(?:более|менее|свыше|почти|около|порядка)[^\S\n]+)?\Z",
    regex.IGNORECASE,
)
# "1 доллар - 448,41 тенге": one unit of a currency, then a dash, colon or "=" and its rate
RATE_BASE = regex.compile(r"(?<!\d)(?<!\d[.,])1[^\S\n]*(?P<currency>[^\W\d_]+)[^\S\n]*[-–—=:][^\S\n]*\Z")
RATE_WORDS = 8  # words before a rate verb searched for the currency sold or bought
RATE_SECTION = 400  # characters before a bare rate searched for the currency its section names
COUNT_BEFORE = regex.compile(r"(?<![\d.,])(?!(?:19|20)\d\d[^\d.,])\d+[^\S\n]+\Z")  # a number right before a word: "23 | проекта"
PREPOSITION_AFTER = regex.compile(r"[^\S\n]+(?P<word>[^\W\d_]+)[^\S\n]+(?=[^\W\d_])")  # " на | газ"
COMPLEMENT_GENITIVES = 2  # genitives after a complement's noun: "импорт российского газа в страны Евросоюза"
SUBJECT_WORDS = 7  # words of a subject with its complement at most
DASH_AFTER = regex.compile(r"[^\S\n]+[-–—][^\S\n]+")  # "5472 - дети"
DASH_BY = regex.compile(r"[^\S\n]*[-–—][^\S\n]*(?:на[^\S\n]+)?", regex.IGNORECASE)  # " - на "
OPENERS = frozenset({"это", "из", "в", "том", "числе", "при", "этом"})  # "Это 70 процентов ВВП", "Из них …"
AFTER_WORDS = 6
GENERIC_COUNTED = frozenset({"человек"})  # "626,6 тысячи человек": the verb's subject says who
THEM = frozenset({"их", "они", "них"})
LISTED_TOKENS = 3  # tokens between a colon or bracket and a count listed after it: "Европе: 165,4 тысячи и 155,2 тысячи"
POPULATION_SENTENCES = 2  # sentences after a count of some people within which a bare count of people is of them
PARTICIPLE_WORDS = 6  # words before a participle searched for the noun it agrees with


@dataclass(frozen=True, slots=True)
class Subject:
    phrase: str  # "государственный долг"
    head: str  # the head noun's lemma: "долг"
    rule: str  # which rule found it: "after", "carrier", "change", "verb", "bracketed", "continued"


class Subjects(Component):
    name = "subjects"
    needs = ("mentions",)
    wants = ("syntax",)  # Pipeline(syntax=True): the parse answers where the rules find nothing
    provides = ("subjects",)  # {a mention's start: its Subject}

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        carriers = lexicon.subject_carriers
        self.empty = frozenset(carriers["empty"])
        verbs = lexicon.subject_verbs
        # the verb, or a dash or colon, then only gap words before the number
        gap = alternation(carriers["gap"])
        # (the first value of "снизился с 5,5 до 5 метров" is a gap word too)
        self._tie = regex.compile(
            rf"(?:{word_start(verbs)}(?P<verb>{alternation(verbs)})(?!\w)|(?P<dash>[-:]))"
            rf"(?:{H}+(?:(?:{gap})(?!\w)|{SERIES_START})){{0,{GAP_WORDS}}}{H}*\Z",
            FLAGS,
        )
        before = carriers["before"]
        self._carrier = regex.compile(
            rf"{word_start(before)}(?:{alternation(before)})(?!\w)(?:{H}+(?:{gap})(?!\w))*{H}*\Z", FLAGS
        )
        self._gap_words = frozenset(w.lower() for w in carriers["gap"])
        # "взятка в 2 млн тенге", "мошенничество на 30 млн тенге": only right after a noun
        self._bare_carriers = {
            kind: regex.compile(rf"{word_start(words)}(?:{alternation(words)})(?!\w){H}*\Z", FLAGS)
            for kind, words in (("amount", carriers["before_amount"]), ("money", carriers["before_money"]))
            if words
        }
        # "оценивает ущерб в 21 миллиард рублей", "сократили спрос на газ на 20 процентов": the object
        # between the verb and "в" (or "на") is what is measured (or changed)
        self._object_patterns = [
            regex.compile(
                rf"{word_start(verbs)}(?:{alternation(verbs)})(?!\w){H}+(?P<phrase>(?:[^\W\d_][\w-]*{H}+){{0,3}}?[^\W\d_][\w-]*?)"
                rf"{H}+(?:(?:{gap})(?!\w){H}+)*{preposition}{H}+(?:(?:{gap})(?!\w){H}+)*\Z",
                FLAGS,
            )
            for verbs, preposition in ((carriers["object"], "в"), (carriers["object_by"], "на"))
            if verbs
        ]
        # "Уровень воды превысил критическую отметку на 15 сантиметров": the object is the reference point
        exceed = carriers["exceed"]
        self._exceed = (
            regex.compile(
                rf"{word_start(exceed)}(?:{alternation(exceed)})(?!\w)(?:{H}+[^\W\d_][\w-]*){{1,3}}?"
                rf"{H}+на{H}+(?:(?:{gap})(?!\w){H}+)*\Z",
                FLAGS,
            )
            if exceed
            else None
        )
        self._instrumental = regex.compile(
            rf"(?<!\w)с{H}+(?P<phrase>(?:[^\W\d_][\w-]*{H}+){{0,2}}?[^\W\d_][\w-]*?)(?:{H}+(?:{gap})(?!\w)){{0,3}}{H}*\Z", FLAGS
        )
        self.changes = lexicon.changes
        self.complements = lexicon.subject_complements
        own = carriers["self"]
        # "по ставке от 2 до 5 процентов": the noun itself, then only gap words
        self._self_noun = (
            regex.compile(rf"{word_start(own)}(?P<noun>{alternation(own)})(?!\w)(?:{H}+(?:{gap})(?!\w))*{H}*\Z", FLAGS)
            if own
            else None
        )
        self.circumstances = lexicon.subject_circumstances
        # "доллар продают за 451,01 тенге": the verb of a rate, then "по" or "за" right before the amount
        rates = carriers["rate"]
        self._rate_verb = (
            regex.compile(
                rf"{word_start(rates)}(?:{alternation(rates)})(?!\w)(?:{H}+[^\W\d_][\w-]*){{0,4}}?{H}+(?:по|за){H}*\Z", FLAGS
            )
            if rates
            else None
        )
        self._rate_noun = carriers["rate_noun"][0] if carriers["rate_noun"] else None
        # "Курс евро к тенге": the rate noun in any case and the currency after it, which a bare "курс" refers to
        self._rate_named = (
            regex.compile(rf"(?<![\w-]){regex.escape(self._rate_noun)}\w{{0,3}}{H}+(?P<currency>[^\W\d_]+)", FLAGS)
            if self._rate_noun
            else None
        )

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        mentions: Sequence[Mention] = sorted(found["mentions"], key=lambda m: m.start)
        subjects: dict[int, Subject] = {}
        last_of_sentence: dict[int, Subject] = {}  # the subject of each sentence's last number
        stops = [m.stop for m in mentions]
        previous: Mention | None = None  # the last value before this one (a bare number, a year, is none)
        population: tuple[int, Subject] | None = None  # the last people the text counted, and where: "сверхбогатые люди"
        for index, mention in enumerate(mentions):
            sentence = doc.sentence_of(mention.start)
            people = population[1] if population and sentence - population[0] <= POPULATION_SENTENCES else None
            subject = (
                self._rate(doc, mention)
                or self._named_after(doc, mention)
                or self._self_noun_before(doc, mention)
                or self._after(doc, mention, people)
                or self._carrier_before(doc, mention)
                or self._with_measure(doc, mention)
                or self._object(doc, mention)
                or self._bare_carrier(doc, mention)
                or self._exceeded(doc, mention)
                or self._change(doc, mention)
                or self._coordinated(doc, mention, previous, subjects)
                or self._change_of_value(doc, mention, previous, subjects)
                or self._verb(doc, mention, last_of_sentence, previous)
                or self._bracketed(doc, mention, mentions, index, stops, subjects)
                or self._continued(doc, mention, last_of_sentence)
                or self._share_of(doc, mention)
                or self._nominal(doc, mention)
                or self._carried_nominal(doc, mention)
                or self._listed(doc, mention)
            )
            if subject is not None:
                subject = self._rate_of_section(doc, mention, subject)
                subjects[mention.start] = subject
                last_of_sentence[sentence] = subject
                if mention.counted is not None and _is_population(subject):
                    population = (sentence, subject)
            if _typed(mention):
                previous = mention
        syntax: DocumentSyntax | None = found.get("syntax")
        if syntax is not None:
            subjects.update(self._parsed(doc, syntax, [m for m in mentions if m.start not in subjects]))
        return {"subjects": subjects}

    def _parsed(self, doc: Document, syntax: DocumentSyntax, mentions: list[Mention]) -> dict[int, Subject]:
        """The subjects the parse gives the amounts, percentages and measures the rules left without one
        (a count is the rules' ground: the counted noun is in its span), their sentences parsed in one
        batch."""
        asked = [m for m in mentions if (m.currency or m.percent or m.unit) and m.counted is None]
        parses_at = syntax.at([m.start for m in asked]) if asked else {}
        out = {}
        for mention in asked:
            parse = parses_at.get(mention.start)
            phrase = number_subject(doc, parse, mention.start, mention.stop, self._relation_words) if parse else None
            head = parse.tokens[phrase.head].text if parse and phrase else None
            if phrase is not None and head is not None and phrase.nominative:
                out[mention.start] = Subject(phrase.nominative, _word_lemma(head), "syntax")
        return out

    @cached_property
    def _relation_words(self) -> RelationWords:
        return RelationWords.of(self.lexicon)

    # --- the rules

    def _after(self, doc: Document, mention: Mention, people: Subject | None = None) -> Subject | None:
        """ "178 млрд тенге инвестиций", "540 тыс. тонн свеклы"; a count: what it counts. A count of
        "человек" is of whom its verb's subject names, else of the `people` the text has just counted
        ("Численность сверхбогатых людей достигла 626,6 тысячи человек. … Следом идет Китай: 98,6
        тысячи человек")."""
        if mention.counted is not None:
            words = _words(doc, mention.stop, mention.counted.stop + 120)
            if len(words) > 1 and _readings(words[0])[0].normal_form in DETERMINERS:
                words = words[1:]  # "два этих банка": the demonstrative is no part of what is counted
            end = _count_end(words, mention.counted.stop)
            if mention.counted.via_counter:  # "853 единицы техники": what is counted is the genitive after "единицы"
                words = words[1:end]
                return self._subject(_nominative(doc, words, case="gent"), words, "after")
            if _head_lemma(words[:end]) in GENERIC_COUNTED:  # "достигнув 626,6 тысячи человек": who they are
                subject = self._verb(doc, mention, {})
                if subject is not None and subject.head in PRONOUNS:
                    subject = None
                if people is not None and (subject is None or not _animate(subject.head)) and self._of_them(doc, mention):
                    return Subject(people.phrase, people.head, "population")  # not "чей собственный капитал"
                if subject is not None:
                    return subject
            phrase = _nominative(doc, words[:end], plural=True)
            return (
                self._subject(phrase, words[:end], "after")
                or _substantive_plural(words[:end], mention.counted.subject)
                or _plural_of(mention.counted.subject)
            )
        if mention.percent:
            return None  # "5% акций": a share of the genitive, taken only when nothing else gives one (_share_of)
        words = _words(doc, mention.stop, mention.stop + 120)
        if not words or (words[0].group()[0].isupper() and not _is_abbreviation(words[0])):
            return None  # a name or a new sentence, not what is measured
        start = 1 if "Apro" in _readings(words[0])[0].tag else 0  # "59 тысяч долларов моих денежных средств"
        end = _genitive_end(words, start)
        measured = mention.unit and end > start and _is_abbreviation(words[start])  # "414 тонн ГСМ"
        if not measured and not any(_case_readings(w, ("gent",)) for w in words[start:end]):
            return None  # "доставка 2 тонн гуманитарной помощи" has one, "5 млн тенге ветеранам" none
        subject = self._subject(_nominative(doc, words[start:end], case="gent"), words[start:end], "after")
        return self._with_complement(doc, subject, words[end - 1], words[end - 1].end() + REACH)

    @staticmethod
    def _of_them(doc: Document, mention: Mention) -> bool:
        """A count set beside a name as its figure ("Следом идет Китай: 98,6 тысячи человек", "Германия
        (29 тысяч человек)") or in a clause about "them" ("их станет больше … до 802,9 тысячи человек"):
        a count that goes on counting the people before it, not a new group ("приняли участие 300 человек")."""
        between, mark = _clause_before(doc, mention.start)
        # "Европе: 165,4 тысячи и | 155,2 тысячи человек": numbers and words of no verb after the mark
        listed = mark in (":", "(") and len(between) <= LISTED_TOKENS
        if listed and not any(t.group()[0].isalpha() and _readings(t)[0].tag.POS in VERB_LIKE for t in between):
            return True
        return any(t.group().lower() in THEM for t in between)

    def _rate(self, doc: Document, mention: Mention) -> Subject | None:
        """ "Американский доллар продают за 451,01 тенге", "1 евро - 481,05 тенге": the rate of the
        currency sold or bought, or of one unit of it -> "курс доллара", "курс евро"."""
        if mention.percent or mention.unit or mention.counted or self._rate_noun is None:
            return None  # an amount, or a bare number an amount in the currency of the sentence ("по 4,83")
        begin = max(doc.sentence_start(mention.start), mention.start - 100)
        base = RATE_BASE.search(doc.norm, begin, mention.start)
        if base is not None:
            words = [base.group("currency")]
        elif self._rate_verb is not None and (verb := self._rate_verb.search(doc.norm, begin, mention.start)):
            words = [t.group() for t in TOKEN.finditer(doc.norm, begin, verb.start()) if t.group()[0].isalpha()]
            words = words[::-1][:RATE_WORDS]
        else:
            return None
        own = mention.code or lookup(self.lexicon.currencies, mention.currency)
        return next((s for word in words if (s := self._rate_subject(word, own)) is not None), None)

    def _rate_subject(self, word: str, own: str | None) -> Subject | None:
        """ "доллар" -> "курс доллара": a currency other than the amount's own, as the rate noun's genitive."""
        code = lookup(self.lexicon.currencies, word)
        if code is None or code == own or self._rate_noun is None:
            return None
        noun = next((p for p in parses(word.lower()) if p.tag.POS == "NOUN"), None)
        genitive = inflected(noun, frozenset({"gent", "sing"})) if noun is not None else None
        return Subject(f"{self._rate_noun} {yo(genitive.word)}", _word_lemma(self._rate_noun), "rate") if genitive else None

    def _rate_of_section(self, doc: Document, mention: Mention, subject: Subject) -> Subject:
        """ "Курс евро к тенге 12 апреля … В обменниках Алматы курс на продажу - 484,01 тенге": a bare
        rate takes the currency of the last "курс <currency>" before it."""
        if self._rate_named is None or subject.phrase != self._rate_noun:
            return subject
        own = mention.code or lookup(self.lexicon.currencies, mention.currency)
        window = self._rate_named.finditer(doc.norm, max(0, mention.start - RATE_SECTION), mention.start)
        named = [s for m in window if (s := self._rate_subject(m.group("currency"), own)) is not None]
        return named[-1] if named else subject

    def _self_noun_before(self, doc: Document, mention: Mention) -> Subject | None:
        """ "по ставке от 2 до 5 процентов", "по цене 500 тенге": a rate or price noun right before the
        number is what it is the value of."""
        if self._self_noun is None or mention.counted is not None:
            return None
        begin = max(doc.sentence_start(mention.start), mention.start - 60)
        found = self._self_noun.search(doc.norm, begin, mention.start)
        if found is None:
            return None
        words = _words(doc, found.start("noun"), found.end("noun"))
        # in the number the text gives it: "по ставке" -> "ставка", "штрафы в размере" -> "штрафы"
        return (
            self._subject(_nominative(doc, words, case=None) or _word_lemma(found.group("noun")), words, "self")
            if words
            else None
        )

    def _nominal(self, doc: Document, mention: Mention) -> Subject | None:
        """ "Ветер северо-западный 9-14 метров в секунду", "при грозе порывы 15-20 м/с": a measure after
        the nominative noun of its own clause piece, with no verb between, is that noun's; so is an amount
        ("Ущерб в этом деле более 40 тысяч долларов")."""
        if not (mention.unit or mention.currency):
            return None
        begin = max(doc.sentence_start(mention.start), mention.start - REACH)
        tokens = list(TOKEN.finditer(doc.norm, begin, mention.start))
        cut = max((i + 1 for i, t in enumerate(tokens) if t.group() in CLAUSE_MARKS or t.group()[0].isdigit()), default=0)
        pieces = _split_at_commas(tokens[cut:])
        piece = pieces[-1] if pieces and tokens and tokens[-1].group()[0].isalpha() else []
        if len(pieces) > 1 and piece and all(_readings(w)[0].tag.POS == "ADJF" for w in piece):
            piece = pieces[-2] + piece  # "Ветер юго-западный, западный 9-14 м/с": adjectives listed after their noun
        if not piece or any(_readings(w)[0].tag.POS in VERB_LIKE for w in piece):
            return None
        head = _subject_head(piece, False)
        if head is not None and not _likely_nominative(piece[head]):
            head = _last_nominative(piece)  # "на севере, востоке области порывы 15-20 м/с": "области" is a genitive
        if head is None or _proper(piece[head]) or len(piece[head].group()) < 3:
            return None
        if head == 0 and cut > 0 and tokens[cut - 1].group()[0].isdigit() and tokens[cut].start() == piece[0].start():
            return None  # "на 21 метр 36 сантиметров": the unit of the number before, no subject
        start, stop = _modifiers_start(piece, head), _genitive_end(piece, head + 1)
        first = start - 1 if start > 0 and _readings(piece[start - 1])[0].tag.POS == "ADJF" else start
        if _phrase_case(piece, first, head) != "nomn" or not _case_readings(piece[head], ("nomn",)):
            return None  # "всю жизнь 37 кг весить": an object, not what the clause is about
        words = piece[start:stop]
        if any(_proper(w) or "actv" in _readings(w)[0].tag for w in words):
            return None  # "Бегунья Юлия Зарипова … 3000 метров", "Получивший пояс и награду в 10 тысяч": a person's
        subject = self._subject(_nominative(doc, words, case="nomn"), words, "nominal")
        if subject is not None and subject.head in self.empty:  # "наличие депозитного счета … 1,8 миллиона тенге"
            return self._unwrap(doc, subject, piece, head, stop)
        return subject

    def _carried_nominal(self, doc: Document, mention: Mention) -> Subject | None:
        """ "Ветер северный ночью 5-10, днем 12-17 м/с", "порывы 15-20, днем временами 25 м/с": a measure
        whose own piece names no noun is of the nominative noun of the nearest piece before it in its
        clause, across the values between them (the same measure, its unit left out), never across a
        verb."""
        if not mention.unit:
            return None
        tokens, _ = _clause_before(doc, mention.start)
        if any(t.group() in DASHES and _clause_dash(tokens, i) for i, t in enumerate(tokens)):
            return None  # "Изменение за сутки – минус 20 см": a dash states what the value is of, or nothing
        pieces = _split_at_commas(tokens)
        if not pieces or not all(_adverbial(w) for w in pieces[-1]):
            return None  # the value's own piece says what it is, or something else than when and where
        for piece in pieces[-2::-1]:
            if any(_readings(w)[0].tag.POS in VERB_LIKE for w in piece):
                return None
            head = _last_nominative(piece)
            if head is None:
                continue
            if _proper(piece[head]) or len(piece[head].group()) < 3 or _word_lemma(piece[head].group()) in self.empty:
                return None
            start, stop = _modifiers_start(piece, head), _genitive_end(piece, head + 1)
            words = piece[start:stop]
            return self._subject(_nominative(doc, words, case="nomn"), words, "nominal")
        return None

    def _listed(self, doc: Document, mention: Mention) -> Subject | None:
        """ "предусмотрены следующие средства: в 2024 году – 2 022,6 млрд тенге; в 2025 году – …", "Выпуск
        еврооблигаций …: Объем – 500 млн долларов": an item of a list after a colon whose own words before
        its dash say only when or where, or name an empty carrier, is a value of what the list is about,
        the noun phrase before the colon (not after a verb of speech: "сказал: …")."""
        if mention.counted is not None or not _typed(mention):
            return None  # "3 случая коклюша, а в 2023-м - 393": a count's noun is its own
        tokens, mark = _clause_before(doc, mention.start)
        if mark not in (":", ";") or not tokens or tokens[-1].group() not in DASHES:
            return None
        words = [t for t in tokens[:-1] if t.group()[0].isalpha()]
        own = _subject_head(words, False) if words else None
        if own is not None and _word_lemma(words[own].group()) not in self.empty:
            return None  # "ставка купона – 12 процентов": the item says what it is
        start = tokens[0].start() if tokens else mention.start
        colon = doc.norm.rfind(":", max(doc.sentence_start(mention.start), start - LIST_REACH), start)
        if colon < 0 or any(_readings(w)[0].tag.POS in VERB_LIKE for w in WORD.finditer(doc.norm, colon, start)):
            return None  # the items of a list hold no verb
        before = WORD_BEFORE.search(doc.norm, max(0, colon - 40), colon)
        if before is None or parses(before.group("word").lower())[0].tag.POS in VERB_LIKE:
            return None
        return self._phrase_before(doc, colon, "listed")

    def _share_of(self, doc: Document, mention: Mention) -> Subject | None:
        """ "если более 20 % их доходов будет поступать из-за рубежа": a per cent that nothing else gives
        a subject is a share of the genitive after it (after "Это 70 процентов ВВП" continues a sentence,
        the debt is the subject, ВВП the base)."""
        if not mention.percent:
            return None
        words = _words(doc, mention.stop, mention.stop + 120)
        possessive = words and (words[0].group().lower() in POSSESSIVES or _readings(words[0])[0].normal_form in POSSESSIVES)
        start = 1 if possessive else 0  # "их доходов"
        end = _genitive_end(words, start)
        if end == start or not _case_readings(words[start], ("gent",)) or _proper(words[start]):
            return None
        subject = self._subject(_nominative(doc, words[start:end], case="gent"), words[start:end], "share")
        return self._with_complement(doc, subject, words[end - 1], words[end - 1].end() + REACH)

    def _carrier_before(self, doc: Document, mention: Mention) -> Subject | None:
        """ "ущерб на сумму 5 млн тенге", "штрафы в размере", "авто стоимостью", "займ под 150 процентов"."""
        begin = max(doc.sentence_start(mention.start), mention.start - REACH)
        carrier = self._carrier.search(doc.norm, begin, mention.start)
        if carrier is None:
            return None
        before = WORD_BEFORE.search(doc.norm, begin, carrier.start())
        reading = parses(before.group("word").lower())[0] if before is not None else None
        if before is not None and reading is not None and reading.tag.POS == "PRTS":
            # "уровень МРОТ установлен в сумме 2,3 тыс. руб": the subject of the passive, which agrees with it
            agree = frozenset(g for g in (reading.tag.number, reading.tag.gender) if g)
            return self._phrase_before(doc, before.start(), "carrier", agree=agree)
        if reading is not None and reading.tag.POS in VERB_LIKE:
            return None  # "завладели суммой в 110 тысяч": the verb's object, no measure of a noun
        subject = self._phrase_before(doc, carrier.start(), "carrier", nearest=True)
        return None if subject is not None and subject.phrase in PRONOUNS else subject  # "он ... на сумму": no one

    def _bare_carrier(self, doc: Document, mention: Mention) -> Subject | None:
        """ "при получении взятки в 2 млн тенге" -> "взятка", "установленного лимита в 32 процента",
        "мошенничестве на 30 млн тенге": the noun right before "в" and an amount or a per cent (or "на" and
        an amount), whatever governs it, with its adjectives; nothing after an adverb or a verb ("примерно
        в", "оценили в": the object rule's)."""
        if not (mention.currency or mention.percent):
            return None
        begin = max(doc.sentence_start(mention.start), mention.start - REACH)
        kinds = ("amount", "money") if mention.currency else ("amount",)
        patterns = [self._bare_carriers[k] for k in kinds if k in self._bare_carriers]
        carrier = next((c for p in patterns if (c := p.search(doc.norm, begin, mention.start))), None)
        if carrier is None:
            return None
        pieces = _split_at_commas(_clause_before(doc, carrier.start())[0])
        piece = pieces[-1] if pieces else []
        if not piece or doc.norm[piece[-1].end() : carrier.start()].strip():
            return None  # the carrier is not right after a word of the clause
        noun = _readings(piece[-1])[0]
        unknown_name = piece[-1].group()[:1].isupper() and not noun.is_known  # "оштрафовал Чисора на"
        if (
            noun.tag.POS != "NOUN"
            or _proper(piece[-1])
            or unknown_name
            or noun.normal_form in self.empty
            or noun.tag.case == "datv"
        ):
            return None  # "суммой в", "обойдется бюджету в": an empty carrier alone, or who pays
        if piece[-1].group().lower() in self._gap_words or self.changes.key_of(piece[-1].group()) is not None:
            return None  # "превышать отметку в 40 тысяч": a gap word of the verb before; "рост на": a change alone
        head = len(piece) - 1
        start = _modifiers_start(piece, head)
        # any case the adjectives agree in with the noun, in pymorphy3's order ("при установленном лимите")
        cases = tuple(p.tag.case for p in _readings(piece[head]))
        case = _phrase_case(piece, start, head, cases, fallback=noun.tag.case)
        return self._subject(_nominative(doc, piece[start:], case=case), piece[start:], "carrier")

    def _object(self, doc: Document, mention: Mention) -> Subject | None:
        """ "оценивает предполагаемый ущерб от наводнения в 21 миллиард рублей" -> "предполагаемый ущерб
        от наводнения", "сократили свой спрос на газ почти на 20 процентов" -> "спрос на газ"."""
        begin = max(doc.sentence_start(mention.start), mention.start - 100)
        found = next((f for p in self._object_patterns if (f := p.search(doc.norm, begin, mention.start))), None)
        if found is None:
            return None
        segment = _words(doc, found.start("phrase"), found.end("phrase"))
        head = _subject_head(segment, nearest=False) if segment else None
        if head is None:
            return None
        start, stop = _modifiers_start(segment, head), _genitive_end(segment, head + 1)
        words = segment[start:stop]
        subject = self._subject(_nominative(doc, words, case=_phrase_case(segment, start, head)), words, "object")
        return self._with_complement(doc, subject, words[-1], found.end("phrase"))

    def _exceeded(self, doc: Document, mention: Mention) -> Subject | None:
        """ "Уровень воды превысил критическую отметку на 15 сантиметров" -> "уровень воды": what exceeds
        the reference point by the number; a person or company exceeding a plan is no measure of itself."""
        if self._exceed is None:
            return None
        begin = max(doc.sentence_start(mention.start), mention.start - 100)
        found = self._exceed.search(doc.norm, begin, mention.start)
        if found is None:
            return None
        subject = self._phrase_before(doc, found.start(), "verb")
        return None if subject is None or _animate(subject.head) else subject

    def _with_measure(self, doc: Document, mention: Mention) -> Subject | None:
        """ "с состоянием в 5,8 миллиарда долларов", "с бюджетом 2 млрд": the noun the number measures
        stands in the instrumental after "с"."""
        begin = max(doc.sentence_start(mention.start), mention.start - 80)
        found = self._instrumental.search(doc.norm, begin, mention.start)
        if found is None:
            return None
        words = _words(doc, found.start("phrase"), found.end("phrase"))
        if not words or _readings(words[-1])[0].tag.POS != "NOUN" or not _case_readings(words[-1], ("ablt",)):
            return None  # "с ограниченными возможностями и 5472": "и" is no noun
        return self._subject(_nominative(doc, words, case="ablt"), words, "with_measure")

    def _named_after(self, doc: Document, mention: Mention) -> Subject | None:
        """ "из них 19 - люди с ограниченными возможностями и 5472 - дети": a bare number, a dash, and
        the nominative noun phrase it counts."""
        if _typed(mention):
            return None
        dash = DASH_AFTER.match(doc.norm, mention.stop)
        if dash is None:
            return None
        words = _words(doc, dash.end(), dash.end() + 80)
        head = _subject_head(words, False) if words else None
        if head is None or _modifiers_start(words, head) != 0 or _proper(words[head]):
            return None  # a common noun phrase opens right after the dash: not "6 — КПРФ", "5 — Топалов"
        if not all(any(p.tag.case == "nomn" for p in _readings(w)) for w in words[: head + 1]):
            return None  # "6 – районного значения": no nominative
        stop = _genitive_end(words, head + 1)
        return self._subject(_nominative(doc, words[:stop], case="nomn"), words[:stop], "after")

    def _coordinated(
        self, doc: Document, mention: Mention, previous: Mention | None, subjects: dict[int, Subject]
    ) -> Subject | None:
        """ "курс доллара на продажу - 449,73 тенге, на покупку - 448,07 тенге", "1 миллиона тенге и
        дополнительно 500 тысяч тенге", "с 45 процентов в 2021 году до 24 процентов": a number joined to
        the one before by a comma or "и", or the next of a series, shares its subject."""
        if previous is None:
            return None
        earlier = subjects.get(previous.start)
        if earlier is not None and RESTATED.fullmatch(doc.norm, _end(previous), mention.start):
            return Subject(earlier.phrase, earlier.head, "coordinated")  # "7,1 трлн тенге, или 28,4 процента": the same, restated
        bare = not _typed(mention)  # "покупку - 481,32"
        same_kind = bare or bool(previous.currency) == bool(mention.currency) and bool(previous.percent) == bool(mention.percent)
        if earlier is None or not same_kind or doc.sentence_of(previous.start) != doc.sentence_of(mention.start):
            return None
        between = COORDINATION.fullmatch(doc.norm, previous.stop, mention.start)
        if between is not None and (between.group("tie") or "")[:1] != "(" and between.group("second").strip():
            # "116 949 человек, из них дети - 40 781", "ветер … 15-20 м/с, днем порывы 15-20 м/с": a noun of
            # its own before the value says what it is
            second = _words(doc, between.start("second"), between.end("second"))
            governed = _governed(second)
            if any(i not in governed and _case_readings(w, ("nomn",)) for i, w in enumerate(second)):
                return None
        if between is not None or SERIES.fullmatch(doc.norm, previous.stop, mention.start):
            return Subject(earlier.phrase, earlier.head, "coordinated")
        return None

    def _change_of_value(
        self, doc: Document, mention: Mention, previous: Mention | None, subjects: dict[int, Subject]
    ) -> Subject | None:
        """ "253,1 тысячи человек - на 7,2 процента больше": a per cent right after a value, behind a
        dash, is that value's change."""
        earlier = subjects.get(previous.start) if previous is not None and mention.percent else None
        if earlier is None or previous is None:
            return None
        if not DASH_BY.fullmatch(doc.norm, _end(previous), mention.start):
            return None
        return Subject(earlier.phrase, earlier.head, "change")

    def _change(self, doc: Document, mention: Mention) -> Subject | None:
        """ "рост инвестиций на 5%": the genitive after a change noun right before a percentage;
        "повышение размера выплаты до 2 млн тенге", "снижение уровня воды до 400 сантиметров": before
        an amount or a measure, with "до" or "на" (and no verb) between them."""
        if mention.counted is not None:
            return None  # "рост на 5 случаев": a count counts its own noun
        begin = max(doc.sentence_start(mention.start), mention.start - (60 if mention.percent else CHANGE_REACH))
        cues = [c for c in self.changes.finditer(doc.norm, begin, mention.start) if _is_noun(c.group())]
        if not cues:
            return None
        words = _words(doc, cues[-1].end(), mention.start)
        if not words or not any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in _readings(words[0])):
            return None
        end = _genitive_end(words, 0)
        if end == 0:
            return None
        if not mention.percent and not self._change_to(doc, words[end - 1].end(), mention.start):
            return None
        subject = self._subject(_nominative(doc, words[:end], case="gent"), words[:end], "change")
        head = next((i for i, w in enumerate(words[:end]) if _case_readings(w, ("gent",))), None)
        if subject is None or head is None:
            return subject
        return self._unwrap(doc, subject, words, head, end)

    def _change_to(self, doc: Document, start: int, stop: int) -> bool:
        """Between a change's genitive and an amount: a few words that are no verb, then "до" or "на"
        ("выплаты ветеранам до", "помощи семьям на")."""
        found = CHANGE_TO.fullmatch(doc.norm, start, stop)
        if found is None:
            return False
        return not any(_readings(w)[0].tag.POS in VERB_LIKE for w in _words(doc, start, found.start("to")))

    def _verb(
        self, doc: Document, mention: Mention, last_of_sentence: dict[int, Subject], previous: Mention | None = None
    ) -> Subject | None:
        """ "Государственный долг составляет 27 трлн тенге", "ставка вознаграждения – 5 процентов"; a
        state by a per cent: "Торговый центр готов на 40 процентов", "хранилища заполнены на 58 %"."""
        begin = max(doc.sentence_start(mention.start), mention.start - REACH)
        tie = self._tie.search(doc.norm, begin, mention.start)
        agree: frozenset[str] = frozenset()
        if tie is None and mention.percent:
            tie = SHORT_FORM_BY.search(doc.norm, begin, mention.start)
            short = parses(tie.group("word").lower())[0] if tie is not None else None
            if short is None or short.tag.POS not in ("PRTS", "ADJS"):
                return None
            agree = frozenset(g for g in (short.tag.number, short.tag.gender) if g)  # "готов": masc, sing
        if tie is None:
            return None
        colon = tie.re is self._tie and tie.group("dash") == ":"
        if previous is not None and colon and not doc.norm[_end(previous) : tie.start()].strip():
            return None  # "на восьми трассах: 2 – областного, 6 – районного значения": parts of that count
        verb = tie.group("verb") if tie.re is self._tie else None
        readings = parses(verb.lower()) if verb else ()
        participle = [p for p in readings if p.tag.POS == "PRTF"]
        if participle and len(participle) == len(readings):  # "в магазине, расположенном в 500 метрах"
            return self._modified(doc, tie.start(), participle)
        subject = self._phrase_before(doc, tie.start(), "verb", agree=agree)
        if subject is not None and subject.phrase in PRONOUNS:  # "он поднялся на 2 сантиметра"
            return self._previous(doc, mention, last_of_sentence, "continued")
        return subject

    def _modified(self, doc: Document, end: int, participle: list) -> Subject | None:
        """ "в магазине, расположенном в 500 метрах", "ущерба, составившего 5 млн тенге": a participle's
        number is of the noun it agrees with, the nearest before it."""
        pieces = _split_at_commas(_clause_before(doc, end)[0])
        words = pieces[-1] if pieces else []
        for i in range(len(words) - 1, max(-1, len(words) - 1 - PARTICIPLE_WORDS), -1):
            agreeing = [
                r for r in _case_readings(words[i], (participle[0].tag.case,)) if any(agrees(p, (r,)) for p in participle)
            ]
            if agreeing and not _proper(words[i]):
                start, stop = _modifiers_start(words, i), _genitive_end(words, i + 1)
                phrase = _nominative(doc, words[start:stop], case=agreeing[0].tag.case)
                return self._with_complement(doc, self._subject(phrase, words[start:stop], "verb"), words[stop - 1], end)
        return None

    def _bracketed(
        self,
        doc: Document,
        mention: Mention,
        before: Sequence[Mention],
        index: int,
        stops: list[int],
        subjects: dict[int, Subject],
    ) -> Subject | None:
        """ "21 миллиард рублей (более 100 миллиардов тенге)", "инвестиций (рост – 29,5%)": among the
        numbers before this one (before[:index])."""
        i = bisect_right(stops, mention.start, hi=index) - 1
        while i >= 0 and mention.start - before[i].stop < 60:
            between = doc.norm[before[i].stop : mention.start]
            earlier = subjects.get(before[i].start)
            # what a count counts is not what an amount in brackets after it is: "45 МРП (166 140 тенге)"
            if earlier is not None and before[i].counted is None and "(" in between and ")" not in between:
                return Subject(earlier.phrase, earlier.head, "bracketed")
            i -= 1
        return None

    def _continued(self, doc: Document, mention: Mention, last_of_sentence: dict[int, Subject]) -> Subject | None:
        """ "Это 70 процентов ВВП" after a sentence about the debt: the sentence continues the one before."""
        start = doc.sentence_start(mention.start)
        opening = _words(doc, start, mention.start)
        if not opening or opening[0].group().lower() not in OPENERS or len(opening) > 3:
            return None
        return self._previous(doc, mention, last_of_sentence, "continued")

    @staticmethod
    def _previous(doc: Document, mention: Mention, last_of_sentence: dict[int, Subject], rule: str) -> Subject | None:
        earlier = last_of_sentence.get(doc.sentence_of(mention.start) - 1)
        return Subject(earlier.phrase, earlier.head, rule) if earlier else None

    # --- noun phrases

    def _phrase_before(
        self, doc: Document, end: int, rule: str, nearest: bool = False, agree: frozenset[str] = frozenset()
    ) -> Subject | None:
        """The subject noun phrase before `end` in its clause: a noun in the nominative (or accusative)
        outside a prepositional phrase and outside quotes, its adjectives and its genitives. Before a
        verb the subject opens the clause ("Стоимость билетов на поезда сообщением Уральск — Кызылорда
        составляет"); before a carrier it is the nearest ("социальная помощь в размере"). `agree`: the
        grammemes the head must have in the nominative (the number and gender of a short form "готов").
        A pronoun stands for the noun before it in the sentence that agrees with it ("стоимость
        авиабилетов – она не будет превышать"), else for itself."""
        tokens = _clause_before(doc, end)[0]
        # a short form's agreement makes any piece of the clause safe to search
        segments = _split_at_commas(tokens)[-SEGMENTS_BACK:] if not agree else _split_at_commas(tokens)
        for index in range(len(segments) - 1, -1, -1):
            segment = segments[index]
            head = _subject_head(segment, nearest, agree)
            if head is None:
                continue
            pronoun = PRONOUN_AGREEMENT.get(segment[head].group().lower())
            if pronoun is not None and not agree:
                earlier = [segment[:head], *segments[:index][::-1]]
                found = next(((s, h) for s in earlier if s and (h := _subject_head(s, False, pronoun)) is not None), None)
                if found is None:  # "он поднялся на 2 сантиметра": the caller looks in the sentence before
                    return Subject(segment[head].group().lower(), segment[head].group().lower(), rule)
                segment, head = found
            start = _modifiers_start(segment, head)
            stop = _genitive_end(segment, head + 1)
            words = segment[start:stop]
            case = _phrase_case(segment, start, head)
            counted = COUNT_BEFORE.search(doc.norm, max(0, segment[start].start() - 20), segment[start].start())
            # "23 проекта на общую сумму": what a count counts, in the plural
            phrase = _nominative(doc, words, case=case, plural=counted is not None and case == "gent")
            subject = self._subject(phrase, words, rule)
            if subject is None:
                return None
            # "доля импорта российского газа | в Европу": the complement of what the carrier led to
            return self._with_complement(doc, self._unwrap(doc, subject, segment, head, stop), words[-1], end)
        return None

    def _unwrap(self, doc: Document, subject: Subject, segment: list[regex.Match], head: int, stop: int) -> Subject | None:
        """ "минимальная сумма накоплений" -> "накопления": an empty carrier or a change noun ("рост")
        leads to its genitive; a change noun with none says nothing of what changed."""
        change = self.changes.key_of(segment[head].group()) is not None
        if subject.head not in self.empty and not change:
            return subject
        if head + 1 >= stop:
            return None  # "Сумма, внесенная за обучение, составляет …": a carrier alone says nothing
        words = segment[head + 1 : stop]
        inner = self._subject(_nominative(doc, words, case="gent"), words, subject.rule)
        return inner or (None if change else subject)

    def _with_complement(self, doc: Document, subject: Subject | None, last: regex.Match, limit: int) -> Subject | None:
        """The subject with the prepositional complement its head governs (data/subject_complements.tsv):
        "цены | на газ", "ставка вознаграждения | по займу"; written as the text has it, before `limit`."""
        prepositions = self.complements.get(subject.head) if subject is not None else None
        found = PREPOSITION_AFTER.match(doc.norm, last.end(), limit) if prepositions else None
        if subject is None or found is None or prepositions is None or found.group("word").lower() not in prepositions:
            return subject
        words = _words(doc, found.end(), limit)
        noun = next((i for i, w in enumerate(words) if _readings(w)[0].tag.POS not in ("ADJF", "PRTF")), None)
        if noun is None or not (_is_noun_form(words[noun]) or _is_abbreviation(words[noun])):
            return subject  # "по займу": "займу" is a verb form too
        if _word_lemma(words[noun].group()) in self.circumstances:
            return subject  # "расход воды | на данный момент": when, not what
        stop = min(_genitive_end(words, noun + 1), noun + 1 + COMPLEMENT_GENITIVES)
        if len(subject.phrase.split()) + 1 + stop > SUBJECT_WORDS:
            return subject  # a subject is a few words
        written = doc.original[found.start("word") : words[stop - 1].end()]
        return Subject(f"{subject.phrase} {written}", subject.head, subject.rule)

    @staticmethod
    def _subject(phrase: str | None, words: Sequence[regex.Match], rule: str) -> Subject | None:
        if not phrase:
            return None
        head = _head_lemma(words)
        phrase = _balanced_quotes(yo(_lower_first(phrase, words[0])))
        return Subject(phrase, head, rule) if head and phrase else None


# --- helpers over tokens


def _words(doc: Document, start: int, stop: int) -> list[regex.Match]:
    """The words from `start` on, up to a punctuation mark or a number (at most AFTER_WORDS + 6)."""
    out = []
    for token in TOKEN.finditer(doc.norm, start, min(stop, len(doc.norm))):
        if not token.group()[0].isalpha() and token.group() != '"':
            break
        if token.group() != '"':
            out.append(token)
        if len(out) >= AFTER_WORDS + 6:
            break
    return out


def _clause_before(doc: Document, end: int) -> tuple[list[regex.Match], str]:
    """The tokens before `end` back to the last clause mark (within REACH characters, not before the
    sentence), and that mark ("" when none)."""
    sentence_start = doc.sentence_start(end)
    tokens = _tokens_from(doc, sentence_start, max(sentence_start, end - REACH), end)
    cut = max((i + 1 for i, t in enumerate(tokens) if t.group() in CLAUSE_MARKS), default=0)
    if not cut and end - REACH > sentence_start:
        # the window starts inside the clause, maybe inside its subject ("в первом квартале 2024 года | объем
        # транспортировки … составил"): the clause from its start, when that is near enough
        tokens = _tokens_from(doc, sentence_start, max(sentence_start, end - CLAUSE_REACH), end)
        cut = max((i + 1 for i, t in enumerate(tokens) if t.group() in CLAUSE_MARKS), default=0)
    return tokens[cut:], tokens[cut - 1].group() if cut else ""


def _tokens_from(doc: Document, sentence_start: int, start: int, end: int) -> list[regex.Match]:
    """The tokens of [start, end), less a word the window cuts at its start ("бытие" of "событие")."""
    return whole_words(list(TOKEN.finditer(doc.norm, start, end)), doc.norm, start, sentence_start)


def _split_at_commas(tokens: list[regex.Match]) -> list[list[regex.Match]]:
    """The words of a clause in pieces between commas and dashes ("реки не опасны - заполненность
    водохранилища составляет"); a word inside quotes is left out of them ("стоимость билетов "Эйр
    Астаны"": a name in quotes is never the head), not one after a quote that does not close before
    the number: that quote opens speech ("Линия ЛРТ протяженностью …)."""
    quotes = [i for i, t in enumerate(tokens) if t.group() == '"']
    last_pair_end = quotes[len(quotes) // 2 * 2 - 1] if len(quotes) >= 2 else -1
    segments: list[list[regex.Match]] = [[]]
    quoted = False
    for i, token in enumerate(tokens):
        text = token.group()
        if text == '"':
            quoted = not quoted and i < last_pair_end
        elif text == "," or text in DASHES and _clause_dash(tokens, i):
            segments.append([])
        elif text[0].isalpha() and not quoted:
            segments[-1].append(token)
    return [s for s in segments if s]


def _readings(word: regex.Match) -> tuple:
    return parses(word.group().lower())


def _case_readings(word: regex.Match, cases: tuple[str, ...]) -> list:
    return [p for p in _readings(word) if p.tag.POS == "NOUN" and p.tag.case in cases]


def _is_noun_form(word: regex.Match) -> bool:
    return any(p.tag.POS == "NOUN" for p in _readings(word))


def _is_noun(word: str) -> bool:
    return parses(word.lower())[0].tag.POS == "NOUN"


def _proper(word: regex.Match) -> bool:
    """A name, an abbreviation or a word in Latin letters: "КПРФ", "Топалов"."""
    if _is_abbreviation(word) or word.group().isascii():
        return True
    return any(t in p.tag for p in _case_readings(word, ("nomn",)) for t in ("Name", "Surn", "Geox", "Orgn"))


def _is_abbreviation(word: regex.Match) -> bool:
    text = word.group()
    return len(text) > 1 and text.isupper()


def _subject_head(segment: list[regex.Match], nearest: bool, agree: frozenset[str] = frozenset()) -> int | None:
    """The index of the first (`nearest`: the last) noun in the nominative (or accusative) that no
    preposition governs and that is not a genitive of the noun before it; an indeclinable noun or an
    abbreviation only when no other noun will do ("ТРЦ … готов"); never a capitalized place or person."""
    governed = _governed(segment)
    fallback = None
    order = range(len(segment) - 1, -1, -1) if nearest else range(len(segment))
    for i in order:
        word = segment[i]
        last = nearest and i == len(segment) - 1
        if i in governed and not (last and i - 1 in governed and _indeclinable(word) and word.group().islower()):
            continue  # "в кредит авто стоимостью": an indeclinable noun is no genitive of the noun before a carrier
        if word.group().lower() in PRONOUNS and _readings(word)[0].tag.POS == "NPRO":
            if agree:
                continue
            return i
        # the noun right before a measure ("газопровода протяженностью") is what it measures, in any case
        readings = _case_readings(word, NOUN_CASES + ("gent",) if nearest else NOUN_CASES)
        # right before a carrier, a noun that never declines is what it measures: "авто стоимостью"
        if _is_abbreviation(word) or word.group().isascii():
            fallback = i if fallback is None else fallback
            continue
        first = _readings(word)[0].tag.POS
        # "исторический максимум": after an adjective, a word that is also a particle or adverb is the noun
        after_adjective = first in ("PRCL", "ADVB") and i > 0 and _readings(segment[i - 1])[0].tag.POS in ("ADJF", "PRTF")
        if not readings or first in ("PREP", "CONJ", "PRCL", "ADVB", "VERB", "INFN") and not after_adjective:
            continue
        if i > 0 and not nearest and _genitive_of(segment, i):
            continue
        if agree and not any(p.tag.case == "nomn" and agree <= p.tag.grammemes for p in readings):
            continue  # "дату … заполнены": not what the short form agrees with
        capital = word.group()[:1].isupper()
        proper = any("Geox" in p.tag or "Name" in p.tag or "Surn" in p.tag for p in readings)
        if capital and (proper or i > 0 and not readings[0].is_known):
            continue  # a place or a person is never what a number is the value of ("Следом идет Китай: 98,6 тысячи")
        if any("Fixd" in p.tag for p in readings) and not (last and i in governed):
            fallback = i if fallback is None else fallback
            continue
        return i
    return fallback


PLURAL = frozenset({"nomn", "plur"})


def _substantive_plural(words: list[regex.Match], lemma: str) -> Subject | None:
    """ "1000 заключенных" -> "заключенные": a participle or adjective used as a noun, in the plural."""
    if len(words) != 1:
        return None
    reading = next((p for p in _readings(words[0]) if "Subx" in p.tag), None)
    form = inflected(reading, PLURAL) if reading is not None else None
    return Subject(yo(form.word), lemma, "after") if form is not None else None


def _plural_of(lemma: str) -> Subject | None:
    """ "водооткачивающее средство" -> "водооткачивающие средства": a count whose noun is elided after its
    adjectives ("873 водооткачивающих и 308 плавательных средств"), from the lemma the count found."""
    words = lemma.split()
    head = noun_parse(words[-1]) if words else None
    if head is None:
        return None
    forms = [inflected(p, PLURAL) for w in words[:-1] for p in parses(w)[:1]] + [inflected(head, PLURAL)]
    if any(f is None for f in forms):
        return None
    return Subject(yo(" ".join(f.word for f in forms if f is not None)), yo(head.normal_form), "after")


def _adverbial(word: regex.Match) -> bool:
    """A word of a when or where: an adverb ("временами"), a preposition, or a noun or adjective in an
    oblique case ("днем", "на юге области")."""
    first = _readings(word)[0]
    return first.tag.POS in ("ADVB", "PREP", "CONJ") or first.tag.POS in ("NOUN", "ADJF") and first.tag.case not in NOUN_CASES


def _likely_nominative(word: regex.Match) -> bool:
    """Read first in the nominative or the accusative ("ущерб", which it equals), a nominative reading too."""
    return _readings(word)[0].tag.case in NOUN_CASES and bool(_case_readings(word, ("nomn",)))


def _last_nominative(piece: list[regex.Match]) -> int | None:
    """The last noun of a piece that no preposition governs and that reads first as a nominative."""
    governed = _governed(piece)
    return next((i for i in range(len(piece) - 1, -1, -1) if i not in governed and _likely_nominative(piece[i])), None)


def _is_population(subject: Subject) -> bool:
    """Some people, named by more than the generic noun: "сверхбогатые люди", "пожилые люди"; not "люди"
    nor "люди с ограниченными возможностями" (one part of a count, not the group a text goes on counting)."""
    if subject.head not in GENERIC_COUNTED or " " not in subject.phrase:
        return False
    first = parses(subject.phrase.split()[0])[0]
    return first.tag.POS in ("ADJF", "PRTF")


def _animate(lemma: str) -> bool:
    return any(p.tag.POS == "NOUN" and p.tag.animacy == "anim" for p in parses(lemma))


def _indeclinable(word: regex.Match) -> bool:
    return any(p.tag.POS == "NOUN" and "Fixd" in p.tag for p in _readings(word))


def _phrase_case(
    segment: list[regex.Match], start: int, head: int, cases: Sequence[str] = ("nomn", "accs", "gent"), fallback: str = "nomn"
) -> str:
    """The first of `cases` every word of the phrase can be in, its adjectives agreeing with the noun:
    "единовременную помощь" is accusative, "магистрального газопровода (протяженностью)" and
    "устойчивого развития" genitive (not an accusative singular adjective before a plural noun)."""
    for case in cases:
        nouns = tuple(p for p in _readings(segment[head]) if p.tag.case == case)
        if nouns and all(_agrees_in(w, case, nouns) for w in segment[start:head]):
            return case
    return fallback


def _agrees_in(word: regex.Match, case: str, nouns: tuple) -> bool:
    """A word before a noun can be in `case`, and agree with it when it is an adjective."""
    readings = [p for p in _readings(word) if p.tag.case == case]
    adjectives = [p for p in readings if p.tag.POS in ("ADJF", "PRTF")]
    return any(agrees(p, nouns) for p in adjectives) if adjectives else bool(readings)


def _governed(segment: list[regex.Match]) -> set[int]:
    """Indices of the words a preposition governs: the preposition's adjectives and noun."""
    inside: set[int] = set()
    i = 0
    while i < len(segment):
        if _readings(segment[i])[0].tag.POS == "PREP":
            j = i + 1
            while j < len(segment) and _readings(segment[j])[0].tag.POS in ("ADJF", "PRTF", "NUMR"):
                inside.add(j)
                j += 1
            if j < len(segment):
                inside.add(j)
                j = _genitive_end(segment, j + 1)  # "в реке Урал", "по программе …" and their genitives
                inside.update(range(i + 1, j))
            i = j
        else:
            i += 1
    return inside


def _likely_genitive(word: regex.Match) -> bool:
    """A noun reading in the genitive that pymorphy3 does not think unlikely: "вода" has one (a rare
    masculine "вод") that must not make "села Долматово вода" one phrase."""
    return any(p.score >= GENITIVE_SCORE for p in _case_readings(word, ("gent",)))


def _genitive_of(segment: list[regex.Match], i: int) -> bool:
    """ "стоимость проекта", "ставка вознаграждения": a word that can be a genitive right after a noun
    depends on it (though "вознаграждения" could be a nominative plural too); not after a place name
    ("села Долматово | вода": a name governs no genitive)."""
    before = _case_readings(segment[i - 1], NOUN_CASES + ("gent",))
    named = any(t in p.tag for p in before for t in ("Geox", "Name", "Surn"))
    return bool(before) and not named and _likely_genitive(segment[i])


def _modifiers_start(segment: list[regex.Match], head: int) -> int:
    """The adjectives before a head noun: "средневзвешенный курс"; a numeral: "два банка"."""
    start = head
    if head > 0 and _readings(segment[head - 1])[0].tag.POS == "NUMR" and _adjacent(segment[head - 1], segment[head]):
        return head - 1
    while (
        start > 0
        and _readings(segment[start - 1])[0].tag.POS in ("ADJF", "PRTF")
        and "Apro" not in _readings(segment[start - 1])[0].tag
    ):
        start -= 1  # "чей собственный капитал": a pronoun is no part of the subject
    return start


def _genitive_end(words: list[regex.Match], start: int) -> int:
    """The end of a genitive chain from `start`: "проекта", "Сергеевского водохранилища", "реки Урал"."""
    end = start
    i = start
    while i < len(words):
        word = words[i]
        if i > 0 and not _adjacent(words[i - 1], word):
            break  # "ставка – 9 процентов годовых": a number or a dash between ends the phrase
        readings = _readings(word)
        if word.group() == "и" and end == i > start and _coordinated_genitive(words, i + 1):
            i += 1  # "памятников истории | и | культуры": a second genitive joined to the first
            continue
        if readings[0].tag.POS in ("PREP", "CONJ", "PRCL", "VERB", "INFN", "ADVB"):
            break
        if readings[0].tag.POS in ("ADJF", "PRTF") and any(p.tag.case == "gent" for p in readings):
            i += 1
            continue
        if _likely_genitive(word) or _is_abbreviation(word) or word.group()[0].isupper():
            i += 1
            end = i
            continue
        break
    return end


def _coordinated_genitive(words: list[regex.Match], i: int) -> bool:
    """After "и": a lowercase noun read first as a genitive, next to it ("истории и | культуры")."""
    if i >= len(words) or not _adjacent(words[i - 1], words[i]) or not words[i].group()[:1].islower():
        return False
    first = _readings(words[i])[0].tag
    return first.POS == "NOUN" and first.case == "gent"  # not "водитель автобуса и | экс-министр"


def _clause_dash(tokens: list[regex.Match], i: int) -> bool:
    """A dash between two clauses: spaced on both sides, a lowercase word after it. "2023-м" is one
    word, "Уральск — Кызылорда" a route."""
    dash, text = tokens[i], tokens[i].string
    spaced = dash.start() > 0 and text[dash.start() - 1].isspace() and dash.end() < len(text) and text[dash.end()].isspace()
    following = tokens[i + 1].group() if i + 1 < len(tokens) else ""
    return spaced and following[:1].islower()


def _typed(mention: Mention) -> bool:
    """A value with a currency, a per cent sign, a unit or a counted noun: not a bare number (a label's
    number, "статьи 52", is bare here, unlike Mention.untyped)."""
    return bool(mention.currency or mention.percent or mention.unit or mention.counted)


def _end(mention: Mention) -> int:
    """Where a value's words end: after what a count counts ("253,1 тысячи человек")."""
    return mention.counted.stop if mention.counted is not None else mention.stop


def _adjacent(first: regex.Match, second: regex.Match) -> bool:
    """Only spaces, quotes and numbers between two words of the text ("вместимость 98 предприятий")."""
    between = first.string[first.end() : second.start()]
    return not between.strip(' \t"«»“”„0123456789.,\xa0')


def _count_end(words: list[regex.Match], counted_stop: int) -> int:
    """The counted noun phrase and the genitives after it: "случая коклюша", "граждан Казахстана"; not
    its owner: "16 воздушных судов | МЧС", "2 рейса | Qazaq Air", "трех столпов | нашего плана"."""
    end = next((i + 1 for i, w in enumerate(words) if w.end() >= counted_stop), len(words))
    chain = _genitive_end(words, end) if end < len(words) else end
    return next((i for i in range(end, chain) if _owner(words[i]) or _clause_subject(words, i)), chain)


def _clause_subject(words: list[regex.Match], i: int) -> bool:
    """ "С четырьмя детьми Салтанат переехала": a person's name in the nominative (as pymorphy3 reads it
    first, known or guessed) right before a verb is the clause's subject, no genitive of what was
    counted ("детей Ивана" is)."""
    text = words[i].group()
    if not text[:1].isupper() or text.isupper() or i + 1 >= len(words):
        return False
    first = _readings(words[i])[0]
    person = any(t in first.tag for t in ("Name", "Surn", "Patr")) and first.tag.case == "nomn"
    return person and _readings(words[i + 1])[0].tag.POS == "VERB"


def _owner(word: regex.Match) -> bool:
    """An organisation pymorphy3 knows by its abbreviation ("МЧС", "НХЛ"; not "ДТП"), a name in Latin
    letters ("Qazaq Air"), a determiner ("нашего"): whose, not what."""
    text = word.group()
    if text.isascii() and text.isalpha() and text[:1].isupper():
        return True
    if _is_abbreviation(word):
        return any("Orgn" in p.tag and p.is_known for p in _readings(word))
    return _readings(word)[0].normal_form in DETERMINERS


def _nominative(doc: Document, words: Sequence[regex.Match], *, case: str | None = "gent", plural: bool = False) -> str | None:
    """The phrase in the nominative; `plural` for a count ("3 случая коклюша" -> "случаи коклюша")."""
    if not words:
        return None
    if plural:
        return phrase_to_nominative(doc, list(words), None, number="plur")
    phrase = phrase_to_nominative(doc, list(words), case)
    if phrase is None and case == "nomn":
        return " ".join(doc.original[w.start() : w.end()] for w in words)
    return phrase


def _balanced_quotes(phrase: str) -> str:
    """ "рабочие места»" -> "рабочие места": a quote the phrase does not open is not part of it."""
    for opening, closing in (("«", "»"), ("“", "”")):
        if phrase.count(opening) != phrase.count(closing):
            phrase = phrase.replace(opening, "").replace(closing, "")
    if phrase.count('"') % 2:
        phrase = phrase.replace('"', "")
    return phrase.strip()


def _lower_first(phrase: str, first: regex.Match) -> str:
    """ "Государственный долг" at the start of a sentence is "государственный долг"; a name or an
    abbreviation keeps its capital ("ТРЦ", "Нацбанк")."""
    word = first.group()
    if not word[:1].isupper() or _is_abbreviation(first):
        return phrase
    if any(tag in p.tag for p in _readings(first) for tag in ("Name", "Surn", "Geox", "Orgn", "Trad", "Abbr")):
        return phrase
    return phrase[:1].lower() + phrase[1:]


def _word_lemma(word: str) -> str:
    """ "ТРЦ" stays; "инвестиций" -> "инвестиция" (its first noun reading, else its first)."""
    if word.isupper() and len(word) > 1:
        return word
    readings = parses(word.lower())
    noun = next((p for p in readings if p.tag.POS == "NOUN"), readings[0])
    return yo(noun.normal_form)


def _head_lemma(words: Sequence[regex.Match]) -> str | None:
    """The lemma of the first noun ("новых домов" -> "дом": not "новое", which pymorphy3 also reads as
    a noun); an abbreviation stands for itself."""
    for word in words:
        if _is_abbreviation(word):
            return word.group()
        if _readings(word)[0].tag.POS == "NOUN":
            return yo(_readings(word)[0].normal_form)
    noun = next((p for w in words for p in _readings(w) if p.tag.POS == "NOUN"), None)
    return yo(noun.normal_form) if noun is not None else None
