"""Find toponyms in text: capitalised word sequences that the gazetteer knows, demonyms,
"City, ST" pairs and all-caps datelines. Resolution to one place happens in ``resolve``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geodata.gazetteer import Gazetteer
from geodata.records import Place
from geodata.text import normalize

# A word: letters, with inner dots (U.S.), apostrophes and hyphens.
_TOKEN = re.compile(r"[^\W\d_](?:[\w\u2019'\-]|\.(?=[^\W\d_]\.?))*\.?")
_NAME_POSSESSIVES = frozenset({"People", "Children", "Women"})  # "People's Republic of China"
_POSSESSIVE = re.compile(r"(?:['\u2019]s?)$")
# Lower-case words allowed inside a multi-word name ("Sea of Azov", "Bosnia and Herzegovina").
_CONNECTORS = frozenset({"of", "de", "del", "la", "le", "al", "el", "the", "and", "upon", "on",
                         "du", "des", "da", "do", "dos", "di", "van", "von", "sur", "am", "an"})
_DIRECTIONS = frozenset({"eastern", "western", "northern", "southern", "central",
                         "northeastern", "northwestern", "southeastern", "southwestern",
                         "north-eastern", "north-western", "south-eastern", "south-western"})
# Capitalised words that name places somewhere but, alone, almost never do in news text.
_NOT_ALONE = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
    i a an the he she it we they you his her its our their this that these those there
    here what when where which who why how mr mrs ms dr sir god lord
    president minister secretary general chancellor prime king queen prince emir senator
    governor mayor chief officer police sheriff army navy air force forces marine marines
    university college school hospital church court council county city state states
    department office center centre street road avenue park lake river mount island
    north south east west central western eastern northern southern new old great
    christmas easter ramadan summer winter spring fall autumn
    pentagon kremlin white house congress parliament senate
    said says will would can could should may might must also but and or if so as at
    in on by for with from to of not no yes all any some one two three first second last
    after before during since while about over under more most many much very just only
    even still again why however although because despite until unless though
    many police fire rescue health education energy trade justice defense defence
    media news press times post journal herald tribune daily weekly
    union republic federation kingdom empire party
    victoria hope faith grace joy love liberty independence unity progress
    sale bath mobile reading buffalo orange jackson lincoln grant lee clinton
    jan feb mar apr jun jul aug sep sept oct nov dec man drug metro olympic commerce
    sen rep gov gen lt col sgt capt st is none hamas hezbollah taliban duma toyota honda
    arab gulf area bank academy chamber time jesus christian english pacific atlantic
    line front base camp
    valley creek bay sea ocean strait harbor harbour port cape canyon hill hills ridge peak
    beach coast desert forest plain plains pass point springs falls heights delta
    """.split()
)
# Names that may also be people's names: taken alone only after a place-like preposition.
# Words that name a mission or a unit far more often than a town ("the Mission has withdrawn
# 6,000 personnel"; Mission, Texas): no place after a determiner.
_DETERMINERS = frozenset("the a an this that its their our his her whose".split())
_UNIT_LIKE = frozenset("mission coalition alliance operation command brigade division "
                       "battalion regiment".split())
_PERSON_LIKE = frozenset({"jackson", "lincoln", "grant", "lee", "clinton", "victoria", "hope",
                          "buffalo", "orange", "mobile", "reading", "sale", "bath"})
