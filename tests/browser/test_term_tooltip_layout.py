"""Term tooltips stay inside a 360px screen and sit just under their link, wherever it is."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHAPTER = "handbooks/making-the-case/why-relationships-matter/"


def test_every_tooltip_fits_a_small_screen_under_its_link(real_site, phone_page):
    phone_page.goto(real_site.url(CHAPTER))
    links = phone_page.locator("article a.hb-term")
    assert links.count() >= 3
    width = phone_page.viewport_size["width"]
    for index in range(links.count()):
        link = links.nth(index)
        link.focus()
        tooltip = phone_page.locator(f"#{link.get_attribute('aria-describedby')}")
        expect(tooltip).to_be_visible()
        box, anchor = tooltip.bounding_box(), link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"tooltip {index} leaves the screen: {box}"
        # Under the line of the link (its last line, if it wraps), not over the text it explains.
        assert anchor["y"] + anchor["height"] - 2 <= box["y"] <= anchor["y"] + anchor["height"] + 40, (anchor, box)
        phone_page.keyboard.press("Escape")
        expect(tooltip).to_be_hidden()
    assert phone_page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_page_reads_the_same_without_javascript(real_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        tab = context.new_page()
        tab.goto(real_site.url(CHAPTER))
        link = tab.locator("article a.hb-term").first
        tooltip = tab.locator(f"#{link.get_attribute('aria-describedby')}")
        expect(tooltip).to_be_hidden()
        link.focus()
        expect(tooltip).to_be_visible()  # CSS alone shows it
        href = link.get_attribute("href")
        link.click()
        tab.wait_for_url(lambda url: url.rstrip("/").endswith(href.rstrip("/").split("/")[-1]))
    finally:
        context.close()
