"""Turn one sentence's forces, places, actors and dates into events with a modality.

The rules work on clauses: a trigger word (sent, deployed, visits, drills, supply...) opens
an event; the places after it with "to/into/in" are destinations, "from X" or a force
"in X" before it is the origin; the words before it in its clause decide the modality.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dashboard.extract import slots
from dashboard.extract.lexicon import CIVIL_DRILLS
from dashboard.extract.modality import modality_of
from dashboard.records import Actor, Force, Mention, Sentence

_MOVE = (r"roll|rolls|rolled|rolling|land|lands|landed|landing|dock|docks|docked|"
         r"docking|"
         r"drove|drive|drives|driven|advance|advanced|advancing|pushed|pushing|"
         r"redeploy|redeploys|redeployed|reinforce|reinforced|"
         r"reinforcing|"
         r"order|orders|ordered|ordering|send|sends|sent|sending|deploy|deploys|deployed|"
         r"deploying|deployment|deployments|"
         r"dispatch|dispatches|dispatched|dispatching|fly|flies|flew|flown|flying|"
         r"move|moves|moved|moving|transfer|transfers|transferred|relocate|relocated|"
         r"relocating|redeploy|redeployed|redeploying|rush|rushed|rushing|shift|shifted|"
         r"arrive|arrives|arrived|arriving|head|heads|headed|heading|ship|shipped|sail|sails|sailed|sailing|march|marched|pour|poured|"
         r"mobili[sz]e|mobili[sz]ed|transit|transited|cross(?!-)|crossed|crossing|regroup|"
         r"enter|entered|entering|invade|invaded|invading|invasion")
_WITHDRAW = (r"pull(?:s|ed|ing)?(?=[^.;]{0,60}\b(?:out|back)\b)|"
             r"return|returns|returned|returning|"
             r"withdraw|withdraws|withdrew|withdrawn|withdrawing|withdrawal|pull back|"
             r"pulls back|pulled back|pulling back|pull out|pulls out|pulled out|"
             r"pulling out|pullout|pull-out|leave|leaves|left|leaving|retreat|retreated|"
             r"retreating|evacuate|evacuated|exit|exited|depart|departed|departing")
_PRESENCE = (r"patrol|patrols|patrolled|patrolling|station|stations|serve|serves|serving|"
             r"maintain|maintains|maintained|"
             r"poised|massed|massing|amassed|amassing|stationed|positioned|"
             r"positioning|"
             r"gathered|gathering|concentrated|based|build-up|buildup|build up|deployed|"
             r"present|garrisoned|(?:taken|took|take|seized|gained|has|have|in)\s+(?:full\s+|effective\s+)?control\s+of|"
             r"captured|seized|dug in|camped|remain|remains|remained|kept|keeps|keeping|"
             r"operating|operate|operates|occupying|occupy|occupied")
_SHARED_BORDER = (r"(?:along|on|near|at|across)\s+(?:their|the)\s+(?:shared\s+|common\s+|"
                  r"disputed\s+|tense\s+)?(?:border|frontier|line of contact)")
_EXERCISE = r"drills?|exercises?|war games|wargames|maneuvers|manoeuvres|practiced|practised"
# "a fire drill", "an earthquake exercise" (but "live-fire drills"): read in the 16
# characters before a drill word.
_CIVIL_BEFORE = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(CIVIL_DRILLS)) + r")\s$", re.I)
_ARMS = (r"supply|supplies|supplied|supplying|deliver|delivers|delivered|delivering|delivery|"
         r"deliveries|sale|sales|sold|sell|sells|selling|provide|provides|provided|providing|"
         r"transfer of|donate|donated|gift|gave|give|gives|arming|buy|buys|bought|buying|"
         r"purchase|purchases|purchased|purchasing|acquire|acquires|acquired|acquiring")
_VISIT = (r"visit|visits|visited|visiting|travel|travels|travelled|traveled|travelling|"
          r"traveling|trip|trips|journey|fly to|flies to|flew to|flying to|going to|goes to|"
          r"went to|heads to|headed to|arrive in|arrives in|arrived in|come to|came to|"
          r"tour|toured")
_MEET = r"meet|meets|met|meeting|summit|talks|host|hosts|hosted|hosting"

TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(r"\b(?:" + words + r")\b", re.I))
    for name, words in (
        ("arms_transfer", _ARMS), ("exercise", _EXERCISE), ("withdrawal", _WITHDRAW),
        ("diplomatic_visit", _VISIT), ("meeting", _MEET), ("deployment", _MOVE),
        ("presence", _PRESENCE), ("shared_border", _SHARED_BORDER),
    )
)
_BORDER = re.compile(r"^\W*(?:'s\s+|\u2019s\s+)?(?:(?P<sides>(?:(?:north|south|east|west)"
                     r"(?:ern|-eastern|-western)?(?:\s*(?:,|and)\s*)?)+)\s+)?border", re.I)
ANY_TRIGGER = re.compile(r"\b(?:" + "|".join((_MOVE, _WITHDRAW, _EXERCISE, _ARMS, _VISIT, _MEET))
                         + r")\b", re.I)
_CLAUSE_BREAK = re.compile(r";|\s--\s(?!as well as)|\s\u2014\s(?!as well as)|"
                           r",\s+(?:and|but|while|whereas|although|as)\s|"
                           r"\s(?:after|before|because|since|until)\s(?![\d,])|"
                           r"\bwhile\b|\bbut\b|,\s+which\b|,\s+(?=[a-z]+ing\b)|,\s+where\b")


@dataclass(frozen=True, slots=True)
class Draft:
    """An event before geometry and ids: what the rules found in one clause."""

    type: str
    modality: str
    trigger_start: int
    trigger_end: int
    actor: str | None
    force: Force | None
    origin: Mention | None
    destination: Mention | None
    location: Mention | None
    extent: str
    border_side: tuple[str, ...]
    person: str | None
    border_with: str | None = None
    also: bool = False  # told as doing what the story just told of others ("also pulled back")


def find_drafts(text: str, sentence: Sentence, places: Sequence[Mention],
                forces: Sequence[Force], actors: Sequence[Actor],
                people: dict[str, str | None]) -> list[Draft]:
    """All event drafts of one sentence."""
    drafts: list[Draft] = []
    for kind, pattern in TRIGGERS:
        for match in pattern.finditer(sentence.text):
            if kind == "exercise" and _CIVIL_BEFORE.search(
                    sentence.text, max(0, match.start() - 16), match.start()):
                continue
            t0, t1 = sentence.start + match.start(), sentence.start + match.end()
            if any(d.trigger_start <= t0 < d.trigger_end for d in drafts):
                continue
            slots_ = _Slots(text, sentence, (t0, t1), places, forces, actors, people, kind)
            drafts.extend(_BUILDERS[kind](slots_))
    used = {id(d.force) for d in drafts if d.force is not None}
    for force in forces:
        if id(force) not in used and (force.count_text is not None or force.actor):
            drafts.extend(_where_force_is(text, sentence, force, places, actors, people))
    return _drop_duplicates(drafts)


def _where_force_is(text: str, sentence: Sentence, force: Force, places: Sequence[Mention],
                    actors: Sequence[Actor], people: dict[str, str | None]) -> list[Draft]:
    """A force with no verb of its own, placed by the words right after it: "has 40,000
    troops near the Finnish border", "1,500 Russian troops in Transnistria"."""
    before = text[sentence.start:force.start]
    if _WHERE_BEFORE.search(before):  # "in Latvia, where about 1,000 Canadian troops lead"
        place = slots.where_antecedent(text, (sentence.start, sentence.end),
                                       (force.start, force.start), places)
        if place is not None and place.place is not None:
            s = _Slots(text, sentence, (force.start, force.start), places, [force], actors,
                       people, "presence")
            extent = "area" if place.place.kind != "city" else "point"
            return [s.draft("presence", location=place, extent=extent, force=force)]
    for place in places:
        if place.start < force.end or place.place is None:
            continue
        gap = text[force.end:place.start]
        if not _FORCE_PLACE.match(gap):
            return []
        border = _BORDER_AFTER.match(text[place.end:place.end + 20])
        if place.role == "demonym" and not border:
            return []
        if place.role == "actor":
            return []
        s = _Slots(text, sentence, (force.start, force.start), places, [force], actors, people,
                   "presence")
        extent = "border" if border else (
            "area" if place.place.kind != "city" else "point")
        return [s.draft("presence", location=place, extent=extent, force=force)]
    return []


