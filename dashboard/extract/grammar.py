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

import calendar
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from dashboard.extract.actors import group_codes
from dashboard.extract.drills import Drills
from dashboard.extract.events import Draft
from dashboard.extract.forces import SHIP_PREFIXES, with_size
from dashboard.extract.frames import Builder, unique, without_origins
from dashboard.extract.implied import ImpliedForces
from dashboard.extract.lexicon import (
    CIVIL_DRILLS,
    CONTROL_VERBS,
    END_VERBS,
    EXPEL_VERBS,
    EXPEL_WITH_PARTICLE,
    FRAMES,
    FROM,
    HANDOVER_NOUNS,
    HANDOVER_VERBS,
    HOLD_VERBS,
    HOST_VERBS,
    HULLS,
    JOINED,
    LAUNCH_VERBS,
    MILITARY_HEADS,
    MILITARY_MODIFIERS,
    MILITARY_WORDS,
    NOUN_ONLY_TRIGGERS,
    OBJECT_DESTINATION,
    OBJECT_LOCATION,
    OBJECT_ORIGIN,
    OBSERVE_VERBS,
    OWNED_ONLY,
    PULL_VERBS,
    REDUCE_VERBS,
    RELATIVE_PRONOUNS,
    RETURN_WORDS,
    SHIP_WORDS,
    TO,
    TRAIN_VERBS,
    VISIT_VERBS,
    YEAR,
    ActorOf,
    Token,
)
from dashboard.extract.owners import Owners
from dashboard.extract.partners import Partners
from dashboard.extract.placing import places_of, slots_of
from dashboard.extract.presences import Presences
from dashboard.extract.syntax import (
    Index,
    Place,
    Slots,
    case_of,
    is_base_noun,
    is_civilian,
    is_partitive,
    number,
    occurrences,
    phrase,
)
from dashboard.records import Actor, Force, Mention, Sentence

__all__ = ["FRAMES", "MILITARY_WORDS", "Reader"]


# Verbs through which a force gives its size ("the forces, totaling 2,500 troops", "the
# mission, which has around 15,000 peacekeepers").
_SIZING = frozenset("total number have comprise".split())


