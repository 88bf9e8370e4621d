"""Headings added around the Markdown go into the table of contents in page order, at the right depth, once."""

from __future__ import annotations

from dataclasses import dataclass, field

from handbook.pages.toc_entries import Heading, add_headings, insert_headings_first


@dataclass
class Link:
    title: str
    id: str
    level: int
    children: list = field(default_factory=list)


def make(heading: Heading) -> Link:
    return Link(heading.title, heading.id, heading.level)


def test_added_at_the_level_of_the_page_sections():
    toc = [Link("Intro", "intro", 2, [Link("Detail", "detail", 3)]), Link("Next", "next", 2)]
    add_headings(toc, [Heading("References", "hb-references", 2), Heading("Related", "hb-related", 2)], make)
    assert [link.id for link in toc] == ["intro", "next", "hb-references", "hb-related"]
    assert [link.id for link in toc[0].children] == ["detail"]


def test_nested_under_a_page_title_of_a_higher_level():
    toc = [Link("Title", "title", 1, [Link("Part", "part", 2)])]
    add_headings(toc, [Heading("Related", "hb-related", 2)], make)
    assert [link.id for link in toc] == ["title"]
    assert [link.id for link in toc[0].children] == ["part", "hb-related"]


def test_adding_twice_changes_nothing():
    toc = [Link("Intro", "intro", 2)]
    headings = [Heading("Where it is used", "hb-backlinks", 2), Heading("Related", "hb-related", 2)]
    add_headings(toc, headings, make)
    add_headings(toc, headings, make)
    assert [(link.title, link.id, link.level) for link in toc] == [
        ("Intro", "intro", 2),
        ("Where it is used", "hb-backlinks", 2),
        ("Related", "hb-related", 2),
    ]


def test_an_empty_toc_stays_empty():
    # Material's "Skip to content" link goes to the first entry: it must not be the end of the page.
    toc: list[Link] = []
    add_headings(toc, [Heading("Related", "hb-related", 2)], make)
    assert toc == []


def test_a_template_s_opening_sections_come_first_once():
    toc = [Link("Intro", "intro", 2)]
    opening = [
        Heading("How this handbook uses it", "working-definition", 2),
        Heading("Perspectives", "perspectives", 2),
    ]
    insert_headings_first(toc, opening, make)
    insert_headings_first(toc, opening, make)  # a page rendered again keeps one of each
    assert [link.id for link in toc] == ["working-definition", "perspectives", "intro"]


def test_opening_sections_fill_an_empty_table_of_contents():
    # unlike sections added at the end: they are at the top, where "Skip to content" should lead
    toc: list[Link] = []
    insert_headings_first(toc, [Heading("Why this rating", "why-this-rating", 2)], make)
    add_headings(toc, [Heading("Cited by", "hb-backlinks", 2)], make)
    assert [link.id for link in toc] == ["why-this-rating", "hb-backlinks"]
