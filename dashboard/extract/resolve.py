"""Resolve each toponym candidate of an article to one gazetteer place.

Two passes: the first picks by kind, population and the countries the article names; the
second adds what the first pass found nearby: places in the same US state or within a few
hundred kilometres of the article's other places win ("Paris" near "Lamar County").
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence

from dashboard.extract.toponyms import Candidate
from geodata.gazetteer import Gazetteer
from geodata.records import Place
from geodata.text import normalize

_KIND_WEIGHT = {
    "country": 15.5,
    "admin1": 12.0,
    "region": 13.0,
    "conflict_area": 13.0,
    "sea": 13.0,
    "installation": 13.0,
    "island": 13.0,
    "admin2": 4.0,
    "city": 0.0,
}
_FEATURE_BONUS = {"PPLC": 4.0, "PPLA": 1.0, "PPLA2": 0.3}
# A large city called exactly by the name beats a province of that name ("Moscow", "Gaza").
_BIG_CITY_BONUS = 4.0
_BIG_CITY = 100_000
_COUNTRY_WEIGHT = 6.0
_STATE_WEIGHT = 6.0
_NEAR_WEIGHT = 4.0
_NEAR_KM = 250.0
_MAX_ANCHORS = 150  # enough context for any news story, and bounded for huge files
_MAX_OPTIONS = 30  # the gazetteer lists a name's places best first; the tail never wins
US_STATES = (
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia "
    "Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland "
    "Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada "
    "New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Ohio Oklahoma "
    "Oregon Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah "
    "Vermont Virginia Washington West_Virginia Wisconsin Wyoming District_of_Columbia"
).split(" ")


@functools.cache
def _state_places(gazetteer: Gazetteer) -> dict[str, Place]:
    """The admin-1 place of every US state, by postal code."""
    out: dict[str, Place] = {}
    for name in (state.replace("_", " ") for state in US_STATES):
        code = gazetteer.us_state(name)
        for place in gazetteer.candidates(normalize(name)):
            if code and place.country == "US" and place.kind == "admin1":
                out[code] = place
                break
    return out


def options_for(candidate: Candidate, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """The gazetteer places a candidate may name (a demonym names its country, a state
    abbreviation its state, "City, ST" only that state's cities when there are any)."""
    if candidate.demonym:
        country = gazetteer.country(candidate.demonym)
        return (country,) if country else ()
    if candidate.state_abbreviation:
        place = _state_places(gazetteer).get(candidate.state_abbreviation)
        return (place,) if place else ()
    options = gazetteer.candidates(candidate.key)
    if candidate.state:
        in_state = tuple(p for p in options if p.country == "US" and p.admin1
                         and gazetteer.us_state(p.admin1) == candidate.state)
        return in_state or options
    return options


def resolve(candidates: Sequence[Candidate], gazetteer: Gazetteer,
            home: str | None = None) -> list[Place | None]:
    """The best place for every candidate, in order (None where nothing fits)."""
    options = [options_for(c, gazetteer)[:_MAX_OPTIONS] for c in candidates]
    countries = _country_context(candidates, options, home)
    first = _choose(candidates, options, _Context(gazetteer, countries))
    context = _Context(gazetteer, countries, *_local_context(candidates, first, gazetteer))
    return _choose(candidates, options, context)


def _choose(candidates: Sequence[Candidate], options: list[tuple[Place, ...]],
            context: _Context) -> list[Place | None]:
    """The best option of every candidate; one decision per distinct name, since the
    context is the article's and the same name means the same place throughout it."""
    decided: dict[tuple[str, str | None, str | None, str | None], Place | None] = {}
    out = []
    for candidate, opts in zip(candidates, options, strict=True):
        key = (candidate.key, candidate.state, candidate.demonym, candidate.state_abbreviation)
        if key not in decided:
            decided[key] = _best(candidate, opts, context)
        out.append(decided[key])
    return out


Evidence = dict[str, Counter[str]]  # name key -> what its mentions say (countries, states)


class _Context:
    """What the article speaks of: countries, US states and anchor points, kept by the name
    that says so, so that a name is never its own evidence ("Georgia" x10)."""

    def __init__(self, gazetteer: Gazetteer, countries: Evidence,
                 states: Evidence | None = None,
                 anchors: dict[str, list[tuple[float, float]]] | None = None) -> None:
        self.gazetteer = gazetteer
        self.countries = countries
        self.states = states or {}
        self.anchors = anchors or {}

    def share(self, evidence: Evidence, code: str, own_key: str) -> float:
        """The share of the other names' evidence that points to ``code``."""
        total = hits = 0
        for key, counts in evidence.items():
            if key != own_key:
                total += sum(counts.values())
                hits += counts.get(code, 0)
        return hits / total if total else 0.0


# "England" is a country's alias and a first-level area's own name: the area is meant.
_ALIAS_PENALTY = 5.0
_DOMINANT = 5.0  # how far a name's best reading must lead the best one elsewhere to count


def _country_context(candidates: Sequence[Candidate], options: list[tuple[Place, ...]],
                     home: str | None) -> Evidence:
    """Countries the article speaks of, from names whose country is not in doubt."""
    evidence: Evidence = {}
    if home:
        evidence[""] = Counter({home: 2})
    for candidate, opts in zip(candidates, options, strict=True):
        if not opts:
            continue
        top = max(opts, key=_prior)
        rival = max((_prior(p) for p in opts if p.country != top.country), default=None)
        if top.country and (rival is None or _prior(top) - rival >= _DOMINANT):
            evidence.setdefault(candidate.key, Counter())[top.country] += 1
    return evidence


def _local_context(candidates: Sequence[Candidate], first: list[Place | None],
                   gazetteer: Gazetteer
                   ) -> tuple[Evidence, dict[str, list[tuple[float, float]]]]:
    """First-level areas (as "CC|name") and anchor points, by name, from the first pass."""
    states: Evidence = {}
    anchors: dict[str, list[tuple[float, float]]] = {}
    for candidate, place in zip(candidates, first, strict=True):
        if place is None or place.kind in ("country", "region", "sea"):
            continue
        if place.country and place.admin1:
            area = _area_key(place, gazetteer)
            states.setdefault(candidate.key, Counter())[area] += (
                2 if place.kind == "admin1" or candidate.state else 1)
        if place.kind != "admin1" and (candidate.key in anchors or len(anchors) < _MAX_ANCHORS):
            points = anchors.setdefault(candidate.key, [])
            if (place.lat, place.lon) not in points:
                points.append((place.lat, place.lon))
    return states, anchors


def _prior(place: Place) -> float:
    """How likely a place is to be meant, before context: areas by kind alone (a country's
    population says nothing of how often its name means it), towns by population."""
    if place.kind not in ("city", "admin2"):
        return _KIND_WEIGHT.get(place.kind, 0.0)
    population = place.population or 0
    return (_KIND_WEIGHT.get(place.kind, 0.0) + math.log10(population + 1)
            + _FEATURE_BONUS.get(place.feature_code or "", 0.0))


def _best(candidate: Candidate, options: tuple[Place, ...], context: _Context
          ) -> Place | None:
    """The option with the highest prior plus context score."""
    if not options:
        return None
    if len(options) == 1:
        return options[0]
    province = any(p.kind == "admin1" for p in options)
    nation = any(p.kind == "country" for p in options)
    named = {p.kind for p in options if normalize(p.name) == candidate.key}
    big_city = any(p.kind == "city" and (p.population or 0) >= _BIG_CITY
                   and normalize(p.name) == candidate.key for p in options)
    return max(options, key=lambda place: _score(place, candidate, context, province, nation)
               - (_ALIAS_PENALTY if normalize(place.name) != candidate.key and (
                   (place.kind == "country" and "admin1" in named)
                   # "Gaza" is the city, not Mozambique's "Gaza Province"
                   or (place.kind == "admin1" and big_city)) else 0.0))


def _area_key(place: Place, gazetteer: Gazetteer) -> str:
    """ "US|GA" for US places (state names and codes alike), else "CC|admin-1 name"."""
    admin1 = place.admin1 or ""
    if place.country == "US":
        admin1 = gazetteer.us_state(admin1) or admin1
    return f"{place.country}|{admin1}"


def _score(place: Place, candidate: Candidate, context: _Context, province: bool,
           nation: bool) -> float:
    """Prior, plus how well a place fits the article's countries, states and places."""
    value = _prior(place)
    if place.country:
        # A province named like a country ("Niger", "Georgia") needs its own area's towns
        # as evidence; its country being in the story is not enough.
        weight = _COUNTRY_WEIGHT / 2 if place.kind == "admin1" and nation else _COUNTRY_WEIGHT
        value += weight * context.share(context.countries, place.country, candidate.key)
    if context.states and place.admin1:
        area = _area_key(place, context.gazetteer)
        value += _STATE_WEIGHT * context.share(context.states, area, candidate.key)
    if context.anchors and place.kind in ("city", "admin2", "installation"):
        near = sum(1 for key, points in context.anchors.items() if key != candidate.key and any(
            _km(place.lat, place.lon, lat, lon) <= _NEAR_KM for lat, lon in points))
        value += _NEAR_WEIGHT * near / len(context.anchors)
    if normalize(place.name) == candidate.key:
        value += 1.0
        if province and place.kind == "city" and (place.population or 0) >= _BIG_CITY:
            value += _BIG_CITY_BONUS
    return value


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
