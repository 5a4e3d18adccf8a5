"""Store throughput: ingest with 1 and 2 workers, re-ingest, reload (whole and light records),
size per 1,000 stories.

The texts of the evaluation corpora (EVAL_DIR, default ``../shared/eval`` next to the
repository) stand in for a user's corpus; they are read at run time and only written to a
temporary store. Run: ``python -m benchmarks.bench_store``.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.corpora import CORPORA, eval_dir, eval_records
from dashboard.records import Article


def load_articles(folder: Path) -> list[Article]:
    """Every story text of the evaluation corpora as an Article."""
    from dashboard.store.writer import content_hash

    return [Article(content_hash(record["text"])[:16], record["text"],
                    title=f"{name}:{record['id']}") for name, record in eval_records(folder)]


def _size(path: Path) -> int:
    """Bytes of the store file and its write-ahead log, if any."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def run(articles: list[Article], workers: int, folder: Path) -> None:
    """Ingest, re-ingest and reload one store; print the figures."""
    from dashboard.store.database import Store

    path = folder / f"bench-{workers}.gpkg"
    with Store(path) as store:
        started = time.perf_counter()
        summary = store.add_articles(articles, workers=workers)
        ingest = time.perf_counter() - started
        started = time.perf_counter()
        again = store.add_articles(articles, workers=workers)
        reingest = time.perf_counter() - started
        started = time.perf_counter()
        extractions = store.extractions()
        reload = time.perf_counter() - started
        started = time.perf_counter()
        light = store.view_extractions()
        view = time.perf_counter() - started
    events = sum(len(ex.events) for ex in extractions)
    stored = summary.added + summary.reextracted
    print(
        f"workers={workers}: ingest {stored} stories ({len(summary.failed)} failed, "
        f"{events} events) in {ingest:.2f} s = {stored / ingest:.1f} stories/s; "
        f"re-ingest {again.unchanged} unchanged in {reingest:.2f} s; "
        f"reload {len(extractions)} extractions in {reload:.2f} s, the map's {len(light)} "
        f"light ones in {view:.2f} s; "
        f"size {_size(path) / max(stored, 1) * 1000 / 1e6:.1f} MB per 1,000 stories"
    )


def main() -> None:
    """Print ingest throughput with 1 and 2 workers, re-ingest time and store size."""
    folder = eval_dir()
    articles = load_articles(folder)
    if not articles:
        print(f"bench_store: skipped, no evaluation corpora in {folder} (set EVAL_DIR)")
        return
    try:
        import dashboard.extract.pipeline  # noqa: F401
        import geodata.gazetteer  # noqa: F401
    except ImportError as error:
        print(f"bench_store: skipped, the pipeline cannot be imported ({error})")
        return
    from dashboard.store.writer import pipeline_extract

    started = time.perf_counter()
    pipeline_extract(Article("warm-up", "Troops arrived in Kyiv."))  # loads the gazetteer
    print(f"gazetteer load and first extraction: {time.perf_counter() - started:.2f} s")
    print(f"corpus: {len(articles)} stories from {', '.join(CORPORA)}")
    with tempfile.TemporaryDirectory() as tmp:
        for workers in (1, 2):
            run(articles, workers, Path(tmp))


if __name__ == "__main__":
    main()
