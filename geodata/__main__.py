"""Command line: ``python -m geodata lookup NAME [--country CC] [--limit N]``."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys

from geodata.gazetteer import MAX_INPUT_CHARS, load_gazetteer

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    parser = argparse.ArgumentParser(prog="python -m geodata", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    lookup = commands.add_parser("lookup", help="print the places a name may refer to, as JSON")
    lookup.add_argument("name", help='a place name as written in news, e.g. "Kharkov"')
    lookup.add_argument("--country", help="ISO 3166-1 alpha-2 code or country name to keep")
    lookup.add_argument("--limit", type=int, default=10, help="most candidates to print")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (2 for bad input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    name = args.name.strip()
    if not name or len(name) > MAX_INPUT_CHARS or not name.isprintable():
        parser.error(
            f"NAME must be 1 to {MAX_INPUT_CHARS} printable characters; got {len(args.name)}"
        )
    if args.limit < 1:
        parser.error("--limit must be at least 1")
    gazetteer = load_gazetteer()
    country = None
    if args.country:
        country = gazetteer.country_code(args.country) or args.country.upper()
        if gazetteer.country(country) is None:
            parser.error(f"--country {args.country!r} is not a known country code or name")
    places = gazetteer.lookup(name, country=country, limit=args.limit)
    if not places:
        where = f" in {country}" if country else ""
        print(
            f"python -m geodata: no place called {name!r}{where} in the gazetteer; check the "
            "spelling, or try the name as news write it (e.g. Kharkiv or Kharkov)",
            file=sys.stderr,
        )
        return 1
    try:
        json.dump(
            [dataclasses.asdict(place) for place in places],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away ("| head -5"): stop quietly
        _quiet_stdout()
    return 0


def _quiet_stdout() -> None:
    """Send what is left of stdout nowhere, so that exiting does not complain again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
