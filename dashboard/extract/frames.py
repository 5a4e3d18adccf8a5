"""Drafts of one trigger: a movement, withdrawal, presence or exercise with its places,
force, actor and modality; and the clean-up of a sentence's drafts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from dashboard.extract.events import (
    ANY_TRIGGER,
    Draft,
    carried_into,
    clauses,
    is_weapons_delivery,
)
from dashboard.extract.lexicon import (
    IN_IS_DESTINATION,
    OBJECT_ORIGIN,
    ONWARD,
    PLACE_NOUNS,
    REDUCE_VERBS,
    SAY_VERBS,
    Token,
)
from dashboard.extract.modality import modality_of
from dashboard.extract.placing import place_of, slots_of
from dashboard.extract.syntax import Place, Slots, is_stative
from dashboard.records import Force


class Builder:
    """Drafts for one trigger, its force and its actor."""

    def __init__(self, reader: Any, trigger: Token, force: Force | None,
                 actor: str | None) -> None:
        self.reader, self.trigger, self.force, self.actor = reader, trigger, force, actor
        text, sentence = reader.text, reader.sentence
        self.span = reader.index.span(trigger)
        clause = max(next((a for a, b in clauses(sentence) if a <= self.span[0] < b),
                          sentence.start), _reported_from(trigger, reader.index.span))
        self.modality = modality_of(text, clause, self.span[0], self.span[1], ANY_TRIGGER)
        if self.modality == "asserted" and trigger.tag_.startswith("NN") and trigger.dep_ in (
                "nsubj", "nsubj:pass", "obj"):  # "the withdrawal will be complete", "the
            head = trigger.head  # withdrawal was demanded by the generals"
            self.modality = next((_AUX_MODALITY[c.lower_] for c in head.children
                                  if c.dep_ == "aux" and c.lower_ in _AUX_MODALITY),
                                 _HEAD_MODALITY.get(head.lemma_.lower(), "asserted")
                                 if trigger.dep_ != "obj" else "asserted")
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
            if lemma == "deploy" and is_stative(self.trigger):
                return self.presence(slots.at)
            if lemma in IN_IS_DESTINATION:
                to = list(slots.at)
        if not to and not slots.source and self.also():  # "Britain also sent troops": where
            return [replace(self.draft("deployment"), also=True)]  # the story just sent some
        if not to:  # "sent home from Mali" leaves; an incursion out of Gaza goes somewhere
            return [self.draft("withdrawal", origin=slots.source)] if slots.source and \
                lemma not in ONWARD else []
        delivered = lemma in ("send", "ship", "rush", "dispatch") and self.force is not None \
            and is_weapons_delivery(self.force)
        return [self.draft("arms_transfer" if delivered and d.extent != "border" and
                           not carried_into(self.reader.text, d.mention.start)
                           else "deployment", origin=slots.source, destination=d) for d in to
                if slots.source is None or d.mention.start != slots.source.mention.start]

    def where_antecedent(self) -> list[Place]:
        """The place a "where" clause hangs on: "Belarus, where Moscow is preparing to send
        30,000 troops" sends them to Belarus."""
        verb = self.trigger
        for _ in range(4):
            where = [c for c in verb.children if c.lower_ == "where" and c.dep_ == "advmod"]
            if where and verb.dep_ == "acl:relcl" and verb.head.tag_ in ("NN", "NNS"):
                place = place_of(verb.head, self.reader.index)  # "divided into two groups,
                return [place] if place is not None else []  # where 32 were airlifted"
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
        """Forces leaving a place; leaving for somewhere is a deployment from there; troops
        "left in the country" stay there."""
        if lemma == "leave" and self.trigger.tag_ == "VBN" and self.trigger.dep_ in (
                "acl", "amod", "xcomp") and slots.at and not slots.source and not slots.to:
            return self.presence(slots.at)
        if lemma == "leave" and slots.at and not slots.source and not slots.to and any(
                c.dep_ == "obj" and self._is_force(c) for c in self.trigger.children):
            return self.presence(slots.at)  # "will leave around 400 personnel on the Solomons"
        origin = slots.source or (slots.at[0] if slots.at else None)
        to = slots.to or (self._purpose_places() if origin is not None and lemma in (
            "leave", "depart") else ())  # "departed Australia to assist in ... Tonga"
        if origin is not None and origin.mention.place is not None and \
                origin.mention.place.feature_code == "PPLC" and \
                origin.mention.place.country == self.actor and not to:
            self.reader.vetoed.add(self.span[0])
            return []  # "170 Kenyan personnel will depart Nairobi": setting out from home
        if to and lemma not in REDUCE_VERBS and (
                lemma in ("leave", "depart", "return") or origin is None):
            return [self.draft("deployment", origin=origin, destination=d) for d in to]
        if origin is None:  # "the first convoy departed on Oct. 10": the story says from
            return [] if slots.to and lemma not in REDUCE_VERBS or self.trigger.tag_.startswith(
                "NN") and lemma == "leave" or self._object_not_moved() \
                else [replace(self.draft("withdrawal"), also=self.also())]  # where (a leave
            # of absence goes nowhere); "Indian soldiers also pulled back": where others did
        return [self.draft("withdrawal", origin=o) for o in slots.sources or (origin,)]

    def _purpose_places(self) -> tuple[Place, ...]:
        """Where the trigger's purpose clause puts the force ("departed Australia this
        morning to assist in the rehabilitation efforts in Tonga")."""
        hung = [g for c in self.trigger.children if c.dep_ in ("obl:unmarked", "obl:tmod")
                for g in c.children if g.dep_ == "acl"]  # "this morning to assist" misread
        for clause in [*self.trigger.children, *hung]:
            if clause.dep_ in ("advcl", "xcomp", "acl") and clause.lemma_.lower() in \
                    _PURPOSES and any(m.dep_ == "mark" and m.lower_ == "to"
                                      for m in clause.children):
                slots = slots_of(clause, self.reader.index, clause.lemma_.lower())
                return slots.to or slots.at
        return ()

    def also(self) -> bool:
        """Whether the trigger says its force does what others were just told to do ("Indian
        soldiers also pulled back", "Britain too sent troops")."""
        return self.force is not None and any(
            c.dep_ == "advmod" and c.lower_ in _ALSO for c in self.trigger.children)

    def _object_not_moved(self) -> bool:
        """Whether the trigger's object is something other than its force: "withdrew its
        bid", "left the army" (what one leaves with no place named is no place)."""
        return any(c.dep_ == "obj" and c.lemma_.lower() not in PLACE_NOUNS and (
            self.trigger.lemma_.lower() in OBJECT_ORIGIN or not self._is_force(c))
            for c in self.trigger.children)  # "left their base" leaves a place

    def _is_force(self, token: Token) -> bool:
        """Whether a token lies in this draft's force."""
        return self.force is not None and self.force.start <= self.reader.index.span(
            token)[0] < self.force.end

    def presence(self, places: Sequence[Place]) -> list[Draft]:
        """The force at each place."""
        return [self.draft("presence", location=p) for p in places]

    def exercise(self, slots: Slots) -> list[Draft]:
        """Drills where the clause says."""
        places = slots.at or slots.to
        return [self.draft("exercise", location=replace(places[-1], extent="area"))] \
            if places else []