_FORCE_PLACE = re.compile(r"^\s+(?:more\s+)?(?:(?:are|is|were|was|remain|remains|remained|now|"
                          r"still)\s+)?"
                          r"(?:(?:stationed|based|deployed|positioned|massed|gathered)\s+)?"
                          r"(?:in|at|near|along|on|inside|across|around|off)\s+(?:the\s+)?"
                          + slots.ADJ + r"$", re.I)
_WHERE_BEFORE = re.compile(r",\s*where\s+(?:(?:about|some|around|roughly|nearly)\s+)?$", re.I)
_BORDER_AFTER = re.compile(r"^\s+(?:border|frontier|side of the (?:border|frontier))", re.I)


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Article offsets of the clauses of a sentence."""
    bounds = [sentence.start]
    for match in _CLAUSE_BREAK.finditer(sentence.text):
        bounds.append(sentence.start + match.start())
    bounds.append(sentence.end)
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


class _Slots:
    """What surrounds one trigger: its clause, force, person, actor and modality."""

    def __init__(self, text: str, sentence: Sentence, trigger: tuple[int, int],
                 places: Sequence[Mention], forces: Sequence[Force], actors: Sequence[Actor],
                 people: dict[str, str | None], kind: str) -> None:
        self.text, self.sentence, self.trigger, self.kind = text, sentence, trigger, kind
        self.places, self.actors, self.forces = places, actors, forces
        self.clause = _clause_of(sentence, trigger[0])
        self.force = slots.force_for(kind, trigger, self.clause, forces)
        self.person, person_code = slots.person_before(text, self.clause, trigger, people)
        self.actor = slots.actor_for(text, self.force, trigger, self.clause, sentence, actors,
                                     self.person, person_code)
        self.modality = modality_of(text, self.clause[0], trigger[0], trigger[1], ANY_TRIGGER)

    def draft(self, type_: str, *, origin: Mention | None = None,
              destination: Mention | None = None, location: Mention | None = None,
              extent: str = "point", sides: tuple[str, ...] = (), actor: str | None = None,
              force: Force | None = None, person: str | None = None) -> Draft:
        """A draft with this trigger's modality and the given slots."""
        return Draft(type_, self.modality, self.trigger[0], self.trigger[1],
                     actor or self.actor, force, origin, destination, location, extent, sides,
                     person)


