"""End-to-end: build the sample project in a temporary folder and read the HTML."""

from __future__ import annotations

import pytest

REPO_URL = "https://github.com/relationships-project/handbooks"


@pytest.fixture(scope="module")
def built(sample_site):
    return sample_site


@pytest.mark.parametrize(
    "url",
    [
        "handbooks/starter/first-steps/",
        "handbooks/starter/",
        "handbooks/",
        "glossary/co-production/",
        "glossary/",
        "evidence/holt-lunstad-2010/",
        "evidence/",
        "stories/heatmap-in-action/",
        "stories/",
        "convenings/measuring-relationships-2021/",
        "convenings/",
        "resources/relationships-heatmap/",
        "resources/",
        "organisations/enrol-yourself/",
        "organisations/",
        "themes/loneliness/",
        "themes/",
    ],
)
def test_every_kind_of_page_is_at_its_stable_url(built, url):
    assert "<h1" in built.html(url)


@pytest.mark.parametrize(
    "url, source",
    [
        ("handbooks/starter/first-steps/", "handbooks/starter/first-steps.md"),
        ("handbooks/starter/", "handbooks/starter/index.md"),
        ("glossary/co-production/", "glossary/co-production.md"),
        ("evidence/holt-lunstad-2010/", "docs/evidence/holt-lunstad-2010.md"),
    ],
)
def test_edit_link_opens_the_true_source_file(built, url, source):
    assert f'href="{REPO_URL}/edit/main/{source}"' in built.html(url)


def test_injected_pages_show_their_git_date(built):
    html = built.html("glossary/co-production/")
    assert '<time datetime="2026-01-15">' in html


def test_generated_pages_show_no_date(built):
    html = built.html("glossary/")
    assert "Last changed" not in html
    assert f"{REPO_URL}/tree/main/glossary" in html


def test_references_become_working_links(built):
    html = built.html("handbooks/starter/first-steps/")
    assert 'href="../../../glossary/co-production/"' in html
    assert 'href="../../../resources/relationships-heatmap/"' in html
    assert 'href="../going-further/"' in html
    assert 'href="../../../evidence/holt-lunstad-2010/"' in html
    assert "<code>[@not-a-citation]</code>" in html


def test_review_overdue_notice(built):
    assert "Review overdue" in built.html("handbooks/starter/first-steps/")
    assert "Review overdue" not in built.html("handbooks/starter/going-further/")


def test_large_collections_stay_out_of_the_navigation(built):
    html = built.html("handbooks/starter/first-steps/")
    assert "evidence/russell-1996/" not in html.split('class="md-content"')[0]


def test_welsh_and_special_characters_are_escaped_intact(built):
    html = built.html("glossary/loneliness/")
    assert (
        "&#34;&lt;not&gt; &amp; {{ escaped }}&#34; ŵ ŷ" in html
        or "&quot;&lt;not&gt; &amp; {{ escaped }}&quot; ŵ ŷ" in html
    )


def test_bad_content_fails_plain_build_with_file_and_line(tmp_path, make_project, build):
    root = make_project(tmp_path)
    term = root / "glossary" / "co-production.md"
    term.write_text(term.read_text().replace("stance: critiques", "stance: critque"))
    result = build(root)
    assert result.returncode != 0
    assert (
        "glossary/co-production.md:13: perspectives[1].stance: 'critque' is not in the perspective_stances vocabulary"
        in result.log
    )
    assert "did you mean 'critiques'?" in result.log
    assert "Traceback" not in result.log
    assert not (root / "site" / "index.html").exists()


def test_organisation_pages_show_their_listing_basis_and_how_to_claim_them(built):
    self_listed = built.html("organisations/enrol-yourself/")
    assert "Self-listed by @enrol-yourself (" in self_listed
    assert '<a href="https://github.com/relationships-project/handbooks/pull/12">' in self_listed
    assert "In its own words: Learning communities for people in transition." in self_listed
    public = built.html("organisations/relationships-project/")
    assert 'Listed from a public source: <a href="https://relationshipsproject.org">' in public
    assert "). Is this your organisation? You can claim, correct or remove this entry" in self_listed
    assert "</a>. Is this your organisation? You can claim, correct or remove this entry" in public
    assert f'<a href="{REPO_URL}/edit/main/docs/organisations/enrol-yourself.md">edit it on GitHub</a>' in self_listed
    assert f'<a href="{REPO_URL}/issues/new?title=About%20docs/organisations/enrol-yourself.md">open an issue</a>' in (
        self_listed
    )


def test_story_pages_show_how_they_came_to_be_published(built):
    page = built.html("stories/heatmap-in-action/")
    assert "consent was recorded by Dana Maintainer on 2024-01-05 (" in page
    assert '<a href="https://github.com/relationships-project/handbooks/issues/7">' in page
    assert f'<a href="{REPO_URL}/edit/main/docs/stories/heatmap-in-action.md">edit it on GitHub</a>' in page