_ALSO = frozenset({"also", "too", "likewise", "similarly"})
# Military purposes that take a force where they are served ("left Gao to reinforce the
# garrison in Timbuktu"); not "to join relatives in Texas", nor a verb of moving of its own.
_PURPOSES = frozenset("assist help support reinforce secure protect fight train defend escort "
                      "patrol guard lead bolster strengthen restore relieve replace "
                      "stabilise stabilize".split())


def without_origins(drafts: list[Draft]) -> list[Draft]:
    """A force's presence where it is moving from is the movement's origin, not an event of
    its own ("1,000 personnel based in Germany will relocate to Romania")."""
    origins = {(d.force.start, d.origin.start) for d in drafts if d.force is not None
               and d.origin is not None and d.type in ("deployment", "withdrawal")}
    return [d for d in drafts if not (
        d.type == "presence" and d.force is not None and d.location is not None
        and (d.force.start, d.location.start) in origins)]


def unique(drafts: list[Draft]) -> list[Draft]:
    """One draft per type, force, actor and places."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for d in drafts:
        key = (d.type, d.force.start if d.force else None, d.actor,
               *(m.start if m else None for m in (d.origin, d.destination, d.location)))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


_AUX_MODALITY = {"will": "planned", "'ll": "planned", "shall": "planned", "would": "planned",
                 "could": "hypothetical", "might": "hypothetical", "may": "hypothetical",
                 "should": "demanded", "must": "demanded"}


_HEAD_MODALITY = {
    **dict.fromkeys(("demand", "urge", "request", "require"), "demanded"),
    **dict.fromkeys(("plan", "schedule", "approve", "announce", "order", "expect"), "planned"),
    **dict.fromkeys(("deny", "reject", "refuse", "cancel", "halt", "block"), "negated"),
    **dict.fromkeys(("consider", "discuss", "propose", "debate", "mull"), "hypothetical"),
}


def _reported_from(trigger: Token, span: Any) -> int:
    """Where the clause a verb of saying reports begins ("would only say that | the Navy
    maintains a force"), so that the sayer's own modal is not the event's; 0 when the
    trigger is not in such a clause."""
    token = trigger
    for _ in range(6):
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in SAY_VERBS:
            return span(token.left_edge)[0]
        if token.dep_ not in ("xcomp", "conj", "acl", "acl:relcl", "advcl", "obj", "nsubj",
                              "nsubj:pass", "nmod") or token.head.i == token.i:
            return 0
        token = token.head
    return 0