def _movement(s: _Slots) -> list[Draft]:
    """Forces sent from an origin to one or more destinations."""
    if s.force is None:
        return []
    dest = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, slots.TO)
    if dest is None and _ENTERING.fullmatch(s.text[s.trigger[0]:s.trigger[1]]):
        dest = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, slots.DIRECT,
                                 max_gap=6)  # "have entered Wad Madani"
    stative = _STATIVE.search(s.text[max(0, s.trigger[0] - 20):s.trigger[0]]) or (
        s.force.end <= s.trigger[0] and not s.text[s.force.end:s.trigger[0]].strip()
        and _PARTICIPLE.fullmatch(s.text[s.trigger[0]:s.trigger[1]]) is not None)
    if dest is not None and stative and not _ONWARD.search(s.text[s.trigger[1]:dest.start]):
        return []  # "remain deployed in", "peacekeepers deployed in": a presence
    dest = dest or slots.where_antecedent(s.text, s.clause, s.trigger, s.places)
    if dest is None:
        return []
    origin = slots.origin_of(s.text, s.clause, s.trigger, s.places, s.force)
    sending = _SENDING.fullmatch(s.text[s.trigger[0]:s.trigger[1]]) is not None
    delivered = sending and is_weapons_delivery(s.force)
    kind = "arms_transfer" if delivered and not carried_into(s.text, dest.start) \
        else "deployment"
    if origin is not None and _OUT_OF.search(s.text[max(0, origin.start - 40):origin.start]):
        kind = "withdrawal"  # "flew out of the air base in Niamey to N'Djamena"
    return [s.draft(kind, origin=origin, destination=d, force=s.force)
            for d in slots.destinations_from(s.text, dest, s.clause[1], s.places)
            if origin is None or d.start != origin.start]


