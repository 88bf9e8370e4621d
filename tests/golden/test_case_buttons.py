"""Golden tests: Markdown in, HTML out, for the "Add to my case" buttons after a chapter's h2s."""

from __future__ import annotations

import markdown
import pytest

from handbook.content.corpus import load_corpus
from handbook.linking.link_state import LinkContext
from handbook.markdown.case_buttons import CaseButtonsExtension, section_ref
from handbook.markdown.references import ReferenceExtension
from handbook.markdown.safe_html import SafeHtmlExtension
from tests.golden.test_safe_html import SITE_EXTENSIONS
from tests.support import SAMPLE

CHAPTER = "starter/first-steps"
PAGE_URL = "handbooks/starter/first-steps/"


def button(heading_id: str, name: str) -> str:
    return (
        f'<button class="hb-case-add" data-case-ref="section:{PAGE_URL}#{heading_id}" data-search-exclude="" '
        f'hidden="" type="button"><span class="hb-case-add__label">Add to my case</span>'
        f'<span class="hb-case-add__name">: {name}</span></button>'
    )


@pytest.fixture(scope="module")
def corpus():
    result = load_corpus(SAMPLE)
    assert not result.problems
    return result.corpus


def convert(corpus, text: str, kind: str = "chapter", item_id: str = CHAPTER, toc: dict | None = None) -> str:
    context = LinkContext(corpus)
    context.start_page(corpus.get(kind, item_id), PAGE_URL)
    extensions = [
        *SITE_EXTENSIONS,
        SafeHtmlExtension(),
        ReferenceExtension(context),
        CaseButtonsExtension(context),
    ]
    return markdown.Markdown(extensions=extensions, extension_configs={"toc": toc or {}}).convert(text)


GOLDEN = {
    "one button after each h2, none after h1 or h3": (
        "# Title\n\nIntro.\n\n## The cost\n\nText.\n\n### Detail\n\nMore.\n\n## Next steps\n\nEnd.",
        '<h1 id="title">Title</h1>\n<p>Intro.</p>\n<h2 id="the-cost">The cost</h2>\n'
        + button("the-cost", "The cost")
        + '\n<p>Text.</p>\n<h3 id="detail">Detail</h3>\n<p>More.</p>\n<h2 id="next-steps">Next steps</h2>\n'
        + button("next-steps", "Next steps")
        + "\n<p>End.</p>",
    ),
    "an id written with attr_list, inline markup in the heading": (
        "## Why *this* matters {#why}\n\nText.",
        '<h2 id="why">Why <em>this</em> matters</h2>\n' + button("why", "Why this matters") + "\n<p>Text.</p>",
    ),
    "the heading's words escaped in the button, raw HTML as its text": (
        "## Cost & <em>benefit</em> of `<b>`\n\nText.",
        '<h2 id="cost-benefit-of-b">Cost &amp; <em>benefit</em> of <code>&lt;b&gt;</code></h2>\n'
        + button("cost-benefit-of-b", "Cost &amp; benefit of &lt;b&gt;")
        + "\n<p>Text.</p>",
    ),
    "a heading at the end of the page": (
        "## Last",
        '<h2 id="last">Last</h2>\n' + button("last", "Last"),
    ),
}


@pytest.mark.parametrize("name", list(GOLDEN))
def test_golden(corpus, name):
    source, expected = GOLDEN[name]
    assert convert(corpus, source) == expected


def test_the_permalink_sign_is_not_in_the_button(corpus):
    html = convert(corpus, "## The cost\n\nText.", toc={"permalink": True})
    assert '<a class="headerlink" href="#the-cost" title="Permanent link">&para;</a></h2>' in html
    assert html.count("<button") == 1
    assert '<span class="hb-case-add__name">: The cost</span></button>' in html


def test_the_reference_list_heading_gets_no_button(corpus):
    html = convert(corpus, "## Evidence\n\nAs shown [@holt-lunstad-2010].")
    assert 'id="hb-references"' in html  # the reference list is there...
    assert html.count("<button") == 1  # ...but only the author's heading has a button
    assert f'data-case-ref="{section_ref(CHAPTER, "evidence")}"' in html


@pytest.mark.parametrize(("kind", "item_id"), [("term", "belonging"), ("evidence", "holt-lunstad-2010"), (None, None)])
def test_no_buttons_outside_chapters(corpus, kind, item_id):
    """Items get theirs from their templates; a page that is no item (home, about) gets none."""
    context = LinkContext(corpus)
    context.start_page(corpus.get(kind, item_id) if kind else None, "glossary/x/")
    html = markdown.Markdown(extensions=["toc", CaseButtonsExtension(context)]).convert("## A heading\n\nText.")
    assert "<button" not in html


def test_section_reference_is_the_chapter_address_not_the_page_url(corpus):
    """The offline copy's page URL ends in .html; the reference stays the same."""
    context = LinkContext(corpus)
    context.start_page(corpus.get("chapter", CHAPTER), "handbooks/starter/first-steps.html")
    html = markdown.Markdown(extensions=["toc", CaseButtonsExtension(context)]).convert("## Here\n\nText.")
    assert f'data-case-ref="section:{PAGE_URL}#here"' in html
