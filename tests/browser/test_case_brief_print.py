"""The one-page brief of My case (/case-maker/) printed to A4 by Chromium: a case of five real
items (three pieces of evidence, a story, a term) comes out as exactly one page that still
carries what keeps it honest (citation numbers, ratings with their labels and the first
sentence of their reasons, the caveats, the references with their addresses, the date, the
site's address and its licence); the evidence summary of the same case keeps the reasons in
full; and a case too long for one page says so before it is printed.

The items are chosen from the build's own data (case-maker/items.json) for being the hardest
to fit: the evidence at three different ratings (so the caveats name three levels) with the
longest reasons and first findings, the story with the longest summary and basis, the
contested term with the most voices against it."""

from __future__ import annotations

import io
import json
import re
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.served_site import DESKTOP

pytestmark = pytest.mark.browser

PAGE = "case-maker/"
READY = "[data-hb-case-maker][data-hb-case-ready]"


@pytest.fixture
def tab(browser):
    """A page in a fresh context of its own: an empty case."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not errors, errors


def items_of(page, site) -> dict:
    response = page.request.get(site.url("case-maker/items.json"))
    assert response.ok, response.status
    return response.json()


def weight(item: dict) -> int:
    findings = item.get("key_findings") or [""]
    return len(item["title"]) + len(item["confidence"].get("rationale", "")) + len(findings[0]) + len(item["citation"])


def hardest_five(data: dict) -> list[str]:
    items = data["items"]
    evidence = sorted(
        (ref for ref, item in items.items() if item["kind"] == "evidence"), key=lambda r: (-weight(items[r]), r)
    )
    three: list[str] = []
    for ref in evidence:  # the heaviest at each rating, three ratings
        if items[ref]["confidence"]["rating"] not in {items[r]["confidence"]["rating"] for r in three}:
            three.append(ref)
        if len(three) == 3:
            break
    assert len(three) == 3, "the real site should have evidence at three ratings at least"
    stories = [ref for ref, item in items.items() if item["kind"] == "story"]
    story = max(sorted(stories), key=lambda r: len(items[r].get("summary", "")) + len(items[r].get("basis", "")))
    terms = sorted(ref for ref, item in items.items() if item["kind"] == "term" and item.get("contested"))
    assert terms, "the real site should have a contested term"
    term = max(terms, key=lambda r: (len(items[r].get("contested_by", [])), len(items[r]["definition"])))
    return [*three, story, term]


def open_with_case(page, site, refs: list[str]) -> None:
    page.goto(site.url(PAGE))
    page.wait_for_selector(READY, state="attached")
    page.evaluate(
        "refs => hbCase.set({title: 'For the adult social care board, 12 March', template: 'story-pack',"
        " items: refs.map(ref => ({ref, note: ''}))})",
        refs,
    )
    page.locator(".hb-case__template label", has_text="One-page brief").click()
    expect(page.locator("#hb-case-template-brief")).to_be_checked()
    page.wait_for_selector(".hb-case__document:not([aria-busy])", state="attached")  # its data loaded
    for ref in refs:  # drawn, with its data
        expect(page.locator(f".hb-case__item[data-ref={json.dumps(ref)}] .hb-case__block").first).to_be_visible()


def squeezed(text: str) -> str:
    """Text without its spaces and line breaks, ligatures undone: a PDF's text extraction breaks
    lines (and long addresses) where the page did."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_a_brief_of_five_items_prints_on_one_a4_page_and_keeps_what_makes_it_honest(real_site, tab):
    page = tab
    data = items_of(page, real_site)
    items, top = data["items"], data["scale"][-1]
    refs = hardest_five(data)
    open_with_case(page, real_site, refs)
    expect(page.locator(".hb-case__length")).to_be_hidden()  # five items: no warning

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"the brief should print on one page, not {len(reader.pages)}"
    box = reader.pages[0].mediabox
    # A4 is 595.3 by 841.9 points; Chromium rounds it to whole pixels (96 a inch).
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, (box.width, box.height)
    text = squeezed(reader.pages[0].extract_text())

    def printed(fragment: str) -> bool:
        return squeezed(fragment) in text

    site_url = page.get_attribute("[data-hb-case-maker]", "data-hb-site-url")
    for number, ref in enumerate(refs, start=1):
        item = items[ref]
        assert printed(f"{item['title']} [{number}]"), f"{ref}: its title and citation number"
        assert printed(site_url + item["url"]), f"{ref}: its address in the references"
    for ref in refs[:3]:
        item = items[ref]
        confidence = item["confidence"]
        assert printed(f"Confidence: {confidence['label']} ({confidence['rating']} of {top['rating']}):"), ref
        start = re.split(r"[.!?]\s", confidence["rationale"])[0]  # the first sentence starts so, and may be no more
        assert printed(start), f"{ref}: the reason for its rating, in short"
        assert printed(item["key_findings"][0]), f"{ref}: its first key finding"
        if len(item["key_findings"]) > 1:
            assert not printed(item["key_findings"][1]), f"{ref}: only the first key finding in a brief"
        if item.get("link"):
            assert printed(item["link"]), f"{ref}: its source's address"
    story, term = items[refs[3]], items[refs[4]]
    assert printed(story["basis"]) and all(printed(teller) for teller in story["storytellers"])
    assert printed(term["definition"])
    assert all(printed(voice["by"]) for voice in term["contested_by"]), "who contests the term"
    for words in ["What this evidence does not show", "References", "CC BY 4.0", site_url, "Prepared on"]:
        assert printed(words), words
    # The caveats name each level the evidence holds with the scale's own words.
    for ref in refs[:3]:
        rating = items[ref]["confidence"]["rating"]
        level = next(level for level in data["scale"] if level["rating"] == rating)
        if rating < top["rating"]:
            assert printed(f"is rated {level['label']}, {rating} of {top['rating']}"), level["label"]
            assert printed(level["description"].rstrip(".")), level["label"]
    page.emulate_media(media="screen")

    # The evidence summary of the same case keeps every reason and finding in full.
    page.locator(".hb-case__template label", has_text="Evidence summary").click()
    expect(page.locator(".hb-case__caveats")).to_contain_text("Why each is rated as it is")
    for ref in refs[:3]:
        row = page.locator(f".hb-case__item[data-ref={json.dumps(ref)}]")
        expect(row).to_contain_text(items[ref]["confidence"]["rationale"])
        for finding in items[ref]["key_findings"]:
            expect(row).to_contain_text(finding)


def test_a_case_too_long_for_one_page_says_so_before_it_is_printed(real_site, tab):
    page = tab
    data = items_of(page, real_site)
    refs = sorted(ref for ref, item in data["items"].items() if item["kind"] in {"evidence", "story", "term"})[:11]
    open_with_case(page, real_site, refs)
    warning = page.locator(".hb-case__length")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("this case has 11")
    estimate = re.search(r"This brief will run to about (\d+) pages", warning.inner_text())
    assert estimate, warning.inner_text()
    page.emulate_media(media="print")
    expect(warning).to_be_hidden()  # a note for the screen, not for the printout
    pages = len(PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False))).pages)
    assert pages > 1, "eleven items do not fit one page (else the warning is wrong)"
    assert abs(int(estimate[1]) - pages) <= 1, f"estimated about {estimate[1]} pages, printed {pages}"
    page.emulate_media(media="screen")
    page.locator(".hb-case__template label", has_text="Evidence summary").click()
    expect(warning).to_be_hidden()  # only the one-page brief promises one page
    page.evaluate("refs => hbCase.setItems(refs)", hardest_five(data))
    page.locator(".hb-case__template label", has_text="One-page brief").click()
    expect(warning).to_be_hidden()
