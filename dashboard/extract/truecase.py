"""Headlines in title case read as ordinary sentences: "Israeli Tanks Enter Rafah As Talks
Stall" is read as "Israeli tanks enter Rafah as talks stall", so that the tagger sees verbs
and the toponym finder sees one name, not a run of eight.

A capitalised word of a title-case sentence is lowered when the story itself writes it in
lower case elsewhere, or when it is one of the extractor's ordinary words, unless the story
writes it with a capital inside a sentence ("Nice", "Mobile"), it names a country, a
people, an armed group or a place of note ("Turkey", "Chad", "Houthi", "Havana"), or it is
part of a longer name ("South Korea", "Gulf Of Aden"). A headline in capitals is first
written in title case. Only letters change case, so every offset stays the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from dashboard.records import Sentence

# A word: letters, with inner apostrophes and hyphens ("N'Djamena", "Al-Shabaab").
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*")
# Title case: at least this many words of four letters or more, nearly all capitalised.
_MIN_LONG_WORDS = 3
_TITLE_SHARE = 0.9
# Small words that title case capitalises and ordinary sentences do not.
_SMALL_WORDS = frozenset(
    "To In On For From Of As At With By After Over Into Near Amid Says Say Will And The A An "
    "Is Are Be Back Out Off Up".split())
# The most words a place's name that holds ordinary words may have ("Democratic Republic Of
# Congo").
_LONGEST_NAME = 4
# Endings stripped to find an inflected word's stem in the lexicon.
_ENDINGS = ("s", "es", "ed", "d", "ing")
# Compass words: a run of them and ordinary words ("Northern Border") is no name by itself.
_DIRECTIONS = frozenset("north south east west northern southern eastern western central "
                        "upper lower".split())
# Words that are part of a longer name when a kept capitalised word stands beside them.
_NAME_PARTS = _DIRECTIONS | frozenset(
    "new saint san santa gulf sea strait straits bay island islands river mount lake cape "
    "port fort camp base air naval united republic kingdom democratic".split())


def is_title_case(text: str) -> bool:
    """Whether a sentence is written in title case, as many headlines are: nearly all its
    longer words capitalised, and a small word too ("To", "In", "As"), which a sentence
    that is merely full of names does not capitalise ("Russia's Vladimir Putin met Xi
    Jinping in Beijing")."""
    long_words = capitals = 0
    small = False
    for i, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        small = small or (i > 0 and word in _SMALL_WORDS)
        if len(word) >= 4:
            long_words += 1
            capitals += word[0].isupper()
            if long_words - capitals > 1:
                return False  # an ordinary sentence: read no further
    return long_words >= _MIN_LONG_WORDS and capitals >= _TITLE_SHARE * long_words and small


def truecase(text: str, sentences: Sequence[Sentence], lexicon: Collection[str],
             is_name: Callable[[str], bool]) -> str:
    """``text`` with its title-case sentences in ordinary case (same length, same offsets).

    ``lexicon`` holds ordinary words in lower case; ``is_name`` tells whether a
    capitalised word is a name all the same (a country, a people, an armed group, a city
    of note: "Turkey", "Chad", "Havana")."""
    text, sentences = _capitals_to_title(text, sentences, is_name)
    titles = [s for s in sentences if is_title_case(s.text)]
    if not titles:
        return text
    lower_seen: set[str] = set()
    capital_inside: set[str] = set()
    title_starts = {s.start for s in titles}
    for sentence in sentences:
        if sentence.start in title_starts:
            continue
        for i, match in enumerate(_WORD.finditer(sentence.text)):
            word = match.group()
            if word.islower():
                lower_seen.add(word)
            elif i and word[0].isupper():
                capital_inside.add(word)
    out = list(text)
    for sentence in titles:
        words = list(_WORD.finditer(sentence.text))
        named = _named_runs(sentence.text, words, is_name, lexicon)
        known = [_lowers(m.group(), lower_seen, capital_inside, lexicon, is_name)
                 for m in words]
        keep = [i == 0 or i in named or not known[i] for i in range(len(words))]
        stranger = [not known[i] and i not in named and words[i].group()[0].isupper()
                    and words[i].group().lower() not in _NAME_PARTS
                    and not is_name(words[i].group()) for i in range(len(words))]
        for i in range(len(words)):  # "Elon Musk Sends ...", "Kim Jong Un Orders ...": a
            keep[i] = keep[i] or words[i].group() not in _SMALL_WORDS and any(  # word beside
                # an unknown name is part of that name (not "In" in "Arrive In Nice")
                stranger[j] and _adjacent(words[min(i, j)], words[max(i, j)])
                for j in (i - 1, i + 1) if 0 <= j < len(words))
        _keep_names(words, keep)
        for match, kept in zip(words, keep, strict=True):
            if not kept:
                start = sentence.start + match.start()
                out[start:start + len(match.group())] = match.group().lower()
    return "".join(out)


def is_all_capitals(text: str) -> bool:
    """Whether a sentence is written in capitals ("ISRAELI TANKS ENTER RAFAH")."""
    long_words = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) >= 4:
            if not word.isupper():
                return False
            long_words += 1
    return long_words >= _MIN_LONG_WORDS


