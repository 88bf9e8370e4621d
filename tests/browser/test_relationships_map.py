"""The Relationships Map (/map/) in Chromium: the filters used with the keyboard alone, a
shared URL that opens filtered, no serious accessibility violation, nothing asked of other
sites, a light page, and the same page working from the unzipped offline copy."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import unzipped_offline_copy
from tests.browser.own_requests import elsewhere
from tests.browser.test_accessibility import BLOCKING, describe, run_axe
from tests.browser.test_weight_and_privacy import PAGE_BUDGET, SEARCH_INDEX, compressed, load_cold
from tests.e2e.test_map_page import add_placed_organisations

pytestmark = pytest.mark.browser

MAP = "map/"
ENTRIES = "li.hb-directory__entry"
COUNT = "[data-hb-map-count]"

# What the page shows, read in the browser: each directory entry with its facets and whether
# it is hidden; each marker and cluster of the picture with what the filters did to it.
STATE = """() => ({
  entries: [...document.querySelectorAll('li.hb-directory__entry')].map(li => ({
    id: li.dataset.org, hidden: li.hidden, nations: li.dataset.nations.split(' ').filter(Boolean),
    themes: li.dataset.themes.split(' ').filter(Boolean), type: li.dataset.type,
    connections: li.dataset.connections.split(' ').filter(Boolean)})),
  markers: [...document.querySelectorAll('svg.hb-map__svg [data-org]')].map(m => ({
    id: m.dataset.org, hidden: m.hasAttribute('hidden'), shown: m.getBoundingClientRect().width > 0})),
  clusters: [...document.querySelectorAll('svg.hb-map__svg [data-members]')].map(c => ({
    members: c.dataset.members.split(' '), hidden: c.hasAttribute('hidden'),
    count: c.querySelector('.hb-map__count') ? c.querySelector('.hb-map__count').textContent : null})),
})"""


def state(page) -> dict:
    return page.evaluate(STATE)


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def expected_shown(entries: list[dict], nation: str = "", theme: str = "", type_: str = "") -> set[str]:
    """The filters' rule, written again here: a nation shows its own and the UK-wide organisations."""
    shown = set()
    for entry in entries:
        if nation and not (
            nation in entry["nations"] or (nation not in ("uk-wide", "international") and "uk-wide" in entry["nations"])
        ):
            continue
        if theme and theme not in entry["themes"]:
            continue
        if type_ and entry["type"] != type_:
            continue
        shown.add(entry["id"])
    return shown


def assert_picture_follows_directory(seen: dict) -> set[str]:
    """Markers and clusters show exactly the organisations the directory shows."""
    shown = {entry["id"] for entry in seen["entries"] if not entry["hidden"]}
    for marker in seen["markers"]:
        assert marker["hidden"] == (marker["id"] not in shown), marker
        assert marker["shown"] == (marker["id"] in shown), f"hidden in the markup but drawn: {marker}"
    for cluster in seen["clusters"]:
        members = [m for m in cluster["members"] if m in shown]
        assert cluster["hidden"] == (not members), cluster
        if members:
            assert cluster["count"] == str(len(members)), cluster
    return shown


def count_text(shown: int, total: int) -> str:
    return f"{shown} organisation{'' if shown == 1 else 's'} shown, of {total}."


def test_the_filters_work_with_the_keyboard_alone(real_site, page):
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(real_site.url(MAP))
    total = page.locator(ENTRIES).count()
    assert total >= 20
    expect(page.locator(COUNT)).to_have_text(count_text(total, total))
    everything = state(page)
    on_map = {m["id"] for m in everything["markers"]} | {i for c in everything["clusters"] for i in c["members"]}
    assert on_map == {e["id"] for e in everything["entries"]}, "every organisation in the directory is on the map"
    assert_picture_follows_directory(everything)

    for _ in range(100):  # Tab to the link past the map's markers, and follow it
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Skip the map's links":
            break
    else:
        pytest.fail("Tab never reached the link past the map")
    expect(page.locator(".hb-map__skip a")).to_be_visible()  # shown while it has the focus
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "nation", "the filters come next"
    for _ in range(2):
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "theme"
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    assert outline[0] != "none" and outline[1] != "0px" or outline[2] != "none", f"no visible focus: {outline}"

    page.keyboard.press("ArrowDown")  # the first theme, chosen with a key
    theme = page.input_value("select[name=theme]")
    assert theme
    seen = state(page)
    shown = assert_picture_follows_directory(seen)
    assert shown == expected_shown(seen["entries"], theme=theme)
    assert 0 < len(shown) < total
    expect(page.locator(COUNT)).to_have_text(count_text(len(shown), total))
    assert query(page) == {"theme": [theme]}

    # On to the reset button and press it with the keyboard: everything is back.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "reset":
            break
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('{ENTRIES}:not([hidden])').length === {total}")
    assert_picture_follows_directory(state(page))
    assert query(page) == {}
    assert not errors, errors


