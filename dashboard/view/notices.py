"""What the app tells the reader: why nothing is shown, what an Add did, what a link lacked.

Every zero gets its reason ("Added 0 stories: already in the store"; "No event: From is after
To"). Plain text in, plain text out: the app escapes it for Streamlit's Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dashboard.view.filters import EventFilter, FilterOptions
from dashboard.view.panel import date_text, type_label

__all__ = [
    "AddResult",
    "add_messages",
    "add_result",
    "unknown_values",
    "date_problem",
    "empty_reason",
    "parse_day",
    "stories",
]

_DATE_SEPARATORS = re.compile(r"[-/.,\s]+")
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def stories(n: int) -> str:
    """ "1 story", "2 stories"."""
    return f"{n:,} stor{'y' if n == 1 else 'ies'}"


@dataclass(frozen=True, slots=True)
class AddResult:
    """What pressing Add did: read errors, what the store reports, and stories without events."""

    unreadable: int = 0  # files or pasted texts that could not be read
    read: int = 0  # stories read from what could be read
    added: int = 0
    reextracted: int = 0
    unchanged: int = 0
    failed: int = 0  # stories whose extraction failed
    eventless: int = 0  # added stories in which no event was found


def add_result(read: int, unreadable: int, summary=None, stored: Mapping = (),
               ids: Sequence[str] = ()) -> AddResult:
    """What an Add did, from the store's summary (added, unchanged, reextracted, failed) and
    the stored extractions of the stories read (``ids``), to find those without events."""
    if summary is None:
        return AddResult(unreadable=unreadable, read=read)
    done = summary.added + summary.reextracted
    new = [stored.get(i) for i in ids] if done else []
    return AddResult(
        unreadable=unreadable, read=read, added=summary.added,
        reextracted=summary.reextracted, unchanged=summary.unchanged,
        failed=len(summary.failed),
        eventless=sum(1 for ex in new if ex is not None and not ex.events),
    )


def unknown_values(chosen: Mapping[str, Sequence[str]], allowed: Mapping[str, Sequence[str]]
                   ) -> tuple[dict[str, list[str]], list[str]]:
    """Filter values a link chose that the corpus does not have: the values kept per filter,
    and a notice for each filter that lost some."""
    kept, notices = {}, []
    for key, values in chosen.items():
        unknown = [v for v in values if v not in allowed[key]]
        kept[key] = [v for v in values if v in allowed[key]]
        if unknown:
            notices.append(f"Ignored {', '.join(unknown)} from the link: not in the stories.")
    return kept, notices


def add_messages(result: AddResult) -> list[tuple[str, str]]:
    """(kind, text) messages for an Add: what was added and, for every zero, why."""
    done = result.added + result.reextracted
    if done == 0:
        if result.read == 0:
            why = ("nothing could be read (see the message above)" if result.unreadable
                   else "choose files or paste a story first")
        elif result.unchanged and not result.failed:
            why = ("it is already in the store: adding the same story again changes nothing"
                   if result.unchanged == 1 else
                   "they are already in the store: adding the same stories again changes nothing")
        else:
            why = "no story could be extracted (see the messages above)"
        return [("warning", f"Added 0 stories: {why}.")]
    parts = [f"Added {stories(done)}"]
    if result.reextracted:
        parts.append(f"{result.reextracted:,} of them read again (their text had changed)")
    if result.unchanged:
        verb = "was" if result.unchanged == 1 else "were"
        parts.append(f"{stories(result.unchanged)} {verb} already in the store")
    messages = [("success", "; ".join(parts) + ".")]
    if result.eventless:
        which = "it" if done == 1 else (
            "one of them" if result.eventless == 1 else f"{result.eventless:,} of them")
        messages.append(("info", f"No force movement or presence was found in {which}: "
                                 "its places are on the map, but no event."))
    return messages


def parse_day(text: str | None) -> dt.date | None:
    """A date as a reader types it: 2022-02-03 (or with / or .), or 3 Feb 2022 as the app
    shows dates; None when blank. A malformed date raises ValueError saying what to type."""
    raw = (text or "").strip()
    if not raw:
        return None
    parts = [p for p in _DATE_SEPARATORS.split(raw) if p]
    try:
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
            month = _MONTHS.get(parts[1][:3].casefold())
            if month is not None:
                return dt.date(int(parts[2]), month, int(parts[0]))
    except ValueError:
        pass
    raise ValueError(f"“{raw[:40]}” is not a date: write it like 2022-02-03.")


def date_problem(date_from: dt.date | None, date_to: dt.date | None) -> str | None:
    """Why a date range can hold no event (From after To), or None."""
    if date_from is not None and date_to is not None and date_from > date_to:
        return (f"From ({date_from.isoformat()}) is after To ({date_to.isoformat()}): no event "
                "can be in between. Swap them, or clear the dates.")
    return None


def _range_text(options: FilterOptions) -> str:
    """ "the events run from 2 Feb 2022 to 4 Feb 2022", or that none is dated."""
    if options.date_min is None or options.date_max is None:
        return "no event in the stories is dated"
    if options.date_min == options.date_max:
        return f"every dated event is on {date_text(options.date_min)}"
    return f"the events run from {date_text(options.date_min)} to {date_text(options.date_max)}"


def empty_reason(flt: EventFilter, options: FilterOptions, total: int) -> str:
    """Why no event is shown: no stories, a reversed or empty date range, a place that no
    event names, or the filters together (named, so the reader knows what to clear)."""
    if total == 0:
        return "No events yet: the stories hold none. Add articles in the sidebar."
    reversed_range = date_problem(flt.date_from, flt.date_to)
    if reversed_range:
        return f"No events: {reversed_range}"
    dmin, dmax = options.date_min, options.date_max
    outside = (
        (flt.date_from is not None and dmax is not None and flt.date_from > dmax)
        or (flt.date_to is not None and dmin is not None and flt.date_to < dmin)
        or ((flt.date_from or flt.date_to) and dmin is None)
    )
    if outside:
        return f"No events in the dates chosen: {_range_text(options)}. Clear the dates."
    if flt.place:
        return (f"No event takes place at a place matching “{flt.place}”. Clear the place "
                "search to see every event.")
    chosen = [
        f"actor {', '.join(flt.actors)}" if flt.actors else "",
        f"type {', '.join(type_label(t) for t in flt.types)}" if flt.types else "",
        f"{len(flt.stories)} of the stories" if flt.stories else "",
        "dates" if flt.date_from or flt.date_to else "",
    ]
    named = "; ".join(c for c in chosen if c)
    if named:
        return f"No event matches all the filters ({named}). Clear one to see more."
    return ("No event is shown: the stories' events are all negated, hypothetical or "
            "demanded. Switch on “Show negated, hypothetical and demanded events”.")
