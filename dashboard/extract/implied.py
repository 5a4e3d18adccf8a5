"""Forces named by something other than a force word: an armed group, a mission or a
country that moves itself ("M23 seized Goma", "Russia invaded Ukraine"), the owner of a noun
of moving ("MONUSCO began its withdrawal"), and bases handed over or kept ("ATMIS handed over
the Biyo Cadde base", "Russia keeps a naval base at Tartus").

``ImpliedForces`` is mixed into the sentence reader (``grammar.Reader``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from dashboard.extract.actors import group_codes
from dashboard.extract.events import Draft
from dashboard.extract.frames import Builder
from dashboard.extract.lexicon import (
    AT,
    COUNTRY_MOVES,
    DEFINITE_PLACES,
    FROM,
    GROUP_MOVES,
    GROW_WORDS,
    LAUNCH_VERBS,
    MISSIONS,
    OWNER_MOVES,
    PLACE_NOUNS,
    PRESENCE_KINDS,
    REDUCE_VERBS,
    RELATIVE_PRONOUNS,
    SHRINK_WORDS,
    TO,
    Token,
)
from dashboard.extract.placing import place_of, places_of, slots_of
from dashboard.extract.syntax import Place, case_of, is_base_noun, phrase
from dashboard.records import Force

# Organisations whose presence somewhere is no force of theirs ("the UN has a presence in
# Geneva").
_ORGANISATIONS = frozenset({"un", "u.n.", "united nations", "eu", "e.u.", "european union",
                            "nato", "african union", "au", "ecowas", "sadc", "eac", "gcc",
                            "osce", "csto", "asean"})
# Verbs a mission or force moves by, beside the moves of armed groups: a mission arrives
# somewhere as a force, where a group's leaders arriving may be a delegation.
_MISSION_MOVES = frozenset("arrive land return leave depart move".split())


class ImpliedForces:
    """The reader's readings of forces that no force word names."""

    index: Any
    text: str

    def _handover(self, trigger: Token) -> list[Draft]:
        """A base handed over or closed: its holder leaves the place it stands in ("ATMIS
        handed over the Biyo Cadde base to the army", "the closure of the base at Kavumu")."""
        verb = trigger.tag_.startswith("VB")
        bases = [c for c in trigger.children if self._is_base(c) and (
            c.dep_ in ("obj", "nsubj:pass") or c.dep_ == "obl" and case_of(c) in ("over", "back")
            if verb else c.dep_ == "nmod" and case_of(c) == "of")]
        if not bases:
            return []
        places = self._base_places(bases[0], trigger, ("at", "in"))
        if not places:
            return []
        if verb:
            actor = self.sender(trigger, bases[0]) or self.owner(bases[0])
        else:
            actor = self.owner(trigger) or self.owner(bases[0]) or (
                self.subject_code(trigger.head) if trigger.head.tag_.startswith("VB") else None)
        build = Builder(self, trigger, None, actor)
        return [build.draft("withdrawal", origin=p) for p in places]

    def _held_base(self, trigger: Token) -> list[Draft]:
        """A base a country or group keeps or sets up is its presence there: "Russia keeps
        a naval base at Tartus", "France maintains a base in Djibouti", "the Turkish
        military has established dozens of bases in northern Iraq"."""
        bases = [b for c in trigger.children if c.dep_ == "obj" for b in [c, *(  # "dozens
            m for m in c.children if m.dep_ == "nmod" and case_of(m) == "of")]  # of bases"
            if self._is_base(b)]
        if not bases:
            return []
        places = self._base_places(bases[0], trigger, AT)
        actor = self.subject_code(trigger)
        if not places or actor is None:
            return []
        return Builder(self, trigger, None, actor).presence(places)

    def _military_presence(self, trigger: Token) -> list[Draft]:
        """A country's or group's military presence somewhere, with no force word: "Russia
        maintains a military presence in Transnistria" (a presence), "expanded its naval
        presence in the Red Sea" (a deployment), "will reduce its military presence in
        Iraq" (a withdrawal); not "a diplomatic presence" or "the presence of civilians"."""
        verb = trigger.head if trigger.dep_ == "obj" and trigger.head.tag_.startswith(
            "VB") else None
        change = trigger.head.lemma_.lower() if trigger.dep_ == "nmod" and case_of(
            trigger) == "of" else ""  # "Uganda's escalation of its military presence"
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
        if not any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in PRESENCE_KINDS
                   for c in trigger.children) and not any(  # "the U.S. military has
                s.lemma_.lower() in PRESENCE_KINDS | MISSIONS or self.force_of(s)
                or self._named_group(s)  # "MONUSCO has maintained a presence in Congo":
                for s in subjects):  # a mission or armed group by name
            return []  # escalated its presence in the Caribbean"
        places = slots_of(trigger, self.index, "presence").at or (
            slots_of(verb, self.index, "presence").at if verb is not None else ())
        actor = self.owner(trigger) or (self.subject_code(verb) if verb is not None else None)
        if not places or actor is None:
            return []
        build = Builder(self, trigger, None, actor)
        kind = verb.lemma_.lower() if verb is not None else change
        if kind in REDUCE_VERBS | SHRINK_WORDS:
            return [build.draft("withdrawal", origin=p) for p in places]
        if kind in GROW_WORDS:
            return [build.draft("deployment", destination=p) for p in places]
        return build.presence(places)

    def _named_group(self, token: Token) -> bool:
        """Whether a noun phrase names an armed group or a mission ("MONUSCO", "Al-Shabaab",
        "the Wagner Group"), not an organisation ("the UN", "the EU", "NATO")."""
        return any(a.code in group_codes() and a.text.casefold() not in _ORGANISATIONS
                   for t in phrase(token) for a in [self.index.actor.get(t.i)] if a)

    def _base_places(self, base: Token, trigger: Token, cases: Collection[str]
                     ) -> tuple[Place, ...]:
        """Where a base stands: the places its own words name, else those its verb puts it
        in ("handed over its base at Kirkuk"); "bases in Kidal and Tessalit" stand in both."""
        own = places_of(base, self.index)
        if own:
            seen = {p.mention.start for p in own}
            return own + tuple(p for c in base.children if c.dep_ == "nmod" and case_of(c) in AT
                               for p in places_of(c, self.index) if p.mention.start not in seen)
        return tuple(
            p for c in trigger.children if c.dep_ == "obl" and case_of(c) in cases
            for p in places_of(c, self.index))

    def _is_base(self, token: Token) -> bool:
        """A base, camp or other installation: by its noun ("the base at Gao", "the Ain
        al-Asad air base") or by the place it names."""
        if is_base_noun(token) or any(c.dep_ == "appos" and is_base_noun(c)
                                      for c in token.children):
            return True
        mention = self.index.place.get(token.i)
        return mention is not None and mention.place is not None and \
            mention.place.kind in ("installation", "base")

    def _actor_as_force(self, trigger: Token, lemma: str
                        ) -> tuple[Token | None, Force | None]:
        """The subject that is itself the force: an armed group or a mission with a verb
        of moving ("M23 seized Goma", "MONUSCO withdrew from Bukavu"), or a country with a
        verb of invading or withdrawing ("Russia invaded Ukraine"). Only when the verb's
        object, if any, is a place: "Israel withdrew its ambassador" moves no force."""
        if trigger.tag_.startswith("NN"):
            return self._owner_as_force(trigger, lemma)
        subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
        mission = subject is not None and subject.lemma_.lower() in MISSIONS
        if not trigger.tag_.startswith("VB") or lemma not in GROUP_MOVES and not (
                mission and lemma in _MISSION_MOVES):  # "the mission arrived in Haiti"
            return None, None
        ways = [c for c in trigger.children if c.dep_ == "obj" or c.dep_ == "obl" and case_of(c)
                in TO | FROM]  # where from or to: each must be a place
        at = [c for c in trigger.children if c.dep_ == "obl" and case_of(c) in AT]
        if not all(self._names_a_place(c) for c in ways) or not any(
                self._names_a_place(c) for c in ways + at):
            return None, None  # "withdrew from the talks in Cairo", "withdrew its ambassador"
        if subject is None or subject.lower_ in RELATIVE_PRONOUNS | {"it"}:
            return None, None
        led = self.owner(subject) if mission and self.code_of(subject) is None else None
        named = self.index.actor.get(subject.i) or self.index.place.get(subject.i) or (
            self.code_of(subject) if mission else None) or led
        if named is None:  # the subject itself names the actor, not "a Hamas delegation";
            return None, None  # "the African Union mission" is a force of its own
        code = self.code_of(subject) or led  # "the multinational force led by Kenya"
        if code is None or not (code in group_codes() or lemma in COUNTRY_MOVES or led):
            return None, None
        return subject, self._force_named_by(subject, code)

    def _names_a_place(self, token: Token) -> bool:
        """Whether a slot's own head is a place ("Goma", "the town of Avdiivka", "the
        border"), not a thing located somewhere ("the talks in Cairo")."""
        lemma = token.lemma_.lower()
        return token.i in self.index.place or lemma in PLACE_NOUNS or lemma in DEFINITE_PLACES \
            or token.lower_ == "there" or place_of(token, self.index) is not None and \
            token.tag_ in ("NNP", "NNPS")

    def _force_named_by(self, token: Token, code: str) -> Force:
        """A force whose evidence is the words that name its owner ("The Wagner Group")."""
        words = sorted(phrase(token, owned=True), key=lambda t: t.i)
        start, end = self.index.span(words[0])[0], self.index.span(words[-1])[1]
        return Force(start, end, self.text[start:end], personnel="forces", actor=code)

    def _owner_as_force(self, trigger: Token, lemma: str
                        ) -> tuple[Token | None, Force | None]:
        """The owner of a noun of moving that is itself the force: "Israel's withdrawal
        from Lebanese territory", "MONUSCO began its withdrawal from South Kivu", or the
        subject of the verb that launches it ("Turkey launched an offensive into Syria")."""
        if lemma not in OWNER_MOVES:
            return None, None
        owners = [c for c in trigger.children if c.dep_ == "nmod:poss"]
        code = self.owner(trigger) if owners else None
        if not owners and trigger.dep_ == "obj" and trigger.head.lemma_.lower() in LAUNCH_VERBS:
            owners = [c for c in trigger.head.children if c.dep_ == "nsubj"]
            code = self.code_of(owners[0]) if owners else None
        if code is None:
            return None, None
        return owners[0], self._force_named_by(owners[0], code)
