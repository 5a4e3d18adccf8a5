"""The dashboard on large stores: first full render with 100, 1,000 and 5,000 stories.

The stories are the texts of the evaluation corpora (folder from EVAL_DIR, default
``../shared/eval`` next to the repository), read at benchmark time and never copied into the
repository; past their 817 stories the texts repeat with a numbered line added, so that each
copy is a new story. For each size: ingest into a fresh store with 2 workers, start the app on
it, and time a fresh browser page from navigation until the map shows its features; then read
the server's resident memory. Targets: <= 5 s at 5,000 stories, server <= 690 MB.
Run: ``python -m benchmarks.bench_scale`` (``SCALE_SIZES=100,1000`` to choose sizes).
Needs Chromium, Playwright and npm, like ``bench_app``.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_app import REPO, _load, rss_mb, seed_map

SIZES = tuple(int(n) for n in os.environ.get("SCALE_SIZES", "100,1000,5000").split(","))
LOADS = 3
# Ready: the map frame shows clickable features and their number has not changed for 0.5 s
# (place markers are clustered, so how many show depends on the view, not on the corpus).
_SETTLED = """([frame]) => {
  const doc = document.querySelector(frame)?.contentDocument;
  const n = doc ? doc.querySelectorAll('.leaflet-interactive').length : 0;
  const now = performance.now();
  if (n === 0 || n !== window.__tmCount) { window.__tmCount = n; window.__tmSince = now; }
  return n > 0 && now - window.__tmSince >= 500;
}"""


def time_load(browser, assets, url: str, harness) -> float:
    """Seconds from navigation until the map's features are drawn and settled."""
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    assets.install(page)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(_SETTLED, arg=[harness.MAP_FRAME], timeout=120_000, polling=100)
    elapsed = time.perf_counter() - start - 0.5  # the settling wait is not load time
    page.close()
    return elapsed


def eval_texts() -> list[str]:
    """The story texts of the evaluation corpora."""
    folder = Path(os.environ.get("EVAL_DIR") or REPO.parent / "shared" / "eval")
    texts = []
    for name in ("lgl.jsonl", "geovirus.jsonl"):
        path = folder / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").split("\n"):
                if line.strip():
                    texts.append(json.loads(line)["text"])
    return texts


def build_store(path: Path, texts: list[str], size: int) -> float:
    """Ingest ``size`` stories into a new store at ``path``; return the seconds it took."""
    from dashboard.ingest.read import read_text
    from dashboard.store.database import open_store

    articles = []
    for i in range(size):
        text = texts[i % len(texts)]
        if i >= len(texts):
            text = f"{text}\n\nCopy {i // len(texts)} of this story."
        articles.extend(read_text(text, name=f"story-{i}.txt"))
    store = open_store(path)
    started = time.perf_counter()
    store.add_articles(articles, workers=2)
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed


def measure(size: int, texts: list[str], folder: Path, harness, cdn) -> dict:
    """Ingest, serve and time one store size."""
    from playwright.sync_api import sync_playwright

    store = folder / f"store-{size}.gpkg"
    ingest = build_store(store, texts, size)
    features, html = seed_map(store)
    assets = cdn.Assets()
    assets.fetch(cdn.folium_urls(html))
    app, url = harness.start_streamlit(
        REPO / "dashboard" / "app.py", {"TROOPMAP_STORE": str(store)}, folder / f"{size}.log"
    )
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=harness.CHROMIUM, args=harness.CHROMIUM_ARGS
            )
            first = time_load(browser, assets, url, harness)
            again = [time_load(browser, assets, url, harness) for _ in range(LOADS)]
            browser.close()
        memory = rss_mb(app.pid)
    finally:
        app.terminate()
        app.wait(timeout=20)
    return {"size": size, "ingest": ingest, "features": features, "first": first,
            "again": statistics.median(again), "rss": memory}


def main() -> None:
    """Print the figures."""
    texts = eval_texts()
    if not texts:
        print("bench_scale: no evaluation corpora found (set EVAL_DIR); skipped")
        return
    cdn, harness = _load("cdn"), _load("harness")
    print(f"{'stories':>8} {'ingest s':>9} {'paths':>6} {'first load s':>13} "
          f"{'later loads s':>14} {'server MB':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            got = measure(size, texts, Path(tmp), harness, cdn)
            print(f"{got['size']:>8} {got['ingest']:>9.1f} {got['features']:>6} "
                  f"{got['first']:>13.2f} {got['again']:>14.2f} {got['rss']:>10.0f}")


if __name__ == "__main__":
    main()
