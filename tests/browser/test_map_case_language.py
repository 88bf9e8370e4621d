"""The site's scripts speak the page's language: on the Welsh pages (/cy/, built by the real
site's Welsh pass) the map's live count and the case maker's and case buttons' words come
from the page's strings blocks, in Welsh, with the plural form Intl.PluralRules picks for
Welsh (one story, two stories: different forms); nothing English is left in what they write."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from handbook.languages.catalogue import messages_for
from tests.browser.test_case_maker import DRAWN, READY, case_data, five_refs, set_case

pytestmark = pytest.mark.browser

WELSH_MAP = "cy/map/"
WELSH_CASE = "cy/case-maker/"
ENTRIES = "li.hb-directory__entry"
COUNT = "[data-hb-map-count]"
CASE_COUNT = "a.hb-case-count"


@pytest.fixture(scope="module")
def cy():
    return messages_for("cy")


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not errors, errors


def shown_count(cy, shown: int, total: int) -> str:
    return cy.ngettext(
        "%(num)s organisation shown, of %(all)s.", "%(num)s organisations shown, of %(all)s.", shown, all=total
    )


def test_the_welsh_map_counts_in_welsh_as_it_filters(real_site, tab, cy):
    page = tab
    page.goto(real_site.url(WELSH_MAP))
    assert page.evaluate("() => document.documentElement.lang") == "cy"
    total = page.locator(ENTRIES).count()
    assert total >= 20
    expect(page.locator(COUNT)).to_have_text(shown_count(cy, total, total))
    assert shown_count(cy, total, total) != f"{total} organisations shown, of {total}."  # really Welsh
    # A theme chosen: fewer shown, said in Welsh; a cluster that lost members says how many of them remain.
    page.select_option("select[name=nation]", "wales")
    shown = page.locator(f"{ENTRIES}:not([hidden])").count()
    assert 0 < shown < total
    expect(page.locator(COUNT)).to_have_text(shown_count(cy, shown, total))
    titles = page.eval_on_selector_all(
        "svg.hb-map__svg [data-members]:not([hidden]) > title", "titles => titles.map(t => t.textContent)"
    )
    for title in titles:
        assert " organisations " not in title and " of " not in title, title
        assert " sefydliad " in title, title
    reduced = [title for title in titles if re.match(r"^\d+ o \d+ sefydliad ", title)]
    partial = page.evaluate(
        """() => [...document.querySelectorAll('svg.hb-map__svg [data-members]:not([hidden])')]
            .filter(c => c.querySelector('.hb-map__count').textContent !== String(c.dataset.members.split(' ').length)).length"""
    )
    assert len(reduced) == partial  # "3 o 5 sefydliad yn ..." exactly where a cluster shows fewer
    page.click("button.hb-map-filters__reset")
    expect(page.locator(COUNT)).to_have_text(shown_count(cy, total, total))


def test_the_welsh_case_maker_and_case_buttons_speak_welsh(real_site, tab, cy):
    page = tab
    page.goto(real_site.url(WELSH_CASE))
    page.wait_for_selector(READY, state="attached")
    page.wait_for_selector(DRAWN, state="attached")
    assert page.evaluate("() => document.documentElement.lang") == "cy"
    controls = page.locator("[data-hb-case-maker]")
    for english, in_welsh in [
        ("Download as PDF", cy.gettext("Download as PDF")),
        ("Copy as text", cy.gettext("Copy as text")),
        ("Make a link to share", cy.gettext("Make a link to share")),
        ("Title of your case", cy.gettext("Title of your case")),
        ("One-page brief", cy.gettext("One-page brief")),
        ("Evidence summary", cy.gettext("Evidence summary")),
    ]:
        assert in_welsh != english
        expect(controls).to_contain_text(in_welsh)
        expect(controls).not_to_contain_text(english)
    expect(page.locator(".hb-case__empty")).to_contain_text(cy.gettext("the glossary"))
    expect(page.locator(".hb-case__title")).to_have_text(cy.gettext("My case"))

    # A story and a term: nothing rated; one story takes Welsh's "one" form, two stories its "two" form.
    data = case_data(page)
    refs = five_refs(data)
    stories = sorted(ref for ref, item in data["items"].items() if item["kind"] == "story")[:2]
    caveats = page.locator(".hb-case__caveats")
    set_case(page, refs[1:3])
    story_forms = (
        "%(count)s story is an account told by the people named with it: the handbook does not rate stories on its confidence scale.",
        "%(count)s stories are accounts told by the people named with them: the handbook does not rate stories on its confidence scale.",
    )
    # (Messages.ngettext names its number `count`: this text's own %(count)s is filled in here.)
    forms = [
        cy.translations.ngettext(*story_forms, n) % {"count": cy.gettext(word).capitalize()}
        for n, word in ((1, "one"), (2, "two"))
    ]
    assert forms[0].split(":")[1] != forms[1].split(":")[1], "the catalogue's one and two forms differ"
    expect(caveats).to_contain_text(
        cy.gettext("This case holds no evidence item, so nothing in it is rated on the handbook's confidence scale.")
    )
    expect(caveats).to_contain_text(forms[0])
    set_case(page, stories)
    expect(caveats).to_contain_text(forms[1])
    expect(page.locator(".hb-case__document")).not_to_contain_text("What this evidence does not show")
    expect(page.locator(".hb-case__document h3").first).to_have_text(cy.gettext("The case"))
    # The header's count, from the store's strings on every page.
    count = page.locator(CASE_COUNT)
    expect(count).to_have_accessible_name(cy.ngettext("My case: %(num)s item", "My case: %(num)s items", 2))
    expect(count.locator(".hb-case-count__label")).to_have_text(cy.gettext("My case"))


def test_a_welsh_item_page_s_case_button_speaks_welsh(real_site, tab, cy):
    page = tab
    page.goto(real_site.url("cy/glossary/co-production/"))
    button = page.locator("button.hb-case-add").first
    expect(button).to_be_visible()
    expect(button).to_have_text(cy.gettext("Add to my case"))
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_text(cy.gettext("In my case (remove)"))
    expect(page.locator(".hb-case-toast")).to_contain_text(cy.gettext("Added to your case."))
    expect(page.locator(".hb-case-toast button")).to_have_text(cy.gettext("Undo"))
    expect(page.locator(CASE_COUNT)).to_have_accessible_name(
        cy.ngettext("My case: %(num)s item", "My case: %(num)s items", 1)
    )


def test_the_welsh_forms_speak_welsh_and_mark_the_builds_english_messages(real_site, tab, cy):
    """The forms' own words are Welsh; the problems found are the build's English messages to
    contributors, each inside lang="en", after a Welsh "Error:" for screen readers."""
    page = tab
    page.goto(real_site.url("cy/contribute/suggest/?form=correction"))
    submit = page.locator("#correction button[type=submit]")
    expect(submit).to_have_text(cy.gettext("Check and prepare the correction"))
    expect(page.locator("#correction-heading")).to_have_text(cy.gettext("Suggest a correction"))
    submit.click()
    summary = page.locator("#correction [data-hb-summary]")
    expect(summary).to_be_visible()
    expect(summary.locator("h3")).to_have_text(cy.gettext("There is a problem"))
    message = page.locator("#correction-wrong-error")
    expect(message).to_be_visible()
    expect(message.locator(".hb-visually-hidden")).to_have_text(cy.gettext("Error:") + " ")
    expect(message.locator("span[lang=en]")).to_contain_text("is required but missing")
    links = summary.locator("a")
    assert links.count() >= 3
    for index in range(links.count()):
        link = links.nth(index)
        assert link.locator("span[lang=en]").count() == 1, link.inner_html()
        assert not link.inner_text().startswith(("Which page", "What is wrong")), "its label is Welsh"
    # Answered, the file is prepared: the ways to send it are offered in Welsh.
    page.fill("#correction-page", real_site.url("cy/"))
    page.fill("#correction-wrong", "Mae'r dyddiad yn anghywir.")
    page.fill("#correction-correction", "2024")
    submit.click()
    result = page.locator("#correction [data-hb-result]")
    expect(result).to_be_visible()
    expect(result.locator("h3")).to_have_text(cy.gettext("Your suggestion is ready"))
    expect(result).to_contain_text(cy.gettext("Copy the text"))
    expect(result).not_to_contain_text("Copy the text")
