"""From an article to its extraction: sentences, toponyms, actors, forces, events, geometry."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from dashboard.describe import summarize
from dashboard.extract import actors as actor_rules
from dashboard.extract import context, nlp
from dashboard.extract import grammar as grammar_rules
from dashboard.extract.dates import TimeExpression, find_dates
from dashboard.extract.events import Draft, find_drafts
from dashboard.extract.forces import SHIP_NAME, find_forces, is_police, is_proxy
from dashboard.extract.geocode import event_geometry
from dashboard.extract.lexicon import (
    ACTOR_MOVE_WORDS,
    DEFINITE_PLACES,
    NOUN_ONLY_TRIGGERS,
    ORDINARY_WORDS,
)
from dashboard.extract.resolve import resolve
from dashboard.extract.sentences import split_sentences
from dashboard.extract.toponyms import find_candidates, initialisms
from dashboard.extract.truecase import truecase
from dashboard.records import Actor, Article, Event, Extraction, Force, Mention, Sentence
from geodata.gazetteer import Gazetteer

# Bump when extraction output changes, so that stores re-extract their stories.
EXTRACTOR_VERSION = "0.7.0"

MAX_TEXT_CHARS = 2_000_000
# No real sentence is longer; a longer run (a table, a list without full stops, a hostile
# paste) is read in pieces of at most this size, so that the work per sentence is bounded.
MAX_SENTENCE_CHARS = 1_500
# The parse is the costly step: a story's first 400 candidate sentences of up to 600
# characters are parsed (a long news story has fewer than 100); the rest, and longer runs,
# are read by the word-order rules, so that a hostile file costs what the rules cost.
MAX_PARSED_SENTENCES = 400
MAX_PARSED_CHARS = 600


def predict_toponyms(text: str, gazetteer: Gazetteer, home: str | None = None,
                     read: str | None = None) -> list[Mention]:
    """Every toponym in ``text``, resolved where the gazetteer allows; found in the text as
    read (``read_as``: title-case headlines in ordinary case), named as written."""
    text = text[:MAX_TEXT_CHARS]
    read = read_as(text, gazetteer) if read is None else read[:MAX_TEXT_CHARS]
    candidates = find_candidates(read, gazetteer)
    places = resolve(candidates, gazetteer, home=home)
    mentions = [Mention("", c.start, c.end, text[c.start:c.end], p) for c, p in
                zip(candidates, places, strict=True)]
    names = actor_rules.leader_spans(read)
    found = [
        Mention(m.article_id, m.start, m.end, m.text, m.place, _role(read, m, c.demonym))
        for m, c in zip(mentions, candidates, strict=True)
        if not _inside(names, m.start, m.end)  # "Vladimir" in "Vladimir Putin"
    ]
    found = _supported_acronyms(found, gazetteer)
    again = [Mention("", start, end, text[start:end], place) for start, end, _, place in
             initialisms(read, [(m.start, m.end, m.text, m.place) for m in found
                                if m.role != "demonym"])]
    return sorted(found + [replace(m, role=_role(read, m, None)) for m in again],
                  key=lambda m: m.start)  # "CAR" for the Central African Republic named before


def read_as(text: str, gazetteer: Gazetteer, sentences: Sequence[Sentence] | None = None,
            actor_of: Any = None) -> str:
    """The text as the finders read it: title-case headlines in ordinary case, every offset
    the same."""
    if sentences is None:
        sentences = bounded(split_sentences(text), text)
    return truecase(text, sentences, ORDINARY_WORDS,
                    _names(gazetteer, actor_of or _actor_lookup(gazetteer)))


def _supported_acronyms(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Short acronyms that are no country ("LAC") stand for a place only when the story names
    its country elsewhere: "the LAC" in a story of India and China is the Line of Actual
    Control, and "LAC beat Denver" names no place."""
    def countries(mention: Mention) -> set[str]:
        place = mention.place
        if place is None:
            return set()
        return {place.country} if place.country else set(gazetteer.members.get(place.id, ()))

    named = Counter(c for m in mentions for c in countries(m))
    out = []
    for mention in mentions:
        short = mention.text.isalpha() and mention.text.isupper() and len(mention.text) <= 4
        if short and mention.place is not None and mention.place.kind != "country" and \
                gazetteer.country_code(mention.text) is None:
            own = countries(mention)
            if not any(named[c] > (c in own) for c in own):  # named beyond this mention
                continue
        out.append(mention)
    return out


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of the sorted, disjoint ``spans``."""
    i = bisect.bisect_right(spans, (start, math.inf)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _role(text: str, mention: Mention, demonym: str | None) -> Literal["place", "actor",
                                                                        "demonym"]:
    """Whether a toponym names a place, stands for a government, or is a demonym."""
    if demonym:
        return "demonym"
    return "actor" if actor_rules.is_metonymic(text, mention) else "place"


def extract_article(article: Article, gazetteer: Gazetteer, *, grammar: bool = True
                    ) -> Extraction:
    """Extract sentences, place mentions, actors, forces and events from one article.

    Sentences that can hold a military event are parsed, and their deployments, presences,
    withdrawals and exercises come from the parse (``grammar=False`` keeps the word-order
    rules alone); visits, meetings and arms transfers come from the rules.
    """
    text = article.text[:MAX_TEXT_CHARS]
    warnings = () if len(article.text) <= MAX_TEXT_CHARS else (
        f"the story is {len(article.text):,} characters long; only the first "
        f"{MAX_TEXT_CHARS:,} were read",)
    sentences = bounded(split_sentences(text, article.id), text)
    actor_of = _actor_lookup(gazetteer)
    read = read_as(text, gazetteer, sentences, actor_of)
    mentions = tuple(Mention(article.id, m.start, m.end, m.text, m.place, m.role)
                     for m in predict_toponyms(text, gazetteer, read=read))
    people = actor_rules.find_people(text, gazetteer)
    readings = [_read_sentence(text, read, s, mentions, gazetteer, actor_of) for s in sentences]
    docs = _parse([r for r in readings if grammar and r.parseable()][:MAX_PARSED_SENTENCES],
                  read)
    events: list[Event] = []
    tally: Counter[str] = Counter()  # whose forces the story speaks of, and how often
    groups: list[str] = []  # the rebel groups it names, in order
    unowned: list[tuple[int, Draft, Sentence, Any]] = []  # events whose actor is not known
    for reading in readings:
        groups.extend(a.code for a in reading.actors if a.code in actor_rules.rebel_codes())
        earlier = readings[reading.sentence.index - 1].places if reading.sentence.index else ()
        drafts = reading.drafts(text, people, docs.get(reading.sentence.index), actor_of,
                                earlier)
        dates = find_dates(reading.sentence.text, reading.sentence.start, article.date)
        for draft in filter(None, map(_without_own_name, drafts)):
            draft = context.with_context_actor(text, reading.sentence, reading.actors,
                                                context.insurgents(text, draft), events, tally,
                                                groups)
            if not context.placed(draft):
                draft = context.from_where_it_was(draft, events, reading.sentence,
                                                  bool(reading.places or reading.actors))
                if draft is None:
                    continue
            if is_police(draft.force) and not context.abroad(draft):
                continue  # "police officers were sent to Manchester" is no troop movement
            if draft.type in _MILITARY and draft.actor and draft.modality in (
                    "asserted", "planned"):
                tally[draft.actor] += 1
            if draft.actor is None and draft.type in _MILITARY:
                unowned.append((len(events), draft, reading.sentence, dates))
            events.append(_events_from(article, draft, reading.sentence, dates,
                                       len(events) + 1))
    where = context.theatres(events)
    named = Counter(f.actor for r in readings for f in r.forces if f.actor)
    for index, draft, sentence, dates in unowned:  # a force named before its owner is
        # known takes the owner of the story's events in the same country; with no owned
        # event, the owner of the story's forces outside the sentence ("will train with
        # Lithuanian units" names a partner, not the owner)
        if context.is_irregular(draft.force):
            continue  # rebels told before any group may be anyone's foes
        owners = tally or named - Counter(
            f.actor for f in readings[sentence.index].forces if f.actor)
        draft = context.with_story_actor(draft, owners)
        if draft.actor is not None and (not tally or context.same_theatre(draft, where)):
            events[index] = _events_from(article, draft, sentence, dates, index + 1)
    return Extraction(article, sentences, mentions,
                      tuple(a for r in readings for a in r.actors),
                      tuple(f for r in readings for f in r.forces), tuple(events), warnings)


def bounded(sentences: Sequence[Sentence], text: str) -> tuple[Sentence, ...]:
    """The sentences, with any longer than ``MAX_SENTENCE_CHARS`` cut at spaces."""
    out: list[Sentence] = []
    for sentence in sentences:
        start = sentence.start
        while sentence.end - start > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
            cut = cut if cut > start else start + MAX_SENTENCE_CHARS
            out.append(Sentence(sentence.article_id, len(out), start, cut, text[start:cut]))
            start = cut
        end = sentence.end
        out.append(Sentence(sentence.article_id, len(out), start, end, text[start:end]))
    return tuple(out)


# A wire dateline opening a sentence ("KYIV, March 3 (Reuters) - ", "Bamako, February 2,
# 2022 - ", "(Baku) "): the parser would take its city for the sentence's subject.
_CITY = r"[A-Z][\w'\u2019.]*+(?:[ -][A-Z][\w'\u2019.]*+){0,3}+(?:\s*+\[[^\[\]]{1,30}\])?"
_DATE = r",\s*+[A-Z][a-z]{2,8}\.?\s++\d{1,2}(?:,\s*+\d{4})?"
_AGENCY = r"\s*+\([^()]{1,40}\)"
_DATELINE = re.compile(  # a dash after a date or an agency (or a city in capitals), or a
    r"(?:" + _CITY + r"(?:" + _DATE + r"(?:" + _AGENCY + r")?|" + _AGENCY + r")"  # colon
    r"|[A-Z]{3,}(?:[ -][A-Z]{2,}){0,3})\s*+[-\u2013\u2014]{1,2}\s++"  # after a date
    r"|" + _CITY + _DATE + r"(?:" + _AGENCY + r")?:\s++"
    r"|\(" + _CITY + r"\)\s++(?=[A-Z])"  # "(Baku) Russian soldiers ..."
    r"|\s*+(?i:date|published|updated|posted)?:?\s*+\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?"
    r"(?:\s*+[-|\u2013\u2014])?\s++(?=[A-Z])")  # a page's stamp: "date 2024-12-14 Israeli forces"


def without_dateline(sentence: Sentence) -> Sentence:
    """The sentence without a wire dateline at its start (the same sentence when it has
    none), with offsets that still slice the article."""
    match = _DATELINE.match(sentence.text[:80])
    if match is None or match.end() >= len(sentence.text):
        return sentence
    cut = match.end()
    return Sentence(sentence.article_id, sentence.index, sentence.start + cut, sentence.end,
                    sentence.text[cut:])


_PLACE_ANAPHORA = re.compile(
    r"\b(?:there|also|the (?:" + "|".join(DEFINITE_PLACES) + r")|(?:the|this) (?:"
    + "|".join(sorted(NOUN_ONLY_TRIGGERS)) + r")|(?:the|this|these) (?:drills?|exercises?|"
    r"war ?games?|manoeuvres?|maneuvers?))\b", re.I)


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the sentence-level finders give for one sentence."""

    sentence: Sentence
    places: tuple[Mention, ...]
    actors: tuple[Actor, ...]
    forces: tuple[Force, ...]
    parsed: Sentence  # what the parser reads: the sentence without its wire dateline
    read: str  # the sentence as read: a title-case headline in ordinary case

    def placed(self) -> bool:
        """Whether the sentence names a place or points back to one ("there", "the
        country", "the withdrawal")."""
        return bool(self.places) or _PLACE_ANAPHORA.search(self.sentence.text) is not None

    def parseable(self) -> bool:
        """Whether the sentence is worth parsing: it can hold a military event (a place and
        a military word or an armed group's name) and is no longer than a real sentence."""
        return self.placed() and len(self.sentence.text) <= MAX_PARSED_CHARS and (
            any(a.code in actor_rules.group_codes() for a in self.actors)
            or any(f.unit or f.count_text for f in self.forces)
            or bool(self.actors) and ACTOR_MOVE_WORDS.search(self.read) is not None
            or grammar_rules.MILITARY_WORDS.search(self.read) is not None
            or SHIP_NAME.search(self.sentence.text) is not None)

    def drafts(self, text: str, people: dict[str, str | None], doc: Any, actor_of: Any,
               earlier: Sequence[Mention] = ()) -> list[Draft]:
        """The sentence's event drafts: its military ones from the parse when the parse
        finds any (a misparse that finds none leaves the word-order rules' drafts)."""
        if not self.placed():
            return []
        drafts = find_drafts(text, self.sentence, self.places, self.forces, self.actors,
                             people)
        if doc is None:
            return drafts
        reader = grammar_rules.Reader(text, self.parsed, doc, self.places, self.forces,
                                      self.actors, actor_of, people, earlier)
        parsed = reader.drafts()
        drafts = [d for d in drafts if d.trigger_start not in reader.vetoed]  # the parse read
        # "will depart Nairobi" as setting out from home: the rules may not say otherwise
        if not any(context.placed(d) for d in parsed):  # the parse found no military frame with
            found = {(d.type, d.trigger_start) for d in drafts}  # a place: the rules' drafts
            return drafts + [d for d in parsed if (d.type, d.trigger_start) not in found]
        found = {(d.type, d.trigger_start) for d in parsed}  # an arms transfer the parse
        return [d for d in drafts if d.type not in _MILITARY  # read as well is told once
                and (d.type, d.trigger_start) not in found] + parsed