def _capitals_to_title(text: str, sentences: Sequence[Sentence],
                       is_name: Callable[[str], bool]) -> tuple[str, Sequence[Sentence]]:
    """Sentences in capitals written in title case instead, their acronyms kept ("US TO SEND
    TROOPS TO POLAND" -> "US To Send Troops To Poland"), to be read like other headlines."""
    shouting = [s for s in sentences if is_all_capitals(s.text)]
    if not shouting:
        return text, sentences
    out = list(text)
    for sentence in shouting:
        for match in _WORD.finditer(sentence.text):
            word = match.group()
            if len(word) > 1 and not is_name(word):
                start = sentence.start + match.start()
                out[start:start + len(word)] = word.capitalize()
    titled = "".join(out)
    return titled, [replace(s, text=titled[s.start:s.end]) for s in sentences]


def _named_runs(text: str, words: Sequence[re.Match[str]], is_name: Callable[[str], bool],
                lexicon: Collection[str]) -> set[int]:
    """The words of runs of two to four capitalised words (with "of" or "the" inside) that
    together name a place: "Sierra Leone", "Red Sea", "Democratic Republic Of Congo"; not a
    run of ordinary words that happens to name one ("Northern Border", a Saudi province)."""
    named: set[int] = set()
    for i in range(len(words)):
        if i in named or not words[i].group()[0].isupper():
            continue
        for size in range(_LONGEST_NAME, 1, -1):
            j = i + size - 1
            if j >= len(words) or not words[j].group()[0].isupper() or not all(
                    _adjacent(words[k], words[k + 1]) for k in range(i, j)):
                continue
            if any(not _known(w.group().lower(), lexicon) and w.group().lower() not in
                   _DIRECTIONS for w in words[i:j + 1]) and \
                    is_name(text[words[i].start():words[j].end()]):
                named.update(range(i, j + 1))
                break
    return named


def _lowers(word: str, lower_seen: Collection[str], capital_inside: Collection[str],
            lexicon: Collection[str], is_name: Callable[[str], bool]) -> bool:
    """Whether a word of a title-case sentence is an ordinary word written with a capital."""
    if not word[0].isupper() or len(word) > 1 and not word[1:].islower():
        return False  # "US", "McDonald", "a"
    if word in capital_inside:
        return False
    low = word.lower()
    return (low in lower_seen or _known(low, lexicon)) and not is_name(word)


def _known(word: str, lexicon: Collection[str]) -> bool:
    """Whether a lower-case word or its stem is in the lexicon ("expels", "massed")."""
    return word in lexicon or any(word.endswith(end) and word[:-len(end)] in lexicon
                                  for end in _ENDINGS)


def _keep_names(words: Sequence[re.Match[str]], keep: list[bool]) -> None:
    """Keep the name parts ("South", "Gulf") that stand right beside a kept capitalised word,
    and so on along the run: "South China Sea", "Gulf Of Aden"."""
    def name_part(i: int) -> bool:
        word = words[i].group()
        return not keep[i] and word[0].isupper() and word.lower() in _NAME_PARTS

    def kept_name(j: int) -> bool:
        return keep[j] and words[j].group()[0].isupper()

    for i in range(1, len(words)):  # forward, then backward: a chain of parts either way
        if name_part(i) and kept_name(i - 1) and _adjacent(words[i - 1], words[i]):
            keep[i] = True
    for i in range(len(words) - 2, -1, -1):
        if name_part(i) and kept_name(i + 1) and _adjacent(words[i], words[i + 1]):
            keep[i] = True


def _adjacent(first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether two words are separated only by a space."""
    return second.start() - first.end() <= 1
