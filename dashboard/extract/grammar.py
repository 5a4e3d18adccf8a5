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

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from dashboard.extract.actors import group_codes
from dashboard.extract.events import Draft
from dashboard.extract.forces import SHIP_PREFIXES
from dashboard.extract.frames import Builder, unique, without_origins
from dashboard.extract.lexicon import (
    AT,
    BASE_NOUNS,
    CONTROL_VERBS,
    COUNTRY_MOVES,
    FRAMES,
    GROUP_MOVES,
    HANDOVER_NOUNS,
    HANDOVER_VERBS,
    HOLD_VERBS,
    HOST_VERBS,
    LAUNCH_VERBS,
    MILITARY_HEADS,
    MILITARY_WORDS,
    NOMINAL,
    OBJECT_DESTINATION,
    OBJECT_LOCATION,
    OBJECT_ORIGIN,
    OBSERVE_VERBS,
    OWNER_MOVES,
    PULL_VERBS,
    RELATIVE_PRONOUNS,
    SHIP_WORDS,
    TO,
    YEAR,
    ActorOf,
    Token,
)
from dashboard.extract.syntax import (
    Index,
    Place,
    Slots,
    case_of,
    coordinated,
    is_partitive,
    number,
    occurrences,
    phrase,
    place_of,
    places_of,
    slots_of,
)
from dashboard.records import Actor, Force, Mention, Sentence

__all__ = ["FRAMES", "MILITARY_WORDS", "Reader"]


