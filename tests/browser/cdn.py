"""Serve the scripts and styles folium links from public CDNs out of npm packages.

Browser tests run where no CDN answers, so every CDN address folium uses is mapped to a file
of an npm package, fetched once with ``npm pack`` into a cache folder. Tile requests are
aborted; any other request that leaves the machine is recorded so a test can fail on it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "npm"

# cdnjs names a few libraries by versions that npm does not have; these are the nearest.
NPM_VERSION = {("leaflet.awesome-markers", "2.0.2"): "2.0.4"}
# Stylesheets folium links that exist on no npm registry; they only add icon glyphs and
# rotation rules, so an empty stylesheet keeps the page whole.
EMPTY_CSS = (
    "netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
    "cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate",
)
TILE_HOSTS = re.compile(r"(^|\.)(tile\.openstreetmap\.org|basemaps\.cartocdn\.com|arcgisonline)")
TYPES = {
    ".js": "application/javascript",
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}


class AssetError(RuntimeError):
    """npm is missing or could not fetch a package."""


def npm_location(url: str) -> tuple[str, str, list[str]] | None:
    """(package, version, candidate paths inside it) for a CDN address, else None."""
    parts = urlsplit(url)
    path = parts.path
    if parts.netloc == "cdn.jsdelivr.net" and path.startswith("/npm/"):
        match = re.match(r"^/npm/((?:@[^/]+/)?[^@/]+)@([^/]+)/(.+)$", path)
        if match:
            name, version, file = match.groups()
            return name, version, _candidates(file)
    if parts.netloc == "cdnjs.cloudflare.com" and path.startswith("/ajax/libs/"):
        name, version, file = path[len("/ajax/libs/") :].split("/", 2)
        name = name.lower()  # npm names are lower case; cdnjs keeps the project spelling
        version = NPM_VERSION.get((name, version), version)
        return name, version, [p for f in _candidates(file) for p in (f"dist/{f}", f)]
    if parts.netloc == "code.jquery.com":
        match = re.match(r"^/jquery-([\d.]+)(\.min)?\.js$", path)
        if match:
            return "jquery", match.group(1), [f"dist/jquery{match.group(2) or ''}.js"]
    return None


def _candidates(file: str) -> list[str]:
    """The file, and its unminified twin when a package ships only that."""
    return [file, file.replace(".min.", ".")] if ".min." in file else [file]


@dataclass
class Assets:
    """npm packages unpacked in a cache folder, answering CDN requests."""

    cache: Path = CACHE
    offline: list[str] = field(default_factory=list)

    def fetch(self, urls: list[str]) -> None:
        """Unpack every npm package the addresses need (once; later runs reuse the cache)."""
        wanted = {(n, v) for n, v, _ in filter(None, map(npm_location, urls))}
        missing = [(n, v) for n, v in sorted(wanted) if not self._folder(n, v).exists()]
        if not missing:
            return
        npm = shutil.which("npm")
        if npm is None:
            raise AssetError("npm is not installed, so folium's scripts cannot be served")
        self.cache.mkdir(parents=True, exist_ok=True)
        for name, version in missing:
            done = subprocess.run(
                [
                    npm,
                    "pack",
                    f"{name}@{version}",
                    "--silent",
                    "--pack-destination",
                    str(self.cache),
                ],
                capture_output=True,
                text=True,
                timeout=180,
            )
            if done.returncode != 0:
                raise AssetError(f"npm pack {name}@{version} failed: {done.stderr.strip()[-300:]}")
            tarball = self.cache / done.stdout.strip().splitlines()[-1]
            with tarfile.open(tarball) as archive:
                archive.extractall(self._folder(name, version), filter="data")
            tarball.unlink()

    def _folder(self, name: str, version: str) -> Path:
        """Where one package version is unpacked."""
        return self.cache / f"{name.replace('/', '__')}@{version}"

    def answer(self, url: str) -> tuple[bytes, str] | None:
        """The body and content type for a CDN address, or None when it is not served."""
        if any(marker in url for marker in EMPTY_CSS):
            return b"", "text/css"
        found = npm_location(url)
        if found is None:
            return None
        name, version, paths = found
        for rel in paths:
            file = self._folder(name, version) / "package" / rel
            if file.is_file():
                return file.read_bytes(), TYPES.get(file.suffix, "application/octet-stream")
        return None

    @staticmethod
    def outside(url: str) -> bool:
        """Whether a request leaves this machine (local requests are never intercepted)."""
        host = urlsplit(url).hostname or ""
        return bool(host) and host not in ("127.0.0.1", "localhost")

    def install(self, page) -> None:
        """Answer the page's outside requests from the cache; local ones go straight through."""
        page.route(self.outside, self.route)

    def route(self, route) -> None:
        """A Playwright route handler: local files for CDNs, abort tiles, record the rest."""
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if TILE_HOSTS.search(host):
            route.abort()
            return
        served = self.answer(url)
        if served is None:
            self.offline.append(url)
            route.abort()
            return
        body, content_type = served
        route.fulfill(
            status=200,
            body=body,
            content_type=content_type,
            headers={"Access-Control-Allow-Origin": "*"},
        )


def folium_urls(html: str) -> list[str]:
    """Every script and stylesheet address in a rendered folium page."""
    return sorted(set(re.findall(r"""(?:src|href)=["'](https?://[^"']+)["']""", html)))