class Reader(Owners, ImpliedForces, Presences, Drills, Partners):
    """Reads the military frames of one parsed sentence (whose the forces are: ``Owners``;
    forces no force word names: ``ImpliedForces``; forces said to be somewhere with no verb
    of moving: ``Presences``; drills and who takes part in them: ``Drills``)."""

    def __init__(self, text: str, sentence: Sentence, doc: Any, places: Sequence[Mention],
                 forces: Sequence[Force], actors: Sequence[Actor],
                 actor_of: ActorOf, people: dict[str, str | None] | None = None,
                 earlier: Sequence[Mention] = ()) -> None:
        self.text, self.sentence, self.doc = text, sentence, doc
        for token in doc:  # "Israel's withdrawal" misread as a participle is still a noun
            if token.lower_ in NOUN_ONLY_TRIGGERS and not token.tag_.startswith("NN"):
                token.tag_ = "NN"
            elif token.tag_ in ("NN", "NNS") and (("V", token.lemma_.lower()) in FRAMES or
                                                   token.lemma_.lower() in EXPEL_VERBS) and {
                    "nsubj", "obj"} <= {c.dep_ for c in token.children}:  # "Chad expels
                token.tag_ = "VBZ" if token.lower_.endswith("s") else "VB"  # French troops"
                # with the verb read as a noun that has a subject and an object
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
        self.vetoed: set[int] = set()  # trigger offsets read as no event at all
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
                    found = self.own_size(token, found)
                return found
        return self._implied_force(token)

    def own_size(self, token: Token, force: Force) -> Force:
        """A force with no count, counted by its own words: "a contingent of about 1,000
        soldiers", "the forces, totaling 2,500 troops", "the mission, which has around 15,000
        peacekeepers"."""
        counted = [self.force_of(c) for c in token.children
                   if c.dep_ == "nmod" and case_of(c) == "of"] + [
            self.index.force.get(c.i) for a in token.children
            if a.dep_ in ("acl", "acl:relcl") and a.lemma_.lower() in _SIZING
            for c in a.children if c.dep_ == "obj"]
        sizes = [f for f in counted if f and f.count_text is not None]
        return with_size(force, next((f for f in sizes if f.personnel), None) or next(
            iter(sizes), None))  # "2,000 soldiers and 40 armoured vehicles": the people

    def _implied_force(self, token: Token) -> Force | None:
        """A force the extractor did not list: a count standing for an earlier force's
        people ("2,000 will go", "20,000 more"), or a military noun without a count."""
        numbers = [t for t in phrase(token) if t.tag_ == "CD" and number(t.text) is not None
                   and not YEAR.fullmatch(t.text)  # "since 2017" is no count, nor "the
                   and not (t.i and t.nbor(-1).lower_.rstrip(".") in _MONTHS)]  # February
        # 10-20 drills"
        lemma = token.lemma_.lower()
        if token.lower_ == "they" and token.dep_ in ("nsubj", "nsubj:pass"):
            return self._they(token)
        contributors = self._contributors(token, numbers[0]) if numbers and token.tag_ in (
            "NNPS", "NNS", "NNP") else None
        if contributors is not None:
            return contributors
        if numbers and (token.tag_ == "CD" or token.lower_ in ("more", "others", "another")):
            template = self._template(token)
            if template is None and token.tag_ == "CD":
                return None  # a bare number stands for people only after a force of them
                # ("Of the 3,000 sailors, 2,000 will go"), not "March 30 in Talla"
            start, end = self.index.span(numbers[0])
            end = max(end, self.index.span(token)[1])
            return Force(start, end, self.text[start:end], count=number(numbers[0].text),
                         count_text=numbers[0].text,
                         personnel=template.personnel if template else None,
                         actor=template.actor if template else None)
        ship = next((c for c in token.children if c.dep_ == "compound" and (
            c.lower_ in SHIP_WORDS - HULLS or c.text in SHIP_PREFIXES)), None)
        if ship is None:  # "the USS Abraham Lincoln" with "USS" hung on "Abraham"
            ship = next((g for c in token.children if c.dep_ in ("compound", "flat")
                         for g in c.children if g.dep_ == "compound"
                         and g.text in SHIP_PREFIXES), None)
        if ship is None and token.text in SHIP_PREFIXES and any(  # "HMAS Tobruk" read with
                c.dep_ in ("flat", "compound") and c.tag_ == "NNP" for c in token.children):
            ship = token  # the prefix as its head
        if ship is not None and token.tag_ in ("NNP", "NN") and (
                token.tag_ == "NNP" or ship.text in SHIP_PREFIXES):  # "the carrier USS Gerald
            # R. Ford", "the USS Abraham Lincoln" (its last word read as a common noun)
            words = sorted(phrase(token, owned=True), key=lambda t: t.i)
            start, end = self.index.span(words[0])[0], self.index.span(words[-1])[1]
            prefix = ship.text if ship.text in SHIP_PREFIXES else next(
                (c.text for c in token.children if c.text in SHIP_PREFIXES), None)
            kind = next((c.lower_ for c in token.children if c.lower_ in SHIP_WORDS), "ship")
            return Force(start, end, self.text[start:end], equipment=(kind,),
                         actor=SHIP_PREFIXES.get(prefix or "") or self.owner(token))
        if lemma in ("fleet", "flotilla", "convoy") and is_civilian(token):
            return None  # "a fleet of 40 buses"
        if token.tag_.startswith("NN") and (lemma in MILITARY_HEADS
                                            or lemma.removesuffix("s") in MILITARY_HEADS):
            words = sorted(phrase(token, owned=True), key=lambda t: t.i)
            start, end = self.index.span(words[0])[0], self.index.span(words[-1])[1]
            owner = self.owner(token)
            if owner is None and lemma.removesuffix("s") in OWNED_ONLY | HULLS and not any(
                    t.lower_ in MILITARY_MODIFIERS for t in words) and not (
                    token.dep_ == "obj" and self.subject_code(token.head)
                    and not is_civilian(token)):
                return None  # "firefighting reinforcements", "the ship docked in Rotterdam"
                # (but "Ukraine moved reinforcements to Pokrovsk": a state's)
            return Force(start, end, self.text[start:end], personnel=token.lower_,
                         actor=owner)
        return None

    def _contributors(self, token: Token, count: Token) -> Force | None:
        """Counted people named by their nation in a list after a force of people ("with
        850 Burundians, 800 Cameroonians"), or None."""
        head = token
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if case_of(head) not in ("with", "including", "alongside"):
            return None
        code = self.actor_of(token.text)
        template = self._template(token) if code and code not in group_codes() else None
        if template is None:
            return None
        start, end = self.index.span(count)[0], self.index.span(token)[1]
        return Force(start, end, self.text[start:end], count=number(count.text),
                     count_text=count.text, personnel=template.personnel, actor=code)

    def _they(self, token: Token) -> Force | None:
        """The force "they" stands for: the nearest plural noun before it, when that noun
        is a force ("fired on two destroyers while they were leaving the Red Sea"; not
        "detained two journalists after they entered Kherson")."""
        nouns = [t for t in self.doc[:token.i] if t.tag_ in ("NNS", "NNPS")
                 and t.dep_ != "compound"]
        return self.index.force.get(nouns[-1].i) if nouns else None

    def _template(self, token: Token) -> Force | None:
        """The force an elided count takes its people from: the nearest one before it."""
        start = self.index.span(token)[0]
        before = [f for f in self.index.forces if f.start < start and f.personnel]
        return before[-1] if before else None

    # -- frames ---------------------------------------------------------------------------
    def frame_type(self, token: Token) -> tuple[str, str] | None:
        """(frame, lemma) when the token triggers a military frame."""
        lemma = token.lemma_.lower()
        tag = token.tag_
        if tag == "JJ" and token.lower_.endswith("ed") and any(  # "Rwandan troops entered
                c.dep_ == "nsubj" for c in token.children) and any(  # eastern Congo" with
                c.dep_ in ("obj", "obl") for c in token.children):  # the verb read as an
            tag = "VBD"  # adjective that has a subject and an object
        if lemma == "leave" and token.i and token.nbor(-1).lower_ in _LEAVE_OF_ABSENCE:
            return None  # "went on leave", "their annual leave" (a verb to the parse)
        if tag.startswith("VB"):
            particles = {c.lower_ for c in token.children if c.dep_ == "compound:prt"} | {
                case_of(c) for c in token.children if c.dep_ == "obl"} & {"out", "back", "away"} | {
                c.lower_ for c in token.children if c.dep_ == "advmod" and c.lower_ in (
                    "back", "away")}  # "pulling troops back from the border"
            if lemma == "bring" and any(c.lower_ == "together" for c in token.children):
                return None  # "the exercise brought together servicemen from Kazakhstan"
            if lemma in ("fly", "move") and "out" in particles:
                return "withdrawal", "depart"  # "flew out of Fort Bragg (for Poland)"
            if lemma in PULL_VERBS and particles & {"out", "back", "away"} or lemma == "pull" \
                    and any(case_of(c) == "from" for c in token.children):  # "pulled some of
                return "withdrawal", "withdraw"  # its forces from Aden", "will pull out of
                # Chad" (with "out" read as the place's preposition)
            if lemma in EXPEL_VERBS or lemma in EXPEL_WITH_PARTICLE and (
                    particles & {"out", "back", "away"} or any(
                        c.dep_ == "obl" and case_of(c) in FROM for c in token.children)
                    or any(n.dep_ == "nmod" and case_of(n) == "out" for c in token.children
                           if c.dep_ == "obj" for n in c.children)):
                return "withdrawal", "expel"  # "were driven from Kherson"
            if lemma in _ESTABLISH and (lemma != "set" or "up" in particles) and any(
                    self._is_base(b) and not is_civilian(b) for c in token.children
                    if c.dep_ == "obj" for b in [c, *c.children] if b is c or b.dep_ == "nmod"):
                return "presence", "establish"  # "has established dozens of bases in X"
            if lemma == "take" and "up" in particles and any(
                    c.dep_ == "obj" and c.lemma_.lower() == "position" for c in token.children):
                return "presence", "remain"  # "troops took up positions around the palace"
            if lemma == "build" and "up" not in particles:
                return None
            if lemma == "fight" and not any(c.dep_ == "obj" or c.dep_ == "mark" and c.lower_
                                            == "to" for c in token.children):  # nor "sent to
                # fight in Ukraine", whose sending is the event
                return "presence", "fight"  # "5,000 Chadian troops are fighting in northern
                # Mali" (not who they fight: "fighting Russian troops near Bakhmut")
            if lemma == "deploy":
                return "deployment", lemma
            if lemma == "call" and any(c.dep_ == "obl" and case_of(c) in ("at", "into")
                                       for c in token.children):
                return "deployment", "visit"  # "Russian warships called at Havana"
            if lemma == "join":
                return ("deployment", lemma) if any(
                    c.dep_ == "obj" and c.lemma_.lower() in JOINED for c in token.children) \
                    else None
            if lemma in CONTROL_VERBS and any(c.dep_ == "obj" and c.lemma_.lower() == "control"
                                              for c in token.children):
                return "deployment", "take control"  # "took control of the village of X"
            if lemma in HANDOVER_VERBS or lemma == "hand" and (particles | {
                    case_of(c) for c in token.children if c.dep_ == "obl"}) & {"over", "back"} \
                    or lemma in RETURN_WORDS and _names_base(token, "obj"):
                return "withdrawal", "handover"  # "handed over its base", "over" misread,
                # "returned its last military bases in Senegal"
            frame = FRAMES.get(("V", lemma))
        elif tag.startswith("NN"):
            if lemma == "game" and token.head.lemma_.lower() != "play" and any(
                    c.dep_ == "compound" and c.lower_ == "war" for c in token.children):
                return "exercise", "wargame"  # "staged war games around Taiwan"
            if lemma in HANDOVER_NOUNS or lemma in RETURN_WORDS and _names_base(token, "nmod"):
                return "withdrawal", "handover"  # "the return of the Rufisque military base"
            if lemma == "presence" and token.dep_ == "obj" and \
                    token.head.lemma_.lower() in END_VERBS:  # "MINUSMA ended its presence in
                return "withdrawal", "withdrawal"  # the Kidal region"
            if lemma == "call" and any(c.dep_ == "compound" and c.lower_ == "port"
                                       for c in token.children):
                return "deployment", "visit"  # "made a port call in Colombo"
            frame = FRAMES.get(("N", lemma))
            if frame == "exercise" and any(c.dep_ in ("compound", "amod") and c.lower_ in
                                           CIVIL_DRILLS and not (c.i and c.nbor(-1).text in (
                                               "-", "\u2010", "\u2011"))
                                           for c in token.children):
                return None  # "a fire drill", "an earthquake drill" (not "live-fire drills")
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
            if trigger.dep_ == "obj" and trigger.head.lemma_.lower() in (
                    VISIT_VERBS if trigger.lemma_.lower() in ("visit", "call") else LAUNCH_VERBS
            ) and FRAMES.get(("N", trigger.lemma_.lower())) != "exercise":
                for child in trigger.head.children:  # "Egyptian forces are conducting
                    if child.dep_ == "nsubj" and self.force_of(child):  # operations in Sinai"
                        return child
            return None
        for clause in deps.get("csubj", []):  # a reduced relative read as a clausal subject:
            if "nsubj" in deps or "nsubj:pass" in deps:  # "troops based in X will move"
                break
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubj:pass") and self.force_of(child):
                    return child
        lemma = trigger.lemma_.lower()
        for dep in ("obj", "nsubj:pass", "nsubj", "obl", "obl:unmarked"):
            if dep == "obj" and lemma in OBJECT_DESTINATION:
                continue  # what troops reach or enter is a place ("until it reaches the 400
                # troops" moves nobody)
            for child in deps.get(dep, []):
                if dep == "obl" and case_of(child):
                    continue  # "sending about 4,800 soldiers": a count read as an oblique
                if dep == "obl:unmarked" and ("nsubj" in deps or child.i > trigger.i):
                    continue  # "Some 600 commandos reached Mogadishu" with its subject
                    # misread as a bare oblique
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
            shared = [c for c in trigger.head.children if c.dep_ in ("obj", "iobj",
                                                                    "nsubj:pass", "nsubj")]
            # ("asked French troops to leave the country": who is asked leaves)
            if trigger.dep_ != "advcl" or not any(c.dep_ == "nsubj" for c in
                                                   trigger.children):
                for child in shared:
                    if self.force_of(child) is not None:
                        return child
            if trigger.dep_ == "conj" and trigger.head.dep_ == "acl" and self.force_of(
                    trigger.head.head):  # "troops stationed in Gao and sent to Kidal", and
                return trigger.head.head  # "troops intervened ... and returned" misparsed
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
        force_token = self.force_slot(trigger) if lemma != "expel" else next((
            c for v in (trigger, trigger.head if trigger.dep_ == "conj" else trigger)
            for c in v.children  # who is driven out, never the subject driving them
            if c.dep_ in ("obj", "nsubj:pass") and self.force_of(c) is not None), None)
        force = self.force_of(force_token)
        if lemma == "evacuate" and force_token is not None and force_token.dep_ != "obj" and any(
                c.dep_ == "obj" for c in trigger.children):
            return []  # who evacuates others ("evacuated women and children from X") stays
        if lemma in REDUCE_VERBS:  # what is cut is the force: "cut 2,000 jobs" moves nobody
            if force is None or force_token is None or force_token.dep_ != "obj" or \
                    force.personnel is None and not force.unit:
                return []
            force = self._cut_by(trigger, force)
        if force is None and frame in ("deployment", "withdrawal") or \
                force is None and lemma in OBJECT_LOCATION:
            force_token, force = self._actor_as_force(trigger, lemma)
        if force is None and frame == "presence" and lemma in HOLD_VERBS or lemma == "establish":
            return self._held_base(trigger)
        if force is None and lemma == "presence":
            return self._military_presence(trigger)
        if lemma in TRAIN_VERBS and (force_token is None or any(
                c.dep_ == "obj" and (self.force_of(c) or self.code_of(c))
                or c.dep_ == "mark" and c.lower_ == "to" for c in trigger.children)):
            return []  # only a force drills, not who trains others ("practising medicine in
            # Iran", "trained Ukrainian recruits"); "sent soldiers to train in X" is a sending
        if frame == "exercise":  # "5,000 US troops and 3,800 Filipino soldiers trained on
            return self._exercise(trigger, lemma, force_token)  # Luzon": each army drills
        if force is None and frame in ("deployment", "withdrawal") and _bare_mention(trigger) \
                and lemma != "visit":  # "the visit" of a minister is no move told again
            return [Builder(self, trigger, None, None).draft(frame)]  # "the withdrawal will
            # be complete": the story's last one, found by the pipeline
        companions = self.companions(trigger, force_token)
        if force is None and companions and frame in ("deployment", "presence"):
            force_token, force = companions.pop(0)  # "operations along the border, with the
            # participation of 8,000 Algerian soldiers"
        if force is None or force_token is None or is_partitive(force_token):
            return []
        if lemma == "fight" and force.personnel in ("fighters", "fighter") and force.actor \
                not in group_codes():
            return []  # "UFC fighters are fighting in Abu Dhabi": a bout, not a war
        if lemma in OBSERVE_VERBS | HOST_VERBS or lemma == "expel":  # the seer, the host
            actor = force.actor or self.owner(force_token)  # or the victor is not the owner
        else:
            actor = self._actor(force, force_token, trigger)
        self.index.avoid = actor  # "ordered the U.S. to withdraw its troops from the
        slots = _with_partitive_origin(slots_of(trigger, self.index, lemma, force_token),
                                       trigger, self)  # country": not the U.S.
        self.index.avoid = None
        if lemma == "expel" and slots.source is None:
            out = self._expelled_from(trigger, force_token)
            slots = replace(slots, source=out[0], sources=tuple(out)) if out else slots
        if lemma == "take control":  # what is controlled is where the force went
            slots = Slots(to=tuple(p for c in trigger.children if c.lemma_.lower() == "control"
                                   for n in c.children if n.dep_ == "nmod" and case_of(n) == "of"
                                   for p in places_of(n, self.index)))
        if lemma in HOST_VERBS and not slots.at:  # "Poland hosts 10,000 US troops": where
            hosts = [c for c in trigger.children if c.dep_ == "nsubj"]  # is the subject,
            slots = Slots(at=places_of(hosts[0], self.index)) if hosts else Slots()  # unless
            # the text says where ("Romania hosts NATO's battlegroup at Cincu")
        build = Builder(self, trigger, force, actor)
        if frame == "deployment":
            drafts = build.movement(slots, lemma)
        elif frame == "withdrawal":
            drafts = build.withdrawal(slots, lemma)
        else:  # a presence (drills were read above): "fighters have operated from Spangdahlem"
            drafts = self._distributed(build, force_token, slots.at or slots.to or (
                slots.sources if lemma == "operate" else ()))
        if drafts:
            self.used.update(t.i for t in phrase(force_token))
        return self.each_party(trigger, force_token, drafts, companions)

    def _expelled_from(self, trigger: Token, force_token: Token) -> list[Place]:
        """Where forces driven out leave when the verb names no place: the "out of X" the
        parse hung on the troops ("drove Russian troops out of X"), else the country that
        expels them ("Chad expelled French troops", "Niger's junta expelled ...")."""
        out = [p for c in force_token.children if c.dep_ == "nmod" and case_of(c) in FROM
               for p in places_of(c, self.index)]
        return out or [p for c in trigger.children if c.dep_ == "nsubj"
                       for t in [c, *(g for g in c.children if g.dep_ == "nmod:poss")]
                       for p in places_of(t, self.index) if p.mention.place is not None
                       and p.mention.place.kind == "country"][:1]

    def _cut_by(self, trigger: Token, force: Force) -> Force:
        """The size of a cut: "trim its forces in South Korea by 4,500"."""
        by = [c for c in trigger.children if c.dep_ == "obl" and case_of(c) == "by"
              and c.tag_ == "CD" and number(c.text) is not None]
        if not by:
            return force
        return replace(force, count=number(by[0].text), count_text=by[0].text,
                       count_min=number(by[0].text), count_max=number(by[0].text))

_ESTABLISH = frozenset("establish build open set construct".split())  # a base
_MONTHS = frozenset(m.lower() for m in (*calendar.month_name, *calendar.month_abbr) if m)
_LEAVE_OF_ABSENCE = frozenset({"on", "of", "annual", "sick", "shore", "home", "their", "his",
                               "her", "its", "maternity", "paternity"})


def _names_base(token: Token, dep: str) -> bool:
    """Whether a verb's object or a noun's "of" names a base: "returned its bases", "the
    return of the Rufisque base"."""
    return any(c.dep_ == dep and is_base_noun(c) and (dep != "nmod" or case_of(c) == "of")
               for c in token.children)


def _bare_mention(trigger: Token) -> bool:
    """Whether a noun of moving names an event told before: "the withdrawal", "this
    deployment", with no owner, force or place of its own (not "the deployments", which
    may be several)."""
    return trigger.tag_ == "NN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this") for c in trigger.children) and not any(
        c.dep_ in ("nmod", "nmod:poss", "compound", "amod", "nummod") for c in trigger.children)


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


