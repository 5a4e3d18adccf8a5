"""The event layers' data blocks: safe in a page's script, each shared area sent once."""

from __future__ import annotations

import dataclasses
import json

from app_records import story_one
from drawn_map import areas, blocks
from shapely.geometry import box

from dashboard.view.drawing import DrawnFeatures, data_json, drawn_paths
from dashboard.view.filters import all_events
from dashboard.view.layers import base_map, build_map


def test_data_can_sit_in_a_script_and_reads_back_the_same():
    data = {"tip": "</script><script>x()</script> {{'map_div'}} {% x %} `${y}` \\", "n": [1.5]}
    text = data_json(data)
    assert "<" not in text and "{{" not in text
    assert json.loads(text) == data


def test_areas_shared_by_many_features_are_sent_once():
    one = story_one()
    presence = one.events[1]
    area = box(21.0, 55.7, 28.2, 58.0)
    copies = tuple(dataclasses.replace(presence, id=f"p{i}", geometry=area, actor=actor)
                   for i, actor in enumerate(["US", "FR", "DE"]))
    html = build_map(all_events([dataclasses.replace(one, events=copies)]), [],
                     tiles=False).get_root().render()
    (block,) = [b for b in blocks(html) if b["shapes"]]
    assert len(block["shapes"]) == 1 and len(block["features"]) == 3
    assert len(areas(html)) == 3


def test_the_base_map_draws_the_blocks_and_counts_their_paths():
    assert "window.tmDraw=function(group,data)" in base_map({}).get_root().render()
    features = [{"line": [[0, 0], [1, 1]], "head": [[1, 1], [0.9, 1], [1, 0.9]], "tip": "a"},
                {"rings": 0, "tip": "b"}, {"at": [5, 5], "tip": "c"}]
    block = DrawnFeatures(features, shapes=[[[[0, 0], [0, 1], [1, 1]], [[2, 2], [2, 3], [3, 3]]]])
    assert block.paths() == 2 + 2 + 1
    assert drawn_paths([block]) == 5