def carried_into(text: str, start: int) -> bool:
    """Whether weapons sent to a place go in with their army ("sent tanks into Rafah"), not
    to a recipient ("sent tanks to Ukraine's Zaporizhzhia region")."""
    return _INTO.search(text, max(0, start - 40), start) is not None


_INTO = re.compile(r"\b(?:into|inside)\s++(?:the\s++)?(?:[\w'\u2019-]++\s++){0,3}$", re.I)


def is_weapons_delivery(force: Force) -> bool:
    """Weapons without troops that are sent somewhere change hands ("sending ATACMS missiles
    to Ukraine"); ships, jets and troops sent somewhere are deployed."""
    return force.personnel is None and not force.unit and any(
        _TRANSFERABLE.search(item) for item in force.equipment)


_OUT_OF = re.compile(r"\bout\s+of\s+(?:the\s+)?" + slots.ADJ + r"$", re.I)
_ENTERING = re.compile(r"enter|entered|entering|enters|invade|invaded|invading|invades|"
                       r"cross|crossed|crossing|crosses|reach|reached|reaching", re.I)
_BUYING = re.compile(r"buy|buys|bought|buying|purchase|purchases|purchased|purchasing|"
                     r"acquire|acquires|acquired|acquiring", re.I)
_SENDING = re.compile(r"send|sends|sent|sending|ship|ships|shipped|shipping|rush|rushed|"
                      r"dispatch|dispatched|dispatching", re.I)
_TRANSFERABLE = re.compile(r"tank|missile|drone|artillery|howitzer|rocket|launcher|himars|"
                           r"munition|weapon|arms|equipment|hardware|shell|aid|"
                           r"patriot|batter|armou?red|vehicle|air defen|bayraktar|ammunition",
                           re.I)


def _withdrawal(s: _Slots) -> list[Draft]:
    """Forces leaving a place (to another, when it is named)."""
    if s.force is None:
        return []
    if s.text[s.trigger[0]:s.trigger[1]].lower().startswith("return"):
        back_to = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, _ONWARD,
                                    max_gap=40)
        if back_to is not None:  # "returned several times to Gaza City"
            return [s.draft("deployment", destination=back_to, force=s.force)]
    origin = slots.origin_of(s.text, s.clause, s.trigger, s.places, s.force) or \
        slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, slots.DIRECT, max_gap=40)
    if origin is None:
        return []
    dest = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, _ONWARD)
    if dest is not None and dest.start <= origin.start:
        dest = None
    return [s.draft("withdrawal", origin=origin, destination=dest, force=s.force)]


def _presence(s: _Slots) -> list[Draft]:
    """Forces at, near or along places; "on Ukraine's borders" becomes a border band.
    Every place of the clause after the force introduced by "in/on/along..." counts
    ("across Ukraine's borders -- as well as in the annexed Crimea peninsula")."""
    if s.force is None:
        return _patrol(s)
    start = max(s.force.end, s.trigger[1] if s.force.start > s.trigger[0] else s.force.end)
    out = []
    word = s.text[s.trigger[0]:s.trigger[1]].lower()
    if word.endswith(" of") or word in ("patrol", "patrols", "patrolled", "patrolling"):
        # "taken control of the town of X", "would patrol the southern Red Sea"
        held = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, slots.DIRECT,
                                 max_gap=60)
        if held is not None:
            kind = "area" if held.place and held.place.kind != "city" else "point"
            return [s.draft("presence", location=held, extent=kind, force=s.force)]
    while (place := slots.place_after(s.text, start, s.clause[1], s.places, slots.IN)):
        border = _BORDER.match(s.text[place.end:place.end + 60])
        if border is None and _BORDER_WITH.search(s.text[start:place.start]):
            out.append(s.draft("presence", location=place, extent="border", force=s.force))
        elif border:
            sides = tuple(side.lower() for side in re.findall(
                r"north|south|east|west", border.group("sides") or "", re.I))
            out.append(s.draft("presence", location=place, extent="border", sides=sides,
                               force=s.force))
        else:
            extent = "area" if place.place and place.place.kind != "city" else "point"
            out.append(s.draft("presence", location=place, extent=extent, force=s.force))
        following = slots.place_after(s.text, place.end, s.clause[1], s.places, slots.IN)
        if following is None or not _CONTINUES.search(s.text[place.end:following.start]) \
                or re.search(r"\d", s.text[place.end:following.start]):
            break  # "2,500 troops in Iraq and roughly 900 in Syria": a force of its own
        start = place.end
    return out