def _read_sentence(text: str, read: str, sentence: Sentence, mentions: Sequence[Mention],
                   gazetteer: Gazetteer, actor_of: Any) -> _Reading:
    """Places, actors and forces of one sentence (mentions sorted by start)."""
    lo = bisect.bisect_left(mentions, sentence.start, key=lambda m: m.start)
    hi = bisect.bisect_left(mentions, sentence.end, key=lambda m: m.start)
    places = tuple(mentions[lo:hi])
    actors = actor_rules.find_actors(text, sentence.start, sentence.end, places, gazetteer)
    forces = find_forces(sentence.text, sentence.start, actor_of)
    return _Reading(sentence, places, tuple(actors), tuple(forces), without_dateline(sentence),
                    read[sentence.start:sentence.end])


# A city whose name is also an English word is kept as a name in a title-case headline when
# it is at least this large ("Havana", "Nice", "Reading"; not "Send" or "Police").
NOTED_CITY = 100_000


def _names(gazetteer: Gazetteer, actor_of: Any) -> Any:
    """Whether capitalised words are a name all the same: an actor's ("Turkey", "Houthi"), a
    place of note (a city of ``NOTED_CITY`` people or more, a sea, a region...), or a
    place named by several words ("Sierra Leone")."""
    @functools.cache  # a headline's words are asked about more than once
    def is_name(words: str) -> bool:
        if actor_of(words) is not None:
            return True
        places = gazetteer.lookup(words, limit=5)
        if " " in words:  # "Sierra Leone", "Red Sea", "Cape Town"
            return bool(places)
        return any(p.kind not in ("city", "admin1", "admin2") or (p.population or 0) >=
                   NOTED_CITY for p in places)  # not "Region", a province somewhere
    return is_name