def test_a_shared_url_opens_filtered(real_site, page):
    page.goto(real_site.url(f"{MAP}?nation=wales&type=not-a-type"))
    assert page.input_value("select[name=nation]") == "wales"
    assert page.input_value("select[name=type]") == ""  # unknown values are ignored, not applied
    seen = state(page)
    shown = assert_picture_follows_directory(seen)
    assert shown == expected_shown(seen["entries"], nation="wales")
    assert any("uk-wide" in e["nations"] and e["id"] in shown for e in seen["entries"]), "UK-wide ones shown too"
    assert all(e["hidden"] for e in seen["entries"] if not {"wales", "uk-wide"} & set(e["nations"]))
    # Place groups with nothing left in them are hidden with their headings.
    empty_groups = page.evaluate(
        "() => [...document.querySelectorAll('.hb-directory__place')].filter(g => !g.hidden"
        " && !g.querySelector('[data-org]:not([hidden])')).length"
    )
    assert empty_groups == 0


def test_without_javascript_the_directory_and_the_map_are_complete(real_site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_site.url(f"{MAP}?nation=wales"))  # the query does nothing without the script
        seen = state(page)
        assert seen["entries"] and not [e for e in seen["entries"] if e["hidden"]]
        assert all(m["shown"] for m in seen["markers"])
        expect(page.locator("form[data-hb-map-form]")).to_be_hidden()
    finally:
        context.close()


def test_no_serious_accessibility_violation_with_filters_applied(real_site, page):
    page.goto(real_site.url(f"{MAP}?nation=wales"))
    expect(page.locator("form[data-hb-map-form]")).to_be_visible()
    result = run_axe(page)
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)
    assert result["passes"]


def test_the_map_asks_nothing_of_other_sites_and_stays_light(real_site, browser, measurements):
    requests, bodies = load_cold(browser, real_site.url(MAP))
    assert len(requests) > 3
    others = elsewhere(requests, real_site.origin)
    assert not others, f"/map/ asked other sites for: {others}"
    sizes = {
        real_site.path_of(url): compressed(body)
        for url, body in bodies.items()
        if real_site.path_of(url) != SEARCH_INDEX
    }
    html = sizes[MAP]  # the page itself, its SVG inline
    total = sum(sizes.values())
    raw = len((real_site.folder / MAP / "index.html").read_bytes())
    measurements["/map/ (real corpus)"] = (
        f"HTML with its SVG {raw / 1024:.1f} KB, {html / 1024:.1f} KB compressed; "
        f"with CSS and JS {total / 1024:.1f} KB compressed in {len(sizes)} files"
    )
    assert total <= PAGE_BUDGET, f"/map/ transfers {total / 1024:.1f} KB compressed"


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory, make_project, git_commit):
    """The sample with organisations at places (two sharing Swansea), built with its offline
    copy (which a build makes only with its PDFs), unzipped: the folder its pages are read from."""
    root = add_placed_organisations(make_project(tmp_path_factory.mktemp("map-offline"), git=False))
    git_commit(root, "Sample with places")
    return unzipped_offline_copy(root, tmp_path_factory.mktemp("map-unzipped"))


def test_the_map_works_from_the_offline_copy(offline_copy, browser):
    map_file = offline_copy / "map" / "index.html"
    assert map_file.is_file()
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.goto(map_file.as_uri() + "?nation=wales")
        expect(page.locator("form[data-hb-map-form]")).to_be_visible()
        seen = state(page)
        shown = assert_picture_follows_directory(seen)
        assert shown == expected_shown(seen["entries"], nation="wales")
        page.select_option("select[name=nation]", "")
        expect(page.locator(COUNT)).to_have_text(count_text(len(seen["entries"]), len(seen["entries"])))
        # A marker leads to its organisation's page file, not a folder listing.
        assert seen["clusters"], "the two Swansea organisations make a cluster"
        marker = page.locator("svg.hb-map__svg a[data-org]").first
        org_id = marker.get_attribute("data-org")
        marker.click()
        page.wait_for_url(f"**/organisations/{org_id}.html")
        expect(page.locator("article h1")).to_have_count(1)
    finally:
        context.close()
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert not outside, f"the offline map asked the network for: {outside}"
