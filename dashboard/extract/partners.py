"""Moves and presences of several parties at once: forces drawn from several countries
("the peacekeeping forces from Russia, Belarus and Armenia left Almaty"), coordinated owners
or senders ("French and German troops arrived", "Britain and France sent warships"),
coordinated forces each with its own count, and companion forces named as going along
("along with 500 British soldiers"). Each party gets its own event.

``Partners`` is mixed into the sentence reader (``grammar.Reader``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dashboard.extract.events import Draft
from dashboard.extract.lexicon import Token
from dashboard.extract.syntax import case_of, coordinated, phrase
from dashboard.records import Force

# Nouns through which a "with" phrase names who takes part ("with the participation of").
_JOINING = frozenset("participation support help assistance involvement".split())


class Partners:
    """The reader's readings of several parties."""

    index: Any
    used: set[int]

    def each_party(self, trigger: Token, force_token: Token, drafts: list[Draft],
                   companions: list[tuple[Token, Force]]) -> list[Draft]:
        """The drafts of a frame for each nation, owner and companion force it names."""
        drafts = self._each_owner(trigger, force_token, self._each_nation(force_token, drafts))
        actors = {d.actor for d in drafts}
        for token, other in companions if drafts else ():  # "2,000 US troops arrived in
            code = other.actor or self.owner(token)  # Poland along with 500 British
            if code and code not in actors:  # soldiers": each force its own event
                actors.add(code)
                self.used.update(t.i for t in phrase(token))
                drafts += [replace(d, actor=code, force=other) for d in drafts
                           if d.actor == drafts[0].actor]
        return drafts

    def companions(self, trigger: Token, force_token: Token | None
                    ) -> list[tuple[Token, Force]]:
        """Forces named as going along ("along with 500 British soldiers", "alongside 800
        British soldiers", "with the participation of 8,000 Algerian soldiers and 6,000
        Tunisian troops"), each with a count or an owner of its own."""
        heads = [trigger, *([force_token] if force_token is not None else [])]
        found = [c for h in heads for c in h.children if c.dep_ in ("nmod", "obl")
                 and case_of(c) in ("with", "alongside", "along", "together", "beside",
                                    "including")]
        found = [m for c in found for m in ([c] if c.lemma_.lower() not in _JOINING else [
            n for n in c.children if n.dep_ == "nmod" and case_of(n) == "of"])]
        out = []
        for token in (t for c in found for t in coordinated(c)):
            force = self.force_of(token)
            if force is not None and (force.count_text or force.actor) and (
                    force.personnel or force.unit):
                out.append((token, force))
        return out

    def _each_owner(self, trigger: Token, force_token: Token, drafts: list[Draft]
                    ) -> list[Draft]:
        """Forces of several owners move each for their own: coordinated owners ("French and
        German troops arrived"), coordinated forces of other owners ("Kenyan police and
        Jamaican soldiers arrived"), each with its own count, and coordinated senders of a
        force of no one's ("Britain and France sent warships to the Red Sea")."""
        if not drafts or len({d.actor for d in drafts}) > 1:
            return drafts
        actor = drafts[0].actor
        others: list[tuple[str, Force | None]] = []
        force = self.force_of(force_token)
        if force is not None and force.actor is None and self.owner(force_token) is None:
            for subject in [c for c in trigger.children if c.dep_ == "nsubj"][:1]:
                codes = [self.code_of(t) for t in coordinated(subject)]
                if len(codes) > 1 and all(codes) and actor in codes:
                    others += [(code, None) for code in codes if code]
        for child in force_token.children:
            if child.dep_ in ("amod", "compound", "nmod:poss"):
                codes = [self.code_of(t) for t in coordinated(child)]
                if len(codes) > 1 and all(codes) and actor in codes:
                    others += [(code, None) for code in codes]
        first = force_token.head if force_token.dep_ == "conj" else force_token
        for member in coordinated(first):
            force = self.force_of(member) if member.i != force_token.i else None
            code = force.actor or self.owner(member) if force is not None else None
            if code:
                others.append((code, force))
        out = list(drafts)
        for code, force in others:
            if code != actor and all(d.actor != code for d in out):
                out += [replace(d, actor=code, force=force or d.force) for d in drafts]
        return out

    def _each_nation(self, force_token: Token, drafts: list[Draft]) -> list[Draft]:
        """A force drawn from several countries moves for each of them: "the peacekeeping
        forces from Russia, Belarus and Armenia left Almaty" (unless "from" is where the move
        starts)."""
        froms = [c for t in phrase(force_token) for c in t.children
                 if c.dep_ == "nmod" and case_of(c) == "from"]
        nations = [t for c in froms[:1] for t in coordinated(c)]
        nations += [c for c in force_token.children if froms and c.dep_ == "conj"
                    and self._is_country(c)]  # "troops from Kenya and Uganda" with Uganda
        # read as joined to the troops
        codes = list(dict.fromkeys(code for t in nations for code in [self.code_of(t)] if code))
        starts = {self.index.span(t)[0] for t in nations}
        if len(codes) < 2:
            return drafts
        if any(d.origin is not None and d.origin.start in starts for d in drafts):
            if self.force_of(force_token).actor or not all(self._is_country(t) for t in nations):
                return drafts  # "US troops from Germany and Italy": where they set out
            drafts = [replace(d, origin=None) if d.origin is not None and d.origin.start in
                      starts else d for d in drafts]  # "soldiers from Ghana, Senegal and
            # Ivory Coast arrived in Benin": whose they are, not where they set out
        return [replace(d, actor=code) for code in codes for d in drafts]

    def _is_country(self, token: Token) -> bool:
        """Whether a token names a country."""
        mention = self.index.mention.get(token.i)
        return mention is not None and mention.place is not None and \
            mention.place.kind == "country"
