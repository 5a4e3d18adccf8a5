"""The Streamlit dashboard: map of forces and movements with the evidence beside it.

Run with ``streamlit run dashboard/app.py [-- --store FILE]``. The only module that imports
streamlit; everything it shows is built by the pure modules filters, layers, panel and
viewstate.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path

if __package__ in (None, ""):  # `streamlit run dashboard/app.py` runs this file as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from streamlit_folium import st_folium

from dashboard import view
from dashboard.records import EVENT_TYPES, Extraction

LOG = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAP_KEY = "tm_map"
RETURNED = ["last_object_clicked_tooltip", "last_object_clicked_count", "center", "zoom"]


def _store_path() -> str | None:
    """The store file from ``-- --store FILE``, else from TROOPMAP_STORE, else the default."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--store")
    known, _ = parser.parse_known_args(sys.argv[1:])
    return known.store or os.environ.get("TROOPMAP_STORE") or None


@st.cache_resource(show_spinner="Loading the gazetteer…")
def gazetteer():
    """The offline gazetteer, loaded once per server."""
    from geodata.gazetteer import load_gazetteer

    return load_gazetteer()


@st.cache_resource(show_spinner="Opening the story store…")
def store(path: str | None):
    """The story store (seeded with the default corpus on first run), opened once."""
    from dashboard.store import open_store

    return open_store(path)


@st.cache_resource
def _generation() -> dict[str, int]:
    """A counter bumped whenever articles are added, shared by all sessions."""
    return {"n": 0}


@st.cache_resource(show_spinner="Reading the stories…", max_entries=2)
def load_extractions(path: str | None, generation: int) -> list[Extraction]:
    """Every extraction in the store: the one place the app reads its data."""
    return store(path).extractions()


def add_articles(path: str | None, articles):
    """Extract and store new articles, then make every session see them."""
    summary = store(path).add_articles(articles)
    _generation()["n"] += 1
    return summary


@st.cache_resource(show_spinner=False)
def _outlines():
    """The country-outline basemap, built once; raises when the boundaries cannot be read."""
    from geodata.geometry import country_shape

    return view.outline_basemap(country_shape(cc) for cc in gazetteer().countries())


def outlines():
    """The outline basemap, or None for now (a failure is not cached: the next run retries)."""
    try:
        return _outlines()
    except Exception:  # the basemap is a convenience: the map works without it
        LOG.warning("no country outlines for the basemap", exc_info=True)
        return None


def shape_of(cc: str):
    """A country's shape for shading and outlines, or None when it cannot be had."""
    try:
        from geodata.geometry import country_shape

        return country_shape(cc)
    except Exception:  # shading is a convenience: a missing shape never breaks the map
        LOG.debug("no shape for %s", cc, exc_info=True)
        return None


def _init_from_url() -> None:
    """On a session's first run, put the link's view into the widgets' state."""
    if st.session_state.get("tm_init"):
        return
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    state, notices = view.parse_query(query)
    flt = state.filters
    ss = st.session_state
    ss.update(tm_init=True, tm_notices=list(notices), tm_sel=state.selection, tm_count=None)
    ss.update(f_actor=list(flt.actors), f_type=list(flt.types), f_story=list(flt.stories))
    ss.update(f_hidden=set(flt.modalities) != set(view.SHOWN_MODALITIES))
    ss.update(f_place=flt.place or "", f_from=flt.date_from, f_to=flt.date_to)
    ss.update(tm_target=(state.center, state.zoom) if state.center else None)
    ss.update(tm_view=(state.center, state.zoom))


def _drop_unknown_filters(options: view.FilterOptions) -> None:
    """Filter values from a link that the corpus does not have are dropped with a notice."""
    ss = st.session_state
    for key, allowed in (
        ("f_actor", options.actors),
        ("f_type", EVENT_TYPES),
        ("f_story", [s for s, _ in options.stories]),
    ):
        unknown = [v for v in ss.get(key, []) if v not in allowed]
        if unknown:
            ss[key] = [v for v in ss[key] if v in allowed]
            ss.tm_notices.append(f"Ignored {', '.join(unknown)} from the link: not in the stories.")


def _current_filter() -> view.EventFilter:
    """The filter the widgets' state describes (read before the widgets are drawn)."""
    ss = st.session_state
    return view.EventFilter(
        actors=tuple(ss.f_actor),
        types=tuple(ss.f_type),
        stories=tuple(ss.f_story),
        modalities=view.SHOWN_MODALITIES + (view.HIDDEN_MODALITIES if ss.f_hidden else ()),
        date_from=ss.f_from,
        date_to=ss.f_to,
        place=ss.f_place.strip() or None,
    )


