"""Where a parsed phrase puts a force: the place a noun phrase names ("Ukraine's northern
border", "the bank of the Dnipro river in Kherson region", "the country"), and the
destinations, origin and locations a trigger's obliques and object give.
"""

from __future__ import annotations

from dashboard.extract.lexicon import (
    AT,
    BASE_NOUNS,
    BORDER_WORDS,
    DEFINITE_PLACES,
    END_VERBS,
    FOR_IS_DESTINATION,
    FROM,
    LAUNCH_VERBS,
    OBJECT_DESTINATION,
    OBJECT_LOCATION,
    OBJECT_ORIGIN,
    OF_IS_DESTINATION,
    ON_IS_DESTINATION,
    PLACE_NOUNS,
    SIDES,
    STAY_VERBS,
    TERRITORY_NOUNS,
    THROUGH_IS_DESTINATION,
    TO,
    Token,
)
from dashboard.extract.syntax import Index, Place, Slots, case_of, coordinated, phrase
from dashboard.records import Mention


def place_of(token: Token, index: Index) -> Place | None:
    """The place a noun phrase names: "Ukraine's northern border" is a border band; "the
    country" is the last country named before it."""
    if token.i in index.actor and token.i not in index.place:
        return None  # "fighters from Lebanon's Hezbollah": whose, not from where
    named = next((t for t in _naming(token) if t.i in index.place and not _river(t, index)),
                 None)
    if named is not None and named.dep_ in ("compound", "amod") and named.head.i == token.i \
            and token.tag_ in ("NN", "NNS") and token.lemma_.lower() not in PLACE_NOUNS:
        return None  # "the Paris agreement", "the Minsk talks" are no places
    if named is not None and named.dep_ == "nmod" and case_of(named) == "of" and \
            named.head.i == token.i and token.tag_ == "NNP" and \
            token.lemma_.lower() not in PLACE_NOUNS:
        return None  # "the Council of Europe", "the Bank of England" are institutions
    mention = index.place[named.i] if named is not None else None
    if mention is not None and token.lemma_.lower() in PLACE_NOUNS:
        mention = _narrowest(token, mention, index)
    if mention is None:  # "the country", "the city's centre", "the outskirts of the city"
        definite = next((t for t in _naming(token) if t.lemma_.lower() in DEFINITE_PLACES and any(
            c.dep_ == "det" and c.lower_ == "the" for c in t.children)), None)
        if definite is not None:
            mention = index.antecedent(index.span(definite)[0],
                                       DEFINITE_PLACES[definite.lemma_.lower()])
    if mention is None:  # "areas bordering India": along that border
        bordering = [o for c in token.children if c.dep_ == "acl" and c.lemma_.lower() ==
                     "border" for o in c.children if o.dep_ == "obj"]
        other = place_of(bordering[0], index) if bordering else None
        if other is not None:
            return Place(other.mention, "border")
    if mention is None and token.lemma_.lower() in TERRITORY_NOUNS:
        mention = next((index.mention[c.i] for c in token.children if c.dep_ in (
                        "amod", "compound") and c.i in index.mention
                        and index.mention[c.i].role == "demonym"
                        and index.mention[c.i].place is not None), None)
        if mention is not None:
            return Place(mention, "area")
    if mention is None and token.lower_ == "there" and token.dep_ == "advmod":
        mention = index.antecedent(index.span(token)[0], None)  # "900 troops remain there"
    if token.lemma_.lower() in BORDER_WORDS and (mention is None or (
            mention.place is not None and token.i not in index.place)):
        return _border(token, mention, index)
    if mention is None or mention.place is None:
        return None
    kind = mention.place.kind
    return Place(mention, "point" if kind in ("city", "base", "installation") else "area")


def _river(token: Token, index: Index) -> bool:
    """Whether a town's name names a river here: "the Dnipro river" is no city of Dnipro."""
    mention = index.place[token.i]
    return token.dep_ in ("compound", "flat") and token.head.lemma_.lower() == "river" and \
        mention.place is not None and mention.place.kind == "city"


_BREADTH = {"continent": 0, "region": 1, "sea": 1, "country": 2}


def _narrowest(token: Token, mention: Mention, index: Index) -> Mention:
    """Of two places naming one phrase, the narrower: "the South Caucasus region of
    Nagorno-Karabakh" is Nagorno-Karabakh, "the Kursk region of Russia" is Kursk."""
    for child in token.children:
        if child.dep_ == "nmod" and case_of(child) == "of" and child.i in index.place:
            other = index.place[child.i]
            if other.place is not None and mention.place is not None and _BREADTH.get(
                    other.place.kind, 3) > _BREADTH.get(mention.place.kind, 3):
                return other
    return mention


