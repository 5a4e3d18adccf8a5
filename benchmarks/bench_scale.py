"""The dashboard on large stores, against a trivial streamlit-folium page in the same run.

Two corpora, each ingested into a fresh store with 2 workers:

- ``template``: short wire stories of three sentences (a deployment, an arrival, an exercise)
  written from a table of actors, places, counts and dates, about three events each, like the
  5,488-story file that once took minutes to show (6,000 stories give about 18,000 events);
- ``eval``: the texts of the evaluation corpora (folder from EVAL_DIR, default
  ``../shared/eval``), read at benchmark time and never copied into the repository; past their
  817 stories the texts repeat with a numbered line added, so that each copy is a new story.

For each: the first map of a freshly started server against the trivial page of
``bench_app``, also on a fresh server, loaded in turns (``SCALE_COLD`` rounds); a page is
ready when its map shows clickable features whose number has not changed for 0.5 s (place
markers are clustered, so how many show depends on the view). Then, on one server, click to
evidence (``SCALE_CLICKS`` clicks on map labels, as ``bench_app`` times them) and the server's
memory: resident at the end and the most it held.
Targets: first map <= 2.0 x the trivial page, click to evidence <= 1 s, server <= 690 MB.
Run: ``python -m benchmarks.bench_scale`` (``SCALE_CORPORA=template:6000,eval:5000`` to
choose corpora and sizes). Needs Chromium, Playwright and npm, like ``bench_app``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path

from benchmarks.bench_app import (
    REPO,
    _load,
    measure_cold,
    rss_mb,
    seed_map,
    time_clicks,
    write_trivial,
)
from benchmarks.corpora import eval_dir, eval_records

CORPORA = tuple(os.environ.get("SCALE_CORPORA", "template:6000,eval:5000").split(","))
COLD = int(os.environ.get("SCALE_COLD", "2"))
CLICKS = int(os.environ.get("SCALE_CLICKS", "5"))
# Ready: the map frame shows clickable features and their number has not changed for 0.5 s.
_SETTLED = """([frame]) => {
  const doc = document.querySelector(frame)?.contentDocument;
  const n = doc ? doc.querySelectorAll('.leaflet-interactive').length : 0;
  const now = performance.now();
  if (n === 0 || n !== window.__tmCount) { window.__tmCount = n; window.__tmSince = now; }
  return n > 0 && now - window.__tmSince >= 500;
}"""
_ACTORS = (("The United States", "American"), ("Russia", "Russian"), ("Germany", "German"),
           ("France", "French"), ("Britain", "British"), ("Turkey", "Turkish"),
           ("China", "Chinese"), ("India", "Indian"), ("Poland", "Polish"))
_PLACES = ("Poland Romania Lithuania Estonia Latvia Ukraine Syria Iraq Mali Niger Chad Kosovo "
           "Cyprus Jordan Qatar Japan Taiwan Bulgaria Hungary Slovakia Finland Norway Georgia "
           "Armenia Belarus Kenya Somalia Libya Egypt Sudan").split()


def time_load(browser, assets, url: str, harness) -> float:
    """Seconds from navigation until the map's features are drawn and settled."""
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    assets.install(page)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(_SETTLED, arg=[harness.MAP_FRAME], timeout=300_000, polling=100)
    elapsed = time.perf_counter() - start - 0.5  # the settling wait is not load time
    page.close()
    return elapsed


def template_texts(size: int, seed: int = 12) -> list[str]:
    """``size`` short wire stories of about three events each, the same for the same seed."""
    rng = random.Random(seed)
    texts = []
    for _ in range(size):
        (actor, demonym), (sent, arrived, drilled) = rng.choice(_ACTORS), rng.sample(_PLACES, 3)
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(365))
        count, more = rng.choice((500, 1000, 2000, 3000, 5000)), rng.choice((200, 400, 800))
        texts.append(
            f"{day:%B} {day.day}, {day.year} - {actor} will send {count:,} troops to {sent}, "
            f"officials said on {day:%A}. About {more:,} {demonym} soldiers arrived in "
            f"{arrived} last week. {demonym} forces held exercises near the border of {drilled}.")
    return texts


