"""Find military forces in a sentence: counts, personnel, named units and equipment."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace

from dashboard.extract.lexicon import YEAR
from dashboard.records import Force

ActorOf = Callable[[str], "str | None"]

PERSONNEL = (
    "troops|soldiers|servicemembers|service members|servicemen|service personnel|"
    "military personnel|personnel|paratroopers|marines|sailors|airmen|forces|fighters|"
    "reservists|conscripts|peacekeepers|blue helmets|commandos|infantrymen|troopers|"
    "guardsmen|"
    "national guard members|military advisers|military advisors|advisers|instructors|"
    "military trainers|"
    "mercenaries|militants|rangers|special forces|special operations forces|units|"
    "contingents?|battlegroups?|battle groups?|garrisons?|peacekeeping forces?|"
    "brigades|battalions|divisions|regiments|coalition forces|coalition|task force|navies|"
    "border guards|police officers|policemen|police personnel|police contingents?|"
    "formed police units|gendarmes|reinforcements|rebels|rebel fighters|insurgents|"
    "militiamen|militias|guerrillas|jihadists|paramilitaries|"
    "servicemen and women|monitors|observers|"
    "combat troops|ground troops|ground forces|military police|personnel"
)
EQUIPMENT = (
    r"main battle tanks|tanks|combat helicopters|attack helicopters|helicopters|"
    r"fighter jets|fighter planes|warplanes|jets|bombers|aircraft carriers?|"
    r"(?:fighter|combat|military|attack|strike|transport|surveillance|patrol) aircraft|"
    r"carrier strike groups?|strike groups?|combat drones|attack drones|drones|"
    r"unmanned aerial vehicles|missile systems|missile launchers|missiles|"
    r"air defen[cs]e systems|patriot batter(?:y|ies)|patriot missiles?|batteries|"
    r"rocket launchers|rocket systems|himars|artillery pieces|artillery|howitzers|"
    r"armou?red vehicles|armou?red personnel carriers|infantry fighting vehicles|"
    r"warships?|ships|vessels|destroyers?|frigates?|corvettes?|submarines?|landing ships|"
    r"cruisers?|guided-missile destroyers?|"
    r"amphibious assault ships?|(?:f-\d+s?|su-\d+s?|mig-\d+s?|b-52s?)(?!\s++(?:[A-Z][\w-]{0,40}+"
    r"\s++){0,2}(?:fighters?|jets?|bombers?|aircraft|warplanes?|planes?)\b)|bayraktars?|"
    r"artillery shells|shells|rounds of ammunition|ammunition|munitions|weapons|arms|"
    r"military equipment|military hardware|pieces of military hardware|military aid"
)
_NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100,
    "a thousand": 1000,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague quantities: (best guess, minimum, maximum).
_VAGUE = {
    "several thousand": (3000, 2000, 9000), "thousands of": (3000, 2000, None),
    "tens of thousands of": (30000, 20000, None), "hundreds of thousands of": (300000, 200000,
                                                                               None),
    "several hundred": (300, 200, 900), "hundreds of": (300, 200, None),
    "a few hundred": (300, 200, 500), "a few thousand": (3000, 2000, 5000),
    "dozens of": (36, 24, None),
    "millions of": (3_000_000, 1_000_000, None),
    "several dozen": (36, 24, 100), "a dozen": (12, 12, 12),
    "scores of": (60, 40, None),
}

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
# The largest count kept as a number: beyond any army. Larger ones keep their words only.
MAX_COUNT = 10_000_000
_MAX_DIGITS = 12
_WORD_NUM = ("(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_UNITS) + r")\b)?|"  # "thirty-
             + "|".join(sorted((w for w in _NUM_WORDS if " " not in w), key=len,  # two"
                               reverse=True)))
_QUALIFIER = (r"(?P<qual>about|around|some|roughly|approximately|nearly|almost|up to|"
              r"as many as|more than|over|at least|fewer than|less than|an estimated|"
              r"another|an additional|additional|a further|further)\s+")
_COUNT = (
    r"(?:" + _QUALIFIER + r")?(?P<count>"
    + "|".join(re.escape(v) for v in sorted(_VAGUE, key=len, reverse=True))
    + r"|(?:" + _NUMBER + r")(?:\s+(?:hundred|thousand|million))?"
    + r"|(?:" + _WORD_NUM + r")\s+(?:hundred|thousand|million)"  # "two thousand five
    + r"(?:\s+(?:and\s+)?(?:" + _WORD_NUM + r")(?:\s+hundred)?)?"  # hundred", "nine
    + r"(?:\s+(?:and\s+)?(?:" + _WORD_NUM + r"))?"  # hundred and fifty"
    + r"|(?:" + _WORD_NUM + r")|a\s+(?:hundred|thousand))"  # "a hundred tanks"
)
# Up to four modifier words between the count and the noun ("1,000 US soldiers",
# "30,000 additional combat-ready Russian troops").
# Modifiers are adjectives and names, never function words or verbs: "2019 and maintains
# several thousand troops" holds no count of 2019.
_NOT_MODIFIER = (r"(?!(?:and|or|but|to|of|in|on|at|for|from|with|by|the|a|an|is|are|was|were|"
                 r"has|have|had|will|would|said|says|than|that|which|who|since|maintains|keeps|"
                 r"number|deployed|sent|its|their|his|her|when|where|while|after|before|as|if|"
                 r"then|also|all|both|these|those|such|into|onto|toward|towards)\b)")
_MODIFIERS = (r"(?P<mods>(?:(?:and\s+(?=[A-Z])|" + _NOT_MODIFIER
              + r"(?:[A-Za-z][\w.'\u2019-]*+|\d{1,2}[A-Z]?)\s++)){0,5}?)")
# A count starts a number: not inside a word or a name ("F-16"), nor after the thousands
# comma or decimal point of another number ("20,000" holds no count of "000"). After a
# number and a hyphen it is the top of a range ("4,000-5,000 troops").
_COUNT_START = r"(?<!\w)(?<![^\W\d]-)(?<!\w_-)(?<!\d[,.])"
# "a 1,000-strong contingent", "the 4,500-strong KFOR mission": a count of people whose noun
# may be a body that is not a force word alone ("force", "mission").
_STRONG_NOUNS = (r"force|mission|army|militia|column|convoy|brigade|battalion|regiment|"
                 r"division|unit|contingent|garrison|battlegroup|battle group|task force|"
                 r"detachment")
_FORCE = re.compile(
    _COUNT_START + _COUNT + r"(?:\s+|(?P<strong>-strong\s+))" + _MODIFIERS
    + r"(?P<noun>" + PERSONNEL + r"|" + EQUIPMENT + r"|(?(strong)(?:" + _STRONG_NOUNS
    + r")|(?!)))\b",
    re.I,
)
# "another 2,000 stationed in ..." : a count whose noun is implied by a previous force.
_ELLIPTIC = re.compile(
    r"\b(?P<qual>another|an additional|a further|some|about|up to|roughly|around|nearly|"
    r"almost|approximately)\s+(?P<count>" + _NUMBER
    + r")\b(?=\s+(?:more\s+)?(?:stationed|based|deployed|who|from|of them|will|would|are|"
    r"were|in|at))",
    re.I,
)
# Forces without a count: "Russian forces", "US troops", "tanks", "combat drones".
# Modifier words are bounded (41 characters), so that a long token such as "a.a.a.a..."
# cannot be rescanned from each of its word boundaries.
_BARE = re.compile(
    r"(?P<mods>(?:\b[A-Za-z][\w.'\u2019-]{0,40}+\s++){0,3}?)\b(?P<noun>" + PERSONNEL + r"|"
    + EQUIPMENT + r")\b", re.I)
# A cheap first look: most sentences name no force at all.
_ANY_FORCE_WORD = re.compile(r"\b(?:" + PERSONNEL + r"|" + EQUIPMENT + r"|division|brigade|"
                             r"regiment|battalion|squadron|corps|army|fleet|wing|group|unit|"
                             r"airborne|infantry|cavalry|company|team|strong|force|another|"
                             r"additional|further)\b", re.I)
# The bottom of a range right before a count: "50,000 to", "4,000-", "between 10 and".
_RANGE_BEFORE = re.compile(r"\b(\d{1,3}(?:,\d{3})++|\d++)\s*+(?:to|-|\u2013|and)\s*+$")
_RANGE_WINDOW = 48
# Name words are bounded (41 characters) for the same reason as the bare modifiers.
_UNIT = re.compile(
    r"\b(?:the\s+)?(?P<unit>\d{1,3}(?:st|nd|rd|th)\s++(?:[A-Z][\w-]{0,40}+\s++){0,5}"
    r"(?:Division|Brigade(?: Combat Team)?|Regiment|Battalion|Squadron|Corps|Army|Fleet|"
    r"Wing|Group|Expeditionary Unit|Marine Expeditionary Unit|Airborne|Infantry|Cavalry)"
    r"|(?:[A-Z][\w-]{1,40}+\s++){1,3}(?:Fleet|Expeditionary Unit|Strike Group|"
    r"Airborne Division)"
    r"|(?:(?:a|an|one)\s+)?(?!(?:The|This|That|These|Those|Its|Their|Our|His|Her|A|An)\s)"
    r"(?:[A-Z][\w-]{1,40}+\s++)(?:squadron|battalion|brigade|regiment|company|division))\b"
)
_UNIT_GAP = re.compile(r"\s*+(?:of|from|,)?+\s*+(?:the)?+\s*+")


def find_forces(sentence: str, offset: int, actor_of: ActorOf) -> list[Force]:
    """All forces in ``sentence`` (starting at ``offset`` in the article)."""
    forces: list[Force] = []
    if not _ANY_FORCE_WORD.search(sentence):
        return forces
    for match in _FORCE.finditer(sentence):
        if not _is_date(match, sentence):
            forces.append(_force_from(match, sentence, offset, actor_of))
    counted = len(forces)  # counted forces, in order and apart from one another
    for match in _ELLIPTIC.finditer(sentence):
        before = bisect.bisect_left(forces, offset + match.start(), 0, counted,
                                    key=lambda f: f.start)
        template = forces[before - 1] if before else None
        count = _parse_count(match.group("count"))
        forces.append(Force(
            start=offset + match.start(), end=offset + match.end(), text=match.group(0),
            count=count, count_text=match.group(0), count_min=count, count_max=count,
            personnel=template.personnel if template else "troops",
            actor=template.actor if template else None,
        ))
    starts, reach = _reach(forces)
    for match in _BARE.finditer(sentence):
        if _covered(starts, reach, offset + match.start("noun")):
            continue
        forces.append(_bare_force(match, offset, actor_of))
    units = {f.unit for f in forces}
    for match in _UNIT.finditer(sentence):
        unit = match.group("unit").strip()
        if unit in units:
            continue
        units.add(unit)
        before = sentence[max(0, match.start("unit") - 25):match.start("unit")]
        forces.append(Force(start=offset + match.start("unit"), end=offset + match.end("unit"),
                            text=unit, unit=unit,
                            actor=_actor_in(unit, actor_of) or _actor_in(before, actor_of)))
    forces.sort(key=lambda f: f.start)
    forces = [_with_ship_prefix(f, sentence, offset) for f in forces if _is_military(f)]
    return _attach_units(forces, sentence, offset)


# Reinforcements are a force with an owner or a military word of their own ("Russian
# reinforcements", "military reinforcements"), not "firefighting reinforcements". (Police
# are kept here; the pipeline keeps their events only abroad: "Kenya sent 400 police
# officers to Haiti", not "police officers were sent to Manchester".)
_MILITARY_MODIFIER = re.compile(r"\b(?:military|army|troop|armed|naval|navy|war|spy|patrol|"
                                r"coast guard|PLAN|PLA)\b", re.I)


def _is_military(force: Force) -> bool:
    """False for reinforcements, ships or vessels that name no owner and no military word
    ("firefighting reinforcements", "ships carrying supplies")."""
    generic = force.personnel == "reinforcements" or force.equipment in (("ships",),
                                                                         ("vessels",))
    return force.actor is not None or not generic or \
        _MILITARY_MODIFIER.search(force.text) is not None


def is_police(force: Force | None) -> bool:
    """Whether a force is a police body, which is military news only abroad."""
    return force is not None and bool(force.personnel) and (
        "police" in force.personnel or force.personnel in ("gendarmes", "policemen"))


# A year ("in October 2019 when American forces", "since 2017 NATO battlegroups") or part
# of a written date ("2023-12-23 Last French troops") is no count; a year-like number is a
# count unless a preposition or month says it is a year ("2000 Russian troops arrived").
_DATE_BEFORE = re.compile(r"(?:\d{4}-\d{1,2}-|\d{1,2}[/.-]\d{1,2}[/.-])$")
_YEAR_WORD_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|during|early|late|mid|summer|winter|spring|"
    r"autumn|fall|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,?\s*+)$", re.I)


def _is_date(match: re.Match[str], sentence: str) -> bool:
    """True when a count match's number is a year or part of a written date."""
    count = match.group("count")
    start = match.start("count")
    if _DATE_BEFORE.search(sentence, max(0, start - 12), start):
        return True
    if match.group("qual") or not YEAR.fullmatch(count):
        return False
    return _YEAR_WORD_BEFORE.search(sentence, max(0, start - 12), start) is not None


