"""Who a sentence is about: countries, alliances, governments named by their capital or seat
("Moscow is preparing", "the Kremlin said") and people named with their country.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import re
from collections.abc import Sequence

from dashboard.extract.forces import SHIP_PREFIXES, proxy_at
from dashboard.extract.slots import is_locative
from dashboard.records import Actor, Mention
from geodata.gazetteer import Gazetteer

# Institutions that stand for a government.
_SEATS = {
    "kremlin": "RU", "pentagon": "US", "white house": "US", "state department": "US",
    "downing street": "GB", "whitehall": "GB", "elysee": "FR", "elysée": "FR",
    "zhongnanhai": "CN", "knesset": "IL", "idf": "IL",
    "people's liberation army": "CN", "pla": "CN",
    # national armed forces known by their own names
    "self-defense forces": "JP", "self-defense force": "JP", "self-defence forces": "JP",
    "jsdf": "JP", "gsdf": "JP", "msdf": "JP", "asdf": "JP", "tatmadaw": "MM", "fardc": "CD",
    "tsahal": "IL", "bundeswehr": "DE", "korean people's army": "KP",
    "irgc": "IR", "revolutionary guard": "IR", "revolutionary guards": "IR",
    "islamic revolutionary guard corps": "IR", "quds force": "IR", "royal navy": "GB",
    "usaf": "US", "luftwaffe": "DE", "rosgvardia": "RU",
    "royal air force": "GB", "raf": "GB", "royal marines": "GB",
    "royal australian air force": "AU", "raaf": "AU", "royal australian navy": "AU",
    "australian defence force": "AU", "royal canadian air force": "CA", "rcaf": "CA",
    "royal canadian navy": "CA", "royal new zealand air force": "NZ", "rnzaf": "NZ",
    "royal new zealand navy": "NZ", "republic of fiji military forces": "FJ", "rfmf": "FJ",
    "sandf": "ZA", "tni": "ID", "pla navy": "CN", "pla air force": "CN",
    "pla rocket force": "CN", "ispr": "PK", "fanb": "VE", "marine nationale": "FR",
    "russian aerospace forces": "RU", "vks": "RU", "zahal": "IL",
    # fleets known by their own names
    "northern fleet": "RU", "black sea fleet": "RU", "baltic fleet": "RU",
    "caspian flotilla": "RU", "second fleet": "US", "third fleet": "US", "fourth fleet": "US",
    "fifth fleet": "US", "sixth fleet": "US", "seventh fleet": "US",
    "marine expeditionary force": "US", "marine expeditionary unit": "US",
}
_ALLIANCES = {"nato": "NATO", "european union": "EU", "eu": "EU", "united nations": "UN",
              "un": "UN", "csto": "CSTO", "african union": "AFRICAN_UNION", "osce": "OSCE",
              "u.n.": "UN", "e.u.": "EU"}
_ALLIANCE_RE = re.compile(r"\b(NATO|Nato|European Union|EU|United Nations|UN|CSTO|African Union|"
                          r"OSCE)\b|\b(U\.N\.|E\.U\.)(?!\w)")  # "Nato" in British style
# An air force's name followed by a base or a place's name is that airfield.
_AIRFIELD_AFTER = re.compile(r"(?<=RAF|AAF|CAF|ZAF|SAF)\s+(?:[Bb]ase|[Ss]tation)\b")
_OWNED_BEFORE = re.compile(r"(?:['\u2019]s|[A-Z][a-z]+(?:ese|ian|ish|an|i))\s+(?:the\s+)?$")
_SEAT_RE = re.compile(r"\b(?:the\s+)?(" + "|".join(re.escape(k) for k in _SEATS) + r")\b", re.I)
# A place name used for its government: followed by a verb of saying, wanting, acting.
_METONYMY_AFTER = re.compile(
    r"^(?:'s\s+(?:government|leaders?|officials?|position|demands?|concerns?|response|"
    r"warnings?|claims?|decision|offer|proposals?)|\s+(?:has|have|had|is|was|were|are|will|"
    r"would|also|has\s+also|,\s+which)?\s*(?:says?|said|claims?|claimed|insists?|insisted|"
    r"wants?|wanted|denies|denied|hopes?|fears?|believes?|warns?|warned|accuses?|accused|"
    r"demands?|demanded|rejects?|rejected|refuses?|refused|refusing|announced?|announces|"
    r"hesitant|worried|worries|preparing|prepares|threatens?|threatened|responded|"
    r"urged?|urges|insisting|argues?|argued|maintains?|sees|considers?|agreed|agrees|"
    r"plans?|planned|intends?|objects?|condemned|condemns|welcomed|welcomes|"
    r"ordered|orders|sought|seeks|tried|tries|considering|weighing|sending|deploying|"
    r"stationed|deployed|sent|moved|massed|built|supplied|delivered|blamed|vowed)"
    r"|\s+(?:has|have|had)\s+(?:also\s+|already\s+|now\s+|long\s+)?[a-z]+(?:ed|en|t))\b", re.I)
_METONYMY_BEFORE = re.compile(
    r"\b(?:denials?\s+from|relations\s+with|talks\s+with|ties\s+with|pressure\s+(?:from|on)|"
    r"warnings?\s+from|support\s+(?:from|of)|criticism\s+from|accused|urged|by|with\s+both)"
    r"\s+(?:the\s+)?$", re.I)
_TITLES = (r"President|Prime Minister|Premier|Chancellor|Foreign Minister|Defen[cs]e Minister|"
           r"Defen[cs]e Secretary|Secretary of State|Secretary-General|Secretary General|"
           r"Deputy Foreign Minister|Minister|King|Queen|Emir|Crown Prince|Sultan|Leader|"
           r"General|Gen\.|Admiral|Adm\.|Marshal|Chief of Staff|Ambassador|Envoy|Senator|"
           r"Supreme Leader|Vice President|Spokesman|Spokeswoman|leader|counterpart")
# Words are bounded and possessive, and a match starts only where a word starts, so that a
# run of capitals or of hyphenated words is read once (linear time on any input).
_WORD = r"[A-Z][\w\u2019'-]{0,40}+"
_NAME = r"(?P<name>(?:" + _WORD + r"\s+){0,3}(?P<surname>" + _WORD + r"))"
_PERSON = re.compile(r"(?<![\w.\u2019'-])(?:(?P<who>[A-Z][\w.\u2019'-]{0,40}+"
                     r"(?:\s+[A-Z][\w.\u2019'-]{0,40}+)?)\s+)?"
                     r"(?:(?:" + _TITLES + r")\s+)+" + _NAME)


def is_metonymic(text: str, mention: Mention) -> bool:
    """True when a capital, country or seat name stands for a government in this context."""
    place = mention.place
    if place is None or place.kind not in ("city", "country"):
        return False
    if place.kind == "city" and place.feature_code not in ("PPLC", "PPLG"):
        return False
    after = text[mention.end:mention.end + 60]
    before = text[max(0, mention.start - 40):mention.start]
    if _METONYMY_AFTER.search(after):
        return True
    if place.kind == "city" and _SUBJECT_START.search(before) and _ACTS.match(after):
        return True  # "Washington also began sending...", at the head of its clause
    return place.kind == "city" and _METONYMY_BEFORE.search(before) is not None


_SUBJECT_START = re.compile(r"(?:^|[.;:!?\"\u201c]\s*|,\s+(?:and|but|while)\s+|\b(?:that|and)\s+)$")
_ACTS = re.compile(r"^\s+(?:(?:also|has|have|had|is|was|will|would|already|now|then|"
                   r"recently|quickly|reportedly)\s+)*(?:[a-z]{3,}(?:ed|s)|began|sent|made|took|"
                   r"gave|told|led|kept|held|put|set|ran|brought|sought|chose|drew|won)\b"
                   r"|^\s+(?:will|would|could|can|must|should|might|plans to|wants to|is to)\s+"
                   r"(?:also\s+|not\s+|soon\s+|now\s+)?[a-z]{3,}\b")
_AFTER_PLACE = re.compile(r",\s*$")


def _follows_place(mention: Mention, mentions: Sequence[Mention]) -> bool:
    """True when a mention comes right after another place ("Vilseck, Germany")."""
    return any(0 <= mention.start - m.end <= 2 and m.place is not None for m in mentions)


def find_actors(text: str, start: int, end: int, mentions: Sequence[Mention],
                gazetteer: Gazetteer) -> list[Actor]:
    """Actors named between ``start`` and ``end``: countries, demonyms, seats, alliances."""
    actors: list[Actor] = []
    for mention in mentions:
        if not (start <= mention.start < end) or mention.place is None:
            continue
        place = mention.place
        if proxy_at(text, mention.start, mention.end):
            continue  # "pro-Russian fighters", "Iranian-backed militias": whom they serve
        if mention.role != "actor" and (is_locative(text, mention) or _AFTER_PLACE.search(
                text[max(0, mention.start - 3):mention.start]) and _follows_place(
                    mention, mentions)):
            continue  # "in Belarus", "Vilseck, Germany": where, not who
        if place.kind == "country" or mention.role in ("actor", "demonym"):
            if place.country:
                actors.append(Actor(place.country, mention.start, mention.end, mention.text))
        elif gazetteer.demonym(mention.text) and place.country:
            actors.append(Actor(place.country, mention.start, mention.end, mention.text))
    segment = text[start:end]
    for match in _SEAT_RE.finditer(segment):
        at = start + match.start(1)
        if _AIRFIELD_AFTER.match(segment, match.end()) or any(
                m.start <= at and start + match.end(1) <= m.end for m in mentions):
            continue  # "Darwin's RAAF base", "RAF Lakenheath": a place, not who acts
        if match.group(1).lower().endswith(("fleet", "flotilla")) and _OWNED_BEFORE.search(
                segment, max(0, match.start() - 30), match.start()):
            continue  # "China's Northern Fleet": not Russia's
        code = _SEATS[match.group(1).lower()]
        actors.append(Actor(code, start + match.start(1), start + match.end(1), match.group(1)))
    for match in _ALLIANCE_RE.finditer(segment):
        group = 1 if match.group(1) else 2  # "UN", or "U.N." with its dots
        code = _ALLIANCES[match.group(group).lower()]
        actors.append(Actor(code, start + match.start(group), start + match.end(group),
                            match.group(group)))
    pattern, codes = armed_groups()
    for match in pattern.finditer(segment):
        code = codes[match.group(1).casefold()]
        actors.append(Actor(code, start + match.start(1), start + match.end(1), match.group(1)))
    actors.sort(key=lambda a: a.start)
    return actors


@functools.cache
def armed_groups() -> tuple[re.Pattern[str], dict[str, str]]:
    """Non-state armed groups, private military companies and multinational missions, from
    ``data/armed_groups.csv``: a pattern finding their names and a map name -> actor code.
    They are actors of their own, never the country they operate in."""
    source = importlib.resources.files("dashboard.extract").joinpath("data/armed_groups.csv")
    codes: dict[str, str] = {}
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for name in row["names"].split("|"):
                codes[name.casefold()] = row["code"]
    names = sorted(codes, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])",
                         re.I)
    return pattern, codes


def is_seat(words: str) -> bool:
    """Whether words name an institution or armed force that stands for one government
    ("the Pentagon", "the Self-Defense Forces", "the IRGC")."""
    return words.casefold().removeprefix("the ") in _SEATS


@functools.cache
def rebel_codes() -> frozenset[str]:
    """The codes of the non-state armed groups alone (no companies, no missions)."""
    source = importlib.resources.files("dashboard.extract").joinpath("data/armed_groups.csv")
    with source.open(encoding="utf-8") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle)
                         if row["kind"] == "armed group")


@functools.cache
def group_codes() -> frozenset[str]:
    """The codes of every armed group, private military company and mission."""
    return frozenset(armed_groups()[1].values())


def group_code(words: str) -> str | None:
    """The actor code of a group's name ("Hezbollah", "Houthi", "Wagner"), or None."""
    return armed_groups()[1].get(words.casefold())


