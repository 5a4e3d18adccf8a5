"""Whose a force or an event is, read from a sentence's parse: its own words ("Germany's
brigade", "US troops"), its sender (the subject of "send", the "by" agent, the controller of
"called on Germany to deploy"), never the place it is in or going to.

``Owners`` is mixed into the sentence reader (``grammar.Reader``), whose index of places,
forces and actors it reads.
"""

from __future__ import annotations

from typing import Any

from dashboard.extract.forces import proxy_at
from dashboard.extract.lexicon import HOLD_VERBS, RELATIVE_PRONOUNS, Token
from dashboard.extract.syntax import case_of, phrase
from dashboard.records import Force

# Verbs whose "by" agent owns the force they modify: "coalition forces led by the United
# States", "a force commanded by France".
_LEAD_VERBS = frozenset("lead command head".split())


class Owners:
    """The actor methods of the sentence reader."""

    index: Any
    doc: Any
    text: str
    actor_of: Any
    last_actor: str | None

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
            if child.dep_ == "nmod:poss" and child.lower_ == "whose":
                clause = token  # "Iraq, whose forces were driven out of Kuwait": Iraq's
                for _ in range(3):
                    if clause.dep_ == "acl:relcl" or clause.head.i == clause.i:
                        break
                    clause = clause.head
                if clause.dep_ == "acl:relcl":
                    return self.code_of(clause.head)
                before = child.nbor(-1) if child.i else None  # the clause read as another
                if before is not None and before.is_punct and before.i:  # verb's: the word
                    before = before.nbor(-1)  # before "whose"
                return self.code_of(before) if before is not None else None
            if child.dep_ == "acl" and child.lemma_.lower() in _LEAD_VERBS:
                code = next((self.code_of(a) for a in child.children if (
                    a.dep_ == "obl:agent" or a.dep_ == "obl" and case_of(a) == "by") and (
                    a.i in self.index.actor or a.i in self.index.place)), None)  # not "an
                # Indian general"
                if code:  # "coalition forces led by the United States"
                    return code
            if child.dep_ in ("nmod:poss", "compound", "amod", "nmod"):
                if child.dep_ == "nmod" and case_of(child) != "of" or proxy_at(
                        self.text, *self.index.span(child)):
                    continue  # "pro-Russian fighters", "Iranian-backed militias": no one's
                code = self.actor_of(child.text) or self.code_of(child)
                if code:
                    return code
        return None

    def governing_subject(self, token: Token, holding: bool = False) -> str | None:
        """The actor of the subject of the verb a noun phrase depends on ("Moscow demanded
        that NATO withdraw its troops": NATO's); with ``holding``, only a verb of having or
        leading a force ("NATO, which leads a force of 4,500"), not one of seeing it ("Taiwan
        detected 11 warships")."""
        verb = token
        for _ in range(4):
            if verb.head.i == verb.i:
                return None
            verb = verb.head
            if verb.tag_.startswith("VB"):
                if holding and verb.lemma_.lower() not in HOLD_VERBS:
                    return None
                return self.subject_code(verb)
        return None

    def first_actor(self, before: int) -> str | None:
        """The actor of the nearest owned force before an offset that is a clause's subject
        ("Russian peacekeepers had begun withdrawing and the first personnel had left"; not
        the enemy it struck), else the first actor the sentence names before it (its
        subject, mostly), not a reporter's nationality when a force's own is there."""
        owned = [f for i, f in self.index.force.items() if f.actor and f.end <= before
                 and self.doc[i].dep_ in ("nsubj", "nsubj:pass")]
        if owned:
            return max(owned, key=lambda f: f.end).actor
        named = [a for a in self.index.actor.values() if a.start < before]
        return min(named, key=lambda a: a.start).code if named else None

    def sender(self, trigger: Token, force_token: Token | None) -> str | None:
        """Who sends or holds the force: the "by" agent of a passive, the owner or the
        subject's verb of a noun trigger ("France completed the withdrawal of its troops"),
        the subject of a transitive trigger, the controller of "called on Germany to
        deploy", or a subject further up for "it"/"they"."""
        for child in trigger.children:
            if child.dep_ in ("obl", "obl:agent", "nmod") and case_of(child) == "by":
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
            if subjects and subjects[0].lower_ not in RELATIVE_PRONOUNS | {"it", "we"}:
                return self.code_of(subjects[0])
            to = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "to"),
                      None)
            if not subjects and to is not None and to.i and self.doc[to.i - 1].i in \
                    self.index.actor:  # a headline's "US to complete withdrawal"
                return self.index.actor[to.i - 1].code
            if not subjects and to is not None:
                for c in verb.head.children:  # "urged Japan to", "called on (for) Germany to"
                    if c.dep_ in ("obj", "iobj") or (c.dep_ == "obl" and case_of(c) in (
                            "on", "for")):
                        code = self.code_of(c)
                        if code:
                            return code
            if verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _actor(self, force: Force, force_token: Token, trigger: Token | None) -> str | None:
        """The force's own actor, else its sender; a count standing for part of an earlier
        force ("with 20,000 more in Transnistria") takes the sentence's latest actor."""
        whole = force_token.head if force_token.dep_ == "nmod" and case_of(force_token) == "of" \
            else force_token  # "its last contingent of about 1,000 soldiers"
        actor = force.actor or self.owner(force_token) or self.owner(whole) or (
            self.sender(trigger, force_token) if trigger is not None else None)
        if actor is None and force_token.lower_ in ("more", "others") or \
                force_token.tag_ == "CD":
            actor = self.last_actor
        if actor is None and force_token.dep_ == "conj":  # "70 Chinese aircraft and 11
            head = self.force_of(force_token.head)     # warships": the first one's owner
            actor = head.actor if head is not None else None
            actor = actor or self.owner(force_token.head)
        if actor is None and trigger is None:  # "Russia has 40,000 troops in ..."
            actor = self.governing_subject(force_token, holding=True)
        if actor is None:  # a misparsed subject: the sentence's first actor before it
            actor = self.first_actor(self.index.span(trigger or force_token)[0])
        self.last_actor = actor or self.last_actor
        return actor
