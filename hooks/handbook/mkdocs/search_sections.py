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

Three differences. A page of only whitespace has no sections here (Material makes one, an
entry with the page's title and no text). And two on purpose, about excluded elements,
which are left out whole here:
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
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)

# collect_ids off: libxml2 would otherwise keep a table of every id for lookups we never
# make, an eighth of the parse (0.181 -> 0.166 ms a page on the M benchmark's pages).
_PARSER = etree.HTMLParser(
    recover=True, remove_comments=True, remove_pis=True, default_doctype=False, collect_ids=False
)


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
    if not html or html.isspace():
        return []
    document = etree.fromstring(f"<html><body>{html}</body></html>", _PARSER)
    body = document.find("body") if document is not None else None
    if body is None:
        return []
    return _walk(body)


# What an element's start does, by tag. Any other tag is PLAIN: it changes nothing but
# opening the first section, and only its text counts (unless it is left out).
PLAIN, VOID, SKIPPED, MARKED = range(4)
_ROLES = {
    **dict.fromkeys(VOID_TAGS, VOID),
    **dict.fromkeys(SKIPPED_TAGS, SKIPPED),
    # MARKED elements decide where text goes (headings; "hx", Material's name for
    # an untitled section's heading; pre; the permalink) or are kept in the text
    **dict.fromkeys(HEADINGS | KEPT_TAGS | {"hx"}, MARKED),
}
EXCLUDE = "data-search-exclude"
_OPENING = {tag: f"<{tag}>" for tag in KEPT_TAGS}
_CLOSING = {tag: f"</{tag}>" for tag in KEPT_TAGS}
TRACKED_TAGS = HEADINGS | {"hx", "pre"}  # the open elements that decide where text goes


