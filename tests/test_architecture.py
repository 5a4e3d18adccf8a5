"""The package's shape: data flows ingest -> extract -> store -> view -> app, one way.

Each stage is a subpackage of ``dashboard``; another stage reaches it only through the names
its ``__init__`` exports, and only the Streamlit app imports streamlit.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "dashboard"
STAGES = ("ingest", "extract", "store", "view")
# What each part of the package may import from the others (records and describe are shared).
ALLOWED: dict[str, set[str]] = {
    "records": set(),
    "describe": {"records"},
    "ingest": {"records"},
    "extract": {"records", "describe"},
    "store": {"records", "describe", "ingest", "extract"},
    "view": {"records", "describe"},
    "app": {"records", "describe", "ingest", "store", "view"},
    "cli": {"records", "describe", "ingest", "extract", "store"},
    "__main__": {"cli"},
    "__init__": set(),
}


def _part(module: Path) -> str:
    """The stage or top-level module a file belongs to."""
    relative = module.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imports(module: Path) -> list[str]:
    """Every module name a file imports, at any depth of the file."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "dashboard":
                names += [f"dashboard.{alias.name}" for alias in node.names]
            else:
                names.append(node.module)
    return names


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda m: str(m.relative_to(PACKAGE)))
def test_imports_follow_the_data(module: Path) -> None:
    part = _part(module)
    for name in _imports(module):
        top = name.split(".")[0]
        if top in {"streamlit", "streamlit_folium"}:
            assert part == "app", f"{module.name} imports {name}: only the app may"
        if top != "dashboard" or name == "dashboard":
            continue
        target = name.split(".")[1]
        if target == part:
            continue
        assert target in ALLOWED[part], f"{part} must not import {name}"
        if target in STAGES:
            assert name == f"dashboard.{target}", (
                f"{module.relative_to(PACKAGE)} reaches into {name}: import from "
                f"dashboard.{target} instead"
            )


def test_every_stage_says_what_goes_in_and_out() -> None:
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        doc = ast.get_docstring(tree) or ""
        assert " in -> " in doc and " out" in doc, f"{stage}/__init__.py docstring"


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The rule fires: an extract module importing the view would be reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("from dashboard.view import build_map\nimport streamlit\n", encoding="utf-8")
    names = _imports(bad)
    assert "dashboard.view" in names and "streamlit" in names
    assert "view" not in ALLOWED["extract"]