def _border(token: Token, mention: Mention | None, index: Index) -> Place | None:
    """A border band: "Ukraine's northern border" (on its named sides), "its border with
    Eritrea", and with no country of its own, "the border with Belarus" or "the Azerbaijani
    border"."""
    with_ = [c for c in token.children if c.dep_ == "nmod" and case_of(c) == "with"]
    inner = next((p for t in [token, *with_] for g in t.children if g.dep_ == "nmod" and
                  case_of(g) in AT for p in [place_of(g, index)] if p is not None and
                  p.mention.place is not None and p.mention.place.kind != "country"), None)
    if inner is not None:  # "along the border with China in Ladakh": in Ladakh
        return inner
    other = place_of(with_[0], index) if with_ else None
    if mention is None:
        if other is not None:
            return Place(other.mention, "border")
        demonym = next((index.mention[c.i] for c in token.children if c.dep_ == "amod"
                        and c.i in index.mention and index.mention[c.i].place is not None), None)
        if demonym is None and any(c.dep_ == "nmod:poss" and c.lower_ in ("its", "their")
                                   for c in token.children):
            demonym = _speaking_country(token, index)  # "Ukrainian officials say 90,000
        return Place(demonym, "border") if demonym is not None else None  # troops are
    # deployed along its border": Ukraine's
    sides = tuple(dict.fromkeys(
        m.group() for c in token.children if c.dep_ == "amod"
        for m in SIDES.finditer(c.lower_)))
    owner = [c for c in token.children if c.dep_ in ("nmod:poss", "compound", "amod")
             and c.i in index.place]
    if other is not None and not owner:  # "its border with Eritrea"
        return Place(other.mention, "border", sides)
    partner = other.mention.place.country if other and other.mention.place else None
    return Place(mention, "border", sides, partner)


def _speaking_country(token: Token, index: Index) -> Mention | None:
    """The country of the nearest clause subject above a token that is no force: whose
    "its border" is."""
    verb = token
    for _ in range(6):
        if verb.head.i == verb.i:
            return None
        verb = verb.head
        if not verb.tag_.startswith("VB"):
            continue
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")):
            if subject.i in index.force:
                continue
            for t in phrase(subject):
                mention = index.mention.get(t.i)
                if mention is not None and mention.place is not None and \
                        mention.place.kind == "country":
                    return mention
    return None


_NAME_PARTS = frozenset({"compound", "flat", "nmod:poss", "amod", "appos"})
# Nouns for a part of something that lies where that thing lies ("the bank of the river in
# Kherson region").
_PART_NOUNS = frozenset("bank banks side shore shores outskirts edge part parts coast "
                        "stretch section".split())


def _naming(token: Token) -> list[Token]:
    """The tokens that can name the place a noun phrase is about, nearest first: the noun,
    the parts of its name ("South China Sea", "Ukraine's border", "the capital, Bucharest",
    "the city of Kharkiv"), then where a generic noun lies ("a base in Romania") - but not
    what its other modifiers speak of ("Sunday, a show of unity against China's ...")."""
    near = [c for c in token.children if c.dep_ in _NAME_PARTS or (
        c.dep_ == "nmod" and case_of(c) == "of")]
    near += [g for c in near for g in c.children if g.dep_ in ("compound", "flat")]
    located = [c for c in token.children if c.dep_ == "nmod" and case_of(c) in AT]
    located += [g for c in located if c.lemma_.lower() in PLACE_NOUNS  # "the base near the
                for g in c.children if g.dep_ == "nmod" and case_of(g) in AT]  # airport in X"
    if token.tag_ in ("VBG", "VBN"):  # "neighboring Belarus" misread as a participle and
        near += [c for c in token.children if c.dep_ == "obj"]  # its object
    if token.lemma_.lower() in _PART_NOUNS:  # "the bank of the river in Kherson region":
        located += [g for c in near if c.dep_ == "nmod" and case_of(c) == "of"  # where the
                    for g in c.children if g.dep_ == "nmod" and case_of(g) in AT]  # river
        # whose bank it is lies
    if token.lemma_.lower() in BASE_NOUNS and located:  # "Turkey's military base in Qatar"
        return [token, *located, *sorted(near, key=lambda t: t.i)]  # stands in Qatar
    return [token, *sorted(near, key=lambda t: (t.dep_ == "nmod:poss", t.i)), *located]
    # "Vietnam's Cam Ranh port" is Cam Ranh: the name before the noun, then its owner


