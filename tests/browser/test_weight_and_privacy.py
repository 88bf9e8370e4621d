"""Pages stay light on a phone, and reading them asks nothing of anyone but this site."""

from __future__ import annotations

import gzip
import json

import pytest

from tests.browser.own_requests import elsewhere

pytestmark = pytest.mark.browser

PAGE_BUDGET = 150 * 1024  # bytes, compressed: HTML + CSS + JS + fonts + images of one page
SEARCH_INDEX = "search/search_index.json"  # fetched once for search, outside the page budget
SEARCH_INDEX_BUDGET = 500 * 1024  # bytes, compressed
CHAPTER = "handbooks/making-the-case/why-relationships-matter/"
PAGES = [
    "",  # home
    CHAPTER,
    "glossary/co-production/",
    "evidence/",
    "evidence/gap-map/",
    "evidence/holt-lunstad-2010/",
    "stories/swansea-spirit-of-lockdown/",
    "convenings/measuring-relationships-2021/",
]


def load_cold(browser, url: str):
    """Open ``url`` in a fresh context (empty cache); every response it caused, once the network is idle."""
    context = browser.new_context()
    responses = []
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    bodies = {response.url: response.body() for response in responses if response.status == 200}
    context.close()
    return requests, bodies


def compressed(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6))  # what a typical static host's gzip sends


@pytest.mark.parametrize("path", [CHAPTER, "glossary/", "evidence/"])  # a chapter, and the two longest lists
def test_a_page_transfers_at_most_150_kb_compressed(real_site, browser, measurements, path):
    requests, bodies = load_cold(browser, real_site.url(path))
    sizes = {
        real_site.path_of(url): compressed(body)
        for url, body in bodies.items()
        if real_site.path_of(url) != SEARCH_INDEX
    }
    total = sum(sizes.values())
    breakdown = "\n".join(
        f"  {size / 1024:7.1f} KB  {name or '/'}" for name, size in sorted(sizes.items(), key=lambda x: -x[1])
    )
    if path == CHAPTER:
        measurements["chapter page, compressed, without search index"] = (
            f"{total / 1024:.1f} KB in {len(sizes)} files\n{breakdown}"
        )
    else:
        measurements[f"/{path}, compressed, without search index"] = f"{total / 1024:.1f} KB in {len(sizes)} files"
    assert any(name.endswith(".js") for name in sizes), "the JavaScript should have been measured too"
    assert path in sizes, "the page itself should have been measured"
    assert total <= PAGE_BUDGET, f"/{path} transfers {total / 1024:.1f} KB compressed:\n{breakdown}"


def test_search_index_size(real_site, page, measurements):
    body = (real_site.folder / SEARCH_INDEX).read_bytes()
    size = compressed(body)
    measurements["search index (real corpus)"] = f"{len(body) / 1024:.0f} KB, {size / 1024:.0f} KB compressed"
    assert size <= SEARCH_INDEX_BUDGET, f"the search index is {size / 1024:.0f} KB compressed"
    # Term definitions shown in tooltips are not indexed again with every page that uses the term.
    page.goto(real_site.url(CHAPTER))
    definitions = page.locator("article .hb-tooltip").all_text_contents()
    assert definitions
    chapter_text = " ".join(doc["text"] for doc in json.loads(body)["docs"] if doc["location"].startswith(CHAPTER))
    assert chapter_text and not [d for d in definitions if d.strip() in chapter_text]


@pytest.mark.parametrize("path", PAGES)
def test_no_request_leaves_the_site(real_site, browser, path):
    requests, _ = load_cold(browser, real_site.url(path))
    assert len(requests) > 3, "the page, its styles and scripts should have been requested"
    # The published site's own origin counts as the site's (its hreflang links: tests/browser/own_requests.py).
    others = elsewhere(requests, real_site.origin)
    assert not others, f"{path} asked other sites for: {others}"
