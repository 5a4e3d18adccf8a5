"""Benchmark the gazetteer: cold load in a fresh process, memory, lookup speed, data size."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

NAMES = [
    "Kiev",
    "Kharkov",
    "Kogalniceanu",
    "Rzeszow",
    "Fort Bragg",
    "Tbilisi",
    "Gaza Strip",
    "Donbas",
    "Nagorno-Karabakh",
    "Taiwan Strait",
    "Kursk region",
    "Crimea",
    "Moscow",
    "Washington",
    "the U.S.",
    "Baltics",
    "Ramstein",
    "Strait of Hormuz",
    "Pyongyang",
    "Sahel",
    "Belgorod",
    "Rapides Parish",
    "Transnistria",
    "eastern Europe",
    "Springfield",
    "no such place",
    "Zaporizhzhia",
    "St. Petersburg",
    "Idlib",
    "Black Sea",
]
COLD = """
import json, resource, time
t0 = time.perf_counter()
from geodata import load_gazetteer
g = load_gazetteer()
t1 = time.perf_counter()
g.lookup("Kharkov")
t2 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": t1 - t0, "first_lookup_s": t2 - t1, "rss_mb": rss}))
"""
BASE = """
import json, resource
import geodata.records, geodata.text
print(json.dumps({"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _fresh(code: str) -> dict[str, float]:
    """Run a snippet in a new interpreter and return the JSON it prints."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _size_mb() -> float:
    """Return the size of the installed geodata package's files, in MB."""
    with resources.as_file(resources.files("geodata")) as root:
        files = [p for p in Path(root).rglob("*") if p.is_file() and ".cache" not in p.parts]
        return sum(p.stat().st_size for p in files) / 1e6


def main() -> dict[str, float]:
    """Measure and print the figures; return them."""
    from geodata import load_gazetteer, normalize

    cold = [_fresh(COLD) for _ in range(3)]
    base = _fresh(BASE)["rss_mb"]
    gazetteer = load_gazetteer()
    for name in NAMES:  # warm the caches once, as a long-running app would
        gazetteer.lookup(name)
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        for name in NAMES:
            gazetteer.lookup(name)
    warm_us = (time.perf_counter() - start) / (rounds * len(NAMES)) * 1e6
    gazetteer.candidates.cache_clear()
    gazetteer._place.cache_clear()
    start = time.perf_counter()
    for name in NAMES:
        gazetteer.lookup(name)
    uncached_us = (time.perf_counter() - start) / len(NAMES) * 1e6
    # The extractor's path: most n-grams of an article are not place names.
    ngrams = [f"{a} {b}" for a, b in zip(NAMES, reversed(NAMES), strict=True)] + [
        "said on tuesday",
        "president",
        "troops",
        "the ministry",
        "officials said",
    ]
    start = time.perf_counter()
    for key in ngrams:
        gazetteer.candidates(normalize(key))
        gazetteer.is_prefix(normalize(key))
    scan_us = (time.perf_counter() - start) / len(ngrams) * 1e6
    figures = {
        "load_s": statistics.median(c["load_s"] for c in cold),
        "first_lookup_s": statistics.median(c["first_lookup_s"] for c in cold),
        "rss_mb": statistics.median(c["rss_mb"] for c in cold),
        "rss_over_python_mb": statistics.median(c["rss_mb"] for c in cold) - base,
        "lookup_cached_us": warm_us,
        "lookup_uncached_us": uncached_us,
        "ngram_uncached_us": scan_us,
        "geodata_size_mb": _size_mb(),
    }
    targets = {"load_s": 0.3, "rss_mb": 150, "lookup_cached_us": 50, "geodata_size_mb": 40}
    print(f"{'measure':<22}{'value':>12}{'target':>10}")
    for key, value in figures.items():
        target = targets.get(key)
        print(f"{key:<22}{value:>12.4g}{'' if target is None else f'<= {target}':>10}")
    return figures


if __name__ == "__main__":
    main()
