"""Reading and extraction cost grows linearly with hostile text.

Every regular expression that reads user text in ingest and in the extractor's forces,
dates, sentences and modality rules is fed pathological strings made from its own
characters (runs of one character, repeated fragments, nested delimiters) at two sizes, n
and 4n, in the way its module uses it. Linear work takes about 4 times as long at 4n;
quadratic work 16 times and cubic 64 times. The test compares the two sizes in one run
(the faster of a few tries each), so machine speed does not matter: no absolute times.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from collections.abc import Callable, Iterator

import pytest

from dashboard.extract import (
    actors,
    context,
    dates,
    forces,
    lexicon,
    modality,
    pipeline,
    sentences,
    slots,
    toponyms,
    truecase,
)
from dashboard.ingest import markup, meta, read, split
from dashboard.records import Article
from geodata.gazetteer import load_gazetteer

SMALL = 2_000
GROWTH = 4
# Linear is 4; quadratic 16. Noise on short timings stays well under 10.
LIMIT = 10.0

Use = Callable[[re.Pattern[str], str], object]


def _finditer(pattern: re.Pattern[str], text: str) -> object:
    return sum(1 for _ in pattern.finditer(text))


def _search(pattern: re.Pattern[str], text: str) -> object:
    return pattern.search(text)


def _match(pattern: re.Pattern[str], text: str) -> object:
    return pattern.match(text)


def _fullmatch(pattern: re.Pattern[str], text: str) -> object:
    return pattern.fullmatch(text)


def _sub(pattern: re.Pattern[str], text: str) -> object:
    return pattern.sub("", text)


# How each module applies each pattern to text of any length. Patterns that only ever see a
# bounded slice (a 20-character window, a 120-character headline) are listed in BOUNDED.
USES: dict[str, Use] = {
    "split._SENTENCE_END": _search,
    "split._SEPARATOR": _match,
    "split._BULLET": _match,
    "split._INNER_SENTENCE": _search,
    "split._BYLINE": _match,
    "split._LABELS": _search,
    "split._QUESTION_WORD": _match,
    "markup._FENCE": _match,
    "markup._SETEXT": _match,
    "markup._RULE": _match,
    "markup._REFERENCE": _match,
    "markup._LIST": _match,
    "markup._QUOTE": _sub,
    "markup._TABLE_RULE": _match,
    "markup._ESCAPE": _sub,
    "markup._INLINE": _sub,
    "meta._HEADER_LINE": _match,
    "meta._DATE_LINE_PREFIX": _sub,
    "meta._FRONT_MATTER": _match,
    "meta._DATE_PATTERNS": _fullmatch,
    "forces._FORCE": _finditer,
    "forces._ELLIPTIC": _finditer,
    "forces._BARE": _finditer,
    "forces._ANY_FORCE_WORD": _search,
    "forces._UNIT": _finditer,
    "forces.SHIP_NAME": _search,
    "forces._UNIT_GAP": _fullmatch,
    "dates._PATTERNS": _finditer,
    "dates._FUTURE": _finditer,
    "dates._PAST_CUE": _search,
    "sentences._BOUNDARY": _finditer,
    "modality._RELATIVE": _sub,
    "pipeline._PLACE_ANAPHORA": _search,
    "context._HOME_FORCES": _search,
    "lexicon.MILITARY_WORDS": _search,
    "lexicon.ACTOR_MOVE_WORDS": _search,
    "pipeline.ACTOR_MOVE_WORDS": _search,
    "pipeline.SHIP_NAME": _search,
    "truecase._WORD": _finditer,
}
BOUNDED = {
    "split._QUOTED_END": "a headline of at most 120 characters",
    "meta._WIRE_AGENCY": "the first 160 characters of a story",
    "meta._WIRE_PLACE": "the first 160 characters of a story",
    "meta._MONTH": "text, not a pattern",
    "forces._RANGE_BEFORE": "48 characters before a count",
    "forces._SHIP_PREFIX": "12 characters after a ship",
    "forces._DATE_BEFORE": "12 characters before a count",
    "forces._YEAR_WORD_BEFORE": "12 characters before a count",
    "forces.YEAR": "a count's digits",
    "context._DEFINITE_BEFORE": "40 characters before a force",
    "actors._AIRFIELD_AFTER": "matched once, right after an air force's name",
    "actors._OWNED_BEFORE": "30 characters before a fleet's name",
    "context._IRREGULAR": "a force's own words",
    "context._INSURGENTS": "a force's own words",
    "pipeline._DATELINE": "a sentence's first 80 characters",
    "forces._MILITARY_MODIFIER": "a force's own words",
    "lexicon.SIDES": "one parsed token",
    "lexicon.YEAR": "one parsed token",
    "lexicon.NUMBER": "one parsed token",
    "dates._UNTIL": "40 characters before a date",
    "dates._PAST_VERB": "100 characters before a weekday",
    "dates._PASSIVE": "100 characters before a weekday",
    "dates._PAST_WORD": "100 characters before, 30 after a weekday",
    "sentences._WORD_BEFORE": "20 characters before a full stop",
    "modality._NEGATED": "the last 160 characters of a clause",
    "modality._DEMANDED": "the last 160 characters of a clause",
    "modality._HYPOTHETICAL": "the last 160 characters of a clause",
    "modality._PLANNED": "the last 160 characters of a clause",
    "modality._ACCEPTED": "the last 80 characters of a clause",
    "modality._HAPPENING": "the last 160 characters of a clause",
    "modality._HEADLINE_TO": "a clause's first 80 characters",
}
MODULES = {
    "split": split,
    "markup": markup,
    "meta": meta,
    "forces": forces,
    "dates": dates,
    "sentences": sentences,
    "modality": modality,
    "pipeline": pipeline,
    "context": context,
    "lexicon": lexicon,
    "truecase": truecase,
}


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern of the modules, one by one (tuples of patterns opened)."""
    for module_name, module in MODULES.items():
        for name, value in vars(module).items():
            key = f"{module_name}.{name}"
            items = value if isinstance(value, tuple) else (value,)
            for k, item in enumerate(items):
                parts = item if isinstance(item, tuple) else (item,)  # (kind, pattern) pairs
                pattern = next((p for p in parts if isinstance(p, re.Pattern)), None)
                if pattern is not None:
                    yield (key if len(items) == 1 else f"{key}[{k}]"), pattern


