"""The ``troopmap`` command line: extract, toponyms, ingest and export."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from dashboard.records import EVENT_TYPES, MODALITIES, Article, Extraction

__all__ = ["main", "build_parser"]

log = logging.getLogger("troopmap")

# Fewer inputs than this finish too quickly for a progress bar to help.
MIN_PROGRESS = 20


class UsageError(Exception):
    """A problem with what the user asked for, reported as one line on stderr."""


def _warn(message: str) -> None:
    """Tell the user about a skipped input."""
    print(f"troopmap: {message}", file=sys.stderr)


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    """ "1 story", "6 stories", "0 events"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def _bar(total: int | None, desc: str) -> tqdm:
    """A progress bar on stderr, shown only on a terminal and for long inputs."""
    quiet = not sys.stderr.isatty() or (total is not None and total < MIN_PROGRESS)
    return tqdm(total=total, desc=desc, unit="story", file=sys.stderr, disable=quiet)


def _load_gazetteer() -> Any:
    """The gazetteer, loaded once per command."""
    from geodata.gazetteer import load_gazetteer

    return load_gazetteer()


def _check_output(out: str) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    from dashboard.store import FORMATS

    if out == "-":
        return
    path = Path(out)
    if path.suffix.lower() not in FORMATS:
        raise UsageError(f"{out}: the output must end in {', '.join(FORMATS)}, or be -")
    if not path.parent.is_dir():
        raise UsageError(f"{out}: the folder {path.parent} does not exist")


def read_articles(paths: Iterable[str]) -> tuple[list[Article], list[tuple[str, str]]]:
    """Read every article file under ``paths``; unreadable files are reported and skipped."""
    from dashboard import ingest

    files = list(ingest.iter_article_files(list(paths)))
    articles: list[Article] = []
    failed: list[tuple[str, str]] = []
    notes: list[str] = []
    with _bar(len(files), "reading") as bar:
        for file in files:
            try:
                articles.extend(ingest.read_path(file, notes=notes))
            except ingest.ReadError as error:
                failed.append((str(file), str(error)))
                _warn(f"skipped {error}")  # the message names the file already
            bar.update()
    for note in notes:  # stories split because they were too long
        _warn(note)
    return articles, failed


def _story_name(article: Article) -> str:
    """How a story is named in messages: its file, and its title when the file has several."""
    title = article.title or f"story {article.id}"
    return f"{article.path}: {title}" if article.path else title


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract events from article files and write one feature per event."""
    from dashboard.extract import extract_article
    from dashboard.store import write_events

    _check_output(args.output)
    articles, failed = read_articles(args.paths)
    if not articles:
        _warn("no article could be read" if failed else "no article files found")
        return 1
    gazetteer = _load_gazetteer()
    extractions: list[Extraction] = []
    with _bar(len(articles), "extracting") as bar:
        for article in articles:
            try:
                extractions.append(extract_article(article, gazetteer))
            except Exception as error:  # one story must not stop the rest
                log.debug("extraction failed", exc_info=True)
                failed.append((_story_name(article), f"{type(error).__name__}: {error}"))
                _warn(f"skipped {_story_name(article)}: {type(error).__name__}: {error}")
            bar.update()
    if not extractions:
        return 1
    count = write_events(extractions, args.output)
    where = "standard output" if args.output == "-" else args.output
    _warn(f"wrote {_plural(count, 'event')} from {_plural(len(extractions), 'story', 'stories')}"
          f" to {where}")
    if failed:
        _warn(f"{_plural(len(failed), 'file or story', 'files or stories')} failed (see above)")
    return 1 if failed else 0


def _gold_records(lines: Sequence[str], name: str) -> Iterable[tuple[str, str]]:
    """(id, text) of each well-formed line; bad lines are reported and skipped."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            story_id, text = record["id"], record["text"]
            if not isinstance(text, str) or not isinstance(story_id, (str, int)):
                raise TypeError("id must be text or a number and text must be text")
        except (ValueError, KeyError, TypeError) as error:
            reason = f"missing {error}" if isinstance(error, KeyError) else str(error)
            _warn(f"{name}:{number}: skipped ({reason})")
            continue
        yield str(story_id) if not isinstance(story_id, str) else story_id, text


def toponym_record(story_id: str, text: str, gazetteer: Any) -> dict[str, Any]:
    """The prediction line for one article: every toponym's span and coordinates."""
    from dashboard.extract import predict_toponyms

    toponyms = [
        {
            "start": m.start,
            "end": m.end,
            "lat": m.place.lat if m.place is not None else None,
            "lon": m.place.lon if m.place is not None else None,
        }
        for m in predict_toponyms(text, gazetteer)
    ]
    return {"id": story_id, "toponyms": toponyms}


def _open_output(out: str) -> IO[str]:
    """A text stream for ``out`` ("-" is stdout)."""
    if out == "-":
        return sys.stdout
    try:
        return Path(out).open("w", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"{out}: cannot be written ({error.strerror})") from error


