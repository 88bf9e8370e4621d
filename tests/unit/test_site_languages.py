"""The site in more than one language, as ``Site`` sees it: the same page in each language,
what is translated, the navigation in the build's language, the Markdown a page converts."""

from __future__ import annotations

import pytest

from handbook.content.translations import is_translation_file
from handbook.mkdocs.events import english_site_url
from handbook.settings import Settings
from handbook.site import (
    Site,
    absolute_page_url,
    front_matter_block,
    page_in_language,
    site_languages,
)

WELSH = Settings(languages=("cy",), template_cache=False)


@pytest.mark.parametrize(
    ("page_url", "build", "language", "expected"),
    [
        ("", "en", "cy", "cy/"),
        ("handbooks/starter/", "en", "cy", "../../cy/handbooks/starter/"),
        ("handbooks/starter/", "cy", "en", "../../../handbooks/starter/"),
        ("", "cy", "en", "../"),
        ("glossary/loneliness/", "cy", "cy", "../../../cy/glossary/loneliness/"),
        # the offline copy: pages are files
        ("handbooks/starter/index.html", "en", "cy", "../../cy/handbooks/starter/index.html"),
        ("index.html", "cy", "en", "../index.html"),
    ],
)
def test_the_same_page_in_another_language(page_url, build, language, expected):
    assert page_in_language(page_url, build, language) == expected


def test_absolute_addresses_sit_under_the_english_site():
    base = "https://example.org/handbooks/"
    assert absolute_page_url(base, "en", "glossary/x/") == "https://example.org/handbooks/glossary/x/"
    assert absolute_page_url(base.rstrip("/"), "cy", "") == "https://example.org/handbooks/cy/"
    assert absolute_page_url("", "cy", "glossary/x/") is None
    assert english_site_url("https://example.org/handbooks/cy/", "cy") == base
    assert english_site_url(base, "en") == base
    assert english_site_url("", "cy") == ""


def test_site_languages_are_english_first_without_repeats():
    assert site_languages(()) == ("en",)
    assert site_languages(("cy",)) == ("en", "cy")
    assert site_languages((), "cy") == ("en", "cy")
    assert site_languages(("cy", "en"), "cy") == ("en", "cy")


def test_front_matter_block_is_the_file_s_own():
    assert front_matter_block("---\nhide: [toc]\ntitle: X\n---\n# Body\n") == "---\nhide: [toc]\ntitle: X\n---\n"
    assert front_matter_block("# No front matter\n---\n") == ""
    assert front_matter_block("---\nnever closed\n") == ""
    assert front_matter_block("") == ""


@pytest.mark.parametrize(
    ("src_uri", "expected"),
    [
        ("about/start-here.cy.md", True),
        ("index.cy.md", True),
        ("vocabularies.cy.yml", True),
        ("about/start-here.md", False),
        ("assets/logo.cy.png", False),
        ("about/v1.2/notes.md", False),
        ("notes.fr.md", False),  # not a language of the site
    ],
)
def test_translation_files_are_known_by_name(src_uri, expected):
    assert is_translation_file(src_uri, ("en", "cy")) is expected


@pytest.fixture(scope="module")
def project(tmp_path_factory, make_project, git_commit):
    root = make_project(tmp_path_factory.mktemp("languages"), git=False)
    (root / "docs" / "about" / "index.md").write_text(
        "---\nhide: [toc]\n---\n# About\n\nAbout this sample.\n", encoding="utf-8"
    )
    git_commit(root, "Sample")
    (root / "glossary" / "loneliness.cy.md").write_text(
        "---\ntranslation:\n  source_date: 2026-12-01\n  machine_assisted: true\n"
        "title: Unigrwydd\n---\nCorff Cymraeg.\n",
        encoding="utf-8",
    )
    (root / "docs" / "about" / "index.cy.md").write_text(
        "---\ntranslation:\n  source_date: 2026-12-01\n  machine_assisted: true\n---\n# Ynghylch\n\nTudalen Gymraeg.\n",
        encoding="utf-8",
    )
    git_commit(root, "Welsh")
    return root


@pytest.fixture(scope="module")
def english(project) -> Site:
    site = Site.build(project, settings=WELSH)
    assert site.result.problems == []
    return site


