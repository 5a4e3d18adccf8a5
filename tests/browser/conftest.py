"""A real Streamlit server and headless Chromium for the browser tests.

The server runs ``dashboard/app.py`` on a free port against a fresh store (seeded with the
default corpus); the page answers folium's CDN requests from npm packages (see ``cdn.py``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cdn import AssetError, Assets, folium_urls  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("TROOPMAP_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def pytest_collection_modifyitems(items) -> None:
    """Every test in this folder is a browser test."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until Streamlit answers its health check (or fail with its output)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer {url}/_stcore/health within {timeout} s")


def start_streamlit(script: Path, env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run script`` headless on a free local port; return it and its URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    stream = log.open("w")
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **env}, stdout=stream, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
    except RuntimeError:
        process.kill()
        raise
    return process, url


@pytest.fixture(scope="session")
def assets() -> Assets:
    """folium's CDN files, unpacked from npm into tests/.cache (skip when npm cannot)."""
    from dashboard.filters import all_events, tally_places
    from dashboard.layers import build_map

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
    page.route("**/*", assets.route)
    yield page
    context.close()
    assert assets.offline == [], f"requests that need the internet: {assets.offline}"


def map_frame(page, timeout: float = 60_000):
    """The map's frame, once Leaflet has drawn its features."""
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-interactive").first.wait_for(state="visible", timeout=timeout)
    return frame


def screenshot(page, name: str) -> Path:
    """Save a screenshot under tests/artifacts/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
