"""Military events from a sentence's dependency parse, not from its word order.

A trigger is a verb or noun whose lemma is in ``FRAMES`` (send, deploy, withdraw, station,
drills...). Its slots come from grammatical relations: the force moved is the object, the
passive subject or the subject of an intransitive motion verb ("of" after a noun trigger);
the sender is the subject of a transitive trigger or the "by" agent; the prepositions of
its obliques say which place is a destination (to, into, toward), an origin (from, out of)
or a location (in, at, near, along). Coordinated places become one event each, and a count
that stands for part of an earlier force ("of the 3,000 sailors, 2,000 will go to Rota")
keeps its own count. The actor follows the force: its own words, then the sender, never
the place it is in or going to.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dashboard.extract.events import ANY_TRIGGER, Draft, clauses, is_weapons_delivery
from dashboard.extract.modality import modality_of
from dashboard.records import Actor, Force, Mention, Sentence

Token = Any  # a spaCy Token; spaCy is imported only where the parser is loaded
ActorOf = Callable[[str], "str | None"]

# Trigger lemmas and the frame they open. Verbs and nouns are looked up apart.
_MOVE_VERBS = frozenset(
    "send order deploy redeploy dispatch move fly airlift ship sail transfer relocate rush arrive "
    "land enter head march advance go return pour roll cross invade bring reach storm "
    "reinforce reposition shift surge dock".split())
_LEAVE_VERBS = frozenset("withdraw leave depart retreat evacuate exit quit abandon".split())
_PULL_VERBS = frozenset("pull draw move fly".split())  # with "out", "back", "away"
_STAY_VERBS = frozenset(
    "station base mass amass position garrison remain stay patrol operate concentrate "
    "gather keep maintain poise deploy build".split())
_DRILL_VERBS = frozenset("drill exercise".split())
FRAMES: dict[tuple[str, str], str] = {
    **{("V", lemma): "deployment" for lemma in _MOVE_VERBS},
    **{("V", lemma): "withdrawal" for lemma in _LEAVE_VERBS},
    **{("V", lemma): "presence" for lemma in _STAY_VERBS - {"deploy"}},
    **{("V", lemma): "exercise" for lemma in _DRILL_VERBS},
    **{("N", lemma): "deployment" for lemma in
       "deployment redeployment dispatch arrival transfer invasion incursion".split()},
    **{("N", lemma): "withdrawal" for lemma in
       "withdrawal pullout pull-out departure drawdown retreat evacuation".split()},
    **{("N", lemma): "presence" for lemma in
       "presence buildup build-up concentration garrison".split()},
    **{("N", lemma): "exercise" for lemma in
       "drill exercise manoeuvre maneuver wargame war-game".split()},
}
# Verbs whose "in X" is where the force ends up ("arrived in Romania").
_IN_IS_DESTINATION = frozenset("arrive land deploy station base enter dock send".split())
# Verbs whose bare object is a place: where the force goes, or what it leaves.
_OBJECT_DESTINATION = frozenset("enter invade reach cross storm".split())
_OBJECT_ORIGIN = frozenset("leave depart exit evacuate quit abandon".split())
_TO = frozenset({"to", "into", "toward", "towards", "onto"})
_FROM = frozenset({"from", "out"})
_AT = frozenset({"in", "at", "near", "along", "inside", "across", "around", "on", "off",
                 "outside", "within", "throughout", "over", "between", "beyond"})
_BORDER_WORDS = frozenset({"border", "frontier", "boundary", "line"})
_SIDES = re.compile(r"north|south|east|west")
# "left the country", "entered the city": the last place of that kind named before.
_DEFINITE_PLACES = {"country": ("country",), "nation": ("country",), "city": ("city",),
                    "town": ("city",), "capital": ("city",), "region": ("admin1", "region"),
                    "province": ("admin1",), "enclave": ("conflict_area", "region", "city"),
                    "territory": ("conflict_area", "region", "admin1", "country")}
# Words that head a force phrase when no count is given ("the brigade departed").
MILITARY_HEADS = frozenset(
    "troop soldier force brigade battalion division regiment unit army navy marine "
    "paratrooper sailor airman fighter militant peacekeeper contingent battlegroup "
    "warship destroyer carrier frigate submarine bomber jet drone tank commando "
    "reservist mercenary personnel garrison corps squadron fleet ship vessel".split())
# A sentence is parsed only when it has a force or one of these words: the parse is the
# costly step, and a sentence without them holds no military event.
MILITARY_WORDS = re.compile(
    r"\b(?:troop|soldier|forces|brigade|battalion|regiment|armies|army|navy|navies|marine|"
    r"paratrooper|sailor|airm[ae]n|fighters|militant|militia|rebel|insurgent|peacekeep|"
    r"contingent|battle ?group|warship|destroyer|aircraft carrier|frigate|submarine|bomber|"
    r"fighter jet|drone|tank|commando|reservist|mercenar|garrison|squadron|fleet|vessel|"
    r"drill|exercise|manoeuvre|maneuver|war ?game|deploy|redeploy|withdr[ae]w|pull(?:ed|s|ing)? "
    r"(?:out|back)|station(?:ed|ing)|buildup|build-up|massing|massed)", re.I)
_NOMINAL = frozenset({"compound", "amod", "nmod", "nmod:poss", "flat", "det", "case",
                      "nummod", "fixed", "det:poss", "nmod:npmod", "nmod:tmod", "appos",
                      "advmod", "dep"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "they", "them"})
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,7}")


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


class _Index:
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

    def antecedent(self, before: int, kinds: tuple[str, ...]) -> Mention | None:
        """The last resolved place of one of ``kinds`` named before an offset, in this
        sentence or (through ``earlier``) the story so far."""
        named = [m for m in self.mentions if m.end <= before and m.place is not None
                 and m.place.kind in kinds and m.role != "demonym"]
        return max(named, key=lambda m: m.end) if named else None

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
        stack.extend(c for c in current.children if c.dep_ in _NOMINAL and not (
            owned and c.dep_ == "nmod" and _case(c) in _TO | _FROM | _AT | {"for"}))


def _case(token: Token) -> str:
    """The preposition(s) of an oblique or nominal modifier, lower case ("out of" -> "out")."""
    words = [c.lower_ for c in token.children if c.dep_ in ("case", "mark")]
    return words[0] if words else ""


def _coordinated(token: Token) -> list[Token]:
    """A token and the phrases coordinated with it ("Poland, Romania and Germany")."""
    out, stack = [], [token]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(c for c in current.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def _place_of(token: Token, index: _Index) -> Place | None:
    """The place a noun phrase names: "Ukraine's northern border" is a border band; "the
    country" is the last country named before it."""
    tokens = sorted(phrase(token), key=lambda t: (t.i != token.i, t.i))
    mention = next((index.place[t.i] for t in tokens if t.i in index.place), None)
    if mention is None and token.lemma_.lower() in _DEFINITE_PLACES and any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        mention = index.antecedent(index.span(token)[0], _DEFINITE_PLACES[token.lemma_.lower()])
    if mention is None or mention.place is None:
        return None
    if token.lemma_.lower() in _BORDER_WORDS and token.i not in index.place:
        sides = tuple(dict.fromkeys(
            m.group() for c in token.children if c.dep_ == "amod"
            for m in _SIDES.finditer(c.lower_)))
        with_ = [c for c in token.children if c.dep_ == "nmod" and _case(c) == "with"]
        other = _place_of(with_[0], index) if with_ else None
        owner = [c for c in token.children if c.dep_ in ("nmod:poss", "compound", "amod")
                 and c.i in index.place]
        if other is not None and not owner:  # "its border with Eritrea"
            return Place(other.mention, "border", sides)
        partner = other.mention.place.country if other and other.mention.place else None
        return Place(mention, "border", sides, partner)
    kind = mention.place.kind
    return Place(mention, "point" if kind in ("city", "base", "installation") else "area")


