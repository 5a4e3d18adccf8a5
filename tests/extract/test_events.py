"""Event extraction on short invented wire passages about forces anywhere in the world.

Each row states only what a careful analyst would take from the passage: the event's type,
modality, actor, force size and places, and its date when the passage gives one. Extra events
never fail a row; rows in ``ABSENT`` say what must not come out.

A place is written as a name ("Kyiv"), an ISO alpha-2 code ("LT": the place lies in that
country), alternatives separated by "|", and optionally "/CC" (the place must lie in country
CC) or "@kind" (the gazetteer entry must be of that kind).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import pytest
from event_checks import Expectation, at, fits, listing, marked, place_matches

from dashboard.extract.pipeline import extract_article
from dashboard.records import Article, Extraction, Mention
from geodata.gazetteer import load_gazetteer
from geodata.records import Place

Count = int | tuple[int, int]
DateSpec = dt.date | tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class Expect(Expectation):
    """An event that must come out of ``text``, found by its type and key place ``at``."""

    text: str
    published: dt.date | None
    type: str | tuple[str, ...]
    at: str


@dataclass(frozen=True, slots=True)
class Absent:
    """No event of ``type`` (any type when None) with ``at`` in any place role, with
    ``modality`` when given."""

    text: str
    published: dt.date | None
    at: str
    type: str | None = None
    modality: str | None = None


D = dt.date

EXPECTED: dict[str, Expect] = {
    "german-brigade-lithuania": Expect(
        "Germany is sending about 4,800 soldiers of its 45th Panzer Brigade to Lithuania, the "
        "defence ministry in Berlin said on Monday.",
        D(2024, 2, 12), "deployment", "Lithuania", modality="asserted", actor="DE",
        count=4800, unit="45th Panzer Brigade", destination="LT"),
    "chinese-warships-taiwan": Expect(
        "Eleven Chinese warships and 27 fighter jets were operating near Taiwan on Thursday, "
        "the island's defence ministry said.",
        D(2023, 4, 21), ("presence", "deployment"), "Taiwan", modality="asserted",
        actor="CN", date=D(2023, 4, 20)),
    "count-in-words-taiwan": Expect(
        "Eleven Chinese warships were operating near Taiwan on Thursday, the island's "
        "defence ministry said.",
        D(2023, 4, 21), ("presence", "deployment"), "Taiwan", actor="CN", count=11),
    "british-leave-afghanistan": Expect(
        "The last British troops left Afghanistan on Saturday, ending a 20-year military "
        "mission in the country, the Ministry of Defence said.",
        D(2021, 8, 30), "withdrawal", "Afghanistan", modality="asserted", actor="GB",
        origin="AF", date=D(2021, 8, 28)),
    "azerbaijan-border-armenia": Expect(
        "Azerbaijan has massed several thousand troops along its border with Armenia, the "
        "Armenian defence ministry said on Friday.",
        D(2023, 6, 7), "presence", "Armenia", modality="asserted", actor="AZ",
        count=(2000, 9000), extent="border"),
    "marines-darwin": Expect(
        "About 2,000 US Marines arrived in Darwin on Tuesday for their annual six-month "
        "rotation in northern Australia.",
        D(2023, 4, 19), "deployment", "Darwin/AU", modality="asserted", actor="US",
        count=2000, destination="Darwin/AU@city", date=D(2023, 4, 18)),
    "france-mali-to-niger": Expect(
        "France completed the withdrawal of its 2,400 troops from Mali to neighbouring Niger "
        "on Monday, the army general staff said.",
        D(2022, 8, 17), "withdrawal", "Mali", modality="asserted", actor="FR", count=2400,
        origin="ML", destination="NE"),
    "israeli-tanks-gaza": Expect(
        "Israeli tanks and infantry were massing near the Gaza Strip on Sunday ahead of an "
        "expected ground offensive.",
        D(2023, 10, 16), "presence", "Gaza Strip|Gaza", modality="asserted", actor="IL",
        date=D(2023, 10, 15)),
    "iran-drones-russia-to": Expect(
        "Iran delivered hundreds of Shahed attack drones to Russia last year, US officials "
        "said on Thursday.",
        D(2023, 3, 10), "arms_transfer", "Russia", modality="asserted", actor="IR",
        count=(100, 999), destination="RU"),
    "iran-supplied-russia-with": Expect(
        "Iran has supplied Russia with combat drones that Moscow uses against Ukrainian "
        "cities, Western officials say.",
        D(2023, 3, 10), "arms_transfer", "Russia", modality="asserted", actor="IR",
        destination="RU"),
    "north-korea-kursk": Expect(
        "North Korea has sent about 11,000 soldiers to Russia's Kursk region, where they are "
        "fighting alongside Russian forces, South Korean intelligence said.",
        D(2024, 11, 20), "deployment", "Kursk/RU", modality="asserted", actor="KP",
        count=11000),
    "ladakh-border": Expect(
        "India and China each keep about 50,000 troops along their disputed border in Ladakh, "
        "where talks on disengagement have stalled.",
        D(2022, 9, 8), "presence", "Ladakh/IN", modality="asserted", actor=("IN", "CN"),
        count=50000),
    "nato-norway-exercise": Expect(
        "About 20,000 troops from 13 NATO countries will take part in the Cold Response "
        "exercise in northern Norway from March 14 to March 31.",
        D(2022, 3, 10), "exercise", "Norway", modality="planned", actor="NATO",
        location="NO", date=D(2022, 3, 14), date_end=D(2022, 3, 31)),
    "canadian-minister-kyiv": Expect(
        "Canadian Defence Minister Anne Dubois arrived in Kyiv on Monday on an unannounced "
        "visit, her office said.",
        D(2024, 2, 13), "diplomatic_visit", "Kyiv/UA", modality="asserted", actor="CA",
        destination="Kyiv/UA@city", date=D(2024, 2, 12)),
    "leaders-meet-brussels": Expect(
        "EU and NATO leaders will meet in Brussels on Thursday to discuss more military aid "
        "for Ukraine.",
        D(2024, 4, 24), "meeting", "Brussels/BE", modality="planned",
        location="Brussels/BE@city", date=D(2024, 4, 25)),
    "germany-will-not-send": Expect(
        "Germany will not send ground troops to Ukraine, Chancellor Olaf Scholz said on "
        "Monday.",
        D(2024, 2, 27), "deployment", "Ukraine", modality="negated", actor="DE",
        destination="UA"),
    "france-could-deploy": Expect(
        "France could deploy troops to Romania if Russia attacks a NATO member, a French "
        "official said.",
        D(2022, 2, 20), "deployment", "Romania", modality="hypothetical", actor="FR",
        destination="RO"),
    "moscow-demands-nato-withdraw": Expect(
        "Moscow demanded that NATO withdraw its troops from Romania and Bulgaria.",
        D(2022, 1, 21), "withdrawal", "Romania", modality="demanded", actor="NATO",
        origin="RO"),
    "pentagon-next-month": Expect(
        "The Pentagon will deploy 3,000 additional troops to Poland next month, officials "
        "said.",
        D(2022, 1, 15), "deployment", "Poland", modality="planned", actor="US", count=3000,
        destination="PL", date=(D(2022, 2, 1), D(2022, 2, 28))),
    "82nd-airborne-fort-bragg": Expect(
        "About 1,700 US paratroopers from the 82nd Airborne Division are being flown from "
        "Fort Bragg, North Carolina, to Poland.",
        D(2022, 2, 3), "deployment", "Poland", modality="asserted", actor="US", count=1700,
        unit="82nd Airborne Division", origin="Fort Bragg|US", destination="PL"),
    "several-hundred-turkish-syria": Expect(
        "Several hundred Turkish troops crossed into northern Syria on Sunday, a war monitor "
        "said.",
        D(2019, 10, 14), "deployment", "SY", modality="asserted", actor="TR",
        count=(200, 900), destination="SY", date=D(2019, 10, 13)),
    "up-to-30000-ethiopia-eritrea": Expect(
        "Ethiopia has moved up to 30,000 soldiers to its border with Eritrea, diplomats said.",
        D(2023, 11, 2), ("deployment", "presence"), "Eritrea", modality="asserted",
        actor="ET", count=30000),
    "101st-airborne-romania": Expect(
        "Soldiers of the US Army's 101st Airborne Division arrived in Romania this week, the "
        "unit's first deployment to Europe in nearly 80 years.",
        D(2022, 6, 29), "deployment", "Romania", modality="asserted", actor="US",
        unit="101st Airborne Division", destination="RO"),
    "stryker-squadron-vilseck": Expect(
        "A US Army Stryker squadron of about 1,000 soldiers based in Vilseck, Germany, will "
        "move to Romania, the Pentagon said.",
        D(2022, 2, 2), "deployment", "Romania", modality="planned", actor="US", count=1000,
        unit="Stryker squadron", origin="DE", destination="RO"),
    "britain-cyprus-estonia": Expect(
        "Britain is sending 500 troops from Cyprus to Estonia and Poland.",
        D(2022, 2, 21), "deployment", "Estonia", modality="asserted", actor="GB", count=500,
        origin="CY", destination="EE"),
    "britain-cyprus-poland": Expect(
        "Britain is sending 500 troops from Cyprus to Estonia and Poland.",
        D(2022, 2, 21), "deployment", "Poland", modality="asserted", actor="GB", count=500,
        origin="CY", destination="PL"),
    "polish-troops-latvia-yesterday": Expect(
        "A company of 120 Polish soldiers arrived in Latvia yesterday to join the NATO "
        "battlegroup there.",
        D(2023, 5, 10), "deployment", "Latvia", modality="asserted", actor="PL", count=120,
        destination="LV", date=D(2023, 5, 9)),
    "moscow-no-plans-kazakhstan": Expect(
        "Moscow said on Tuesday it had no plans to send troops to Kazakhstan.",
        D(2022, 1, 12), "deployment", "Kazakhstan", modality="negated", actor="RU",
        destination="KZ"),
    "washington-says-beijing-cambodia": Expect(
        "Washington says Beijing has stationed around 200 troops at a naval base in "
        "Cambodia.",
        D(2023, 7, 5), "presence", "Cambodia", modality="asserted", actor="CN", count=200,
        location="KH"),
    "russia-withdraws-karabakh": Expect(
        "Russia has withdrawn about 1,500 peacekeepers from Nagorno-Karabakh, the defence "
        "ministry in Moscow said.",
        D(2024, 6, 12), "withdrawal", "Nagorno-Karabakh", modality="asserted", actor="RU",
        count=1500),
    "us-to-leave-niger": Expect(
        "The United States will pull its roughly 1,000 troops out of Niger by September, the "
        "Pentagon said.",
        D(2024, 5, 20), "withdrawal", "Niger", modality="planned", actor="US", count=1000,
        origin="NE"),
    "germany-leopards-ukraine": Expect(
        "Germany delivered 18 Leopard 2 tanks to Ukraine on Monday, the government said.",
        D(2023, 3, 29), "arms_transfer", "Ukraine", modality="asserted", actor="DE",
        count=18, destination="UA", date=D(2023, 3, 27)),
    "us-considering-atacms": Expect(
        "Washington is considering sending long-range ATACMS missiles to Ukraine, officials "
        "said.",
        D(2023, 9, 1), "arms_transfer", "Ukraine", modality="hypothetical", actor="US",
        destination="UA"),
    "korea-us-drills": Expect(
        "South Korea and the United States will hold joint military drills in South Korea "
        "from August 19 to 29.",
        D(2024, 8, 14), "exercise", "South Korea", modality="planned", actor=("KR", "US"),
        location="KR", date=D(2024, 8, 19), date_end=D(2024, 8, 29)),
    "transnistria-presence": Expect(
        "Around 1,500 Russian troops are stationed in Transnistria, a breakaway region of "
        "Moldova.",
        D(2022, 4, 26), "presence", "Transnistria", modality="asserted", actor="RU",
        count=1500),
    "india-manipur": Expect(
        "India rushed several thousand additional troops to Manipur after fresh ethnic "
        "clashes.",
        D(2023, 5, 8), "deployment", "Manipur/IN", modality="asserted", actor="IN",
        count=(2000, 9000)),
    "nato-kosovo": Expect(
        "NATO is sending about 700 more troops to Kosovo after clashes in the north, the "
        "alliance said.",
        D(2023, 5, 30), "deployment", "Kosovo", modality="asserted", actor="NATO", count=700,
        destination="XK"),
    "rwanda-cabo-delgado": Expect(
        "Rwanda has deployed about 1,000 soldiers to Mozambique's Cabo Delgado province to "
        "fight insurgents.",
        D(2021, 7, 12), "deployment", "Cabo Delgado|MZ", modality="asserted", actor="RW",
        count=1000, destination="MZ"),
    "sweden-denied-latvia": Expect(
        "Sweden denied reports that it had sent soldiers to Latvia.",
        D(2022, 3, 2), "deployment", "Latvia", modality="negated", actor="SE",
        destination="LV"),
    "poland-calls-patriots": Expect(
        "Poland called on Germany to deploy Patriot missile systems to Ukraine.",
        D(2022, 11, 23), ("deployment", "arms_transfer"), "Ukraine", modality="demanded",
        actor="DE", destination="UA"),
    "modi-washington-next-week": Expect(
        "Indian Prime Minister Narendra Modi will travel to Washington next week for talks "
        "with President Joe Biden.",
        D(2023, 6, 14), "diplomatic_visit", "Washington/US", modality="planned", actor="IN",
        destination="Washington/US@city", date=(D(2023, 6, 19), D(2023, 6, 25))),
    "japan-korea-ministers-tokyo": Expect(
        "The defence ministers of Japan and South Korea met in Tokyo on Monday for the first "
        "time in four years.",
        D(2023, 6, 7), "meeting", "Tokyo/JP", modality="asserted", location="Tokyo/JP@city",
        date=D(2023, 6, 5)),
    "turkish-tanks-iraq": Expect(
        "Dozens of Turkish tanks rolled across the border into northern Iraq on Wednesday, "
        "Kurdish officials said.",
        D(2024, 7, 4), "deployment", "IQ", modality="asserted", actor="TR",
        date=D(2024, 7, 3)),
    "dutch-f35-leave-poland": Expect(
        "The Netherlands will withdraw its F-35 detachment from Poland in June.",
        D(2024, 4, 24), "withdrawal", "Poland", modality="planned", actor="NL",
        origin="PL", date=(D(2024, 6, 1), D(2024, 6, 30))),
    "polish-border-belarus": Expect(
        "Some 4,000 Polish soldiers are stationed along the border with Belarus.",
        D(2023, 8, 10), "presence", "Belarus", modality="asserted", actor="PL", count=4000,
        extent="border"),
    "japan-destroyers-red-sea": Expect(
        "Japan dispatched two destroyers to the Red Sea on Friday to escort merchant ships.",
        D(2024, 1, 8), "deployment", "Red Sea@sea", modality="asserted", actor="JP",
        count=2, date=D(2024, 1, 5)),
    "russia-finnish-border": Expect(
        "Russia has about 40,000 troops near the Finnish border, a Finnish general said.",
        D(2023, 4, 24), "presence", "FI", actor="RU", count=40000, extent="border"),
    "chinese-minister-moscow-last-week": Expect(
        "The Chinese defence minister visited Moscow last week for talks with his Russian "
        "counterpart.",
        D(2023, 4, 24), "diplomatic_visit", "Moscow/RU@city", modality="asserted",
        actor="CN", date=(D(2023, 4, 17), D(2023, 4, 23))),
    "nigeria-not-to-niger": Expect(
        "Nigerian troops will not be sent to Niger, the government in Abuja said.",
        D(2023, 8, 12), "deployment", "Niger", modality="negated", actor="NG",
        destination="NE"),
    "uk-might-south-china-sea": Expect(
        "The United Kingdom might send warships to the South China Sea later this year.",
        D(2023, 3, 1), "deployment", "South China Sea", modality="hypothetical",
        actor="GB"),
    "pyongyang-shells-russia": Expect(
        "Pyongyang has shipped millions of artillery shells to Russia, Seoul says.",
        D(2024, 10, 2), "arms_transfer", "Russia", modality="asserted", actor="KP",
        destination="RU"),
    "joint-drills-sea-of-japan": Expect(
        "Russian and Chinese warships began joint naval drills in the Sea of Japan on "
        "Monday.",
        D(2023, 7, 20), "exercise", "Sea of Japan", modality="asserted",
        actor=("RU", "CN"), date=D(2023, 7, 17)),
    "estonians-home-from-mali": Expect(
        "About 300 Estonian soldiers returned home from Mali last year.",
        D(2023, 2, 15), "withdrawal", "Mali", modality="asserted", actor="EE", count=300,
        origin="ML"),
    "russians-pulled-back-kupiansk": Expect(
        "Kyiv said on Sunday that Russian forces had pulled back from the town of "
        "Kupiansk.",
        D(2022, 10, 3), "withdrawal", "Kupiansk|Kupyansk", modality="asserted", actor="RU",
        origin="UA"),
}

ABSENT: dict[str, Absent] = {
    "moscow-said-not-a-location": Absent(
        "Moscow said on Tuesday it had no plans to send troops to Kazakhstan.",
        D(2022, 1, 12), "Moscow"),
    "negated-not-asserted": Absent(
        "Germany will not send ground troops to Ukraine, Chancellor Olaf Scholz said on "
        "Monday.",
        D(2024, 2, 27), "UA", type="deployment", modality="asserted"),
    "negated-not-planned": Absent(
        "Germany will not send ground troops to Ukraine, Chancellor Olaf Scholz said on "
        "Monday.",
        D(2024, 2, 27), "UA", type="deployment", modality="planned"),
    "berlin-said-not-a-location": Absent(
        "Germany is sending about 4,800 soldiers of its 45th Panzer Brigade to Lithuania, the "
        "defence ministry in Berlin said on Monday.",
        D(2024, 2, 12), "Berlin"),
    "washington-beijing-metonymy": Absent(
        "Washington says Beijing has stationed around 200 troops at a naval base in "
        "Cambodia.",
        D(2023, 7, 5), "Washington|Beijing"),
    "beijing-warned": Absent(
        "Beijing warned on Monday that it would respond firmly to any provocation.",
        D(2023, 8, 21), "Beijing|CN"),
    "demand-is-not-asserted": Absent(
        "Moscow demanded that NATO withdraw its troops from Romania and Bulgaria.",
        D(2022, 1, 21), "RO", type="withdrawal", modality="asserted"),
    "hypothetical-not-asserted": Absent(
        "France could deploy troops to Romania if Russia attacks a NATO member, a French "
        "official said.",
        D(2022, 2, 20), "RO", type="deployment", modality="asserted"),
    "denied-not-asserted": Absent(
        "Sweden denied reports that it had sent soldiers to Latvia.",
        D(2022, 3, 2), "LV", type="deployment", modality="asserted"),
    "kremlin-said-karabakh": Absent(
        "Russia has withdrawn about 1,500 peacekeepers from Nagorno-Karabakh, the defence "
        "ministry in Moscow said.",
        D(2024, 6, 12), "Moscow"),
    "origin-is-not-a-destination": Absent(
        "Britain is sending 500 troops from Cyprus to Estonia and Poland.",
        D(2022, 2, 21), "CY", type="presence"),
    "abuja-said-not-a-location": Absent(
        "Nigerian troops will not be sent to Niger, the government in Abuja said.",
        D(2023, 8, 12), "Abuja"),
    "seoul-pyongyang-metonymy": Absent(
        "Pyongyang has shipped millions of artillery shells to Russia, Seoul says.",
        D(2024, 10, 2), "Pyongyang|Seoul"),
    "kyiv-said-not-a-location": Absent(
        "Kyiv said on Sunday that Russian forces had pulled back from the town of "
        "Kupiansk.",
        D(2022, 10, 3), "Kyiv"),
    "might-is-not-asserted": Absent(
        "The United Kingdom might send warships to the South China Sea later this year.",
        D(2023, 3, 1), "South China Sea", modality="asserted"),
    "no-invasion-of-cambodia": Absent(
        "Washington says Beijing has stationed around 200 troops at a naval base in "
        "Cambodia.",
        D(2023, 7, 5), "KH", type="deployment"),
}


@functools.cache
def _extract(text: str, published: dt.date | None) -> Extraction:
    """The extraction of one passage (cached: several rows share a passage)."""
    article = Article(id="t", text=text, date=published)
    return extract_article(article, load_gazetteer())


# Rows the extractor still gets wrong, each with the reason. strict=True: the day one comes
# out right its test fails, so that the list is kept honest.
KNOWN_GAPS: dict[str, str] = {
    "france-mali-to-niger": "the parser reads 'to neighbouring Niger' as a clause of its own",
    "82nd-airborne-fort-bragg": "the parser makes 'Division' the subject, losing the "
    "paratroopers' count and unit",
    "101st-airborne-romania": "the parser splits 'Soldiers of ... Division arrived' in two, "
    "and the unit's 'first deployment to Europe' takes the place",
}


@pytest.mark.parametrize("row", marked(EXPECTED, KNOWN_GAPS))
def test_expected_event(row: Expect) -> None:
    """The row's event comes out with the fields a careful analyst would give it."""
    events = _extract(row.text, row.published).events
    types = (row.type,) if isinstance(row.type, str) else row.type
    problem = fits(events, types, row.at, row)
    assert not problem, problem


