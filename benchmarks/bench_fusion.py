"""Fusion: how many events of real text fuse into how many movements, and how fast.

Extracts the events of the evaluation corpora (``lgl.jsonl`` and ``geovirus.jsonl`` in
EVAL_DIR, default ``../shared/eval`` next to the repository; read at run time, never copied)
and of the seed corpus, fuses them, and prints events -> movements, the largest movements and
a fixed random sample of 20 multi-report movements with their sentences, so that a person can
check that no movement merges different actors or destinations. When the texts of the
real-news set are there (``benchmarks/news/texts``, see ``benchmarks/news/README.md``; another
folder with NEWS_TEXTS), the same figures follow with them added: the evaluation corpora are
local and health news with few force movements, the news set is about nothing else. Then times
fusing a synthetic list of 18,000 events (the 6,000-story upload of issue 12) and adding one
story to it. Run: ``python -m benchmarks.bench_fusion``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time
from collections import Counter
from pathlib import Path

from benchmarks.corpora import CORPORA, REPO, eval_dir, eval_records
from dashboard.records import Article, Event, Extraction, Force, Mention, Place, Sentence

SAMPLE = 20
SYNTHETIC_EVENTS = 18_000


def load_articles(folder: Path) -> list[Article]:
    """The seed stories and every story of the evaluation corpora found in ``folder``."""
    from dashboard.ingest import read_path, seed_dir

    articles = [a for path in sorted(seed_dir().glob("*.txt")) for a in read_path(path)]
    for name, record in eval_records(folder):
        story = f"{Path(name).stem}-{record['id']}"
        articles.append(Article(story, record["text"], title=story))
    return articles


def news_dir() -> Path:
    """The folder of real-news story texts (``<id>.txt``), if any."""
    return Path(os.environ.get("NEWS_TEXTS") or REPO / "benchmarks" / "news" / "texts")


def load_news(folder: Path) -> list[Article]:
    """The real-news stories, dated from ``facts.jsonl`` beside their folder when it has them."""
    from dashboard.ingest import read_text

    facts = folder.parent / "facts.jsonl"
    published = {}
    if facts.exists():
        for line in facts.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                published[record["id"]] = record.get("published")
    articles = []
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        articles += read_text(text, name=path.name, date=published.get(path.stem))
    return articles


def _places(event: Event) -> str:
    """Origin, destination and location with their gazetteer ids."""
    def one(mention: Mention | None) -> str:
        if mention is None:
            return "-"
        return f"{mention.text}[{mention.place.id if mention.place else 'unresolved'}]"
    return f"from {one(event.origin)} to {one(event.destination)} at {one(event.location)}"


def print_sample(movements: list, count: int = SAMPLE) -> None:
    """A fixed random sample of multi-report movements, each with its reports' sentences."""
    from dashboard.view.fusion import label

    multi = [m for m in movements if m.reports > 1]
    for movement in random.Random(12).sample(multi, min(count, len(multi))):
        print(f"\n* {label(movement)}  [{movement.id}]")
        print(f"  actor={movement.actor} persons={movement.persons} type={movement.type} "
              f"modalities={movement.modalities} counts={movement.counts} "
              f"dates={movement.first_date}..{movement.last_date} "
              f"stories={movement.stories} undated={movement.undated} "
              f"disagreements={dict(movement.disagreements)}")
        for event in movement.events[:5]:
            sentence = " ".join(event.sentence.text.split())
            print(f"  - {event.id} {event.actor}/{event.person} {_places(event)}: "
                  f"{sentence[:220]}")
        if movement.reports > 5:
            print(f"  ... and {movement.reports - 5} more reports")


def real_corpora(extractions: list[Extraction]) -> None:
    """Events -> movements on the extracted corpora, the largest movements and the sample."""
    from dashboard.view.fusion import fuse_extractions, label

    events = sum(len(ex.events) for ex in extractions)
    started = time.perf_counter()
    movements = fuse_extractions(extractions)
    took = time.perf_counter() - started
    multi = [m for m in movements if m.reports > 1]
    print(f"{events} events -> {len(movements)} movements in {took * 1000:.1f} ms; "
          f"{len(multi)} movements hold {sum(m.reports for m in multi)} events (2+ reports); "
          f"{sum(1 for m in multi if m.stories > 1)} of them span 2+ stories")
    print("movements by type:", dict(Counter(m.type for m in movements).most_common()))
    print("largest movements:")
    for movement in movements[:10]:
        print(f"  {movement.reports:3d} reports, {movement.stories:3d} stories: {label(movement)}"
              f"  disagreements={dict(movement.disagreements)}")
    print_sample(movements)


