"""Welsh readiness: the sample site built with ``theme.language: cy`` speaks Welsh in its
interface, keeps Welsh letters intact and finds Welsh words with search."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_built_html import facts
from tests.browser.test_search import search

pytestmark = pytest.mark.browser

# Added to the sample's loneliness term in the temporary copy: Welsh words with a
# circumflex on w and y, which ASCII-minded tokenisers tend to break.
WELSH_SENTENCE = "Yn y Gymraeg: unigrwydd. Daeth pawb i’r gŵyl yn y tŷ cymuned."


@pytest.fixture(scope="module")
def welsh_site(tmp_path_factory, make_project, git_commit, mkdocs_build, serve):
    root = make_project(tmp_path_factory.mktemp("welsh"), git=False)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("  language: en\n") == 1, "the theme language setting moved: update this test"
    config.write_text(text.replace("  language: en\n", "  language: cy\n"), encoding="utf-8")
    term = root / "glossary" / "loneliness.md"
    term.write_text(term.read_text(encoding="utf-8") + f"\n{WELSH_SENTENCE}\n", encoding="utf-8")
    git_commit(root, "Welsh interface")
    out = root / "site"
    site = serve(out, mkdocs_build(root, out))
    yield site
    site.close()


def test_interface_is_in_welsh(welsh_site, page):
    page.goto(welsh_site.url("glossary/loneliness/"))
    assert page.evaluate("() => document.documentElement.lang") == "cy"
    expect(page.locator("input.md-search__input")).to_have_attribute("placeholder", "Chwilio")


def test_welsh_letters_render_intact(welsh_site, page):
    page.goto(welsh_site.url("glossary/loneliness/"))
    article = page.locator("article")
    expect(article).to_contain_text("ŵ ŷ")  # from the working definition in front matter
    expect(article).to_contain_text(WELSH_SENTENCE)  # from the Markdown body


@pytest.mark.parametrize("word", ["unigrwydd", "gŵyl", "tŷ"])
def test_search_finds_welsh_words(welsh_site, page, word):
    page.goto(welsh_site.url("glossary/"))
    results = search(page, word)
    assert "glossary/loneliness/" in results[:3], f"{word!r}: {results}"


def test_every_page_says_it_is_in_welsh(welsh_site):
    languages = {str(p.relative_to(welsh_site.folder)): facts(p).lang for p in welsh_site.pages()}
    assert len(languages) > 20
    assert {path: lang for path, lang in languages.items() if lang != "cy"} == {}