def places_of(token: Token, index: Index) -> tuple[Place, ...]:
    """The places of a slot and of every phrase coordinated with it, less a place that only
    says where the one before it lies ("from Tartus, Syria, and set sail" read as a list)."""
    out: list[Place] = []
    for item in coordinated(token):
        place = place_of(item, index)
        if place is None:
            continue
        if out and _follows_comma(item) and _contains(place, out[-1]):
            continue
        out.append(place)
    return tuple(out)


def _follows_comma(token: Token) -> bool:
    """Whether a phrase comes right after a comma (the comma may hang on it)."""
    edge = token.left_edge
    return edge.text == "," or edge.i > 0 and edge.nbor(-1).text == ","


def _contains(outer: Place, inner: Place) -> bool:
    """Whether a place is the country or province of the place named just before it."""
    wide, narrow = outer.mention.place, inner.mention.place
    if wide is None or narrow is None or wide.country != narrow.country:
        return False
    if wide.kind == "country":
        return narrow.kind != "country"
    return wide.kind == "admin1" and narrow.kind in ("city", "installation", "base") and \
        narrow.admin1 is not None and narrow.admin1 == wide.admin1


def slots_of(trigger: Token, index: Index, lemma: str, force: Token | None = None) -> Slots:
    """Destinations, origin and locations given by a trigger's obliques and object, and by
    the modifiers of its force ("troops from Mali", "soldiers based in Italy")."""
    to: list[Place] = []
    at: list[Place] = []
    held: Place | None = None  # where the force is before it moves
    if force is not None:
        members = [c for c in force.children if c.dep_ == "nmod" and case_of(c) == "of"]
        for child in [*force.children, *(c for m in members for c in m.children)]:
            if child.dep_ == "nmod" and case_of(child) in AT:
                held = held or next(iter(places_of(child, index)), None)
            if child.dep_ == "acl" and child.lemma_.lower() in STAY_VERBS:
                held = held or next(iter(slots_of(child, index, "base").at), None)
        if force.dep_ in ("nsubj", "nsubj:pass") and force.head.i != trigger.i and \
                force.head.lemma_.lower() in STAY_VERBS:
            held = held or next(iter(slots_of(force.head, index, "base").at), None)
    sources: list[Place] = []
    parties: list[Place] = []
    for child in _slot_tokens(trigger, force):
        head_case = case_of(child)
        between = []
        if _compound_preposition(child):
            continue  # "thanks to Ukrainian forces in the Kursk region" goes nowhere
        previous: Place | None = None
        for item in coordinated(child):  # each conjunct keeps its own preposition:
            place = place_of(item, index)  # "from Fort Bragg, North Carolina, to Poland"
            if place is not None and previous is not None and _follows_comma(item) and \
                    _contains(place, previous):
                continue  # "from Tartus, Syria, and set sail": where Tartus lies
            previous = place or previous
            case = case_of(item) or head_case
            if place is None and (case in AT or child.dep_ == "obl:unmarked"):  # "remain on
                hung = next(((c, p) for c in item.children  # high alert along the border",
                             if c.dep_ == "nmod" and case_of(c) in AT | TO | {"for"}  # "left
                             and (case in AT) == (case_of(c) in AT)  # Kidal this morning
                             and not _compound_preposition(c)
                             for p in [place_of(c, index)] if p is not None), None)  # for Gao":
                if hung is not None:  # the place the parse hung on the oblique's noun
                    place, case = hung[1], case_of(hung[0])
            if place is None:
                continue
            if child.dep_ in ("obj", "xcomp") and (item is child or not case_of(item)):
                if item.i in index.force:
                    continue  # the object is the force ("leave 400 personnel on the
                    # Solomons"): where it stands is read from its own modifiers
                if lemma in OBJECT_DESTINATION:
                    to.append(place)
                elif trigger.lemma_.lower() in OBJECT_LOCATION:
                    at.append(place)
                elif lemma in OBJECT_ORIGIN:
                    sources.append(place)
            elif case in TO or (case == "for" and lemma in OBJECT_ORIGIN | FOR_IS_DESTINATION) or (
                    case == "of" and lemma in OF_IS_DESTINATION) or (
                    case == "on" and lemma in ON_IS_DESTINATION) or (
                    case in ("through", "via") and lemma in THROUGH_IS_DESTINATION):
                to.append(place)
            elif case in FROM:
                sources.append(place)
            elif case == "between":
                between.append(place)
            elif case in AT or item.lower_ == "there":
                at.append(place)
        if len(between) == 1:  # "between Russia and neighboring Belarus", the second
            between += index.next_party(between[0])  # party lost by the parse
        at.extend(between[-1:])  # "drills between Russia and Belarus": the host is last
        parties += between
    if not sources and held is not None and to and held.mention.start < to[0].mention.start:
        sources.append(held)  # "troops in Italy will move to Hungary", not "to the Line of
        # Control in Pakistan-held Kashmir", where "in" locates the destination
    if len(at) > 1 and any(p.extent == "border" for p in at) and any(
            p.extent != "border" and p.mention.place is not None and
            p.mention.place.kind != "country" for p in at):  # "along the border with China
        at = [p for p in at if p.extent != "border"]  # in Ladakh": in Ladakh
    return Slots(tuple(to), sources[0] if sources else None, tuple(at), tuple(sources),
                 tuple(parties))


