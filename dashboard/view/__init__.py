"""Viewing: ``Extraction`` records in -> the folium map, evidence HTML and URL state out.

Filters and place tallies, the folium map (curves, areas, basemap, controls, extent), the
evidence panel's HTML, the timeline spec and the URL state of a shared link. Plain Python:
nothing here imports streamlit.
"""

from dashboard.view.filters import (
    HIDDEN_MODALITIES,
    SHOWN_MODALITIES,
    EventFilter,
    FilterOptions,
    by_story,
    filter_events,
    filter_options,
    find_places,
    tally_places,
)
from dashboard.view.layers import (
    MAX_MOVEMENTS,
    actor_colours,
    base_map,
    build_map,
    event_bounds,
    event_layers,
    movements_note,
    movements_of,
    outline_basemap,
    places_note,
    selection_from_tooltip,
    view_of,
)
from dashboard.view.layout import COLUMNS, EVIDENCE_KEY, MAP_HEIGHT, PAGE_CSS
from dashboard.view.movement_panel import REPORTS_PAGE, movement_evidence_html
from dashboard.view.notices import (
    AddResult,
    add_messages,
    add_result,
    date_problem,
    empty_reason,
    parse_day,
    unknown_values,
)
from dashboard.view.paging import PAGE_SIZE, EventPage, event_page, page_note
from dashboard.view.panel import (
    PANEL_CSS,
    actor_name,
    card_caption,
    card_label,
    country_names,
    date_text,
    evidence_html,
    markdown_text,
    place_evidence_html,
    type_label,
)
from dashboard.view.timeline import timeline_spec
from dashboard.view.viewstate import (
    ViewState,
    parse_query,
    reported_view,
    share_link,
    to_query,
    widget_values,
)

__all__ = [
    "MAX_MOVEMENTS",
    "REPORTS_PAGE",
    "movement_evidence_html",
    "movements_note",
    "movements_of",
    "PAGE_SIZE",
    "EventPage",
    "event_page",
    "page_note",
    "COLUMNS",
    "EVIDENCE_KEY",
    "MAP_HEIGHT",
    "PAGE_CSS",
    "HIDDEN_MODALITIES",
    "PANEL_CSS",
    "AddResult",
    "actor_name",
    "add_messages",
    "add_result",
    "by_story",
    "country_names",
    "unknown_values",
    "base_map",
    "date_problem",
    "date_text",
    "empty_reason",
    "event_layers",
    "markdown_text",
    "parse_day",
    "reported_view",
    "widget_values",
    "places_note",
    "SHOWN_MODALITIES",
    "EventFilter",
    "FilterOptions",
    "ViewState",
    "actor_colours",
    "build_map",
    "card_caption",
    "card_label",
    "event_bounds",
    "evidence_html",
    "filter_events",
    "filter_options",
    "find_places",
    "outline_basemap",
    "parse_query",
    "place_evidence_html",
    "selection_from_tooltip",
    "share_link",
    "tally_places",
    "timeline_spec",
    "to_query",
    "type_label",
    "view_of",
]