def _walk(body) -> list[SearchSection]:
    """One pass over the tree, seeing tags and text in the order Material's parser does.

    The hottest code of the build's search indexing, so one flat loop over lxml's start
    and end events, its state in local variables. Most elements are PLAIN (``a``,
    ``span``, ``em``...) and most text goes to the current section's text outside
    ``pre``: both are handled inline, the rest by ``_add_text``.
    """
    sections: list[SearchSection] = []
    section: SearchSection | None = None
    section_depth: float = 0  # the current section's depth
    open_tags = dict.fromkeys(TRACKED_TAGS, 0)  # open elements per tracked tag
    depth = 0  # open elements below body, void and left-out ones included (they hold nothing)
    in_title = in_pre = False  # an element with the section's heading tag, or a pre, is open
    in_permalink = 0
    # The current section's text while text goes there collapsed (not in its title, not
    # in pre), else None: worked out again after anything that may change those.
    text: list[str] | None = None
    marked = [body]  # the open MARKED elements: their end is Material's handle_endtag
    events = etree.iterwalk(body, events=("start", "end"))
    next(events)  # body's start; its end is the last event
    if body.text:
        section = SearchSection("hx", 0)
        sections.append(section)
        _add_text(section, body.text, False, False, 0)
        text = section.text
    for event, element in events:
        if event == "start":
            depth += 1
            tag = element.tag
            role = _ROLES.get(tag, PLAIN)
            if role is PLAIN:
                if element.get(EXCLUDE) is not None:
                    role = SKIPPED
                else:
                    css_class = element.get("class")
                    if css_class is None:
                        pass
                    elif css_class == "linenodiv":
                        role = SKIPPED
                    elif css_class == "headerlink" and tag == "a":
                        role = MARKED  # the permalink
                if tag.__class__ is not str:  # a comment or such (the parser removes them)
                    role = VOID
            if role is PLAIN:
                if section is None:
                    section = SearchSection("hx", 0)
                    sections.append(section)
                    in_title = open_tags["hx"] > 0
                    text = None if in_title or in_pre else section.text
                data = element.text
            elif role is MARKED:  # Material's handle_starttag
                if tag in open_tags:
                    open_tags[tag] += 1
                heading_id = element.get("id") if tag in HEADINGS else None
                if heading_id is not None:
                    if tag != "h1" and not sections:
                        sections.append(SearchSection("hx", depth))
                    section = SearchSection(tag, depth, heading_id if sections else None)
                    sections.append(section)
                    section_depth = depth
                elif section is None:
                    section = SearchSection("hx", 0)
                    sections.append(section)
                if element.get(EXCLUDE) is not None or element.get("class") == "linenodiv":
                    if heading_id is not None:
                        section.excluded = True
                    if tag in open_tags:
                        open_tags[tag] -= 1
                    in_title = open_tags[section.heading] > 0
                    text = None if in_title or in_pre else section.text
                    events.skip_subtree()  # left out whole; its end only adds its tail
                    continue
                in_title = open_tags[section.heading] > 0
                in_pre = open_tags["pre"] > 0
                text = None if in_title or in_pre else section.text
                if tag in KEPT_TAGS:
                    (section.title if in_title else section.text).append(_OPENING[tag])
                if tag == "a":
                    in_permalink += 1
                marked.append(element)
                data = element.text
            else:  # VOID or SKIPPED: nothing inside is indexed; its end only adds its tail
                if role is SKIPPED and section is None:  # it opens the first section
                    section = SearchSection("hx", 0)
                    sections.append(section)
                    in_title = open_tags["hx"] > 0
                    text = None if in_title or in_pre else section.text
                events.skip_subtree()
                continue
        else:
            if element is marked[-1]:  # Material's handle_endtag
                if element is body:
                    break
                assert section is not None  # every element that ends began in a section
                marked.pop()
                tag = element.tag
                if tag == "a":
                    in_permalink -= 1
                if section_depth > depth:  # leaving the element that holds the heading
                    section, section_depth = _enclosing_section(sections, section, depth)
                depth -= 1
                if tag in open_tags:
                    open_tags[tag] -= 1
                in_title = open_tags[section.heading] > 0
                in_pre = open_tags["pre"] > 0
                text = None if in_title or in_pre else section.text
                if tag in KEPT_TAGS:
                    _close_kept(section.title if in_title else section.text, tag)
            else:
                if section_depth > depth:  # a heading began a section
                    assert section is not None
                    section, section_depth = _enclosing_section(sections, section, depth)
                    in_title = open_tags[section.heading] > 0
                    text = None if in_title or in_pre else section.text
                depth -= 1
            data = element.tail
        # Material's handle_data, for the element's text (at its start) or tail (at its end)
        if not data:
            continue
        if text is None:
            if section is None:  # the tail of a void element before anything else
                section = SearchSection("hx", 0)
                sections.append(section)
                in_title = open_tags["hx"] > 0
                text = None if in_title or in_pre else section.text
            _add_text(section, data, in_title, in_pre, in_permalink)
        elif data.isspace():  # collapsed to one space, and not after another
            if not text or not text[-1].isspace():
                text.append(" ")
        else:
            data = data.replace("\n", " ")
            text.append(escape(data, quote=False) if "&" in data or "<" in data or ">" in data else data)
    return sections


def _enclosing_section(
    sections: list[SearchSection], section: SearchSection, depth: int
) -> tuple[SearchSection, float]:
    """Leaving a nested heading's element: back to the last section begun at this depth or above."""
    for earlier in reversed(sections):
        if earlier.depth <= depth:
            section.depth = float("inf")  # never to be gone back to
            return earlier, earlier.depth
    return section, section.depth


def _add_text(section: SearchSection, data: str, in_title: bool, in_pre: bool, in_permalink: int) -> None:
    """Material's handle_data, for text in a heading or in pre."""
    if data.isspace():
        if not in_pre:
            data = " "
        if in_title:  # in the heading: its title
            if not in_permalink:
                section.title.append(data)
        else:
            pieces = section.text
            if not pieces or not pieces[-1].isspace() or in_pre:
                pieces.append(data)
        return
    if not in_pre:
        data = data.replace("\n", " ")
    if in_title:
        if not in_permalink:
            section.title.append(escape(data, quote=False))
    else:
        section.text.append(escape(data, quote=False))


def _close_kept(pieces: list[str], tag: str) -> None:
    """Close a kept tag, or drop it and what followed if that was only whitespace.

    Like Material, this looks for the first opening of the tag in the section.
    """
    try:
        index = pieces.index(_OPENING[tag])
    except ValueError:
        return
    last = len(pieces) - 1
    if index < last and not pieces[last].isspace():  # the usual case, without a scan
        pieces.append(_CLOSING[tag])
        return
    for position in range(index + 1, last):
        if not pieces[position].isspace():
            pieces.append(_CLOSING[tag])
            return
    del pieces[index:]
