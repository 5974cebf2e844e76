"""What text looks like to every extractor: regex flags, spaces, letters, words and names.

Every pattern is matched on the normalized text (text.normalize): dashes are "-", quotes '"'.
"""

from __future__ import annotations

import regex

FLAGS = regex.IGNORECASE | regex.V0
VERBOSE = FLAGS | regex.VERBOSE

H = r"[^\S\n]"  # a space that does not cross a line: facts never span paragraphs
END = r"(?!\w)"  # a form ends where a word would (forms may end in "." or "%")

UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"  # Latin, Russian and Kazakh capitals
LOWER = "а-яёәғқңөұүһі"  # Russian and Kazakh lowercase (names are Cyrillic)
CAPITAL = rf"(?-i:[{UPPER}])"  # a capital letter even inside a case-insensitive pattern

LETTER_WORD = r"[^\W\d_][\w-]*"  # a word that starts with a letter: "ТЭЦ-2", "взлетно-посадочной"
WORD = regex.compile(LETTER_WORD)
WORD_BEFORE = regex.compile(rf"(?P<word>{LETTER_WORD}){H}*\Z")  # searched up to a position: the word ending there
WORD_GOES_ON = regex.compile(r"[\w-]")  # a character a word goes on with: a letter, a digit, a hyphen
CAP_WORD = rf"{CAPITAL}[\w-]*"  # "Ушарал", "ЛРТ", "Усть-Каменогорск"
# A capitalized Cyrillic word, hyphenated parts capitalized too: "Касым-Жомарт", "Усть-Каменогорск"
NAME_WORD = rf"(?-i:[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)*)"


def whole_words(matches: list, text: str, start: int, begin: int) -> list:
    """Tokens matched in `text` from `start`, less the first when `start` cut it out of a longer word: a
    window that starts after `begin`, the boundary the caller reads from (a sentence, a line), may start
    inside one ("бытие" of "событие")."""
    if matches and start > begin and matches[0].start() == start and WORD_GOES_ON.match(text, start - 1):
        return matches[1:]
    return matches
