"""Page-template parts rendered once and reused by pages that would render them alike."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from markupsafe import Markup

from handbook.mkdocs.fragment_cache import FragmentCache, folders_above, links_alike_key, navigation_is_shared


@pytest.mark.parametrize(
    "url, key",
    [
        ("", ""),
        ("evidence/", "*/"),
        ("evidence/a/", "evidence/*/"),
        ("handbooks/h/c/", "handbooks/h/*/"),
        ("index.html", "*"),
        ("evidence/a.html", "evidence/*"),
    ],
)
def test_links_alike_key_names_where_relative_links_start(url, key):
    assert links_alike_key(url) == key


def test_pages_in_one_folder_share_a_key_and_others_do_not():
    assert links_alike_key("evidence/a/") == links_alike_key("evidence/b/")
    assert links_alike_key("evidence/a/") != links_alike_key("glossary/a/")  # ../ vs ../../evidence/
    assert links_alike_key("evidence/") != links_alike_key("")  # same parent, different depth


def test_a_page_with_linked_pages_beneath_it_shares_nothing():
    # From evidence/ a link to evidence/explorer/ is explorer/; from glossary/ it is ../evidence/explorer/.
    linked_beneath = folders_above(["evidence/explorer/", "about/"])
    assert linked_beneath == {"", "evidence/"}
    assert links_alike_key("evidence/", linked_beneath) == "evidence/"
    assert links_alike_key("glossary/", linked_beneath) == "*/"
    assert links_alike_key("evidence/a/", linked_beneath) == "evidence/*/"


def test_folders_above_names_every_folder_holding_a_page():
    assert folders_above(["handbooks/h/c/"]) == {"", "handbooks/", "handbooks/h/"}
    assert folders_above(["index.html", ""]) == {""}


def test_a_fragment_is_rendered_once_per_key():
    calls = []
    cache = FragmentCache()

    def render(text):
        def rendered():
            calls.append(text)
            return text

        return rendered

    assert cache("nav", "evidence/*/", render("one")) == "one"
    assert cache("nav", "evidence/*/", render("two")) == "one"
    assert cache("nav", "glossary/*/", render("three")) == "three"
    assert cache("styles", "evidence/*/", render("four")) == "four"
    assert calls == ["one", "three", "four"] and cache.reused == 1


def test_no_key_means_no_reuse():
    cache = FragmentCache()
    assert [cache("nav", None, lambda n=n: n) for n in range(3)] == [0, 1, 2]
    assert cache.reused == 0


def test_only_pages_outside_the_navigation_share_it():
    inside = SimpleNamespace(items=[SimpleNamespace(active=False), SimpleNamespace(active=True)])
    outside = SimpleNamespace(items=[SimpleNamespace(active=False), SimpleNamespace(title="no flag")])
    assert not navigation_is_shared(inside)
    assert navigation_is_shared(outside)


def test_a_fragment_can_be_rendered_from_a_macro_and_its_arguments():
    calls = []
    cache = FragmentCache()

    def entry(title, level):
        calls.append(title)
        return f"{title}@{level}"

    assert cache("nav-page", ("h/*/", "c1"), entry, "Chapter 1", 3) == "Chapter 1@3"
    assert cache("nav-page", ("h/*/", "c1"), entry, "Chapter 1", 3) == "Chapter 1@3"
    assert cache("nav-page", None, entry, "Chapter 2", 3) == "Chapter 2@3"
    assert calls == ["Chapter 1", "Chapter 2"]


def test_a_frame_is_rendered_once_per_key_and_filled_by_each_page():
    calls = []
    cache = FragmentCache()

    def navigation(folder):
        calls.append(folder)
        return f"<nav {folder}><ul>{cache.hole}</ul></nav>"

    pages = {}
    for page in ("one", "two"):
        before, after = cache.frame("nav-frame", ("h/*/", 2), navigation, "h")
        pages[page] = before + Markup(f"<li>{page}</li>") + after  # the page's piece, as a template writes it
    assert pages == {"one": "<nav h><ul><li>one</li></ul></nav>", "two": "<nav h><ul><li>two</li></ul></nav>"}
    assert calls == ["h"] and cache.reused == 1


def test_a_frame_without_exactly_one_hole_is_refused():
    cache = FragmentCache()
    with pytest.raises(ValueError, match="one hole"):
        cache.frame("nav-frame", "k1", lambda: "<nav></nav>")
    with pytest.raises(ValueError, match="one hole"):
        cache.frame("nav-frame", "k2", lambda: f"{cache.hole}<nav></nav>{cache.hole}")


def test_a_page_stand_in_keeps_its_url_and_holds_the_hole_for_its_title():
    cache = FragmentCache()
    page = SimpleNamespace(url="evidence/a/", title="A", meta={"title": "A study"})
    stand_in = cache.titled_hole(page)
    assert stand_in.url == "evidence/a/"  # MkDocs' url filter makes links relative to it
    assert stand_in.title == stand_in.meta["title"] == cache.hole
    before, after = cache.frame("header", "evidence/*/", lambda p: f"<h>{p.meta['title']}</h>", stand_in)
    assert before + Markup("A study") + after == "<h>A study</h>"
