"""One-line, plain-text descriptions of events and forces for tooltips, cards and labels."""

from __future__ import annotations

from dashboard.records import Event, Force, Mention

_VERBS = {
    "deployment": "to",
    "withdrawal": "leaving",
    "arms_transfer": "to",
    "diplomatic_visit": "visits",
    "meeting": "meeting in",
    "presence": "at",
    "exercise": "drills in",
}


def place_name(mention: Mention | None) -> str | None:
    """The name to show for a mention: the gazetteer's name, else the text as written."""
    if mention is None:
        return None
    return mention.place.name if mention.place is not None else mention.text


def force_label(force: Force | None, actor: str | None) -> str:
    """ "1,000 US soldiers", "about 1,700 US paratroopers · 82nd Airborne Division"."""
    parts: list[str] = []
    if force is not None and force.count_text:
        parts.append(force.count_text)
    elif force is not None and force.count is not None:
        parts.append(f"{force.count:,}")
    if actor:
        parts.append(actor)
    if force is not None:
        what = force.personnel or ", ".join(force.equipment)
        if what and (force.count is not None or not force.unit):
            parts.append(what)
    label = " ".join(parts)
    if force is not None and force.unit:
        label = f"{label} · {force.unit}" if label else force.unit
    return label


def route(event: Event, *, verbs: bool = True) -> str:
    """Where an event goes or happens: "Germany → Romania", "to Poland" ("→ Poland" without
    verbs), "along the border of Ukraine" (just "Ukraine" without verbs)."""
    origin, dest = place_name(event.origin), place_name(event.destination)
    where = place_name(event.location)
    if origin and dest:
        return f"{origin} → {dest}"
    if dest:
        return f"{_VERBS.get(event.type, 'to')} {dest}" if verbs else f"→ {dest}"
    if not verbs:
        return where or origin or ""
    if origin:
        return f"leaving {origin}" if event.type == "withdrawal" else f"from {origin}"
    if where:
        prefix = "along the border of" if event.extent == "border" else _VERBS.get(
            event.type, "at")
        return f"{prefix} {where}"
    return ""


def with_modality(text: str, event: Event) -> str:
    """The text, with the event's modality after it unless the event is asserted."""
    return text if event.modality == "asserted" else f"{text} ({event.modality})"


def summarize(event: Event) -> str:
    """A one-line description such as "1,000 US soldiers: Germany → Romania"."""
    who = force_label(event.force, event.actor) if event.force else (
        f"{event.person} ({event.actor})" if event.person and event.actor
        else event.person or event.actor or "unknown actor")
    where = route(event)
    kind = event.type.replace("_", " ")
    return with_modality(f"{kind}: {who}" + (f", {where}" if where else ""), event)
