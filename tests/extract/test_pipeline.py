"""Properties of ``extract_article`` that hold for every input text.

Whatever the text (empty, any Unicode, bytes read as Latin-1, news-like word salad, long),
the extractor returns; every span slices the article text; every event's evidence is one of
the article's sentences; every coordinate is on the globe; every geometry is valid.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry.base import BaseGeometry

from dashboard.extract.context import insurgents, is_irregular
from dashboard.extract.events import Draft
from dashboard.extract.pipeline import (
    EXTRACTOR_VERSION,
    extract_article,
    predict_toponyms,
    without_dateline,
)
from dashboard.records import (
    EVENT_TYPES,
    MODALITIES,
    Article,
    Extraction,
    Force,
    Mention,
    Sentence,
)
from geodata.gazetteer import load_gazetteer

# Words that make the rules fire: places, demonyms, counts, forces, triggers, dates, cues.
VOCABULARY = [
    "Russia", "Ukraine's", "Kyiv", "Moscow", "Belarus", "Germany", "Poland", "Romania",
    "the United States", "Taiwan", "Gaza Strip", "Crimea", "Nagorno-Karabakh", "Niger",
    "Mali", "eastern Europe", "Fort Bragg, N.C.", "Darwin", "Ladakh", "Kursk", "Beijing",
    "Russian", "US", "American", "Turkish", "Chinese", "NATO", "Israeli", "North Korean",
    "1,000", "about 1,700", "several thousand", "up to 30,000", "hundreds", "two", "0",
    "99999999999999999999", "troops", "soldiers", "marines", "forces", "tanks", "drones",
    "warships", "the 82nd Airborne Division", "a Stryker squadron", "combat helicopters",
    "sent", "deployed", "are being flown", "to", "from", "in", "along", "near", "border",
    "borders", "withdrew", "pull back", "drills", "exercises", "supply of", "visits",
    "will travel to", "meets", "met", "in Beijing", "on Friday", "February 10-20",
    "last month", "next week", "31 February", "not", "no", "could", "demanded that",
    "will", "would", "said", ".", ",", "--", "'s", "\"", "(", ")", "\n", "\n\n", " ",
    "- Subheading -", "\u2019s", "\u2014", "\u00a0", "\u200b", "\U0001f600", "\ufeff",
]

news_like = st.lists(st.sampled_from(VOCABULARY), max_size=80).map(" ".join)
# Sentences shaped like wire copy, so that events come out and their slots are checked too.
_PLACES = ["Kyiv", "Moscow", "Belarus", "Germany", "Poland", "Romania", "Taiwan", "Crimea",
           "Ukraine's borders", "the Gaza Strip", "Darwin", "Kursk", "eastern Europe", "Mali"]
_SHAPED = st.tuples(
    st.sampled_from(["", "Moscow said ", "Officials said that ", "NATO warned that "]),
    st.sampled_from(["1,000", "about 1,700", "several thousand", "up to 30,000", "hundreds",
                     "Eleven", ""]),
    st.sampled_from(["Russian", "US", "Turkish", "Chinese", "NATO", "German", ""]),
    st.sampled_from(["troops", "soldiers", "marines", "tanks", "drones", "warships",
                     "paratroopers of the 82nd Airborne Division"]),
    st.sampled_from(["were sent to", "will not be deployed to", "could move to",
                     "are massed along", "withdrew from", "held drills in", "arrived in",
                     "are being flown from Germany to"]),
    st.sampled_from(_PLACES),
    st.sampled_from(["", " on Friday", " on February 10-20", " last month", " next week"]),
).map(lambda parts: "{}{} {} {} {} {}{}.".format(*parts))
sentence_like = st.lists(_SHAPED, min_size=1, max_size=6).map(" ".join)
any_unicode = st.text(max_size=400)
binary_looking = st.binary(max_size=400).map(lambda data: data.decode("latin-1"))
repeated = st.tuples(news_like, st.integers(min_value=1, max_value=40)).map(
    lambda pair: (pair[0] + ". ") * pair[1])
texts = st.one_of(sentence_like, news_like, any_unicode, binary_looking, repeated)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1),
                                      max_value=dt.date(2100, 12, 31)))

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


def _extract(text: str, published: dt.date | None = None) -> Extraction:
    """Extract one article of ``text``."""
    return extract_article(Article(id="p", text=text, date=published), load_gazetteer())


def _assert_slices(text: str, start: int, end: int, spanned: str, what: str) -> None:
    """A span lies inside the text and its text is what it slices."""
    assert 0 <= start <= end <= len(text), f"{what} span {start}:{end} outside the text"
    assert text[start:end] == spanned, f"{what} {spanned!r} != text[{start}:{end}]"


def _assert_mention(text: str, mention: Mention | None, what: str) -> None:
    """A mention slices the text and its place lies on the globe."""
    if mention is None:
        return
    _assert_slices(text, mention.start, mention.end, mention.text, what)
    if mention.place is not None:
        assert -90 <= mention.place.lat <= 90, f"{what} latitude {mention.place.lat}"
        assert -180 <= mention.place.lon <= 180, f"{what} longitude {mention.place.lon}"


def _assert_geometry(geometry: BaseGeometry | None) -> None:
    """A geometry is valid and within lon -180..180, lat -90..90."""
    if geometry is None:
        return
    assert geometry.is_valid, f"invalid geometry {geometry.wkt[:200]}"
    if geometry.is_empty:
        return
    west, south, east, north = geometry.bounds
    assert -180 <= west <= east <= 180, f"longitudes out of range: {geometry.bounds}"
    assert -90 <= south <= north <= 90, f"latitudes out of range: {geometry.bounds}"


def check_extraction(extraction: Extraction) -> None:
    """Every invariant of one extraction."""
    text = extraction.article.text
    for sentence in extraction.sentences:
        _assert_slices(text, sentence.start, sentence.end, sentence.text, "sentence")
        assert sentence.article_id == extraction.article.id
    for mention in extraction.mentions:
        _assert_mention(text, mention, "mention")
    for actor in extraction.actors:
        _assert_slices(text, actor.start, actor.end, actor.text, "actor")
    for force in extraction.forces:
        _assert_slices(text, force.start, force.end, force.text, "force")
        assert force.count is None or force.count >= 0, f"negative count in {force}"
    sentences = set(extraction.sentences)
    for event in extraction.events:
        assert event.type in EVENT_TYPES, event.type
        assert event.modality in MODALITIES, event.modality
        assert event.sentence in sentences, f"evidence {event.sentence} is no sentence"
        assert event.article_id == extraction.article.id
        for role in ("origin", "destination", "location"):
            _assert_mention(text, getattr(event, role), f"event {role}")
        if event.force is not None:
            force = event.force
            _assert_slices(text, force.start, force.end, force.text, "event force")
        if event.date is not None and event.date_end is not None:
            assert event.date <= event.date_end, f"{event.date} after {event.date_end}"
        _assert_geometry(event.geometry)
    assert len({e.id for e in extraction.events}) == len(extraction.events), "duplicate ids"


@PROPERTY_SETTINGS
@given(text=texts, published=dates)
def test_any_text_extracts_with_consistent_spans(text: str, published: dt.date | None) -> None:
    """Any string gives an extraction whose spans, evidence and coordinates all hold."""
    check_extraction(_extract(text, published))


@PROPERTY_SETTINGS
@given(text=texts)
def test_predicted_toponyms_slice_the_text(text: str) -> None:
    """Every predicted toponym slices the text and lies on the globe."""
    for mention in predict_toponyms(text, load_gazetteer()):
        _assert_mention(text, mention, "toponym")


@pytest.mark.parametrize("text", [
    "",
    " ",
    "\n\n\n",
    "\x00\x01\x02\ufffd",
    ".",
    "--",
    "'s",
    "Russia",
    "1,000 troops",
    "\U0001f600 troops sent to Kyiv \U0001f600",
    "Troops\u2028were sent\u2029to Poland.",
    "TROOPS SENT TO POLAND FROM GERMANY ON MONDAY.",
    "99999999999999999999999 troops were sent to Latvia.",
    "The February 31-45 drills in Belarus.",
    "Kyiv" * 1000,
])
def test_edge_texts(text: str) -> None:
    """Hand-picked edge cases hold the same invariants."""
    check_extraction(_extract(text, dt.date(2022, 2, 2)))


def test_empty_text_has_nothing() -> None:
    """An empty story has no sentences, mentions or events."""
    extraction = _extract("")
    assert (extraction.sentences, extraction.mentions, extraction.events) == ((), (), ())


def test_news_text_gives_events_that_hold() -> None:
    """A real-looking story gives events (so the properties above are not vacuous)."""
    text = ("About 1,700 US paratroopers were flown from Fort Bragg, N.C., to Poland on "
            "Thursday. Russia has massed 100,000 troops along Ukraine's borders.")
    extraction = _extract(text, dt.date(2022, 2, 4))
    assert extraction.events, "expected at least one event"
    assert any(e.geometry is not None for e in extraction.events)
    check_extraction(extraction)


def test_extractor_version_is_a_version() -> None:
    """Stores compare this string to decide on re-extraction."""
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION.strip()


FIVE_MB = 5 * 1024 * 1024


def test_five_megabytes_without_sentences_finishes() -> None:
    """A 5 MB text of one endless token returns."""
    check_extraction(_extract("x" * FIVE_MB))


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("RUN_SLOW"),
                    reason="5 MB of news-like text takes minutes; set RUN_SLOW=1 to run it")
def test_five_megabytes_of_news_finishes() -> None:
    """A 5 MB text of news sentences returns, with its invariants holding."""
    sentence = ("Russia has massed 100,000 troops along Ukraine's borders, while 1,000 US "
                "soldiers in Germany are being sent to Romania and Poland on Friday. ")
    extraction = _extract((sentence * (FIVE_MB // len(sentence) + 1))[:FIVE_MB],
                          dt.date(2022, 2, 2))
    assert extraction.events
    check_extraction(extraction)


def test_the_extractor_reads_every_story_ingest_makes() -> None:
    """Ingest splits stories at the length the extractor reads whole, so none is cut."""
    from dashboard.extract.pipeline import MAX_TEXT_CHARS
    from dashboard.ingest import MAX_STORY_CHARS

    assert MAX_TEXT_CHARS == MAX_STORY_CHARS


@pytest.mark.parametrize(
    ("text", "rest"),
    [("Bamako, February 2, 2022 - Germany will send troops.", "Germany will send troops."),
     ("KYIV, March 3 (Reuters) - Poland sent troops.", "Poland sent troops."),
     ("Taipei [Taiwan], May 28 (ANI): Taiwan's MND detected ships.",
      "Taiwan's MND detected ships."),
     ("NAHA \u2013 Japan deployed units.", "Japan deployed units."),
     ("(Yerevan) Armenian troops left.", "Armenian troops left."),
     (" date 2024-12-14 Israeli forces left.", "Israeli forces left."),
     ("Published: 2024-12-14 09:30 | Troops left.", "Troops left."),
     ("2024-12-14 was a quiet day.", "2024-12-14 was a quiet day."),
     ("(about 300) troops left.", "(about 300) troops left."),
     ("Germany, France and Italy - three members - sent troops.",
      "Germany, France and Italy - three members - sent troops."),
     ("Analysis: troops moved.", "Analysis: troops moved.")],
)
def test_the_parser_reads_a_sentence_without_its_dateline(text: str, rest: str) -> None:
    trimmed = without_dateline(Sentence("a", 0, 10, 10 + len(text), text))
    assert trimmed.text == rest
    assert text[trimmed.start - 10:] == rest


@pytest.mark.parametrize(
    ("text", "personnel", "irregular"),
    [("Hezbollah fighters", "fighters", True), ("militiamen", "militiamen", True),
     ("military helicopters", None, False), ("the 4,500-strong KFOR mission", "mission", False)],
)
def test_irregular_forces_are_told_from_armies(text: str, personnel: str | None,
                                               irregular: bool) -> None:
    assert is_irregular(Force(0, len(text), text, personnel=personnel)) is irregular


@pytest.mark.parametrize(
    ("text", "force", "owner", "actor"),
    [("the withdrawal of separatist troops", "troops", None, None),
     ("Congolese rebels advanced", "Congolese rebels", "CD", None),
     ("fighting the rebels, troops advanced", "troops", None, "RU"),
     ("After clashes with rebels Malian troops withdrew", "Malian troops", "ML", "ML"),
     ("Anti-rebel troops advanced", "troops", None, "CD"),
     ("Russian troops advanced", "Russian troops", "RU", "RU")],
)
def test_rebels_own_no_country(text: str, force: str, owner: str | None,
                               actor: str | None) -> None:
    start = text.index(force)
    found = Force(start, start + len(force), force, personnel=force.split()[-1], actor=owner)
    draft = Draft("deployment", "asserted", 0, 1, actor or owner or "CD", found, None, None,
                  None, "point", (), None)
    assert insurgents(text, draft).actor == actor


def test_an_event_told_again_keeps_its_actor_and_place() -> None:
    """ "The withdrawal" after a withdrawal is a second report of it; "the deployments"
    may be several and a bare "withdrawal" of nobody's is none."""
    told = _extract("About 900 Dutch soldiers left Mali in May. Officials spoke. Dutch "
                    "officials said the withdrawal was completed on Friday.", dt.date(2024, 6, 1))
    again = [e for e in told.events if e.sentence.index == 2]
    assert [(e.type, e.actor, e.origin.text if e.origin else None) for e in again] == [
        ("withdrawal", "NL", "Mali")]
    welcomed = _extract("U.S. troops will leave Iraq next year. Baghdad welcomed the "
                        "withdrawal.", dt.date(2024, 6, 1))
    assert [e.modality for e in welcomed.events if e.sentence.index == 1] == ["planned"]
    elsewhere = _extract("U.S. troops deployed to Poland on Monday. The software company "
                         "said this deployment went smoothly.", dt.date(2024, 6, 1))
    assert not [e for e in elsewhere.events if e.sentence.index == 1]
    several = _extract("About 900 Dutch soldiers left Mali in May. The deployments were "
                       "announced.", dt.date(2024, 6, 1))
    assert not [e for e in several.events if e.sentence.index == 1]
    alone = _extract("The withdrawal was completed on Friday in Mali.", dt.date(2024, 6, 1))
    assert not [e for e in alone.events if e.type == "withdrawal" and e.actor is None
                and e.force is None and e.origin is None]