def _filter_widgets(options: view.FilterOptions) -> None:
    """The filter widgets in the sidebar."""
    titles = dict(options.stories)
    sb = st.sidebar
    sb.multiselect("Actor", options.actors, key="f_actor", placeholder="All actors")
    sb.multiselect(
        "Event type",
        EVENT_TYPES,
        key="f_type",
        placeholder="All types",
        format_func=view.type_label,
    )
    sb.multiselect(
        "Story",
        list(titles),
        key="f_story",
        placeholder="All stories",
        format_func=lambda s: titles.get(s, s),
    )
    sb.toggle("Show negated, hypothetical and demanded events", key="f_hidden")
    left, right = sb.columns(2)
    left.date_input("From", key="f_from", format="YYYY-MM-DD")
    right.date_input("To", key="f_to", format="YYYY-MM-DD")
    sb.text_input("Find a place", key="f_place", placeholder="e.g. a city or country")


def _select(selection: str, bounds) -> None:
    """Select an event or place and bring it into view (button callback)."""
    st.session_state.tm_sel = selection
    if bounds is not None:
        st.session_state.tm_target = view.view_of(bounds)


def _take_click(out: dict | None) -> None:
    """Select what the last map click named; a repeated click on one feature counts too."""
    if not out:
        return
    count = out.get("last_object_clicked_count")
    if count is not None and count != st.session_state.get("tm_count"):
        st.session_state.tm_count = count
        picked = view.selection_from_tooltip(out.get("last_object_clicked_tooltip"))
        if picked:
            st.session_state.tm_sel = picked
    center, zoom = out.get("center"), out.get("zoom")
    if isinstance(center, dict) and zoom is not None:
        seen = ((center.get("lat"), center.get("lng")), int(zoom))
        # The first view a map reports is the one it opened on: links leave it out.
        if st.session_state.setdefault("tm_view0", seen) != seen:
            st.session_state.tm_view = seen


def _show_map(refs, tallies, colours: dict[str, str]) -> None:
    """The folium map; clicks select features."""
    center, zoom = st.session_state.tm_target or (None, None)
    # A requested view (a shared link's, a selection's) must not be refitted by the map.
    m = view.build_map(refs, tallies, shape_of=shape_of, outlines=outlines(), colours=colours,
                         fit=center is None)
    halo = view.selection_layer(refs, tallies, st.session_state.tm_sel)
    out = st_folium(
        m,
        key=MAP_KEY,
        height=600,
        use_container_width=True,
        returned_objects=RETURNED,
        center=center,
        zoom=zoom,
        feature_group_to_add=halo,
        render=False,  # st_folium renders the map itself; the whole page is not needed
    )
    _take_click(out)


def _show_panel(refs, tallies) -> None:
    """The evidence of the selection, or a card per event."""
    st.html(view.PANEL_CSS)
    sel = st.session_state.tm_sel or ""
    kind, _, ident = sel.partition(":")
    ref = next((r for r in refs if kind == "ev" and r.event.id == ident), None)
    tally = next((t for t in tallies if kind == "pl" and t.place.id == ident), None)
    if ref is not None or tally is not None:
        st.button("← All events", key="tm_clear", on_click=_select, args=("", None))
        st.html(view.evidence_html(ref) if ref else view.place_evidence_html(tally))
        return
    if sel:
        st.info("The selected item is not among the events shown; showing all events.")
    by_id = {ref.event.id: ref for ref in refs}
    st.session_state.tm_cards = by_id  # for the pick callback
    with st.container(height=560):
        st.radio(
            f"{len(refs)} events: pick one, or click it on the map",
            list(by_id),
            index=None,
            key="tm_pick",
            format_func=lambda ident: view.card_label(by_id[ident]),
            captions=[view.card_caption(ref) for ref in refs],
            on_change=_pick_card,
        )


def _pick_card() -> None:
    """Select the event whose card was picked and bring it into view (radio callback)."""
    ident = st.session_state.tm_pick
    st.session_state.tm_pick = None  # so that the same card can be picked again later
    ref = st.session_state.get("tm_cards", {}).get(ident)
    if ref is not None:
        _select(f"ev:{ident}", view.event_bounds(ref))


def _place_hits(tallies, query: str) -> None:
    """Places matching the search box, each one click from being selected."""
    hits = view.find_places(tallies, query) if query else []
    for tally in hits[:5]:
        at = ((tally.place.lat, tally.place.lon),) * 2
        st.sidebar.button(
            f"{tally.place.name} ({tally.count})",
            icon=":material/location_on:",
            key=f"find-{tally.place.id}",
            on_click=_select,
            args=(f"pl:{tally.place.id}", at),
        )
    if query and not hits:
        st.sidebar.caption("No mentioned place matches.")


def _timeline(refs) -> None:
    """A compact bar chart of events by date."""
    spec = view.timeline_spec(refs)
    if spec is not None:
        st.vega_lite_chart(spec, width="stretch")


def _read_uploads(files, text: str, title: str, date) -> tuple[list, list[str]]:
    """Articles from the uploaded files and pasted text, and a message per bad input."""
    from dashboard import ingest

    articles, errors = [], []
    for upload in files or []:
        try:
            articles += ingest.read_bytes(
                upload.getvalue(), upload.name, max_bytes=MAX_UPLOAD_BYTES
            )
        except ingest.ReadError as exc:
            errors.append(str(exc))  # the message names the file already
    if text.strip():
        try:
            articles += ingest.read_text(text, title=title or None, date=date)
        except ingest.ReadError as exc:
            errors.append(f"Pasted text: {exc}")
    return articles, errors


