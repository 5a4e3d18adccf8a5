"""What a person does in a real browser: open, click on the map, read the evidence, share, add."""

from __future__ import annotations

import re

from harness import map_frame, screenshot

ROMANIA = "1,000 US soldiers in Germany are being sent to Romania"
HOSTILE_TEXT = (
    "Hostile test story\n\n"
    "Officials said 300 soldiers were sent to Vilnius <script>window.__pwned=1</script> "
    'on Monday <img src=x onerror="window.__pwned=1"> as drills began. '
    "More at javascript:window.__pwned=1 later.\n"
)
HOSTILE_HTML = (
    "<html><head><title>Hostile page <script>window.__pwned=1</script></title></head><body>"
    "<h1>Drills near Vilnius</h1><p>Officials said 300 soldiers were sent to Vilnius on "
    'Monday <img src=x onerror="window.__pwned=1">.</p><p><a href="javascript:window.__pwned=1">'
    "more</a></p><script>window.__pwned=1;alert(1)</script></body></html>"
)


# Opens every tooltip of the map, so that all of their HTML is in the page at once.
OPEN_TOOLTIPS = """() => {
  let opened = 0;
  for (const layer of Object.values(window.map._layers)) {
    if (layer.getTooltip && layer.getTooltip()) { layer.openTooltip(); opened += 1; }
  }
  return opened;
}"""


def evidence(page):
    """The evidence panel's locator."""
    return page.locator(".tm-ev")


# Centre the map on the label whose event's title holds the words, at a country's zoom, as
# a reader's own move (a key pressed in the map): the map no longer refits itself after that.
ZOOM_TO_LABEL = """(body, words) => {
  window.map.getContainer().dispatchEvent(new KeyboardEvent('keydown', {key: 'Shift'}));
  for (const layer of Object.values(window.map._layers)) {
    const label = layer.getElement && layer.getElement()?.querySelector?.('.tm-label');
    if (label && label.dataset.title.includes(words)) {
      window.map.setView(layer.getLatLng(), 7, {animate: false});
      return true;
    }
  }
  return false;
}"""


def click_label(frame, words: str, tap: bool = False) -> None:
    """Click (or tap) the map label of the event whose tooltip mentions ``words``, zoomed in
    to it first as a reader would: the opening view holds everything drawn, from North
    America to China, and there labels that overlap a larger count's are hidden."""
    if not frame.locator("body").evaluate(ZOOM_TO_LABEL, words):
        titles = frame.locator(".tm-label").evaluate_all("els => els.map(e => e.dataset.title)")
        raise AssertionError(f"no label for {words} among {titles}")
    label = frame.locator(f'.tm-label[data-title*="{words}"]').first
    label.wait_for(state="visible", timeout=10_000)
    label.tap() if tap else label.click()


def test_click_on_the_map_shows_the_evidence(page, app_url):
    page.goto(app_url)
    frame = map_frame(page)
    screenshot(page, "01-opened")
    click_label(frame, "Romania")
    panel = evidence(page).filter(has_text=ROMANIA)
    panel.wait_for(timeout=10_000)
    assert panel.locator("mark").count() >= 2
    screenshot(page, "02-romania-selected")


def test_second_click_on_the_same_feature_selects_it_again(page, app_url):
    page.goto(app_url)
    frame = map_frame(page)
    click_label(frame, "Romania")
    evidence(page).filter(has_text=ROMANIA).wait_for(timeout=10_000)
    page.get_by_role("button", name="All events").click()
    page.locator('[data-testid="stRadio"]').wait_for(timeout=10_000)
    click_label(frame, "Romania")
    evidence(page).filter(has_text=ROMANIA).wait_for(timeout=10_000)


def test_a_shared_link_opens_the_same_selection(page, app_url):
    page.goto(app_url)
    click_label(map_frame(page), "Romania")
    evidence(page).filter(has_text=ROMANIA).wait_for(timeout=10_000)
    page.wait_for_function("() => location.search.includes('sel=ev')", timeout=10_000)
    link = page.evaluate("location.href")  # page.url can lag behind history.pushState
    page.goto("about:blank")
    page.goto(link)
    map_frame(page)
    evidence(page).filter(has_text=ROMANIA).wait_for(timeout=15_000)
    screenshot(page, "03-shared-link")


def test_a_card_click_selects_on_the_map(page, app_url):
    page.goto(app_url)
    map_frame(page)
    page.get_by_role("radiogroup").locator("label").first.click()
    evidence(page).first.wait_for(timeout=10_000)
    page.wait_for_function("() => location.search.includes('sel=ev')", timeout=10_000)


def upload(page, assets, files: list[dict]) -> None:
    """Upload files through the Add articles box and press Add.

    Chromium sends no upload body while Playwright intercepts requests, so the CDN routes
    are lifted for the upload and put back before the map is redrawn.
    """
    if not page.get_by_role("button", name="Add", exact=True).is_visible():
        page.get_by_text("Add articles").click()  # open the box (it stays open after an Add)
    page.unroute_all(behavior="wait")
    uploaded = []
    page.on("response", lambda r: uploaded.append(r.status) if "upload_file" in r.url else None)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    deadline = 200
    while len(uploaded) < len(files) and deadline:
        page.wait_for_timeout(100)
        deadline -= 1
    assert uploaded == [204] * len(files), f"uploads answered {uploaded}"
    assets.install(page)
    page.get_by_role("button", name="Add", exact=True).click()


