"""The features a rendered map draws, read back out of its data blocks (see
``dashboard.view.drawing``): what ``tmDraw`` will turn into lines, areas, circles and labels."""

from __future__ import annotations

import json
import re

_BLOCK = re.compile(r"^\s*tmDraw\(\w+, (.*)\);\s*$", re.M)
_TOKEN = re.compile(r"#((?:ev|pl|mv):[^\s<]+)")


def blocks(html: str) -> list[dict]:
    """Every data block in the page, in the order the page draws them."""
    return [json.loads(match.group(1)) for match in _BLOCK.finditer(html)]


def features(html: str) -> list[dict]:
    """Every feature the page draws; an area's ``rings`` index is replaced by its rings."""
    found = []
    for block in blocks(html):
        for feature in block["features"]:
            if "rings" in feature:
                feature = {**feature, "rings": block["shapes"][feature["rings"]]}
            found.append({**feature, "style": {**block["style"], **feature.get("style", {})}})
    return found


def tokens(html: str) -> list[str]:
    """The selection token of each drawn feature's tooltip, in order."""
    return [match.group(1) for f in features(html) if (match := _TOKEN.search(f["tip"]))]


def lines(html: str) -> list[dict]:
    """The features drawn as arcs."""
    return [f for f in features(html) if "line" in f]


def areas(html: str) -> list[dict]:
    """The features drawn as areas."""
    return [f for f in features(html) if "rings" in f]


def circles(html: str) -> list[dict]:
    """The features drawn as circles (events known by a point, and places)."""
    return [f for f in features(html) if "at" in f]
