"""What a newcomer tripped over, checked in a real browser (issue 11): messages that stay,
a view that holds everything drawn, a map that is not sent again on a filter change, fixed
actor colours, a phone that shows the evidence of a tap, tooltips that stay whole."""

from __future__ import annotations

import re

from harness import MAP_FRAME, map_frame, screenshot, wait_idle
from test_dashboard import ROMANIA, click_label, evidence, upload

# Every event feature on the map (its tooltip carries "#ev:") lies inside the map's view.
OUTSIDE_THE_VIEW = """() => {
  const view = window.map.getBounds(), outside = [];
  let checked = 0;
  for (const layer of Object.values(window.map._layers)) {
    const tip = layer.getTooltip && layer.getTooltip();
    const text = tip ? String(tip.getContent()) : "";
    if (!text.includes("#ev:")) continue;
    const box = layer.getBounds ? layer.getBounds()
      : L.latLngBounds([layer.getLatLng(), layer.getLatLng()]);
    checked += 1;
    if (!view.contains(box)) outside.push(text.replace(/<[^>]*>/g, "").slice(0, 80));
  }
  return {checked, outside};
}"""


def settle(page, ms: int = 3_000) -> None:
    """Let the map report its view and the reruns that follow finish."""
    page.wait_for_timeout(ms)
    wait_idle(page, timeout=30_000)


def test_a_link_notice_stays_and_shows_its_text_as_text(page, app_url):
    page.goto(f"{app_url}/?z=banana&actor=%5BSession%20expired%5D(https://x)")
    map_frame(page)
    notice = page.get_by_text("Session expired", exact=False).first
    notice.wait_for(timeout=20_000)
    settle(page)  # the map reports its view: a rerun no reader caused
    assert notice.is_visible()
    assert page.get_by_text(re.compile(r"Ignored z=")).first.is_visible()
    assert page.locator('a[href="https://x"], a[href="https://x/"]').count() == 0
    assert "[Session expired](https://x)" in notice.inner_text()


def test_the_view_holds_every_drawn_feature_before_and_after_a_filter(page, app_url):
    page.goto(app_url)
    frame = map_frame(page)
    settle(page)
    found = frame.locator("body").evaluate(OUTSIDE_THE_VIEW)
    assert found["checked"] > 10 and found["outside"] == [], found
    frame.locator("body").evaluate("() => { window.__tmSameMap = true; }")
    box = page.get_by_role("textbox", name="From")
    box.fill("2022-02-03")
    box.press("Enter")  # applies without leaving the box
    page.wait_for_function("() => location.search.includes('from=2022-02-03')", timeout=15_000)
    settle(page)
    frame = page.frame_locator(MAP_FRAME)
    assert frame.locator("body").evaluate("() => window.__tmSameMap === true"), (
        "the map was sent again (blank) instead of having its layers replaced"
    )
    found = frame.locator("body").evaluate(OUTSIDE_THE_VIEW)
    assert found["checked"] >= 1 and found["outside"] == [], found
    screenshot(page, "06-filtered-from-3-feb")


def test_an_added_story_keeps_colours_and_messages_and_empties_the_uploader(
    page, app_url, assets
):
    page.goto(app_url)
    frame = map_frame(page)
    settle(page)
    colour = "el => getComputedStyle(el).borderTopColor"
    us_label = frame.locator('.tm-label[data-title*="US soldiers"]').first
    us_before = us_label.evaluate(colour)
    story = (
        "Canada sends troops to Latvia\n\n"
        "Canada said 500 soldiers from Canada were deployed to Latvia on Monday. "
        "Albania sent 50 soldiers to Latvia.\n"
    )
    upload(page, assets, [{"name": "canada.txt", "mimeType": "text/plain",
                           "buffer": story.encode()}])
    message = page.get_by_text(re.compile(r"Added \d+ stor")).first
    message.wait_for(timeout=60_000)
    settle(page, 4_000)
    assert message.is_visible(), "the result of Add must stay until the next action"
    assert page.locator('[data-testid="stFileUploaderFile"]').count() == 0
    frame = map_frame(page)
    us_after = frame.locator('.tm-label[data-title*="US soldiers"]').first.evaluate(colour)
    assert us_after == us_before
    # The same story again: nothing is added, and the message says why.
    upload(page, assets, [{"name": "canada.txt", "mimeType": "text/plain",
                           "buffer": story.encode()}])
    page.get_by_text(re.compile(r"Added 0 stories: it is already in the store")).wait_for(
        timeout=60_000
    )