def _parse(readings: list[_Reading], read: str) -> dict[int, Any]:
    """Parsed docs of the given sentences as read (headlines in ordinary case), by
    sentence index."""
    if not readings:
        return {}
    docs = nlp.parse(read[r.parsed.start:r.parsed.end] for r in readings)
    return {r.sentence.index: doc for r, doc in zip(readings, docs, strict=True)}


_MILITARY = context.MILITARY


def _without_own_name(draft: Draft) -> Draft | None:
    """A draft without the places named inside its own force ("2,500 U.S. troops" is no
    presence in the United States, "troops from the DPRK" no withdrawal from it); None when
    that leaves a military event with no place."""
    force = draft.force
    if force is None or draft.type not in _MILITARY:
        return draft

    def inside(mention: Mention | None) -> bool:
        return mention is not None and force.start <= mention.start and mention.end <= force.end

    if inside(draft.destination) or inside(draft.location):
        return None
    if inside(draft.origin):
        if draft.type == "withdrawal":
            return None
        return replace(draft, origin=None)
    return draft


def _actor_lookup(gazetteer: Gazetteer):  # type: ignore[no-untyped-def]
    """A function from a word ("US", "Russian", "NATO") to an actor code."""
    alliances = {"NATO": "NATO", "EU": "EU", "UN": "UN", "AU": "AFRICAN_UNION", "U.N.": "UN",
                 "E.U.": "EU"}

    def actor_of(word: str) -> str | None:
        if is_proxy(word):
            return None  # "Iranian-backed", "pro-Russian": whom a force serves
        word = word.removesuffix("-led")  # "the U.S.-led coalition"
        if word in alliances:
            return alliances[word]
        if (group := actor_rules.group_code(word)) is not None:
            return group
        if not word[:1].isupper():
            return None
        return gazetteer.demonym(word) or gazetteer.country_code(word)

    return actor_of