def _reach(forces: list[Force]) -> tuple[list[int], list[int]]:
    """The forces' starts in order, and how far the forces up to each one reach."""
    spans = sorted((f.start, f.end) for f in forces)
    reach, furthest = [], -1
    for _, end in spans:
        furthest = max(furthest, end)
        reach.append(furthest)
    return [start for start, _ in spans], reach


def _covered(starts: list[int], reach: list[int], position: int) -> bool:
    """True when ``position`` falls inside a force: one starting at or before it reaches past."""
    index = bisect.bisect_right(starts, position)
    return index > 0 and reach[index - 1] > position


# Navies name their ships with a national prefix: "the destroyer USS Carney".
_SHIP_PREFIX = re.compile(r"^,?\s+(USS|HMS|HMAS|HMCS|HMNZS|INS|FS|JS|ROKS|TCG|HNLMS|ITS|ESPS|"
                          r"KRI|BRP|ARA|PNS)\s+[A-Z]")
SHIP_PREFIXES = {"USS": "US", "HMS": "GB", "HMAS": "AU", "HMCS": "CA", "HMNZS": "NZ",
                 "INS": "IN", "FS": "FR", "JS": "JP", "ROKS": "KR", "TCG": "TR", "HNLMS": "NL",
                 "ITS": "IT", "ESPS": "ES", "KRI": "ID", "BRP": "PH", "ARA": "AR", "PNS": "PK"}
