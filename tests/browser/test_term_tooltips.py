"""A glossary term in a chapter shows its working definition on hover, focus and tap,
and assistive technology announces that definition as the link's description."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from handbook.content.corpus import load_corpus
from tests.support import REPO

pytestmark = pytest.mark.browser

CHAPTER = "handbooks/making-the-case/why-relationships-matter/"
# The first paragraph in the article whose first link is a term link: Tab from the
# paragraph itself reaches that term next.
FIRST_TERM_PARAGRAPH = """() => {
    const p = [...document.querySelectorAll('article p')]
        .find(p => { const a = p.querySelector('a'); return a && a.classList.contains('hb-term'); });
    p.id = p.id || 'hb-test-start';
    return '#' + p.id;
}"""


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(REPO).corpus


def definition_of(corpus, term_link) -> str:
    """The working definition of the term a link points to, from the glossary source."""
    term_id = term_link.get_attribute("href").rstrip("/").split("/")[-1]
    term = corpus.get("term", term_id)
    assert term is not None, f"term link to an unknown term: {term_id}"
    return term.working_definition


def tooltip_of(page, term_link):
    return page.locator(f"#{term_link.get_attribute('aria-describedby')}")


def test_definition_shows_on_hover(real_site, page, corpus):
    page.goto(real_site.url(CHAPTER))
    term = page.locator("article a.hb-term").first
    tooltip = tooltip_of(page, term)
    expect(tooltip).to_be_hidden()
    term.hover()
    expect(tooltip).to_be_visible()
    expect(page.get_by_role("tooltip")).to_have_text(definition_of(corpus, term))
    tooltip.hover()  # the pointer can move onto the definition without losing it (WCAG 1.4.13)
    expect(tooltip).to_be_visible()
    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()


def test_definition_shows_on_keyboard_focus(real_site, page, corpus):
    page.goto(real_site.url(CHAPTER))
    start = page.locator(page.evaluate(FIRST_TERM_PARAGRAPH))
    start.evaluate("p => { p.tabIndex = -1; p.focus(); }")
    page.keyboard.press("Tab")
    focused = page.locator("*:focus")
    expect(focused).to_contain_class("hb-term")
    tooltip = tooltip_of(page, focused)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition_of(corpus, focused))
    page.keyboard.press("Escape")  # dismissable without moving focus (WCAG 1.4.13)
    expect(tooltip).to_be_hidden()


def test_first_tap_shows_definition_second_tap_follows_link(real_site, phone_page, corpus):
    phone_page.goto(real_site.url(CHAPTER))
    term = phone_page.locator("article a.hb-term").first
    target = real_site.path_of(term.evaluate("a => a.href"))
    tooltip = tooltip_of(phone_page, term)
    term.tap()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition_of(corpus, term))
    assert real_site.path_of(phone_page.url) == CHAPTER, "the first tap should not leave the page"
    assert phone_page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    term.tap()
    phone_page.wait_for_url(real_site.url(target))
    assert target.startswith("glossary/")


def test_definition_is_the_links_accessible_description(real_site, page, corpus):
    page.goto(real_site.url(CHAPTER))
    terms = page.locator("article a.hb-term")
    assert terms.count() >= 3
    for index in range(3):
        term = terms.nth(index)
        definition = definition_of(corpus, term)
        assert term.get_attribute("title") is None  # a title attribute is not announced reliably
        tooltip = tooltip_of(page, term)
        assert tooltip.get_attribute("role") == "tooltip"
        # What a screen reader announces: computed from aria-describedby, even while hidden.
        expect(term).to_have_accessible_description(definition)