@pytest.mark.parametrize("row", ABSENT.values(), ids=ABSENT.keys())
def test_absent_event(row: Absent) -> None:
    """What the passage does not say does not come out."""
    events = _extract(row.text, row.published).events
    found = [e for e in events
             if (row.type is None or e.type == row.type)
             and (row.modality is None or e.modality == row.modality)
             and at(e, row.at)]
    assert not found, "unexpected:\n" + listing(tuple(found))


@pytest.mark.parametrize(("spec", "text", "place_name", "country", "kind", "expected"), [
    ("Kyiv", "Kyiv", "Kyiv", "UA", "city", True),
    ("Kyiv/UA@city", "Kyiv", "Kyiv", "UA", "city", True),
    ("Moscow@city", "Moscow", "Moskovskaya oblast'", "RU", "admin1", False),
    ("Moscow/US", "Moscow", "Moscow", "RU", "city", False),
    ("LT", "Vilnius", "Vilnius", "LT", "city", True),
    ("LT@country", "Vilnius", "Vilnius", "LT", "city", False),
    ("Crimea", "Crimea", "Avtonomna Respublika Krym", "UA", "admin1", True),
    ("Gaza Strip|Gaza", "the Gaza Strip", "Gaza Strip", "PS", "conflict_area", True),
    ("Ukraine", "Ukraine's", "Ukraine", "UA", "country", True),
    ("Niger", "Nigeria", "Nigeria", "NG", "country", False),
    ("Kursk/RU", "Kursk region", "Kurskaya oblast'", "RU", "admin1", True),
])
def test_place_matches(spec: str, text: str, place_name: str, country: str, kind: str,
                       expected: bool) -> None:
    """The place specs of this table mean what the module docstring says."""
    place = Place("x", place_name, kind, 0.0, 0.0, country=country)
    assert place_matches(Mention("t", 0, len(text), text, place), spec) is expected


