"""Relations read off a dependency parse (briefx.syntax): what a number is about, and who instructed
whom to do what. Pure functions of a ParsedSentence and the Document; spans are offsets into
doc.original, phrases are put in the nominative by briefx.extract.names.

    "Государственный долг Казахстана составляет 27 трлн тенге": тенге is obj of составляет, долг its
        nsubj -> subject "государственный долг Казахстана"
    "Глава государства поручил Правительству обеспечить выплаты": issuer "Глава государства" (nsubj),
        addressee "Правительство" (iobj), action "обеспечить выплаты" (xcomp)

The parser's heads come from an argmax per token, not a tree search, so a parse may hold a cycle:
every walk up the heads is bounded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefx.document import Document
from briefx.extract.names import phrase_to_nominative
from briefx.extract.shapes import WORD
from briefx.lexicon import Lexicon, form_key
from briefx.morph import CASES, parses, yo
from briefx.syntax import ROOT, ParsedSentence

MAX_CLIMB = 6  # heads followed from a number to the noun it is about, at most
QUALIFIER_WORDS = 3  # "не менее чем" before a number
PHRASE_WORDS = 5  # a subject with its adjectives and genitives, at most ("доля импорта российского газа")
ADDRESSEE_WORDS = 10  # "сотрудникам прокуратуры Медеуского района", "Министерству промышленности и строительства"
VERBS = ("VERB", "INFN", "PRTF", "PRTS", "GRND")
PREDICATES = (*VERBS, "ADJS")  # "ТРЦ готов на 40 процентов"
SUBJECTS = ("nsubj", "nsubj:pass")
# What the number itself is to its head, and the case its head word then stands in
CASE_OF_REL = {"nsubj": "nomn", "nsubj:pass": "nomn", "obj": "accs", "iobj": "datv", "nmod": "gent"}
# Dependents that are part of a noun phrase (the rest, "в реке Урал", "совместно с …", are not)
MODIFIER_RELS = frozenset({"amod", "flat", "flat:name", "flat:foreign"})  # "det" (свой, этот) is no part of what is meant
NAME_RELS = frozenset({"appos", "flat", "flat:name", "flat:foreign"})
COORDINATION = frozenset({"conj", "cc"})
DASHES = frozenset("-‐‑‒–—―−")
CLOSING = frozenset('"»”)')
NOUN_PHRASE_RELS = frozenset({"nmod", "amod", "appos", "flat", "flat:name", "flat:foreign", "case", "det"})
FIRST_PERSON = frozenset({"я", "мы"})
THIRD_PERSON = frozenset({"его", "ее", "их", "он", "она", "они"})  # possessives and pronouns as pymorphy3 lemmatizes them


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase of the text: doc.original[start:stop] == text; `nominative` as a user reads it."""

    start: int
    stop: int
    text: str
    nominative: str
    head: int  # index of its head token in the sentence


@dataclass(frozen=True, slots=True)
class InstructionParts:
    """What a parse says of one instruction trigger; any part may be missing."""

    issuer: Phrase | None
    addressee: Phrase | None
    action: Phrase | None  # the instructed infinitive with its dependents, as written


@dataclass(frozen=True)
class RelationWords:
    """The word lists the relations read, the rules route's own (data/subject_carriers.tsv "empty",
    subject_verbs.txt, changes.tsv, counter_words.txt, instruction_verbs.tsv, addressee_prepositions.tsv),
    built once per pipeline."""

    carriers: frozenset[str]  # "сумма", "доля": lemmas
    measure_verbs: frozenset[str]  # "составляет", "поднялся": every form
    counters: frozenset[str]
    scales: frozenset[str]  # "тысячи", "млн": forms of the scale words
    percent_signs: frozenset[str]  # "%", "процентов", "п.п."
    instruction_nouns: frozenset[str]  # "поручение" of "дал поручение"
    addressee_prepositions: dict[str, str]  # "от" -> gent
    lexicon: Lexicon

    @classmethod
    def of(cls, lexicon: Lexicon) -> RelationWords:
        nouns = set()
        for trigger in lexicon.instruction_verbs:
            for word in trigger.phrase.split()[1:]:  # "дал поручение", "поставлена задача"
                noun = next((p for p in parses(word) if p.tag.POS == "NOUN"), None)
                if noun is not None:
                    nouns.add(yo(noun.normal_form))
        return cls(
            frozenset(lexicon.subject_carriers["empty"]),
            frozenset(lexicon.subject_verbs),
            lexicon.counter_words,
            frozenset(form.rstrip(".") for form in lexicon.scales),
            frozenset(form.rstrip(".") for form in lexicon.percent_signs),
            frozenset(nouns),
            lexicon.addressee_prepositions,
            lexicon,
        )

    def changes(self, word: str) -> bool:
        """ "рост", "снизилась", "поднялся": a word of change (data/changes.tsv)."""
        return self.lexicon.changes.key_of(word) is not None