@pytest.fixture(scope="module")
def welsh(project) -> Site:
    site = Site.build(project, settings=WELSH, language="cy")
    assert site.result.problems == []
    return site


def _source(site: Site, src_uri: str):
    source = site.source_for(src_uri)
    assert source is not None
    return source


def test_an_english_build_shows_english_and_knows_the_welsh(english):
    term = english.corpus.get("term", "loneliness")
    assert term is not None and term.title == "Loneliness"
    assert english.content_lang(term) is None and english.translation_of(term) is None
    assert english.other_names(term) == {"cy": ["Unigrwydd"]}  # "In Welsh: ..." on its English page
    chapter = english.corpus.get("chapter", "starter/first-steps")
    versions = english.language_versions(
        _source(english, "handbooks/starter/first-steps.md"), "handbooks/starter/first-steps/"
    )
    assert [(v.language, v.current, v.translated, v.label) for v in versions] == [
        ("en", True, True, "English"),
        ("cy", False, False, "Cymraeg: heb ei chyfieithu eto"),
    ]
    assert chapter is not None and english.content_lang(chapter) is None


def test_a_welsh_build_shows_the_welsh_where_there_is_some(welsh):
    term = welsh.corpus.get("term", "loneliness")
    chapter = welsh.corpus.get("chapter", "starter/first-steps")
    assert term is not None and term.title == "Unigrwydd"
    assert welsh.content_lang(term) is None
    assert welsh.other_names(term) == {}  # its English names are among its aliases
    status = welsh.translation_of(term)
    assert status is not None and status.translation is not None and status.machine_assisted and not status.reviewed
    assert chapter is not None and welsh.content_lang(chapter) == "en"
    assert welsh.translation_of(chapter).translation is None
    assert welsh.messages.language == "cy"
    nav_titles = [next(iter(entry)) for entry in welsh.nav()]
    assert "Hafan" in nav_titles and "Home" not in nav_titles


def test_welsh_pages_convert_their_welsh_markdown(welsh):
    term = _source(welsh, "glossary/loneliness.md")
    assert welsh.markdown_source(term) == "---\n{}\n---\nCorff Cymraeg.\n"
    about = welsh.markdown_source(_source(welsh, "about/index.md"))
    assert about == "---\nhide: [toc]\n---\n# Ynghylch\n\nTudalen Gymraeg.\n"  # the English file's front matter kept
    assert welsh.markdown_source(_source(welsh, "index.md")) is None  # untranslated: the file as it is
    assert welsh.edit_path(term) == "glossary/loneliness.cy.md"
    assert welsh.edit_path(_source(welsh, "index.md")) == "docs/index.md"


def test_an_untranslated_item_s_body_is_marked_english(welsh, english):
    source = _source(welsh, "handbooks/starter/first-steps.md")
    html = welsh.render_content(source, "<p>Body</p>", "handbooks/starter/first-steps/")
    assert '<div lang="en"><p>Body</p></div>' in html
    assert 'lang="en"><p>Body' not in english.render_content(
        _source(english, "handbooks/starter/first-steps.md"), "<p>Body</p>", "handbooks/starter/first-steps/"
    )


def test_the_language_bar_says_what_is_true(welsh):
    untranslated = welsh.render_language_bar(
        _source(welsh, "handbooks/starter/first-steps.md"), "handbooks/starter/first-steps/"
    )
    assert 'data-hb-notice="untranslated"' in untranslated
    assert welsh.render_title("First <steps>", "en").strip() == '<h1 lang="en">First &lt;steps&gt;</h1>'
    translated = welsh.render_language_bar(_source(welsh, "glossary/loneliness.md"), "glossary/loneliness/")
    assert 'data-hb-notice="unreviewed"' in translated and "untranslated" not in translated
    generated = welsh.render_language_bar(_source(welsh, "glossary/index.md"), "glossary/")
    assert "hb-translation-notice" not in generated and "hb-language-switcher" in generated


def test_a_site_in_one_language_has_no_switcher(project):
    site = Site.build(project, settings=Settings(template_cache=False))
    source = _source(site, "glossary/loneliness.md")
    assert site.language_versions(source, "glossary/loneliness/") == []
    assert site.render_language_bar(source, "glossary/loneliness/") == ""
