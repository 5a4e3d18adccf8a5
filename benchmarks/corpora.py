"""The evaluation corpora the benchmarks read: where they are and their stories."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPORA = ("lgl.jsonl", "geovirus.jsonl")


def eval_dir() -> Path:
    """The folder of evaluation corpora and their scorer (EVAL_DIR, else ../shared/eval)."""
    return Path(os.environ.get("EVAL_DIR") or REPO.parent / "shared" / "eval").resolve()


def eval_records(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(corpus file name, record) for every story of the corpora present in ``folder``."""
    for name in CORPORA:
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").split("\n"):  # not splitlines: a
            if line.strip():                                          # story may hold U+2028
                yield name, json.loads(line)