def _events_from(article: Article, draft: Draft, sentence: Sentence,
                 dates: Sequence[TimeExpression], index: int) -> Event:
    """The event of a draft, with its id, date, geometry and summary."""
    when = _date_for(draft, dates, article.date)
    if draft.modality == "asserted" and article.date and when[0] and when[0] > article.date:
        draft = replace(draft, modality="planned")  # "visits Kyiv on Thursday"
    geometry = event_geometry(draft.origin, draft.destination, draft.location,
                              draft.extent, draft.border_side, draft.actor, draft.border_with)
    event = Event(
        id=f"{article.id}-e{index}", article_id=article.id, type=draft.type,
        modality=draft.modality, sentence=sentence, actor=draft.actor, force=draft.force,
        origin=draft.origin, destination=draft.destination, location=draft.location,
        extent=draft.extent, border_side=draft.border_side, border_with=draft.border_with,
        person=draft.person,
        date=when[0], date_end=when[1], date_text=when[2], geometry=geometry,
    )
    return replace(event, summary=summarize(event))


def _date_for(draft: Draft, dates: Sequence[TimeExpression], published: dt.date | None
              ) -> tuple[dt.date | None, dt.date | None, str | None]:
    """The date nearest the trigger in the sentence, else the story's date; a date said
    "until June 20" ends the event rather than starting it."""
    starts = [d for d in dates if d.date is not None and not d.until]
    ends = [d for d in dates if d.date is not None and d.until]
    end = ends[0].date if ends else None
    if starts:
        nearest = min(starts, key=lambda d: abs(d.start - draft.trigger_start))
        until = nearest.date_end or end
        return nearest.date, until if until is None or until >= nearest.date else None, \
            nearest.text  # an "until" before the start ends nothing
    if end is not None:
        return published if published and published <= end else None, end, ends[0].text
    return published, None, None
