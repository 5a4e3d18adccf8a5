"""Reading a parsed sentence: which extracted span each token falls in, noun phrases,
prepositions and coordinated phrases (the places they give are ``placing``'s).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.extract.lexicon import (
    AT,
    BASE_NOUNS,
    FROM,
    MILITARY_HEADS,
    MILITARY_MODIFIERS,
    NOMINAL,
    NUMBER,
    TO,
    Token,
)
from dashboard.records import Actor, Force, Mention


@dataclass(frozen=True, slots=True)
class Place:
    """A place slot: the mention and how it is drawn."""

    mention: Mention
    extent: str = "point"
    sides: tuple[str, ...] = ()
    border_with: str | None = None


@dataclass(frozen=True, slots=True)
class Slots:
    """The places a trigger's obliques give, by role."""

    to: tuple[Place, ...] = ()
    source: Place | None = None
    at: tuple[Place, ...] = ()
    sources: tuple[Place, ...] = ()  # every origin of "from Mali, Burkina Faso and Niger"
    parties: tuple[Place, ...] = ()  # "between Russia and Belarus"


class Index:
    """Which extracted span (place, force, actor) each token of a parsed sentence falls in."""

    def __init__(self, doc: Any, offset: int, places: Sequence[Mention],
                 forces: Sequence[Force], actors: Sequence[Actor],
                 earlier: Sequence[Mention] = ()) -> None:
        self.doc, self.offset = doc, offset
        # A name read as a government ("Niger have") is still a place after "from", "to".
        self.place = self._spans(doc, offset, [m for m in places if m.role != "demonym"])
        self.mention = self._spans(doc, offset, places)
        self.mentions: list[Mention] = list(earlier) + list(places)
        self.person: dict[int, str] = {}
        self.force = self._spans(doc, offset, forces)
        self.actor = self._spans(doc, offset, actors)
        self.forces = list(forces)
        self.avoid: str | None = None  # a country "the country" does not stand for: the
        # actor of the event being read

    @staticmethod
    def _spans(doc: Any, offset: int, spans: Sequence[Any]) -> dict[int, Any]:
        """Token index -> the span holding the token's first character (spans sorted)."""
        ordered = sorted(spans, key=lambda s: s.start)
        starts = [s.start for s in ordered]
        out: dict[int, Any] = {}
        for token in doc:
            at = offset + token.idx
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and ordered[i].start <= at < ordered[i].end:
                out[token.i] = ordered[i]
        return out

    def antecedent(self, before: int, kinds: tuple[str, ...] | None) -> Mention | None:
        """The last resolved place of one of ``kinds`` (any place named as a place for
        None) named before an offset, in this sentence or (through ``earlier``) the
        sentence before."""
        named = [m for m in self.mentions if m.end <= before and m.place is not None and (
            m.place.kind in kinds and m.role != "demonym" if kinds else m.role == "place")
            and not any(f.start <= m.start and m.end <= f.end for f in self.forces)
            and not (self.avoid and m.place.kind == "country" and m.place.country == self.avoid)]
        # ("2,500 U.S. troops remain in the country": not the troops' own country)
        return max(named, key=lambda m: m.end) if named else None

    def next_party(self, first: Place) -> list[Place]:
        """The place named right after ``first`` and joined to it by "and" ("Russia and
        neighboring Belarus"), when the parse has lost it."""
        for m in self.mentions:
            if m.start <= first.mention.end or m.place is None or m.role == "demonym":
                continue
            gap = self.doc.text[first.mention.end - self.offset:m.start - self.offset]
            if _AND_GAP.fullmatch(gap):
                return [Place(m, "area" if m.place.kind != "city" else "point")]
            break
        return []

    def span(self, token: Token) -> tuple[int, int]:
        """Article offsets of a token."""
        return self.offset + token.idx, self.offset + token.idx + len(token.text)