# A warship named by its navy's prefix ("HMAS Tobruk will arrive"), capitals as written.
SHIP_NAME = re.compile(r"\b(?:" + "|".join(SHIP_PREFIXES) + r") [A-Z]")


def _with_ship_prefix(force: Force, sentence: str, offset: int) -> Force:
    """Give a ship its navy's country from the prefix of its name."""
    if force.actor or not force.equipment:
        return force
    match = _SHIP_PREFIX.match(sentence[force.end - offset:force.end - offset + 12])
    if match is None:
        return force
    return Force(force.start, force.end, force.text, force.count, force.count_text,
                 force.count_min, force.count_max, force.personnel, force.unit,
                 force.equipment, SHIP_PREFIXES[match.group(1)])


def _force_from(match: re.Match[str], sentence: str, offset: int, actor_of: ActorOf) -> Force:
    """Build a Force from one count-modifiers-noun match."""
    count_words = match.group("count").lower()
    qualifier = (match.group("qual") or "").lower()
    best, low, high = _vague_or_exact(count_words)
    if qualifier in ("up to", "as many as", "fewer than", "less than"):
        low = None
    elif qualifier in ("more than", "over", "at least"):
        high = None
    noun = match.group("noun")
    is_equipment = re.fullmatch(EQUIPMENT, noun, re.I) is not None and not re.fullmatch(
        PERSONNEL, noun, re.I)
    mods = match.group("mods") or ""
    equipment = (noun.lower(),) if is_equipment else ()
    count_start = match.start("qual") if match.group("qual") else match.start("count")
    start = match.start()
    lower = _RANGE_BEFORE.search(sentence, max(0, count_start - _RANGE_WINDOW), count_start)
    bottom = _parse_count(lower.group(1)) if lower else None
    if lower and best is not None and bottom is not None and bottom < best:
        # "4,000-5,000 troops", "50,000 to 60,000 troops": at least the lower figure.
        best = low = bottom
        count_start = start = lower.start()
    return Force(
        start=offset + start, end=offset + match.end(), text=sentence[start:match.end()],
        count=best, count_text=sentence[count_start : match.end("count")],
        count_min=low, count_max=high,
        personnel=None if is_equipment else noun.lower(),
        equipment=equipment,
        actor=_actor_in(mods, actor_of),
    )


