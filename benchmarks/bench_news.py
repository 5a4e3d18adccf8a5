"""Force movements in real news: the extractor against facts written down by hand.

``benchmarks/news/facts.jsonl`` holds, for each of some sixty English news stories found with
the pages search, every deployment, presence, withdrawal and exercise the text states, written
before any extractor was run on it (see ``benchmarks/news/README.md``). The story texts are not
in the repository: they are read from a folder of ``<id>.txt`` files (default
``benchmarks/news/texts``), which the README says how to re-read. Each text goes through
``read_text`` (with its publication date when the fact file gives one) and ``extract_article``
with one gazetteer; its events of those four types are then matched one-to-one to its facts,
best pairs first:

- lenient: same type, same actor, and the event's place (the destination of a deployment, the
  location of a presence or exercise, the origin or location of a withdrawal) is the fact's
  place: the same name, within 150 km of it, or inside it when the fact's place is a country;
- strict: lenient, and the same count (or neither has one), and for deployments the same origin
  (or neither has one).

It prints precision and recall, lenient and strict, by type and by theatre, and how many
negated facts ("no troops will be sent") came out as asserted events.
Run: ``python -m benchmarks.bench_news [--facts FILE] [--texts DIR] [--rules-only] [--json OUT]
[--verbose]``; ``--facts benchmarks/news/heldout.jsonl`` scores the held-out stories instead.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FOLDER = Path(__file__).resolve().parent / "news"
FACTS = FOLDER / "facts.jsonl"
TYPES = ("deployment", "presence", "withdrawal", "exercise")
RADIUS_KM = 150.0
# Codes the extractor and the fact file spell differently ("AU" is also Australia's ISO code,
# so the fact file says AFRICAN_UNION for the African Union).
ACTOR_ALIASES: dict[str, frozenset[str]] = {"AFRICAN_UNION": frozenset({"AU", "AFRICAN_UNION"})}
REREAD = (
    "re-read them as benchmarks/news/README.md says: run each record's stored query with the "
    "pages search and save the excerpt whose url matches as <id>.txt"
)


@dataclass(frozen=True, slots=True)
class Alternative:
    """One alternative of a fact's place: a name, and the gazetteer place it stands for."""

    key: str  # the normalised name
    point: tuple[float, float] | None  # lat, lon; None when the name is matched by name only
    country: str | None  # ISO code when the place is a whole country


@dataclass(slots=True)
class Fact:
    """A hand-written fact of one story."""

    story: str
    index: int
    type: str
    actor: str
    count: int | None
    origin: tuple[Alternative, ...]
    place: tuple[Alternative, ...]
    modality: str
    evidence: str
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Outcome:
    """Totals for a slice of the corpus (everything, one type, one theatre)."""

    facts: int = 0
    events: int = 0
    lenient: int = 0
    strict: int = 0

    def row(self) -> dict[str, Any]:
        """Precision and recall, lenient and strict (None where undefined)."""

        def ratio(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "facts": self.facts,
            "events": self.events,
            "lenient_matches": self.lenient,
            "strict_matches": self.strict,
            "precision_lenient": ratio(self.lenient, self.events),
            "recall_lenient": ratio(self.lenient, self.facts),
            "precision_strict": ratio(self.strict, self.events),
            "recall_strict": ratio(self.strict, self.facts),
        }