def _patrol(s: _Slots) -> list[Draft]:
    """ "China's military conducted patrols in the South China Sea": forces implied."""
    if s.actor is None or not s.text[s.trigger[0]:s.trigger[1]].lower().startswith("patrol"):
        return []
    where = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, slots.IN, max_gap=40)
    if where is None:
        return []
    kind = "area" if where.place and where.place.kind != "city" else "point"
    return [s.draft("presence", location=where, extent=kind)]


def _exercise(s: _Slots) -> list[Draft]:
    """Drills and exercises, located where the clause says ("practised" only of a force:
    not "the doctor practised medicine in Kenya")."""
    word = s.text[s.trigger[0]:s.trigger[1]].lower()
    if s.force is None and word.startswith("practi") or word.startswith("war") and \
            _PLAYED.search(s.text, max(s.clause[0], s.trigger[0] - 16), s.trigger[0]):
        return []  # nor "students played war games on their laptops"
    where = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, _BETWEEN_OR_IN,
                              max_gap=60)
    if where is not None:  # "drills between Russia and Belarus": the last one is the host
        where = slots.destinations_from(s.text, where, s.clause[1], s.places)[-1]
    where = where or _last_place(s.text, s.places, s.clause, s.trigger)
    if where is None:
        return []
    actor = s.actor
    if actor is None:
        after = [a for a in s.actors if s.trigger[1] <= a.start < s.clause[1]]
        actor = after[0].code if after else None
    counted = sorted((f for f in s.forces if f.count_text is not None
                      and s.clause[0] <= f.start < s.clause[1]),
                     key=lambda f: (f.personnel is None, f.start))  # people before hulls
    force = counted[0] if counted else (
        s.force if s.force is not None and s.force.start < s.trigger[1] + 60 else None)
    codes: list[str | None] = list(slots.joint_actors(s.text, s.clause, s.trigger, s.actors))
    codes = codes or [actor]
    return [s.draft("exercise", location=where, extent="area", actor=code, force=force)
            for code in codes]


def _arms(s: _Slots) -> list[Draft]:
    """Weapons supplied to someone, or bought from someone."""
    if s.force is None or not s.force.equipment:
        return []
    if _BUYING.fullmatch(s.text[s.trigger[0]:s.trigger[1]]):
        return _purchase(s)
    dest = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, slots.TO) or \
        slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, slots.DIRECT, max_gap=4)
    if dest is None:
        return []  # "supplied Russia with drones": the recipient is the direct object
    origin = slots.origin_of(s.text, s.clause, s.trigger, s.places, None)
    return [s.draft("arms_transfer", origin=origin, destination=dest, force=s.force)]


def _purchase(s: _Slots) -> list[Draft]:
    """ "Poland agreed to buy 180 K2 tanks from South Korea": from the seller to the buyer,
    the buyer being the country that acts."""
    seller = slots.origin_of(s.text, s.clause, s.trigger, s.places, None)
    buyers = [m for m in s.places if m.place is not None and m.place.country == s.actor
              and (m.place.kind == "country" or m.role == "actor")  # "Warsaw will buy"
              and s.sentence.start <= m.start < s.trigger[0]]
    if seller is None or not buyers:
        return []
    return [s.draft("arms_transfer", origin=seller, destination=buyers[-1], force=s.force)]


