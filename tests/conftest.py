"""Options shared by the test suite."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--regen-golden`` rewrites golden files from the current output instead of comparing."""
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite tests/extract/golden/*.json from the current extractor output "
        "(review the diff!)",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run regenerates golden files."""
    return bool(request.config.getoption("--regen-golden"))
