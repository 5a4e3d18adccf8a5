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
    "reinforce reposition shift surge dock divert mobilize mobilise rotate ferry transport "
    "intervene proceed push infiltrate penetrate capture seize overrun recapture retake transit "
    "converge visit".split())
LEAVE_VERBS = frozenset(
    "withdraw leave depart retreat evacuate exit quit abandon vacate disengage flee".split())
PULL_VERBS = frozenset("pull draw move fly".split())  # with "out", "back", "away"
# Verbs of driving a force out: its object or passive subject leaves, and their subject is
# the other side ("Russian forces were driven from Kherson", "Ukraine ousted Russian troops
# from Kharkiv"); the second set only with "out", "back", "away" or "from".
EXPEL_VERBS = frozenset("oust expel dislodge evict rout".split())
EXPEL_WITH_PARTICLE = frozenset("drive push force chase kick throw beat".split())
# Verbs of shrinking a force where it is: "will reduce its troops in Estonia to 900".
REDUCE_VERBS = frozenset("reduce cut halve trim shrink downsize".split())
# Verbs whose bare object is where the force is: "Russian forces occupy parts of Kherson",
# "the RSF besieged El Fasher", "ships patrolled the strait".
OBJECT_LOCATION = frozenset("patrol occupy besiege encircle surround guard defend man "
                            "secure control".split())
STAY_VERBS = frozenset(
    "station base mass amass position garrison remain stay operate concentrate gather keep "
    "maintain poise deploy build accumulate".split()) | OBJECT_LOCATION
DRILL_VERBS = frozenset("drill exercise".split())
# Drills that are no military exercise: "a fire drill", "an earthquake drill".
CIVIL_DRILLS = frozenset("fire safety evacuation earthquake tsunami lockdown disaster "
                         "shooter flood".split())
# Verbs of training, drills only when intransitive ("5,000 troops trained on Luzon", not
# "instructors trained Ukrainian soldiers in Germany").
TRAIN_VERBS = frozenset("train practice practise rehearse".split())
# Giving up a base is leaving the place it stands in: "ATMIS handed over the Biyo Cadde
# base", "the coalition closed its base at Ain al-Asad", "the handover of the base".
HANDOVER_VERBS = frozenset("close shut vacate dismantle".split())  # and "hand over/back"
HANDOVER_NOUNS = frozenset("handover hand-over closure".split())
# Giving a base back: "France returned its last bases in Senegal", "the return of the base".
RETURN_WORDS = frozenset("return restitution restore transfer".split())
BASE_NOUNS = frozenset("base camp outpost post position facility installation barracks "
                       "garrison airbase airfield headquarters".split())
# Verbs of seeing a force somewhere: it is there, and it is not the seer's ("Taiwan detected
# six Chinese warships around the island").
OBSERVE_VERBS = frozenset("detect spot sight observe track".split())
# Verbs whose subject is where the force is: "Poland hosts 10,000 US troops".
HOST_VERBS = frozenset("host house".split())
# Verbs whose subject owns the force they govern ("Russia has 40,000 troops in Belarus").
HOLD_VERBS = frozenset("have keep maintain lead command station base deploy field operate "
                       "mass amass position retain send dispatch include number".split())
FRAMES: dict[tuple[str, str], str] = {
    **{("V", lemma): "deployment" for lemma in MOVE_VERBS},
    **{("V", lemma): "withdrawal" for lemma in LEAVE_VERBS | REDUCE_VERBS},
    **{("V", lemma): "presence" for lemma in STAY_VERBS - {"deploy"}},
    **{("V", lemma): "exercise" for lemma in DRILL_VERBS | TRAIN_VERBS},
    **{("V", lemma): "presence" for lemma in OBSERVE_VERBS | HOST_VERBS},
    **{("N", lemma): "deployment" for lemma in
       "deployment redeployment dispatch arrival transfer invasion incursion offensive "
       "advance visit".split()},
    **{("N", lemma): "withdrawal" for lemma in
       "withdrawal pullout pull-out pullback departure drawdown retreat evacuation exit "
       "disengagement repatriation".split()},
    **{("N", lemma): "presence" for lemma in
       "presence buildup build-up concentration garrison operation".split()},
    **{("N", lemma): "exercise" for lemma in
       "drill exercise manoeuvre maneuver wargame war-game".split()},
}
# Verbs of saying whose own modality is not the reported event's: "a spokesman would only say
# that the Navy maintains a force in the Gulf" (denying is not one of them).
SAY_VERBS = frozenset("say tell state add report note explain confirm write announce "
                      "reveal disclose show indicate".split())
