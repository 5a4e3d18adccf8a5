"""Fill an event's slots around its trigger: the force, the actor, the person, the origin
and the places after it. Offsets are article offsets; a clause is a (start, end) pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dashboard.records import Actor, Force, Mention, Sentence

Span = tuple[int, int]

# Words allowed between a preposition and its place: "to neighbouring Belarus",
# "in the annexed Crimea peninsula", "near rebel-held Donetsk".
# ("the southern Ukrainian city of Kherson", "villages in southern Lebanon", "the air base in
# Niamey", "within 12 nautical miles of Mischief Reef", "south of the Litani River").
_DESCRIPTOR = (r"(?:(?:[a-z]+(?:ed|ing|ern|ian|ish)|nearby|disputed|[a-z]+-held|[a-z]+-occupied|"
               r"[a-z]+-controlled|key|strategic|frontline|front-line|[A-Z][a-z]+(?:ian|ean|ese|"
               r"ish|an|i|ic))\s+){0,3}")
_CONTAINER = (r"(?:(?:dozens of\s+|several\s+|some\s+|a number of\s+|two\s+|three\s+)?"
              r"(?:towns?|city|cities|villages?|port|region|province|area|areas|district|"
              r"capital|island|settlement|enclave|parts|positions|bases?|outposts|territory|"
              r"air base|naval base|military base|airport|airfield|border areas|outskirts|"
              r"port city|border state|border region|border town|border city|state|crossing|"
              r"peninsula|coast|waters|mountains|base|harbou?r|hub|logistics hub|"
              r"stronghold|garrison town)\s+"
              r"(?:of|in|near|at|around)\s+(?:the\s+)?)?")
_DISTANCE = (r"(?:within\s+[\d,.]+\s+(?:nautical\s+)?(?:miles|kilometres|kilometers|km)\s+of"
             r"\s+(?:the\s+)?|(?:north|south|east|west)\s+of\s+(?:the\s+)?)?")
ADJ = _ADJ = _DISTANCE + _DESCRIPTOR + _CONTAINER + _DESCRIPTOR
BORDER_WITH = (r"(?:its|their|the|his|her)\s+(?:\w+\s+)?(?:border|frontier|boundary)\s+with\s+"
               r"(?:the\s+)?")
TO = re.compile(r"\b(?:to|into|toward|towards|for|in|inside|at|on|across|along|near|"
                r"onto|over|off)\s+(?:the\s+)?(?:" + BORDER_WITH + r")?" + _ADJ + r"$", re.I)
# "from the 82nd Airborne Division at Fort Bragg": the unit's home is the origin.
FROM_UNIT = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w.'\u2019-]+\s+){0,6}?(?:[A-Z][\w-]*|bases?|"
                       r"garrisons?|units?)\s+(?:(?:based|stationed)\s+)?(?:at|in)\s+"
                       r"(?:the\s+)?$")
# "about 70 km from the port of Assab" says where, not where from.
_DISTANCE_FROM = re.compile(r"\d\s*(?:km|kilometres|kilometers|miles|metres|meters)\s+"
                            r"(?:\([^)]*\)\s+)?from\s+(?:the\s+)?" + _ADJ + r"$", re.I)
FROM = re.compile(r"\b(?:from|out of|leaving)\s+(?:the\s+)?" + _ADJ + r"$", re.I)
IN = re.compile(r"\b(?:in|at|near|along|on|across|inside|around|off|within|to)\s+"
                r"(?:the\s+)?(?:" + BORDER_WITH + r")?" + _ADJ + r"$", re.I)
IN_STRICT = re.compile(r"\b(?:in|at)\s+(?:the\s+)?" + _ADJ + r"$", re.I)
DIRECT = re.compile(r"^\s*+(?:to|into|in|for)?\s*+(?:the\s+)?" + _ADJ + r"$", re.I)
AND = re.compile(r"^\s*(?:,\s*)?(?:and|or|,|as well as(?:\s+in)?|and\s+to|and\s+in)"
                 r"\s+(?:the\s+)?" + _ADJ + r"$", re.I)
# A force's own place, written right after it: "soldiers in Germany", "troops stationed
# in the United States", "forces based at Ramstein".
_FORCE_AT = re.compile(r"^\s*+,?\s*+(?:(?:who\s+are\s+|currently\s+|now\s+|already\s+)?"
                       r"(?:stationed|based|deployed|garrisoned|serving)\s+)?(?:in|at)\s+"
                       r"(?:the\s+)?" + _ADJ + r"$", re.I)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:He|She)\s+(?!said|says|told|added)")
_WHERE = re.compile(r"^\s*,\s*where\b", re.I)
_POSSESSIVE = re.compile(r"^['\u2019]s\s+(?:[a-z]+\s+){0,2}$")
_LEADERS_OF = re.compile(r"\b(?:leaders|heads of state|presidents|ministers|officials)\s+of\s+$",
                         re.I)
_LOCATIVE = re.compile(r"\b(?:in|into|to|at|near|from|across|toward|towards|inside|outside|"
                       r"around|on|along|off)\s+(?:the\s+)?" + _ADJ + r"$", re.I)
OBJECT_GAP = 30  # a force this close after its trigger is the trigger's object


def is_locative(text: str, mention: Mention) -> bool:
    """True when a place name follows a locative preposition ("in Belarus")."""
    before = text[max(0, mention.start - 40):mention.start]
    return _LOCATIVE.search(before) is not None and _ADDRESSEE.search(before) is None


# "called on Germany to", "urged Japan to": the country addressed will be the actor.
_ADDRESSEE = re.compile(r"\b(?:call(?:s|ed|ing)?|prevail(?:s|ed)?|rel(?:y|ies|ied))\s+on\s+"
                        r"(?:the\s+)?$", re.I)


def force_for(kind: str, trigger: Span, clause: Span, forces: Sequence[Force]) -> Force | None:
    """The force a trigger is about: its object right after it, else the nearest before."""
    inside = [f for f in forces if clause[0] <= f.start < clause[1]]
    if kind == "arms_transfer":
        inside = [f for f in inside if f.equipment]
    before = [f for f in inside if f.end <= trigger[0]]
    after = [f for f in inside if f.start >= trigger[1]]
    if kind == "presence" and before and trigger[0] - before[-1].end <= OBJECT_GAP:
        return before[-1]  # "troops poised on", "forces stationed in"
    if after and after[0].start - trigger[1] <= OBJECT_GAP:
        if after[0].count_text is None and len(after) > 1 and after[1].count_text is not None \
                and after[1].start - after[0].end <= 25:
            return after[1]  # "sent a fresh contingent of some 200 instructors"
        return after[0]
    if before:
        return before[-1]
    return after[0] if after else None


def possessive_actor(text: str, trigger: Span, actors: Sequence[Actor]) -> str | None:
    """ "Turkey's supply", "Russia's positioning": the country owning the trigger noun."""
    for actor in actors:
        if actor.end <= trigger[0] and _POSSESSIVE.match(text[actor.end:trigger[0]]):
            return actor.code
    return None


def actor_for(text: str, force: Force | None, trigger: Span, clause: Span, sentence: Sentence,
              actors: Sequence[Actor], person: str | None, person_code: str | None
              ) -> str | None:
    """The actor: a possessive owner, the force's own, a person's country, else the nearest
    actor named before the trigger (in its clause, then in its sentence)."""
    owner = possessive_actor(text, trigger, actors)
    if owner:
        return owner
    if force is not None and force.actor:
        return force.actor
    before = [a for a in actors if clause[0] <= a.start < trigger[0]]
    if not before:  # a clause without its own subject shares the sentence's: the first actor
        before = [a for a in actors if sentence.start <= a.start < trigger[0]][:1]
    if person is not None:
        at = text.rfind(person, clause[0], trigger[0])
        if person_code or not before or at > before[-1].start:
            return person_code  # a person whose country the text may not give
    return before[-1].code if before else None


def leader_countries(text: str, clause: Span, trigger: Span, actors: Sequence[Actor]
                     ) -> list[str]:
    """ "the leaders of France and Germany flagged trips": one actor per country named."""
    codes: list[str] = []
    prev_end = 0
    for actor in actors:
        if not clause[0] <= actor.start < trigger[0] or len(actor.code) != 2:
            continue
        if codes and AND.search(text[prev_end:actor.start] + " "):
            codes.append(actor.code)
        elif _LEADERS_OF.search(text[max(clause[0], actor.start - 40):actor.start]):
            codes = [actor.code]
        else:
            continue
        prev_end = actor.end
    return codes


def joint_actors(text: str, clause: Span, trigger: Span, actors: Sequence[Actor]) -> list[str]:
    """ "Japan and the Philippines held joint drills": every country of the list right
    before the trigger, in order (one or none when there is no such list)."""
    inside = [a for a in actors if clause[0] <= a.start < trigger[0] and len(a.code) == 2]
    if len(inside) < 2:
        return []
    group = [inside[-1]]
    for actor in reversed(inside[:-1]):
        if not AND.search(text[actor.end:group[0].start] + " "):
            break
        group.insert(0, actor)
    return [a.code for a in group] if len(group) > 1 else []


def person_before(text: str, clause: Span, trigger: Span, people: dict[str, str | None]
                  ) -> tuple[str | None, str | None]:
    """The last known person named in the clause before the trigger, with their country;
    for a clause that starts "He ..." or "She ...", the last person named before it."""
    window = text[clause[0]:trigger[0]]
    if _PRONOUN_SUBJECT.match(window):
        window = text[max(0, clause[0] - 600):clause[0]]
    best: tuple[int, str] | None = None
    for surname in people:
        found = list(re.finditer(r"\b" + re.escape(surname) + r"\b", window))
        if found and (best is None or found[-1].start() > best[0]):
            best = (found[-1].start(), surname)
    return (best[1], people[best[1]]) if best else (None, None)


def place_after(text: str, start: int, end: int, places: Sequence[Mention],
                preposition: re.Pattern[str], max_gap: int | None = None) -> Mention | None:
    """The first place after ``start`` in the clause introduced by ``preposition``."""
    for place in places:
        if not (start <= place.start < end) or place.role != "place" or place.place is None:
            continue
        if max_gap is not None and place.start - start > max_gap:
            return None
        gap = text[start:place.start]
        if FROM.search(gap) or FROM_UNIT.search(gap):
            continue
        if preposition.search(gap) or (preposition is DIRECT and DIRECT.match(gap)):
            return _more_specific(text, place, places)
    return None


def _more_specific(text: str, place: Mention, places: Sequence[Mention]) -> Mention:
    """ "Russia's Kursk region", "Ukraine's Donetsk": the place inside the country."""
    for other in places:
        if other.start > place.end and other.place is not None and _POSSESSED.match(
                text[place.end:other.start]):
            return other
    return place


_POSSESSED = re.compile(r"^(?:['\u2019]s\s+(?:[a-z]+(?:ern|ed)\s+)?|\s+(?:city|town|region|"
                        r"province|port|district|village|governorate|border town|enclave|"
                        r"capital)\s+of\s+(?:the\s+)?)$")


def origin_of(text: str, clause: Span, trigger: Span, places: Sequence[Mention],
              force: Force | None) -> Mention | None:
    """ "from X" anywhere in the clause, or the force's own place: "1,000 soldiers in
    Germany are being sent", "pull back forces in eastern Europe"."""
    for place in places:
        before = text[max(clause[0], place.start - 90):place.start]
        if clause[0] <= place.start < clause[1] and place.role == "place" and (
                FROM.search(before) or FROM_UNIT.search(before)) \
                and not _DISTANCE_FROM.search(before):
            return _more_specific(text, place, places)
    if force is None:
        return None
    for place in places:
        if force.end <= place.start < clause[1] and place.role == "place" and (
                place.start < trigger[0] or force.start > trigger[0]):
            if _FORCE_AT.match(text[force.end:place.start]):
                return place
    return None


def where_antecedent(text: str, clause: Span, trigger: Span, places: Sequence[Mention]
                     ) -> Mention | None:
    """ "... Belarus, where Moscow is preparing to send troops": Belarus."""
    for place in places:
        if place.end <= trigger[0] and _WHERE.match(
                text[place.end:place.end + 12]):
            return place
    return None


def destinations_from(text: str, first: Mention, end: int, places: Sequence[Mention]
                      ) -> list[Mention]:
    """A place and the ones joined to it: "to Germany and Poland" gives both."""
    out = [first]
    for place in places:
        if place.start <= out[-1].start or place.start >= end or place.role != "place":
            continue
        if _contains(place, out[-1]):
            continue  # "Fort Bragg, N.C.": the state says where the first place is
        if AND.search(text[out[-1].end:place.start]):
            out.append(place)
        else:
            break
    return out


def _contains(outer: Mention, inner: Mention) -> bool:
    """True when ``outer`` is the state or country that ``inner`` lies in."""
    a, b = outer.place, inner.place
    if a is None or b is None or a.country != b.country:
        return False
    return a.kind == "country" or (a.kind == "admin1" and b.admin1 is not None and (
        b.admin1 == a.name or b.admin1 == a.admin1))