# --- what a number is about -----------------------------------------------------------------------


def number_subject(
    doc: Document, parse: ParsedSentence, start: int, stop: int, words: RelationWords, *, counted: bool = False
) -> Phrase | None:
    """The noun phrase the number at [start, stop) is the value of, or None when the sentence states none.

    `counted`: the span ends with the noun it counts ("57 новых домов"), which is then the subject, in
    the plural unless the number is one ("564 дома" -> "дома", "3421 человек" -> "люди").
    """
    head = span_head(parse, start, stop)
    if head is None:
        return None
    if counted and not _numeric(parse, head):  # an elided noun ("из них дети – 40 781") is found as for any number
        noun = _through_counter(parse, head, words)
        if not _is_noun(parse, noun):
            return None
        scaled = form_key(parse.tokens[head].text) in words.scales  # "802,9 тысячи человек"
        if (noun != head and not scaled) or _one(parse, start, stop):
            return noun_phrase(doc, parse, noun, _case_of(parse, noun))  # "853 единицы техники": техника
        # after a number the noun is genitive ("564 дома", "57 новых домов"), whatever its role
        case = "gent" if _genitive(parse, noun) else _case_of(parse, noun)
        return noun_phrase(doc, parse, noun, case, number="plur")
    equivalent = _equivalent_of(parse, start)
    if equivalent is not None:  # "21 млрд рублей (более 100 млрд тенге)": what the first amount is about
        head, start, stop = equivalent, parse.tokens[_leftmost(parse, equivalent)].start, parse.tokens[equivalent].stop
    # "178 млрд тенге инвестиций", "540 тыс. тонн свеклы": the genitive after the number. After a
    # percentage it names the whole of which the number is a share ("Это 70 процентов ВВП": of the
    # debt), unless the percentage is itself the subject ("20% их доходов поступает из-за рубежа").
    share = form_key(parse.tokens[head].text) in words.percent_signs and parse.tokens[head].rel not in SUBJECTS
    after = None if share else _genitive_after(parse, head, stop)
    if after is not None:
        return _subject_from(doc, parse, after, "gent", words, head)
    dash = _dash_before(parse, start)
    found = _before_dash(parse, dash) if dash is not None else _climb(parse, head, words)
    if found is None:
        return None
    noun, case = found
    return _subject_from(doc, parse, noun, case, words, head)


def span_head(parse: ParsedSentence, start: int, stop: int) -> int | None:
    """The token of [start, stop) whose head lies outside it: the currency or unit of "27 трлн
    тенге", the "%" of "29,5%" (the last such token when the parse splits the span)."""
    inside = parse.covering(start, stop)
    outside = [i for i in inside if parse.tokens[i].head not in inside]
    return outside[-1] if outside else (inside[-1] if inside else None)


def _equivalent_of(parse: ParsedSentence, start: int) -> int | None:
    """An amount in brackets right after another amount ("100 МРП (369 200 тенге)") restates it: the
    head of that other amount, or None."""
    inside = parse.covering(start, start + 1)
    if not inside:
        return None
    i = inside[0] - 1
    i = _before_qualifiers(parse, i)  # "(более 100 млрд тенге)", "(от 73 840 до …)"
    if i < 1 or parse.tokens[i].text != "(" or not _heads_number(parse, i - 1):
        return None
    return i - 1


def _before_qualifiers(parse: ParsedSentence, i: int) -> int:
    """The index of the token before the words that qualify a number ("не менее", "от", "более"),
    counting back from token i; a few words at most."""
    for _ in range(QUALIFIER_WORDS):
        if i < 0 or parse.tokens[i].rel not in ("advmod", "case") or not parse.tokens[i].text.isalpha():
            break
        i -= 1
    return i