# Verbs of harming: a force they strike is a casualty, not a presence ("terrorists killed 15
# soldiers along the border").
HARM_VERBS = frozenset("kill wound injure lose attack ambush target shoot bomb strike hit abduct "
                       "kidnap slay murder behead execute capture".split())
# Verbs that give a force's size: "the brigade will consist of 5,000 soldiers".
SIZE_VERBS = frozenset("consist comprise number total include".split())
# Nouns that, named by an alliance or group, are a force of their own ("the African Union
# mission withdrew from Somalia"; not "a Hamas delegation").
MISSIONS = frozenset({"mission", "force", "operation", "coalition"})
# What a force joins when joining it moves the force: "500 Kenyan soldiers will join the
# mission in Haiti", "troops joined the fighting in Kursk" (not "joined forces with", nor
# "Finland joined NATO").
JOINED = MISSIONS | frozenset("contingent battlegroup fight fighting war battle offensive "
                              "deployment peacekeeping effort".split())
# Trigger nouns that are never verbs: a parse that tags one as a verb ("Israel's withdrawal"
# read as a participle) is mended before reading.
NOUN_ONLY_TRIGGERS = frozenset(
    lemma for kind, lemma in FRAMES if kind == "N" and ("V", lemma) not in FRAMES
    and lemma.endswith(("al", "ment", "ure", "ion", "out", "back")))
# Moves that go somewhere even when only their start is named ("an incursion out of Gaza").
ONWARD = frozenset("incursion invasion invade advance storm push penetrate infiltrate "
                   "march offensive".split())
# Verbs whose "in X" is where the force ends up ("arrived in Romania").
IN_IS_DESTINATION = frozenset("arrive land deploy station base enter dock send move "
                               "intervene join visit".split())
# Verbs and nouns of advancing whose "on" is where the force goes ("the rebel advance on
# Goma", "troops marched on the capital"), and verbs of passing whose "through"/"via" is a
# place the force reaches ("six F-22s transited through RAF Lakenheath").
ON_IS_DESTINATION = frozenset("advance march push converge".split())
THROUGH_IS_DESTINATION = frozenset("transit fly sail move".split())
# Verbs of setting out whose "for" is where the force goes ("airlifted for Tongatapu",
# "set sail for Crete", "left Kidal for Gao").
FOR_IS_DESTINATION = frozenset("head fly sail airlift ship set embark depart".split())
# Verbs whose bare object is a place: where the force goes, or what it leaves.
OBJECT_DESTINATION = frozenset(
    "enter invade reach cross storm capture seize occupy overrun infiltrate penetrate "
    "recapture retake transit join visit".split())
# Verbs whose subject is itself the force when it names an armed group or a mission ("M23
# seized Goma", "MONUSCO withdrew from Bukavu"), and the few whose subject is a country's
# forces when it names a country ("Russia invaded Ukraine", "Israel withdrew from Gaza").
GROUP_MOVES = frozenset(
    "advance enter invade march withdraw retreat push cross storm capture seize occupy overrun "
    "deploy redeploy infiltrate penetrate recapture retake besiege encircle surround patrol "
    "disengage vacate".split()) | {"take control"}  # not arrive, return: "Hamas arrived in
# Cairo for talks" is a delegation
# Nouns whose owner is the force that moves ("Israel's withdrawal from Gaza"; not the
# background "Russia's invasion of Ukraine" of countless stories), and those whose "of" is
# where it goes.
OWNER_MOVES = frozenset("withdrawal pullout pull-out pullback retreat incursion offensive "
                        "deployment redeployment drawdown exit disengagement departure".split())