def test_a_tap_on_a_phone_brings_the_evidence_into_view(browser, assets, app_url):
    context = browser.new_context(viewport={"width": 414, "height": 896}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    assets.install(page)
    try:
        page.goto(app_url)
        frame = map_frame(page)
        settle(page)
        click_label(frame, "Romania", tap=True)
        panel = evidence(page).filter(has_text=ROMANIA)
        panel.wait_for(timeout=15_000)
        settle(page, 1_000)
        box = panel.bounding_box()
        assert box is not None and box["y"] < 896 and box["y"] + 40 < 896
        visible = page.evaluate(
            "() => { const r = document.querySelector('.tm-ev').getBoundingClientRect();"
            " return r.top >= 0 && r.top < innerHeight - 40; }"
        )
        assert visible, f"the evidence is out of sight at {box}"
        screenshot(page, "07-phone-tap")
    finally:
        context.close()


def test_the_fit_button_says_what_it_does_and_tooltips_stay_inside(page, app_url):
    page.goto(app_url)
    frame = map_frame(page)
    settle(page)
    button = frame.locator(".tm-all")
    button.hover()
    tip = button.evaluate("el => getComputedStyle(el, '::after').content")
    assert tip == '"Show everything drawn"'
    # A tooltip opened at the map's right edge is moved back inside the frame.
    inside = frame.locator("body").evaluate("""() => {
      const m = window.map, size = m.getSize();
      const layer = Object.values(m._layers).find(
        l => l.getTooltip && l.getTooltip() && String(l.getTooltip().getContent()).length > 40);
      layer.openTooltip(m.containerPointToLatLng([size.x - 3, size.y - 3]));
      const r = layer.getTooltip().getElement().getBoundingClientRect();
      const c = m.getContainer().getBoundingClientRect();
      return r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom;
    }""")
    assert inside


HALO = """() => [...document.querySelectorAll('path')]
  .filter(p => p.getAttribute('stroke') === '#ffd400').length"""


def test_the_selection_is_outlined_without_sending_the_layers_again(page, app_url):
    page.goto(app_url)
    frame = map_frame(page)
    settle(page)
    frame.locator("body").evaluate("() => { window.__tmLayersAt = window.feature_group.length; }")
    click_label(frame, "Romania")
    evidence(page).filter(has_text=ROMANIA).wait_for(timeout=15_000)
    page.wait_for_function(
        f"() => document.querySelector('{MAP_FRAME}').contentWindow.eval(`({HALO})()`) > 0",
        timeout=10_000,
    )
    # Selecting sent no new layers: the map holds the ones it had.
    assert frame.locator("body").evaluate(
        "() => window.feature_group.length === window.__tmLayersAt"
    )
    page.get_by_role("button", name="All events").click()
    page.wait_for_function(
        f"() => document.querySelector('{MAP_FRAME}').contentWindow.eval(`({HALO})()`) === 0",
        timeout=10_000,
    )


def test_too_many_files_at_once_are_refused_with_the_limit(page, app_url, assets):
    from dashboard.ingest import MAX_UPLOAD_FILES

    page.goto(app_url)
    map_frame(page)
    settle(page, 1_000)
    files = [{"name": f"s{i}.txt", "mimeType": "text/plain",
              "buffer": f"Story {i}\n\n{i} soldiers were sent to Riga.\n".encode()}
             for i in range(MAX_UPLOAD_FILES + 1)]
    upload(page, assets, files)
    page.get_by_text(re.compile(rf"{MAX_UPLOAD_FILES + 1} files were uploaded at once; "
                                rf"the limit is {MAX_UPLOAD_FILES}")).wait_for(timeout=60_000)
    page.get_by_text("Added 0 stories: nothing could be read").first.wait_for(timeout=10_000)


def test_the_map_dominates_a_wide_window(browser, assets, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    assets.install(page)
    try:
        page.goto(app_url)
        map_frame(page)
        settle(page, 1_000)
        frame = page.locator(MAP_FRAME).bounding_box()
        panel = page.locator('[data-testid="stRadio"]').bounding_box()
        assert frame["width"] >= 0.5 * 1400 and frame["width"] >= 2 * panel["width"]
        assert frame["y"] + frame["height"] <= 900  # the whole map above the fold
        screenshot(page, "08-wide-1400")
    finally:
        context.close()
