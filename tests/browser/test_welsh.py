"""The site in Welsh beside English, in a browser: the sample with ``languages: [cy]`` and a
Welsh translation of its loneliness term. A reader moves from a chapter to its Welsh page
and back with the switcher; the Welsh site speaks Welsh (``<html lang="cy">``, Material's
Welsh interface), keeps Welsh letters intact, and its own search (cy/search/, with no
English stemming) finds Welsh words."""

from __future__ import annotations

import subprocess

import lxml.html
import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_no_serious_violations
from tests.browser.test_built_html import facts
from tests.browser.test_search import search
from tests.e2e.test_welsh_site import english_interface_text, interface_strings

pytestmark = pytest.mark.browser

# Welsh words with a circumflex on w and y, which ASCII-minded tokenisers tend to break.
WELSH_SENTENCE = "Daeth pawb i’r gŵyl yn y tŷ cymuned, ond roedd unigrwydd yno hefyd."
WORKING_DEFINITION = "Y bwlch poenus rhwng y perthnasoedd sydd gennym a’r rhai rydym eu heisiau: ŵ ŷ."


@pytest.fixture(scope="module")
def welsh_site(tmp_path_factory, make_project, git_commit, mkdocs_build, serve):
    root = make_project(tmp_path_factory.mktemp("welsh"), git=False)
    assert "    languages: [cy]\n" in (root / "mkdocs.yml").read_text(encoding="utf-8"), "the real site builds Welsh"
    git_commit(root, "Sample content")
    commit = subprocess.run(
        ["git", "log", "-1", "--format=%H", "--", "glossary/loneliness.md"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (root / "glossary" / "loneliness.cy.md").write_text(
        f"---\ntranslation:\n  source_commit: {commit}\n  machine_assisted: true\n"
        f'title: Unigrwydd\nworking_definition: "{WORKING_DEFINITION}"\n---\n{WELSH_SENTENCE}\n',
        encoding="utf-8",
    )
    git_commit(root, "Welsh translation of loneliness")
    out = root / "site"
    log = mkdocs_build(root, out)
    assert (out / "cy" / "index.html").is_file(), "the English build makes the Welsh site in cy/"
    site = serve(out, log)
    yield site
    site.close()


def test_the_switcher_leads_from_a_chapter_to_its_welsh_page_and_back(welsh_site, page):
    page.goto(welsh_site.url("handbooks/starter/first-steps/"))
    assert page.evaluate("() => document.documentElement.lang") == "en"
    switcher = page.locator("nav.hb-language-switcher")
    to_welsh = switcher.locator("a[hreflang='cy']")
    expect(to_welsh).to_have_text("Cymraeg: heb ei chyfieithu eto")  # no Welsh yet: it says so
    to_welsh.click()
    page.wait_for_url("**/cy/handbooks/starter/first-steps/")
    assert page.evaluate("() => document.documentElement.lang") == "cy"
    expect(page.locator("[data-hb-notice='untranslated']")).to_be_visible()
    expect(page.locator("article [lang='en'] h2").first).to_contain_text("Why it matters")  # the English, marked
    page.locator("nav.hb-language-switcher a[hreflang='en']").click()
    page.wait_for_url(welsh_site.url("handbooks/starter/first-steps/"))
    assert page.evaluate("() => document.documentElement.lang") == "en"


def test_a_translated_page_switches_to_its_translation(welsh_site, page):
    page.goto(welsh_site.url("glossary/loneliness/"))
    page.locator("nav.hb-language-switcher a[hreflang='cy']").click()
    page.wait_for_url("**/cy/glossary/loneliness/")
    expect(page.locator("article h1")).to_contain_text("Unigrwydd")
    expect(page.locator("[data-hb-notice='unreviewed']")).to_contain_text("siaradwr Cymraeg")


def test_interface_is_in_welsh(welsh_site, page):
    page.goto(welsh_site.url("cy/glossary/loneliness/"))
    assert page.evaluate("() => document.documentElement.lang") == "cy"
    expect(page.locator("input.md-search__input")).to_have_attribute("placeholder", "Chwilio")


def test_welsh_letters_render_intact(welsh_site, page):
    page.goto(welsh_site.url("cy/glossary/loneliness/"))
    article = page.locator("article")
    expect(article).to_contain_text("ŵ ŷ")  # from the working definition in front matter
    expect(article).to_contain_text(WELSH_SENTENCE)  # from the Markdown body


@pytest.mark.parametrize("word", ["unigrwydd", "gŵyl", "tŷ"])
def test_welsh_search_finds_welsh_words(welsh_site, page, word):
    page.goto(welsh_site.url("cy/glossary/"))
    results = search(page, word)
    assert "cy/glossary/loneliness/" in results[:3], f"{word!r}: {results}"
    assert all(result.startswith("cy/") for result in results), results  # the Welsh site's own index


def test_english_search_stays_on_the_english_site(welsh_site, page):
    page.goto(welsh_site.url("glossary/"))
    results = search(page, "loneliness")
    assert "glossary/loneliness/" in results[:3], results
    assert not any(result.startswith("cy/") for result in results), results


def test_every_welsh_page_says_it_is_in_welsh(welsh_site):
    welsh = welsh_site.folder / "cy"
    languages = {str(p.relative_to(welsh)): facts(p).lang for p in welsh.rglob("*.html")}
    assert len(languages) > 20
    assert {path: lang for path, lang in languages.items() if lang != "cy"} == {}


@pytest.mark.parametrize("screen", ["desktop", "phone"])
@pytest.mark.parametrize(
    "path",
    [
        "cy/glossary/loneliness/",  # translated, machine-assisted: a notice
        "cy/handbooks/starter/first-steps/",  # untranslated: the English marked, its notice
        "handbooks/starter/first-steps/",  # English: the switcher saying the Welsh is not there yet
    ],
)
def test_language_switcher_and_notices_pass_axe(welsh_site, request, path, screen):
    page = request.getfixturevalue("page" if screen == "desktop" else "phone_page")
    page.goto(welsh_site.url(path))
    expect(page.locator("nav.hb-language-switcher")).to_be_visible()
    assert_no_serious_violations(page)


def test_no_english_interface_string_on_the_real_sites_welsh_pages(real_site):
    """The scan of tests/e2e/test_welsh_site.py over the real site's Welsh pages (the
    translated handbook, home and terms, and every page shown in English): no interface
    string of ours left in English outside the parts marked lang="en"."""
    strings = interface_strings()
    welsh = real_site.folder / "cy"
    pages = sorted(path for path in welsh.rglob("*.html") if path.name != "404.html")
    assert len(pages) > 200, "the real site's Welsh pages were built"
    found = {}
    for path in pages:
        english = english_interface_text(lxml.html.parse(str(path)).getroot(), strings)
        if english:
            found[path.relative_to(welsh).as_posix()] = english
    assert found == {}, found