class Reader:
    """Reads the military frames of one parsed sentence."""

    def __init__(self, text: str, sentence: Sentence, doc: Any, places: Sequence[Mention],
                 forces: Sequence[Force], actors: Sequence[Actor],
                 actor_of: ActorOf, people: dict[str, str | None] | None = None,
                 earlier: Sequence[Mention] = ()) -> None:
        self.text, self.sentence, self.doc = text, sentence, doc
        self.index = Index(doc, sentence.start, places, forces, actors, earlier)
        for name, code in (people or {}).items():
            if code is None:
                continue
            for at in occurrences(sentence.text, name):
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
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ != "ROOT":
            relative = token.head
            if relative.dep_ in ("acl:relcl", "acl") and relative.head.i != token.i:
                return self.force_of(relative.head)
        if token.i not in self.index.force:
            whole = [c for c in token.children if c.dep_ == "nmod" and case_of(c) == "of"]
            if token.tag_ == "CD" and number(token.text) is not None and whole:
                part_of = self.force_of(whole[0])  # "the last 50 of the 1,500 soldiers"
                if part_of is not None:
                    start, end = self.index.span(token)
                    return Force(start, end, token.text, count=number(token.text),
                                 count_text=token.text, personnel=part_of.personnel,
                                 actor=part_of.actor)
        for t in sorted(phrase(token), key=lambda t: (t.i != token.i, t.i)):
            if t.i in self.index.force:
                found = self.index.force[t.i]
                if found.count_text is None:  # "a contingent of about 1,000 soldiers"
                    counted = [self.force_of(c) for c in token.children
                               if c.dep_ == "nmod" and case_of(c) == "of"]
                    found = next((f for f in counted if f and f.count_text is not None), found)
                return found
        return self._implied_force(token)

    def _implied_force(self, token: Token) -> Force | None:
        """A force the extractor did not list: a count standing for an earlier force's
        people ("2,000 will go", "20,000 more"), or a military noun without a count."""
        numbers = [t for t in phrase(token) if t.tag_ == "CD" and number(t.text) is not None
                   and not YEAR.fullmatch(t.text)]  # "since 2017" is no count
        lemma = token.lemma_.lower()
        if numbers and (token.tag_ == "CD" or token.lower_ in ("more", "others", "another")):
            template = self._template(token)
            start, end = self.index.span(numbers[0])
            end = max(end, self.index.span(token)[1])
            return Force(start, end, self.text[start:end], count=number(numbers[0].text),
                         count_text=numbers[0].text,
                         personnel=template.personnel if template else None,
                         actor=template.actor if template else None)
        ship = next((c for c in token.children if c.dep_ == "compound" and (
            c.lower_ in SHIP_WORDS or c.text in SHIP_PREFIXES)), None)
        if ship is not None and token.tag_ == "NNP":  # "the carrier USS Gerald R. Ford"
            words = sorted(phrase(token, owned=True), key=lambda t: t.i)
            start, end = self.index.span(words[0])[0], self.index.span(words[-1])[1]
            prefix = next((c.text for c in token.children if c.text in SHIP_PREFIXES), None)
            kind = next((c.lower_ for c in token.children if c.lower_ in SHIP_WORDS), "ship")
            return Force(start, end, self.text[start:end], equipment=(kind,),
                         actor=SHIP_PREFIXES.get(prefix or "") or self.owner(token))
        if token.tag_.startswith("NN") and (lemma in MILITARY_HEADS
                                            or lemma.removesuffix("s") in MILITARY_HEADS):
            words = sorted(phrase(token, owned=True), key=lambda t: t.i)
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
                if child.dep_ == "nmod" and case_of(child) != "of":
                    continue
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
        """The first actor the sentence names before an offset (its subject, mostly)."""
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
            if not subjects and any(c.dep_ == "mark" and c.lower_ == "to"
                                    for c in verb.children):
                for c in verb.head.children:  # "urged Japan to", "called on Germany to"
                    if c.dep_ == "obj" or (c.dep_ == "obl" and case_of(c) == "on"):
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
            if lemma in PULL_VERBS and particles & {"out", "back", "away"}:
                return "withdrawal", "withdraw"
            if lemma == "build" and "up" not in particles:
                return None
            if lemma == "deploy":
                return "deployment", lemma
            if lemma in CONTROL_VERBS and any(c.dep_ == "obj" and c.lemma_.lower() == "control"
                                              for c in token.children):
                return "deployment", "take control"  # "took control of the village of X"
            if lemma in HANDOVER_VERBS or lemma == "hand" and (particles | {
                    case_of(c) for c in token.children if c.dep_ == "obl"}) & {"over", "back"}:
                return "withdrawal", "handover"  # "handed over its base", "over" misread
            frame = FRAMES.get(("V", lemma))
        elif tag.startswith("NN"):
            if lemma in HANDOVER_NOUNS:
                return "withdrawal", "handover"
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
                    if (dep != "nmod" or case_of(child) == "of") and self.force_of(child):
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
        lemma = trigger.lemma_.lower()
        for dep in ("obj", "nsubj:pass", "nsubj", "obl"):
            if dep == "obj" and lemma in OBJECT_DESTINATION:
                continue  # what troops reach or enter is a place ("until it reaches the 400
                # troops" moves nobody)
            for child in deps.get(dep, []):
                if dep == "obl" and case_of(child):
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
                            c.dep_ in ("obj", "obl") and case_of(c) in TO
                            for c in sibling.children):
                        return subjects[0]
                    break
        if trigger.dep_ in ("xcomp", "conj", "advcl", "parataxis") and \
                trigger.head.tag_.startswith("VB"):  # "troops remain, stationed near X"
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
        out.extend(self._copular_presences())
        return unique(without_origins(out))

    def _frame(self, trigger: Token, frame: str, lemma: str) -> list[Draft]:
        """The drafts of one trigger."""
        if lemma == "handover":
            return self._handover(trigger)
        force_token = self.force_slot(trigger)
        force = self.force_of(force_token)
        if force is None and frame in ("deployment", "withdrawal") or \
                force is None and lemma in OBJECT_LOCATION:
            force_token, force = self._actor_as_force(trigger, lemma)
        if force is None and frame == "presence" and lemma in HOLD_VERBS:
            return self._held_base(trigger)
        if frame == "exercise" and force_token is None:
            return self._exercise(trigger, lemma)
        if force is None or force_token is None or is_partitive(force_token):
            return []
        slots = _with_partitive_origin(slots_of(trigger, self.index, lemma, force_token),
                                       trigger, self)
        if lemma == "take control":  # what is controlled is where the force went
            slots = Slots(to=tuple(p for c in trigger.children if c.lemma_.lower() == "control"
                                   for n in c.children if n.dep_ == "nmod" and case_of(n) == "of"
                                   for p in places_of(n, self.index)))
        if lemma in OBSERVE_VERBS | HOST_VERBS:  # the seer or the host is not the owner
            actor = force.actor or self.owner(force_token)
        else:
            actor = self._actor(force, force_token, trigger)
        if lemma in HOST_VERBS:  # "Poland hosts 10,000 US troops": where is the subject
            hosts = [c for c in trigger.children if c.dep_ == "nsubj"]
            slots = Slots(at=places_of(hosts[0], self.index)) if hosts else Slots()
        build = Builder(self, trigger, force, actor)
        if frame == "deployment":
            drafts = build.movement(slots, lemma)
        elif frame == "withdrawal":
            drafts = build.withdrawal(slots, lemma)
        elif frame == "presence":
            drafts = self._distributed(build, force_token, slots.at or slots.to)
        else:
            drafts = build.exercise(slots)
        if drafts:
            self.used.update(t.i for t in phrase(force_token))
        return drafts

    def _handover(self, trigger: Token) -> list[Draft]:
        """A base handed over or closed: its holder leaves the place it stands in ("ATMIS
        handed over the Biyo Cadde base to the army", "the closure of the base at Kavumu")."""
        verb = trigger.tag_.startswith("VB")
        bases = [c for c in trigger.children if self._is_base(c) and (
            c.dep_ in ("obj", "nsubj:pass") or c.dep_ == "obl" and case_of(c) in ("over", "back")
            if verb else c.dep_ == "nmod" and case_of(c) == "of")]
        if not bases:
            return []
        places = places_of(bases[0], self.index) or tuple(  # "handed over its base at X"
            p for c in trigger.children if c.dep_ == "obl" and case_of(c) in ("at", "in")
            for p in places_of(c, self.index))
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
        """A base a country or group keeps is its presence there: "Russia keeps a naval
        base at Tartus", "France maintains a base in Djibouti"."""
        bases = [c for c in trigger.children if c.dep_ == "obj" and self._is_base(c)]
        if not bases:
            return []
        places = places_of(bases[0], self.index) or tuple(
            p for c in trigger.children if c.dep_ == "obl" and case_of(c) in AT
            for p in places_of(c, self.index))
        actor = self.subject_code(trigger)
        if not places or actor is None:
            return []
        return Builder(self, trigger, None, actor).presence(places)

    def _is_base(self, token: Token) -> bool:
        """A base, camp or other installation: by its noun ("the base at Gao", "the Ain
        al-Asad air base") or by the place it names."""
        if token.lemma_.lower() in BASE_NOUNS or any(
                c.dep_ == "appos" and c.lemma_.lower() in BASE_NOUNS for c in token.children):
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
        if not trigger.tag_.startswith("VB") or lemma not in GROUP_MOVES:
            return None, None
        objects = [c for c in trigger.children if c.dep_ == "obj"]
        if any(place_of(c, self.index) is None for c in objects):
            return None, None
        subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in RELATIVE_PRONOUNS | {"it"}:
            return None, None
        code = self.code_of(subject)
        if code is None or not (code in group_codes() or lemma in COUNTRY_MOVES):
            return None, None
        start, end = self.index.span(subject)
        return subject, Force(start, end, self.text[start:end], personnel="forces",
                              actor=code)

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
        start, end = self.index.span(owners[0])
        return owners[0], Force(start, end, self.text[start:end], personnel="forces",
                                actor=code)

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

    def _exercise(self, trigger: Token, lemma: str) -> list[Draft]:
        """Drills need no force: "China held drills around Taiwan", "joint exercises in the
        Baltic Sea", "US and Philippine troops began exercises". The place is the trigger's
        or, for a noun, its verb's; the actor the owner or that verb's subject."""
        host = trigger.head if trigger.tag_.startswith("NN") and trigger.dep_ in (
            "obj", "nsubj", "nsubj:pass", "obl") else trigger  # "take part in the exercise"
        slots = slots_of(trigger, self.index, lemma)
        if not slots.at and host is not trigger:
            slots = slots_of(host, self.index, lemma)
        places = slots.at
        if not places:
            return []
        taking_part = [c for v in {trigger, host} for c in v.children
                       if c.dep_ in ("nmod", "obl", "nsubj") and case_of(c) in ("with", "")]
        found = [(c, self.force_of(c)) for c in taking_part]
        forces = [(c, f) for c, f in found if f is not None]
        actor = self.owner(trigger) or self.subject_code(host)
        for token, force in forces:  # "20,000 troops from 13 NATO countries take part"
            actor = actor or force.actor or next(
                (self.code_of(c) for c in token.children
                 if c.dep_ == "nmod" and case_of(c) == "from" and self.code_of(c)), None)
        parties = [p.mention.place.country for p in slots.parties
                   if p.mention.place is not None and p.mention.place.kind == "country"]
        actor = actor or self.last_actor or (parties[0] if parties else None)
        drafts: list[Draft] = []
        for code in dict.fromkeys([actor, *self._partners(host, taking_part)]):
            force = next((f for _, f in forces if f.actor == code), None) or (
                forces[0][1] if forces and code == actor else None)
            drafts.extend(Builder(self, trigger, force, code).exercise(Slots(at=places)))
        return drafts

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

    def _stationed_forces(self) -> list[Draft]:
        """A force with no verb of its own: "1,500 Russian troops in Transnistria", "with
        20,000 more in Transnistria"."""
        out: list[Draft] = []
        for token in self.doc:
            if token.i in self.used or not token.tag_.startswith(("NN", "CD", "JJR")):
                continue
            if token.head.i in self.used and token.dep_ in NOMINAL:
                continue
            places = [c for c in token.children if c.dep_ in ("nmod", "obl")
                      and case_of(c) in AT]
            if not places:
                continue
            force = self.force_of(token)
            if force is None or (force.count_text is None and not force.actor
                                 and token.lower_ not in ("more", "others")):
                continue
            self.used.update(t.i for t in phrase(token))
            where = places_of(places[0], self.index)
            actor = self._actor(force, token, None)
            out.extend(Builder(self, token, force, actor).presence(where))
        return out



    def _copular_presences(self) -> list[Draft]:
        """A force said to be somewhere with "be", "remain" or "stay" as a copula: "the
        troops are in Haiti", "some 900 US soldiers remain in Syria"."""
        out: list[Draft] = []
        for token in self.doc:
            if case_of(token) not in AT or not any(
                    c.dep_ == "cop" and c.lemma_.lower() in ("be", "remain", "stay")
                    for c in token.children):
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.i in self.used:
                continue
            force = self.force_of(subject)
            places = places_of(token, self.index)
            if force is None or not places:
                continue
            self.used.update(t.i for t in phrase(subject))
            actor = self._actor(force, subject, None)
            out.extend(Builder(self, token, force, actor).presence(places))
        return out


def _with_partitive_origin(slots: Slots, trigger: Token, reader: Reader) -> Slots:
    """Parts of a force leaving a place leave from it: "Of the 3,000 sailors leaving
    Norfolk, 2,000 will go to Rota while 1,000 are sent to Souda Bay"."""
    if slots.source is not None:
        return slots
    for verb in (trigger, trigger.head):
        for child in verb.children:
            if not is_partitive(child):
                continue
            for acl in child.children:
                if acl.dep_ == "acl" and acl.lemma_.lower() in OBJECT_ORIGIN:
                    origin = slots_of(acl, reader.index, acl.lemma_.lower()).source
                    if origin is not None:
                        return replace(slots, source=origin)
    return slots


