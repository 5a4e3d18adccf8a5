"""Small hand-built extractions for the dashboard tests (map, panel, filters, app)."""

from __future__ import annotations

import datetime as dt

from shapely.geometry import LineString, Point, box

from dashboard.records import Article, Event, Extraction, Force, Mention, Place, Sentence

PARIS = Place("t:paris", "Paris", "city", 48.86, 2.35, "FR", population=2_100_000)
TALLINN = Place("t:tallinn", "Tallinn", "city", 59.44, 24.75, "EE", population=430_000)
ESTONIA = Place("cc:EE", "Estonia", "country", 58.6, 25.0, "EE")
LATVIA = Place("cc:LV", "Latvia", "country", 56.9, 24.6, "LV")
OSLO = Place("t:oslo", "Oslo", "city", 59.91, 10.75, "NO", population=700_000)

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'


def _sentences(article_id: str, text: str) -> tuple[Sentence, ...]:
    """Split on ". " for these fixed texts."""
    out, start = [], 0
    for index, part in enumerate(text.split(". ")):
        end = start + len(part) + (0 if start + len(part) >= len(text) else 1)
        out.append(Sentence(article_id, index, start, end, text[start:end]))
        start = start + len(part) + 2
    return tuple(out)


def _mention(article: Article, words: str, place: Place, nth: int = 0) -> Mention:
    """The nth occurrence of words in the article, resolved to place."""
    at = -1
    for _ in range(nth + 1):
        at = article.text.index(words, at + 1)
    return Mention(article.id, at, at + len(words), words, place)


def _force(article: Article, words: str, **values) -> Force:
    """A force span over the first occurrence of words."""
    at = article.text.index(words)
    return Force(at, at + len(words), words, **values)


def story_one() -> Extraction:
    """France moves 1,200 soldiers to Tallinn; a presence in Latvia; a negated move to Oslo."""
    text = (
        "France sent 1,200 soldiers of the 7th Alpine Brigade from Paris to Tallinn on Monday. "
        "Officials in Tallinn welcomed them. "
        "About 5,000 troops are stationed in Latvia. "
        "France did not send troops to Oslo."
    )
    art = Article("a1", text, "Troops reach Tallinn", dt.date(2023, 5, 8), "Wire", None, "a1.txt")
    sents = _sentences("a1", text)
    paris, tallinn = _mention(art, "Paris", PARIS), _mention(art, "Tallinn", TALLINN)
    tallinn2 = _mention(art, "Tallinn", TALLINN, 1)
    latvia, oslo = _mention(art, "Latvia", LATVIA), _mention(art, "Oslo", OSLO)
    force = _force(
        art,
        "1,200 soldiers of the 7th Alpine Brigade",
        count=1200,
        count_text="1,200",
        personnel="soldiers",
        unit="7th Alpine Brigade",
        actor="FR",
    )
    force2 = _force(
        art, "About 5,000 troops", count=5000, count_text="About 5,000", personnel="troops"
    )
    move = Event(
        "e1",
        "a1",
        "deployment",
        "asserted",
        sents[0],
        actor="FR",
        force=force,
        origin=paris,
        destination=tallinn,
        date=dt.date(2023, 5, 8),
        geometry=LineString([(2.35, 48.86), (24.75, 59.44)]),
    )
    presence = Event(
        "e2",
        "a1",
        "presence",
        "asserted",
        sents[2],
        actor="US",
        force=force2,
        location=latvia,
        extent="area",
        geometry=box(21.0, 55.7, 28.2, 58.0),
    )
    negated = Event(
        "e3",
        "a1",
        "deployment",
        "negated",
        sents[3],
        actor="FR",
        destination=oslo,
        geometry=Point(10.75, 59.91),
    )
    return Extraction(
        art,
        sents,
        (paris, tallinn, tallinn2, latvia, oslo),
        (),
        (force, force2),
        (move, presence, negated),
    )


def story_hostile() -> Extraction:
    """A story whose title, text and URL try to run script; one diplomatic visit."""
    text = f"The minister {HOSTILE} flew from Oslo to Tallinn on Friday. Talks went on."
    art = Article(
        "a2",
        text,
        f"Visit {HOSTILE}",
        dt.date(2023, 5, 12),
        "Blog <b>x</b>",
        "javascript:window.__pwned=1",
        "a2.html",
    )
    sents = _sentences("a2", text)
    oslo, tallinn = _mention(art, "Oslo", OSLO), _mention(art, "Tallinn", TALLINN)
    visit = Event(
        "e4",
        "a2",
        "diplomatic_visit",
        "asserted",
        sents[0],
        actor="NO",
        person=f"minister {HOSTILE}",
        origin=oslo,
        destination=tallinn,
        date=dt.date(2023, 5, 12),
    )
    return Extraction(art, sents, (oslo, tallinn), (), (), (visit,))


def sample() -> list[Extraction]:
    """Both stories."""
    return [story_one(), story_hostile()]
