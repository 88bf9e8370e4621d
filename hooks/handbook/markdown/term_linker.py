"""Automatic links from mentions of glossary terms to their pages, with a tooltip.

A tree processor modelled on Python-Markdown's ``abbr`` extension: it walks text nodes
only, never enters code, headings, links, admonition titles, summaries, citations,
tooltips or anything marked ``no-term-links``, and inserts real elements:

    <span class="hb-term-wrap"><a class="hb-term" href="..." aria-describedby="hb-tip-1">councils</a><span
      class="hb-tooltip" role="tooltip" id="hb-tip-1" data-search-exclude="">working definition</span></span>

The tooltip is hidden by CSS until the link is hovered or focused; ``data-search-exclude``
keeps the definitions out of Material's search index, so a page is not found by the
words of every term it mentions. Running the processor twice changes nothing more: a
second run takes out the links of the first and links the same text afresh.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, AtomicString

from ..linking import LinkContext
from ..term_index import Mention, TermIndex

MODES = ("first", "all")
OPT_OUT_CLASS = "no-term-links"
LINK_CLASS = "hb-term"
WRAP_CLASS = "hb-term-wrap"
TOOLTIP_CLASS = "hb-tooltip"
TOOLTIP_ID = "hb-tip-{}"
SKIPPED_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "button", "abbr",
                          "summary", "svg", "math", "h1", "h2", "h3", "h4", "h5", "h6"})
# hb-citation and hb-references come from the reference resolver: citations and the page's reference list.
SKIPPED_CLASSES = frozenset({OPT_OUT_CLASS, WRAP_CLASS, TOOLTIP_CLASS, "admonition-title", "hb-citation", "hb-references",
                             "headerlink"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Raw HTML written inside Markdown stays in the text as numbered placeholders until the end.
RAW_HTML = re.compile(re.escape(HTML_PLACEHOLDER).replace("%s", "([0-9]+)"))


@dataclass
class TermLinkStats:
    """What the linker did during one build, for the one-line summary in the build log."""

    links: int = 0
    pages: int = 0
    repeats: int = 0  # mentions left unlinked because the term was already linked on the page
    opted_out_pages: int = 0

    def summary(self) -> str:
        opted_out = f" and {self.opted_out_pages} opted-out page{'s' if self.opted_out_pages != 1 else ''}" \
            if self.opted_out_pages else ""
        return (f"{self.links} glossary term link{'s' if self.links != 1 else ''} on {self.pages} "
                f"page{'s' if self.pages != 1 else ''}; {self.repeats} later mention{'s' if self.repeats != 1 else ''}"
                f"{opted_out} left unlinked (`handbook mentions` lists them)")


@dataclass
class _PageState:
    seen: set[str] = field(default_factory=set)  # terms already linked on this page
    own_term: str | None = None
    taken_ids: set[str] = field(default_factory=set)
    next_id: int = 1
    # Raw HTML tags open at this point of the text, and whether each one forbids links.
    raw_open: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def inside_raw_skipped(self) -> bool:
        return any(skipped for _, skipped in self.raw_open)


class _RawTags(HTMLParser):
    """Follows the raw HTML tags an author wrote inline (<a>, <code>, <span class="no-term-links">)."""

    def __init__(self, state: _PageState):
        super().__init__(convert_charrefs=True)
        self.state = state

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.state.raw_open.append((tag, tag in SKIPPED_TAGS or not SKIPPED_CLASSES.isdisjoint(classes)))

    def handle_endtag(self, tag: str) -> None:
        open_tags = [name for name, _ in self.state.raw_open]
        if tag in open_tags:
            del self.state.raw_open[len(open_tags) - 1 - open_tags[::-1].index(tag):]


class TermLinker(Treeprocessor):
    def __init__(self, md: Markdown, index: TermIndex, context: LinkContext, mode: str, stats: TermLinkStats):
        super().__init__(md)
        self.index, self.context, self.mode, self.stats = index, context, mode, stats

    def run(self, root: etree.Element) -> None:
        page = self.context.page
        if page is not None and not getattr(page, "term_links", True):
            self.stats.opted_out_pages += 1
            return
        taken, linked_before = _tooltip_ids(root)
        if linked_before:  # by an earlier run: linking afresh gives the same result
            _remove_term_links(root)
            taken, _ = _tooltip_ids(root)
        state = _PageState(own_term=page.id if page is not None and page.kind == "term" else None, taken_ids=taken)
        links_before = self.stats.links
        self._walk(root, state)
        if self.stats.links > links_before:
            self.stats.pages += 1

    # -- walking the tree in document order ----------------------------------------------
    def _walk(self, el: etree.Element, state: _PageState) -> None:
        children = list(el)  # before inserting links, whose tails are already scanned
        if el.text and not isinstance(el.text, AtomicString):
            text, wrappers = self._link_text(el.text, state)
            el.text = text
            for position, wrapper in enumerate(wrappers):
                el.insert(position, wrapper)
        for child in children:
            if _skipped(child):
                for link in child.iter("a"):
                    self._note_existing_link(link, state)
            else:
                self._walk(child, state)
            if child.tail and not isinstance(child.tail, AtomicString):
                text, wrappers = self._link_text(child.tail, state)
                child.tail = text
                position = list(el).index(child) + 1
                for offset, wrapper in enumerate(wrappers):
                    el.insert(position + offset, wrapper)

    def _note_existing_link(self, link: etree.Element, state: _PageState) -> None:
        """A link to a term already on the page counts as its first mention."""
        href = link.get("href", "")
        if "://" in href or href.startswith(("#", "mailto:")):
            return
        base = self.context.page_url.rstrip("/") + "/" if self.context.page_url else ""
        target = posixpath.normpath(posixpath.join(base, href.partition("#")[0])).lstrip("/") + "/"
        term_id = self.index.by_url.get(target)
        if term_id is not None:
            state.seen.add(term_id)

    # -- one text node -------------------------------------------------------------------
    def _link_text(self, text: str, state: _PageState) -> tuple[str, list[etree.Element]]:
        """The text before the first link, and the links with the text after each as tail."""
        wrappers: list[etree.Element] = []
        kept = 0  # text[:kept] has been placed
        head = None
        for mention in self._mentions(text, state):
            if not self._should_link(mention, state):
                continue
            wrapper = self._make_link(mention, state)
            if wrapper is None:
                continue
            before = text[kept:mention.start]
            if wrappers:
                wrappers[-1].tail = before
            else:
                head = before
            wrappers.append(wrapper)
            kept = mention.end
        if not wrappers:
            return text, []
        wrappers[-1].tail = text[kept:]
        return head or "", wrappers

    def _mentions(self, text: str, state: _PageState) -> list[Mention]:
        """Mentions in a text node, leaving out those inside raw HTML that forbids links."""
        if "\x02" not in text:
            return [] if state.inside_raw_skipped else self.index.find(text)
        allowed: list[tuple[int, int]] = []
        start = 0
        for placeholder in RAW_HTML.finditer(text):
            if not state.inside_raw_skipped:
                allowed.append((start, placeholder.start()))
            self._follow_raw_html(int(placeholder.group(1)), state)
            start = placeholder.end()
        if not state.inside_raw_skipped:
            allowed.append((start, len(text)))
        return [m for m in self.index.find(text) if any(a <= m.start and m.end <= b for a, b in allowed)]

    def _follow_raw_html(self, number: int, state: _PageState) -> None:
        blocks = self.md.htmlStash.rawHtmlBlocks
        raw = blocks[number] if number < len(blocks) else ""
        if isinstance(raw, str):  # md_in_html stashes elements too: those are already in the tree
            parser = _RawTags(state)
            parser.feed(raw)
            parser.close()

    def _should_link(self, mention: Mention, state: _PageState) -> bool:
        if mention.term_id == state.own_term:
            return False
        if self.mode == "first" and mention.term_id in state.seen:
            self.stats.repeats += 1
            return False
        return True

    def _make_link(self, mention: Mention, state: _PageState) -> etree.Element | None:
        term = self.context.resolve("term", mention.term_id, how="mention")
        if term is None:
            return None
        state.seen.add(mention.term_id)
        self.stats.links += 1
        tip_id = self._next_tip_id(state)
        wrapper = etree.Element("span", {"class": WRAP_CLASS})
        link = etree.SubElement(wrapper, "a", {"class": LINK_CLASS, "href": self.context.href(term), "aria-describedby": tip_id})
        link.text = AtomicString(mention.text)
        tooltip = etree.SubElement(wrapper, "span", {"class": TOOLTIP_CLASS, "role": "tooltip", "id": tip_id,
                                                     "data-search-exclude": ""})
        # ElementTree escapes text when serialising: quotes, <, & and {{ }} arrive intact.
        tooltip.text = AtomicString(getattr(term, "working_definition", "") or term.title)
        return wrapper

    @staticmethod
    def _next_tip_id(state: _PageState) -> str:
        while TOOLTIP_ID.format(state.next_id) in state.taken_ids:
            state.next_id += 1
        tip_id = TOOLTIP_ID.format(state.next_id)
        state.taken_ids.add(tip_id)
        return tip_id


def _remove_term_links(root: etree.Element) -> None:
    """Put the text of each term link back in place of the link and its tooltip."""
    for parent in [el for el in root.iter() if any(_has_class(child, WRAP_CLASS) for child in el)]:
        for wrapper in [child for child in parent if _has_class(child, WRAP_CLASS)]:
            link = wrapper.find("a")
            text = (link.text if link is not None and link.text else "") + (wrapper.tail or "")
            position = list(parent).index(wrapper)
            if position == 0:
                parent.text = (parent.text or "") + text
            else:
                before = parent[position - 1]
                before.tail = (before.tail or "") + text
            parent.remove(wrapper)


def _tooltip_ids(root: etree.Element) -> tuple[set[str], bool]:
    """The ids of tooltips already in the tree, and whether it holds term links (one pass over spans only)."""
    taken: set[str] = set()
    linked = False
    for el in root.iter("span"):
        classes = el.get("class")
        if classes:
            names = classes.split()
            if TOOLTIP_CLASS in names:
                taken.add(el.get("id", ""))
            linked = linked or WRAP_CLASS in names
    return taken, linked


def _has_class(el: etree.Element, name: str) -> bool:
    return name in el.get("class", "").split()


def _skipped(el: etree.Element) -> bool:
    if not isinstance(el.tag, str) or el.tag in SKIPPED_TAGS:
        return True  # comments and processing instructions have a function as tag
    classes = el.get("class")
    return bool(classes) and not SKIPPED_CLASSES.isdisjoint(classes.split())


class TermLinkExtension(Extension):
    """Register with the build's term index and ``LinkContext``; no state between builds."""

    def __init__(self, index: TermIndex, context: LinkContext, mode: str = "first",
                 stats: TermLinkStats | None = None, **kwargs):
        if mode not in MODES:
            raise ValueError(f"term link mode {mode!r} is not one of {', '.join(MODES)}")
        self.index, self.context, self.mode = index, context, mode
        self.stats = stats if stats is not None else TermLinkStats()
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After the reference resolver (-10), so explicit links already carry their final hrefs.
        md.treeprocessors.register(TermLinker(md, self.index, self.context, self.mode, self.stats), "hb-term-links", -20)
