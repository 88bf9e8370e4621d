"""'Add to my case' in Chromium: the buttons, the header count, the undo and the browser store
(overrides/assets/javascripts/hb-case-store.js), on the real site.

Each test opens its own browser context, so that each starts with an empty localStorage."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.own_requests import elsewhere
from tests.browser.served_site import DESKTOP, PHONE
from tests.browser.test_accessibility import BLOCKING, describe, run_axe

pytestmark = pytest.mark.browser

KEY = "hb-case:v1"
EVIDENCE = ("evidence/holt-lunstad-2010/", "evidence:holt-lunstad-2010")
STORY = ("stories/swansea-spirit-of-lockdown/", "story:swansea-spirit-of-lockdown")
TERM = ("glossary/co-production/", "term:co-production")
CHAPTER = "handbooks/making-the-case/why-relationships-matter/"
COUNT = ".md-header .hb-case-count"
TOAST = ".hb-case-toast"
NO_STORAGE = "lasts only while this page is open"


def item_button(page, ref: str):
    return page.locator(f'button.hb-case-add[data-case-ref="{ref}"]')


def stored(page) -> dict | None:
    raw = page.evaluate(f"() => localStorage.getItem({json.dumps(KEY)})")
    return None if raw is None else json.loads(raw)


def press_with_keyboard(page, button, key: str = "Enter") -> None:
    """Reach ``button`` with the Tab key (from the element before it) and press ``key``."""
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert button.evaluate("b => b === document.activeElement")
    # Focus is visible: the focus ring the style sheet gives a keyboard user.
    assert button.evaluate("b => b.matches(':focus-visible') && getComputedStyle(b).outlineStyle === 'solid'")
    page.keyboard.press(key)


@pytest.fixture
def requests() -> list[str]:
    """Every address the pages of the test's context asked for."""
    return []


@pytest.fixture
def context(browser, requests):
    context = browser.new_context(viewport=DESKTOP)
    context.on("request", lambda request: requests.append(request.url))
    yield context
    context.close()


def watch_errors(page) -> list[str]:
    """The page's uncaught errors and logged errors. Left out: failed loads (Material asks for a
    sitemap.xml the test server lacks, and file:// refuses, with or without this script) and the 'denied' errors of
    Material's own inline scripts when a test refuses storage (no stack: not from a script file)."""
    errors: list[str] = []

    def error(exception) -> None:
        if exception.message != "denied" or "hb-case-store" in (exception.stack or ""):
            errors.append(f"{exception.message} {exception.stack}")

    page.on("pageerror", error)
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and "sitemap.xml" not in message.text
            else None
        ),
    )
    return errors