def _compound_preposition(token: Token) -> bool:
    """Whether an oblique's preposition is the end of a longer one that says no place:
    "thanks to", "due to", "according to", "in addition to", "prior to"."""
    case = next((c for c in token.children if c.dep_ == "case"), None)
    return case is not None and case.i > 0 and case.nbor(-1).lower_ in _NO_PLACE_BEFORE_CASE


_NO_PLACE_BEFORE_CASE = frozenset({"thanks", "due", "according", "owing", "prior", "addition",
                                   "contrary", "regard", "respect", "response", "reference"})


def _slot_tokens(trigger: Token, force: Token | None) -> list[Token]:
    """The trigger's obliques and object, and the modifiers of its object and force: a
    parse often hangs "to Poland" on "troops" rather than on "sent"."""
    out = []
    if force is not None and force.head.i == trigger.i or force is not None and \
            trigger.tag_.startswith("NN"):
        out.extend(c for c in force.children if c.dep_ == "nmod" and case_of(c) in TO | FROM)
    out.extend(c for a in trigger.children if a.dep_ == "advmod" and a.lower_ in (
        "back", "away", "out") for c in a.children if c.dep_ in ("obl", "nmod"))  # "pulled
    # troops back from the border", the place hung on the particle
    for child in trigger.children:
        if child.dep_ not in ("obl", "nmod", "obj", "advmod", "obl:npmod", "obl:agent",
                              "obl:unmarked") and \
                not (child.dep_ == "xcomp" and child.tag_ == "NNP"):  # "reached Aleppo"
            continue
        out.append(child)
        if child.dep_ in ("obj", "nsubj:pass"):
            out.extend(c for c in child.children if c.dep_ == "nmod" and case_of(c) != "of")
            out.extend(c for m in child.children if m.dep_ == "nmod" and case_of(m) == "of"
                       for c in m.children if c.dep_ == "nmod" and case_of(c) in TO | FROM)
            # "sent a flotilla of six ships to the South Pacific"

    if trigger.tag_.startswith("NN") and trigger.dep_ == "obj" and \
            trigger.head.lemma_.lower() in LAUNCH_VERBS | END_VERBS:  # "completed its
        out.extend(c for c in trigger.head.children  # withdrawal from Afghanistan", "ended
                   if c.dep_ == "obl" and case_of(c) in TO | FROM | AT)  # its presence in
        # Kidal": the light verb's places
    for child in trigger.children:  # "troops were sent to": the passive subject's modifiers
        if child.dep_ == "nsubj:pass":
            out.extend(c for c in child.children if c.dep_ == "nmod" and case_of(c) in TO)
    for child in trigger.children:  # "transiting the strait on their way to the Gulf of Aden"
        if child.lemma_.lower() == "way" and case_of(child) == "on":
            out.extend(c for c in child.children if c.dep_ == "nmod" and case_of(c) in TO)
    for child in list(out):  # "from Zaporizhzhia region to Kursk", "out of the air base in
        if case_of(child) in FROM:  # Niamey to N'Djamena": a destination hung on the origin
            out.extend(c for c in phrase(child) if c.dep_ == "nmod" and case_of(c) in TO)
    return out