def _leftmost(parse: ParsedSentence, head: int) -> int:
    """The first token of an amount: its head's number words, from "более 100 млрд" to "тенге"."""
    first, stack = head, [head]
    while stack:
        for child in parse.children[stack.pop()]:
            if child < first and parse.tokens[child].rel in ("nummod", "nummod:gov", "advmod"):
                first = child
                stack.append(child)
    return first


def _dash_before(parse: ParsedSentence, start: int) -> int | None:
    """The index of a dash right before the number ("– 5 процентов", "– от 20 процентов", "-9
    процентов" read as one token), or None."""
    inside = parse.covering(start, start + 1)
    if not inside:
        return None
    i = inside[0]
    if parse.tokens[i].start < start and parse.tokens[i].text[:1] in DASHES:
        return i  # "-9": the dash glued to the number
    i = _before_qualifiers(parse, i - 1)  # "от", "более", "около" before the number
    return i if i >= 1 and parse.tokens[i].text in DASHES else None


def _before_dash(parse: ParsedSentence, dash: int) -> tuple[int, str] | None:
    """ "ставка вознаграждения по займу по программе "Алматы жастары" – 5 процентов", "минимальная
    сумма накоплений – 1 млн тенге", "первоначальный взнос – от 20 процентов": the number is the value
    of the noun phrase that ends at the dash before it (its head, however the parse attached the
    number); None when what ends there is no such phrase ("в 2023 году – 393")."""
    node = dash - 1
    while node > 0 and parse.tokens[node].text in CLOSING:
        node -= 1
    for _ in range(MAX_CLIMB):
        token = parse.tokens[node]
        if token.head in (ROOT, node) or token.head >= dash or token.rel not in NOUN_PHRASE_RELS:
            break
        node = token.head
    if not _is_noun(parse, node) or _child(parse, node, ("case",)) is not None:
        return None  # "в 2023 году – 393": a circumstance, not what the number is about
    return node, _case_of(parse, node)


def _climb(parse: ParsedSentence, number: int, words: RelationWords) -> tuple[int, str] | None:
    """From the number's head token up to the noun it is about, and that noun's expected case."""
    tokens, node = parse.tokens, number
    for _ in range(MAX_CLIMB):
        subject = _child(parse, node, SUBJECTS)
        if subject is not None and subject != number:  # "Ставка вознаграждения – 5 процентов", "рост – 29,5%"
            return subject, "nomn"
        token = tokens[node]
        if token.head == ROOT or token.head == node:
            return None
        governor, rel = token.head, token.rel
        if rel == "conj":  # "составил 5 млн, а в прошлом году 3 млн": the first conjunct's relation
            node = governor
            continue
        if _heads_number(parse, governor):
            # "21 млрд рублей (более 100 млрд тенге)", "18 114 тенге за купе и 11 898 тенге за плацкарт":
            # an amount beside another amount is about what that one is about
            node = governor
            continue
        if _is_predicate(parse, governor):
            return _subject_of_predicate(parse, governor, node, rel, words)
        if _is_noun(parse, governor) and rel in ("nmod", "appos", "parataxis", "obl", "nsubj"):
            # "займ под 150 процентов", "курс доллара на продажу – 449,73 тенге", "авто стоимостью …"
            return governor, _case_of(parse, governor)
        # "Ущерб в этом деле более 40 тысяч долларов": the number stands for the predicate of its clause
        subject = _child(parse, governor, ("nsubj",))
        return (subject, "nomn") if subject is not None else None
    return None


def _heads_number(parse: ParsedSentence, i: int) -> bool:
    """Token i is counted or measured by a number of its own: "тенге" of "100 млрд тенге", "рублей" of
    "21 миллиард рублей"."""
    return any(parse.tokens[c].rel.startswith("nummod") for c in parse.children[i])


def _numeric(parse: ParsedSentence, i: int) -> bool:
    text = parse.tokens[i].text
    return any(ch.isdigit() for ch in text) or any(p.tag.POS == "NUMR" for p in _readings(parse, i)[:1])