def _visit(s: _Slots) -> list[Draft]:
    """A leader's trip: "visits Kyiv", "travel to Moscow", "flagged trips to Moscow"; a
    warship's visit ("a submarine visited the port of Busan") is a deployment."""
    military = s.force is not None and s.force.end <= s.trigger[0] and s.person is None
    if not military and not _is_diplomatic(s):
        return []
    dest = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, slots.DIRECT,
                             max_gap=40)
    if dest is None:
        return []
    if military:
        return [s.draft("deployment", destination=dest, force=s.force)]
    origin = slots.origin_of(s.text, s.clause, s.trigger, s.places, None)
    countries: list[str | None] = list(slots.leader_countries(s.text, s.clause, s.trigger,
                                                               s.actors))
    countries = countries or [s.actor]
    return [s.draft("diplomatic_visit", origin=origin, destination=dest, actor=code,
                    person=s.person) for code in countries]


def _meeting(s: _Slots) -> list[Draft]:
    """Leaders meeting in a place: "Putin meets Xi in Beijing"."""
    if not _is_diplomatic(s):
        return []
    where = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, slots.IN_STRICT,
                              max_gap=90)
    if where is None or _VERB_BETWEEN.search(s.text[s.trigger[1]:where.start]):
        return []  # "summit ... aimed at avoiding war in Ukraine" is not held in Ukraine
    return [s.draft("meeting", location=where, person=s.person)]


def _is_diplomatic(s: _Slots) -> bool:
    """True when a known person or a leader word stands before the trigger."""
    return s.person is not None or _LEADER.search(
        s.text[s.clause[0]:s.trigger[1]]) is not None


_BETWEEN_OR_IN = re.compile(r"\b(?:in|at|near|off|between|across|over|around|surrounding|"
                            r"encircling|close to)\s+(?:the\s+)?"
                            r"(?:[a-z]+(?:ed|ing|ern|ian)\s+)?$", re.I)
_CONTINUES = re.compile(r"^(?:['\u2019]s)?[\w\s,-]{0,60}?\b(?:and|as well as|or)\b"
                       r"[\w\s-]{0,30}$")
_ONWARD = re.compile(r"\b(?:to|into|toward|towards|for)\s+(?:the\s+)?" + slots.ADJ + r"$", re.I)
_BORDER_WITH = re.compile(slots.BORDER_WITH + r"$", re.I)
_VERB_BETWEEN = re.compile(r"\b(?:[a-z]+ing|[a-z]{3,}ed|to)\s")
_PARTICIPLE = re.compile(r"deployed|stationed|based|positioned|garrisoned|massed", re.I)
_STATIVE = re.compile(r"\b(?:remain|remains|remained|are|is|were|was|stay|stays|stayed|"
                      r"been|already)\s+(?:(?:now|still|already|currently|permanently)\s+)?$",
                      re.I)
_LEADER = re.compile(r"\b(?:leaders?|ministers?|presidents?|chancellor|premier|officials?|"
                     r"delegation|envoy|secretary|king|emir|diplomats?)\b", re.I)

def _shared_border(s: _Slots) -> list[Draft]:
    """ "Armenian and Azerbaijani forces clashed along their border": each side's forces
    along its border with the other."""
    if s.force is None or s.force.start > s.trigger[0]:
        return []
    sides = [m for m in s.places if m.place is not None and m.place.kind == "country"
             and s.clause[0] <= m.start < s.force.end]
    sides = [m for i, m in enumerate(sides) if m.place.country not in  # type: ignore[union-attr]
             {o.place.country for o in sides[:i]}]  # type: ignore[union-attr]
    if len(sides) != 2:
        return []
    out = []
    inside = slots.place_after(s.text, s.trigger[1], s.clause[1], s.places, _IN_REGION,
                               max_gap=12)
    for mine, theirs in (sides, sides[::-1]):
        assert mine.place is not None and theirs.place is not None
        draft = s.draft("presence", location=inside or mine, extent="area" if inside else
                        "border", actor=mine.place.country, force=s.force)
        out.append(draft if inside else replace(draft, border_with=theirs.place.country))
    return out


