"""The evidence explorer's filters in Chromium: combined, kept in the URL, and a plain list without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.test_accessibility import BLOCKING, describe, run_axe
from tests.support import REPO

pytestmark = pytest.mark.browser

ROWS = "li.hb-evidence-row"


def visible_rows(page) -> list[dict]:
    return page.eval_on_selector_all(
        ROWS,
        "rows => rows.filter(r => !r.hidden).map(r => ({theme: r.dataset.theme, outcome: r.dataset.outcome, "
        "confidence: Number(r.dataset.confidence), year: Number(r.dataset.year), type: r.dataset.type}))",
    )


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_filters_combine_and_live_in_the_url(real_site, page):
    page.goto(real_site.url("evidence/"))
    total = page.locator(ROWS).count()
    assert total > 10
    assert page.locator(".hb-explorer-filters").is_visible()
    assert page.locator(".hb-explorer-count").inner_text() == f"Showing {total} of {total} items."

    page.select_option("select[name=theme]", "loneliness")
    lonely = visible_rows(page)
    assert 0 < len(lonely) < total and all("loneliness" in r["theme"].split() for r in lonely)
    assert query(page) == {"theme": ["loneliness"]}

    page.select_option("select[name=confidence]", "3")
    strong = visible_rows(page)
    assert 0 < len(strong) < len(lonely)
    assert all(r["confidence"] >= 3 and "loneliness" in r["theme"].split() for r in strong)
    assert query(page) == {"theme": ["loneliness"], "confidence": ["3"]}
    assert page.locator(".hb-explorer-count").inner_text() == f"Showing {len(strong)} of {total} items."

    page.reload()  # the state survives a reload
    assert page.input_value("select[name=theme]") == "loneliness"
    assert page.input_value("select[name=confidence]") == "3"
    assert visible_rows(page) == strong

    page.click(".hb-explorer-filters button[type=reset]")
    page.wait_for_function(f"document.querySelectorAll('{ROWS}:not([hidden])').length === {total}")
    assert query(page) == {}


def test_a_shared_url_opens_with_its_filters(real_site, page):
    page.goto(real_site.url("evidence/?from=2015&to=2020&type=not-a-type"))
    rows = visible_rows(page)
    assert rows and all(2015 <= r["year"] <= 2020 for r in rows)
    assert page.input_value("select[name=type]") == ""  # unknown values are ignored, not applied


def test_gap_map_cell_opens_the_explorer_with_both_filters(real_site, page):
    page.goto(real_site.url("evidence/gap-map/"))
    cell = page.locator("td.hb-gap-filled").first
    count = int(cell.get_attribute("data-count"))
    cell.locator("a").click()
    page.wait_for_load_state()
    assert real_site.path_of(page.url) == "evidence/"
    filters = query(page)
    assert set(filters) == {"theme", "outcome"}
    rows = visible_rows(page)
    assert len(rows) == count
    assert all(
        filters["theme"][0] in r["theme"].split() and filters["outcome"][0] in r["outcome"].split() for r in rows
    )


def test_without_javascript_the_explorer_is_the_complete_list(real_site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_site.url("evidence/?theme=loneliness"))
        rows = page.locator(ROWS)
        assert rows.count() == len(list((REPO / "docs" / "evidence").glob("*.md")))
        assert not page.locator(".hb-explorer-filters").is_visible()
        assert page.locator(f"{ROWS}[hidden]").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("path", ["evidence/gap-map/", "evidence/confidence-scale/"])
def test_gathering_pages_have_no_serious_accessibility_violations(real_site, page, path):
    page.goto(real_site.url(path))
    result = run_axe(page)
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{path}:\n{describe(blocking)}"