def _subject_of_predicate(
    parse: ParsedSentence, verb: int, number: int, rel: str, words: RelationWords
) -> tuple[int, str] | None:
    """The noun a predicate says the number is the value of.

    - an object or oblique number of a measure or change verb (data/subject_verbs.txt, changes.tsv): its
      subject ("долг составляет 27 трлн",
      "уровень поднялся до 906 см", "строительство обойдется в 300 млн");
    - an oblique number of any verb with an object: the object ("оценивают ущерб в 21 млрд рублей",
      "сократили спрос на газ на 20 процентов", "похитил изделия на сумму …");
    - an oblique number of a passive or adjective predicate: its subject ("газохранилища заполнены на
      58 процентов", "ТРЦ готов на 40 процентов").
    The subject of any other verb is its agent ("Фонд выделит 15 млрд тенге"), not what is measured.
    """
    for _ in range(MAX_CLIMB):
        measure = _measures(parse, verb, words)
        if rel == "obl":
            obj = _child(parse, verb, ("obj",))
            if obj is not None and obj != number:
                return obj, "accs"
            passive = _child(parse, verb, ("nsubj:pass",))
            if passive is not None and passive != number:
                return passive, "nomn"
        subject = _child(parse, verb, ("nsubj",))
        if subject is not None and subject != number:
            adjective = any(p.tag.POS in ("ADJS", "PRTS") for p in _readings(parse, verb)[:1])
            return (subject, "nomn") if measure or (rel == "obl" and adjective) else None
        token = parse.tokens[verb]
        # "понизившись на 0,43 тенге" (advcl), "и поднялся на 2 см" (conj): the subject of the main verb
        if token.rel in ("advcl", "conj", "xcomp") and token.head not in (ROOT, verb) and _is_predicate(parse, token.head):
            verb, rel = token.head, "clause"  # the number is no dependent of that verb: only its subject counts
            continue
        return None
    return None


def _measures(parse: ParsedSentence, verb: int, words: RelationWords) -> bool:
    text = parse.tokens[verb].text
    return yo(text.lower()) in words.measure_verbs or words.changes(text)


def _subject_from(doc: Document, parse: ParsedSentence, noun: int, case: str, words: RelationWords, number: int) -> Phrase | None:
    """The subject phrase of `noun`, past the carriers: "сумма неуплаченного акциза" -> "неуплаченный
    акциз"; "ущерб на сумму 5 млн тенге" -> "ущерб"; "(рост – 29,5%)" after "инвестиций" -> "инвестиции"."""
    for _ in range(MAX_CLIMB):
        if not _is_noun(parse, noun) or _person(parse, noun):
            return None  # "это", "он", "которую", "Владимир Ким (3,6 млрд долларов)": not what is measured
        lemma = _lemma(parse.tokens[noun].text)
        if lemma not in words.carriers and not words.changes(parse.tokens[noun].text) and not _bare_instrumental(parse, noun):
            return noun_phrase(doc, parse, noun, case)
        genitive = _genitive_child(parse, noun)
        if genitive is not None and genitive != number and not _bare_instrumental(parse, noun):
            noun, case = genitive, "gent"  # "повышение размера выплаты": past every carrier
            continue
        # a carrier without its genitive: the noun it belongs to, or where the number itself leads;
        # "землетрясение ощущалось силой в 2 балла": the subject of the verb the instrumental describes
        found = _instrumental_subject(parse, noun) or (_climb(parse, noun, words) if noun != number else None)
        if found is None and parse.tokens[noun].rel == "nsubj":
            found = _climb_past(parse, number, noun, words)
        if found is None:
            return None
        noun, case = found
    return None


def _climb_past(parse: ParsedSentence, number: int, subject: int, words: RelationWords) -> tuple[int, str] | None:
    """ "инвестиций (рост – 29,5%)": the change noun is the subject of the number, the number hangs on
    "инвестиций"; what grew is that noun."""
    token = parse.tokens[number]
    if token.head in (ROOT, number) or not _is_noun(parse, token.head) or token.head == subject:
        return None
    return token.head, _case_of(parse, token.head)


def _bare_instrumental(parse: ParsedSentence, noun: int) -> bool:
    """ "авто стоимостью 164 млн сум", "ТРЦ общей площадью …", "ощущалось силой в 2 балла": a measure
    noun in the instrumental, without a preposition, that describes a noun or the subject of a verb."""
    token = parse.tokens[noun]
    return (
        token.rel in ("nmod", "obl")
        and _child(parse, noun, ("case",)) is None
        and token.head not in (ROOT, noun)
        and (_is_noun(parse, token.head) or _is_predicate(parse, token.head))
        and any(p.tag.case == "ablt" for p in _readings(parse, noun)[:1])
    )