def test_adding_from_four_kinds_of_page_with_the_keyboard_undo_reload_and_a_second_tab(real_site, context, requests):
    page = context.new_page()
    errors = watch_errors(page)
    expected: list[str] = []
    for key, (path, ref) in zip(["Enter", " ", "Enter"], [EVIDENCE, STORY, TERM], strict=True):
        page.goto(real_site.url(path))
        button = item_button(page, ref)
        expect(button).to_be_visible()
        expect(button).to_have_attribute("aria-pressed", "false")
        expect(button).to_have_text("Add to my case")
        press_with_keyboard(page, button, key)
        expected.append(ref)
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(button).to_have_text("In my case (remove)")
        expect(page.locator(TOAST)).to_have_text("Added to your case. Undo")
        expect(page.locator(COUNT)).to_have_attribute(
            "aria-label", f"My case: {len(expected)} item{'s' * (len(expected) > 1)}"
        )
        assert page.evaluate("() => hbCase.items()") == expected

    # A chapter section: the first h2's button, right after it.
    page.goto(real_site.url(CHAPTER))
    first_h2 = page.locator("article h2[id]").first
    section = f"section:{CHAPTER}#{first_h2.get_attribute('id')}"
    button = item_button(page, section)
    assert button.evaluate("b => b.previousElementSibling.tagName") == "H2"
    heading = first_h2.evaluate("h => h.firstChild.textContent")
    expect(button).to_have_accessible_name(f"Add to my case: {heading}")
    press_with_keyboard(page, button)
    expect(button).to_have_accessible_name(f"In my case (remove): {heading}")
    expect(page.locator(f"{COUNT} .hb-case-count__n")).to_have_text("4")
    assert page.evaluate("() => hbCase.items()") == [*expected, section]

    # Undo, with the keyboard: the section is out again.
    undo = page.locator(f"{TOAST} button", has_text="Undo")
    expect(page.locator(TOAST)).to_have_attribute("aria-live", "polite")
    undo.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"{COUNT} .hb-case-count__n")).to_have_text("3")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert button.evaluate("b => b === document.activeElement")  # focus back where it was, not lost
    assert stored(page) == {"title": "", "template": "", "items": [{"ref": ref, "note": ""} for ref in expected]}

    # A reload keeps the case; the count links to the case maker.
    page.reload()
    expect(page.locator(f"{COUNT} .hb-case-count__n")).to_have_text("3")
    assert page.locator(COUNT).evaluate("a => a.href") == real_site.url("case-maker/")
    assert page.locator(COUNT).get_attribute("href") == "../../../case-maker/"  # relative: the offline copy too

    # A second tab sees the change without a reload, both ways.
    other = context.new_page()
    other.goto(real_site.url(EVIDENCE[0]))
    expect(other.locator(f"{COUNT} .hb-case-count__n")).to_have_text("3")
    expect(item_button(other, EVIDENCE[1])).to_have_attribute("aria-pressed", "true")
    item_button(other, EVIDENCE[1]).click()  # "In my case (remove)"
    expect(other.locator(TOAST)).to_have_text("Removed from your case. Undo")
    expect(page.locator(f"{COUNT} .hb-case-count__n")).to_have_text("2")
    page.evaluate(f"() => hbCase.add({json.dumps(section)})")
    expect(other.locator(f"{COUNT} .hb-case-count__n")).to_have_text("3")
    assert other.evaluate("() => hbCase.items()") == [STORY[1], TERM[1], section]

    assert not errors, errors
    others = elsewhere(requests, real_site.origin)
    assert not others, f"the pages asked other sites for: {others}"


@pytest.mark.parametrize(
    "blocking",
    [
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});",
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
    ],
    ids=["storage refused", "storage full"],
)
def test_without_storage_the_case_works_in_memory_with_a_notice(real_site, context, blocking):
    context.add_init_script(blocking)
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(real_site.url(TERM[0]))
    button = item_button(page, TERM[1])
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"{COUNT} .hb-case-count__n")).to_have_text("1")
    expect(page.locator(TOAST)).to_contain_text(NO_STORAGE)
    assert page.evaluate("() => [hbCase.items(), hbCase.persistent()]") == [[TERM[1]], False]
    page.locator(f"{TOAST} button", has_text="Undo").click()
    expect(page.locator(f"{COUNT} .hb-case-count__n")).to_have_text("0")
    assert not errors, errors


def test_a_corrupt_or_hostile_saved_case_is_read_safely(real_site, context):
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(real_site.url(EVIDENCE[0]))
    page.evaluate(f"() => localStorage.setItem({json.dumps(KEY)}, '{{not json')")
    page.reload()
    expect(page.locator(TOAST)).to_contain_text("could not be read")
    assert page.evaluate("() => hbCase.items()") == []
    assert stored(page) == {"title": "", "template": "", "items": []}  # reset, so the notice is said once

    hostile = {
        "title": 42,
        "template": "<script>",
        "items": [
            {"ref": EVIDENCE[1], "note": "mine"},
            {"ref": "javascript:alert(1)"},
            "term:co-production",
            {"ref": EVIDENCE[1], "note": "again"},
            {"ref": "section:../../etc/#x"},
            {"ref": f"section:{CHAPTER}#the-short-version", "note": ["not", "text"]},
            None,
        ],
    }
    page.evaluate(f"() => localStorage.setItem({json.dumps(KEY)}, {json.dumps(json.dumps(hostile))})")
    page.reload()
    assert page.evaluate("() => hbCase.get()") == {
        "title": "",
        "template": "",
        "items": [
            {"ref": EVIDENCE[1], "note": "mine"},
            {"ref": "term:co-production", "note": ""},
            {"ref": f"section:{CHAPTER}#the-short-version", "note": ""},
        ],
    }
    expect(item_button(page, EVIDENCE[1])).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => [hbCase.add('kind:x'), hbCase.add('evidence:Holt'), hbCase.items().length]") == [
        False,
        False,
        3,
    ]
    assert not errors, errors