def cmd_toponyms(args: argparse.Namespace) -> int:
    """Predict toponyms for each article of a JSONL file, in the scorer's format."""
    try:
        lines = Path(args.gold).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{args.gold}: cannot be read ({error})") from error
    records = list(_gold_records(lines, args.gold))
    if not records:
        _warn(f"{args.gold}: no article lines with an id and a text")
        return 1
    gazetteer = _load_gazetteer()
    stream = _open_output(args.output)
    try:
        with _bar(len(records), "toponyms") as bar:
            for story_id, text in records:
                record = toponym_record(story_id, text, gazetteer)
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                bar.update()
    finally:
        if stream is not sys.stdout:
            stream.close()
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Add article files to the store and print what changed."""
    from dashboard.store import open_store

    articles, read_failed = read_articles(args.paths)
    bars: list[tqdm] = []

    def progress(done: int, total: int) -> None:
        if not bars:
            bars.append(_bar(total, "ingesting"))
        bars[0].update(done - bars[0].n)

    try:
        with open_store(args.store, seed=not args.no_seed) as store:
            summary = store.add_articles(articles, workers=args.workers, progress=progress)
            path = store.path
    finally:
        for bar in bars:
            bar.close()
    failed = [*read_failed, *summary.failed]
    print(
        f"{path}: added {summary.added}, unchanged {summary.unchanged}, "
        f"re-extracted {summary.reextracted}, failed {len(failed)}"
    )
    for name, reason in failed:
        print(f"  failed: {name}: {reason}")
    return 1 if failed else 0


def _date(value: str) -> dt.date:
    """An ISO date argument (YYYY-MM-DD)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2022-02-10") from None


def cmd_export(args: argparse.Namespace) -> int:
    """Write the stored events, filtered, to a file."""
    from dashboard.store import default_store_path, filter_events, open_store, write_events

    _check_output(args.output)
    path = Path(args.store) if args.store else default_store_path()
    if not path.exists():
        raise UsageError(f"no store at {path}: ingest articles first (troopmap ingest PATH)")
    with open_store(path, seed=False) as store:
        extractions = store.extractions()
    selected = filter_events(
        extractions,
        actor=args.actor,
        type=args.type,
        modality=args.modality,
        since=args.since,
        until=args.until,
    )
    count = write_events(selected, args.output)
    _warn(f"wrote {count} events to {args.output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its four subcommands."""
    parser = argparse.ArgumentParser(
        prog="troopmap", description="Forces and movements from news, on a map."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details")
    sub = parser.add_subparsers(dest="command", required=True)
    out_help = "output file: .geojson, .gpkg or .csv; - for GeoJSON on stdout"

    extract = sub.add_parser("extract", help="extract events from article files")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    extract.add_argument(
        "-o", "--output", default="-", metavar="OUT", help=out_help + " (the default)"
    )
    extract.set_defaults(run=cmd_extract)

    toponyms = sub.add_parser("toponyms", help="predict toponyms for a JSONL file of articles")
    toponyms.add_argument("gold", metavar="GOLD.jsonl", help="lines with 'id' and 'text'")
    toponyms.add_argument("-o", "--output", required=True, metavar="PRED.jsonl")
    toponyms.set_defaults(run=cmd_toponyms)

    ingest = sub.add_parser("ingest", help="add article files to the store")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    ingest.add_argument("--store", metavar="FILE", help="store file (default: user data dir)")
    ingest.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes")
    ingest.add_argument("--no-seed", action="store_true", help="do not add the seed corpus")
    ingest.set_defaults(run=cmd_ingest)

    export = sub.add_parser("export", help="write stored events to a file")
    export.add_argument("--store", metavar="FILE", help="store file (default: user data dir)")
    export.add_argument("-o", "--output", required=True, metavar="OUT", help=out_help)
    export.add_argument("--actor", metavar="CC", help="ISO alpha-2 code or alliance, e.g. RU")
    export.add_argument("--type", choices=EVENT_TYPES, help="event type")
    export.add_argument("--modality", choices=MODALITIES, help="modality")
    export.add_argument("--since", type=_date, metavar="DATE", help="events on or after")
    export.add_argument("--until", type=_date, metavar="DATE", help="events on or before")
    export.set_defaults(run=cmd_export)
    return parser


def _quiet_stdout() -> None:
    """After the reader went away ("| head"), send what is left of stdout nowhere, so that
    Python does not complain again when it flushes standard output on exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # stdout is no file (a test capturing it)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="troopmap: %(levelname)s: %(message)s",
    )
    if getattr(args, "workers", 1) < 1:
        _warn("--workers must be at least 1")
        return 2
    from dashboard.store import StoreError

    try:
        return args.run(args)
    except (UsageError, StoreError) as error:
        _warn(str(error))
        return 2
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except OSError as error:
        _warn(f"{error.filename or 'output'}: {error.strerror or error}")
        return 2
    except KeyboardInterrupt:
        _warn("interrupted")
        return 130
