"""What the story around a sentence lends an event draft: an actor for a force named by no
one ("the troops", "the army", "the Pentagon said 300 troops left"), a place for a
withdrawal told with none ("the first convoy departed on Oct. 10") or for an event told
again ("the withdrawal will be complete"), and no country for rebels ("DRC rebels").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from dashboard.extract import actors as actor_rules
from dashboard.extract.events import Draft
from dashboard.extract.forces import is_police
from dashboard.records import Actor, Event, Force, Mention, Sentence

_HOME_FORCES = re.compile(r"\b(?:the|its|their|government|national|regular)\s+(?:army|military|"
                          r"armed forces)\b|\b(?:government|national|regular)\s+(?:troops|"
                          r"forces|soldiers|units)\b", re.I)
MILITARY = ("deployment", "presence", "withdrawal", "exercise")


def with_context_actor(text: str, sentence: Sentence, actors: Sequence[Actor], draft: Draft,
                       earlier: list[Event], tally: Counter[str],
                       groups: Sequence[str] = ()) -> Draft:
    """Fill a missing actor from the story: "the army ... pulled out of Wad Madani" is the
    army of the country it happens in; "a final contingent of 150 soldiers flew out" belongs
    to whoever the previous military event of the last two sentences (four for "the
    troops") was about; failing that, "the Pentagon said 300 troops left" and "500 Ground
    Self-Defense Force personnel" are the troops of the one government the sentence names by
    an institution or a force of its own, and failing that, whoever the story's forces most
    often belong to (the first of them on a tie). Rebels, militants or insurgents of no one
    are the armed group the story named last ("M23 ... the rebels advanced"; ``groups``: the
    rebel groups named so far, in order)."""
    if draft.actor is not None or draft.type not in MILITARY:
        return draft
    rebels = _are_rebels(draft.force)
    if rebels and groups:
        return replace(draft, actor=groups[-1])
    clause = text[sentence.start:draft.trigger_end]
    place = draft.origin or draft.location or draft.destination
    if _HOME_FORCES.search(clause) and place is not None and place.place is not None \
            and place.place.country and not (place is draft.destination and
                                             place.place.kind == "country"):
        return replace(draft, actor=place.place.country)  # (an army sent "to Tonga" is
        # no army of Tonga's)
    reach = 4 if _is_anaphoric(text, sentence, draft.force) else 2
    for event in reversed(earlier):
        if event.sentence.index < sentence.index - reach:
            break
        if event.type in MILITARY and event.actor and event.modality in (
                "asserted", "planned") and not (  # "US troops arrived in Poland. The
                rebels and event.actor not in actor_rules.rebel_codes()):  # rebels advanced"
            return replace(draft, actor=event.actor)
    seats = {a.code for a in actors if actor_rules.is_seat(a.text)}
    if len(seats) == 1 and not is_irregular(draft.force):
        return replace(draft, actor=seats.pop())
    return with_story_actor(draft, tally)


def with_story_actor(draft: Draft, tally: Counter[str]) -> Draft:
    """A draft with no actor takes whoever the story's forces most often belong to (the
    first of them on a tie), unless it is police, irregulars of no armed group or rebels
    of no rebel group."""
    rebels = _are_rebels(draft.force)
    story_actor = max(tally, key=tally.__getitem__) if tally else None
    if draft.actor is not None or story_actor is None or is_police(draft.force) or (
            is_irregular(draft.force) and story_actor not in actor_rules.group_codes()) or (
            rebels and story_actor not in actor_rules.rebel_codes()):  # no mission's rebels
        return draft  # "Rebels seized Rubaya" after a story of US troops: not US rebels
    return replace(draft, actor=story_actor)


def theatres(events: Sequence[Event]) -> dict[str, set[str]]:
    """The countries where the story puts each actor's forces."""
    out: dict[str, set[str]] = {}
    for event in events:
        if event.actor:
            out.setdefault(event.actor, set()).update(
                _countries(event.origin, event.destination, event.location))
    return out


def same_theatre(draft: Draft, where: dict[str, set[str]]) -> bool:
    """Whether a draft's place lies in a country where the story puts its actor's forces
    (``where``, from ``theatres``), or names no country: "About 300 soldiers arrived in Gao
    ... Chad will send troops to Mali" is one theatre; "soldiers patrolled Kyiv ... Russia
    deployed troops to Kursk" is not, so the soldiers are not lent to Russia."""
    here = _countries(draft.origin, draft.destination, draft.location)
    return not here or bool(here & where.get(draft.actor or "", set()))


def _countries(*mentions: Mention | None) -> set[str]:
    return {m.place.country for m in mentions
            if m is not None and m.place is not None and m.place.country}


def placed(draft: Draft) -> bool:
    """Whether a draft has a place of its own."""
    return bool(draft.origin or draft.destination or draft.location)