def _places(token: Token, index: _Index) -> tuple[Place, ...]:
    """The places of a slot and of every phrase coordinated with it."""
    found = (_place_of(t, index) for t in _coordinated(token))
    return tuple(p for p in found if p is not None)


def slots_of(trigger: Token, index: _Index, lemma: str, force: Token | None = None) -> Slots:
    """Destinations, origin and locations given by a trigger's obliques and object, and by
    the modifiers of its force ("troops from Mali", "soldiers based in Italy")."""
    to: list[Place] = []
    at: list[Place] = []
    held: Place | None = None  # where the force is before it moves
    if force is not None:
        for child in force.children:
            if child.dep_ == "nmod" and _case(child) in _AT:
                held = held or next(iter(_places(child, index)), None)
            if child.dep_ == "acl" and child.lemma_.lower() in _STAY_VERBS:
                held = held or next(iter(slots_of(child, index, "base").at), None)
        if force.dep_ in ("nsubj", "nsubj:pass") and force.head.i != trigger.i and \
                force.head.lemma_.lower() in _STAY_VERBS:
            held = held or next(iter(slots_of(force.head, index, "base").at), None)
    sources: list[Place] = []
    for child in _slot_tokens(trigger, force):
        head_case = _case(child)
        between = []
        for item in _coordinated(child):  # each conjunct keeps its own preposition:
            place = _place_of(item, index)  # "from Fort Bragg, North Carolina, to Poland"
            case = _case(item) or head_case
            if place is None:
                continue
            if child.dep_ == "obj" and (item is child or not _case(item)):
                if lemma in _OBJECT_DESTINATION:
                    to.append(place)
                elif trigger.lemma_.lower() == "patrol":
                    at.append(place)
                elif lemma in _OBJECT_ORIGIN:
                    sources.append(place)
            elif case in _TO or (case == "for" and lemma in _OBJECT_ORIGIN | {"head"}):
                to.append(place)
            elif case in _FROM:
                sources.append(place)
            elif case == "between":
                between.append(place)
            elif case in _AT:
                at.append(place)
        at.extend(between[-1:])  # "drills between Russia and Belarus": the host is last
    if not sources and held is not None and to:
        sources.append(held)
    return Slots(tuple(to), sources[0] if sources else None, tuple(at), tuple(sources))