# Verbs that take control of a place ("took control of the village of Robotyne").
CONTROL_VERBS = frozenset("take gain regain seize assume wrest establish".split())
# Verbs whose subject owns the move their object names ("launched an offensive into").
LAUNCH_VERBS = frozenset("launch begin start complete mount conduct carry finish "
                         "commence".split())
# Verbs whose subject is the force making the visit they govern: "two Chinese warships made
# a port call in Colombo", "the fleet concluded a five-day visit to Havana".
VISIT_VERBS = LAUNCH_VERBS | frozenset("make pay conclude end".split())
# What makes a "presence" a force's ("a military presence", "its naval presence"), and
# the verbs that grow or shrink one ("expanded its naval presence in the Red Sea", "scaled
# back its military presence in Iraq").
PRESENCE_KINDS = frozenset("military naval navy army troop air armed".split())
GROW_WORDS = frozenset("expand increase boost bolster strengthen escalate reinforce step "
                       "beef build establish enhance double triple expansion escalation "
                       "reinforcement strengthening".split())
SHRINK_WORDS = frozenset("scale wind draw decrease lower lessen withdraw remove reduction "
                         "drawdown".split())
# Verbs that end a force's presence somewhere: "MINUSMA ended its presence in Kidal".
END_VERBS = frozenset("end terminate conclude".split())
# Verbs whose place is that of the drills they govern ("held drills in the Baltic Sea").
DRILL_HOSTS = LAUNCH_VERBS | frozenset(
    "hold stage join participate take host organize organise end conclude wrap kick open "
    "continue resume plan schedule include involve".split())
OF_IS_DESTINATION = frozenset("invasion incursion occupation".split())
COUNTRY_MOVES = frozenset("withdraw retreat invade advance capture seize occupy overrun "
                          "recapture retake besiege encircle "
                          "disengage".split()) | {"take control"}
OBJECT_ORIGIN = frozenset("leave depart exit evacuate quit abandon flee".split())
TO = frozenset({"to", "into", "toward", "towards", "onto"})
FROM = frozenset({"from", "out"})
AT = frozenset({"in", "at", "near", "along", "inside", "across", "around", "on", "off",
                 "outside", "within", "throughout", "over", "between", "beyond"})
# Common nouns that a place name before them locates ("the Kharkiv region", "Kasur
# district", "the Rafah crossing"); before any other ("the Paris agreement") it names none.
PLACE_NOUNS = frozenset(
    "region province district area city town village border frontier boundary line coast "
    "coastline base airbase port harbour harbor airport airfield island islands sea strait "
    "valley front frontline state oblast governorate county zone territory enclave capital "
    "countryside highland highlands desert mountain mountains peninsula gulf bay river "
    "corridor crossing camp outpost garrison sector axis position positions neighbourhood "
    "neighborhood suburb suburbs outskirts side theatre theater waters airspace shore shores "
    "heights plain plains hills hill forest lake canal checkpoint pass range installation "
    "facility compound barracks headquarters prefecture municipality commune department "
    "division subdivision cantonment belt".split())
BORDER_WORDS = frozenset({"border", "frontier", "boundary", "line"})
# Nouns whose nationality adjective says which country they lie in ("a southern Lebanese
# town", "on Ukrainian soil", "Chinese waters"); a "Russian base" may lie anywhere.
TERRITORY_NOUNS = frozenset(
    "town village city region territory soil waters airspace province district coast "
    "coastline island islands countryside mainland hinterland".split())
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
    "reservist mercenary personnel garrison corps squadron fleet ship vessel reinforcement "
    "gendarme policeman rebel insurgent militiaman militia guerrilla jihadist "
    "paramilitary serviceman servicemember conscript guardsman trooper infantryman "
    "helicopter warplane aircraft cruiser corvette howitzer ranger military flotilla "
    "police".split())
# Words before a ship's name ("the carrier USS Gerald R. Ford", "destroyer HMS Diamond").
SHIP_WORDS = frozenset("carrier destroyer frigate warship ship submarine cruiser corvette "
                       "vessel".split())
# Heads that are a force only with an owner or a military word ("Russian reinforcements",
# "a Chinese spy ship", "naval vessels"), and those words.
OWNED_ONLY = frozenset("reinforcement".split())
HULLS = frozenset("ship vessel".split())
MILITARY_MODIFIERS = frozenset("military army armed naval navy war spy patrol guard "
                               "coast".split())
