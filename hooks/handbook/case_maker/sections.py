"""The sections of every chapter (each ``h2``): its id, its heading and its first paragraph.

The case maker lets a reader add a chapter's section to their case, by the id its heading
has on the chapter's page. The build's pages are converted only after the case maker's
data is written (it is an export, written with the site's files), so the chapters are read
here once per build with a Markdown converter of their own, set up as the site's
(``EXTENSIONS``: the extensions in mkdocs.yml that shape headings and paragraphs, and the
toc's ``slugify_unicode``). The reference syntax is read as the site reads it:
``[[kind:id]]`` and ``[@id]`` give their heading no text when the toc makes its ids (their
text is filled in after it), and in a paragraph they read as the item's title and as
"(Author 2010)". A test compares these ids with the h2 ids of a built site's chapters.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.extensions.toc import slugify_unicode
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from handbook.content.model import Chapter
from handbook.linking.references import CITATION_PATTERN, WIKILINK_PATTERN, citation_entries
from handbook.markdown import SITE_EXTENSIONS

# The site's Markdown extensions (mkdocs.yml) that decide where a chapter's headings and
# paragraphs are and what ids the headings get.
EXTENSIONS = SITE_EXTENSIONS
# The toc as the site configures it, less the permalink (a "¶" in every heading's text).
EXTENSION_CONFIGS = {"toc": {"slugify": slugify_unicode, "permalink": False}}

_WIKILINK = "data-case-link"  # kind:id of a [[kind:id]], whose text is the item's title
_CITATION = "data-case-cite"  # the text inside a [@...] citation's brackets
_PLACEHOLDER = re.compile(f"{STX}wzxhzdk:(\\d+){ETX}")  # Python-Markdown's stashed raw HTML


@dataclass(frozen=True)
class Section:
    """One h2 of a chapter: its id on the chapter's page, its heading and first paragraph (plain text)."""

    chapter: Chapter
    id: str
    heading: str
    first_paragraph: str | None


# What a reference reads as in plain text: the linked item's title, a citation's "(Author 2010)".
TitleOf = Callable[[str, str], str | None]  # (kind, id) -> the item's title, None when unknown
CitationText = Callable[[str, str | None], str]  # (evidence id, locator) -> "Holt-Lunstad et al. 2010, p. 4"


class _WikiLink(InlineProcessor):
    """``[[kind:id]]`` as an empty link, as the site's own pattern leaves it for the toc."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]  # types-Markdown declares InlineProcessor's handleMatch incompatible with Pattern's
        return etree.Element("a", {_WIKILINK: f"{m.group(1)}:{m.group(2)}"}), m.start(0), m.end(0)


class _Citation(InlineProcessor):
    """``[@a; @b, p. 4]`` as an empty span, as the site's own pattern leaves it for the toc."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]  # as above
        return etree.Element("span", {_CITATION: m.group(1)}), m.start(0), m.end(0)


Found = list[tuple[etree.Element, etree.Element | None]]


def _sections(root: etree.Element) -> tuple[etree.Element | None, Found]:
    """The first paragraph of running text, and each h2 (anywhere, as the toc finds headings)
    with the first paragraph of running text after it, before the next h1 or h2 (an h3 may
    come between)."""
    found: Found = []
    first: etree.Element | None = None
    heading: etree.Element | None = None
    paragraph: etree.Element | None = None
    for element in root.iter():
        if element.tag in ("h1", "h2"):
            if heading is not None:
                found.append((heading, paragraph))
            heading, paragraph = (element if element.tag == "h2" else None), None
        elif element.tag == "p" and _is_prose(element):
            first = first if first is not None else element
            if heading is not None and paragraph is None:
                paragraph = element
    if heading is not None:
        found.append((heading, paragraph))
    return first, found


class _Pruner(Treeprocessor):
    """Before the inline patterns (the larger part of a conversion's time): finds the sections
    and leaves only what they need, every heading (the toc gives each a unique id among them
    all) and the paragraphs wanted, so that the rest of a chapter is never parsed inline.
    (An id written with attr_list on a paragraph left out goes unseen: it would change a
    heading's id only by being that id; the tests compare the ids with a built site's.)"""

    def __init__(self, md: Markdown, reader: SectionReader):
        super().__init__(md)
        self.reader = reader

    def run(self, root: etree.Element) -> None:
        self.reader.first, self.reader.found = _sections(root)
        wanted = {paragraph for _, paragraph in self.reader.found if paragraph is not None}
        if self.reader.first is not None:
            wanted.add(self.reader.first)
        _keep_only(root, wanted)


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _keep_only(parent: etree.Element, wanted: set[etree.Element]) -> bool:
    """Removes the children of ``parent`` that neither are wanted nor hold a heading or a
    wanted element; whether anything was kept."""
    kept = False
    for child in list(parent):
        if child.tag in _HEADINGS or child in wanted or _keep_only(child, wanted):
            kept = True
        else:
            parent.remove(child)
    return kept


