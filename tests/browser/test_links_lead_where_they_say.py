"""The A to Z letter jump, numbered citations and backlinks: click them and check where you land."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHAPTER = "handbooks/community-weavers-companion/looking-after-weavers/"
EVIDENCE = "evidence/lawrence-2021/"  # cited by that chapter
TERM = "glossary/burnout/"  # mentioned in that chapter

# Is the element on screen and not hidden under Material's sticky header?
IN_VIEW = """el => {
    const box = el.getBoundingClientRect();
    const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
    return box.top >= header - 1 && box.top < innerHeight;
}"""


def fragment(page) -> str:
    return page.evaluate("() => location.hash")


def test_a_to_z_letter_jumps_to_its_terms(real_site, page):
    page.goto(real_site.url("glossary/"))
    letters = page.locator("nav.hb-alphabet a")
    assert letters.count() >= 10
    for href in letters.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, f"letter link {href} has no target"
    letters.get_by_text("S", exact=True).click()
    assert fragment(page) == "#letter-s"
    heading = page.locator("#letter-s")
    expect(heading).to_have_text("S")
    assert heading.evaluate(IN_VIEW), "the S heading should be on screen, below the header"
    terms = page.locator("section[aria-labelledby=letter-s] dt > a").all_inner_texts()
    assert terms and all(term.upper().startswith("S") for term in terms), terms


def test_citations_are_numbered_and_lead_to_their_reference(real_site, page):
    page.goto(real_site.url(CHAPTER))
    citations = page.locator("article sup.hb-citation a.hb-cite")
    assert citations.count() >= 3
    seen: dict[str, int] = {}
    for link in citations.all():
        target = link.get_attribute("href")
        reference = page.locator(target)
        # numbered in order of first citation, and each number is its reference's number
        seen.setdefault(target, len(seen) + 1)
        assert link.inner_text() == str(seen[target]) == reference.get_attribute("value")
        evidence = reference.locator("a.hb-ref-title").evaluate("a => a.href")
        assert evidence == link.evaluate("a => new URL(a.dataset.hbEvidence, location.href).href")

    first = citations.first
    first.click()
    assert fragment(page) == first.get_attribute("href")
    reference = page.locator(first.get_attribute("href"))
    assert reference.evaluate(IN_VIEW), "the reference should be on screen after following the citation"
    reference.locator("a.hb-backref").first.click()
    back = page.locator("sup.hb-citation").first
    assert fragment(page) == f"#{back.get_attribute('id')}"
    assert back.evaluate(IN_VIEW), "the back link should return to the citation"

    page.locator(first.get_attribute("href")).locator("a.hb-ref-title").click()
    page.wait_for_url(real_site.url(EVIDENCE))
    cited_by = page.locator("section.hb-backlinks a").evaluate_all("links => links.map(a => a.href)")
    assert real_site.url(CHAPTER) in cited_by, "the evidence item should list the chapter that cites it"


@pytest.mark.parametrize(
    "item, claim",
    [
        (EVIDENCE, "article sup.hb-citation a.hb-cite[data-hb-evidence$='/{id}/']"),  # "Cited by": it cites the item
        (
            TERM,
            "article a.hb-term[href$='/{id}/'], article a.hb-ref[href$='/{id}/']",
        ),  # "Where it is used": it links the term
    ],
)
def test_backlinks_lead_to_pages_that_really_refer_back(real_site, page, item, claim):
    item_id = item.rstrip("/").split("/")[-1]
    page.goto(real_site.url(item))
    chapters = page.locator("section.hb-backlinks ul[data-hb-kind=chapter] > li > a")
    assert chapters.count() >= 1
    targets = chapters.evaluate_all("links => links.map(a => a.href)")
    chapters.first.click()
    page.wait_for_url(targets[0])
    for target in targets[:4]:  # a few are enough, and keep the suite fast
        if page.url != target:
            page.goto(target, wait_until="domcontentloaded")
        assert page.locator(claim.format(id=item_id)).count() >= 1, f"{target} does not refer to {item}"