# A sentence is parsed only when it has a force or one of these words: the parse is the
# costly step, and a sentence without them holds no military event.
MILITARY_WORDS = re.compile(
    r"\b(?:troop|soldier|forces|brigade|battalion|regiment|armies|army|navy|navies|marine|"
    r"paratrooper|sailor|airm[ae]n|fighters|militant|militia|rebel|insurgent|peacekeep|"
    r"blue helmets|"
    r"contingent|battle ?group|reinforcement|gendarme|warship|"
    r"destroyer|carrier|frigate|submarine|bomber|USS|HMS|ships?\b|division|occup(?:y|ied)|"
    r"besieg|encircl|control of|"
    r"fighter jet|drone|tank|commando|reservist|mercenar|garrison|squadron|fleet|vessel|"
    r"drill|exercise|manoeuvre|maneuver|war ?game|deploy|redeploy|withdr[ae]w|pull(?:ed|s|ing)? "
    r"(?:out|back)|station(?:ed|ing)|buildup|build-up|massing|massed|invad|invasion|incursion|"
    r"retreat|disengag|bases?\b|(?:military|naval|troop|army|its|their) presence|ouste|"
    r"expel|dislodg|driven (?:from|out|back)|"
    r"outposts?\b|handover|hand(?:ed|s|ing)? (?:over|back)|servicem[ae]n|service ?members?|"
    r"(?:military|army|naval|defen[cs]e|security|service) personnel|conscript|guardsm[ae]n|"
    r"infantry|airborne|artillery|howitzer|warplane|cruiser|corvette|task force|"
    r"(?:multinational|peacekeeping|intervention|stabili[sz]ation|expeditionary|standby|"
    r"military|naval) (?:force|mission))", re.I)
# Words of a country or group moving itself: they call for the parser only when the sentence
# names a country or group ("Russia captured the town of Avdiivka"), not in "police captured
# the suspect".
ACTOR_MOVE_WORDS = re.compile(
    r"\b(?:captur|seiz|retak|retook|recaptur|overr[au]n|offensive|advanc|(?:took|taken|take|"
    r"taking|gain(?:ed|s)?)\s+control|departure)", re.I)
NOMINAL = frozenset({"compound", "amod", "nmod", "nmod:poss", "flat", "det", "case",
                      "nummod", "fixed", "det:poss", "nmod:npmod", "nmod:tmod", "appos",
                      "advmod", "dep"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "they", "them"})
YEAR = re.compile(r"(?:1[89]|20)\d\d")  # a bare number that reads as a year, not a count
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,7}")
# Words a title-case headline capitalises that are no names ("Israeli Tanks Enter Rafah As
# Talks Stall"): the frames' verbs and nouns, force and place words, and the small words of
# English; endings ("-s", "-ed", "-ing") are found by their stem.
ORDINARY_WORDS = frozenset(
    MOVE_VERBS | LEAVE_VERBS | PULL_VERBS | EXPEL_VERBS | EXPEL_WITH_PARTICLE | REDUCE_VERBS
    | STAY_VERBS | DRILL_VERBS | TRAIN_VERBS | HANDOVER_VERBS | OBSERVE_VERBS | HOST_VERBS
    | HOLD_VERBS | SAY_VERBS | HARM_VERBS | SIZE_VERBS | LAUNCH_VERBS | VISIT_VERBS
    | CONTROL_VERBS | END_VERBS | GROW_WORDS | SHRINK_WORDS | JOINED | MILITARY_HEADS
    | SHIP_WORDS | PLACE_NOUNS | BORDER_WORDS | {lemma for _, lemma in FRAMES}
    | frozenset("""
    to in on for from of as at with by after over into near amid and the a an is are was were
    be been will would could can may might must should says said warn warns vow vows plan
    plans more new than but or not no nor its their his her our up down out off back against
    among across around before during under ahead despite within without toward towards via
    per amid sent flew left took began withdrew drove fought brought came went held kept led
    made ran sought struck told hit troops forces soldiers says""".split()))