def _bare_force(match: re.Match[str], offset: int, actor_of: ActorOf) -> Force:
    """Build a Force without a count; its span takes in an actor word right before it."""
    noun = match.group("noun")
    is_equipment = re.fullmatch(PERSONNEL, noun, re.I) is None
    mods = match.group("mods") or ""
    start = match.start("noun")
    words = list(re.finditer(r"\S+", mods))
    actor = None
    for size in (2, 1):  # "North Korean troops", "Russian troops"
        if len(words) >= size and (actor := actor_of(
                " ".join(w.group(0) for w in words[-size:]))):
            start = match.start("mods") + words[-size].start()
            break
    text = match.string[start : match.end("noun")]
    return Force(
        start=offset + start, end=offset + match.end("noun"), text=text,
        personnel=None if is_equipment else noun.lower(),
        equipment=(noun.lower(),) if is_equipment else (), actor=actor,
    )


def _vague_or_exact(words: str) -> tuple[int | None, int | None, int | None]:
    """(best, min, max) for a count phrase."""
    words = " ".join(words.split())
    if words in _VAGUE:  # "thousands of troops" gives bounds, not a figure of its own
        _, low, high = _VAGUE[words]
        return None, low, high
    value = _parse_count(words)
    return value, value, value


def _parse_count(words: str) -> int | None:
    """Parse "1,000", "1.5 million", "two thousand", "30" into an integer.

    None when it is no number or larger than ``MAX_COUNT``: a count beyond any army keeps
    its words (``count_text``) but no figure, so no store or map ever meets a huge integer.
    """
    parts = [p for w in words.lower().replace(",", "").split() for p in w.split("-") if p]
    if not parts or len(parts[0]) > _MAX_DIGITS:
        return None
    try:
        value = float(parts[0])
    except ValueError:
        return _words_value(parts)
    for part in parts[1:]:
        value *= _SCALE.get(part, 1)
    return int(value) if value <= MAX_COUNT else None


