"""Find date expressions in a sentence and resolve them against the story's date."""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import re
from dataclasses import dataclass

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_MONTH2 = r"(?:(?P<month2>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+)?"
_RANGE = r"(?:\s*(?:-|\u2013|to|until|through)\s*" + _MONTH2 + _DAY2 + r")?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("month_day", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + _RANGE + r"\b" + _YEAR, re.I)),
    ("day_month", re.compile(r"\b" + _DAY + _RANGE.replace("P<month2>", ":") + r"\s+" + _MONTH
                             + r"\b" + _YEAR, re.I)),
    ("weekday", re.compile(r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b", re.I)),
    ("relative", re.compile(
        r"\b(?P<rel>today|yesterday|tomorrow|tonight|(?:last|next|this)\s+(?:week|month|year))\b",
        re.I)),
    ("month_only", re.compile(r"\b(?:in|since|from|until|by|early|late|mid-?)\s+"
                              r"(?P<month>" + "|".join(calendar.month_name[1:]) + r")\b"
                              + _YEAR)),
)

_FUTURE = re.compile(
    r"\b(?:will|would|shall|'ll|going to|is to|are to|plans?|planned|planning|set to|"
    r"expected|scheduled|due|next|upcoming|later)\b",
    re.I,
)
# English irregular simple-past forms that are no present-tense or base form ("withdrew
# its personnel on Sunday" is past, so its Sunday is the last one).
_IRREGULAR_PAST = (
    r"said|told|was|were|had|sent|flew|met|went|came|began|held|took|left|made|gave|"
    r"withdrew|withheld|drove|rode|fled|fought|struck|brought|bought|built|caught|chose|"
    r"drew|fell|felt|found|froze|got|grew|hid|kept|knew|led|lost|meant|overran|overtook|"
    r"paid|ran|rose|saw|sought|sold|shot|shook|spoke|spent|stood|stole|swept|swore|taught|"
    r"thought|threw|tore|understood|undertook|woke|wore|won|wrote|arose|became|blew|broke|"
    r"dealt|ate|forbade|forgot|forgave|hung|laid|slid|spun|stuck|swam|wept|withstood|"
    r"overcame|overthrew|overheard|oversaw|sank|sprang|stank|strove|sang|rang|dug|bit|retook|"
    r"underwent|sped|swung|strode|bore|slew|lent|fed|crept|leapt"
)
# A past tense that is no verb of saying ("the ministry said the drills are in May" tells
# nothing of when the drills are).
_PAST_CUE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b(?:did|"
                       + _IRREGULAR_PAST.removeprefix("said|told|")
                       + r"|[a-z]{3,}ed)\b")  # "arrived in June", not "are held"
_PAST_VERB = re.compile(r"\b(?:" + _IRREGULAR_PAST + r"|[a-z]{3,}ed)\s+(?:on\s+)?$")
_UNTIL = re.compile(r"\b(?:until|till|through|to)\s++$", re.I)
_UNTIL_WINDOW = 40  # "until" is looked for this far before a date, not in all the sentence
_PASSIVE = re.compile(r"\b(?:be|been|being)\s+$")  # "would be demonstrated" is no past
_PAST_WORD = re.compile(r"\b(?:" + _IRREGULAR_PAST + r"|[a-z]{3,}ed)\b")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date phrase with its offsets (into the article) and what it resolves to."""

    start: int
    end: int
    text: str
    date: dt.date | None
    date_end: dt.date | None = None
    until: bool = False  # "until June 20", "through March"


def find_dates(sentence: str, offset: int, published: dt.date | None) -> list[TimeExpression]:
    """All date expressions in ``sentence`` (which starts at ``offset`` in its article)."""
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []  # spans already read, in order and apart
    tense: str | None = None  # read once, and only for a sentence with a date in it
    for kind, pattern in _PATTERNS:
        added: list[tuple[int, int]] = []
        index = 0
        for match in pattern.finditer(sentence):
            start, end = match.span()
            # Matches come in order, so one pass over the taken spans finds any overlap.
            while index < len(taken) and taken[index][1] <= start:
                index += 1
            if index < len(taken) and taken[index][0] < end:
                continue
            if tense is None:
                tense = "future" if _FUTURE.search(sentence) else (
                    "past" if _PAST_CUE.search(sentence) else "")
            resolved = _resolve(kind, match, sentence, published, tense)
            if resolved is None:
                continue
            added.append((start, end))
            window = max(0, start - _UNTIL_WINDOW)
            until = _UNTIL.search(sentence, window, start) is not None
            found.append(TimeExpression(offset + start, offset + end,
                                        match.group(0), *resolved, until=until))
        taken = list(heapq.merge(taken, added))
    found.sort(key=lambda t: t.start)
    return found


def _resolve(kind: str, match: re.Match[str], sentence: str, published: dt.date | None,
             tense: str) -> tuple[dt.date | None, dt.date | None] | None:
    """Resolve one match to (date, date_end); None when it is not a date after all."""
    groups = match.groupdict()
    if kind in ("month_day", "day_month"):
        return _month_day(groups, published, tense)
    if kind == "month_only":
        month = _MONTHS[groups["month"].lower()]
        year = int(groups["year"]) if groups.get("year") else _year_for(month, published,
                                                                          tense)
        return (dt.date(year, month, 1), _month_end(year, month)) if year else (None, None)
    if published is None:
        return (None, None)
    if kind == "weekday":
        return (_weekday(groups["weekday"].lower(), match, sentence, published), None)
    return _relative(groups["rel"].lower(), published)


def _month_day(groups: dict[str, str | None], published: dt.date | None, tense: str
               ) -> tuple[dt.date | None, dt.date | None] | None:
    """Resolve "February 10-20" or "10 February 2022"."""
    month = _MONTHS[str(groups["month"]).lower()]
    day = int(str(groups["day"]))
    day2 = int(str(groups["day2"])) if groups.get("day2") else None
    if groups.get("year"):
        year: int | None = int(str(groups["year"]))
    else:
        year = _year_for(month, published, tense)
    if year is None:
        return (None, None)
    try:
        start = dt.date(year, month, day)
        month2 = _MONTHS[str(groups["month2"]).lower()] if groups.get("month2") else month
        end = dt.date(year, month2, day2) if day2 and (month2, day2) > (month, day) else None
    except ValueError:
        return None
    return (start, end)


def _year_for(month: int, published: dt.date | None, tense: str) -> int | None:
    """The year a month without a year most likely refers to: the one nearest the story,
    a month early in the year only the next one when the sentence speaks of the future, and
    a later month the year before when it speaks of the past ("were ousted in September")."""
    if published is None:
        return None
    delta = month - published.month
    if delta > 6 and tense != "future" or delta > 0 and tense == "past":
        return published.year - 1  # "will leave Mali in December" stays ahead
    if delta < -6 and tense == "future":
        return published.year + 1
    return published.year


def _month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _weekday(name: str, match: re.Match[str], sentence: str, published: dt.date) -> dt.date:
    """Resolve a weekday: the story's own day, else the coming or the past one by tense."""
    target = _WEEKDAYS[name]
    if target == published.weekday():
        return published
    before = sentence[max(0, match.start() - 100) : match.start()]
    past = [m.end() for m in _PAST_WORD.finditer(before)
            if not _PASSIVE.search(before, 0, m.start())]
    future = [m.end() for m in _FUTURE.finditer(before)]
    if _PAST_VERB.search(before):
        forward = False  # "said Tuesday"
    elif past or future:  # the nearer cue governs: "will station ..., he said on Monday"
        forward = max(future, default=-1) > max(past, default=-1)
    else:  # "visits Kyiv on Thursday" is to come; "on Thursday ordered" is past
        after = sentence[match.end() : match.end() + 30]
        forward = _PAST_WORD.match(after.lstrip(" ,")) is None and not _PAST_WORD.search(
            after.split(",")[0])
    if forward:
        return published + dt.timedelta(days=(target - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


def _relative(rel: str, published: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """Resolve today/yesterday/last week/next month... against the publication date."""
    rel = " ".join(rel.split())
    one_day = dt.timedelta(days=1)
    if rel in ("today", "tonight"):
        return (published, None)
    if rel == "yesterday":
        return (published - one_day, None)
    if rel == "tomorrow":
        return (published + one_day, None)
    which, unit = rel.split()
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        return (monday, monday + dt.timedelta(days=6))
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + step
        year, month = divmod(month_index, 12)
        return (dt.date(year, month + 1, 1), _month_end(year, month + 1))
    year = published.year + step
    return (dt.date(year, 1, 1), dt.date(year, 12, 31))
