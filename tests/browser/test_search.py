"""Search, as a reader uses it: type in the search box, read the results, follow one."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TOP = 5  # a reader looks at the first few results only


def search(page, query: str) -> list[str]:
    """Type a query in Material's search box; the site paths of the top results, best first."""
    page.keyboard.press("/")  # Material's shortcut: focus the search box
    box = page.locator("input.md-search__input")
    box.fill(query)
    # Material searches on keyup, not on input events. One key after the whole text sends
    # one query, so no results of a half-typed query can be mistaken for the answer.
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    return [
        href.split("?")[0].split("#")[0].split("/", 3)[3] for href in links.evaluate_all("els => els.map(a => a.href)")
    ]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("coproduction", "glossary/co-production/"),  # a term found by an alias, not by its name
        ("Holt-Lunstad", "evidence/holt-lunstad-2010/"),  # an evidence item by an author
        ("Swansea", "stories/swansea-spirit-of-lockdown/"),  # a story by its place
    ],
)
def test_search_finds_and_leads_to_the_page(real_site, page, query, expected):
    page.goto(real_site.url("glossary/"))
    results = search(page, query)
    assert expected in results[:TOP], f"{query!r}: {expected} not in the top {TOP} results {results[:TOP]}"
    page.locator(f'.md-search-result__item > a[href*="/{expected}"]').first.click()
    page.wait_for_load_state()
    assert real_site.path_of(page.url) == expected
    assert page.locator("article h1").count() == 1