def _words_value(parts: list[str]) -> int | None:
    """The value of a number in words: "thirty two", "two thousand five hundred", "nine
    hundred and fifty" (None when a word is no number)."""
    total = current = 0
    for part in parts:
        if part in ("and", "a"):
            continue  # "a hundred": one hundred
        if part in _NUM_WORDS:
            current += _NUM_WORDS[part]
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part in ("thousand", "million"):
            total += max(current, 1) * _SCALE[part]
            current = 0
        else:
            return None
    value = total + current
    return value if value <= MAX_COUNT else None


_PROXY = ("-backed", "-supported", "-sponsored", "-funded", "-trained", "-armed", "-aligned",
          "-allied", "-affiliated", "-linked", "-inspired")


def is_proxy(word: str) -> bool:
    """Whether a modifier names whom a force serves, not whose it is ("Iranian-backed",
    "UAE-trained", "pro-Russian", "anti-government")."""
    word = word.lower()
    return word.endswith(_PROXY) or word.startswith(("pro-", "anti-"))


def proxy_at(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is part of a hyphenated word naming whom a force
    serves ("pro-Russian", "Iranian-backed"), read at most 12 characters either side."""
    left = start
    while left > max(0, start - 12) and (text[left - 1].isalnum() or text[left - 1] == "-"):
        left -= 1
    right = end
    while right < min(len(text), end + 12) and (text[right].isalnum() or text[right] == "-"):
        right += 1
    return is_proxy(text[left:right])


def _actor_in(words: str, actor_of: ActorOf) -> str | None:
    """The actor named by a modifier word ("US", "Russian", "North Korean")."""
    tokens = [t.removesuffix("-led") for t in re.findall(r"(?<![\w-])[A-Z][\w.'\u2019-]*", words)
              if not is_proxy(t)]  # "Iranian-backed" or "pro-Russian" fighters are no one's
    for end in range(len(tokens), 0, -1):  # the actor nearest the noun, longest name first
        for size in (3, 2, 1):
            if end - size >= 0:
                code = actor_of(" ".join(tokens[end - size : end]))
                if code:
                    return code
    return None


def _attach_units(forces: list[Force], sentence: str, offset: int) -> list[Force]:
    """Join "a X squadron of the Yth Regiment" and give a named unit to its counted force."""
    out: list[Force] = []
    for force in forces:
        prev = out[-1] if out else None
        if prev and force.unit and prev.unit and prev.count_text is None and not prev.equipment \
                and _UNIT_GAP.fullmatch(sentence, prev.end - offset, force.start - offset):
            out[-1] = _with_unit(prev, sentence[prev.start - offset : force.end - offset],
                                 force.actor)
            continue
        out.append(force)
    return _merge_units_into_counts(out)


def _merge_units_into_counts(forces: list[Force]) -> list[Force]:
    """Give each unit-only force to the counted force within 40 characters of it."""
    is_unit = [bool(f.unit and f.count_text is None and not f.personnel) for f in forces]
    rest = [f for f, unit in zip(forces, is_unit, strict=True) if not unit]
    starts = [f.start for f in rest]  # in order: forces come sorted by start
    extra: list[Force] = []
    for unit in (f for f, flag in zip(forces, is_unit, strict=True) if flag):
        # Only forces starting in a window around the unit are looked at (1,000 characters
        # before it, far more than a real force spans), found by bisection.
        lo = bisect.bisect_left(starts, unit.start - _NEAR - _LONGEST_FORCE)
        hi = bisect.bisect_right(starts, unit.end + _NEAR)
        index = next((i for i in range(lo, hi) if _near(unit, rest[i])), None)
        if index is None:
            extra.append(unit)
            continue
        target = rest[index]
        rest[index] = Force(
            target.start, target.end, target.text, target.count, target.count_text,
            target.count_min, target.count_max, target.personnel, unit.unit,
            target.equipment, target.actor or unit.actor)
    return sorted(rest + extra, key=lambda f: f.start)


_NEAR = 40
_LONGEST_FORCE = 1000


def _near(unit: Force, force: Force) -> bool:
    """True for a counted force without a unit within 40 characters of ``unit``."""
    return force.count_text is not None and force.unit is None and min(
        abs(unit.start - force.end), abs(force.start - unit.end)) <= _NEAR


def _with_unit(force: Force, unit: str, actor: str | None) -> Force:
    """A copy of a unit force with a longer unit name."""
    return Force(force.start, force.start + len(unit), unit, unit=unit,
                 actor=force.actor or actor)


def with_size(force: Force, size: Force | None) -> Force:
    """A force counted by another phrase of its own ("the brigade ... will consist of 5,000
    soldiers"): the count's words, the force's owner and unit."""
    if size is None:
        return force
    return replace(size, actor=force.actor or size.actor, unit=force.unit or size.unit)
