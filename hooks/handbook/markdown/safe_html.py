"""Python-Markdown extension: raw HTML sanitised, no unsafe URL on the page.

The loader already reports unsafe HTML and links as problems (``safety.raw_html``), so a
build with them fails; this is the second line, so that nothing unsafe reaches a page
even through a form the source check did not see. It applies the allow-lists of
``safety.raw_html`` at the three places raw HTML enters a page:

- raw HTML blocks, which the ``html_block`` preprocessor (Python-Markdown's, or
  md_in_html's) puts into the HTML stash: the entries it adds are cleaned as soon as it
  has run. Entries added before it (SuperFences' highlighted code) are left as they are.
- inline raw HTML, which the ``html`` inline pattern stashes one tag at a time: each is
  cleaned as it is stored.
- the elements md_in_html builds from ``<div markdown>`` blocks (stashed as elements by
  the same preprocessor): cleaned as elements, with the same lists.

Last, a tree processor removes event handlers and refused URLs from every element of the
converted page, whatever made them (a Markdown link, attr_list, another extension).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from handbook.safety.raw_html import clean_element, clean_fragment, clean_rendered

HTML_BLOCK_PRIORITY = 20  # Python-Markdown's and md_in_html's html_block
# What an InlineProcessor's handleMatch returns. The stubs (types-Markdown) declare that
# signature incompatible with their Pattern's, so an override repeats their ignore[override].
_Found = tuple[etree.Element | str | None, int | None, int | None]


class _StashMark(Preprocessor):
    """Notes how many entries the HTML stash holds just before ``html_block`` runs."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.start = 0

    def run(self, lines: list[str]) -> list[str]:
        self.start = len(self.md.htmlStash.rawHtmlBlocks)
        return lines


class _CleanHtmlBlocks(Preprocessor):
    """Cleans the stash entries ``html_block`` added, just after it ran."""

    def __init__(self, md: Markdown, mark: _StashMark) -> None:
        super().__init__(md)
        self.mark = mark

    def run(self, lines: list[str]) -> list[str]:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index in range(self.mark.start, len(blocks)):
            entry = blocks[index]
            if isinstance(entry, etree.Element):
                if not clean_element(entry, self.md.is_block_level):
                    blocks[index] = ""  # md_in_html then finds no element, and writes nothing
            else:
                blocks[index] = clean_fragment(entry)
        return lines


class _CleanHtmlInline(HtmlInlineProcessor):
    """Python-Markdown's inline raw HTML pattern, storing the cleaned tag."""

    def handleMatch(self, m: re.Match[str], data: str) -> _Found:  # type: ignore[override]  # see _Found
        placeholder, start, end = super().handleMatch(m, data)
        blocks = self.md.htmlStash.rawHtmlBlocks
        stored = blocks[-1]  # the entry the call above stored: the tag's text
        assert isinstance(stored, str)
        blocks[-1] = clean_fragment(stored)
        return placeholder, start, end


class _CleanRendered(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        clean_rendered(root)


class SafeHtmlExtension(Extension):
    """Sanitised raw HTML and safe URLs. The block cleaning brackets whichever html_block is
    registered, so it does not matter where this is listed; the inline pattern takes the
    place of Python-Markdown's `html`."""

    def extendMarkdown(self, md: Markdown) -> None:
        mark = _StashMark(md)
        # Just before and just after html_block, whichever extension registered it.
        md.preprocessors.register(mark, "hb-safe-html-mark", HTML_BLOCK_PRIORITY + 0.1)
        md.preprocessors.register(_CleanHtmlBlocks(md, mark), "hb-safe-html-blocks", HTML_BLOCK_PRIORITY - 0.1)
        md.inlinePatterns.register(_CleanHtmlInline(HTML_RE, md), "html", 90)
        # Last of all tree processors (the reference resolver is at -10, term links at -20).
        md.treeprocessors.register(_CleanRendered(md), "hb-safe-urls", -100)