def phrase(token: Token, owned: bool = False) -> Iterator[Token]:
    """The token and its nominal dependents (no clauses, no coordinated phrases); with
    ``owned``, without the modifiers that say where it is or goes ("troops in Mali")."""
    stack = [token]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(c for c in current.children if c.dep_ in NOMINAL and not (
            owned and c.dep_ == "nmod" and case_of(c) in TO | FROM | AT | {"for"}))


def case_of(token: Token) -> str:
    """The preposition(s) of an oblique or nominal modifier, lower case ("out of" -> "out").
    A preposition the parse hung on a modifier before the noun ("to the breakaway region",
    with "to" on "breakaway") is the noun's own."""
    words = [c.lower_ for c in token.children if c.dep_ in ("case", "mark")]
    if words:
        return words[0]
    for child in token.children:
        if child.i < token.i and child.dep_ in _PREMODIFIERS:
            stranded = [c.lower_ for c in child.children if c.dep_ == "case" and c.i < child.i]
            if stranded:
                return stranded[0]
    return ""


_PREMODIFIERS = frozenset({"compound", "amod"})


def coordinated(token: Token) -> list[Token]:
    """A token and the phrases coordinated with it ("Poland, Romania and Germany")."""
    out, stack = [], [token]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(c for c in current.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


_AND_GAP = re.compile(r"\s+and\s+(?:the\s+)?(?:[a-z]+\s+)?")


def occurrences(text: str, word: str) -> Iterator[int]:
    """Offsets of every occurrence of ``word`` in ``text``."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def number(text: str) -> int | None:
    """A written count ("2,000" -> 2000), or None."""
    match = NUMBER.fullmatch(text)
    return int(match.group().replace(",", "")) if match else None


def is_base_noun(token: Token) -> bool:
    """Whether a noun is a base, camp or other installation, in the singular or plural (the
    lookup lemmatizer reads "bases" as "basis")."""
    word = token.lower_
    return token.lemma_.lower() in BASE_NOUNS or word.endswith("s") and word[:-1] in BASE_NOUNS


def is_partitive(token: Token) -> bool:
    """ "Of the 3,000 sailors": the whole that later counts are parts of."""
    return token.dep_ in ("obl", "nmod") and case_of(token) == "of" and any(
        c.dep_ in ("nsubj", "nsubj:pass") and c.tag_ == "CD" for c in token.head.children)


def is_stative(trigger: Token) -> bool:
    """A participle saying where a force is, not that it moves: "troops deployed in Iraq",
    "remain deployed in", "are deployed in"."""
    if trigger.dep_ in ("acl", "amod"):  # (a participle with an object is a main verb the
        return not any(c.dep_ == "obj" for c in trigger.children)  # parse hung on its subject)
    auxes = {c.lemma_.lower() for c in trigger.children if c.dep_ in ("aux", "aux:pass",
                                                                       "cop")}
    return trigger.tag_ == "VBN" and bool(auxes & {"be", "remain", "stay"}) and not any(
        c.dep_ in ("obl", "obl:agent") and case_of(c) == "by" for c in trigger.children)


def is_civilian(token: Token) -> bool:
    """Whether a noun's own words make it civilian: a modifier or an "of" member that is
    neither military nor a force ("a research base", "a fan base", "steel reinforcements",
    "reinforcements of doctors", "a fleet of 40 buses")."""
    for child in token.children:
        words = [child] if child.dep_ in ("compound", "amod") else [
            g for g in coordinated(child)] if child.dep_ == "nmod" and case_of(child) == "of" \
            else []
        for word in words:
            lemma = word.lemma_.lower()
            if word.tag_.startswith(("NN", "JJ")) and not word.text[:1].isupper() and not (
                    lemma in MILITARY_MODIFIERS | MILITARY_HEADS | _MILITARY_BASE_WORDS
                    or lemma.removesuffix("s") in MILITARY_HEADS):
                return True
    return False


_MILITARY_BASE_WORDS = frozenset("air naval missile drone forward operating logistics "
                                 "submarine airborne helicopter rocket radar combat new "
                                 "permanent large major key main second first".split())