def test_the_store_api(real_site, context):
    page = context.new_page()
    page.goto(real_site.url(EVIDENCE[0]))
    result = page.evaluate(
        """() => {
        const seen = [];
        const stop = hbCase.subscribe(c => seen.push(c.items().length));
        hbCase.add('evidence:a'); hbCase.add('story:b'); hbCase.add('term:c');
        hbCase.move('term:c', -2); hbCase.move('evidence:a', 5);
        const moved = hbCase.items();
        hbCase.setNote('story:b', 'For the board'); hbCase.setTitle('Adult social care board, 12 March');
        hbCase.setTemplate('evidence');
        hbCase.setItems(['story:b', 'convening:d', 'bad ref']);
        stop();
        hbCase.add('term:e');
        return {moved, seen, case: hbCase.get(), note: hbCase.note('story:b')};
    }"""
    )
    assert result["moved"] == ["term:c", "story:b", "evidence:a"]
    assert result["seen"] == [1, 2, 3, 3, 3, 3, 3, 3, 2]
    assert result["note"] == "For the board"
    assert result["case"] == {
        "title": "Adult social care board, 12 March",
        "template": "evidence",
        "items": [
            {"ref": "story:b", "note": "For the board"},
            {"ref": "convening:d", "note": ""},
            {"ref": "term:e", "note": ""},
        ],
    }


def test_without_javascript_no_button_shows(real_site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_site.url(EVIDENCE[0]))
        expect(item_button(page, EVIDENCE[1])).to_be_hidden()
        page.goto(real_site.url(CHAPTER))
        assert page.locator("button.hb-case-add").count() > 1
        expect(page.locator("button.hb-case-add:visible")).to_have_count(0)
    finally:
        context.close()


def test_no_serious_accessibility_violation_with_the_button_and_the_undo_shown(real_site, context):
    page = context.new_page()
    page.goto(real_site.url(EVIDENCE[0]))
    item_button(page, EVIDENCE[1]).click()
    expect(page.locator(TOAST)).to_be_visible()
    result = run_axe(page)
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)
    assert any(node["target"] == [".hb-case-add"] for rule in result["passes"] for node in rule["nodes"])


def test_on_a_phone_the_count_fits_in_the_header(real_site, browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(real_site.url(STORY[0]))
        item_button(page, STORY[1]).tap()
        count = page.locator(COUNT)
        expect(count).to_be_visible()
        box = count.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        expect(count).to_have_accessible_name("My case: 1 item")
    finally:
        context.close()


def test_the_buttons_and_the_count_work_from_the_offline_copy(offline_copy, context, requests):
    chapter = offline_copy / "handbooks" / "starter" / "first-steps.html"
    page = context.new_page()
    errors = watch_errors(page)
    page.goto(chapter.as_uri())
    button = page.locator("button.hb-case-add").first
    ref = button.get_attribute("data-case-ref") or ""
    assert ref.startswith("section:handbooks/starter/first-steps/#")  # as online: the case is portable
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    # The count leads to the case maker's file: the offline copy has no directory addresses.
    assert page.locator(COUNT).evaluate("a => a.href") == (offline_copy / "case-maker" / "index.html").as_uri()
    # Another page of the copy sees the same case.
    term = offline_copy / "glossary" / "co-production.html"
    page.goto(term.as_uri())
    expect(page.locator(f"{COUNT} .hb-case-count__n")).to_have_text("1")
    term_button = page.locator("button.hb-case-add")
    expect(term_button).to_have_count(1)
    term_button.click()
    assert page.evaluate("() => hbCase.items()") == [ref, term_button.get_attribute("data-case-ref")]
    assert not errors, errors
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert not outside, f"the offline copy asked the network for: {outside}"