# -- places ------------------------------------------------------------------------------


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class Places:
    """Resolves the fact file's place specs once each and matches event mentions to them.

    A spec is one or more alternatives separated by "|". An alternative is a name, optionally
    followed by "/CC" (look the name up in country CC only) or "!" (match by name only: the
    gazetteer's entry for that name is some other place). A name the gazetteer does not know
    is matched by name only; the fact file then adds a nearby known place as an alternative.
    """

    def __init__(self, gazetteer: Any) -> None:
        from geodata.text import normalize

        self._gazetteer = gazetteer
        self._normalize = normalize
        self._cache: dict[str, tuple[Alternative, ...]] = {}

    def spec(self, text: str | None) -> tuple[Alternative, ...]:
        """The alternatives of a spec ("" or None: no place)."""
        if not text:
            return ()
        if text not in self._cache:
            self._cache[text] = tuple(self._alternative(part.strip()) for part in text.split("|"))
        return self._cache[text]

    def _alternative(self, part: str) -> Alternative:
        name_only = part.endswith("!")
        name, _, country = part.rstrip("!").partition("/")
        key = self._normalize(name)
        if name_only:
            return Alternative(key, None, None)
        code = None if country else self._gazetteer.country_code(name)
        place = self._gazetteer.country(code) if code else None
        if place is None:
            found = self._gazetteer.lookup(name, country or None, limit=1)
            place = found[0] if found else None
            code = place.country if place is not None and place.kind == "country" else None
        if place is None:
            return Alternative(key, None, None)
        return Alternative(key, (place.lat, place.lon), code)

    def matches(self, alternatives: tuple[Alternative, ...], mention: Any) -> bool:
        """Tell whether an event's place mention is one of the alternatives."""
        if mention is None or not alternatives:
            return False
        place = mention.place
        names = {self._normalize(mention.text)}
        if place is not None:
            names.add(self._normalize(place.name))
        for alternative in alternatives:
            if alternative.key in names:
                return True
            if place is None or alternative.point is None:
                continue
            if alternative.country is not None and place.country == alternative.country:
                return True
            if _km(alternative.point, (place.lat, place.lon)) <= RADIUS_KM:
                return True
        return False


# -- facts and events ---------------------------------------------------------------------


def load_records(path: Path) -> list[dict[str, Any]]:
    """The fact file's records, one per story."""
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def facts_of(record: dict[str, Any], places: Places) -> list[Fact]:
    """The facts of one story, with their places resolved."""
    return [
        Fact(
            story=record["id"],
            index=index,
            type=raw["type"],
            actor=raw["actor"],
            count=raw.get("count"),
            origin=places.spec(raw.get("origin")),
            place=places.spec(raw.get("place")),
            modality=raw.get("modality", "asserted"),
            evidence=raw.get("evidence", ""),
            raw=raw,
        )
        for index, raw in enumerate(record["facts"])
        if raw["type"] in TYPES
    ]


def event_places(event: Any) -> list[Any]:
    """The mentions that stand for an event's place, by type."""
    if event.type == "deployment":
        return [event.destination]
    if event.type == "withdrawal":
        return [event.origin, event.location]
    return [event.location]


def _same_actor(fact: Fact, event: Any) -> bool:
    wanted = ACTOR_ALIASES.get(fact.actor, frozenset({fact.actor}))
    return event.actor in wanted


def _count(event: Any) -> int | None:
    return event.force.count if event.force is not None else None


def compare(fact: Fact, event: Any, places: Places) -> tuple[bool, bool]:
    """(lenient, strict) for one fact and one event."""
    if fact.type != event.type or not _same_actor(fact, event):
        return False, False
    if not any(places.matches(fact.place, mention) for mention in event_places(event)):
        return False, False
    strict = _count(event) == fact.count
    if strict and fact.type == "deployment":
        if fact.origin:
            strict = places.matches(fact.origin, event.origin)
        else:
            strict = event.origin is None
    return True, strict


def match(facts: list[Fact], events: list[Any], places: Places) -> list[tuple[Fact, Any, bool]]:
    """One-to-one pairs (fact, event, strict), the best pairs taken first (greedy)."""
    candidates = []
    for i, fact in enumerate(facts):
        for j, event in enumerate(events):
            lenient, strict = compare(fact, event, places)
            if lenient:
                same_modality = fact.modality == event.modality
                candidates.append(((-int(strict), -int(same_modality), i, j), fact, event, strict))
    candidates.sort(key=lambda item: item[0])
    used_facts: set[int] = set()
    used_events: set[int] = set()
    pairs = []
    for (_, _, i, j), fact, event, strict in candidates:
        if i in used_facts or j in used_events:
            continue
        used_facts.add(i)
        used_events.add(j)
        pairs.append((fact, event, strict))
    return pairs