def from_where_it_was(draft: Draft, earlier: list[Event], sentence: Sentence,
                      named: bool) -> Draft | None:
    """A withdrawal the sentence gives no place ("the first convoy of French soldiers
    departed on Oct. 10") leaves where the story last put the same actor's forces, and
    forces taking part in "this war game" drill where the story's last drill was, within
    the last few sentences; with no such place it is dropped. ``named``: the sentence names
    a place or a state."""
    if draft.also:  # "Chinese troops pulled back in the Galwan valley. Indian soldiers also
        return _where_others_did(draft, earlier, sentence) if draft.actor else None  # pulled
        # back"
    told = draft.force is None  # "the withdrawal will be complete": the last one told,
    if told and not named:  # in a sentence naming a place or
        return None  # a state ("Baghdad welcomed the withdrawal", not "the company said this
        # deployment went smoothly")
    if draft.type not in ("withdrawal", "exercise") and not told or draft.actor is None:
        return None
    for event in reversed(earlier):
        if event.sentence.index < sentence.index - _STORY_REACH:
            break
        if draft.type == "exercise" and event.type == "exercise" and event.location:
            return replace(draft, location=event.location, extent=event.extent)  # "2,500
            # servicemen from four countries will take part in this war game": the last drill
        if event.actor != draft.actor or event.type not in MILITARY:
            continue
        if told:
            if event.type != draft.type:
                continue
            return replace(draft, origin=event.origin, destination=event.destination,
                           location=event.location, extent=event.extent,
                           border_side=event.border_side, border_with=event.border_with,
                           modality=event.modality if draft.modality == "asserted"
                           else draft.modality)  # "Baghdad welcomed the withdrawal" of a
            # planned one
        place = event.destination if event.type == "deployment" else (
            event.location or event.origin)
        if place is not None and place.place is not None:
            return replace(draft, origin=place)
    return None


def _where_others_did(draft: Draft, earlier: list[Event], sentence: Sentence) -> Draft | None:
    """A move "also" made, with no place of its own, goes where the story's last move of
    the same kind, in this sentence or the one before, went; dropped when there is none."""
    for event in reversed(earlier):
        if event.sentence.index < sentence.index - 1:
            break
        if event.type != draft.type or event.actor == draft.actor:
            continue
        if draft.type == "deployment" and event.destination is not None:
            return replace(draft, origin=event.origin if event.origin is not None and (
                event.origin.place is None or event.origin.place.country != draft.actor)
                else None, destination=event.destination, extent=event.extent)
        if draft.type == "withdrawal" and (event.origin or event.location) is not None:
            return replace(draft, origin=event.origin or event.location)
    return None


_STORY_REACH = 6  # sentences back that a withdrawal with no place looks for one
_REBELS = r"rebel|insurgent|militant|militia|guerrilla|jihadist"
_IRREGULAR = re.compile(_REBELS + r"|paramilitar|fighter|gunm[ae]n|mercenar", re.I)
_INSURGENTS = re.compile(_REBELS + r"|separatist", re.I)


def insurgents(text: str, draft: Draft) -> Draft:
    """Rebels are not the army of the country they fight in: "DRC rebels advancing on Goma"
    and "separatist troops" have no country of their own (a named group keeps its code)."""
    force = draft.force
    if draft.actor is None or len(draft.actor) != 2 or draft.actor in ("UN", "EU") or \
            force is None or not force.personnel or _INSURGENTS.search(
                _force_words(text, force)) is None:
        return draft
    return replace(draft, actor=None)


def _are_rebels(force: Force | None) -> bool:
    """Whether a force is rebels, insurgents, militants or separatists by its own words."""
    return force is not None and _INSURGENTS.search(force.personnel or force.text) is not None


def is_irregular(force: Force | None) -> bool:
    """Whether a force is an irregular body (rebels, militias, fighters, mercenaries)."""
    return force is not None and _IRREGULAR.search(force.personnel or force.text) is not None


def _force_words(text: str, force: Force) -> str:
    """A force's words with the word right before it that may qualify it ("separatist
    troops") when its own words name no owner, not one across a comma or bracket ("rebels,
    troops") nor one that is against them ("anti-rebel")."""
    before = text[max(0, force.start - _QUALIFIER_CHARS):force.start]
    cut = max(before.rfind(mark) for mark in ",;:.()\"\u201c\u201d")
    word = before[cut + 1:].split()[-1:] if force.actor is None else []  # "Malian troops"
    if word and word[0].lower().startswith("anti"):
        word = []
    return " ".join([*word, force.text])


_QUALIFIER_CHARS = 24


def abroad(draft: Draft) -> bool:
    """Whether a draft's actor is known and its place lies in another country."""
    place = draft.destination or draft.location or draft.origin
    country = place.place.country if place is not None and place.place is not None else None
    return draft.actor is not None and country is not None and country != draft.actor


_DEFINITE_BEFORE = re.compile(r"\b(?:the|their|its|these|those|such)\s+(?:\S+\s+){0,2}$", re.I)


def _is_anaphoric(text: str, sentence: Sentence, force: Force | None) -> bool:
    """Whether a force points back to one named before: "the troops", "their units", "these
    soldiers" (a word or two may stand between: "the newly deployed police officers")."""
    if force is None:
        return False
    window = text[max(sentence.start, force.start - 40):force.start]
    return _DEFINITE_BEFORE.search(window) is not None