def test_an_uploaded_story_appears_on_the_map(page, app_url, assets):
    page.goto(app_url)
    frame = map_frame(page)
    before = frame.locator(".leaflet-interactive").count()
    story = "Tallinn drills\n\nEstonia said 400 soldiers from Finland arrived in Tartu on Monday.\n"
    upload(
        page, assets, [{"name": "tartu.txt", "mimeType": "text/plain", "buffer": story.encode()}]
    )
    page.get_by_text(re.compile(r"Added \d+ stor")).first.wait_for(timeout=60_000)
    frame = map_frame(page)
    page.wait_for_function(
        "([sel, n]) => document.querySelector(sel).contentDocument"
        ".querySelectorAll('.leaflet-interactive').length > n",
        arg=['iframe[title="streamlit_folium.st_folium"]', before],
        timeout=20_000,
    )
    screenshot(page, "04-uploaded")


def test_hostile_uploads_run_no_script(page, app_url, assets):
    page.goto(app_url)
    map_frame(page)
    upload(
        page,
        assets,
        [
            {"name": "hostile.txt", "mimeType": "text/plain", "buffer": HOSTILE_TEXT.encode()},
            {"name": "hostile.html", "mimeType": "text/html", "buffer": HOSTILE_HTML.encode()},
        ],
    )
    page.get_by_text(re.compile(r"Added \d+ stor")).first.wait_for(timeout=60_000)
    frame = map_frame(page)
    page.get_by_placeholder("e.g. a city or country").fill("Vilnius")
    page.keyboard.press("Enter")
    page.get_by_role("button", name=re.compile("Vilnius")).first.click()
    panel = evidence(page).filter(has_text="<script>window.__pwned=1</script>")
    panel.wait_for(timeout=15_000)
    frame = map_frame(page)  # the search filters the map, which is drawn afresh
    opened = frame.locator("body").evaluate(OPEN_TOOLTIPS)
    assert opened > 0
    page.wait_for_timeout(500)
    screenshot(page, "05-hostile")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    map_window = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    assert map_window.locator("body").evaluate("() => typeof window.__pwned") == "undefined"
    assert page.dialogs == []


def test_a_fused_arrow_shows_all_its_reports(page, app_url):
    """The seed tells Scholz's trip to Moscow twice (as Germany and as Scholz): one arrow,
    labelled with its two reports, and a click lists both."""
    page.goto(app_url)
    click_label(map_frame(page), "Scholz (DE) → Moscow")
    panel = evidence(page).filter(has_text="2 reports")
    panel.wait_for(timeout=10_000)
    assert panel.locator(".tm-report").count() == 2
    page.wait_for_function("() => location.search.includes('sel=mv')", timeout=10_000)
    screenshot(page, "04-fused-movement")


HALO = 'path[stroke="#ffd400"]'


def test_a_report_picked_from_the_list_highlights_its_movements_arrow(page, app_url):
    """Scholz's trip to Moscow is one arrow for its two reports: picking either report from
    the event list puts the selection's halo on that arrow, and the panel offers both."""
    page.goto(app_url)
    frame = map_frame(page)
    search = page.get_by_placeholder("Words in a card: place, actor, story, date")
    search.fill("Scholz")
    search.press("Enter")
    page.get_by_role("radiogroup").locator("label").filter(has_text="Scholz").first.click()
    panel = page.locator(".tm-ev[data-movement]")
    panel.wait_for(timeout=10_000)
    assert panel.get_attribute("data-selection").startswith("ev:")
    movement = panel.get_attribute("data-movement")
    frame.locator(HALO).first.wait_for(state="attached", timeout=10_000)
    drawn = frame.locator("body").evaluate(
        """(body, token) => Object.values(window.map._layers).filter(l => {
             const t = l.getTooltip && l.getTooltip();
             return t && String(t.getContent()).includes(token); }).length""", f"#{movement}")
    assert drawn >= 1, "the movement, not the report, is what the map draws"
    screenshot(page, "05-report-of-a-movement")
    page.get_by_role("button", name=re.compile(r"All 2 reports of this movement")).click()
    evidence(page).filter(has_text="2 reports").locator(".tm-report").first.wait_for(
        timeout=10_000)


def layer_names(frame) -> list[str]:
    """The overlay names the map's layer control lists (the control opened first)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    names = frame.locator(".leaflet-control-layers-overlays label")
    for attempt in range(6):  # the map may be redrawn under the pointer on a loaded machine:
        frame.locator(".leaflet-control-layers").hover()  # hover again until it opens
        try:
            names.first.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == 5:
                raise
            frame.locator("body").hover(position={"x": 5, "y": 5})
    return [" ".join(text.split()) for text in names.all_inner_texts()]


def test_the_layer_control_says_what_each_layer_draws(page, app_url):
    """Every event layer and the places are in the layer control, each saying how many of
    its objects it draws; a filter that empties a layer says so there too."""
    page.goto(app_url)
    frame = map_frame(page)
    names = layer_names(frame)
    assert [n.split(" (")[0] for n in names] == [
        "Concentrations", "Movements", "Diplomacy", "Places"]
    assert all(re.search(r"\((?:[\d,]+, all shown|none)\)$", n) for n in names[:3]), names
    assert re.search(r"^Movements \([\d,]+, all shown\)$", names[1])
    screenshot(page, "09-layer-control")
    page.get_by_label("Event type").click()  # the multiselect's box
    page.get_by_role("option", name="Diplomatic visit").click()
    page.keyboard.press("Escape")
    frame.locator("body").evaluate("() => true")  # the same frame: layers are replaced in it
    page.wait_for_function(
        """(frame) => { const doc = document.querySelector(frame)?.contentDocument;
          const labels = doc ? [...doc.querySelectorAll('.leaflet-control-layers-overlays label')]
            : [];
          return labels.some(l => l.innerText.includes('Movements (none)')); }""",
        arg='iframe[title="streamlit_folium.st_folium"]', timeout=45_000)  # a loaded
        # machine redraws slowly
