"""Hostile input: how reading and extraction time grows with pathological text.

Each case runs at n and 4n; linear work takes about 4 times as long, quadratic 16 times.
The reading cases are the bad-input probe's (issue 9) and others like them, up to the paste
limit of 1,000,000 characters; the extraction case
is its "troops to Poland " repeated 16,000 and 64,000 times. Run:
``python -m benchmarks.bench_hostile``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from dashboard.ingest import read_text
from dashboard.records import Article

# (name, file name, text of size n); the probe's sizes are the n given in main().
READING: list[tuple[str, str, Callable[[int], str]]] = [
    ("line, blank, dashes and an x", "dashes.txt",
     lambda n: "-" * n + "x\n\nTroops arrive in the north today\n\nThe troops came on Monday."),
    ("Markdown heading of hashes", "heading.md", lambda n: "# a" + " " * n + "x\n\nText."),
    ("header line with a long value", "header.txt", lambda n: "Title: x" + " " * n + "y\n\nT."),
    ("unclosed Markdown comments", "comments.md", lambda n: "<!--" * (n // 4) + "\n\nText."),
    ("a run of full stops", "stops.txt", lambda n: "." * n + "x troops"),
    ("stray emphasis markers", "bold.md", lambda n: "**a " * (n // 4)),
    ("stray autolinks", "links.md", lambda n: "<http:" * (n // 6)),
]  # fmt: skip
EXTRACTION = [("troops to Poland ", (16_000, 64_000)),
              ("US troops were sent to Poland and ", (4_000, 16_000))]


def _seconds(run: Callable[[], object]) -> float:
    """Wall time of one run."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _row(name: str, sizes: tuple[int, int], run: Callable[[int], object]) -> None:
    """Print the time at both sizes and their ratio."""
    small, large = (_seconds(lambda size=size: run(size)) for size in sizes)
    print(
        f"{name}: {sizes[0]:,} -> {small:.3f} s, {sizes[1]:,} -> {large:.3f} s, "
        f"x{large / max(small, 1e-6):.1f} for x{sizes[1] // sizes[0]}"
    )


def main() -> None:
    """Print reading times on the probe's inputs and extraction time on repeated text."""
    for name, file_name, shape in READING:
        _row(f"read {name} ({file_name})", (250_000, 1_000_000),
             lambda n, shape=shape, file_name=file_name: read_text(
                 shape(n), name=file_name, max_chars=2 * n))
    try:
        from dashboard.extract import extract_article
        from geodata.gazetteer import load_gazetteer
    except ImportError as error:
        print(f"bench_hostile: extraction skipped, the pipeline cannot be imported ({error})")
        return
    gazetteer = load_gazetteer()
    extract_article(Article("warm", "Troops arrived in Kyiv."), gazetteer)
    for piece, sizes in EXTRACTION:
        _row(f"extract {piece.strip()!r} repeated", sizes,
             lambda n, piece=piece: extract_article(Article("x", piece * n), gazetteer))


if __name__ == "__main__":
    main()
