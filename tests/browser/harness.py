"""Start the dashboard (or any Streamlit script) on a free port and open it in Chromium.

Shared by the browser tests and ``benchmarks/bench_app.py``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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


def map_frame(page, timeout: float = 60_000, attempts: int = 5):
    """The map's frame, once Leaflet has drawn its features."""
    from playwright.sync_api import Error

    # While a redrawn map replaces the old one, both frames are briefly in the page: wait
    # for one, and look again if a second one came in between.
    for attempt in range(attempts):
        page.wait_for_function(
            f"document.querySelectorAll('{MAP_FRAME}').length === 1", timeout=timeout
        )
        frame = page.frame_locator(MAP_FRAME)
        try:
            # any drawn feature: the first in the page may lie outside a zoomed-in view,
            # where Leaflet clips it to nothing
            frame.locator(".leaflet-interactive >> visible=true").first.wait_for(
                state="visible", timeout=timeout)
            return frame
        except Error as error:
            if "strict mode violation" not in str(error) or attempt == attempts - 1:
                raise
            page.wait_for_timeout(200)
    raise AssertionError("unreachable")


def wait_idle(page, timeout: float = 15_000) -> None:
    """Wait until Streamlit has finished running the script (its status widget is gone)."""
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=timeout)


def screenshot(page, name: str) -> Path:
    """Save a screenshot under tests/artifacts/, once the app is idle."""
    wait_idle(page)
    page.wait_for_timeout(300)  # let the map finish its last pan
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
