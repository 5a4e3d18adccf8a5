"""Dashboard speed in headless Chromium: map load against a trivial map, click to evidence, RSS.

Both pages run side by side in the same run: the dashboard on the seed corpus and a one-line,
one-marker streamlit-folium page, loaded in turns. Each is timed twice over:

- cold: the first page a freshly started server process sends (what a newcomer and every
  shared link after a restart see: imports, store open and layer building are all paid);
- warm: later pages of a server that has answered once.

Targets: cold dashboard load <= 1.3 x the cold trivial page, click to evidence <= 0.6 s
(median, in the page's own clock: from the click event in the map to the evidence painted;
the harness's own figure, which adds Playwright's round trips, is printed beside it),
server resident memory <= 400 MB.
Run: ``python -m benchmarks.bench_app`` (``BENCH_COLD``, ``BENCH_ROUNDS``, ``BENCH_CLICKS``
set how many of each). Needs Chromium, Playwright and npm (for the CDN files).
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BROWSER = REPO / "tests" / "browser"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
COLD = int(os.environ.get("BENCH_COLD", "3"))
CLICKS = int(os.environ.get("BENCH_CLICKS", "5"))
TRIVIAL = """
import folium
import streamlit as st
from streamlit_folium import st_folium

m = folium.Map(location=(50.0, 15.0), zoom_start=4)
folium.PolyLine([(50.0, 10.0), (45.0, 25.0)], tooltip="line").add_to(m)
folium.Marker((45.0, 25.0), tooltip="marker").add_to(m)
st_folium(m, height=600, use_container_width=True)
"""
_FEATURES = """([frame, n]) => {
  const doc = document.querySelector(frame)?.contentDocument;
  return !!doc && doc.querySelectorAll('.leaflet-interactive').length >= n
    && doc.querySelectorAll('.leaflet-marker-icon').length >= 1;
}"""


# The selections of the map labels that no other label covers (safe to click).
_UNCOVERED = """() => [...document.querySelectorAll('.tm-label')].filter(el => {
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit === el || el.contains(hit);
}).map(el => el.dataset.sel)"""


def _load(name: str):
    """A helper module of the browser tests, by file name."""
    spec = importlib.util.spec_from_file_location(name, BROWSER / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def seed_map(store_path: Path) -> tuple[int, str]:
    """The clickable paths the dashboard draws on the seed (default filters), and its page."""
    from dashboard.store.database import open_store
    from dashboard.view import drawing, filters, layers

    store = open_store(store_path)
    extractions = store.extractions()
    store.close()
    refs = filters.filter_events(extractions, filters.EventFilter())
    m = layers.build_map(refs, filters.tally_places(extractions))
    return drawing.drawn_paths([m]), m.get_root().render()


def time_load(browser, assets, url: str, features: int, harness) -> float:
    """Seconds from navigation until the map shows at least ``features`` clickable paths."""
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    assets.install(page)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(
        _FEATURES, arg=[harness.MAP_FRAME, features], timeout=120_000, polling="raf"
    )
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


# In the page's own clock: when the click reached the map, and when the evidence it asked for
# was in the page and painted (the next animation frame after it was inserted).
_CLICK_CLOCK = """() => { window.__tmClickAt = null; document.addEventListener('click',
  () => { window.__tmClickAt = window.__tmClickAt || Date.now(); },
  {capture: true, once: true}); }"""
_EVIDENCE_CLOCK = """(selection) => { window.__tmShownAt = null;
  const seen = () => document.querySelector(`.tm-ev[data-selection="${selection}"]`);
  const observer = new MutationObserver(() => { if (seen()) { observer.disconnect();
    requestAnimationFrame(() => { window.__tmShownAt = Date.now(); }); } });
  observer.observe(document.body, {subtree: true, childList: true}); }"""


def time_clicks(browser, assets, url: str, harness, clicks: int) -> tuple[list, list]:
    """Seconds from a click on a map label until its evidence is in the panel, cleared in
    between: in the page's own clock (click event to the evidence painted), and as the
    harness sees it (Playwright's click call to its wait returning, which adds its polling)."""
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    assets.install(page)
    page.goto(url)
    frame = harness.map_frame(page, timeout=120_000)
    harness.wait_idle(page, timeout=60_000)
    free = frame.locator("body").evaluate(_UNCOVERED)
    in_page, seen = [], []
    for i in range(clicks):
        selection = free[i % len(free)]
        frame.locator("body").evaluate(_CLICK_CLOCK)
        page.evaluate(_EVIDENCE_CLOCK, selection)
        start = time.perf_counter()
        frame.locator(f'.tm-label[data-sel="{selection}"]').click()
        page.locator(f'.tm-ev[data-selection="{selection}"]').wait_for(timeout=30_000)
        seen.append(time.perf_counter() - start)
        page.wait_for_function("() => window.__tmShownAt !== null", timeout=10_000)
        clicked = frame.locator("body").evaluate("() => window.__tmClickAt")
        in_page.append((page.evaluate("window.__tmShownAt") - clicked) / 1000)
        harness.wait_idle(page, timeout=60_000)
        page.get_by_role("button", name="All events").click()
        page.locator('[data-testid="stRadio"]').wait_for(timeout=30_000)
        harness.wait_idle(page, timeout=60_000)
    page.close()
    return in_page, seen


def rss_mb(pid: int, field: str = "VmRSS:") -> float:
    """Resident memory of a process and its children, in MB (Linux /proc); ``VmHWM:`` for
    the most each has held."""
    total = 0
    for proc in [pid, *_children(pid)]:
        status = Path(f"/proc/{proc}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith(field):
                    total += int(line.split()[1])
    return total / 1024


def _children(pid: int) -> list[int]:
    """Child process ids."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def write_trivial(folder: Path) -> Path:
    """The trivial one-map streamlit-folium page, written into ``folder``."""
    script = folder / "trivial.py"
    script.write_text(TRIVIAL, encoding="utf-8")
    return script


def cold_load(harness, load: Callable[[str], float], script: Path, env: dict,
              log: Path) -> float:
    """``load(url)`` timed on a freshly started server process (stopped afterwards)."""
    process, url = harness.start_streamlit(script, env, log)
    try:
        return load(url)
    finally:
        process.terminate()
        process.wait(timeout=20)


def measure_cold(harness, store: Path, trivial: Path, folder: Path,
                 load_ours: Callable[[str], float], load_floor: Callable[[str], float],
                 rounds: int = COLD) -> tuple[list[float], list[float]]:
    """Cold first loads of the trivial page and the dashboard, in turns, each on a new server."""
    ours, floor = [], []
    app_env = {"TROOPMAP_STORE": str(store)}
    for _ in range(rounds):
        floor.append(cold_load(harness, load_floor, trivial, {}, folder / "cold-trivial.log"))
        ours.append(cold_load(harness, load_ours, REPO / "dashboard" / "app.py", app_env,
                              folder / "cold-app.log"))
    return ours, floor


def measure(harness, cdn, folder: Path) -> dict:
    """Start the servers, measure in turns, stop the servers whatever happens."""
    from playwright.sync_api import sync_playwright

    store = folder / "store.gpkg"
    features, html = seed_map(store)  # also seeds the store before timing starts
    trivial_script = write_trivial(folder)
    assets = cdn.Assets()
    assets.fetch(cdn.folium_urls(html))
    servers = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=harness.CHROMIUM, args=harness.CHROMIUM_ARGS)
        cold_ours, cold_floor = measure_cold(
            harness, store, trivial_script, folder,
            lambda url: time_load(browser, assets, url, features, harness),
            lambda url: time_load(browser, assets, url, 1, harness),
        )
        try:
            app, app_url = harness.start_streamlit(
                REPO / "dashboard" / "app.py", {"TROOPMAP_STORE": str(store)}, folder / "app.log"
            )
            servers.append(app)
            trivial, trivial_url = harness.start_streamlit(
                trivial_script, {}, folder / "trivial.log"
            )
            servers.append(trivial)
            time_load(browser, assets, trivial_url, 1, harness)  # warm both servers once
            time_load(browser, assets, app_url, features, harness)
            ours, floor = [], []
            for _ in range(ROUNDS):
                floor.append(time_load(browser, assets, trivial_url, 1, harness))
                ours.append(time_load(browser, assets, app_url, features, harness))
            clicks, seen = (time_clicks(browser, assets, app_url, harness, CLICKS) if CLICKS
                            else ([0.0], [0.0]))
            memory = rss_mb(app.pid)
        finally:
            browser.close()
            for process in servers:
                process.terminate()
                process.wait(timeout=20)
    return {"features": features, "ours": ours, "floor": floor, "clicks": clicks, "rss": memory,
            "cold_ours": cold_ours, "cold_floor": cold_floor, "seen": seen}


def _line(label: str, times: list[float]) -> str:
    """A label, the median and every time of a series."""
    if not times:
        return f"{label:<31}(not measured)"
    shown = ", ".join(f"{t:.2f}" for t in times)
    return f"{label:<31}median {statistics.median(times):.2f} s  ({shown})"


def _ratio(ours: list[float], floor: list[float]) -> float:
    """Median over median; NaN when a series is empty."""
    if not ours or not floor:
        return float("nan")
    return statistics.median(ours) / statistics.median(floor)


def main() -> None:
    """Print the figures."""
    cdn, harness = _load("cdn"), _load("harness")
    with tempfile.TemporaryDirectory() as tmp:
        got = measure(harness, cdn, Path(tmp))
    clicks = got["clicks"]
    print(f"clickable paths on the seed map: {got['features']}")
    print(_line("cold trivial page:", got["cold_floor"]))
    print(_line("cold dashboard on the seed:", got["cold_ours"]))
    cold = _ratio(got["cold_ours"], got["cold_floor"])
    print(f"{'ratio cold dashboard / trivial:':<31}{cold:.2f} (target <= 1.3)")
    print(_line("warm trivial page:", got["floor"]))
    print(_line("warm dashboard on the seed:", got["ours"]))
    print(f"{'ratio warm dashboard / trivial:':<31}{_ratio(got['ours'], got['floor']):.2f}")
    print(
        f"{'click to evidence, in page:':<31}median {statistics.median(clicks):.2f} s, "
        f"max {max(clicks):.2f} s (target median <= 0.6 s)"
    )
    seen = got["seen"]
    print(
        f"{'click to evidence, harness:':<31}median {statistics.median(seen):.2f} s, "
        f"max {max(seen):.2f} s (Playwright's click and wait included)"
    )
    print(f"{'server resident memory:':<31}{got['rss']:.0f} MB (target <= 400 MB)")


if __name__ == "__main__":
    main()
