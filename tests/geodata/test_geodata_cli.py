"""``python -m geodata lookup``: quiet when its reader goes away, a message for no match."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_lookup_piped_into_head_ends_without_a_traceback() -> None:
    done = subprocess.run(
        f"{sys.executable} -m geodata lookup Kharkiv --limit 50 | head -5",
        shell=True, capture_output=True, text=True, cwd=REPO,
    )
    assert done.stdout.count("\n") == 5
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_an_unknown_place_gets_a_message_and_a_failing_exit_code() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "geodata", "lookup", "Xyzzyville"],
        capture_output=True, text=True, cwd=REPO,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert "no place called 'Xyzzyville'" in done.stderr
