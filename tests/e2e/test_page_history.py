"""Page history: every kind of page shows its dates and History link; the site has a
"What's changed" page and an Atom feed of the same entries, read from git."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

REPO_URL = "https://github.com/relationships-project/handbooks"
ATOM = "{http://www.w3.org/2005/Atom}"

PAGES = [  # url, source file
    ("handbooks/starter/", "handbooks/starter/index.md"),
    ("handbooks/starter/first-steps/", "handbooks/starter/first-steps.md"),
    ("glossary/co-production/", "glossary/co-production.md"),
    ("evidence/russell-1996/", "docs/evidence/russell-1996.md"),
    ("stories/heatmap-in-action/", "docs/stories/heatmap-in-action.md"),
    ("convenings/measuring-relationships-2021/", "docs/convenings/measuring-relationships-2021.md"),
    ("resources/relationships-heatmap/", "docs/resources/relationships-heatmap.md"),
    ("organisations/enrol-yourself/", "docs/organisations/enrol-yourself.md"),
    ("about/", "docs/about/index.md"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory, make_project, git_commit, build):
    root = make_project(tmp_path_factory.mktemp("history"))
    organisation = root / "docs/organisations/short-lived.md"
    organisation.write_text(
        '---\nname: Short-lived <Trust> & Co\nnations: [wales]\nlisting: {basis: public-source, source: "https://example.org/short-lived"}\n---\n',
        encoding="utf-8",
    )
    git_commit(root, "Organisations: add Short-lived Trust")
    term = root / "glossary/co-production.md"
    term.write_text(term.read_text(encoding="utf-8").replace("as equals.", "as equal partners."), encoding="utf-8")
    git_commit(root, "Glossary: co-production wording & tone")
    organisation.unlink()
    git_commit(root, "Organisations: remove Short-lived Trust")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDBOOK_PDF", "0")  # PDFs are not what these tests are about
        result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result


@pytest.mark.parametrize("url, source", PAGES)
def test_every_kind_of_page_shows_its_history(built, url, source):
    html = built.html(url)
    assert '<span class="md-source-file__fact">Last changed <time datetime="2026-01-15">' in html
    assert f'href="{REPO_URL}/commits/main/{source}"' in html


def test_overdue_review_notice_names_the_due_date(built):
    html = built.html("handbooks/starter/first-steps/")
    assert "this page was due for review on 2026-03-01" in html


def test_changes_page_lists_recent_changes_newest_first(built):
    html = built.html("changes/")
    body = html.split('class="md-content"', 1)[1]
    assert body.index("Organisations: remove Short-lived Trust") < body.index(
        "Glossary: co-production wording &amp; tone"
    )
    co_production = body.split("Glossary: co-production wording &amp; tone</span>", 1)[1].split("</ul>", 1)[0]
    assert (
        '<a href="../glossary/co-production/">Co-production</a> <span class="hb-change-what">(changed)</span>'
        in co_production
    )
    removal = body.split("Organisations: remove Short-lived Trust</span>", 1)[1].split("</ul>", 1)[0]
    assert '<del>Short lived</del> <span class="hb-change-what">(removed)</span>' in removal
    assert '<a href="feed.xml" type="application/atom+xml">' in body


def test_changes_page_is_in_the_navigation(built):
    assert "What&#39;s changed" in built.html("glossary/") or "What's changed" in built.html("glossary/")


def test_atom_feed_is_valid_and_matches_the_page(built):
    root = ET.parse(built.site / "changes" / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == "https://relationships-project.github.io/handbooks/changes/"
    entries = root.findall(f"{ATOM}entry")
    assert entries, "the feed has entries"
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated") and entry.findtext(f"{ATOM}summary")
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles[:2] == ["Short lived (removed)", "Co-production (changed)"]
    assert not any("Short-lived" in title for title in titles)  # its page is gone: listed once, as removed
    assert "About (added)" in titles  # a page without a title is named after its folder
    term = entries[1]
    assert (
        term.find(f"{ATOM}link").get("href")
        == "https://relationships-project.github.io/handbooks/glossary/co-production/"
    )
    assert term.findtext(f"{ATOM}summary") == "Glossary: co-production wording & tone"


def test_changes_page_has_no_edit_link_but_indexes_do(built):
    assert "Generated from" not in built.html("changes/")
    assert f"{REPO_URL}/tree/main/glossary" in built.html("glossary/")


def test_every_page_advertises_the_feed(built):
    for url in ("glossary/co-production/", "handbooks/starter/first-steps/"):
        assert '<link rel="alternate" type="application/atom+xml"' in built.html(url)
    assert 'href="../../changes/feed.xml"' in built.html("glossary/co-production/")


def test_generated_pages_link_the_history_of_what_they_gather(built):
    assert f'class="hb-history" href="{REPO_URL}/commits/main/glossary"' in built.html("glossary/")
    assert f'class="hb-history" href="{REPO_URL}/commits/main/docs/vocabularies.yml"' in built.html(
        "themes/loneliness/"
    )
    assert 'class="hb-history"' not in built.html("changes/")  # the page is the history
