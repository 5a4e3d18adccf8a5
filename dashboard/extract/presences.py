"""Forces said to be somewhere with no verb of moving: "1,500 Russian troops in
Transnistria", "the troops are in Haiti", "the EU mission in Bosnia has about 1,100 troops",
"roughly 900 troops in eastern Syria and about 2,500 more in neighbouring Iraq".

``Presences`` is mixed into the sentence reader (``grammar.Reader``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashboard.extract.events import Draft
from dashboard.extract.forces import with_size
from dashboard.extract.frames import Builder
from dashboard.extract.lexicon import (
    AT,
    HARM_VERBS,
    HOLD_VERBS,
    MISSIONS,
    NOMINAL,
    SIZE_VERBS,
    Token,
)
from dashboard.extract.placing import places_of
from dashboard.extract.syntax import Place, case_of, phrase
from dashboard.records import Force


class Presences:
    """The reader's readings of forces in place."""

    index: Any
    doc: Any
    used: set[int]
    vetoed: set[int]

    def _distributed(self, build: Builder, force_token: Token, places: Sequence[Place]
                     ) -> list[Draft]:
        """A presence split between coordinated forces: "roughly 900 troops in eastern
        Syria and about 2,500 more in neighbouring Iraq" puts each count at its place."""
        parts = [(self.index.span(c)[0], c, self.force_of(c)) for c in force_token.children
                 if c.dep_ == "conj"]
        parts = [(start, c, f) for start, c, f in parts if f is not None]
        if not parts:
            return build.presence(places)
        out: list[Draft] = []
        for place in places:
            owner = [(c, f) for start, c, f in parts if start < place.mention.start]
            if not owner:
                out.extend(build.presence([place]))
                continue
            token, force = owner[-1]
            self.used.update(t.i for t in phrase(token))
            actor = self._actor(force, token, build.trigger) if not force.actor else None
            part = Builder(self, build.trigger, force, force.actor or actor or build.actor)
            out.extend(part.presence([place]))
        return out

    def _stationed_forces(self) -> list[Draft]:
        """A force with no verb of its own: "1,500 Russian troops in Transnistria", "with
        20,000 more in Transnistria"."""
        out: list[Draft] = []
        for token in self.doc:
            if token.i in self.used or not token.tag_.startswith(("NN", "CD", "JJR")):
                continue
            if token.head.i in self.used and token.dep_ in NOMINAL:
                continue
            if case_of(token) in ("against", "versus") or token.dep_ in (
                    "obj", "nsubj:pass") and token.head.lemma_.lower() in HARM_VERBS:
                struck = self.force_of(token)  # "terrorists killed 15 soldiers along the
                if struck is not None:  # border" (casualties), "an offensive against Houthi
                    self.vetoed.add(struck.start)  # rebels in Yemen" (the foe, in passing),
                continue  # whatever the word order says
            places = [c for c in token.children if c.dep_ in ("nmod", "obl")
                      and case_of(c) in AT]
            if not places and token.dep_ == "obj" and token.head.lemma_.lower() in HOLD_VERBS:
                places = [c for s in token.head.children if s.dep_ == "nsubj"  # "the EU
                          for c in s.children if c.dep_ == "nmod" and case_of(c) in AT]
                # mission in Bosnia has about 1,100 troops"
            if not places:
                continue
            force = self._sized(token, self.force_of(token))
            if force is None or (force.count_text is None and not force.actor
                                 and token.lower_ not in ("more", "others")):
                continue
            self.used.update(t.i for t in phrase(token))
            where = places_of(places[0], self.index)
            actor = self._actor(force, token, None) or self._sent_by(token)
            out.extend(Builder(self, token, force, actor).presence(where))
        return out

    def _sent_by(self, token: Token) -> str | None:
        """Whose a force in place is by where it comes from: "troops from Burundi are part
        of the AU mission in Somalia" (for a movement, "from" is where it starts)."""
        return next((code for c in token.children if c.dep_ == "nmod" and case_of(c) == "from"
                     for code in [self.code_of(c)] if code), None)

    def _sized(self, token: Token, force: Force | None) -> Force | None:
        """A force whose size its verb gives: "the brigade in Lithuania will consist of
        about 5,000 soldiers" counts the brigade; the owner stays the brigade's."""
        verb = token.head
        if force is None or force.count_text is not None or token.dep_ != "nsubj" or \
                verb.lemma_.lower() not in SIZE_VERBS:
            return force
        sizes = (self.force_of(c) for c in verb.children if c.dep_ in ("obj", "obl"))
        return with_size(force, next((f for f in sizes if f is not None and
                                      f.count_text is not None), None))

    def _copular_presences(self) -> list[Draft]:
        """A force said to be somewhere with "be", "remain" or "stay" as a copula: "the
        troops are in Haiti", "some 900 US soldiers remain in Syria"."""
        out: list[Draft] = []
        for token in self.doc:
            if not any(c.dep_ == "cop" and c.lemma_.lower() in ("be", "remain", "stay")
                       for c in token.children):
                continue
            where = token if case_of(token) in AT else next((  # "are part of the AU mission
                n for c in token.children if token.lemma_.lower() == "part" and  # in Somalia"
                c.dep_ == "nmod" and case_of(c) == "of" for n in c.children
                if n.dep_ == "nmod" and case_of(n) in AT), None)
            wheres = [where] if where is not None else _present_in(token)
            if not wheres:
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.i in self.used:
                continue
            force = self.force_of(subject)
            code = self.code_of(subject) if force is None and subject.lemma_.lower() in \
                MISSIONS else None
            if code is not None:  # "the UN mission is still present in X"
                force = self.own_size(subject, self._force_named_by(subject, code))
            places = tuple(p for w in wheres for p in places_of(w, self.index))
            if where is None and force is not None and force.actor is None and \
                    force.count_text is None:
                continue  # "the company is present in France": "present" needs whose force
            if force is None or not places:
                continue
            self.used.update(t.i for t in phrase(subject))
            actor = self._actor(force, subject, None) or self._sent_by(subject)
            out.extend(Builder(self, token, force, actor).presence(places))
        return out


def _present_in(token: Token) -> list[Token]:
    """Where "present" puts its subject: "present in South Kivu, North Kivu and Ituri" (the
    parse may hang each name on the adjective, the later ones with no preposition)."""
    if token.lemma_.lower() != "present":
        return []
    obliques = [c for c in token.children if c.dep_ == "obl"]
    first = next((i for i, c in enumerate(obliques) if case_of(c) in AT), None)
    if first is None:
        return []
    return [obliques[first]] + [c for c in obliques[first + 1:] if not case_of(c)]
