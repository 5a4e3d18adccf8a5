"""The project installs cleanly: every package and data folder is declared, so setuptools
has nothing to warn about, and every import the readers need is a dependency."""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import find_namespace_packages

REPO = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _folders_with_files() -> set[str]:
    """Dotted names of every folder of the two packages that holds a file to install."""
    found = set()
    for top in ("dashboard", "geodata"):
        for file in (REPO / top).rglob("*"):
            if file.is_file() and "__pycache__" not in file.parts and file.suffix != ".pyc":
                found.add(".".join(file.parent.relative_to(REPO).parts))
    return found


def test_every_folder_with_files_is_a_declared_package() -> None:
    find = PROJECT["tool"]["setuptools"]["packages"]["find"]
    assert find.get("namespaces") is True
    declared = set(
        find_namespace_packages(str(REPO), include=find["include"], exclude=find["exclude"])
    )
    missing = _folders_with_files() - declared
    assert not missing, f"setuptools would warn about (and maybe drop) {sorted(missing)}"
    assert not [name for name in declared if "__pycache__" in name]


def test_data_folders_ship_their_files() -> None:
    package_data = PROJECT["tool"]["setuptools"]["package-data"]
    for folder in ("geodata.data", "dashboard.extract.data"):
        assert package_data[folder] == ["*"]


def test_html_cleaning_for_trafilatura_is_a_dependency() -> None:
    names = [dep.split(">")[0].split("=")[0].strip() for dep in PROJECT["project"]["dependencies"]]
    assert "lxml_html_clean" in names and "trafilatura" in names