_PLACE_PREPOSITIONS = re.compile(
    r"\b(?:in|at|to|from|near|into|toward|towards|outside|across|of|via|around|through|"
    r"between|and|visit|visits|visited|visiting)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its offsets and normalized key."""

    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A text span that names something in the gazetteer (not yet resolved to one place)."""

    start: int
    end: int
    text: str
    key: str
    state: str | None = None  # admin-1 code given right after it ("Fort Bragg, N.C.")
    demonym: str | None = None  # ISO code when the span is a demonym ("Russian")
    state_abbreviation: str | None = None  # postal code when the span is "Kan.", "S.C."


@functools.lru_cache(maxsize=200_000)
def _word_key(word: str) -> str:
    """The normalized key of one word (words repeat, so the key is cached)."""
    return normalize(word)


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with offsets; possessive endings are left out of the span."""
    out: list[Token] = []
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        end = match.end()
        stripped = _POSSESSIVE.sub("", word)
        if stripped != word and len(stripped) > 1 and stripped not in _NAME_POSSESSIVES:
            end -= len(word) - len(stripped)
            word = stripped
        if word.endswith(".") and word.count(".") == 1:
            word, end = word[:-1], end - 1
        out.append(Token(match.start(), end, word, _word_key(word)))
    return out


def find_candidates(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """All spans of ``text`` that the gazetteer knows, longest match first, left to right."""
    tokens = tokenize(text)
    people = person_names(text, tokens, gazetteer)
    found: list[Candidate] = []
    i = 0
    while i < len(tokens):
        match = _longest_match(text, tokens, i, gazetteer, people) if _can_start(
            tokens[i]) else None
        if match is None:
            i += 1
            continue
        candidate, used = match
        state, used = _state_after(text, tokens, i + used, gazetteer, used, i)
        if state is not None:
            candidate = Candidate(candidate.start, candidate.end, candidate.text,
                                  candidate.key, state=state[0])
            found.append(candidate)
            found.append(state[1])
        else:
            found.append(candidate)
        i += used
    return found


def _longest_match(text: str, tokens: list[Token], i: int, gazetteer: Gazetteer,
                   people: frozenset[str]) -> tuple[Candidate, int] | None:
    """The longest gazetteer name or demonym starting at token ``i``."""
    first = tokens[i]
    if not _can_start(first):
        return None
    abbreviation = _state_abbreviation(text, tokens, i, gazetteer)
    if abbreviation is not None:
        return abbreviation
    best: tuple[Candidate, int] | None = None
    keys: list[str] = []
    for j in range(i, min(len(tokens), i + gazetteer.max_tokens)):
        token = tokens[j]
        if j > i and (not _joins(text, tokens[j - 1], token) or not token.key):
            break
        if j > i and not (_is_capitalised(token) or token.key in _CONNECTORS):
            break
        keys.append(token.key)
        key = " ".join(keys)
        if j == i and first.text[:1].isupper():
            code = gazetteer.demonym(first.text)
            if code and len(code) == 2 and not any(
                    p.kind == "country" for p in gazetteer.candidates(key)):
                best = (Candidate(first.start, first.end, first.text, key, demonym=code), 1)
                if not gazetteer.is_prefix(key):
                    break
                continue  # "Russian" alone is a demonym, "Russian Federation" a country
        if token.key not in _CONNECTORS and gazetteer.candidates(key) and _acceptable(
                text, tokens, i, j, key, gazetteer, people):
            best = (Candidate(first.start, token.end, text[first.start:token.end], key), j - i + 1)
            best = _with_admin_suffix(text, tokens, j, best, gazetteer)
        if not gazetteer.is_prefix(key):
            break
    return best


def person_names(text: str, tokens: list[Token], gazetteer: Gazetteer) -> frozenset[str]:
    """Words the text uses as people's names: after a title ("Sen. Welch"), as the second
    word of a two-word name ("Michael Jones"), or around a middle initial ("Gerald R. Ford"),
    so that a later lone "Jones" is no place."""
    names: set[str] = set()
    for left, right in zip(tokens, tokens[1:], strict=False):
        if text[left.end:right.start] not in (" ", ". ") or not _is_capitalised(right):
            continue
        if _TITLE_BEFORE.search(text[max(0, right.start - 40):right.start]) or (
                _is_capitalised(left) and left.key not in _NOT_ALONE
                and left.key not in _CONNECTORS and not left.text.isupper()
                and text[right.end:right.end + 1] in (" ", ",", ".", "'", "\u2019")
                and _FIRST_NAME_SHAPE.fullmatch(left.text)
                and not gazetteer.candidates(left.key)):
            names.add(right.text)
    for first, initial, last in zip(tokens, tokens[1:], tokens[2:], strict=False):
        # "Gerald R. Ford", "George W. Bush": the names around a middle initial
        if len(initial.text) == 1 and initial.text.isupper() and \
                text[initial.end:last.start] == ". " and text[first.end:initial.start] == " " \
                and _FIRST_NAME_SHAPE.fullmatch(first.text) and _is_capitalised(last):
            names.update((first.text, last.text))
    return frozenset(names)


_CONTRACTION = re.compile(r"['\u2019](?:ve|ll|re|m|d|t)$", re.I)
_FIRST_NAME_SHAPE = re.compile(r"[A-Z][a-z]{2,}")


def _state_abbreviation(text: str, tokens: list[Token], i: int, gazetteer: Gazetteer
                        ) -> tuple[Candidate, int] | None:
    """A US state as newspapers abbreviate it: "Kan.", "S.C.", "D.C.", "W. Va."."""
    first = tokens[i]
    if not first.text[:1].isupper() or len(first.key) > 5:
        return None
    for used in (2, 1):
        last = tokens[i + used - 1] if i + used - 1 < len(tokens) else None
        if last is None or (used == 2 and text[first.end:last.start] != ". "):
            continue
        end = last.end + 1 if text[last.end:last.end + 1] == "." else last.end
        written = text[first.start:end]
        bare = written.rstrip(".")
        if "." not in written or ("." not in bare and not _takes_dot(bare, gazetteer)):
            continue  # no abbreviation, or a postal code ending a sentence ("NC.")
        code = gazetteer.us_state(written)
        if code:
            return Candidate(first.start, end, written, normalize(written),
                             state_abbreviation=code), used
    return None


_GROUP_NOUNS = frozenset({"fighters", "militants", "rebels", "mercenaries", "group", "forces",
                          "troops", "militia", "militias", "soldiers", "brigade", "movement"})
_ADMIN_SUFFIXES = frozenset({"region", "oblast", "province", "governorate", "prefecture",
                             "county", "district", "state", "krai", "republic"})


def _with_admin_suffix(text: str, tokens: list[Token], j: int, best: tuple[Candidate, int],
                       gazetteer: Gazetteer) -> tuple[Candidate, int]:
    """Extend "Kursk" to "Kursk region" when the gazetteer knows the longer name."""
    if j + 1 >= len(tokens) or tokens[j + 1].key not in _ADMIN_SUFFIXES or not _joins(
            text, tokens[j], tokens[j + 1]):
        return best
    candidate, used = best
    key = f"{candidate.key} {tokens[j + 1].key}"
    if not gazetteer.candidates(key):
        return best
    end = tokens[j + 1].end
    return Candidate(candidate.start, end, text[candidate.start:end], key), used + 1


def _takes_dot(state: str, gazetteer: Gazetteer) -> bool:
    """True when the full stop after a state belongs to it: "N.C.", "Kan." (not "Texas."
    or the postal "NC." ending a sentence)."""
    if "." in state:
        return True
    if state.isupper() and len(state) == 2:
        return False
    return not any(p.kind == "admin1" and p.name == state
                   for p in gazetteer.candidates(normalize(state)))


def _can_start(token: Token) -> bool:
    """A name starts with a capitalised word, or a direction adjective ("eastern Europe")."""
    return bool(token.key) and (_is_capitalised(token) or token.key in _DIRECTIONS)


def _is_capitalised(token: Token) -> bool:
    """True for "Kyiv", "U.S.", "KYIV" (datelines), and for the Arabic article joined to a
    name ("ez-Zor" in "Deir ez-Zor", "el-Fasher")."""
    return token.text[:1].isupper() or _ARTICLE_JOINED.match(token.text) is not None


_ARTICLE_JOINED = re.compile(r"(?:al|el|ez|ad|ed|as|es|ash|an|ar|at|az|adh|ath|ud|um)-[A-Z]")


def _joins(text: str, left: Token, right: Token) -> bool:
    """True when two tokens are separated by nothing but one space or a hyphen, or by the
    full stop of an abbreviation ("St. Petersburg", "Ft. Bragg")."""
    gap = text[left.end:right.start]
    return gap in (" ", "-", "\u2011") or (gap == ". " and left.key in _NAME_ABBREVIATIONS)


_NAME_ABBREVIATIONS = frozenset({"saint", "sainte", "fort", "mount", "port"})
# Alliances written as words ("Nato" in British style) are no towns of the same name.
_ALLIANCES = frozenset({"nato", "otan", "csto", "osce", "asean", "ecowas"})


def _acceptable(text: str, tokens: list[Token], i: int, j: int, key: str,
                gazetteer: Gazetteer, people: frozenset[str]) -> bool:
    """Reject lone common words ("March"), acronyms ("NATO", "AFP") and people's names
    ("President Vladimir Putin", "Mark Rutte") that happen to be places somewhere."""
    token = tokens[i]
    before = text[max(0, token.start - 40):token.start]
    if _TITLE_BEFORE.search(before):
        return False
    if j + 1 < len(tokens) and tokens[j + 1].key in ("fleet", "flotilla") and \
            text[tokens[j].end:tokens[j + 1].start] == " ":
        return False  # "the Black Sea Fleet", "the Caspian Flotilla": a force, not a place
    if j > i:
        return True
    if token.key in _DIRECTIONS or len(token.key) < 2 or _CONTRACTION.search(token.text) \
            or token.key in _ALLIANCES:
        return False
    if token.text.isupper() and "." not in token.text and gazetteer.country_code(
            token.text) is None and not _is_major(gazetteer.candidates(key)):
        return False  # acronyms; all-caps datelines of real cities pass
    after_place_word = _PLACE_PREPOSITIONS.search(before) is not None
    if token.key in _PERSON_LIKE:
        return after_place_word
    if token.key in _UNIT_LIKE:
        words = before.split()
        return not words or words[-1].lower() not in _DETERMINERS
    if token.key in _NOT_ALONE or (token.text in people and not after_place_word):
        return False
    previous = tokens[i - 1] if i > 0 else None
    if previous is not None and _is_capitalised(previous) and text[
            previous.end:token.start] == " " and not after_place_word \
            and previous.key not in _NOT_ALONE:
        return False  # "Michael Jackson": a first name before it
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is not None and following.key in _GROUP_NOUNS and not _is_major(
            gazetteer.candidates(key)):
        return False  # "Wagner fighters", "Houthi rebels": a group, not a town
    if following is not None and _is_capitalised(following) and text[
            token.end:following.start] == " " and not _is_major(gazetteer.candidates(key)):
        return False  # "Alexander Grushko": a surname after it
    return True


def _is_major(places: tuple[Place, ...]) -> bool:
    """True when a name's places include a country, a first-level area or a large city."""
    return any(p.kind not in ("city", "admin2") or (p.population or 0) >= 100_000
               for p in places)


_TITLE_BEFORE = re.compile(
    r"\b(?:President|Prime Minister|Minister|Chancellor|Secretary|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|"
    r"Gov|Lt|Col|Sgt|Capt|Adm|spokesman|spokeswoman|spokesperson|leader|counterpart|"
    r"King|Queen|Prince|Pope|Premier|Ambassador|envoy|director|chief|Judge|Justice|"
    r"Officer|Detective|Coach|Senator|Governor|Mayor)\.?\s+$")



def _state_after(text: str, tokens: list[Token], k: int, gazetteer: Gazetteer, used: int,
                 i: int) -> tuple[tuple[str, Candidate] | None, int]:
    """Detect a US state written after a comma: "Fort Bragg, N.C." or "Austin, Texas"."""
    if k >= len(tokens):
        return None, used
    token = tokens[k]
    gap = text[tokens[k - 1].end:token.start]
    if gap.strip() != ",":
        return None, used
    code = gazetteer.us_state(token.text) if _is_capitalised(token) else None
    span_end = token.end
    if code is None and k + 1 < len(tokens) and text[token.end:tokens[k + 1].start] == " ":
        two = f"{token.text} {tokens[k + 1].text}"
        code = gazetteer.us_state(two)
        span_end = tokens[k + 1].end if code else span_end
    if code is None:
        return None, used
    if token.text.isupper() and len(token.text) == 2 and text[span_end:span_end + 1].isalpha():
        return None, used
    state_text = text[token.start:span_end]
    if text[span_end:span_end + 1] == "." and _takes_dot(state_text, gazetteer):
        span_end += 1
        state_text = text[token.start:span_end]
    state = Candidate(token.start, span_end, state_text, normalize(state_text),
                      state_abbreviation=code)
    consumed = sum(1 for t in tokens[k:] if t.end <= span_end)
    return (code, state), used + consumed


# Capitals standing alone: a place's initials ("CAR" after "Central African Republic").
_INITIALISM = re.compile(r"(?<![\w.-])[A-Z]{3,6}(?![\w-])(?!\.\w)")


def initialisms(text: str, named: Sequence[tuple[int, int, str, Place | None]]
                ) -> list[tuple[int, int, str, Place]]:
    """The places a story names again by their initials: "Rwanda will send troops to the
    Central African Republic ... arrive in CAR", "Papua New Guinea ... PNG troops". Only
    initials of a place of three or more capitalised words named in the same text count,
    so an acronym never resolves to an unrelated town. ``named``: (start, end, text, place)
    of the toponyms found."""
    places: dict[str, Place] = {}
    for _, _, words, place in named:
        capitals = [w[0] for w in words.split() if w[:1].isupper()]
        if place is not None and len(capitals) >= 3:
            places.setdefault("".join(capitals), place)
    if not places:
        return []
    taken = sorted((start, end) for start, end, _, _ in named)
    starts = [start for start, _ in taken]
    found = []
    for match in _INITIALISM.finditer(text):
        place = places.get(match.group())
        if place is None:
            continue
        i = bisect.bisect_left(starts, match.end())  # toponyms starting before its end
        if i and taken[i - 1][1] > match.start():  # the last of them reaches into it
            continue
        found.append((match.start(), match.end(), match.group(), place))
    return found
