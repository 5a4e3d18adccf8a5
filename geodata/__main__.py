"""Command line: ``python -m geodata lookup NAME [--country CC] [--limit N]``."""

from __future__ import annotations

import argparse
import dataclasses
import json
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
    json.dump(
        [dataclasses.asdict(place) for place in places], sys.stdout, ensure_ascii=False, indent=2
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
