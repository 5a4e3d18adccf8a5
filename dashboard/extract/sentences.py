"""Split an article's text into sentences with exact character offsets."""

from __future__ import annotations

import re

from dashboard.records import Sentence

# Words after which a full stop does not end a sentence (titles, months, US state
# abbreviations as newspapers write them, and common Latin/military abbreviations).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm cmdr brig rep sen gov pres st
    jr sr co corp inc ltd no vs etc approx dept est fig jan feb mar apr jun jul aug sep
    sept oct nov dec mt ft ala ariz ark calif colo conn del fla ga ill ind kan ky la md
    mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets), or at a
# line break; the next sentence starts at the next non-space character. A run of stops is
# tried from its first one only, so that "....x" is read once, not once per stop.
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]++["'\u201d\u2019)\]]*+(?=\s)|\n++""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation, not a sentence end."""
    match = _WORD_BEFORE.search(text, max(0, dot - 20), dot)
    if match is None:
        return False
    word = match.group(1)
    if "." in word:  # "U.S." "N.C." "a.m."
        letters = word.replace(".", "")
        if len(letters) <= 3:  # "U.S. House Speaker" goes on; "in the U.S. He said" ends
            return _next_is_lower_or_digit(text, dot + 1) or len(letters) <= 1 or (
                _next_word(text, dot + 1) not in _SENTENCE_STARTERS)
        return False
    if len(word) == 1 and word.isupper():  # middle initial "John F. Kennedy"
        return True
    return word.lower() in _ABBREVIATIONS


_SENTENCE_STARTERS = frozenset(
    "The A An He She It They We I You But And Or So Yet In On At For This That These Those "
    "There Its Their His Her Our After Before When While As If Some Many Most Officials".split())


def _next_word(text: str, pos: int) -> str:
    """The word that follows ``pos``."""
    match = re.match(r"\s*([\w']+)", text[pos:pos + 40])
    return match.group(1) if match else ""


def _next_is_lower_or_digit(text: str, pos: int) -> bool:
    """True when the next visible character is lower case or a digit."""
    for ch in text[pos : pos + 4]:
        if not ch.isspace():
            return ch.islower() or ch.isdigit()
    return False


# Words that cannot end a sentence: a line that ends with one goes on at the next line.
_OPEN_ENDED = frozenset(
    "a an the of to into in on at by for from with and or but than as onto toward towards "
    "near along across over under between its their his her our".split())


def _line_goes_on(text: str, newline: int) -> bool:
    """True when a single line break at ``newline`` falls inside a sentence, as in text
    copied from a web page whose links sat on lines of their own ("sent tanks into\nRafah\n
    and took the crossing"): the next line starts in lower case, or this one ends with a
    word that cannot end a sentence or with a comma."""
    after = newline + 1
    while after < len(text) and text[after] in " \t":
        after += 1
    if after >= len(text) or text[after] in "\n\r":
        return False  # a blank line ends a paragraph
    if text[after].islower():
        return True
    before = newline
    while before > 0 and text[before - 1] in " \t\r":
        before -= 1
    if before == 0:
        return False
    if text[before - 1] == ",":
        return True
    match = _WORD_BEFORE.search(text, max(0, before - 20), before)
    return match is not None and match.group(1) in _OPEN_ENDED


def split_sentences(text: str, article_id: str = "") -> tuple[Sentence, ...]:
    """Split ``text`` into sentences whose offsets slice it exactly (whitespace trimmed)."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0)[0] == "." and _is_abbreviation(text, match.start()):
            continue
        if match.group(0) == "\n" and _line_goes_on(text, match.start()):
            continue
        _append(sentences, text, start, match.end(), article_id)
        start = match.end()
    _append(sentences, text, start, len(text), article_id)
    return tuple(sentences)


def _append(out: list[Sentence], text: str, start: int, end: int, article_id: str) -> None:
    """Append the trimmed span ``text[start:end]`` as a sentence if it holds any word."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        out.append(Sentence(article_id, len(out), start, end, text[start:end]))