def _instrumental_subject(parse: ParsedSentence, noun: int) -> tuple[int, str] | None:
    token = parse.tokens[noun]
    if not _bare_instrumental(parse, noun) or not _is_predicate(parse, token.head):
        return None
    subject = _child(parse, token.head, SUBJECTS)
    return (subject, "nomn") if subject is not None else None


def _one(parse: ParsedSentence, start: int, stop: int) -> bool:
    """The count is one: "1 школа", "одна школа"."""
    numbers = [i for i in parse.covering(start, stop) if _numeric(parse, i)]
    return len(numbers) == 1 and (parse.tokens[numbers[0]].text == "1" or _lemma(parse.tokens[numbers[0]].text) == "один")


def _through_counter(parse: ParsedSentence, noun: int, words: RelationWords) -> int:
    """ "853 единицы техники", "802,9 тысячи человек": what a counter or scale word counts is the
    genitive after it."""
    if _lemma(parse.tokens[noun].text) in words.counters or form_key(parse.tokens[noun].text) in words.scales:
        genitive = _genitive_child(parse, noun)
        if genitive is not None:
            return genitive
    return noun


def _genitive_after(parse: ParsedSentence, head: int, stop: int) -> int | None:
    """A genitive dependent of the number's head right after the span: "тенге инвестиций"."""
    child = _genitive_child(parse, head)
    if child is None or parse.tokens[child].start < stop:
        return None
    return child


def _genitive_child(parse: ParsedSentence, noun: int) -> int | None:
    """The genitive noun right after `noun` (its adjectives between) that depends on it without a
    preposition: "сумма [неуплаченного] акциза", "тенге инвестиций"; not an amount of its own."""
    for child in parse.children[noun]:
        if child < noun or parse.tokens[child].rel != "nmod" or _child(parse, child, ("case",)) is not None:
            continue
        if not all(parse.tokens[i].rel == "amod" and parse.tokens[i].head == child for i in range(noun + 1, child)):
            continue  # not right after it: the parse may hang a far noun on it
        if _heads_number(parse, child):
            continue
        if _is_noun(parse, child) and (_abbreviation(parse, child) or _genitive(parse, child)):
            return child
    return None


def _person(parse: ParsedSentence, i: int) -> bool:
    """A person's name: a first name or surname to pymorphy3, or a capitalized word with a name after it."""
    token = parse.tokens[i]
    if not token.text[:1].isupper():
        return False
    if any(parse.tokens[c].rel == "flat:name" for c in parse.children[i]):
        return True
    return any(("Name" in p.tag or "Surn" in p.tag) for p in _readings(parse, i)[:1])


# --- noun phrases ---------------------------------------------------------------------------------


def noun_phrase(
    doc: Document,
    parse: ParsedSentence,
    head: int,
    case: str,
    limit: int = PHRASE_WORDS,
    coordinated: bool = False,
    number: str | None = None,
) -> Phrase:
    """The head noun with its adjectives and its genitives and names, one contiguous stretch of at most
    `limit` words: "государственный долг Казахстана", "уровень реки Урал", "импорт российского газа";
    prepositional dependents stay out ("уровень воды [в реке Урал]"), and so do coordinated nouns
    unless `coordinated` ("Правительству и акиматам")."""
    first, last = _extent(parse, head, limit, coordinated)
    return _phrase(doc, parse, head, first, last, case, number)


def _extent(parse: ParsedSentence, head: int, limit: int, coordinated: bool = False) -> tuple[int, int]:
    """The contiguous run of tokens around `head` that belong to its phrase."""
    inside = _phrase_tokens(parse, head, coordinated)
    first = last = head
    while first > 0 and first - 1 in inside and last - first + 1 < limit:
        first -= 1
    while last + 1 < len(parse.tokens) and last + 1 in inside and last - first + 1 < limit:
        last += 1
    return first, last


def _phrase_tokens(parse: ParsedSentence, head: int, coordinated: bool) -> set[int]:
    """`head` and the dependents that make up its noun phrase, followed down the tree."""
    found, stack = {head}, [head]
    while stack:
        node = stack.pop()
        for child in parse.children[node]:
            if child not in found and _in_phrase(parse, child, coordinated):
                found.add(child)
                stack.append(child)
    return found


