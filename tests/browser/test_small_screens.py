"""On a phone 360 CSS pixels wide: nothing scrolls sideways, and the navigation works."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = [
    "handbooks/making-the-case/why-relationships-matter/",  # a chapter
    "handbooks/measuring-relationships/",  # a handbook
    "glossary/co-production/",  # a term
    "glossary/",
    "evidence/holt-lunstad-2010/",  # an evidence item
    "evidence/",  # the evidence explorer
    "stories/swansea-spirit-of-lockdown/",  # a story
    "convenings/measuring-relationships-2021/",  # a convening
    "organisations/",
    "themes/loneliness/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling(real_site, phone_page, path):
    phone_page.goto(real_site.url(path))
    assert phone_page.evaluate("() => innerWidth") == 360
    widths = phone_page.evaluate("""() => {
        const root = document.documentElement;
        const wide = [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1 && el.offsetParent !== null)
            .filter(el => !el.closest('.md-sidebar, .md-search, [hidden]'))
            .slice(0, 5).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'));
        return {scroll: root.scrollWidth, client: root.clientWidth, wide};
    }""")
    assert widths["scroll"] <= widths["client"], f"{path} scrolls sideways: {widths}"


@pytest.mark.parametrize("start, link, destination", [
    ("glossary/co-production/", "Evidence", "evidence/"),
    # inside a handbook the drawer opens on the handbook's own chapters
    ("handbooks/making-the-case/why-relationships-matter/", "The cost of not putting relationships first",
     "handbooks/making-the-case/the-cost-of-not/"),
])
def test_navigation_drawer_opens_and_leads_somewhere(real_site, phone_page, start, link, destination):
    phone_page.goto(real_site.url(start))
    target = phone_page.locator("nav.md-nav--primary").get_by_role("link", name=link, exact=True)
    expect(target).not_to_be_in_viewport()  # the drawer starts closed, off screen
    phone_page.locator('label.md-header__button[for="__drawer"]').tap()
    expect(target).to_be_in_viewport()
    target.tap()
    phone_page.wait_for_url(real_site.url(destination))
    assert phone_page.locator("article h1").count() == 1