def _is_prose(paragraph: etree.Element) -> bool:
    """A paragraph of running text, not an admonition's title."""
    return "admonition-title" not in (paragraph.get("class") or "").split()


class _SectionExtension(Extension):
    def __init__(self, reader: SectionReader):
        super().__init__()
        self.reader = reader

    def extendMarkdown(self, md: Markdown) -> None:
        # The priorities of the site's own reference patterns (markdown/references.py).
        md.inlinePatterns.register(_WikiLink(WIKILINK_PATTERN, md), "hb-case-wikilink", 175)
        md.inlinePatterns.register(_Citation(CITATION_PATTERN, md), "hb-case-citation", 174)
        md.treeprocessors.register(_Pruner(md, self.reader), "hb-case-prune", 25)  # before the inline patterns (20)


class SectionReader:
    """Reads chapters' sections with one converter (made once, reset between chapters)."""

    def __init__(self, title_of: TitleOf, citation_text: CitationText):
        self.title_of = title_of
        self.citation_text = citation_text
        # What the last conversion found (set by _Pruner): its elements keep the toc's ids
        # and, once the conversion is over, their inline text.
        self.first: etree.Element | None = None
        self.found: Found = []
        self.md = Markdown(extensions=[*EXTENSIONS, _SectionExtension(self)], extension_configs=EXTENSION_CONFIGS)

    def _convert(self, body: str) -> None:
        self.md.reset()
        self.first, self.found = None, []
        self.md.convert(body)

    def sections(self, chapter: Chapter) -> list[Section]:
        """Every h2 of a chapter, in the page's order."""
        self._convert(chapter.body)
        sections = []
        for heading, paragraph in self.found:
            first = self.plain_text(paragraph) if paragraph is not None else ""
            sections.append(Section(chapter, heading.get("id", ""), self.plain_text(heading), first or None))
        return sections

    def chapter_sections(self, chapters: Iterable[Chapter]) -> list[Section]:
        """Every h2 of every chapter, in the chapters' order then the page's."""
        return [section for chapter in chapters for section in self.sections(chapter)]

    def lead(self, body: str) -> str | None:
        """The first paragraph of running text of a body, as plain text (None when it has none)."""
        self._convert(body)
        return (self.plain_text(self.first) if self.first is not None else "") or None

    def plain_text(self, element: etree.Element) -> str:
        """An element's text as a reader sees it (not what follows it), spaces collapsed."""
        return " ".join("".join(self._inner(element)).split())

    def _inner(self, element: etree.Element) -> Iterable[str]:
        if element.tag == "code":  # a code span's text is kept escaped, as HTML, by Python-Markdown
            yield html.unescape(element.text or "")
        else:
            yield self._unstash(element.text or "")
        for child in element:
            yield from self._texts(child)

    def _texts(self, element: etree.Element) -> Iterable[str]:
        """An element's text and the text that follows it."""
        link = element.get(_WIKILINK)
        cited = element.get(_CITATION)
        if link is not None:
            kind, _, item_id = link.partition(":")
            yield self.title_of(kind, item_id) or link
        elif cited is not None:
            yield (
                "("
                + "; ".join(self.citation_text(item_id, locator) for item_id, locator in citation_entries(cited))
                + ")"
            )
        elif element.tag == "sup" and (element.get("id") or "").startswith("fnref"):
            pass  # a footnote's number means nothing out of its page
        else:
            yield from self._inner(element)
        yield self._unstash(element.tail or "")

    def _unstash(self, text: str) -> str:
        """Stashed raw HTML: an entity reads as its character, a tag as nothing."""
        if STX not in text:
            return text
        stash = self.md.htmlStash.rawHtmlBlocks

        def entity(match: re.Match[str]) -> str:
            raw = str(stash[int(match.group(1))])
            return html.unescape(raw) if raw.startswith("&") and raw.endswith(";") else ""

        return _PLACEHOLDER.sub(entity, text)