def _add_articles_ui(path: str | None) -> None:
    """Upload files or paste text; a bad file gets a message and the rest are kept."""
    with st.sidebar.expander("Add articles", expanded=bool(st.session_state.get("tm_added"))):
        for kind, message in st.session_state.pop("tm_added", []):
            (st.success if kind == "ok" else st.error)(message)
        files = st.file_uploader(
            "Files (.txt, .md, .html)",
            type=["txt", "md", "html", "htm"],
            accept_multiple_files=True,
            key="up_files",
        )
        text = st.text_area("…or paste a story", key="up_text", height=120)
        title = st.text_input("Title (optional)", key="up_title")
        date = st.date_input("Date (optional)", key="up_date", value=None)
        if not st.button("Add", key="up_add"):
            return
        articles, errors = _read_uploads(files, text, title, date)
        messages = [("error", e) for e in errors]
        if not files and not text.strip():
            messages.append(("error", "Choose files or paste a story first."))
        if articles:
            summary = add_articles(path, articles)
            messages += [("error", f"{name}: {reason}") for name, reason in summary.failed]
            done = summary.added + summary.reextracted
            messages.append(("ok", f"Added {done} stor{'y' if done == 1 else 'ies'}."))
        st.session_state.tm_added = messages
        st.rerun()


def _share_and_export(state: view.ViewState, refs) -> None:
    """The link to this view (copy button) and downloads of the filtered events."""
    base = st.context.url or ""
    with st.sidebar.expander("Share this view"):
        st.code(view.share_link(base, state) if base else "?", language=None, wrap_lines=True)
    kept: dict[str, Extraction] = {}
    for ref in refs:
        ex = kept.get(ref.extraction.article.id, replace(ref.extraction, events=()))
        kept[ex.article.id] = replace(ex, events=ex.events + (ref.event,))

    def geojson() -> str:
        """The shown events as GeoJSON, built when the button is pressed."""
        import json

        from dashboard.store import event_features

        return json.dumps(event_features(kept.values()), ensure_ascii=False)

    def csv() -> str:
        """The shown events as CSV, built when the button is pressed."""
        from dashboard.store import csv_text

        return csv_text(kept.values())

    with st.sidebar.expander("Export the events shown"):
        st.download_button(
            "GeoJSON", geojson, "events.geojson", "application/geo+json", key="dl_geojson"
        )
        st.download_button("CSV", csv, "events.csv", "text/csv", key="dl_csv")


def _sync_url(flt: view.EventFilter) -> view.ViewState:
    """Write the current view into the address bar so a copied link restores it."""
    center, zoom = st.session_state.get("tm_view") or (None, None)
    state = view.ViewState(st.session_state.tm_sel or None, flt, center, zoom)
    query = view.to_query(state)
    if query != st.query_params.to_dict():
        st.query_params.from_dict(query)
    return state


@st.fragment(run_every=0.5)
def _draw_the_rest_soon() -> None:
    """Rerun the whole page shortly after the map was sent (or when the map reports first).

    A new page gets the map alone, so the browser loads it without competing with the
    controls; the controls and the event list follow half a second later.
    """
    if st.session_state.get("tm_rest_due"):
        st.rerun(scope="app")
    st.session_state.tm_rest_due = True


def main() -> None:
    """Draw the dashboard: map and panel first, then the controls."""
    st.set_page_config(page_title="Troop map", page_icon="🗺️", layout="wide")
    _init_from_url()
    path = _store_path()
    try:
        extractions = load_extractions(path, _generation()["n"])
    except Exception as exc:  # the app's edge: say what failed, still draw an empty map
        LOG.exception("cannot read the stories")
        st.error(f"Cannot read the stories: {exc}")
        extractions = []
    options = view.filter_options(extractions)
    _drop_unknown_filters(options)
    flt = _current_filter()
    refs = view.filter_events(extractions, flt)
    tallies = view.tally_places(extractions, flt.stories)
    for notice in st.session_state.tm_notices:
        st.warning(notice)
    left, right = st.columns([5, 3])
    _take_click(st.session_state.get(MAP_KEY))
    draw_map = lambda: _show_map(refs, tallies, view.actor_colours(options.actors))  # noqa: E731
    if st.session_state.get("tm_shown"):
        with right:  # the evidence of a click shows before the map is sent again
            _show_panel(refs, tallies)
        with left:
            draw_map()
    else:  # a new page: the map alone first, the rest once it is on its way
        st.session_state.tm_shown = True
        with left:
            draw_map()
        _draw_the_rest_soon()
        return
    st.session_state.tm_notices = []  # shown on the full page: not again
    with left:
        _timeline(refs)
    st.sidebar.title("Troop map")
    _filter_widgets(options)
    _place_hits(tallies, flt.place or "")
    _add_articles_ui(path)
    state = _sync_url(flt)
    _share_and_export(state, refs)


main()
