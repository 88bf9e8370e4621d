"""Accessibility: axe-core (from npm) run in Chromium against WCAG 2.2 AA, on every kind of
page of the real site, on a laptop screen and on a phone 360 CSS pixels wide."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import expect

from tests.browser.served_site import AXE
from tests.support import REPO

pytestmark = pytest.mark.browser

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}

# One page of each kind a reader meets, by its site path: the list and one item of every
# collection, and the special pages. The contribute pages show code blocks with comments
# (the code colours); the 404 page and the search results are opened their own way
# (see open_page). test_every_kind_of_page_is_checked keeps this list complete.
PAGES = {
    "home": "",
    "about page": "about/",
    "about subpage": "about/using-the-evidence/",
    "contribute": "contribute/",
    "contribute subpage": "contribute/content-model/",
    "handbooks": "handbooks/",
    "handbook": "handbooks/measuring-relationships/",
    "chapter": "handbooks/making-the-case/why-relationships-matter/",
    "glossary": "glossary/",
    "term": "glossary/co-production/",
    "evidence explorer": "evidence/",
    "evidence item": "evidence/holt-lunstad-2010/",
    "gap map": "evidence/gap-map/",
    "confidence scale": "evidence/confidence-scale/",
    "stories": "stories/",
    "story": "stories/swansea-spirit-of-lockdown/",
    "convenings": "convenings/",
    "convening": "convenings/measuring-relationships-2021/",
    "organisations": "organisations/",
    "organisation": "organisations/carnegie-uk-trust/",
    "resources": "resources/",
    "resource": "resources/relationships-map/",
    "themes": "themes/",
    "theme hub": "themes/loneliness/",
    "relationships map": "map/",
    "network of organisations": "map/network/",
    "my case": "case-maker/",
    "what's changed": "changes/",
    "downloads": "downloads/",
    "search results": "glossary/?q=loneliness",
    "404": "404.html",
    # The Welsh site (cy/): the same kinds of page, with the language switcher and the
    # translation notices; a translated page and one shown in English with a Welsh notice.
    "welsh home": "cy/",
    "welsh chapter (translated)": "cy/handbooks/relational-councils/what-is-a-relational-council/",
    "welsh term (translated)": "cy/glossary/loneliness/",
    "welsh evidence item (in English)": "cy/evidence/holt-lunstad-2010/",
    "welsh glossary": "cy/glossary/",
    "welsh map": "cy/map/",
}
SCREENS = ["desktop", "phone"]  # the fixtures page (1280x720) and phone_page (360x740, touch)
SEARCH_RESULT = ".md-search-result__item"  # Material's markup: the search results are Material's own


def run_axe(page, options: dict | None = None, context: object = None) -> dict:
    """axe's violations and passes on the current page (or ``context``), WCAG 2.2 AA rules only."""
    assert AXE.exists(), f"{AXE} is missing: run `npm ci` (bash .ci/install.sh does)"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, **(options or {})}
    return page.evaluate(SLIM_AXE_RUN, [context, options])


# axe's result cut down to what the tests read: copying the whole of it out of the browser
# costs more than running the rules.
SLIM_AXE_RUN = """async ([context, options]) => {
    const slim = rules => rules.map(({id, impact, help, nodes}) =>
        ({id, impact, help, nodes: nodes.map(({target, failureSummary}) => ({target, failureSummary}))}));
    const result = await axe.run(context || document, options);
    return {violations: slim(result.violations), passes: slim(result.passes)};
}"""


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def open_page(page, site, kind: str) -> None:
    """Open the page of ``kind`` as a reader would meet it."""
    if kind == "404":
        open_as_published(page, site, "no-such-page/")
    else:
        page.goto(site.url(PAGES[kind]))
    if kind == "search results":  # Material opens its search with the ?q= query and lists what it found
        page.locator(SEARCH_RESULT).first.wait_for()


