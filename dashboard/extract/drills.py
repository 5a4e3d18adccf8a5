"""Drills and who takes part in them: "China held drills around Taiwan", "5,000 US troops and
3,800 Filipino soldiers trained on Luzon", "servicemen from Kazakhstan, Russia and Tajikistan
will take part in the drills in Aktau", "a joint exercise between India and France began in
Jodhpur". Each army taking part gets its own event.

``Drills`` is mixed into the sentence reader (``grammar.Reader``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashboard.extract.events import Draft
from dashboard.extract.frames import Builder
from dashboard.extract.lexicon import DRILL_HOSTS, Token
from dashboard.extract.placing import place_of, slots_of
from dashboard.extract.syntax import Place, Slots, case_of, coordinated

# Verbs whose subject holds a drill at home when no place is named.
_HOLDING = frozenset("hold host stage".split())
# Verbs whose object is who a drill brings together ("will see contingents from 20 countries").
_SEEING = frozenset({"see", "involve", "include", "feature", "bring", "draw", "gather"})


class Drills:
    """The reader's readings of drills."""

    index: Any
    last_actor: str | None

    def _exercise(self, trigger: Token, lemma: str, force_token: Token | None = None
                  ) -> list[Draft]:
        """Drills need no force: "China held drills around Taiwan", "joint exercises in the
        Baltic Sea", "US and Philippine troops began exercises". The place is the trigger's
        or, for a noun, its verb's; the actor the owner or that verb's subject."""
        name = trigger.head if trigger.dep_ in ("compound", "flat") and trigger.tag_.startswith(
            "NN") else trigger  # "Exercise Talisman Sabre involves troops from ...": the
        host = name.head if name.tag_.startswith("NN") and name.dep_ in (  # drill's name
            "obj", "nsubj", "nsubj:pass", "obl") else trigger  # "take part in the exercise"
        slots = slots_of(trigger, self.index, lemma)
        if not slots.at and name is not trigger:  # "Exercise Talisman Sabre in Australia"
            slots = slots_of(name, self.index, lemma)
        if not slots.at and host is not trigger and host.lemma_.lower() in DRILL_HOSTS:
            slots = slots_of(host, self.index, lemma)  # "held drills in the Baltic Sea", not
            # "the exercise deepened the relationship between Australia and the US"
        parties_only = bool(slots.at) and all(p in slots.parties for p in slots.at)
        if parties_only and host is not trigger and host.lemma_.lower() in DRILL_HOSTS:
            own = slots_of(host, self.index, lemma)  # "a joint exercise between India and
            slots = own if own.at else slots  # France began in Jodhpur": not in France
        for verb in [c for c in trigger.children if c.dep_ in ("acl", "acl:relcl")
                     and c.lemma_.lower() in DRILL_HOSTS] if not slots.at else []:
            slots = slots_of(verb, self.index, lemma)  # "the exercise, Surya Kiran,
            break  # commenced at Butwal" (a verb the parse hung on its subject)
        taking_part = [c for v in {trigger, host} for c in v.children
                       if c.dep_ in ("nmod", "obl", "nsubj") and case_of(c) in ("with", "")
                       or c.dep_ == "obj" and v.lemma_.lower() in _SEEING]
        places = slots.at or (self._host_country(host) if host is not trigger and
                              host.lemma_.lower() in _HOLDING and self._participants(
                                  trigger, host, taking_part) else ())  # a host that
        # holds a drill of other nations' contingents, named nowhere else, holds it at home
        told = not places and trigger.tag_.startswith("NN") and any(
            c.dep_ == "det" and c.lower_ in ("this", "these", "the") for c in trigger.children)
        if not places and not told:  # "this war game": the drill the story told of, placed
            return []  # by the pipeline
        if trigger.dep_ == "acl" and trigger.tag_.startswith("VB"):  # "5,000 US troops,
            taking_part += [trigger.head, *(  # along with 40 Australian troops, trained"
                c for c in trigger.head.children if c.dep_ == "nmod" and case_of(c) in (
                    "with", "along"))]
        found = [(c, self.force_of(c)) for t in taking_part for c in coordinated(t)]
        forces = [(c, f) for c, f in found if f is not None]
        held = self.force_of(force_token)  # "it was conducting exercises" (the carrier)
        if force_token is not None and held is not None and all(c.i != force_token.i
                                                                 for c, _ in forces):
            forces.append((force_token, held))
        actor = self.owner(trigger) or self.subject_code(host) or (
            self._actor(held, force_token, trigger) if held and force_token else None)
        for token, force in forces:  # "20,000 troops from 13 NATO countries take part"
            actor = actor or force.actor or next(
                (self.code_of(c) for c in token.children
                 if c.dep_ == "nmod" and case_of(c) == "from" and self.code_of(c)), None)
        parties = [p.mention.place.country for p in slots.parties
                   if p.mention.place is not None and p.mention.place.kind == "country"]
        actor = actor or self.last_actor or (parties[0] if parties else None)
        nations = self._participants(trigger, host, taking_part)
        codes = list(dict.fromkeys([actor, *self._partners(host, taking_part), *nations]))
        subjects = [c for c in host.children if c.dep_ in ("nsubj", "nsubj:pass")
                    and c.i != trigger.i]
        if len(codes) > 1 and None in codes and (not subjects or nations):
            codes.remove(None)  # "the exercise is joined by troops from X and Y", but "it
            # was conducting exercises with Italy": "it" is the story's
        drafts: list[Draft] = []
        for code in codes:
            force = next((f for _, f in forces if f.actor == code), None) or (
                forces[0][1] if forces and (code == actor or code in nations) else None)
            build = Builder(self, trigger, force, code)
            drafts.extend(build.exercise(Slots(at=places)) if places else (
                [build.draft("exercise")] if force in self.index.forces and force.personnel
                else []))  # told again by a force the sentence names
        return drafts

    def _host_country(self, verb: Token) -> tuple[Place, ...]:
        """The country that holds a drill, named as the subject of "hold", "host" or "stage"
        (or of the verb they depend on: "Saudi Arabia is set to hold ..."), where the drill
        is when the sentence names no place."""
        for _ in range(3):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                place = place_of(subject, self.index)
                return (place,) if place is not None and place.mention.place is not None and \
                    place.mention.place.kind == "country" and place.mention.role == "place" \
                    else ()
            if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
                return ()
            verb = verb.head
        return ()

    def _participants(self, trigger: Token, host: Token, taking_part: Sequence[Token]
                      ) -> list[str]:
        """The nations a drill names as taking part: "2,500 servicemen from Kazakhstan,
        Russia and Tajikistan", "joined by participants from Australia and Japan",
        "contingents from 20 countries, including Pakistan", "a joint exercise between
        India and Nepal", "a joint Russia-Tajik exercise"."""
        verbs = [host, *(c for c in host.children if c.dep_ == "conj" and c.tag_.startswith(
            "VB"))] if host is not trigger else [trigger]
        verbs += [c for c in trigger.children if c.dep_ == "acl:relcl"]  # "the exercise,
        who = list(taking_part) + [c for v in verbs for c in v.children if c.dep_ in (  # which
            "obl", "obl:agent") and case_of(c) == "by" or c.dep_ == "obj"  # will see troops
            and v.lemma_.lower() in _SEEING]  # from 20 countries"
        froms = [c for token in who for c in token.children
                 if c.dep_ == "nmod" and case_of(c) == "from"]
        froms += [c for v in verbs if v.lemma_.lower() in _SEEING for c in v.children
                  if c.dep_ == "obl" and case_of(c) == "from"]  # "involves troops from 20
        named: list[Token] = []  # countries including Pakistan", the "from" hung on the verb
        for child in froms:
            named += coordinated(child)
            named += [g for c in coordinated(child) for g in c.children
                      if g.dep_ == "nmod" and case_of(g) in ("including", "such", "like")]
        named += [t for c in trigger.children if c.dep_ == "nmod" and case_of(c) == "between"
                  for t in coordinated(c)]
        modifiers, level = [], [trigger]  # "a joint Russia-Tajik antiterrorism exercise",
        for _ in range(5):  # "the India-Nepal combined battalion level training exercise"
            level = [c for t in level for c in t.children if c.dep_ in ("compound", "amod",
                                                                         "flat", "appos")]
            modifiers += level
        named += [t for c in modifiers for t in coordinated(c)]
        named += [t for c in list(named) for t in coordinated(c) if t.dep_ == "conj"]
        return list(dict.fromkeys(code for t in named
                                  for code in [self.code_of(t) or self.actor_of(t.text)]
                                  if code))

    def _partners(self, host: Token, taking_part: Sequence[Token]) -> list[str]:
        """The other armies of a joint exercise: coordinated subjects ("India and France
        concluded"), coordinated owners ("US and Philippine troops") and "with" partners
        ("exercises with Italy")."""
        tokens = [c for t in taking_part for c in coordinated(t)]
        tokens += [c for t in host.children if t.dep_ == "nsubj" for c in coordinated(t)]
        tokens += [g for t in list(tokens) for c in t.children if c.dep_ in ("amod", "compound",
                                                                            "nmod:poss")
                   for g in coordinated(c)]
        codes = [self.code_of(t) if t.i not in self.index.force else
                 self.index.force[t.i].actor or self.code_of(t) for t in tokens]
        return [c for c in codes if c]
