"""The pages left out of the navigation on purpose are exactly those MkDocs is told about."""

from __future__ import annotations

import pathspec

from handbook.mkdocs.outside_navigation import nav_src_uris, not_in_nav_patterns
from handbook.site import Site
from tests.support import SAMPLE


def test_the_patterns_match_exactly_the_pages_outside_the_navigation():
    site = Site.build(SAMPLE)
    in_nav = nav_src_uris(site.nav())
    spec = pathspec.GitIgnoreSpec.from_lines(not_in_nav_patterns(site.sources, in_nav))
    outside = {uri for uri in site.sources if spec.match_file(uri)}
    assert outside == set(site.sources) - in_nav
    kinds = {site.sources[uri].item.kind for uri in outside if site.sources[uri].generated is None}
    assert kinds == {"term", "evidence", "story", "convening", "resource", "organisation"}
    assert "themes/index.md" in in_nav and "evidence/gap-map.md" in outside
    assert not spec.match_file("about/forgotten.md") and not spec.match_file("handbooks/starter/new-chapter.md")


def test_one_pattern_per_folder_not_per_page():
    pages = [f"evidence/item-{n}.md" for n in range(5000)] + ["evidence/index.md", "index.md", "about/a.md"]
    assert not_in_nav_patterns(pages, {"evidence/index.md", "index.md", "about/a.md"}) == [
        "/evidence/*.md",
        "!/evidence/index.md",
    ]


def test_pages_are_found_in_nested_sections_and_links_are_not_pages():
    nav = [
        {"Home": "index.md"},
        {"Handbooks": [{"All": "handbooks/index.md"}, {"A": ["handbooks/a/index.md", {"One": "handbooks/a/one.md"}]}]},
        {"Elsewhere": "https://example.org/"},
        "loose.md",
    ]
    assert nav_src_uris(nav) == {
        "index.md",
        "handbooks/index.md",
        "handbooks/a/index.md",
        "handbooks/a/one.md",
        "loose.md",
    }