def eval_texts(size: int) -> list[str]:
    """``size`` stories of the evaluation corpora, repeated with a numbered line as needed."""
    stories = [record["text"] for _, record in eval_records(eval_dir())]
    if not stories:
        return []
    texts = []
    for i in range(size):
        text = stories[i % len(stories)]
        if i >= len(stories):
            text = f"{text}\n\nCopy {i // len(stories)} of this story."
        texts.append(text)
    return texts


def build_store(path: Path, texts: list[str]) -> tuple[float, int]:
    """Ingest the stories into a new store at ``path``: seconds it took, events stored."""
    from dashboard.ingest.read import read_text
    from dashboard.store.database import open_store

    articles = [a for i, text in enumerate(texts) for a in read_text(text, name=f"s{i}.txt")]
    store = open_store(path)
    started = time.perf_counter()
    store.add_articles(articles, workers=2)
    elapsed = time.perf_counter() - started
    store.close()
    with closing(sqlite3.connect(path)) as conn:
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    return elapsed, events


def _clicks(browser, assets, url: str, harness) -> list[float]:
    """Click-to-evidence times; none when a click's evidence did not come in time."""
    from playwright.sync_api import Error

    try:
        return time_clicks(browser, assets, url, harness, CLICKS)[0]
    except Error as error:  # a click too slow to time is a figure too
        print(f"click to evidence: {str(error).splitlines()[0]}", flush=True)
        return []


def measure(texts: list[str], folder: Path, harness, cdn) -> dict:
    """Ingest, then time cold loads against the trivial page, clicks and memory."""
    from playwright.sync_api import sync_playwright

    store = folder / "store.gpkg"
    ingest, events = build_store(store, texts)
    _, html = seed_map(store)
    assets = cdn.Assets()
    assets.fetch(cdn.folium_urls(html))
    trivial = write_trivial(folder)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=harness.CHROMIUM, args=harness.CHROMIUM_ARGS)

        def load(url: str) -> float:
            return time_load(browser, assets, url, harness)

        try:
            ours, floor = measure_cold(harness, store, trivial, folder, load, load, COLD)
            print(f"{len(texts)} stories, {events} events, ingest {ingest:.1f} s; first map: "
                  f"trivial {_times(floor)}, dashboard {_times(ours)}", flush=True)
            app, url = harness.start_streamlit(
                REPO / "dashboard" / "app.py", {"TROOPMAP_STORE": str(store)},
                folder / "app.log")
            try:
                clicks = _clicks(browser, assets, url, harness)
                memory, peak = rss_mb(app.pid), rss_mb(app.pid, "VmHWM:")
            finally:
                app.terminate()
                app.wait(timeout=20)
        finally:
            browser.close()
    return {"stories": len(texts), "events": events, "ingest": ingest, "ours": ours,
            "floor": floor, "clicks": clicks, "rss": memory, "peak": peak}


def _times(times: list[float]) -> str:
    """Seconds, comma-separated."""
    return ", ".join(f"{t:.2f}" for t in times) or "none"


def main() -> None:
    """Print the figures."""
    cdn, harness = _load("cdn"), _load("harness")
    rows = []
    for spec in CORPORA:
        name, _, size = spec.partition(":")
        texts = template_texts(int(size)) if name == "template" else eval_texts(int(size))
        if not texts:
            print(f"{name}: no stories (set EVAL_DIR for the evaluation corpora); skipped")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            rows.append((name, measure(texts, Path(tmp), harness, cdn)))
    print(f"{'corpus':>9} {'stories':>8} {'events':>7} {'ingest s':>9} {'trivial s':>10} "
          f"{'first map s':>12} {'ratio':>6} {'click s':>8} {'click max':>10} "
          f"{'server MB':>10} {'peak MB':>8}")
    for name, got in rows:
        floor, ours = statistics.median(got["floor"]), statistics.median(got["ours"])
        clicks = got["clicks"] or [float("nan")]
        print(f"{name:>9} {got['stories']:>8} {got['events']:>7} {got['ingest']:>9.1f} "
              f"{floor:>10.2f} {ours:>12.2f} {ours / floor:>6.2f} "
              f"{statistics.median(clicks):>8.2f} {max(clicks):>10.2f} "
              f"{got['rss']:>10.0f} {got['peak']:>8.0f}")
    print("targets: ratio <= 2.0, click (median, page's own clock) <= 1 s, server <= 690 MB")


if __name__ == "__main__":
    main()