def open_as_published(page, site, path: str) -> None:
    """Open ``path`` as the published site serves it: under site_url's path, with 404.html for
    a missing page. (The test server serves the site at its root, where 404.html's absolute
    links to its styles and scripts, under site_url's path, would find nothing.)"""
    base = urlsplit(yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path

    def serve(route):
        wanted = urlsplit(route.request.url).path
        if not wanted.startswith(base):
            route.abort()
            return
        file = site.folder / wanted[len(base) :]
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            route.fulfill(path=file)
        else:
            route.fulfill(path=site.folder / "404.html", status=404)

    page.route(f"{site.origin}/**", serve)
    response = page.goto(f"{site.origin}{base}{path}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def assert_no_serious_violations(page) -> None:
    # WCAG 2.2 AA plus axe's best practices (a named search dialog, named table headers);
    # only serious and critical findings fail. Material's own moderate ones (two navigation
    # landmarks with the same name, the skip link outside a landmark) are left to Material.
    rules = {"type": "tag", "values": WCAG_22_AA + ["best-practice"]}
    result = run_axe(page, {"runOnly": rules, "resultTypes": ["violations"]})  # passes in brief: faster
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{page.url}:\n{describe(blocking)}"
    assert result["passes"], "axe ran no rule at all"


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("kind", PAGES)
def test_no_serious_accessibility_violations(real_site, request, kind, screen):
    """Every kind of page, on both screens: touch targets and reflow matter most on a phone."""
    page = request.getfixturevalue("page" if screen == "desktop" else "phone_page")
    open_page(page, real_site, kind)
    assert_no_serious_violations(page)


def kind_of(file: str) -> tuple[str, int]:
    """A built page's section (its first folder) and depth: the same for pages of one kind,
    in either language (a Welsh page, under cy/, is of its English page's kind)."""
    file = file.removeprefix("cy/")
    folders = Path(file).parent.parts
    return (folders[0] if folders else file), len(folders)


def file_of(url_path: str) -> str:
    """The built file a site path such as 'glossary/?q=x' or '' opens."""
    path = url_path.split("?")[0]
    return path if path.endswith(".html") else f"{path}index.html"


def test_every_kind_of_page_is_checked(real_site):
    """A new section or page kind in the site gets a page in PAGES, or this fails."""
    built = {kind_of(file.relative_to(real_site.folder).as_posix()) for file in real_site.pages()}
    checked = {kind_of(file_of(path)) for path in PAGES.values()}
    assert built - checked == set(), f"kinds of page with no page in PAGES: {sorted(built - checked)}"


# The confidence level (class hb-confidence-N) around each element axe checked.
LEVELS_OF = """targets => [...new Set(targets.map(target => [...document.querySelector(target)
    .closest('[class*=hb-confidence-]').classList].find(c => /^hb-confidence-\\d$/.test(c))))]"""


@pytest.mark.parametrize(
    "path, selector",
    [
        ("evidence/", ".hb-confidence"),  # the labels on every evidence item
        ("evidence/gap-map/", "td.hb-gap-filled"),  # gap map cells, coloured by their best rating
    ],
)
def test_confidence_colours_have_enough_contrast(real_site, page, path, selector):
    """Every level of the confidence scale is checked, not only the ones a sample page shows."""
    page.goto(real_site.url(path))
    result = run_axe(page, {"runOnly": {"type": "rule", "values": ["color-contrast"]}}, {"include": [selector]})
    assert not result["violations"], describe(result["violations"])
    checked = set(page.evaluate(LEVELS_OF, [node["target"][0] for rule in result["passes"] for node in rule["nodes"]]))
    assert {f"hb-confidence-{level}" for level in range(5)} <= checked, f"levels checked: {sorted(checked)}"


def test_every_image_has_a_text_alternative(real_site, page):
    page.goto(real_site.url(PAGES["chapter"]))
    result = run_axe(page, {"runOnly": {"type": "rule", "values": ["image-alt", "svg-img-alt", "role-img-alt"]}})
    assert not result["violations"], describe(result["violations"])


def test_the_page_language_is_announced(real_site, page):
    page.goto(real_site.url(PAGES["term"]))
    assert page.evaluate("() => document.documentElement.lang") == "en"


def test_keyboard_users_can_skip_to_the_content(real_site, page):
    page.goto(real_site.url(PAGES["chapter"]))
    page.keyboard.press("Tab")
    skip = page.locator("a:focus")
    expect(skip).to_have_text("Skip to content")
    expect(skip).to_be_in_viewport()  # shown when focused, not only to screen readers
    target = skip.get_attribute("href")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == target
    expect(page.locator(f"article {target}")).to_be_in_viewport()
