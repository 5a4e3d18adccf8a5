"""The page's layout: the map first and wide on a desktop, the evidence in view on a phone.

Streamlit stacks columns on narrow screens, which would put the evidence of a tap below a
600-pixel map and the timeline, out of sight. On a phone the evidence is a sheet over the
lower part of the screen instead, so a tap always shows what it selected.
"""

from __future__ import annotations

__all__ = ["MAP_HEIGHT", "COLUMNS", "EVIDENCE_KEY", "PAGE_CSS"]

MAP_HEIGHT = 640
# Map column : evidence column. With the sidebar open, a 1400-pixel window gives the map
# about 800 pixels.
COLUMNS = (5, 2)
EVIDENCE_KEY = "tm_evidence"  # Streamlit gives the keyed container the class st-key-<key>

PAGE_CSS = f"""<style>
.stMainBlockContainer{{padding:3.4rem 1.4rem 1rem 1.4rem}}
@media (max-width:640px){{
  .stMainBlockContainer{{padding:3.4rem .6rem 1rem .6rem}}
  .st-key-{EVIDENCE_KEY}{{position:fixed;left:0;right:0;bottom:0;z-index:999990;
    max-height:46vh;overflow-y:auto;background:#fff;padding:.5rem .9rem .8rem;
    border-radius:12px 12px 0 0;box-shadow:0 -3px 14px rgba(0,0,0,.28)}}
}}
</style>"""