def _slot_tokens(trigger: Token, force: Token | None) -> list[Token]:
    """The trigger's obliques and object, and the modifiers of its object and force: a
    parse often hangs "to Poland" on "troops" rather than on "sent"."""
    out = []
    if force is not None and force.head.i == trigger.i or force is not None and \
            trigger.tag_.startswith("NN"):
        out.extend(c for c in force.children if c.dep_ == "nmod" and _case(c) in _TO | _FROM)
    for child in trigger.children:
        if child.dep_ not in ("obl", "nmod", "obj", "advmod", "obl:npmod", "obl:agent"):
            continue
        out.append(child)
        if child.dep_ in ("obj", "nsubj:pass"):
            out.extend(c for c in child.children if c.dep_ == "nmod" and _case(c) != "of")
    for child in trigger.children:  # "troops were sent to": the passive subject's modifiers
        if child.dep_ == "nsubj:pass":
            out.extend(c for c in child.children if c.dep_ == "nmod" and _case(c) in _TO)
    return out


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Offsets of every occurrence of ``word`` in ``text``."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def _number(text: str) -> int | None:
    """A written count ("2,000" -> 2000), or None."""
    match = _NUMBER.fullmatch(text)
    return int(match.group().replace(",", "")) if match else None


class Reader:
    """Reads the military frames of one parsed sentence."""

    def __init__(self, text: str, sentence: Sentence, doc: Any, places: Sequence[Mention],
                 forces: Sequence[Force], actors: Sequence[Actor],
                 actor_of: ActorOf, people: dict[str, str | None] | None = None,
                 earlier: Sequence[Mention] = ()) -> None:
        self.text, self.sentence, self.doc = text, sentence, doc
        self.index = _Index(doc, sentence.start, places, forces, actors, earlier)
        for name, code in (people or {}).items():
            if code is None:
                continue
            for at in _occurrences(sentence.text, name):
                for token in doc:
                    if at <= token.idx < at + len(name):
                        self.index.person[token.i] = code
        self.actor_of = actor_of
        self.used: set[int] = set()  # token indices of forces a frame has taken
        self.last_actor: str | None = None  # the sentence's latest sender or owner

    # -- forces ---------------------------------------------------------------------------
    def force_of(self, token: Token | None) -> Force | None:
        """The force a noun phrase names, an elided one ("2,000 will go") or None."""
        if token is None:
            return None
        if token.lower_ in _RELATIVE_PRONOUNS and token.head.dep_ != "ROOT":
            relative = token.head
            if relative.dep_ in ("acl:relcl", "acl") and relative.head.i != token.i:
                return self.force_of(relative.head)
        if token.i not in self.index.force:
            whole = [c for c in token.children if c.dep_ == "nmod" and _case(c) == "of"]
            if token.tag_ == "CD" and _number(token.text) is not None and whole:
                part_of = self.force_of(whole[0])  # "the last 50 of the 1,500 soldiers"
                if part_of is not None:
                    start, end = self.index.span(token)
                    return Force(start, end, token.text, count=_number(token.text),
                                 count_text=token.text, personnel=part_of.personnel,
                                 actor=part_of.actor)
        for t in sorted(phrase(token), key=lambda t: (t.i != token.i, t.i)):
            if t.i in self.index.force:
                return self.index.force[t.i]
        return self._implied_force(token)

    def _implied_force(self, token: Token) -> Force | None:
        """A force the extractor did not list: a count standing for an earlier force's
        people ("2,000 will go", "20,000 more"), or a military noun without a count."""
        numbers = [t for t in phrase(token) if t.tag_ == "CD" and _number(t.text) is not None]
        lemma = token.lemma_.lower()
        if numbers and (token.tag_ == "CD" or token.lower_ in ("more", "others", "another")):
            template = self._template(token)
            start, end = self.index.span(numbers[0])
            end = max(end, self.index.span(token)[1])
            return Force(start, end, self.text[start:end], count=_number(numbers[0].text),
                         count_text=numbers[0].text,
                         personnel=template.personnel if template else None,
                         actor=template.actor if template else None)
        if token.tag_.startswith("NN") and (lemma in MILITARY_HEADS
                                            or lemma.removesuffix("s") in MILITARY_HEADS):
            words = sorted(phrase(token), key=lambda t: t.i)
            start, end = self.index.span(words[0])[0], self.index.span(words[-1])[1]
            owner = self.owner(token)
            return Force(start, end, self.text[start:end], personnel=token.lower_,
                         actor=owner)
        return None

    def _template(self, token: Token) -> Force | None:
        """The force an elided count takes its people from: the nearest one before it."""
        start = self.index.span(token)[0]
        before = [f for f in self.index.forces if f.start < start and f.personnel]
        return before[-1] if before else None

    # -- actors ---------------------------------------------------------------------------
    def code_of(self, token: Token) -> str | None:
        """The actor a noun phrase names: a country, a demonym, a seat of government (not
        a place the phrase's modifiers locate it in: "its troops from Mali")."""
        for t in sorted(phrase(token, owned=True), key=lambda t: (t.i != token.i, t.i)):
            if t.i in self.index.actor:
                return self.index.actor[t.i].code
            mention = self.index.mention.get(t.i)
            if mention is not None and mention.place is not None and (
                    mention.place.kind == "country" or mention.role == "actor"
                    or mention.place.feature_code == "PPLC"):  # "Tokyo could send"
                return mention.place.country
            if t.i in self.index.person:
                return self.index.person[t.i]
        return None

    def owner(self, token: Token) -> str | None:
        """Whose force or event a noun is by its own words: "Germany's", "US", "British";
        "its"/"their" stand for the sentence's first actor named before them."""
        for child in token.children:
            if child.dep_ == "nmod:poss" and child.lower_ in ("its", "their"):
                return self.governing_subject(token) or self.first_actor(
                    self.index.span(child)[0])
            if child.dep_ in ("nmod:poss", "compound", "amod", "nmod"):
                if child.dep_ == "nmod" and _case(child) != "of":
                    continue
                code = self.actor_of(child.text) or self.code_of(child)
                if code:
                    return code
        return None

    def governing_subject(self, token: Token) -> str | None:
        """The actor of the subject of the verb a noun phrase depends on ("Moscow demanded
        that NATO withdraw its troops": NATO's; "NATO, which leads a force of 4,500")."""
        verb = token
        for _ in range(4):
            if verb.head.i == verb.i:
                return None
            verb = verb.head
            if verb.tag_.startswith("VB"):
                return self.subject_code(verb)
        return None

    def first_actor(self, before: int) -> str | None:
        """The first actor the sentence names before an offset (its subject, mostly)."""
        named = [a for a in self.index.actor.values() if a.start < before]
        return min(named, key=lambda a: a.start).code if named else None

    def sender(self, trigger: Token, force_token: Token | None) -> str | None:
        """Who sends or holds the force: the "by" agent of a passive, the owner or the
        subject's verb of a noun trigger ("France completed the withdrawal of its troops"),
        the subject of a transitive trigger, the controller of "called on Germany to
        deploy", or a subject further up for "it"/"they"."""
        for child in trigger.children:
            if child.dep_ in ("obl", "obl:agent", "nmod") and _case(child) == "by":
                return self.code_of(child)
        if trigger.tag_.startswith("NN"):
            return self.owner(trigger) or (self.subject_code(trigger.head)
                                           if trigger.dep_ == "obj" else None)
        transitive = force_token is not None and (
            force_token.dep_ in ("obj", "obl") or force_token.head.i != trigger.i)
        if not transitive:
            return None
        return self.subject_code(trigger)

    def subject_code(self, verb: Token) -> str | None:
        """The actor of a verb's subject. For "it"/"they" or a subjectless infinitive the
        verbs it depends on are asked in turn ("Sweden denied reports that it had sent",
        "Moscow has no plans to send"); "called on Germany to deploy" is Germany's act;
        the subject "who" of a relative clause is the noun it modifies."""
        for _ in range(5):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:outer")]
            if subjects and subjects[0].lower_ in ("who", "which", "that") and \
                    verb.dep_ == "acl:relcl":
                return self.code_of(verb.head)
            if subjects and subjects[0].lower_ not in _RELATIVE_PRONOUNS | {"it", "we"}:
                return self.code_of(subjects[0])
            if not subjects and any(c.dep_ == "mark" and c.lower_ == "to"
                                    for c in verb.children):
                for c in verb.head.children:  # "urged Japan to", "called on Germany to"
                    if c.dep_ == "obj" or (c.dep_ == "obl" and _case(c) == "on"):
                        code = self.code_of(c)
                        if code:
                            return code
            if verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    # -- frames ---------------------------------------------------------------------------
    def frame_type(self, token: Token) -> tuple[str, str] | None:
        """(frame, lemma) when the token triggers a military frame."""
        lemma = token.lemma_.lower()
        tag = token.tag_
        if tag.startswith("VB"):
            particles = {c.lower_ for c in token.children if c.dep_ == "compound:prt"}
            if lemma in _PULL_VERBS and particles & {"out", "back", "away"}:
                return "withdrawal", "withdraw"
            if lemma == "build" and "up" not in particles:
                return None
            if lemma == "deploy":
                return "deployment", lemma
            frame = FRAMES.get(("V", lemma))
        elif tag.startswith("NN"):
            frame = FRAMES.get(("N", lemma))
        else:
            frame = None
        return (frame, lemma) if frame else None

    def force_slot(self, trigger: Token) -> Token | None:
        """The token naming the force a trigger is about."""
        deps: dict[str, list[Token]] = {}
        for child in trigger.children:
            deps.setdefault(child.dep_, []).append(child)
        if trigger.tag_.startswith("NN"):
            order = ("nmod", "compound", "nmod:poss")
            for dep in order:
                for child in deps.get(dep, []):
                    if (dep != "nmod" or _case(child) == "of") and self.force_of(child):
                        return child
            if trigger.dep_ in ("nsubj", "nsubj:pass"):  # "the deployments included 2,000
                for child in trigger.head.children:        # troops to Poland"
                    if child.dep_ == "obj" and self.force_of(child):
                        return child
            return None
        for clause in deps.get("csubj", []):  # a reduced relative read as a clausal subject:
            if "nsubj" in deps or "nsubj:pass" in deps:  # "troops based in X will move"
                break
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubj:pass") and self.force_of(child):
                    return child
        for dep in ("obj", "nsubj:pass", "nsubj", "obl"):
            for child in deps.get(dep, []):
                if dep == "obl" and _case(child) in _TO | _FROM | _AT | {"by", "of"}:
                    continue  # "sending about 4,800 soldiers": a count read as an oblique
                if self.force_of(child) is not None:
                    return child
        if trigger.dep_ in ("acl", "acl:relcl", "amod") and self.force_of(trigger.head):
            return trigger.head  # "troops based in Italy", "forces poised on the border"
        if trigger.dep_ in ("conj", "parataxis"):  # "another 2,000 stationed in the US are
            siblings = [c for c in trigger.head.children  # being flown to Germany": a
                        if c.dep_ == trigger.dep_ and c.i < trigger.i]  # split subject
            for sibling in reversed(siblings):
                subjects = [c for c in sibling.children if c.dep_ in ("nsubj", "nsubj:pass")]
                if subjects:
                    if self.force_of(subjects[0]) and not any(
                            c.dep_ in ("obj", "obl") and _case(c) in _TO
                            for c in sibling.children):
                        return subjects[0]
                    break
        if trigger.dep_ in ("xcomp", "conj", "advcl") and trigger.head.tag_.startswith("VB"):
            shared = [c for c in trigger.head.children if c.dep_ in ("obj", "nsubj:pass",
                                                                    "nsubj")]
            if trigger.dep_ != "advcl" or not any(c.dep_ == "nsubj" for c in
                                                   trigger.children):
                for child in shared:
                    if self.force_of(child) is not None:
                        return child
        return None

    def drafts(self) -> list[Draft]:
        """Every military event draft of the sentence."""
        out: list[Draft] = []
        for token in self.doc:
            found = self.frame_type(token)
            if found is not None:
                out.extend(self._frame(token, *found))
        out.extend(self._stationed_forces())
        return _unique(_without_origins(out))

    def _frame(self, trigger: Token, frame: str, lemma: str) -> list[Draft]:
        """The drafts of one trigger."""
        force_token = self.force_slot(trigger)
        force = self.force_of(force_token)
        if frame == "exercise" and force_token is None:
            return self._exercise(trigger, lemma)
        if force is None or force_token is None or _is_partitive(force_token):
            return []
        slots = _with_partitive_origin(slots_of(trigger, self.index, lemma, force_token),
                                       trigger, self)
        actor = self._actor(force, force_token, trigger)
        build = _Builder(self, trigger, force, actor)
        if frame == "deployment":
            drafts = build.movement(slots, lemma)
        elif frame == "withdrawal":
            drafts = build.withdrawal(slots, lemma)
        elif frame == "presence":
            drafts = build.presence(slots.at or slots.to)
        else:
            drafts = build.exercise(slots)
        if drafts:
            self.used.update(t.i for t in phrase(force_token))
        return drafts

    def _actor(self, force: Force, force_token: Token, trigger: Token | None) -> str | None:
        """The force's own actor, else its sender; a count standing for part of an earlier
        force ("with 20,000 more in Transnistria") takes the sentence's latest actor."""
        whole = force_token.head if force_token.dep_ == "nmod" and _case(force_token) == "of" \
            else force_token  # "its last contingent of about 1,000 soldiers"
        actor = force.actor or self.owner(force_token) or self.owner(whole) or (
            self.sender(trigger, force_token) if trigger is not None else None)
        if actor is None and force_token.lower_ in ("more", "others") or \
                force_token.tag_ == "CD":
            actor = self.last_actor
        if actor is None and trigger is None:  # "Russia has 40,000 troops in ..."
            actor = self.governing_subject(force_token)
        if actor is None:  # a misparsed subject: the sentence's first actor before it
            actor = self.first_actor(self.index.span(trigger or force_token)[0])
        self.last_actor = actor or self.last_actor
        return actor

    def _exercise(self, trigger: Token, lemma: str) -> list[Draft]:
        """Drills need no force: "China held drills around Taiwan", "joint exercises in the
        Baltic Sea", "US and Philippine troops began exercises". The place is the trigger's
        or, for a noun, its verb's; the actor the owner or that verb's subject."""
        host = trigger.head if trigger.tag_.startswith("NN") and trigger.dep_ in (
            "obj", "nsubj", "nsubj:pass") else trigger
        places = slots_of(trigger, self.index, lemma).at or (
            slots_of(host, self.index, lemma).at if host is not trigger else ())
        if not places:
            return []
        actor = self.owner(trigger) or self.subject_code(host) or self.last_actor
        taking_part = [c for v in {trigger, host} for c in v.children
                       if c.dep_ in ("nmod", "obl", "nsubj") and _case(c) in ("with", "")]
        forces = [f for f in (self.force_of(c) for c in taking_part) if f is not None]
        build = _Builder(self, trigger, forces[0] if forces else None, actor)
        return build.exercise(Slots(at=places))

    def _stationed_forces(self) -> list[Draft]:
        """A force with no verb of its own: "1,500 Russian troops in Transnistria", "with
        20,000 more in Transnistria"."""
        out: list[Draft] = []
        for token in self.doc:
            if token.i in self.used or not token.tag_.startswith(("NN", "CD", "JJR")):
                continue
            if token.head.i in self.used and token.dep_ in _NOMINAL:
                continue
            places = [c for c in token.children if c.dep_ in ("nmod", "obl")
                      and _case(c) in _AT]
            if not places:
                continue
            force = self.force_of(token)
            if force is None or (force.count is None and not force.actor
                                 and token.lower_ not in ("more", "others")):
                continue
            self.used.update(t.i for t in phrase(token))
            where = _places(places[0], self.index)
            actor = self._actor(force, token, None)
            out.extend(_Builder(self, token, force, actor).presence(where))
        return out