def synthetic_events(n: int, seed: int = 7) -> tuple[list[Event], dict[str, dt.date]]:
    """``n`` events in stories of three, over 300 places, 40 actors and half a year; as in
    the news, a few actors and places come up far more often than the rest."""
    rng = random.Random(seed)
    zipf = [1 / (rank + 1) for rank in range(300)]
    places = [Place(f"syn:{i}", f"Place {i}", "city", rng.uniform(-60, 70),
                    rng.uniform(-180, 180), f"C{i % 90}") for i in range(300)]
    actors = [f"A{i}" for i in range(40)]
    types = ("deployment", "presence", "withdrawal", "exercise", "diplomatic_visit")
    start = dt.date(2022, 1, 1)
    events, story_dates = [], {}
    for index in range(n):
        story = f"s{index // 3}"
        day = start + dt.timedelta(days=rng.randrange(180))
        story_dates.setdefault(story, day)
        kind = rng.choice(types)
        place = Mention(story, 0, 5, "Place", rng.choices(places, zipf)[0])
        moved = kind in ("deployment", "withdrawal", "diplomatic_visit")
        count = rng.choice((None, 1000, 2000, 3000, 20000))
        events.append(Event(
            f"{story}-e{index % 3}", story, kind,
            rng.choices(("asserted", "planned", "negated"), (8, 3, 1))[0],
            Sentence(story, 0, 0, 10, "A sentence."), actor=rng.choices(actors, zipf[:40])[0],
            force=Force(0, 5, "troops", count=count) if count else None,
            destination=place if moved else None, location=None if moved else place,
            date=rng.choice((day, day, None)),
        ))
    return events, story_dates


def synthetic() -> None:
    """Time fusing the synthetic list at once, and adding one story to a full Fuser."""
    from dashboard.view.fusion import Fuser, fuse

    events, story_dates = synthetic_events(SYNTHETIC_EVENTS)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        movements = fuse(events, story_dates=story_dates)
        timings.append(time.perf_counter() - started)
    print(f"synthetic: {len(events)} events -> {len(movements)} movements, fuse in "
          f"{min(timings):.2f} s (best of 3; {max(timings):.2f} s worst)")
    for n in (SYNTHETIC_EVENTS // 10, SYNTHETIC_EVENTS * 10):  # O(n log n): about 10x each
        more, dates = synthetic_events(n)
        started = time.perf_counter()
        fuse(more, story_dates=dates)
        print(f"synthetic: {n} events fuse in {time.perf_counter() - started:.2f} s")
    fuser = Fuser()
    fuser.add(events[:-3], story_dates)
    started = time.perf_counter()
    fuser.add(events[-3:], story_dates)
    print(f"synthetic: adding one 3-event story to a Fuser of {len(events) - 3} events: "
          f"{(time.perf_counter() - started) * 1000:.2f} ms")


def main() -> None:
    """Print events -> movements on real text, a sample to check by hand, and timings."""
    try:
        from dashboard.extract import extract_article
        from geodata import load_gazetteer
    except ImportError as error:
        print(f"bench_fusion: the pipeline cannot be imported ({error}); synthetic only")
        synthetic()
        return
    folder = eval_dir()
    articles = load_articles(folder)
    if len(articles) <= 2:
        print(f"bench_fusion: no evaluation corpora in {folder} (set EVAL_DIR); seed only")
    gazetteer = load_gazetteer()
    started = time.perf_counter()
    extractions = [extract_article(article, gazetteer) for article in articles]
    print(f"extracted {len(articles)} stories (seed + {', '.join(CORPORA)}) in "
          f"{time.perf_counter() - started:.1f} s")
    real_corpora(extractions)
    news = load_news(news_dir())
    if news:
        print(f"\n-- with the {len(news)} stories of the real-news set ({news_dir()}) added")
        real_corpora(extractions + [extract_article(article, gazetteer) for article in news])
    print()
    synthetic()


if __name__ == "__main__":
    main()
