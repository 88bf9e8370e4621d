"""Accessibility: axe-core (from npm) run in Chromium against WCAG 2.2 AA, on each kind of page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.served_site import AXE

pytestmark = pytest.mark.browser

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}

# One page of each kind a reader meets; the evidence explorer is the evidence index.
# Not 404.html: served from this test server's root, its absolute links (under the
# site_url path /handbooks/) find no styles, which is not how readers meet it.
PAGES = {
    "home": "",
    "chapter": "handbooks/making-the-case/why-relationships-matter/",
    "term": "glossary/co-production/",
    "evidence item": "evidence/holt-lunstad-2010/",
    "evidence explorer": "evidence/",
    "story": "stories/swansea-spirit-of-lockdown/",
    "convening": "convenings/measuring-relationships-2021/",
    "glossary": "glossary/",
    "handbook": "handbooks/measuring-relationships/",
    "organisations": "organisations/",
    "about page": "about/",
    "downloads": "downloads/",
    "theme hub": "themes/loneliness/",
}


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


def assert_no_serious_violations(page, url: str) -> None:
    page.goto(url)
    # WCAG 2.2 AA plus axe's best practices (a named search dialog, named table headers);
    # only serious and critical findings fail. Material's own moderate ones (two navigation
    # landmarks with the same name, the skip link outside a landmark) are left to Material.
    rules = {"type": "tag", "values": WCAG_22_AA + ["best-practice"]}
    result = run_axe(page, {"runOnly": rules, "resultTypes": ["violations"]})  # passes in brief: faster
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{url}:\n{describe(blocking)}"
    assert result["passes"], "axe ran no rule at all"


@pytest.mark.parametrize("kind", PAGES)
def test_no_serious_accessibility_violations(real_site, page, kind):
    assert_no_serious_violations(page, real_site.url(PAGES[kind]))


@pytest.mark.parametrize("kind", ["home", "chapter", "glossary", "evidence explorer"])
def test_no_serious_accessibility_violations_on_a_phone(real_site, phone_page, kind):
    """Touch targets and reflow matter most on a small touch screen."""
    assert_no_serious_violations(phone_page, real_site.url(PAGES[kind]))


# The confidence level (class hb-confidence-N) around each element axe checked.
LEVELS_OF = """targets => [...new Set(targets.map(target => [...document.querySelector(target)
    .closest('[class*=hb-confidence-]').classList].find(c => /^hb-confidence-\\d$/.test(c))))]"""


@pytest.mark.parametrize("path, selector", [
    ("evidence/", ".hb-confidence"),  # the labels on every evidence item
    ("evidence/gap-map/", "td.hb-gap-filled"),  # gap map cells, coloured by their best rating
])
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