def extract_events(record: dict[str, Any], text: str, gazetteer: Any, **options: Any
                   ) -> list[Any]:
    """The scored events of one story text (a text that splits into several stories gives
    the events of all of them)."""
    from dashboard.extract import extract_article
    from dashboard.ingest import read_text

    articles = read_text(
        text, name=f"{record['id']}.txt", date=record.get("published"), url=record.get("url")
    )
    events = []
    for article in articles:
        found = extract_article(article, gazetteer, **options).events
        events.extend(e for e in found if e.type in TYPES)
    return events


# -- report -------------------------------------------------------------------------------


def _describe_event(event: Any) -> str:
    where = [m.text for m in event_places(event) if m is not None]
    origin = f" from {event.origin.text}" if event.type == "deployment" and event.origin else ""
    return (
        f"{event.type} {event.actor} n={_count(event)} {'/'.join(where) or '-'}{origin} "
        f"[{event.modality}] «{event.sentence.text[:70]}»"
    )


def _describe_fact(fact: Fact) -> str:
    raw = fact.raw
    origin = f" from {raw['origin']}" if raw.get("origin") else ""
    return (
        f"{fact.type} {fact.actor} n={fact.count} {raw.get('place')}{origin} "
        f"[{fact.modality}] ({fact.evidence})"
    )


def _fmt(value: float | None) -> str:
    return "   -" if value is None else f"{value:.3f}"


def _table(title: str, rows: dict[str, Outcome]) -> None:
    print(f"\n{title:<28}{'facts':>6}{'events':>7}{'P len':>7}{'R len':>7}{'P str':>7}{'R str':>7}")
    for name, outcome in rows.items():
        row = outcome.row()
        print(
            f"{name:<28}{row['facts']:>6}{row['events']:>7}{_fmt(row['precision_lenient']):>7}"
            f"{_fmt(row['recall_lenient']):>7}{_fmt(row['precision_strict']):>7}"
            f"{_fmt(row['recall_strict']):>7}"
        )