def _in_phrase(parse: ParsedSentence, child: int, coordinated: bool) -> bool:
    rel = parse.tokens[child].rel
    if _numeric(parse, child):
        return False  # "441 пожарное подразделение": the count is no part of what is counted
    if rel in MODIFIER_RELS or rel in NAME_RELS or (coordinated and rel in COORDINATION):
        return rel != "appos" or parse.tokens[child].text[:1].isupper()  # "реки Урал", "Прокурор Берик …"
    if rel == "advmod":  # "самым крупным", inside an adjective
        return parse.tokens[parse.tokens[child].head].rel in ("amod",)
    if rel != "nmod" or _child(parse, child, ("case",)) is not None:
        return False
    return _abbreviation(parse, child) or _genitive(parse, child)


def _genitive(parse: ParsedSentence, i: int) -> bool:
    return any(p.tag.case == "gent" for p in _readings(parse, i))


def _phrase(
    doc: Document, parse: ParsedSentence, head: int, first: int, last: int, case: str, number: str | None = None
) -> Phrase:
    start, stop = parse.tokens[first].start, parse.tokens[last].stop
    return Phrase(start, stop, doc.original[start:stop], _nominative(doc, parse, head, start, stop, case, number), head)


def _nominative(doc: Document, parse: ParsedSentence, head: int, start: int, stop: int, case: str, number: str | None) -> str:
    """The phrase in the nominative: the expected case first, then any case its head word reads in;
    as written when none fits. The first word is lowercased unless it is a name or an abbreviation."""
    words = list(WORD.finditer(doc.norm, start, stop))
    text = doc.original[start:stop]  # as written, unless a case below fits
    readings = [p.tag.case for p in _readings(parse, head) if p.tag.case in CASES]
    for option in dict.fromkeys([case, *readings]):
        if option == "nomn" and number is None:
            break
        converted = phrase_to_nominative(doc, words, option, number) if words else None
        if converted:
            text = converted
            break
    return yo(_lowered(text))


def _lowered(text: str) -> str:
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[:1].isupper() and first[1:].islower():
        readings = parses(first.lower())
        proper = any(any(tag in p.tag for tag in ("Name", "Surn", "Geox", "Orgn", "Abbr")) for p in readings[:1])
        if not proper:
            return first.lower() + text[len(first) :]
    return text


# --- instructions ---------------------------------------------------------------------------------


def instruction_parts(doc: Document, parse: ParsedSentence, trigger: int, words: RelationWords) -> InstructionParts:
    """Issuer, addressee and instructed action of the instruction whose trigger starts at offset
    `trigger` ("поручил", "дал поручение", "поручено", "даны поручения", "По поручению X", or the
    infinitive of a further action: "…, а также [усилить] контроль")."""
    start = parse.token_at(trigger)
    if start is None:
        return InstructionParts(None, None, None)
    if _pos(parse, start) == "PREP":
        return _on_instruction(doc, parse, parse.tokens[start].head, words)
    verb, noun = _trigger_verb(parse, start, words)
    if noun is not None and _child(parse, noun, ("case",)) is not None:
        return _on_instruction(doc, parse, noun, words)  # "развертывается по моему поручению кампания"
    issuer = _issuer(doc, parse, verb, noun)
    addressee = _addressee(doc, parse, verb, noun, words)
    action = _action(doc, parse, verb, noun, start)
    return InstructionParts(issuer, addressee, action)


def _on_instruction(doc: Document, parse: ParsedSentence, noun: int, words: RelationWords) -> InstructionParts:
    """ "По поручению министра 11 человек направлены …", "В соответствии с поручением Президента
    министерство назначено …", "По моему поручению премьер-министр … находятся в регионах": the issuer
    is the instruction noun's genitive or possessive, the addressee whoever acts on it (the active
    subject of the clause), the action that clause."""
    if noun == ROOT or _lemma(parse.tokens[noun].text) not in words.instruction_nouns:
        return InstructionParts(None, None, None)
    issuer = _noun_issuer(doc, parse, noun)
    verb = parse.tokens[noun].head
    if verb in (ROOT, noun) or not _is_predicate(parse, verb):
        return InstructionParts(issuer, None, None)
    subject = _child(parse, verb, ("nsubj",))
    addressee = _addressee_phrase(doc, parse, subject, "nomn") if subject is not None and _is_noun(parse, subject) else None
    return InstructionParts(issuer, addressee, None)


