"""Decide whether an event is asserted, planned, hypothetical, demanded or negated, from the
words of its clause before (and right after) its trigger.
"""

from __future__ import annotations

import re

_NEGATED = re.compile(
    r"\b(?!not\s+(?:be\s+)?rul(?:e|ed)\s+out|not\s+(?:be\s+)?exclud(?:e|ed))(?:no|not|never|neither|nor|without|"
    r"refus(?:e|es|ed|ing)\s+to|"
    r"den(?:y|ies|ied|ying)|rul(?:e|ed|es|ing)\s+out|won't|wouldn't|isn't|aren't|wasn't|"
    r"weren't|didn't|doesn't|don't|hasn't|haven't|cannot|can't|refrain(?:ed|ing)?\s+from|"
    r"rejected|halted|cancel(?:l?ed|s)?|called off|"
    r"foreswe(?:ar|ars|ore)|forswe(?:ar|ars|ore)|renounc\w+)\b",
    re.I,
)
_DEMANDED = re.compile(
    r"\b(?:wants?|wanted|demand(?:s|ed|ing)?|call(?:s|ed|ing)?\s+(?:on|for)|urg(?:e|es|ed|ing)|"
    r"insist(?:s|ed|ing)?\s+(?:that|on)|ask(?:s|ed|ing)?|press(?:es|ed|ing)?\s+(?:for|to)|"
    r"propos(?:e|es|ed|al|als|ing)|request(?:s|ed|ing)?|guarantees?\s+that|"
    r"should|must|need(?:s|ed)?\s+to|invitation|invit(?:e|es|ed|ing)|"
    r"(?:necessary|essential)\s+(?:to|that)|required\s+to|ha(?:ve|s)\s+to)\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|could|might|(?-i:may)|possibl[ey]|"
    r"potential(?:ly)?|in case|risk|threat(?:en|ens|ened)?|"
    r"fears?|feared|consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|mull(?:s|ed|ing)?|"
    r"idea|option|unless|would be happy|hypothetical|(?:not|n't)\s+(?:be\s+)?rul(?:e|ed)\s+out|"
    r"(?:not|n't)\s+(?:be\s+)?exclud(?:e|ed)|suggest(?:s|ed|ing|ions?)?|considerations?|"
    r"rais(?:e|es|ed)\s+the\s+(?:idea|prospect|possibility))\b",
    re.I,
)
_PLANNED = re.compile(
    r"\b(?:will|would|shall|'ll|going to|plan(?:s|ned|ning)?|prepar(?:e|es|ed|ing)\s+to|"
    r"set to|to be|expected to|schedul(?:e|ed)|intend(?:s|ed)?|due to|"
    r"announc(?:e|es|ed|ing)|flagg(?:ed)|order(?:s|ed)?|approv(?:e|es|ed)|"
    r"agree(?:s|d)?\s+to|decid(?:e|es|ed|ing)\s+to|supposed\s+to|soon|upcoming|next|trips?|"
    r"aimed at|seeks? to|"
    r"(?:is|are|was|were)\s+to)\b",
    re.I,
)
# A headline's infinitive is its future: "US to send 3,000 troops to Poland".
_HEADLINE_TO = re.compile(r"\s*+(?:[A-Z][\w.'\u2019-]*+\s++){1,4}(?i:to)\s++$")
_RELATIVE = re.compile(r",\s*+(?:which|who)\b[^,;]{0,120},")
# Far more than the 160 characters read after relative clauses are taken out.
_CLAUSE_WINDOW = 2000
_ACCEPTED = re.compile(r"\baccept(?:s|ed|ing)?\s+(?:an?|the)\s+invitation\b", re.I)
# Verbs in the progressive or perfect make the event real even after "would"-less plans.
_HAPPENING = re.compile(r"\b(?:are|is|were|was|have been|has been)\s+being\s+\w+\s*$", re.I)


def modality_of(text: str, clause_start: int, trigger_start: int, trigger_end: int,
                other_trigger: re.Pattern[str] | None = None) -> str:
    """The modality of the event whose trigger is ``text[trigger_start:trigger_end]``.

    Negation and possibility reach back to the last comma; demands and plans to the
    clause's start. When several cues are there, the one said first governs the rest
    ("wants NATO to foreswear" is a demand, "no soldiers would be sent" a negation).
    A negation or possibility followed by another event's trigger belongs to that event
    ("refusing to pull back troops poised on the border": the troops are there).
    """
    # A relative clause between commas speaks of something else: "Eritrea, which ordered a
    # mobilisation last month, still has thousands of soldiers in Tigray".
    # Only the clause's last stretch is read, so that a clause of any length costs the same.
    window = max(clause_start, trigger_start - _CLAUSE_WINDOW)
    before = _RELATIVE.sub(",", text[window:trigger_start])[-160:]
    segment = before[before.rfind(", ") + 1:] if ", " in before else before
    cues: list[tuple[int, str]] = []
    offset = len(before) - len(segment)
    for name, pattern, scope, shift in (
        ("negated", _NEGATED, segment, offset), ("hypothetical", _HYPOTHETICAL, segment, offset),
        ("demanded", _DEMANDED, before, 0),
    ):
        matches = list(pattern.finditer(scope))
        if not matches:
            continue
        match = matches[-1] if name != "demanded" else matches[0]
        if name != "demanded" and other_trigger is not None and other_trigger.search(
                scope, match.end()):
            continue
        cues.append((match.start() + shift, name))
    if _ACCEPTED.search(before[-80:]):
        return "planned"  # "accepted an invitation to visit"
    if cues:
        return min(cues)[1]
    if _HAPPENING.search(before):
        return "asserted"
    if _PLANNED.search(before) or _PLANNED.fullmatch(text[trigger_start:trigger_end]) or (
            clause_start >= trigger_start - 80 and _HEADLINE_TO.match(
                text, clause_start, trigger_start)):
        return "planned"
    return "asserted"
