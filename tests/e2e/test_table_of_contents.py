"""The table of contents lists every section of a page, including those our templates add."""

from __future__ import annotations

import pytest
from lxml import html


@pytest.fixture(scope="module")
def built(sample_site):
    return sample_site


def headings_and_toc(page_html: str) -> tuple[list[str], list[str]]:
    """The ids of the page's section headings, and the in-page links of its table of contents."""
    document = html.fromstring(page_html)
    [article] = document.find_class("md-content__inner")
    headings = [h.get("id") for h in article.iter("h2", "h3", "h4", "h5", "h6") if h.get("id")]
    [sidebar] = document.xpath('//div[contains(@class, "md-sidebar--secondary")]')
    toc = [a.get("href")[1:] for a in sidebar.iter("a") if (a.get("href") or "").startswith("#")]
    return headings, toc


def test_every_table_of_contents_lists_the_page_sections_in_order(built):
    checked = 0
    for path in sorted(built.site.rglob("index.html")):
        headings, toc = headings_and_toc(path.read_text(encoding="utf-8"))
        if toc:  # pages without sections of their own before the end keep none (see toc_entries.py)
            assert toc == headings, path.relative_to(built.site)
            checked += 1
    assert checked >= 5  # chapters, terms, evidence: the sample has 7


@pytest.mark.parametrize(
    "url, first",
    [
        ("glossary/co-production/", ["working-definition", "perspectives"]),
        ("evidence/holt-lunstad-2010/", ["why-this-rating"]),
    ],
)
def test_template_sections_open_the_table_of_contents(built, url, first):
    headings, toc = headings_and_toc(built.html(url))
    assert toc[: len(first)] == first
    assert toc == headings
    # "Skip to content" now leads to the first of them, at the top of the page
    [skip] = html.fromstring(built.html(url)).find_class("md-skip")
    assert skip.get("href") == f"#{first[0]}"
