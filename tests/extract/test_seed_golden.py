"""The seed corpus against its reviewed golden events, and the seed's must-haves spelled out.

``tests/extract/golden/seed.json`` holds one compact record per event, reviewed by hand against the
text. ``pytest tests/test_seed_golden.py --regen-golden`` rewrites it from the current output;
review the diff before committing it. The must-haves below are asserted separately, so a
regenerated golden file cannot quietly absorb a regression on them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dashboard.extract.pipeline import extract_article
from dashboard.ingest import read as ingest
from dashboard.records import Event, Extraction, Mention
from geodata.gazetteer import load_gazetteer

SEED_NAME = "000_eea8246921cdf615.txt"
GOLDEN = Path(__file__).parent / "golden" / "seed.json"
SENTENCE_CHARS = 60


@functools.cache
def seed_extractions() -> tuple[Extraction, ...]:
    """The extraction of every story of the seed file."""
    articles = ingest.read_path(ingest.seed_dir() / SEED_NAME)
    gazetteer = load_gazetteer()
    return tuple(extract_article(article, gazetteer) for article in articles)


def place_label(mention: Mention | None) -> str | None:
    """A place as the golden file writes it: its words, then its country and kind."""
    if mention is None:
        return None
    if mention.place is None:
        return f"{mention.text} [unresolved]"
    return f"{mention.text} [{mention.place.country or '-'} {mention.place.kind}]"


def event_record(event: Event) -> dict[str, Any]:
    """The compact reviewed record of one event."""
    force = event.force
    return {
        "type": event.type,
        "modality": event.modality,
        "actor": event.actor,
        "count": force.count if force else None,
        "unit": force.unit if force else None,
        "equipment": list(force.equipment) if force else [],
        "origin": place_label(event.origin),
        "destination": place_label(event.destination),
        "location": place_label(event.location),
        "extent": event.extent,
        "border_side": list(event.border_side),
        "person": event.person,
        "date": event.date.isoformat() if event.date else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "sentence": event.sentence.text[:SENTENCE_CHARS],
    }


def golden_document(extractions: tuple[Extraction, ...]) -> dict[str, Any]:
    """The golden document of the seed's current extraction."""
    return {
        "seed": SEED_NAME,
        "articles": [
            {
                "title": x.article.title,
                "date": x.article.date.isoformat() if x.article.date else None,
                "events": [event_record(e) for e in x.events],
            }
            for x in extractions
        ],
    }


def _event_order(text: str, record: dict[str, Any]) -> tuple[int, str]:
    """Events in the order of their sentences in the story, then by their record."""
    position = text.find(record["sentence"])
    return (position if position >= 0 else len(text), json.dumps(record, ensure_ascii=False))


def render(document: dict[str, Any], texts: dict[str | None, str]) -> str:
    """The document as JSON with one event per line, events in story order (for diffs)."""
    lines = ["{", f'  "seed": {json.dumps(document["seed"])},', '  "articles": [']
    articles = document["articles"]
    for a_index, article in enumerate(articles):
        text = texts.get(article["title"], "")
        events = sorted(article["events"], key=lambda r: _event_order(text, r))
        lines.append(f'    {{"title": {json.dumps(article["title"], ensure_ascii=False)}, '
                     f'"date": {json.dumps(article["date"])}, "events": [')
        for e_index, record in enumerate(events):
            comma = "," if e_index < len(events) - 1 else ""
            lines.append("      " + json.dumps(record, ensure_ascii=False) + comma)
        lines.append("    ]}" + ("," if a_index < len(articles) - 1 else ""))
    lines += ["  ]", "}", ""]
    return "\n".join(lines)


def test_seed_matches_golden(regen_golden: bool) -> None:
    """The seed's events are exactly the reviewed ones."""
    extractions = seed_extractions()
    texts = {x.article.title: x.article.text for x in extractions}
    current = render(golden_document(extractions), texts)
    if regen_golden:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(current, encoding="utf-8")
        pytest.skip(f"rewrote {GOLDEN.name}; review its diff before committing")
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN.name} is missing: run pytest with --regen-golden and review it")
    expected = render(json.loads(GOLDEN.read_text(encoding="utf-8")), texts)
    if current != expected:
        diff = difflib.unified_diff(expected.splitlines(), current.splitlines(),
                                    "golden (reviewed)", "extracted now", lineterm="", n=1)
        pytest.fail("seed events differ from the golden file:\n" + "\n".join(diff),
                    pytrace=False)


def test_golden_file_is_well_formed() -> None:
    """Every golden record has exactly the fields of ``event_record`` and valid dates."""
    document = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert document["seed"] == SEED_NAME
    keys = set(event_record(_all_events()[0]))
    for article in document["articles"]:
        for record in article["events"]:
            assert set(record) == keys, set(record) ^ keys
            for field in ("date", "date_end"):
                assert record[field] is None or dt.date.fromisoformat(record[field])


# -- the must-haves of the seed, asserted on their own ----------------------------------


@dataclass(frozen=True, slots=True)
class MustHave:
    """An event the seed must give, with the fields a reader relies on."""

    type: str
    modalities: tuple[str, ...]
    actor: str | None
    at: tuple[str, str | None, str | None]  # (role, country or None, kind or None)
    at_text: str | None = None
    origin_country: str | None = None
    count: int | None = None
    extent: str | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    equipment_word: str | None = None