def _is_partitive(token: Token) -> bool:
    """ "Of the 3,000 sailors": the whole that later counts are parts of."""
    return token.dep_ in ("obl", "nmod") and _case(token) == "of" and any(
        c.dep_ in ("nsubj", "nsubj:pass") and c.tag_ == "CD" for c in token.head.children)


def _with_partitive_origin(slots: Slots, trigger: Token, reader: Reader) -> Slots:
    """Parts of a force leaving a place leave from it: "Of the 3,000 sailors leaving
    Norfolk, 2,000 will go to Rota while 1,000 are sent to Souda Bay"."""
    if slots.source is not None:
        return slots
    for verb in (trigger, trigger.head):
        for child in verb.children:
            if not _is_partitive(child):
                continue
            for acl in child.children:
                if acl.dep_ == "acl" and acl.lemma_.lower() in _OBJECT_ORIGIN:
                    origin = slots_of(acl, reader.index, acl.lemma_.lower()).source
                    if origin is not None:
                        return replace(slots, source=origin)
    return slots


class _Builder:
    """Drafts for one trigger, its force and its actor."""

    def __init__(self, reader: Reader, trigger: Token, force: Force | None,
                 actor: str | None) -> None:
        self.reader, self.trigger, self.force, self.actor = reader, trigger, force, actor
        text, sentence = reader.text, reader.sentence
        self.span = reader.index.span(trigger)
        clause = next((a for a, b in clauses(sentence) if a <= self.span[0] < b),
                      sentence.start)
        self.modality = modality_of(text, clause, self.span[0], self.span[1], ANY_TRIGGER)
        if force is not None and any(
                c.lower_ == "no" and c.dep_ == "det" for c in reader.doc
                if force.start <= reader.index.span(c)[0] < force.end):
            self.modality = "negated"  # "no American soldiers would be sent"

    def draft(self, type_: str, *, origin: Place | None = None,
              destination: Place | None = None, location: Place | None = None) -> Draft:
        """A draft of this trigger."""
        where = location or destination
        return Draft(type_, self.modality, self.span[0], self.span[1], self.actor, self.force,
                     origin.mention if origin else None,
                     destination.mention if destination else None,
                     location.mention if location else None,
                     where.extent if where and location else "point",
                     where.sides if where and location else (), None,
                     where.border_with if where and location else None)

    def movement(self, slots: Slots, lemma: str) -> list[Draft]:
        """Forces sent to one or more destinations; "deployed in" is a presence when the
        force is already there ("remain deployed in", "troops deployed in Iraq")."""
        to = list(slots.to) or self.where_antecedent()
        if not to and slots.at:
            if lemma == "deploy" and _stative(self.trigger):
                return self.presence(slots.at)
            if lemma in _IN_IS_DESTINATION:
                to = list(slots.at)
        if not to:
            return [self.draft("withdrawal", origin=slots.source)] if slots.source else []
        kind = "arms_transfer" if lemma in ("send", "ship", "rush", "dispatch") and \
            is_weapons_delivery(self.force) else "deployment"
        return [self.draft(kind, origin=slots.source, destination=d) for d in to
                if slots.source is None or d.mention.start != slots.source.mention.start]

    def where_antecedent(self) -> list[Place]:
        """The place a "where" clause hangs on: "Belarus, where Moscow is preparing to send
        30,000 troops" sends them to Belarus."""
        verb = self.trigger
        for _ in range(4):
            where = [c for c in verb.children if c.lower_ == "where" and c.dep_ == "advmod"]
            if where:
                start = self.reader.index.span(where[0])[0]
                before = [m for m in self.reader.index.place.values()
                          if m.end <= start and m.place is not None]
                if not before:
                    return []
                mention = max(before, key=lambda m: m.end)
                kind = mention.place.kind if mention.place else "city"
                return [Place(mention, "point" if kind == "city" else "area")]
            if verb.head.i == verb.i:
                break
            verb = verb.head
        return []

    def withdrawal(self, slots: Slots, lemma: str) -> list[Draft]:
        """Forces leaving a place; leaving for somewhere is a deployment from there."""
        origin = slots.source or (slots.at[0] if slots.at else None)
        if slots.to and (lemma in ("leave", "depart", "return") or origin is None):
            return [self.draft("deployment", origin=origin, destination=d) for d in slots.to]
        if origin is None:
            return []
        return [self.draft("withdrawal", origin=o) for o in slots.sources or (origin,)]

    def presence(self, places: Sequence[Place]) -> list[Draft]:
        """The force at each place."""
        return [self.draft("presence", location=p) for p in places]

    def exercise(self, slots: Slots) -> list[Draft]:
        """Drills where the clause says."""
        places = slots.at or slots.to
        return [self.draft("exercise", location=replace(places[-1], extent="area"))] \
            if places else []