def _trigger_verb(parse: ParsedSentence, start: int, words: RelationWords) -> tuple[int | None, int | None]:
    """The verb that governs the instruction and its instruction noun ("дал поручение"), from the
    trigger's first token."""
    tokens = parse.tokens
    node = start
    if _pos(parse, node) == "INFN":  # a further action: climb its conjuncts to the first, then to the trigger
        for _ in range(MAX_CLIMB):
            if tokens[node].rel != "conj" or tokens[node].head in (ROOT, node):
                break
            node = tokens[node].head
        if tokens[node].head not in (ROOT, node):
            node = tokens[node].head
    if _lemma(tokens[node].text) in words.instruction_nouns:
        governor = tokens[node].head
        return (governor if governor not in (ROOT, node) and _is_predicate(parse, governor) else None), node
    noun = next((c for c in parse.children[node] if _lemma(tokens[c].text) in words.instruction_nouns), None)
    return node, noun


def _issuer(doc: Document, parse: ParsedSentence, verb: int | None, noun: int | None) -> Phrase | None:
    """The subject of the trigger verb (through "и" to the first verb: "провел совещание и поручил"),
    the agent of a passive one ("поручения были озвучены Главой государства"), else the genitive of
    the instruction noun ("поручение министра")."""
    node = verb
    for _ in range(MAX_CLIMB):
        if node is None:
            break
        subject = _child(parse, node, ("nsubj",))
        if subject is not None and subject != noun:
            return _issuer_phrase(doc, parse, subject)
        agent = _child(parse, node, ("obl:agent",))
        if agent is not None:
            return _issuer_phrase(doc, parse, agent, case="ablt")
        token = parse.tokens[node]
        if token.rel not in ("conj", "xcomp", "advcl") or token.head in (ROOT, node):
            break
        node = token.head
    return _noun_issuer(doc, parse, noun) if noun is not None else None


def _noun_issuer(doc: Document, parse: ParsedSentence, noun: int) -> Phrase | None:
    """ "поручению министра" -> "министр"; "по его поручению" -> "его" (for coreference to resolve);
    "по моему поручению" -> None (the speaker, whom the parse does not name)."""
    genitive = _genitive_child(parse, noun)
    if genitive is not None:
        return _issuer_phrase(doc, parse, genitive, case="gent")
    possessive = next((c for c in parse.children[noun] if parse.tokens[c].rel == "det" and c < noun), None)
    if possessive is not None and _lemma(parse.tokens[possessive].text) in THIRD_PERSON:
        token = parse.tokens[possessive]
        return Phrase(token.start, token.stop, token.text, token.text.lower(), possessive)
    return None


def _issuer_phrase(doc: Document, parse: ParsedSentence, head: int, case: str = "nomn") -> Phrase | None:
    if _lemma(parse.tokens[head].text) in FIRST_PERSON:
        return None  # "Я поручил": the quoted speaker, whom the parse does not name
    first, last = _extent(parse, head, ADDRESSEE_WORDS)
    return _phrase(doc, parse, head, first, last, case)


def _addressee(doc: Document, parse: ParsedSentence, verb: int | None, noun: int | None, words: RelationWords) -> Phrase | None:
    """To whom: a dative (iobj, or obl/nmod without preposition) of the verb or the instruction noun;
    the object of "обязал"; "от"/"перед" + the case they govern; the subject of a passive
    "поручено" that is not the instruction noun."""
    for node in (verb, noun):
        if node is None:
            continue
        for child in parse.children[node]:
            if child == noun:
                continue
            found = _addressee_case(parse, child, words)
            if found is not None:
                return _addressee_phrase(doc, parse, child, found)
    if verb is not None and noun is None and _lemma(parse.tokens[verb].text) == "обязать":
        obj = _child(parse, verb, ("obj",))
        if obj is not None:
            return _addressee_phrase(doc, parse, obj, "accs")
    if verb is not None:
        passive = _child(parse, verb, ("nsubj:pass",))
        if passive is not None and passive != noun and _is_noun(parse, passive):
            return _addressee_phrase(doc, parse, passive, _case_of(parse, passive))
    return None