@pytest.mark.parametrize("text", [
    "About 2,000 US Marines arrived in Darwin on Tuesday for their annual rotation.",
    "Germany will send 500 troops to Lithuania next month.",
])
def test_undated_story_leaves_relative_dates_unresolved(text: str) -> None:
    """Without a publication date, a weekday or "next month" cannot be given a date."""
    events = _extract(text, None).events
    assert events, "the passage should still give its event"
    assert all(e.date is None and e.date_end is None for e in events), listing(events)


@pytest.mark.parametrize(
    ("text", "seller", "buyer"),
    [
        ("Poland agreed on Monday to buy 96 Apache helicopters from the United States.",
         "US", "PL"),
        ("Warsaw will also purchase 180 more K2 tanks from South Korea.", "KR", "PL"),
        ("Egypt bought 30 Rafale fighter jets from France last year.", "FR", "EG"),
    ],
)
def test_purchases_go_from_seller_to_buyer(text: str, seller: str, buyer: str) -> None:
    """A purchase is an arms transfer from the seller to the buyer, who is its actor."""
    events = [e for e in _extract(text, D(2024, 11, 6)).events if e.type == "arms_transfer"]
    assert events, text
    event = events[0]
    assert event.origin is not None and event.origin.place is not None
    assert event.destination is not None and event.destination.place is not None
    assert (event.origin.place.country, event.destination.place.country) == (seller, buyer)
    assert event.actor == buyer
