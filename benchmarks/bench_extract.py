"""Toponym recognition and resolution on the evaluation corpora, and articles per second.

Runs the ``toponyms`` command's logic over ``lgl.jsonl`` and ``geovirus.jsonl`` in the folder
named by EVAL_DIR (default: ``../shared/eval`` next to the repository), scores the predictions
with that folder's ``score.py`` and prints overlap P/R/F1, accuracy within 161 km and
throughput on one core. Run: ``python -m benchmarks.bench_extract``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpora import CORPORA, eval_dir


def _one_core() -> None:
    """Pin this process to one CPU so that the figure is per core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def predict(gold: Path, out: Path, gazetteer: Any) -> tuple[int, float]:
    """Write predictions for ``gold`` to ``out``; return (articles, seconds)."""
    from dashboard.cli import _gold_records, toponym_record

    started = time.perf_counter()
    lines = gold.read_text(encoding="utf-8").split("\n")
    count = 0
    with out.open("w", encoding="utf-8") as stream:
        for story_id, text in _gold_records(lines, gold.name):
            record = toponym_record(story_id, text, gazetteer)
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count, time.perf_counter() - started


def score(scorer: Path, gold: Path, pred: Path) -> dict[str, Any]:
    """Run the scorer in a subprocess and return its JSON results."""
    with tempfile.TemporaryDirectory() as folder:
        result_path = Path(folder) / "score.json"
        subprocess.run(
            [sys.executable, str(scorer), str(gold), str(pred), "--json", str(result_path)],
            check=True,
            capture_output=True,
        )
        return json.loads(result_path.read_text())


def _fmt(value: float | None) -> str:
    """Three decimals, or a dash."""
    return "-" if value is None else f"{value:.3f}"


def main() -> None:
    """Print recognition, resolution and speed figures for each corpus."""
    folder = eval_dir()
    scorer = folder / "score.py"
    if not scorer.exists():
        print(f"bench_extract: skipped, no evaluation folder at {folder} (set EVAL_DIR)")
        return
    try:
        import dashboard.extract.pipeline  # noqa: F401  (fail early if the pipeline is missing)
        from geodata.gazetteer import load_gazetteer
    except ImportError as error:
        print(f"bench_extract: skipped, the pipeline cannot be imported ({error})")
        return
    _one_core()
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    print(f"gazetteer load: {time.perf_counter() - started:.2f} s")
    header = f"{'corpus':<16}{'P':>7}{'R':>7}{'F1':>7}{'A161':>7}{'e2e161':>8}{'art/s':>9}"
    print(header)
    for name in CORPORA:
        gold = folder / name
        if not gold.exists():
            print(f"{name:<16} missing")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            pred = Path(tmp) / "pred.jsonl"
            count, seconds = predict(gold, pred, gazetteer)
            result = score(scorer, gold, pred)
        recognition = result["overlap"]["recognition"]
        resolution = result["overlap"]["resolution"]
        print(
            f"{name:<16}{_fmt(recognition['precision']):>7}{_fmt(recognition['recall']):>7}"
            f"{_fmt(recognition['f1']):>7}{_fmt(resolution['acc161']):>7}"
            f"{_fmt(resolution['e2e_acc161']):>8}{count / seconds:>9.1f}"
        )
    full_extraction(folder / CORPORA[0], gazetteer)


def full_extraction(gold: Path, gazetteer: Any) -> None:
    """Articles per second through the whole extractor (sentences, places, forces, parse of
    the sentences that can hold an event, events, geometry), net of loading the parser."""
    if not gold.exists():
        return
    from dashboard.extract import extract_article
    from dashboard.extract.nlp import load_parser
    from dashboard.records import Article

    lines = [json.loads(line) for line in gold.read_text(encoding="utf-8").split("\n") if line]
    for grammar in (True, False):
        if grammar:
            started = time.perf_counter()
            load_parser()
            print(f"parser load: {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        events = sum(len(extract_article(Article(str(row["id"]), row["text"]), gazetteer,
                                         grammar=grammar).events) for row in lines)
        seconds = time.perf_counter() - started
        label = "full extraction" if grammar else "without the parser"
        print(f"{label} on {gold.name}: {len(lines) / seconds:.1f} articles/s, "
              f"{events} events")


if __name__ == "__main__":
    main()
