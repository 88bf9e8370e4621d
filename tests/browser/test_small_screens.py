"""On a phone 360 CSS pixels wide: nothing scrolls sideways, and the navigation works."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = [
    "",  # home
    "handbooks/making-the-case/why-relationships-matter/",  # a chapter
    "handbooks/measuring-relationships/",  # a handbook
    "glossary/co-production/",  # a term
    "glossary/",
    "evidence/holt-lunstad-2010/",  # an evidence item
    "evidence/",  # the evidence explorer
    "evidence/gap-map/",
    "stories/swansea-spirit-of-lockdown/",  # a story
    "convenings/measuring-relationships-2021/",  # a convening
    "organisations/",
    "themes/loneliness/",
]


# The layout's width, and the first few visible elements that stick out of the screen
# (leaving out those inside a container that scrolls or clips on its own).
MEASURE = """() => {
    const root = document.documentElement;
    const clipped = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
    const wide = [...document.querySelectorAll('body *')]
        .filter(el => el.offsetParent !== null && el.getBoundingClientRect().right > 361 && !clipped(el))
        .slice(0, 5).map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)}px)`);
    return {inner: innerWidth, scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling(real_site, phone_page, path):
    phone_page.goto(real_site.url(path))
    layout = phone_page.evaluate(MEASURE)
    # On a phone the browser widens the layout viewport to fit content that sticks out,
    # so both the document and the viewport must stay 360 px wide.
    assert layout["scroll"] <= layout["client"] and layout["inner"] == 360, f"/{path} scrolls sideways: {layout}"


@pytest.mark.parametrize(
    "start, link, destination",
    [
        ("glossary/co-production/", "Evidence", "evidence/"),
        # inside a handbook the drawer opens on the handbook's own chapters
        (
            "handbooks/making-the-case/why-relationships-matter/",
            "The cost of not putting relationships first",
            "handbooks/making-the-case/the-cost-of-not/",
        ),
    ],
)
def test_navigation_drawer_opens_and_leads_somewhere(real_site, phone_page, start, link, destination):
    phone_page.goto(real_site.url(start))
    target = phone_page.locator("nav.md-nav--primary").get_by_role("link", name=link, exact=True)
    expect(target).not_to_be_in_viewport()  # the drawer starts closed, off screen
    phone_page.locator('label.md-header__button[for="__drawer"]').tap()
    expect(target).to_be_in_viewport()
    target.tap()
    phone_page.wait_for_url(real_site.url(destination))
    assert phone_page.locator("article h1").count() == 1