@functools.cache
def known_leaders() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """Leaders news names without their country ("Putin said"): (pattern, key, actor).

    From ``data/leaders.csv``: full names always count; the short aliases listed there are
    names distinctive enough to stand alone."""
    source = importlib.resources.files("dashboard.extract").joinpath("data/leaders.csv")
    out = []
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names = [row["name"], *(a for a in row["aliases"].split("|") if a)]
            for name in names:
                out.append((re.compile(r"\b" + re.escape(name) + r"\b"), name, row["actor"]))
    return tuple(out)


def leader_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of the well-known leaders' full names in ``text``: a first
    name there is no place ("Vladimir Putin")."""
    spans = sorted((m.start(), m.end()) for pattern, name, _ in known_leaders()
                   if " " in name and name[:4] in text for m in pattern.finditer(text))
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def find_people(text: str, gazetteer: Gazetteer) -> dict[str, str | None]:
    """Names of people the text names with a title or their country ("Turkish President
    Recep Tayyip Erdogan", "Germany's Chancellor Olaf Scholz", "Russia's Vladimir Putin"),
    mapped to that country's code where the text gives it, else where the table of
    well-known leaders does."""
    people: dict[str, str | None] = {}
    for pattern, name, actor in known_leaders():
        if name[:4] in text and pattern.search(text):
            people[name] = actor
            if " " in name:  # "Lloyd Austin" ... "Austin said"
                people.setdefault(name.split()[-1], actor)
    for match in _PERSON.finditer(text):
        who = (match.group("who") or "").split()
        if who and who[-1] in SHIP_PREFIXES:
            continue  # "HMS Queen Elizabeth" is a ship
        code = _country_in(match.group("who") or "", gazetteer)
        surname = match.group("surname")
        names = match.group("name").split()
        keys = [surname] + ([names[0]] if len(names) == 2 else [])  # "Qin Gang": either
        for key in keys:
            if code or key not in people:
                people[key] = code or people.get(key)
    for match in _OWNED_PERSON.finditer(text):
        code = _country_in(match.group("who"), gazetteer)
        if code and gazetteer.lookup(match.group("name"), limit=1) == []:
            people[match.group("surname")] = code
    return people


def _country_in(words: str, gazetteer: Gazetteer) -> str | None:
    """The country a phrase such as "Dutch Prime" or "Germany's" names, if any."""
    for word in re.findall(r"[A-Z][\w.\u2019'-]*", words):
        word = re.sub(r"['\u2019]s$", "", word)
        code = gazetteer.demonym(word) or gazetteer.country_code(word)
        if code and len(code) == 2:
            return code
    return None


_OWNED_PERSON = re.compile(r"\b(?P<who>[A-Z][\w-]+)['\u2019]s\s+(?P<name>[A-Z][a-z]+\s+"
                           r"(?:[A-Z][a-z]+\s+)?(?P<surname>[A-Z][a-z]+))\b")