def _stative(trigger: Token) -> bool:
    """A participle saying where a force is, not that it moves: "troops deployed in Iraq",
    "remain deployed in", "are deployed in"."""
    if trigger.dep_ in ("acl", "amod"):
        return True
    auxes = {c.lemma_.lower() for c in trigger.children if c.dep_ in ("aux", "aux:pass",
                                                                       "cop")}
    return trigger.tag_ == "VBN" and bool(auxes & {"be", "remain", "stay"}) and not any(
        c.dep_ in ("obl", "obl:agent") and _case(c) == "by" for c in trigger.children)


def _without_origins(drafts: list[Draft]) -> list[Draft]:
    """A force's presence where it is moving from is the movement's origin, not an event of
    its own ("1,000 personnel based in Germany will relocate to Romania")."""
    origins = {(d.force.start, d.origin.start) for d in drafts if d.force is not None
               and d.origin is not None and d.type in ("deployment", "withdrawal")}
    return [d for d in drafts if not (
        d.type == "presence" and d.force is not None and d.location is not None
        and (d.force.start, d.location.start) in origins)]


def _unique(drafts: list[Draft]) -> list[Draft]:
    """One draft per type, force and places."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for d in drafts:
        key = (d.type, d.force.start if d.force else None,
               *(m.start if m else None for m in (d.origin, d.destination, d.location)))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