def _place_is(mention: Mention | None, country: str | None, kind: str | None,
              text: str | None) -> bool:
    """Whether a mention is resolved (into ``country``, of ``kind``), with ``text`` in it."""
    if mention is None or mention.place is None:
        return False
    if country is not None and mention.place.country != country:
        return False
    if kind is not None and mention.place.kind != kind:
        return False
    return text is None or text.casefold() in mention.text.casefold()


def _fits(event: Event, want: MustHave) -> bool:
    """Whether an event is the must-have."""
    role, country, kind = want.at
    force = event.force
    checks = (
        event.type == want.type,
        event.modality in want.modalities,
        want.actor is None or event.actor == want.actor,
        _place_is(getattr(event, role), country, kind, want.at_text),
        want.origin_country is None or _place_is(event.origin, want.origin_country, None,
                                                 None),
        want.count is None or (force is not None and force.count == want.count),
        want.extent is None or event.extent == want.extent,
        want.date is None or event.date == want.date,
        want.date_end is None or event.date_end == want.date_end,
        want.equipment_word is None or (force is not None and any(
            want.equipment_word in item for item in force.equipment)),
    )
    return all(checks)


ASSERTED = ("asserted",)
PLANNED = ("planned",)
D = dt.date
MUST_HAVE: dict[str, MustHave] = {
    "1000-us-germany-to-romania": MustHave(
        "deployment", ASSERTED, "US", ("destination", "RO", "country"),
        origin_country="DE", count=1000),
    "2000-us-to-germany": MustHave(
        "deployment", ASSERTED, "US", ("destination", "DE", "country"),
        origin_country="US", count=2000),
    "2000-us-to-poland": MustHave(
        "deployment", ASSERTED, "US", ("destination", "PL", "country"),
        origin_country="US", count=2000),
    "100000-russian-along-ukraine-border": MustHave(
        "presence", ASSERTED, "RU", ("location", "UA", "country"), count=100_000,
        extent="border"),
    "30000-russian-to-belarus-planned": MustHave(
        "deployment", PLANNED, "RU", ("destination", "BY", "country"), count=30_000),
    "drills-in-belarus-10-20-feb": MustHave(
        "exercise", ("planned", "asserted"), None, ("location", "BY", None),
        date=D(2022, 2, 10), date_end=D(2022, 2, 20)),
    "russian-forces-in-crimea": MustHave(
        "presence", ASSERTED, "RU", ("location", "UA", None), at_text="Crimea"),
    "turkish-drones-to-kyiv": MustHave(
        "arms_transfer", ASSERTED, "TR", ("destination", "UA", None),
        equipment_word="drone"),
    "scholz-trip-to-moscow": MustHave(
        "diplomatic_visit", PLANNED, "DE", ("destination", "RU", "city"), at_text="Moscow"),
    "macron-trip-to-moscow": MustHave(
        "diplomatic_visit", ("planned", "hypothetical"), "FR",
        ("destination", "RU", "city"), at_text="Moscow"),
    "erdogan-visits-kyiv-thursday": MustHave(
        "diplomatic_visit", ("planned", "asserted"), "TR", ("destination", "UA", "city"),
        at_text="Kyiv", date=D(2022, 2, 3)),
    "putin-meets-xi-in-beijing-friday": MustHave(
        "meeting", PLANNED, None, ("location", "CN", "city"), at_text="Beijing",
        date=D(2022, 2, 4)),
    "no-us-soldiers-to-fight-in-ukraine": MustHave(
        "deployment", ("negated",), "US", ("destination", "UA", "country")),
    "russia-wants-nato-pull-back": MustHave(
        "withdrawal", ("demanded",), "NATO", ("origin", None, "region"), at_text="Europe"),
}


def _all_events() -> list[Event]:
    """Every event of the seed."""
    return [e for x in seed_extractions() for e in x.events]


def _listing(events: list[Event]) -> str:
    """The seed's events as golden lines, for failure messages."""
    return "\n".join("  " + json.dumps(event_record(e), ensure_ascii=False) for e in events)


@pytest.mark.parametrize("want", MUST_HAVE.values(), ids=MUST_HAVE.keys())
def test_seed_must_have(want: MustHave) -> None:
    """The issue's must-haves of the seed come out, whatever the golden file says."""
    found = [e for e in _all_events() if _fits(e, want)]
    assert found, f"missing {want}; the seed gives:\n{_listing(_all_events())}"


@pytest.mark.parametrize(("what", "type_", "modalities", "actor", "country"), [
    ("asserted US deployment into Ukraine", "deployment", ("asserted", "planned"), "US",
     "UA"),
    ("asserted US presence in Ukraine", "presence", ("asserted", "planned"), "US", "UA"),
    ("asserted NATO deployment into Ukraine", "deployment", ("asserted", "planned"), "NATO",
     "UA"),
])
def test_seed_must_not_have(what: str, type_: str, modalities: tuple[str, ...],
                            actor: str, country: str) -> None:
    """The seed never asserts what it denies."""
    found = [e for e in _all_events() if e.type == type_ and e.modality in modalities
             and e.actor == actor and any(
                 m is not None and m.place is not None and m.place.country == country
                 for m in (e.destination, e.location))]
    assert not found, f"{what}:\n{_listing(found)}"


@pytest.mark.parametrize("name", ["Washington", "Ankara", "Kremlin"])
def test_seed_metonymy_is_no_event_place(name: str) -> None:
    """Capitals standing for governments never become where an event happens."""
    found = [e for e in _all_events() if any(
        m is not None and name.casefold() in m.text.casefold()
        for m in (e.origin, e.destination, e.location))]
    assert not found, f"{name} used as an event place:\n{_listing(found)}"
