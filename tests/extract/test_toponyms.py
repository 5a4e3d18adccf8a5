"""Toponym recognition and resolution on sentences, with the real gazetteer."""

import pytest

from dashboard.extract.pipeline import predict_toponyms
from geodata.gazetteer import load_gazetteer


def found(text: str) -> dict[str, tuple[str | None, str | None]]:
    """Each toponym as written -> (resolved name, country)."""
    out = {}
    for mention in predict_toponyms(text, load_gazetteer()):
        assert text[mention.start:mention.end] == mention.text
        place = mention.place
        out[mention.text] = (place.name, place.country) if place else (None, None)
    return out


@pytest.mark.parametrize(
    ("text", "written", "country"),
    [
        ("He moved to Wichita, Kan., last year.", "Kan.", "US"),
        ("Troops left Fort Bragg, N.C., on Monday.", "N.C.", "US"),
        ("She grew up in Fresno, Calif., and left.", "Calif.", "US"),
        ("Flights to S.C. resumed.", "S.C.", "US"),
        ("Officials in W. Va. said so.", "W. Va.", "US"),
        ("North Korea sent troops to Russia's Kursk region.", "Kursk region", "RU"),
        ("The People's Republic of China protested.", "People's Republic of China", "CN"),
        ("Talks were held in St. Petersburg.", "St. Petersburg", "RU"),
        ("Russian troops crossed into Ukraine's Kharkiv region.", "Ukraine", "UA"),
        ("Israeli troops entered Gaza on Monday.", "Gaza", "PS"),
        ("Islamic State fighters in Deir ez-Zor attacked a convoy.", "Deir ez-Zor", "SY"),
        ("RSF fighters entered el-Fasher.", "el-Fasher", "SD"),
        ("Indian and Chinese troops pulled back along the LAC.", "LAC", None),
    ],
)
def test_names_news_writes(text: str, written: str, country: str) -> None:
    """Abbreviations, possessives and multi-word names are found whole and resolved."""
    names = found(text)
    assert written in names, names
    assert names[written][1] == country


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("President Vladimir Putin spoke.", "Vladimir"),
        ("Russia's Vladimir Putin met Xi Jinping in Beijing.", "Vladimir"),
        ("The talks ended in March.", "March"),
        ("Hundreds of Wagner fighters left.", "Wagner"),
        ("They said it in Austin, Texas. Then they left.", "Texas."),
        ("I've seen NATO grow.", "NATO"),
        ("Special forces deployed along the Sir Creek area.", "Creek"),
        ("Troops moved up the Valley at dawn.", "Valley"),
        ("Ships waited in the Bay.", "Bay"),
        ("The carrier USS Gerald R. Ford arrived.", "Ford"),
        ("George W. Bush said so.", "George"),
        ("Marines landed on Wake Island.", "Wake"),
        ("LAC beat Denver 110-98 on Sunday.", "LAC"),
        ("Nato allies met in Brussels.", "Nato"),
        ("The Black Sea Fleet left Sevastopol.", "Black Sea"),
        ("US To Send 3,000 More Troops To Poland", "Send"),  # a headline in title case
        ("Since July, the Mission has withdrawn 6,000 personnel from Mali.", "Mission"),
        ("Elon Musk Sends Starlink Terminals To Ukraine As War Drags On", "Elon"),
        ("Israel Moves Troops To Northern Border With Lebanon", "Northern Border"),
        ("North Korea's Kim Jong Un Orders Troops To Border As Tensions Rise", "Un"),
        ("Taylor Swift Brings Eras Tour To Europe As Fans Rejoice", "Taylor"),
    ],
)
def test_words_that_are_no_places_here(text: str, not_a_place: str) -> None:
    """First names, months, groups, acronyms and a sentence's full stop are left out."""
    assert not_a_place not in found(text)


@pytest.mark.parametrize(("text", "place"), [
    ("Israeli Tanks Enter Rafah As Ceasefire Talks Stall", "Rafah"),
    ("Russian Warships Arrive In Havana For Naval Exercises", "Havana"),
    ("Thai Troops Withdraw From Disputed Border Near Preah Vihear", "Preah Vihear"),
    ("Nigerian Troops Withdraw From Sierra Leone", "Sierra Leone"),
    ("ISRAELI TANKS ENTER RAFAH AS CEASEFIRE TALKS STALL", "RAFAH"),
    ("Troops patrolled the streets of Mission, Texas on Friday.", "Mission"),
    ("Border Patrol agents outside Alliance, Ohio, found the truck.", "Alliance"),
    ("Houthis Attack Ships In Red Sea As US Strikes Yemen", "Red Sea"),
    ("Troops Deployed To Cape Town Amid Gang Violence", "Cape Town"),
    ("UN Peacekeepers Withdraw From Democratic Republic Of Congo",
     "Democratic Republic Of Congo"),
])
def test_places_in_title_case_headlines(text: str, place: str) -> None:
    """A headline in title case is read in ordinary case: its place is one name of its own,
    not part of a run of capitalised words; a town named like a unit is still a town."""
    assert place in found(text)


def test_demonyms_are_marked_and_resolve_to_their_country() -> None:
    mentions = predict_toponyms("German soldiers arrived.", load_gazetteer())
    assert [(m.text, m.role, m.place.country if m.place else None) for m in mentions] == [
        ("German", "demonym", "DE")]


def test_initials_of_a_place_named_before_are_that_place() -> None:
    text = ("Rwanda will send 800 troops to the Central African Republic. Our troops will "
            "arrive in CAR in about ten days.")
    found = {m.text: m.place.name for m in predict_toponyms(text, load_gazetteer()) if m.place}
    assert found.get("CAR") == "Central African Republic"


def test_initials_alone_are_no_place() -> None:
    text = "The CAR said on Monday that troops will arrive in Bangui."
    assert "CAR" not in {m.text for m in predict_toponyms(text, load_gazetteer())}