def _alphabet(pattern: re.Pattern[str]) -> str:
    """The characters a pattern mentions, plus letters, digits, spaces and line breaks."""
    source = re.sub(r"\\[dswbDSWBAZ]|\(\?[:=!<P][^)]*|\{\d*,?\d*\}", "", pattern.pattern)
    found = {ch for ch in source if ch.isprintable() and ch not in "^$|?+{}()\\"}
    return "".join(sorted(found | set("aA1 .,-'\n")))


def _fragments(pattern: re.Pattern[str]) -> list[str]:
    """Short repeatable pieces: the pattern's words, and random strings of its characters."""
    words = re.findall(r"[A-Za-z]{2,}", pattern.pattern)[:12]
    chars = _alphabet(pattern)
    rng = random.Random(pattern.pattern)
    pieces = ["".join(rng.choice(chars) for _ in range(rng.randint(2, 5))) for _ in range(12)]
    return [*(w + " " for w in words), *(w + "-" for w in words[:4]), *pieces]


def hostile(pattern: re.Pattern[str], size: int) -> Iterator[str]:
    """Pathological texts of about ``size`` characters for ``pattern``."""
    for ch in _alphabet(pattern):
        yield ch * size + "\x00"  # a run that ends in something no pattern wants
        yield "a" + ch * size
    for piece in _fragments(pattern):
        yield piece * (size // len(piece)) + "\x00"
    for opening, closing in ("()", "[]", "<>", "**", "--", "\"'"):
        yield opening * (size // 2) + "x" + closing * (size // 2 - 1)
    yield ("1," * (size // 2)) + "troops"
    yield "1 " + "a." * (size // 2) + " troops"


def _cost(run: Callable[[str], object], text: str, tries: int, loops: int) -> float:
    """The fastest of ``tries`` timings of ``loops`` runs, in seconds."""
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        for _ in range(loops):
            run(text)
        best = min(best, time.perf_counter() - start)
    return best


def growth(run: Callable[[str], object], small: str, large: str, loops: int = 1) -> float:
    """How much longer ``large`` takes than ``small`` (about 4 when linear)."""
    run(small)  # warm caches
    return _cost(run, large, 2, loops) / max(_cost(run, small, 3, loops), 1e-6)


def worst_growth(run: Callable[[str], object], texts: Callable[[int], Iterator[str]]) -> tuple:
    """The largest growth over the hostile texts, with the text that gave it."""
    worst = (0.0, "")
    for small, large in zip(texts(SMALL), texts(SMALL * GROWTH), strict=True):
        ratio = growth(run, small, large)
        for loops in (4, 16, 64):  # measure longer before blaming the code for a busy machine
            if ratio < LIMIT:
                break
            ratio = min(ratio, growth(run, small, large, loops))
        worst = max(worst, (ratio, small[:40]))
    return worst


PATTERNS = dict(_patterns())


def test_every_pattern_is_listed() -> None:
    listed = {name.split("[")[0] for name in PATTERNS}
    missing = listed - set(USES) - set(BOUNDED)
    assert not missing, f"say how these patterns are used: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(n for n in PATTERNS if n.split("[")[0] in USES))
def test_pattern_grows_linearly(name: str) -> None:
    pattern, use = PATTERNS[name], USES[name.split("[")[0]]
    ratio, text = worst_growth(lambda s: use(pattern, s), lambda n: hostile(pattern, n))
    assert ratio < LIMIT, f"{name}: x{ratio:.1f} for x{GROWTH} text like {text!r}"


def _match(pattern: re.Pattern[str], text: str) -> object:
    return pattern.match(text)


# Patterns of the event rules that read a whole story or a gap of any length.
WHOLE_TEXT: dict[str, tuple[re.Pattern[str], Use]] = {
    "actors._PERSON": (actors._PERSON, _finditer),
    "actors._OWNED_PERSON": (actors._OWNED_PERSON, _finditer),
    "slots.DIRECT": (slots.DIRECT, _match),
    "slots._FORCE_AT": (slots._FORCE_AT, _match),
    "lexicon.MILITARY_WORDS": (lexicon.MILITARY_WORDS, _finditer),
    "toponyms._INITIALISM": (toponyms._INITIALISM, _finditer),
}


@pytest.mark.parametrize("name", sorted(WHOLE_TEXT))
def test_event_rule_pattern_grows_linearly(name: str) -> None:
    pattern, use = WHOLE_TEXT[name]
    ratio, text = worst_growth(lambda s: use(pattern, s), lambda n: hostile(pattern, n))
    assert ratio < LIMIT, f"{name}: x{ratio:.1f} for x{GROWTH} text like {text!r}"


# Whole readers and rules, on the inputs of the bad-input probe and others like them:
# each shape makes a text of about n characters.
SHAPES: list[Callable[[int], str]] = [
    lambda n: "-" * n + "x\n\nTroops arrive in the north today\n\nThe troops came on Monday.",
    lambda n: "- " * (n // 2),
    lambda n: "# " + "#" * n + "x",
    lambda n: "# a" + " " * n + "x",
    lambda n: "<!--" * (n // 4),
    lambda n: "Title: x" + " " * n + "y\n---\n",
    lambda n: "troops to Poland " * (n // 17),
    lambda n: "1,111," * (n // 6) + " troops ",
    lambda n: "a." * (n // 2) + " troops ",
    lambda n: "A-" * (n // 2) + " Division troops ",
    lambda n: "." * n + "x",
    lambda n: "March 1, May 2 until June 3 " * (n // 28),
    lambda n: "the 1st Division" + " " * n + "x 2nd Division troops",
    lambda n: "| " + " " * n + "x",
    lambda n: "**a " * (n // 4),
    lambda n: "<http:" * (n // 6),
    lambda n: "[" * n,
    lambda n: "Pol\u200band, Bel\u00adarus. " * (n // 20),
    lambda n: "the\n" * (n // 4),
    lambda n: " \n" * (n // 2),
    lambda n: "a" + " " * n + "\nB",
    lambda n: "CAR " * (n // 4),
    lambda n: "Israeli Tanks Enter Rafah As Talks Stall. " * (n // 42),
    lambda n: "TROOPS ENTER RAFAH AS TALKS STALL " * (n // 34),
    lambda n: "A" * n + " To B",
]
READERS: dict[str, Callable[[str], object]] = {
    "read_text": lambda s: read.read_text("Headline line for a story\n\n" + s + "."),
    "markdown": lambda s: read.read_text("# Head\n\n" + s, name="s.md"),
    "split_stories": split.split_stories,
    "header_block": lambda s: meta.split_header_block(s, "t"),
    "front_matter": lambda s: meta.split_front_matter("---\n" + s, "t"),
    "sentences": sentences.split_sentences,
    "forces": lambda s: forces.find_forces(s, 0, {"US": "US"}.get),
    "dates": lambda s: dates.find_dates(s, 0, dt.date(2022, 2, 2)),
    "modality": lambda s: modality.modality_of(s, 0, len(s) - 1, len(s)),
    "initialisms": lambda s: toponyms.initialisms(s, _named(s)),
    "truecase": lambda s: truecase.truecase(s, sentences.split_sentences(s),
                                            frozenset({"tanks", "enter", "as"}),
                                            lambda word: word == "Rafah"),
}


def _named(text: str) -> list[tuple[int, int, str, object]]:
    """A toponym at every 40th character, so that many initials meet many mentions."""
    place = load_gazetteer().lookup("Central African Republic")[0]
    return [(i, i + 3, "Central African Republic", place) for i in range(0, len(text), 40)]


@pytest.mark.parametrize("reader", sorted(READERS))
def test_readers_grow_linearly(reader: str) -> None:
    run = READERS[reader]
    ratio, text = worst_growth(run, lambda size: (shape(size) for shape in SHAPES))
    assert ratio < LIMIT, f"{reader}: x{ratio:.1f} for x{GROWTH} text like {text!r}"


# Stories whose forces wait for an owner named elsewhere: every sentence's force looks
# across the story once, so the cost must not grow with (forces x events).
STORIES: list[Callable[[int], str]] = [
    lambda n: "Soldiers arrived in Gao. " * (n // 25) + "Chad's army sent troops to Mali.",
    lambda n: "Soldiers arrived in Gao. Chadian troops are in Chad. " * (n // 52),
    lambda n: "Chad's army held drills in Mali. " + "About 300 soldiers took part in the "
    "drill. " * (n // 43),
    lambda n: "pro-" * (n // 4) + "Russian fighters entered Sloviansk.",
]


def test_story_owners_grow_linearly() -> None:
    gazetteer = load_gazetteer()

    def run(text: str) -> object:
        return pipeline.extract_article(Article("t", text), gazetteer, grammar=False)

    for story in STORIES:  # long enough for a pass over (forces x events) to show
        small, large = story(16 * SMALL), story(16 * SMALL * GROWTH)
        ratio = growth(run, small, large)
        assert ratio < LIMIT, f"x{ratio:.1f} for x{GROWTH} text like {small[:40]!r}"
