"""Run every ``benchmarks/bench_*.py`` module's ``main()``: ``python -m benchmarks [NAME...]``."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback

import benchmarks


def main(argv: list[str] | None = None) -> int:
    """Run each benchmark (or those named, e.g. ``geodata``); return 1 if any failed."""
    wanted = {f"bench_{name.removeprefix('bench_')}" for name in (argv or [])}
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_") and (not wanted or info.name in wanted)
    )
    failed = []
    for name in names:
        print(f"== {name}", flush=True)
        try:
            importlib.import_module(f"benchmarks.{name}").main()
        except Exception:  # one broken benchmark must not hide the others' figures
            traceback.print_exc(limit=3)
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
