"""From an article to its extraction: sentences, toponyms, actors, forces, events, geometry."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from dashboard.describe import summarize
from dashboard.extract import actors as actor_rules
from dashboard.extract.dates import TimeExpression, find_dates
from dashboard.extract.events import Draft, find_drafts
from dashboard.extract.forces import find_forces
from dashboard.extract.geocode import event_geometry
from dashboard.extract.resolve import resolve
from dashboard.extract.sentences import split_sentences
from dashboard.extract.toponyms import find_candidates
from dashboard.records import Actor, Article, Event, Extraction, Force, Mention, Sentence
from geodata.gazetteer import Gazetteer

# Bump when extraction output changes, so that stores re-extract their stories.
EXTRACTOR_VERSION = "0.1.0"

MAX_TEXT_CHARS = 2_000_000


def predict_toponyms(text: str, gazetteer: Gazetteer, home: str | None = None
                     ) -> list[Mention]:
    """Every toponym in ``text``, resolved where the gazetteer allows."""
    text = text[:MAX_TEXT_CHARS]
    candidates = find_candidates(text, gazetteer)
    places = resolve(candidates, gazetteer, home=home)
    mentions = [Mention("", c.start, c.end, c.text, p) for c, p in
                zip(candidates, places, strict=True)]
    return [
        Mention(m.article_id, m.start, m.end, m.text, m.place, _role(text, m, c.demonym))
        for m, c in zip(mentions, candidates, strict=True)
    ]


def _role(text: str, mention: Mention, demonym: str | None) -> Literal["place", "actor",
                                                                        "demonym"]:
    """Whether a toponym names a place, stands for a government, or is a demonym."""
    if demonym:
        return "demonym"
    return "actor" if actor_rules.is_metonymic(text, mention) else "place"


def extract_article(article: Article, gazetteer: Gazetteer) -> Extraction:
    """Extract sentences, place mentions, actors, forces and events from one article."""
    text = article.text[:MAX_TEXT_CHARS]
    sentences = split_sentences(text, article.id)
    mentions = tuple(
        Mention(article.id, m.start, m.end, m.text, m.place, m.role)
        for m in predict_toponyms(text, gazetteer)
    )
    people = actor_rules.find_people(text, gazetteer)
    actor_of = _actor_lookup(gazetteer)
    all_actors: list[Actor] = []
    all_forces: list[Force] = []
    events: list[Event] = []
    for sentence in sentences:
        in_sentence = [m for m in mentions if sentence.start <= m.start < sentence.end]
        actors = actor_rules.find_actors(text, sentence.start, sentence.end, in_sentence,
                                         gazetteer)
        forces = find_forces(sentence.text, sentence.start, actor_of)
        all_actors.extend(actors)
        all_forces.extend(forces)
        drafts = find_drafts(text, sentence, in_sentence, forces, actors,
                             people) if in_sentence else []
        dates = find_dates(sentence.text, sentence.start, article.date)
        for draft in drafts:
            draft = _with_context_actor(text, sentence, draft, events)
            events.append(_events_from(article, draft, sentence, dates, len(events) + 1))
    return Extraction(article, sentences, mentions, tuple(all_actors), tuple(all_forces),
                      tuple(events))


_HOME_FORCES = re.compile(r"\b(?:the|its|their|government|national|regular)\s+(?:army|military|"
                          r"armed forces|troops|forces|units|soldiers|garrison|navy|air force)\b"
                          r"|\bgovernment (?:troops|forces|soldiers)\b", re.I)
_MILITARY = ("deployment", "presence", "withdrawal", "exercise")


def _with_context_actor(text: str, sentence: Sentence, draft: Draft, earlier: list[Event]
                        ) -> Draft:
    """Fill a missing actor from the story: "the army ... pulled out of Wad Madani" is the
    army of the country it happens in; "a final contingent of 150 soldiers flew out" belongs
    to whoever the previous military event of the last two sentences was about."""
    if draft.actor is not None or draft.type not in _MILITARY:
        return draft
    clause = text[sentence.start:draft.trigger_end]
    place = draft.origin or draft.location or draft.destination
    if _HOME_FORCES.search(clause) and place is not None and place.place is not None \
            and place.place.country:
        return replace(draft, actor=place.place.country)
    for event in reversed(earlier):
        if event.sentence.index < sentence.index - 2:
            break
        if event.type in _MILITARY and event.actor and event.modality == "asserted":
            return replace(draft, actor=event.actor)
    return draft


def _actor_lookup(gazetteer: Gazetteer):  # type: ignore[no-untyped-def]
    """A function from a word ("US", "Russian", "NATO") to an actor code."""
    alliances = {"NATO": "NATO", "EU": "EU", "UN": "UN"}

    def actor_of(word: str) -> str | None:
        word = word.removesuffix("-led").removesuffix("-backed")  # "the U.S.-led coalition"
        if word in alliances:
            return alliances[word]
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
        return nearest.date, nearest.date_end or end, nearest.text
    if end is not None:
        return published if published and published <= end else None, end, ends[0].text
    return published, None, None