def run(texts: Path, facts_path: Path, verbose: bool = False, **options: Any
        ) -> dict[str, Any] | None:
    """Score every story whose text is present; return the figures (None if nothing ran)."""
    from geodata import load_gazetteer

    records = load_records(facts_path)
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    places = Places(gazetteer)
    total = Outcome()
    by_type: dict[str, Outcome] = {name: Outcome() for name in TYPES}
    by_theatre: dict[str, Outcome] = defaultdict(Outcome)
    negated = {"facts": 0, "matched_negated": 0, "matched_asserted": 0, "matched_other": 0}
    missing: list[str] = []
    stories: list[dict[str, Any]] = []
    for record in records:
        path = texts / f"{record['id']}.txt"
        if not path.is_file():
            missing.append(record["id"])
            continue
        facts = facts_of(record, places)
        events = extract_events(record, path.read_text(encoding="utf-8"), gazetteer, **options)
        pairs = match(facts, events, places)
        strict = sum(1 for _, _, ok in pairs if ok)
        theatre = by_theatre[record.get("theatre") or "-"]
        for outcome, n_facts, n_events, n_len, n_str in (
            (total, len(facts), len(events), len(pairs), strict),
            (theatre, len(facts), len(events), len(pairs), strict),
        ):
            outcome.facts += n_facts
            outcome.events += n_events
            outcome.lenient += n_len
            outcome.strict += n_str
        for fact in facts:
            by_type[fact.type].facts += 1
        for event in events:
            by_type[event.type].events += 1
        for fact, _event, ok in pairs:
            by_type[fact.type].lenient += 1
            by_type[fact.type].strict += int(ok)
        matched_fact = {id(fact): event for fact, event, _ in pairs}
        for fact in facts:
            if fact.modality != "negated":
                continue
            negated["facts"] += 1
            event = matched_fact.get(id(fact))
            if event is None:
                continue
            slot = {"negated": "matched_negated", "asserted": "matched_asserted"}
            negated[slot.get(event.modality, "matched_other")] += 1
        matched_events = {id(event) for _, event, _ in pairs}
        story = {
            "id": record["id"],
            "theatre": record.get("theatre"),
            "facts": len(facts),
            "events": len(events),
            "lenient": len(pairs),
            "strict": strict,
            "missed": [_describe_fact(f) for f in facts if id(f) not in matched_fact],
            "spurious": [_describe_event(e) for e in events if id(e) not in matched_events],
            "loose": [
                f"{_describe_fact(f)}  <->  {_describe_event(e)}" for f, e, ok in pairs if not ok
            ],
        }
        stories.append(story)
        if verbose:
            print(
                f"\n## {record['id']} ({story['lenient']}/{story['facts']} facts, "
                f"{story['events']} events)"
            )
            for line in story["missed"]:
                print(f"  miss  {line}")
            for line in story["spurious"]:
                print(f"  extra {line}")
            for line in story["loose"]:
                print(f"  loose {line}")
    seconds = time.perf_counter() - started
    if missing and stories:
        print(
            f"bench_news: {len(missing)} of {len(records)} texts missing from {texts} "
            f"({', '.join(missing[:5])}{', ...' if len(missing) > 5 else ''}); {REREAD}",
            file=sys.stderr,
        )
    if not stories:
        print(f"bench_news: skipped, no story texts in {texts}; {REREAD}")
        return None
    print(f"{len(stories)} stories, {total.facts} facts, {total.events} events, {seconds:.1f} s")
    _table("all", {"all": total})
    _table("by type", by_type)
    _table("by theatre", dict(sorted(by_theatre.items())))
    print(
        f"\nnegated facts: {negated['facts']}; matched by a negated event: "
        f"{negated['matched_negated']}; output as asserted: {negated['matched_asserted']}; "
        f"as planned/hypothetical/demanded: {negated['matched_other']}"
    )
    return {
        "stories": len(stories),
        "missing": missing,
        "seconds": round(seconds, 2),
        "all": total.row(),
        "by_type": {name: outcome.row() for name, outcome in by_type.items()},
        "by_theatre": {name: outcome.row() for name, outcome in sorted(by_theatre.items())},
        "negated": negated,
        "per_story": stories,
    }


def main(argv: list[str] | None = None) -> None:
    """Print the figures; ``python -m benchmarks`` calls this with no arguments."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_news", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument(
        "--texts",
        type=Path,
        default=FOLDER / "texts",
        help="folder of <id>.txt story texts (default: benchmarks/news/texts)",
    )
    parser.add_argument(
        "--facts",
        type=Path,
        default=FACTS,
        help="fact file to score (default: benchmarks/news/facts.jsonl; "
        "benchmarks/news/heldout.jsonl is the held-out set)",
    )
    parser.add_argument("--rules-only", action="store_true",
                        help="military events from the word-order rules, without the parser")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="list each story's missed facts, extra events and loose matches",
    )
    args = parser.parse_args([] if argv is None else argv)
    try:
        import dashboard.extract  # noqa: F401  (fail early if the extractor is missing)
        import dashboard.ingest  # noqa: F401
    except ImportError as error:
        print(f"bench_news: skipped, the extractor cannot be imported ({error})")
        return
    options = {"grammar": False} if args.rules_only else {}
    result = run(args.texts, args.facts, verbose=args.verbose, **options)
    if result is not None and args.json:
        args.json.write_text(
            json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main(sys.argv[1:])
