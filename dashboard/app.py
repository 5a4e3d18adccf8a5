"""The Streamlit dashboard: map of forces and movements with the evidence beside it.

Run with ``streamlit run dashboard/app.py [-- --store FILE]``. The only module that imports
streamlit; everything it shows is built by the pure modules filters, layers, panel and
viewstate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from pathlib import Path

if __package__ in (None, ""):  # `streamlit run dashboard/app.py` runs this file as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st
from streamlit_folium import st_folium

from dashboard import view
from dashboard.records import EVENT_TYPES, Extraction

LOG = logging.getLogger(__name__)
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
SHOW = {"error": st.error, "warning": st.warning, "info": st.info, "success": st.success}
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
    """Every story as the map, the filters and the event list read it (its events, their
    sentences and its places; not its text): the one place the app reads the corpus."""
    return store(path).view_extractions()


@st.cache_resource(max_entries=16)
def whole_stories(path: str | None, generation: int,
                  ids: tuple[str, ...]) -> dict[str, Extraction]:
    """The whole extractions of a few stories (text, every sentence, mention and force),
    read when the evidence panel shows them."""
    return {ex.article.id: ex for ex in store(path).extractions(ids)}


def _whole(ids) -> dict[str, Extraction]:
    """The whole extractions of the stories ``ids``, by id (none when they cannot be read:
    the panel then quotes the events' own sentences)."""
    try:
        return whole_stories(_store_path(), _generation()["n"], tuple(sorted(set(ids))))
    except Exception:  # the app's edge: the light records still give each sentence
        LOG.warning("cannot read the stories for the evidence panel", exc_info=True)
        return {}


@st.cache_resource(max_entries=2)
def filter_options(path: str | None, generation: int) -> view.FilterOptions:
    """The actors, types, stories and dates the corpus has, worked out once per corpus: every
    run (a click included) needs them before it shows anything."""
    return view.filter_options(load_extractions(path, generation))


@st.cache_resource(max_entries=2)
def corpus_movements(path: str | None, generation: int) -> dict[str, str]:
    """Event id -> the id of its movement fused over the whole corpus: a movement keeps that
    id whatever the filters leave of it, so that its links and selection hold."""
    return view.movement_index(view.movements_of(view.all_events(
        load_extractions(path, generation))))


@st.cache_resource(max_entries=8)
def shown(path: str | None, generation: int, flt: view.EventFilter) -> tuple[list, list, list]:
    """The events, places and movements a filter shows, worked out once per filter: a click,
    a page of the list or a selection reruns the page with the same filter. Movements are
    named as over the whole corpus when the filter may leave out some of their reports."""
    extractions = load_extractions(path, generation)
    refs = view.filter_events(extractions, flt)
    corpus = corpus_movements(path, generation) if view.narrows(flt) else None
    return refs, view.tally_places(extractions, flt.stories), view.movements_of(refs, corpus)


def add_articles(path: str | None, articles):
    """Extract and store new articles, then make every session see them."""
    summary = store(path).add_articles(articles)
    _generation()["n"] += 1
    return summary


@st.cache_resource
def _outline_holder() -> dict:
    """Where the country-outline basemap is kept once built, shared by all sessions."""
    return {}


def outlines():
    """The outline basemap; None when it cannot be built (a failure is not kept: the next
    run tries again)."""
    holder = _outline_holder()
    if "basemap" not in holder:
        try:
            from geodata.geometry import country_shape

            shapes = (country_shape(cc) for cc in gazetteer().countries())
            holder["basemap"] = view.outline_basemap(shapes)
        except Exception:  # the basemap is a convenience: the map works without it
            LOG.warning("no country outlines for the basemap", exc_info=True)
    return holder.get("basemap")


def actor_names(actors) -> dict[str, str]:
    """Country names of the actor codes the gazetteer knows ("FR" -> "France")."""
    try:
        return view.country_names(gazetteer(), actors)
    except Exception:  # names are a convenience: codes alone still say who acted
        LOG.warning("no country names for the actors", exc_info=True)
        return {}


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
    st.session_state.update(tm_init=True, tm_notices=list(notices), tm_count=None, tm_added=[],
                            **view.widget_values(state))


def _day(key: str) -> tuple[dt.date | None, str | None]:
    """The date typed in a date box, and what is wrong with it (a bad date counts as none)."""
    try:
        return view.parse_day(st.session_state.get(key)), None
    except ValueError as error:
        return None, str(error)


def _drop_unknown_filters(options: view.FilterOptions) -> None:
    """Filter values from a link that the corpus does not have are dropped with a notice."""
    ss = st.session_state
    allowed = {"f_actor": options.actors, "f_type": EVENT_TYPES,
               "f_story": [s for s, _ in options.stories]}
    kept, notices = view.unknown_values({key: ss.get(key, []) for key in allowed}, allowed)
    if notices:
        ss.update(kept)
        ss.tm_notices += notices


def _acted() -> None:
    """The reader did something: the messages about what came before are done with."""
    st.session_state.tm_notices = []
    st.session_state.tm_added = []


def _filter_changed() -> None:
    """A filter changed: messages are done with, and the map fits what it now draws."""
    _acted()
    st.session_state.tm_keep_view = False
    st.session_state.tm_page = 0


def _clear_dates() -> None:
    """Forget both dates (button callback)."""
    st.session_state.f_from = st.session_state.f_to = ""
    _filter_changed()


def _current_filter() -> view.EventFilter:
    """The filter the widgets' state describes (read before the widgets are drawn)."""
    ss = st.session_state
    return view.EventFilter(
        actors=tuple(ss.f_actor),
        types=tuple(ss.f_type),
        stories=tuple(ss.f_story),
        modalities=view.SHOWN_MODALITIES + (view.HIDDEN_MODALITIES if ss.f_hidden else ()),
        date_from=_day("f_from")[0],
        date_to=_day("f_to")[0],
        place=ss.f_place.strip() or None,
    )


def _filter_widgets(options: view.FilterOptions, names: dict[str, str]) -> None:
    """The filter widgets in the sidebar; every change clears the last messages."""
    titles = dict(options.stories)
    sb = st.sidebar
    changed = {"on_change": _filter_changed}
    sb.multiselect("Actor", options.actors, key="f_actor", placeholder="All actors",
                   format_func=lambda code: view.actor_name(code, names), **changed)
    sb.multiselect("Event type", EVENT_TYPES, key="f_type", placeholder="All types",
                   format_func=view.type_label, **changed)
    sb.multiselect("Story", list(titles), key="f_story", placeholder="All stories",
                   format_func=lambda s: titles.get(s, s), **changed)
    sb.toggle("Show negated, hypothetical and demanded events", key="f_hidden", **changed)
    left, right = sb.columns(2)
    # Text boxes: a date applies on Enter (or on leaving the box) and is cleared by erasing it.
    left.text_input("From", key="f_from", placeholder="YYYY-MM-DD", **changed)
    right.text_input("To", key="f_to", placeholder="YYYY-MM-DD", **changed)
    (start, bad_start), (end, bad_end) = _day("f_from"), _day("f_to")
    for label, problem in (("From", bad_start), ("To", bad_end)):
        if problem:
            sb.warning(f"{label}: {problem}", icon=":material/event_busy:")
    problem = view.date_problem(start, end)
    if problem:
        sb.warning(problem, icon=":material/event_busy:")
    if st.session_state.f_from or st.session_state.f_to:
        sb.button("Clear dates", key="f_clear_dates", icon=":material/close:",
                  on_click=_clear_dates)
    elif options.date_min is not None:
        sb.caption(f"Events run from {view.date_text(options.date_min)} to "
                   f"{view.date_text(options.date_max)}.")
    sb.text_input("Find a place", key="f_place", placeholder="e.g. a city or country", **changed)


def _select(selection: str, bounds) -> None:
    """Select an event or place and bring it into view (button callback)."""
    _acted()
    st.session_state.tm_sel = selection
    st.session_state.tm_rpage = 0
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
            _acted()
            st.session_state.tm_sel = picked
            st.session_state.tm_rpage = 0
    seen = view.reported_view(out)
    # The first view a map reports is the one it opened on: links leave it out.
    if seen is not None and st.session_state.setdefault("tm_view0", seen) != seen:
        st.session_state.tm_view = seen


def _show_map(refs, tallies, options: view.FilterOptions, names: dict[str, str],
              movements) -> None:
    """The folium map; clicks select features.

    The base map stays the same while the corpus does, so that the map on the page is kept
    and only its layers are replaced when a filter or the selection changes (no blank map).
    """
    center, zoom = st.session_state.tm_target or (None, None)
    colours = view.actor_colours(options.actors)
    m = view.base_map(colours, names=names, with_layer_control=False)
    # A shared link's view is kept until a filter changes; otherwise the map fits what it draws.
    # The outline basemap (shown only if the street map fails) takes a fresh server 0.07 s;
    # it is in the first map's layers, so that the page's later runs send the same layers
    # and the browser keeps the map it drew instead of drawing it all again.
    layers = view.event_layers(refs, tallies, shape_of=shape_of, colours=colours, names=names,
                               fit=not st.session_state.get("tm_keep_view"),
                               outlines=outlines(), movements=movements)
    out = st_folium(
        m,
        key=MAP_KEY,
        height=view.MAP_HEIGHT,
        use_container_width=True,
        returned_objects=RETURNED,
        center=center,
        zoom=zoom,
        # The selection's halo is drawn by the map from the address bar's sel=, so that a
        # click does not send the layers again (see view.controls).
        feature_group_to_add=layers,
        layer_control=view.layer_control(),  # lists the layers above, with what they hide
        render=False,  # st_folium renders the map itself; the whole page is not needed
    )
    _take_click(out)


def _show_movement(movement, refs, names: dict[str, str]) -> None:
    """Every report of a fused movement, a page at a time, and where they disagree."""
    by_id = {ref.event.id: ref for ref in refs}
    pages = max(1, -(-movement.reports // view.REPORTS_PAGE))
    page = min(max(st.session_state.get("tm_rpage", 0), 0), pages - 1)
    st.session_state.tm_rpage = page
    size = view.REPORTS_PAGE
    shown = [by_id[e.id] for e in movement.events if e.id in by_id][page * size:(page + 1) * size]
    whole = _whole(r.extraction.article.id for r in shown)
    by_id.update((r.event.id, r) for r in view.with_stories(shown, whole))
    with st.container(key=view.EVIDENCE_KEY):
        st.button("← All events", key="tm_clear", on_click=_select, args=("", None))
        if pages > 1:
            back, ahead = st.columns(2)
            back.button("← Newer reports", key="tm_rprev", on_click=_turn_reports, args=(-1,),
                        disabled=page == 0, width="stretch")
            ahead.button("Older reports →", key="tm_rnext", on_click=_turn_reports, args=(1,),
                         disabled=page == pages - 1, width="stretch")
        st.html(view.movement_evidence_html(movement, by_id, names, page))


def _turn_reports(step: int) -> None:
    """Show the next or the previous page of a movement's reports (button callback)."""
    st.session_state.tm_rpage = st.session_state.get("tm_rpage", 0) + step


def _show_panel(refs, tallies, why_empty: str, names: dict[str, str], movements=()) -> None:
    """The evidence of the selection, or a card per event (or why there is none)."""
    st.html(view.PANEL_CSS)
    sel = st.session_state.tm_sel or ""
    kind, _, ident = sel.partition(":")
    movement = next((m for m in movements if kind == "mv" and m.id == ident), None)
    if movement is not None:
        _show_movement(movement, refs, names)
        return
    ref = next((r for r in refs if kind == "ev" and r.event.id == ident), None)
    tally = next((t for t in tallies if kind == "pl" and t.place.id == ident), None)
    if ref is not None or tally is not None:
        part = view.drawn_movement_of(movements, ident) if ref is not None else None
        with st.container(key=view.EVIDENCE_KEY):
            st.button("← All events", key="tm_clear", on_click=_select, args=("", None))
            st.html(_evidence(ref, names, part) if ref else _place_evidence(tally))
            if part is not None:  # the map draws the event as this movement: its reports
                st.button(f"All {part.reports:,} reports of this movement", key="tm_part",
                          on_click=_select, args=(f"mv:{part.id}", None))
        return
    if sel:
        st.info("The selected item is not among the events shown; showing all events.")
    if not refs:
        st.info(why_empty, icon=":material/filter_alt_off:")
        return
    by_id = {ref.event.id: ref for ref in refs}
    st.session_state.tm_cards = by_id  # for the pick callback
    query = st.text_input("Search the events", key="tm_search", on_change=_first_page,
                          placeholder="Words in a card: place, actor, story, date")
    page = view.event_page(refs, query, st.session_state.get("tm_page", 0), names=names)
    st.session_state.tm_page = page.page
    if page.pages > 1:
        back, ahead = st.columns(2)
        back.button("← Previous", key="tm_prev", on_click=_turn, args=(-1,),
                    disabled=page.page == 0, width="stretch")
        ahead.button("Next →", key="tm_next", on_click=_turn, args=(1,),
                     disabled=page.page == page.pages - 1, width="stretch")
    if not page.refs:
        st.info(view.page_note(page), icon=":material/search_off:")
        return
    with st.container(height=view.MAP_HEIGHT - 140):
        st.radio(
            view.page_note(page),
            [ref.event.id for ref in page.refs],
            index=None,
            key="tm_pick",
            format_func=lambda ident: view.card_label(by_id[ident], names),
            captions=[view.card_caption(ref) for ref in page.refs],
            on_change=_pick_card,
        )


def _evidence(ref, names: dict[str, str], movement=None) -> str:
    """The evidence of one event, quoted from its whole story (and the movement the map
    draws for it, if it is one report of several)."""
    whole = _whole([ref.extraction.article.id])
    return view.evidence_html(view.with_stories([ref], whole)[0], names, movement)


def _place_evidence(tally) -> str:
    """The sentences that mention a place, quoted from their whole stories."""
    shown = tally.mentions[:view.PLACE_QUOTES]
    whole = _whole(ex.article.id for _, ex in shown)
    return view.place_evidence_html(view.tally_with_stories(tally, whole), view.PLACE_QUOTES)


def _first_page() -> None:
    """The search changed: the list starts again at its first page."""
    st.session_state.tm_page = 0


def _turn(step: int) -> None:
    """Show the next or the previous page of the event list (button callback)."""
    st.session_state.tm_page = st.session_state.get("tm_page", 0) + step


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


def _timeline(refs, tallies, movements=()) -> None:
    """A compact bar chart of events by date, and what the map leaves out."""
    note = view.places_note(tallies)
    if note:
        st.caption(f"{note} The place search finds every one.")
    note = view.movements_note(movements)
    if note:
        st.caption(note)
    spec = view.timeline_spec(refs)
    if spec is not None:
        st.vega_lite_chart(spec, width="stretch")


def _read_uploads(files, text: str, title: str, date) -> tuple[list, list, int]:
    """Articles from the uploaded files and pasted text, (kind, message) pairs for what went
    wrong or was cut, and how many inputs could not be read (the size policy is ingest's)."""
    from dashboard import ingest

    articles, messages, notes = [], [], []
    files = files or []
    try:
        ingest.check_upload_count(len(files))
    except ingest.ReadError as exc:
        messages.append(("error", str(exc)))
        files = []
    for upload in files:
        try:
            articles += ingest.read_bytes(upload.getvalue(), upload.name, notes=notes,
                                          max_bytes=ingest.MAX_UPLOAD_BYTES)
        except ingest.ReadError as exc:
            messages.append(("error", str(exc)))  # the message names the file already
    if text.strip():
        try:
            articles += ingest.read_text(text, title=title or None, date=date, notes=notes)
        except ingest.ReadError as exc:
            messages.append(("error", f"Pasted text: {exc}"))
    return articles, messages + [("warning", note) for note in notes], len(messages)


def _add(path: str | None, files, text: str, title: str, date) -> list[tuple[str, str]]:
    """Read, extract and store what was given; the messages to show, one per problem and a
    summary that gives the reason for every zero."""
    articles, messages, unreadable = _read_uploads(files, text, title, date)
    if not articles:
        return messages + view.add_messages(view.add_result(0, unreadable))
    with st.spinner(f"Reading {len(articles)} stor{'y' if len(articles) == 1 else 'ies'}…"):
        summary = add_articles(path, articles)
    messages += [("error", f"{name}: {reason}") for name, reason in summary.failed]
    stored = {ex.article.id: ex for ex in load_extractions(path, _generation()["n"])}
    result = view.add_result(len(articles), unreadable, summary, stored, [a.id for a in articles])
    return messages + view.add_messages(result)


def _add_articles_ui(path: str | None) -> None:
    """Upload files or paste text; a bad file gets a message and the rest are kept. After
    Add the boxes are emptied, so that the next Add does not send the same files again."""
    from dashboard import ingest  # the size policy, said where files and text go in

    ss = st.session_state
    if ss.pop("up_reset", False):  # before the widgets exist, their state may be set
        ss.up_round = ss.get("up_round", 0) + 1
        ss.up_text, ss.up_title, ss.up_date = "", "", None
    with st.sidebar.expander("Add articles", expanded=bool(ss.get("tm_added"))):
        for kind, message in ss.get("tm_added", []):
            SHOW[kind](view.markdown_text(message))
        files = st.file_uploader(
            "Files (.txt, .md, .html)",
            type=["txt", "md", "html", "htm"],
            accept_multiple_files=True,
            key=f"up_files_{ss.get('up_round', 0)}",
            help=f"Up to {ingest.MAX_UPLOAD_FILES} files at once, "
            f"{ingest.MAX_UPLOAD_BYTES / 2**20:g} MB each; a saved web page works too.",
        )
        text = st.text_area("…or paste a story", key="up_text", height=120,
                            help=f"Up to {ingest.MAX_PASTE_CHARS:,} characters; a longer "
                            "text can be added as a file.")
        title = st.text_input("Title (optional)", key="up_title")
        date = st.date_input("Date (optional)", key="up_date", value=None, format="YYYY-MM-DD",
                             min_value=DATE_MIN, max_value=DATE_MAX)
        if not st.button("Add", key="up_add", on_click=_acted):
            return
        messages = _add(path, files, text, title, date)
        ss.tm_added = messages
        ss.up_reset = bool(files or text.strip())
        done = [m for kind, m in messages if kind == "success"]
        if done:
            ss.tm_toast = done[0]
        st.rerun()


def _share_and_export(state: view.ViewState, refs) -> None:
    """The link to this view (copy button) and downloads of the filtered events."""
    base = st.context.url or ""
    with st.sidebar.expander("Share this view"):
        st.code(view.share_link(base, state) if base else "?", language=None, wrap_lines=True)

    def geojson() -> str:
        """The shown events as GeoJSON, built when the button is pressed."""
        import json

        from dashboard.store import event_features

        return json.dumps(event_features(view.by_story(refs)), ensure_ascii=False)

    def csv() -> str:
        """The shown events as CSV, built when the button is pressed."""
        from dashboard.store import csv_text

        return csv_text(view.by_story(refs))

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


def _notices() -> None:
    """The messages of the last action (a link's ignored parameters), kept until the next;
    their text may come from the link, so it is shown as plain text, never as Markdown."""
    for notice in st.session_state.tm_notices:
        st.warning(view.markdown_text(notice))
    toast = st.session_state.pop("tm_toast", None)
    if toast:
        st.toast(view.markdown_text(toast), icon=":material/check_circle:")


def main() -> None:
    """Draw the dashboard: map and panel first, then the controls."""
    # The icon is an emoji, which Streamlit checks against its emoji table, a module that
    # takes a fresh server 0.1 s to load: a new page's first run, which sends the map, sets
    # the icon on the run after.
    icon = "🗺️" if st.session_state.get("tm_shown") else None
    st.set_page_config(page_title="Troop map", page_icon=icon, layout="wide")
    _init_from_url()
    path = _store_path()
    try:
        extractions = load_extractions(path, _generation()["n"])
    except Exception as exc:  # the app's edge: say what failed, still draw an empty map
        LOG.exception("cannot read the stories")
        st.error(f"Cannot read the stories: {exc}")
        extractions = []
    options = filter_options(path, _generation()["n"]) if extractions else view.filter_options([])
    names = actor_names(options.actors)
    _drop_unknown_filters(options)
    flt = _current_filter()
    # Reports of one movement are one object on the map.
    refs, tallies, movements = shown(path, _generation()["n"], flt) if extractions else ([],) * 3
    st.html(view.PAGE_CSS)
    _notices()
    left, right = st.columns(list(view.COLUMNS))
    _take_click(st.session_state.get(MAP_KEY))
    if st.session_state.get("tm_shown"):
        total = sum(len(ex.events) for ex in extractions)
        why = "" if refs else view.empty_reason(flt, options, total)
        with right:  # the evidence of a click shows before the map is sent again
            _show_panel(refs, tallies, why, names, movements)
        with left:
            _show_map(refs, tallies, options, names, movements)
    else:  # a new page: the map alone first, the rest once it is on its way
        with left:
            _show_map(refs, tallies, options, names, movements)
        st.session_state.tm_shown = True
        _draw_the_rest_soon()
        return
    with left:
        _timeline(refs, tallies, movements)
    st.sidebar.title("Troop map")
    _filter_widgets(options, names)
    _place_hits(tallies, flt.place or "")
    _add_articles_ui(path)
    state = _sync_url(flt)
    _share_and_export(state, refs)


main()
