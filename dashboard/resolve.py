"""Resolve each toponym candidate of an article to one gazetteer place, using the article's
other places as context (the countries and states it speaks of), kind and population.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from dashboard.toponyms import Candidate
from geodata.gazetteer import Gazetteer
from geodata.records import Place
from geodata.text import normalize

_KIND_WEIGHT = {
    "country": 7.0,
    "admin1": 5.0,
    "region": 6.0,
    "conflict_area": 6.0,
    "sea": 6.0,
    "installation": 6.5,
    "admin2": 3.5,
    "city": 0.0,
}
_FEATURE_BONUS = {"PPLC": 2.5, "PPLA": 1.0, "PPLA2": 0.3}


def options_for(candidate: Candidate, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """The gazetteer places a candidate may name (a demonym names its country)."""
    if candidate.demonym:
        country = gazetteer.country(candidate.demonym)
        return (country,) if country else ()
    options = gazetteer.candidates(candidate.key)
    if candidate.state:
        in_state = tuple(p for p in options if p.country == "US" and p.admin1
                         and gazetteer.us_state(p.admin1) == candidate.state)
        return in_state or options
    return options


def resolve(candidates: Sequence[Candidate], gazetteer: Gazetteer,
            home: str | None = None) -> list[Place | None]:
    """The best place for every candidate, in order (None where nothing fits)."""
    options = [options_for(c, gazetteer) for c in candidates]
    countries, states = _context(options, home)
    return [_best(c, opts, countries, states) for c, opts in zip(candidates, options, strict=True)]


def _context(options: list[tuple[Place, ...]], home: str | None
             ) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Countries and admin-1 areas the article speaks of, from its unambiguous names."""
    countries: Counter[str] = Counter()
    states: Counter[tuple[str, str]] = Counter()
    if home:
        countries[home] += 2
    for opts in options:
        if not opts:
            continue
        top = max(opts, key=_prior)
        if len({p.country for p in opts}) == 1 or top.kind in ("country", "admin1"):
            if top.country:
                countries[top.country] += 1
            if top.kind in ("admin1", "city", "admin2") and top.country and top.admin1:
                states[(top.country, top.admin1)] += 1
    return countries, states


def _prior(place: Place) -> float:
    """How likely a place is to be meant, before context."""
    population = place.population or 0
    return (_KIND_WEIGHT.get(place.kind, 0.0) + math.log10(population + 1)
            + _FEATURE_BONUS.get(place.feature_code or "", 0.0))


def _best(candidate: Candidate, options: tuple[Place, ...], countries: Counter[str],
          states: Counter[tuple[str, str]]) -> Place | None:
    """The option with the highest prior plus context score."""
    if not options:
        return None
    if len(options) == 1:
        return options[0]
    total = sum(countries.values()) or 1

    def score(place: Place) -> float:
        value = _prior(place)
        if place.country:
            value += 6.0 * countries.get(place.country, 0) / total
        if place.country and place.admin1 and (place.country, place.admin1) in states:
            value += 3.0
        if normalize(place.name) == candidate.key:
            value += 1.0
        return value

    return max(options, key=score)
