"""The contribution forms (/contribute/suggest/) in Chromium: each form reachable and labelled,
no serious accessibility violation, usable with the keyboard alone, the address's context
filled in, the build's messages by the fields, and nothing asked of any other site."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import BLOCKING, describe, run_axe

pytestmark = pytest.mark.browser

PAGE = "contribute/suggest/"
FORMS = ["term", "perspective", "story", "organisation", "evidence", "correction"]
MISSING = "is required but missing"


def visible_sections(page) -> list[str]:
    return page.eval_on_selector_all("[data-hb-section]", "all => all.filter(s => !s.hidden).map(s => s.id)")


def open_suggest(page, site, query: str = ""):
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(site.url(PAGE + query))
    page.wait_for_selector("[data-hb-suggest][data-hb-ready]", state="attached")
    return errors


def test_each_form_is_reachable_from_the_chooser_and_labelled(real_site, page):
    errors = open_suggest(page, real_site)
    assert visible_sections(page) == [], "one form at a time, once chosen"
    expect(page.locator("[data-hb-nojs]")).to_be_hidden()
    for form in FORMS:
        page.click(f"[data-hb-choose='{form}']")
        assert visible_sections(page) == [form]
        expect(page.locator(f"#{form}-heading")).to_be_in_viewport()
        fields = page.locator(f"#{form} form [name]")
        assert fields.count() >= 4
        for index in range(fields.count()):
            field = fields.nth(index)
            name = field.evaluate(
                "e => (e.labels && e.labels.length ? e.labels[0].textContent : '').trim()"
                " || (e.closest('fieldset') && e.closest('fieldset').querySelector('legend').textContent.trim())"
            )
            assert name, f"{form}: {field.get_attribute('name')} has no label"
        expect(page.locator(f"#{form} button[type=submit]")).to_be_visible()
    assert not errors, errors


def settled(page) -> None:
    """Every transition finished: axe measures colours as they are, not half faded in."""
    page.wait_for_timeout(300)  # Material starts the fade on its next scroll event
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


@pytest.mark.parametrize("form", ["", *FORMS])
def test_no_serious_accessibility_violation(real_site, page, form):
    open_suggest(page, real_site, f"?form={form}" if form else "")
    found = run_axe(page)
    blocking = [v for v in found["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)
    if form:  # and with every problem shown
        page.click(f"#{form} button[type=submit]")
        expect(page.locator(f"#{form} [data-hb-summary]")).to_be_visible()
        # The focus moved the page, so Material's back-to-top button shows; axe scrolls as it
        # checks, catching it half faded (its colours at rest pass on every page: test_accessibility).
        settled(page)
        found = run_axe(page, context={"exclude": [[".md-top"]]})
        blocking = [v for v in found["violations"] if v["impact"] in BLOCKING]
        assert not blocking, describe(blocking)


def test_the_address_chooses_the_form_and_fills_the_term(real_site, page):
    open_suggest(page, real_site, "?form=perspective&term=co-production")
    assert visible_sections(page) == ["perspective"]
    assert page.input_value("#perspective-term") == "co-production"
    open_suggest(page, real_site, "?form=correction&page=glossary/co-production.md&address=/glossary/co-production/")
    assert visible_sections(page) == ["correction"]
    assert page.input_value("#correction-page") == "/glossary/co-production/"
    open_suggest(page, real_site, "?form=not-a-form")
    assert visible_sections(page) == []


def test_an_empty_form_shows_the_builds_messages_in_govuk_s_pattern(real_site, page):
    errors = open_suggest(page, real_site, "?form=term")
    page.click("#term button[type=submit]")
    summary = page.locator("#term [data-hb-summary]")
    expect(summary).to_be_visible()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-hb-summary')"), "focus moves to the summary"
    links = summary.locator("a")
    texts = links.all_text_contents()
    assert any(text.startswith("The term") and MISSING in text for text in texts), texts
    # Each field with a problem says so beside it, tied to the input for screen readers.
    term = page.locator("#term-term")
    assert term.get_attribute("aria-invalid") == "true"
    assert "term-term-error" in (term.get_attribute("aria-describedby") or "").split()
    expect(page.locator("#term-term-error")).to_contain_text(MISSING)
    # A link in the summary moves to its field.
    summary.locator("a", has_text=re.compile("^The term \u2014")).click()
    assert page.evaluate("() => document.activeElement.id") == "term-term"
    # Put right, the message goes as it is typed.
    page.keyboard.type("Community anchor")
    expect(page.locator("#term-term-error")).to_be_hidden()
    assert term.get_attribute("aria-invalid") is None
    assert not any(text.startswith("The term") for text in summary.locator("a").all_text_contents())
    assert not errors, errors


def test_a_field_is_checked_when_left_not_while_typed(real_site, page):
    open_suggest(page, real_site, "?form=evidence")
    page.fill("#evidence-year", "twenty ten")
    expect(page.locator("#evidence-year-error")).to_be_hidden()  # not while typing
    page.focus("#evidence-publisher")  # left: checked
    if page.evaluate("() => typeof window.hbSuggest.validate === 'function'"):
        expect(page.locator("#evidence-year-error")).to_be_visible()
    # Untouched required fields say nothing until the form is sent.
    expect(page.locator("#evidence-title-error")).to_be_hidden()
    expect(page.locator("#evidence [data-hb-summary]")).to_be_hidden()


def tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_a_perspective_can_be_written_and_sent_with_the_keyboard_alone(real_site, page):
    errors = open_suggest(page, real_site, "?form=perspective&term=co-production")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    tab_to(page, "#perspective-attributed-to")
    page.keyboard.type("Elinor Ostrom")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "perspective-definition"
    page.keyboard.type("Citizens and officials together produce a public service.")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "perspective-stance"
    page.keyboard.press("ArrowDown")  # the first stance, chosen with a key
    assert page.input_value("#perspective-stance") == "origin"
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.boxShadow]; }"
    )
    assert outline[0] != "none" or outline[1] != "none", f"no visible focus: {outline}"
    tab_to(page, "#perspective button[type=submit]")
    page.keyboard.press("Enter")
    result = page.locator("#perspective [data-hb-result]")
    expect(result).to_be_visible()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-hb-result')"), "focus moves to the result"
    expect(page.locator("#perspective [data-hb-summary]")).to_be_hidden()
    # Nothing left the page: no request at all while the form was filled in and sent.
    assert not [url for url in requests if not url.startswith((real_site.origin + "/", "data:", "blob:"))], requests
    assert not errors, errors


def test_no_request_leaves_the_site(real_site, browser):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(real_site.url(PAGE + "?form=term"), wait_until="networkidle")
    page.click("#term button[type=submit]")
    page.fill("#term-term", "Community anchor")
    page.click("#term button[type=submit]")
    page.wait_for_timeout(200)
    context.close()
    elsewhere = [url for url in requests if not url.startswith((real_site.origin + "/", "data:", "blob:"))]
    assert not elsewhere, elsewhere


def test_without_javascript_every_form_is_readable_and_says_how_to_send_it(real_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site.url(PAGE))
    expect(page.locator("[data-hb-nojs]")).to_be_visible()
    for form in FORMS:
        expect(page.locator(f"#{form}-heading")).to_be_visible()
        expect(page.locator(f"#{form} .hb-suggest__issue a")).to_be_visible()
    expect(page.locator("#term button[type=submit]")).to_be_hidden()  # nothing to press that would do nothing
    context.close()
