"""Words that open military frames and the prepositions that fill their slots, as data.

Trigger lemmas map to the frame they open (verbs and nouns apart); preposition sets say
which oblique is a destination, an origin or a location.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Token = Any  # a spaCy Token; spaCy is imported only where the parser is loaded
ActorOf = Callable[[str], "str | None"]

# Trigger lemmas and the frame they open. Verbs and nouns are looked up apart.
MOVE_VERBS = frozenset(
    "send order deploy redeploy dispatch move fly airlift ship sail transfer relocate rush arrive "
    "land enter head march advance go return pour roll cross invade bring reach storm "
    "reinforce reposition shift surge dock".split())
LEAVE_VERBS = frozenset("withdraw leave depart retreat evacuate exit quit abandon".split())
PULL_VERBS = frozenset("pull draw move fly".split())  # with "out", "back", "away"
STAY_VERBS = frozenset(
    "station base mass amass position garrison remain stay patrol operate concentrate "
    "gather keep maintain poise deploy build".split())
DRILL_VERBS = frozenset("drill exercise".split())
# Verbs whose subject owns the force they govern ("Russia has 40,000 troops in Belarus").
HOLD_VERBS = frozenset("have keep maintain lead command station base deploy field operate "
                       "mass amass position retain send dispatch include number".split())
FRAMES: dict[tuple[str, str], str] = {
    **{("V", lemma): "deployment" for lemma in MOVE_VERBS},
    **{("V", lemma): "withdrawal" for lemma in LEAVE_VERBS},
    **{("V", lemma): "presence" for lemma in STAY_VERBS - {"deploy"}},
    **{("V", lemma): "exercise" for lemma in DRILL_VERBS},
    **{("N", lemma): "deployment" for lemma in
       "deployment redeployment dispatch arrival transfer invasion incursion".split()},
    **{("N", lemma): "withdrawal" for lemma in
       "withdrawal pullout pull-out departure drawdown retreat evacuation".split()},
    **{("N", lemma): "presence" for lemma in
       "presence buildup build-up concentration garrison".split()},
    **{("N", lemma): "exercise" for lemma in
       "drill exercise manoeuvre maneuver wargame war-game".split()},
}
# Verbs whose "in X" is where the force ends up ("arrived in Romania").
IN_IS_DESTINATION = frozenset("arrive land deploy station base enter dock send".split())
# Verbs whose bare object is a place: where the force goes, or what it leaves.
OBJECT_DESTINATION = frozenset("enter invade reach cross storm".split())
OBJECT_ORIGIN = frozenset("leave depart exit evacuate quit abandon".split())
TO = frozenset({"to", "into", "toward", "towards", "onto"})
FROM = frozenset({"from", "out"})
AT = frozenset({"in", "at", "near", "along", "inside", "across", "around", "on", "off",
                 "outside", "within", "throughout", "over", "between", "beyond"})
BORDER_WORDS = frozenset({"border", "frontier", "boundary", "line"})
SIDES = re.compile(r"north|south|east|west")
# "left the country", "entered the city": the last place of that kind named before.
DEFINITE_PLACES = {"country": ("country",), "nation": ("country",), "city": ("city",),
                    "town": ("city",), "capital": ("city",), "region": ("admin1", "region"),
                    "province": ("admin1",), "enclave": ("conflict_area", "region", "city"),
                    "territory": ("conflict_area", "region", "admin1", "country")}
# Words that head a force phrase when no count is given ("the brigade departed").
MILITARY_HEADS = frozenset(
    "troop soldier force brigade battalion division regiment unit army navy marine "
    "paratrooper sailor airman fighter militant peacekeeper contingent battlegroup "
    "warship destroyer carrier frigate submarine bomber jet drone tank commando "
    "reservist mercenary personnel garrison corps squadron fleet ship vessel".split())
# A sentence is parsed only when it has a force or one of these words: the parse is the
# costly step, and a sentence without them holds no military event.
MILITARY_WORDS = re.compile(
    r"\b(?:troop|soldier|forces|brigade|battalion|regiment|armies|army|navy|navies|marine|"
    r"paratrooper|sailor|airm[ae]n|fighters|militant|militia|rebel|insurgent|peacekeep|"
    r"contingent|battle ?group|warship|destroyer|aircraft carrier|frigate|submarine|bomber|"
    r"fighter jet|drone|tank|commando|reservist|mercenar|garrison|squadron|fleet|vessel|"
    r"drill|exercise|manoeuvre|maneuver|war ?game|deploy|redeploy|withdr[ae]w|pull(?:ed|s|ing)? "
    r"(?:out|back)|station(?:ed|ing)|buildup|build-up|massing|massed)", re.I)
NOMINAL = frozenset({"compound", "amod", "nmod", "nmod:poss", "flat", "det", "case",
                      "nummod", "fixed", "det:poss", "nmod:npmod", "nmod:tmod", "appos",
                      "advmod", "dep"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "they", "them"})
YEAR = re.compile(r"(?:1[89]|20)\d\d")  # a bare number that reads as a year, not a count
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,7}")