def _addressee_case(parse: ParsedSentence, child: int, words: RelationWords) -> str | None:
    token = parse.tokens[child]
    if token.rel not in ("iobj", "obl", "nmod") or not _is_noun(parse, child):
        return None
    preposition = _child(parse, child, ("case",))
    if preposition is not None:
        return words.addressee_prepositions.get(form_key(parse.tokens[preposition].text))
    if token.rel == "iobj" or any(p.tag.case == "datv" for p in _readings(parse, child)[:2]):
        return "datv"
    return None


def _addressee_phrase(doc: Document, parse: ParsedSentence, head: int, case: str) -> Phrase:
    """The addressee with its genitives and coordinated nouns: "Правительству и акиматам",
    "Министерству промышленности и строительства"; "совместно с …" stays out."""
    return noun_phrase(doc, parse, head, case, ADDRESSEE_WORDS, coordinated=True)


def _action(doc: Document, parse: ParsedSentence, verb: int | None, noun: int | None, start: int) -> Phrase | None:
    """The instructed infinitive and everything that depends on it, as written ("обеспечить выплаты")."""
    candidates = [start] if _pos(parse, start) == "INFN" else []
    for node in (verb, noun):
        if node is not None:
            candidates += [c for c in parse.children[node] if _pos(parse, c) == "INFN"]
    if not candidates:
        return None
    infinitive = candidates[0]
    first, last = _subtree(parse, infinitive)
    while first < infinitive and parse.tokens[first].rel in ("cc", "punct"):
        first += 1  # "и [дать подробный отчет]"
    while last > first and parse.tokens[last].rel == "punct":
        last -= 1
    span_start, span_stop = parse.tokens[first].start, parse.tokens[last].stop
    text = doc.original[span_start:span_stop]
    return Phrase(span_start, span_stop, text, text, infinitive)


def _subtree(parse: ParsedSentence, node: int) -> tuple[int, int]:
    """The first and last token of `node`'s subtree (its further conjuncts left out: "… , а также усилить Y")."""
    first = last = node
    stack = [node]
    seen = {node}
    while stack:
        current = stack.pop()
        for child in parse.children[current]:
            if child in seen or (current == node and parse.tokens[child].rel == "conj" and _pos(parse, child) == "INFN"):
                continue
            seen.add(child)
            first, last = min(first, child), max(last, child)
            stack.append(child)
    return first, last


# --- reading tokens -------------------------------------------------------------------------------


def _child(parse: ParsedSentence, node: int, rels: Iterable[str]) -> int | None:
    wanted = tuple(rels)
    return next((c for c in parse.children[node] if parse.tokens[c].rel in wanted), None)


def _readings(parse: ParsedSentence, i: int) -> tuple:
    return parses(parse.tokens[i].text.lower())


def _lemma(word: str) -> str:
    readings = parses(word.lower())
    return yo(readings[0].normal_form) if readings else word.lower()


def _pos(parse: ParsedSentence, i: int) -> str | None:
    readings = _readings(parse, i)
    return readings[0].tag.POS if readings else None


def _abbreviation(parse: ParsedSentence, i: int) -> bool:
    text = parse.tokens[i].text
    return len(text) > 1 and text.isupper() and text.isalpha()


def _is_noun(parse: ParsedSentence, i: int) -> bool:
    """A noun, an abbreviation ("ВВП", "МЧС") or a name; not a pronoun."""
    if _abbreviation(parse, i):
        return True
    readings = _readings(parse, i)
    if not readings:
        return False
    # the likeliest reading, or one nearly as likely: "пожарных" (a fireman, or an adjective)
    return readings[0].tag.POS == "NOUN" or any(p.tag.POS == "NOUN" and p.score >= readings[0].score / 2 for p in readings[1:3])


def _is_predicate(parse: ParsedSentence, i: int) -> bool:
    readings = _readings(parse, i)
    return bool(readings) and readings[0].tag.POS in PREDICATES


def _case_of(parse: ParsedSentence, i: int) -> str:
    """The case a token stands in, as its relation says, else its likeliest reading."""
    expected = CASE_OF_REL.get(parse.tokens[i].rel)
    readings = [p.tag.case for p in _readings(parse, i) if p.tag.POS == "NOUN" and p.tag.case]
    if expected in readings or (expected and not readings):
        return expected or "nomn"
    return readings[0] if readings else "nomn"
