"""A real Streamlit server and headless Chromium for the browser tests.

The server runs ``dashboard/app.py`` on a free port against a fresh store (seeded with the
default corpus); the page answers folium's CDN requests from npm packages (see ``cdn.py``).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cdn import AssetError, Assets, folium_urls  # noqa: E402
from harness import CHROMIUM, CHROMIUM_ARGS, ROOT, start_streamlit  # noqa: E402


def pytest_collection_modifyitems(items) -> None:
    """Every test in this folder is a browser test."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def assets() -> Assets:
    """folium's CDN files, unpacked from npm into tests/.cache (skip when npm cannot)."""
    from dashboard.view.filters import all_events, tally_places
    from dashboard.view.layers import build_map

    sys.path.insert(0, str(ROOT / "tests"))
    from app_records import sample

    html = build_map(all_events(sample()), tally_places(sample()), cluster_over=0)
    found = Assets()
    try:
        found.fetch(folium_urls(html.get_root().render()))
    except AssetError as error:
        pytest.skip(f"cannot serve folium's scripts locally: {error}")
    return found


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The dashboard on a fresh store, seeded with the default corpus."""
    folder = tmp_path_factory.mktemp("app")
    process, url = start_streamlit(
        ROOT / "dashboard" / "app.py",
        {"TROOPMAP_STORE": str(folder / "store.gpkg")},
        folder / "streamlit.log",
    )
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by Playwright."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is None:
        pytest.skip(f"no Chromium at {CHROMIUM} (set TROOPMAP_CHROMIUM)")
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, assets):
    """A fresh page whose CDN requests are served locally; fails on any other outside request."""
    context = browser.new_context(viewport={"width": 1500, "height": 950})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    assets.offline.clear()
    assets.install(page)
    yield page
    context.close()
    assert assets.offline == [], f"requests that need the internet: {assets.offline}"
