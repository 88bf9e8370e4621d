"""A page's HTML divided into search sections, one per heading, parsed once with lxml.

Material's search index stores one entry per section of a page (the text under each
heading with an id), with a little markup kept (paragraphs, lists, code) so results can
show it. Material finds the sections with Python's pure-Python ``html.parser``, which
was a quarter of our build time; this module makes the same sections from one lxml
parse (libxml2, in C) and a single walk over the tree. ``tests/unit/test_search_sections.py``
checks that it gives Material's output on every page of a real build.

The rules are Material's (``material/plugins/search/plugin.py``, ``Parser``):

- a heading ``h1``-``h6`` with an id starts a section; text before the first heading
  belongs to an untitled first section, and the first section never has an id;
- a heading nested in an element closes its section when that element ends, and the
  text after it goes back to the enclosing section;
- ``script``, ``style``, ``object`` and anything marked ``data-search-exclude`` (our
  glossary tooltips, backlink lists) or ``class="linenodiv"`` are left out;
- ``p pre code li ol ul sub sup`` are kept as bare tags, and dropped when empty;
- whitespace runs outside ``pre`` collapse to one space, line breaks become spaces; the
  permalink inside a heading is not part of its title; text is HTML-escaped.

Two differences, on purpose, both about excluded elements, which are left out whole here:
Material matches open elements by tag name, so inside an excluded ``<div>`` the end of a
nested ``<div>`` ends the exclusion; and a heading inside an excluded element still
starts a section there (an entry with the page's title and no text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from lxml import etree

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
KEPT_TAGS = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
SKIPPED_TAGS = frozenset({"script", "style", "object"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr"})

_PARSER = etree.HTMLParser(recover=True, remove_comments=True, remove_pis=True, default_doctype=False)


@dataclass
class SearchSection:
    """The text under one heading. ``title`` and ``text`` are lists of HTML-escaped pieces."""

    heading: str  # the heading's tag, or "hx" for an untitled section
    depth: float  # open elements at the heading; infinity once its element has ended
    id: str | None = None
    excluded: bool = False  # the heading itself is marked data-search-exclude
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def page_sections(html: str) -> list[SearchSection]:
    """The search sections of a page's content HTML, in document order."""
    if not html.strip():
        return []
    document = etree.fromstring(f"<html><body>{html}</body></html>", _PARSER)
    body = document.find("body") if document is not None else None
    if body is None:
        return []
    walk = _Walk()
    walk.children(body)
    return walk.sections


class _Walk:
    """One pass over the tree, seeing tags and text in the order Material's parser does."""

    def __init__(self) -> None:
        self.sections: list[SearchSection] = []
        self.section: SearchSection | None = None
        self.open_tags: dict[str, int] = {}  # tag -> how many such elements are open
        self.depth = 0  # how many elements are open
        self.in_permalink = 0

    def children(self, parent) -> None:
        # The hottest code of the build's search indexing: local names, few calls.
        data = self.data
        if parent.text:
            data(parent.text)
        for child in parent:
            tag = child.tag
            if tag.__class__ is str and tag not in VOID_TAGS:
                self.element(child, tag)
            if child.tail:
                data(child.tail)

    def element(self, element, tag: str) -> None:
        attributes = element.attrib
        open_tags = self.open_tags
        self.depth += 1
        open_tags[tag] = open_tags.get(tag, 0) + 1
        starts_section = tag in HEADINGS and "id" in attributes
        if starts_section:
            if tag != "h1" and not self.sections:
                self._open(SearchSection("hx", self.depth))
            self._open(SearchSection(tag, self.depth, attributes["id"] if self.sections else None))
        elif self.section is None:
            self._open(SearchSection("hx", 0))
        if tag in SKIPPED_TAGS or "data-search-exclude" in attributes or attributes.get("class") == "linenodiv":
            if starts_section:
                self.section.excluded = True
            self.depth -= 1
            open_tags[tag] -= 1
            return  # nothing inside is indexed, so nothing inside is visited
        kept = tag in KEPT_TAGS
        if kept:
            self._pieces().append(f"<{tag}>")
        permalink = tag == "a" and attributes.get("class") == "headerlink"
        if permalink:
            self.in_permalink += 1

        if len(element) or element.text:
            self.children(element)

        if permalink:
            self.in_permalink -= 1
        if self.section.depth > self.depth:
            self._leave_nested_sections()
        self.depth -= 1
        open_tags[tag] -= 1
        if kept:
            _close_kept(self._pieces(), tag)

    def _open(self, section: SearchSection) -> None:
        self.sections.append(section)
        self.section = section

    def _leave_nested_sections(self) -> None:
        """Leaving the element that holds the current heading: back to an enclosing section."""
        section = self.section
        if section.depth > self.depth:
            for earlier in reversed(self.sections):
                if earlier.depth <= self.depth:
                    section.depth = float("inf")
                    self.section = earlier
                    break

    def _in_title(self) -> bool:
        # Material asks whether an element with the heading's tag is open
        return self.open_tags.get(self.section.heading, 0) > 0

    def _pieces(self) -> list[str]:
        return self.section.title if self._in_title() else self.section.text

    def data(self, text: str) -> None:
        in_pre = self.open_tags.get("pre", 0) > 0
        if self.section is None:
            self._open(SearchSection("hx", 0))
        section = self.section
        if text.isspace():
            if not in_pre:
                text = " "
            if self.open_tags.get(section.heading, 0) > 0:  # in the heading: its title
                if not self.in_permalink:
                    section.title.append(text)
            else:
                pieces = section.text
                if not pieces or not pieces[-1].isspace() or in_pre:
                    pieces.append(text)
            return
        if not in_pre:
            text = text.replace("\n", " ")
        if self.open_tags.get(section.heading, 0) > 0:
            if not self.in_permalink:
                section.title.append(escape(text, quote=False))
        else:
            section.text.append(escape(text, quote=False))


def _close_kept(pieces: list[str], tag: str) -> None:
    """Close a kept tag, or drop it and what followed if that was only whitespace.

    Like Material, this looks for the first opening of the tag in the section.
    """
    opening = f"<{tag}>"
    try:
        index = pieces.index(opening)
    except ValueError:
        return
    for piece in pieces[index + 1:]:
        if not piece.isspace():
            pieces.append(f"</{tag}>")
            return
    del pieces[index:]
