"""Event extraction on a third set of full-length wire stories, from theatres not yet covered.

The stories in ``tests/extract/fixtures/stories_more`` are read and checked exactly as in
``test_stories``: ``FACTS`` are what a careful analyst would put on the map, written down
before the extractor was run, and ``ABSENT`` what must not come out. They weigh modality
(denials, conditions, demands), counts in many forms, named units and relative dates.
The place specs, the matching and the checks are those of ``test_stories``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import test_stories as stories
from event_checks import marked
from test_stories import ACTIVE, SAID, Absent, D, Fact

MORE = Path(__file__).parent / "fixtures" / "stories_more"


def _s(name: str) -> str:
    """A story of this set; ``test_stories`` joins it to its own folder, and joining an
    absolute path yields that path."""
    return str(MORE / name)


RED_SEA = _s("red_sea_task_force.txt")
AFRICA = _s("russia_africa_corps.txt")
GAZA = _s("gaza_rafah.txt")
KOSOVO = _s("serbia_kosovo_boundary.txt")
JORDAN = _s("jordan_tower22.txt")
SCS = _s("japan_philippines_drills.txt")
KOREA = _s("korea_carrier_busan.txt")
POLAND = _s("poland_k2_himars.txt")
KURSK = _s("kursk_sudzha.txt")
ARMENIA = _s("armenia_gyumri.txt")
MALI = _s("mali_minusma.txt")
BALTOPS = _s("baltops_drill.txt")
COLOMBIA = _s("colombia_venezuela_border.txt")
ETHIOPIA = _s("ethiopia_eritrea_tension.txt")

READS: dict[str, dt.date] = {
    RED_SEA: D(2023, 12, 19),
    AFRICA: D(2024, 4, 12),
    GAZA: D(2024, 5, 7),
    KOSOVO: D(2023, 10, 2),
    JORDAN: D(2024, 1, 29),
    SCS: D(2024, 4, 8),
    KOREA: D(2023, 11, 22),
    POLAND: D(2025, 4, 2),
    KURSK: D(2024, 8, 15),
    ARMENIA: D(2024, 8, 1),
    MALI: D(2023, 6, 17),
    BALTOPS: D(2024, 6, 7),
    COLOMBIA: D(2025, 1, 21),
    ETHIOPIA: D(2025, 3, 14),
}

MOVE = ("deployment", "presence")
RED = "Red Sea|Gulf of Aden|Bab el-Mandeb"
GAZA_STRIP = "Gaza|Gaza Strip|PS"
KHAN_YOUNIS = "Khan Younis|Khan Yunis|Khan Yunus"
SOUTH_CHINA_SEA = "South China Sea"

FACTS: dict[str, Fact] = {
    # A naval task force, ships already at sea, a minister abroad, no ground troops.
    "redsea-us-destroyers": Fact(RED_SEA, MOVE, RED, modality="asserted", actor="US", count=3),
    "redsea-task-force-patrols": Fact(RED_SEA, MOVE, RED, modality="planned"),
    "redsea-austin-in-bahrain": Fact(
        RED_SEA,
        "diplomatic_visit",
        "BH",
        modality="asserted",
        actor="US",
        destination="BH",
        date=D(2023, 12, 18),
    ),
    "redsea-no-ground-troops-yemen": Fact(
        RED_SEA, "deployment", "YE", modality="negated", actor="US", destination="YE"
    ),
    # Instructors to a capital, a standing contingent, a logistics hub, a new arrival.
    "africa-200-more-instructors": Fact(
        AFRICA, "deployment", "CF", modality="asserted", actor="RU", count=200, destination="CF"
    ),
    "africa-1500-in-car": Fact(
        AFRICA, "presence", "CF", modality="asserted", actor="RU", count=1500
    ),
    "africa-1800-in-libya": Fact(
        AFRICA, "presence", "LY", modality="asserted", actor="RU", count=1800
    ),
    "africa-ships-tobruk": Fact(
        AFRICA, ("deployment", "arms_transfer"), "Tobruk/LY", modality="asserted", actor="RU"
    ),
    "africa-100-to-niamey": Fact(
        AFRICA,
        "deployment",
        "Niamey/NE",
        modality="asserted",
        actor="RU",
        count=100,
        destination="Niamey/NE",
        date=(D(2024, 3, 1), D(2024, 3, 31)),
    ),
    # An armoured push, an earlier pullback, a demand to leave, a refusal.
    "gaza-tanks-into-rafah": Fact(
        GAZA,
        "deployment",
        "Rafah/PS",
        modality="asserted",
        actor="IL",
        destination="Rafah/PS",
        date=D(2024, 5, 7),
    ),
    "gaza-98th-leaves-khan-younis": Fact(
        GAZA,
        "withdrawal",
        KHAN_YOUNIS,
        modality="asserted",
        actor="IL",
        origin=KHAN_YOUNIS,
        date=(D(2024, 4, 1), D(2024, 4, 30)),
    ),
    "gaza-fighting-gaza-city": Fact(
        GAZA, MOVE, "Gaza City|Zeitoun", modality="asserted", actor="IL"
    ),
    "gaza-egypt-demands-pullout": Fact(
        GAZA, "withdrawal", "Rafah", modality="demanded", actor="IL", origin="Rafah"
    ),
    "gaza-us-will-not-send": Fact(GAZA, "deployment", GAZA_STRIP, modality="negated", actor="US"),
    # A build-up along a boundary, a partial pullback, a denial, reinforcements.
    "kosovo-serbian-buildup": Fact(
        KOSOVO, "presence", "XK|RS|Kosovo", modality="asserted", actor="RS", extent="border"
    ),
    "kosovo-serbia-pulls-back": Fact(
        KOSOVO, "withdrawal", None, modality="asserted", actor="RS", date=D(2023, 10, 1)
    ),
    "kosovo-serbia-denies": Fact(
        KOSOVO, "deployment", "XK|Kosovo", modality="negated", actor="RS", destination="XK|Kosovo"
    ),
    "kosovo-british-200": Fact(
        KOSOVO,
        "deployment",
        "XK|Kosovo",
        modality=SAID,
        actor="GB",
        count=200,
        destination="XK|Kosovo",
    ),
    "kosovo-kfor-4500": Fact(
        KOSOVO, "presence", "XK|Kosovo", modality="asserted", actor="NATO", count=4500
    ),
    # An outpost, standing forces in two countries, a demand to leave.
    "jordan-tower22-350": Fact(
        JORDAN, "presence", "Tower 22|JO", modality="asserted", actor="US", count=350
    ),
    "jordan-us-900-syria": Fact(
        JORDAN, "presence", "SY", modality="asserted", actor="US", count=900
    ),
    "jordan-us-2500-iraq": Fact(
        JORDAN, "presence", "IQ", modality="asserted", actor="US", count=2500
    ),
    "jordan-iraq-demands-withdrawal": Fact(
        JORDAN, "withdrawal", "IQ", modality="demanded", actor="US", origin="IQ"
    ),
    # Joint drills on a Sunday, rival patrols, a summit, a conditional deployment.
    "scs-joint-drills": Fact(
        SCS,
        "exercise",
        SOUTH_CHINA_SEA,
        modality="asserted",
        actor=("PH", "JP", "US", "AU"),
        date=D(2024, 4, 7),
    ),
    "scs-chinese-patrols": Fact(
        SCS,
        ("presence", "exercise"),
        SOUTH_CHINA_SEA,
        modality="asserted",
        actor="CN",
        date=D(2024, 4, 7),
    ),
    "scs-white-house-summit": Fact(
        SCS, "meeting", "Washington/US|White House", modality="planned", date=D(2024, 4, 11)
    ),
    "scs-japan-could-send": Fact(
        SCS, "deployment", "PH", modality="hypothetical", actor="JP", destination="PH"
    ),
    "scs-us-bases-philippines": Fact(SCS, "presence", "PH", modality="asserted", actor="US"),
    # A carrier in port, standing forces, a threat along the border, an earlier visit.
    "korea-carrier-busan": Fact(
        KOREA,
        "deployment",
        "Busan/KR",
        modality="asserted",
        actor="US",
        destination="Busan/KR",
        date=D(2023, 11, 21),
    ),
    "korea-28500": Fact(KOREA, "presence", "KR", modality="asserted", actor="US", count=28500),
    "korea-north-to-border": Fact(
        KOREA, MOVE, "KP|KR|Military Demarcation Line", modality="planned", actor="KP"
    ),
    "korea-submarine-july": Fact(
        KOREA,
        MOVE,
        "Busan/KR",
        modality="asserted",
        actor="US",
        date=(D(2023, 7, 1), D(2023, 7, 31)),
    ),
    # Arms deals in several forms, standing US forces, a refusal to arm Kyiv.
    "poland-k2-deal": Fact(
        POLAND, "arms_transfer", "PL", modality=SAID, actor="KR", count=180, destination="PL"
    ),
    "poland-himars-approved": Fact(
        POLAND, "arms_transfer", "PL", modality=SAID, actor="US", count=486, destination="PL"
    ),
    "poland-first-tanks-gdynia": Fact(
        POLAND,
        "arms_transfer",
        "Gdynia/PL",
        modality="asserted",
        actor="KR",
        count=10,
        date=(D(2022, 12, 1), D(2022, 12, 31)),
    ),
    "poland-us-troops": Fact(
        POLAND, "presence", "PL", modality="asserted", actor="US", count=(9000, 10000)
    ),
    "poland-seoul-refuses-kyiv": Fact(
        POLAND, "arms_transfer", "UA", modality="negated", actor="KR"
    ),
    # An incursion and its date, a town held, reinforcements, a denial.
    "kursk-crossed-aug6": Fact(
        KURSK, "deployment", "Kursk/RU|RU", modality="asserted", actor="UA", date=D(2024, 8, 6)
    ),
    "kursk-sudzha-held": Fact(KURSK, MOVE, "Sudzha/RU", modality="asserted", actor="UA"),
    "kursk-brigades-from-zaporizhzhia": Fact(
        KURSK,
        "deployment",
        "Kursk/RU",
        modality="asserted",
        actor="RU",
        origin="Zaporizhzhia/UA",
        destination="Kursk/RU",
    ),
    "kursk-conscripts-denied": Fact(
        KURSK, "deployment", "Kursk/RU", modality="negated", actor="RU"
    ),
    "kursk-russians-near-pokrovsk": Fact(
        KURSK, MOVE, "Pokrovsk/UA|Donetsk/UA", modality="asserted", actor="RU"
    ),
    # A departure, a demand, a standing base and a hypothetical withdrawal from it.
    "armenia-guards-leave-zvartnots": Fact(
        ARMENIA,
        "withdrawal",
        "Zvartnots|Yerevan/AM",
        modality="asserted",
        actor="RU",
        date=D(2024, 8, 1),
    ),
    "armenia-demands-margara": Fact(
        ARMENIA, "withdrawal", "Margara|AM|TR", modality="demanded", actor="RU"
    ),
    "armenia-gyumri-3000": Fact(
        ARMENIA, "presence", "Gyumri/AM", modality="asserted", actor="RU", count=3000
    ),
    "armenia-gyumri-could-go": Fact(
        ARMENIA, "withdrawal", "Gyumri/AM|AM", modality="hypothetical", actor="RU"
    ),
    "armenia-eagle-partner": Fact(
        ARMENIA,
        "exercise",
        "Yerevan/AM|AM",
        modality="asserted",
        actor=("US", "AM"),
        date=(D(2024, 7, 1), D(2024, 7, 31)),
    ),
    # A demand to leave, a mission's size, a planned and a past withdrawal, mercenaries.
    "mali-demands-minusma-leave": Fact(
        MALI, "withdrawal", "ML", modality="demanded", actor="UN", origin="ML"
    ),
    "mali-minusma-13000": Fact(
        MALI, "presence", "ML", modality="asserted", actor="UN", count=13000
    ),
    "mali-germans-leave-gao": Fact(
        MALI, "withdrawal", "Gao/ML", modality="planned", actor="DE", count=1000, origin="Gao/ML"
    ),
    "mali-wagner-hundreds": Fact(
        MALI, "presence", "ML", modality="asserted", actor="WAGNER", count=(200, 999)
    ),
    "mali-barkhane-to-niger": Fact(
        MALI,
        "withdrawal",
        "ML|NE",
        modality="asserted",
        actor="FR",
        origin="ML",
        date=(D(2022, 8, 1), D(2022, 8, 31)),
    ),
    # A dated exercise, a ship arriving, a rival drill, a planned landing drill.
    "baltops-range": Fact(
        BALTOPS,
        "exercise",
        "Baltic Sea|Baltic|Klaipeda/LT",
        modality="asserted",
        actor="NATO",
        count=9000,
        date=D(2024, 6, 7),
        date_end=D(2024, 6, 20),
    ),
    "baltops-wasp-karlskrona": Fact(
        BALTOPS,
        "deployment",
        "Karlskrona/SE",
        modality="asserted",
        actor="US",
        destination="Karlskrona/SE",
        date=D(2024, 6, 5),
    ),
    "baltops-russia-kaliningrad": Fact(
        BALTOPS,
        "exercise",
        "Kaliningrad/RU",
        modality="asserted",
        actor="RU",
        count=3500,
        date=D(2024, 6, 3),
    ),
    "baltops-finland-aland": Fact(
        BALTOPS,
        "exercise",
        "Aland Islands|Aland|Åland|AX",
        modality="planned",
        actor="FI",
        date=(D(2024, 6, 10), D(2024, 6, 16)),
    ),
    # Troops to a border region on both sides.
    "colombia-5000-catatumbo": Fact(
        COLOMBIA,
        "deployment",
        "Catatumbo|Norte de Santander",
        modality="asserted",
        actor="CO",
        count=5000,
    ),
    "colombia-venezuela-zulia": Fact(
        COLOMBIA,
        "deployment",
        "Zulia/VE",
        modality="asserted",
        actor="VE",
        destination="Zulia/VE",
        date=D(2025, 1, 20),
    ),
    "colombia-joint-op-possible": Fact(
        COLOMBIA,
        ("deployment", "exercise", "presence"),
        None,
        modality="hypothetical",
        actor=("CO", "VE"),
    ),
    # "Up to" a count toward a border, a town, a denial, forces abroad, an envoy.
    "ethiopia-up-to-40000": Fact(
        ETHIOPIA, MOVE, "ER|ET|Afar", modality="asserted", actor="ET", count=(30000, 40000)
    ),
    "ethiopia-toward-bure": Fact(ETHIOPIA, MOVE, "Bure/ET", modality="asserted", actor="ET"),
    "ethiopia-denies-assab": Fact(
        ETHIOPIA, "deployment", "ER|Assab", modality="negated", actor="ET"
    ),
    "ethiopia-eritreans-in-tigray": Fact(
        ETHIOPIA, "presence", "Tigray", modality="asserted", actor="ER"
    ),
    "ethiopia-au-envoy-asmara": Fact(
        ETHIOPIA,
        "diplomatic_visit",
        "Asmara/ER",
        modality="planned",
        actor="AFRICAN_UNION",
        date=(D(2025, 3, 17), D(2025, 3, 23)),
    ),
}

ABSENT: dict[str, Absent] = {
    "redsea-sanaa-is-no-place": Absent(RED_SEA, "Sanaa|Sana'a"),
    "redsea-tehran-is-no-place": Absent(RED_SEA, "Tehran|IR"),
    "redsea-no-us-troops-into-yemen": Absent(
        RED_SEA, "YE", type="deployment", modality=SAID, actor="US"
    ),
    "redsea-merchant-ships-are-no-force": Absent(RED_SEA, "Cape of Good Hope|ZA", type=ACTIVE),
    "africa-moscow-is-no-place": Absent(AFRICA, "Moscow"),
    "africa-no-us-deployment-niger": Absent(
        AFRICA, "NE", type="deployment", modality=SAID, actor="US"
    ),
    "gaza-cairo-no-forces": Absent(GAZA, "Cairo", type=ACTIVE),
    "gaza-washington-is-no-place": Absent(GAZA, "Washington"),
    "gaza-no-us-troops-into-gaza": Absent(
        GAZA, GAZA_STRIP, type="deployment", modality=SAID, actor="US"
    ),
    "gaza-civilians-are-no-force": Absent(GAZA, "Mawasi|al-Mawasi", type=ACTIVE),
    "kosovo-belgrade-pristina-are-no-place": Absent(KOSOVO, "Belgrade|Pristina"),
    "kosovo-denial-not-asserted": Absent(
        KOSOVO, "XK|Kosovo", type="deployment", modality=SAID, actor="RS"
    ),
    "jordan-no-forces-in-iran": Absent(JORDAN, "IR", type=ACTIVE),
    "jordan-capitals-are-no-place": Absent(JORDAN, "Washington|Baghdad|Tehran"),
    "scs-capitals-are-no-place": Absent(SCS, "Tokyo|Beijing"),
    "scs-condition-not-asserted": Absent(SCS, "PH", type="deployment", modality=SAID, actor="JP"),
    "scs-taiwan-only-nearby": Absent(SCS, "TW|Taiwan", type=ACTIVE),
    "korea-seoul-is-no-place": Absent(KOREA, "Seoul"),
    "korea-pyongyang-washington-no-forces": Absent(KOREA, "Pyongyang|Washington", type=ACTIVE),
    "korea-satellite-over-okinawa": Absent(KOREA, "Okinawa", type=ACTIVE),
    "poland-capitals-are-no-place": Absent(POLAND, "Warsaw|Seoul|Kyiv"),
    "poland-no-weapons-to-kyiv": Absent(
        POLAND, "UA", type="arms_transfer", modality=SAID, actor="KR"
    ),
    "kursk-capitals-are-no-place": Absent(KURSK, "Kyiv|Moscow|Washington"),
    "kursk-conscripts-not-asserted": Absent(
        KURSK, "Kursk/RU", type="deployment", modality=SAID, actor="RU"
    ),
    "armenia-gyumri-not-leaving": Absent(ARMENIA, "Gyumri", type="withdrawal", modality=SAID),
    "armenia-moscow-is-no-place": Absent(ARMENIA, "Moscow"),
    "mali-bamako-no-forces": Absent(MALI, "Bamako", type=ACTIVE),
    "mali-contributors-are-no-place": Absent(MALI, "TD|BD|SN|EG", type=ACTIVE),
    "baltops-moscow-is-no-place": Absent(BALTOPS, "Moscow"),
    "colombia-capitals-are-no-place": Absent(COLOMBIA, "Bogota|Caracas|Washington"),
    "colombia-refugees-are-no-force": Absent(COLOMBIA, "Cucuta|Tibu|Ocana", type=ACTIVE),
    "colombia-joint-op-not-asserted": Absent(
        COLOMBIA, "VE", type="deployment", modality=SAID, actor="CO"
    ),
    "ethiopia-denial-not-asserted": Absent(
        ETHIOPIA, "ER|Assab", type="deployment", modality=SAID, actor="ET"
    ),
    "ethiopia-capitals-no-forces": Absent(ETHIOPIA, "Addis Ababa|Nairobi|Asmara", type=ACTIVE),
}


def _id(story: str) -> str:
    return Path(story).name


@pytest.mark.parametrize(("story", "published"), READS.items(), ids=map(_id, READS))
def test_story_reads_as_one_dated_article(story: str, published: dt.date) -> None:
    """Each fixture is one story with its headline as title and its publication date."""
    stories.test_story_reads_as_one_dated_article(story, published)


# Facts and rows the extractor still gets wrong, each with the reason. strict=True: the day
# one comes out right its test fails, so that the lists are kept honest.
KNOWN_GAPS: dict[str, str] = {
    "kosovo-serbia-pulls-back":
        "'withdraw part of the forces from the boundary area' names "
        "no place",
    "kosovo-british-200": "'sending some 200 soldiers ... to reinforce the mission' names no place",
    "jordan-tower22-350": "Tower 22 is not in the gazetteer",
    "scs-chinese-patrols": "the patrol's date is the day before the story ('On the same day')",
    "scs-white-house-summit": "'host ... at the White House' is not resolved to Washington",
    "scs-us-bases-philippines": "'have access to nine Philippine military bases' is not a presence",
    "korea-north-to-border": "the Military Demarcation Line is not in the gazetteer",
    "poland-k2-deal": "purchases ('to buy 180 K2 tanks from South Korea') are not read",
    "poland-first-tanks-gdynia": "'arrived by ship at the Baltic port of Gdynia' has no force noun",
    "kursk-russians-near-pokrovsk":
        "the force is in the clause before 'pushing closer to "
        "Pokrovsk'",
    "armenia-guards-leave-zvartnots": "Zvartnots airport is not in the gazetteer",
    "armenia-gyumri-could-go": "a passive 'the base could be withdrawn' with a demand nearby",
    "armenia-eagle-partner": "'In July' in the sentence is not preferred to the story's date",
    "mali-demands-minusma-leave": "'leave the country' refers back to Mali",
    "mali-barkhane-to-niger": "'moving most of its troops to Niger' after a withdrawal noun",
    "baltops-range": "the count is in a 'with ... taking part' phrase",
    "baltops-russia-kaliningrad": "the count is in the next sentence",
    "colombia-joint-op-possible":
        "'a joint operation ... was possible' is not read as "
        "hypothetical",
}
KNOWN_SPURIOUS: dict[str, str] = {
    "kursk-conscripts-not-asserted":
        "the row also matches the asserted redeployment of brigades "
        "to Kursk",
    "poland-capitals-are-no-place": "Kyiv standing for Ukraine's government is mapped as the city",
    "ethiopia-denial-not-asserted":
        "'moved ... toward its border with Eritrea' is read as "
        "asserted",
}


@pytest.mark.parametrize("fact", marked(FACTS, KNOWN_GAPS))
def test_story_fact(fact: Fact) -> None:
    """The fact comes out of its story with the fields a careful analyst would give it."""
    stories.test_story_fact(fact)


@pytest.mark.parametrize("row", marked(ABSENT, KNOWN_SPURIOUS))
def test_story_absent(row: Absent) -> None:
    """What the story does not say does not come out."""
    stories.test_story_absent(row)