_IN_REGION = re.compile(r"^\s*(?:in|near)\s+(?:the\s+)?$", re.I)


_BUILDERS = {
    "deployment": _movement, "withdrawal": _withdrawal, "presence": _presence,
    "exercise": _exercise, "arms_transfer": _arms, "diplomatic_visit": _visit,
    "meeting": _meeting, "shared_border": _shared_border,
}


def _clause_of(sentence: Sentence, pos: int) -> tuple[int, int]:
    """The clause of ``sentence`` holding article offset ``pos``."""
    for a, b in clauses(sentence):
        if a <= pos < b:
            return a, b
    return sentence.start, sentence.end


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|off|around|across|along|over|on|inside|outside|within|throughout)\s++"
    r"(?:the\s++)?(?:[\w'\u2019-]++\s++){0,2}$", re.I)


def _last_place(text: str, places: Sequence[Mention], clause: tuple[int, int],
                trigger: tuple[int, int]) -> Mention | None:
    """The last place of the clause before the trigger that the text says things happen in
    ("In Belarus, troops practiced") or a country holding them ("Russia and Belarus began
    the exercise"), not any other name ("Marcos watched the exercises")."""
    inside = [p for p in places if clause[0] <= p.start < trigger[0] and p.role == "place"
              and p.place is not None and (p.place.kind == "country" and not _INSTITUTION_AFTER
                                          .match(text, p.end, p.end + 40)
                                          and not _FORCE_AFTER.match(text, p.end, p.end + 40)
                                          and not _PARTICIPANT_BEFORE.search(
                                              text, max(clause[0], p.start - 30), p.start)
                                          or _LOCATIVE_BEFORE.search(
                                              text, max(clause[0], p.start - 40), p.start))]
    return inside[-1] if inside else None


# A country among those taking part ("forces from 15 NATO countries, including the United
# States"): no place where the drills are held.
_PARTICIPANT_BEFORE = re.compile(r"\b(?:including|from|such as|joined by)\s++(?:the\s++)?$",
                                 re.I)


_PLAYED = re.compile(r"\bplay(?:s|ed|ing)?\s++(?:\w+\s++)?$", re.I)
# A country naming whose forces they are ("US and Australian units practised"): no place.
_FORCE_AFTER = re.compile(
    r"(?:\s++and\s++[A-Z][\w-]{0,20})?\s++(?:troops|soldiers|forces|units|marines|sailors|"
    r"navies|armies|personnel|contingents?|navy|army|air\s++force|military|coast\s++guard|"
    r"marine\s++corps)\b", re.I)
# A country naming the body that speaks ("the U.S. military said", "a Philippines Department
# of Foreign Affairs spokesperson"): no place where drills are held ("Taiwan's military
# launched drills" holds them at home).
_INSTITUTION_AFTER = re.compile(
    r"\s++(?:(?:department|ministry|government|officials?|spokes\w{0,10}|embassy)\b|"
    r"(?:military|army|navy|air\s++force|armed\s++forces|forces|defen[cs]e\s++ministry)\s++"
    r"(?:said|says|told|announced|reported|stated|added|confirmed)\b)", re.I)


def _drop_duplicates(drafts: list[Draft]) -> list[Draft]:
    """One draft per type and place in a sentence; a movement's origin is no presence."""
    origins = {(id(d.force), d.origin.start) for d in drafts
               if d.type in ("deployment", "withdrawal") and d.origin is not None}
    seen: set[tuple[str, int | None, int | None, str | None]] = set()
    out = []
    for draft in drafts:
        place = draft.destination or draft.location
        if draft.type == "presence" and place is not None and (
                id(draft.force), place.start) in origins:
            continue
        key = (draft.type, draft.origin.start if draft.origin else None,
               place.start if place else None, draft.actor)
        if key in seen:
            continue
        seen.add(key)
        out.append(draft)
    return out
