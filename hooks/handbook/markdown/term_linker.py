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

from handbook.linking.link_state import LinkContext
from handbook.linking.term_index import Mention, TermIndex

MODES = ("first", "all")
OPT_OUT_CLASS = "no-term-links"
LINK_CLASS = "hb-term"
WRAP_CLASS = "hb-term-wrap"
TOOLTIP_CLASS = "hb-tooltip"
TOOLTIP_ID = "hb-tip-{}"
SKIPPED_TAGS = frozenset(
    {
        "a",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "button",
        "abbr",
        "summary",
        "svg",
        "math",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
# hb-citation and hb-references come from the reference resolver: citations and the page's reference list.
SKIPPED_CLASSES = frozenset(
    {OPT_OUT_CLASS, WRAP_CLASS, TOOLTIP_CLASS, "admonition-title", "hb-citation", "hb-references", "headerlink"}
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
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
        opted_out = (
            f" and {self.opted_out_pages} opted-out page{'s' if self.opted_out_pages != 1 else ''}"
            if self.opted_out_pages
            else ""
        )
        return (
            f"{self.links} glossary term link{'s' if self.links != 1 else ''} on {self.pages} "
            f"page{'s' if self.pages != 1 else ''}; {self.repeats} later mention{'s' if self.repeats != 1 else ''}"
            f"{opted_out} left unlinked (`handbook mentions` lists them)"
        )


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


@dataclass
class _PageText:
    """The text nodes of a page in document order, and the links already on it between them."""

    texts: list[str] = field(default_factory=list)
    # Where each text sits: (element, None) for its text, (parent, child) for the child's tail.
    places: list[tuple[etree.Element, etree.Element | None]] = field(default_factory=list)
    with_raw_html: list[int] = field(default_factory=list)  # the texts holding raw HTML placeholders
    # Terms already linked by hand, each with the number of texts before the link.
    linked: list[tuple[int, str]] = field(default_factory=list)

    def add(self, text: str, parent: etree.Element, child: etree.Element | None) -> None:
        if "\x02" in text:
            self.with_raw_html.append(len(self.texts))
        self.texts.append(text)
        self.places.append((parent, child))


class _RawTags(HTMLParser):
    """Follows the raw HTML tags an author wrote inline (<a>, <code>, <span class="no-term-links">)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, bool | None]] = []  # (tag, forbids links) opens; (tag, None) closes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.events.append((tag, tag in SKIPPED_TAGS or not SKIPPED_CLASSES.isdisjoint(classes)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append((tag, None))


def _raw_tag_events(raw: str) -> tuple[tuple[str, bool | None], ...]:
    parser = _RawTags()
    parser.feed(raw)
    parser.close()
    return tuple(parser.events)


def _follow(events: tuple[tuple[str, bool | None], ...], state: _PageState) -> None:
    """Open and close the page's raw HTML tags as the events say."""
    for tag, skipped in events:
        if skipped is not None:
            state.raw_open.append((tag, skipped))
            continue
        open_tags = [name for name, _ in state.raw_open]
        if tag in open_tags:
            del state.raw_open[len(open_tags) - 1 - open_tags[::-1].index(tag) :]


class TermLinker(Treeprocessor):
    def __init__(
        self,
        md: Markdown,
        index: TermIndex,
        context: LinkContext,
        mode: str,
        stats: TermLinkStats,
        build: _BuildCache | None = None,
    ):
        super().__init__(md)
        self.index, self.context, self.mode, self.stats = index, context, mode, stats
        self.build = build if build is not None else _BuildCache.for_index(index)

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
        # First every text node of the page, then one lookup over all of them: most nodes
        # hold a few words or none, and a lookup per node cost more than the words in it.
        page_text = _PageText()
        self._collect(root, page_text, self._page_folder())
        found = self.index.find_each(page_text.texts)
        links_before = self.stats.links
        linked = iter(page_text.linked)
        next_linked = next(linked, None)
        for at in sorted({at for at, mentions in enumerate(found) if mentions}.union(page_text.with_raw_html)):
            while next_linked is not None and next_linked[0] <= at:  # a link by hand before this text
                state.seen.add(next_linked[1])
                next_linked = next(linked, None)
            self._link_in_place(page_text.texts[at], found[at], page_text.places[at], state)
        if self.stats.links > links_before:
            self.stats.pages += 1

    # -- the text nodes, in document order -------------------------------------------------
    def _collect(self, el: etree.Element, page_text: _PageText, folder: str) -> None:
        text = el.text
        if text and not isinstance(text, AtomicString):
            page_text.add(text, el, None)
        for child in el:
            if _skipped(child):
                for link in child.iter("a"):
                    term_id = self._linked_term(link, folder)
                    if term_id is not None:
                        page_text.linked.append((len(page_text.texts), term_id))
            else:
                self._collect(child, page_text, folder)
            tail = child.tail
            if tail and not isinstance(tail, AtomicString):
                page_text.add(tail, el, child)

    def _page_folder(self) -> str:
        return self.context.page_url.rstrip("/") + "/" if self.context.page_url else ""

    def _linked_term(self, link: etree.Element, folder: str) -> str | None:
        """The term a link already on the page goes to: it counts as the term's first mention."""
        href = link.get("href", "")
        if "://" in href or href.startswith(("#", "mailto:")):
            return None
        path = href.partition("#")[0]
        # A term page's URL ends in the term's own folder: a path ending in another name
        # (most links: evidence, stories...) cannot lead to one, whatever comes before it.
        last = _last_name(path)
        if last not in self.build.term_folders and last not in ("", ".", ".."):
            return None
        target = posixpath.normpath(posixpath.join(folder, path)).lstrip("/") + "/"
        return self.index.by_url.get(target)

    # -- one text node -------------------------------------------------------------------
    def _link_in_place(
        self, text: str, mentions: list[Mention], place: tuple[etree.Element, etree.Element | None], state: _PageState
    ) -> None:
        text, wrappers = self._link_text(text, mentions, state)
        parent, child = place
        if child is None:
            parent.text = text
            position = 0
        else:
            child.tail = text
            position = list(parent).index(child) + 1
        for offset, wrapper in enumerate(wrappers):
            parent.insert(position + offset, wrapper)

    def _link_text(self, text: str, mentions: list[Mention], state: _PageState) -> tuple[str, list[etree.Element]]:
        """The text before the first link, and the links with the text after each as tail."""
        wrappers: list[etree.Element] = []
        kept = 0  # text[:kept] has been placed
        head = None
        for mention in self._allowed(text, mentions, state):
            if not self._should_link(mention, state):
                continue
            wrapper = self._make_link(mention, state)
            if wrapper is None:
                continue
            before = text[kept : mention.start]
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

    def _allowed(self, text: str, mentions: list[Mention], state: _PageState) -> list[Mention]:
        """The mentions in a text node that are not inside raw HTML forbidding links."""
        if "\x02" not in text:
            return [] if state.inside_raw_skipped else mentions
        allowed: list[tuple[int, int]] = []
        start = 0
        for placeholder in RAW_HTML.finditer(text):
            if not state.inside_raw_skipped:
                allowed.append((start, placeholder.start()))
            self._follow_raw_html(int(placeholder.group(1)), state)
            start = placeholder.end()
        if not state.inside_raw_skipped:
            allowed.append((start, len(text)))
        return [m for m in mentions if any(a <= m.start and m.end <= b for a, b in allowed)]

    def _follow_raw_html(self, number: int, state: _PageState) -> None:
        blocks = self.md.htmlStash.rawHtmlBlocks
        raw = blocks[number] if number < len(blocks) else ""
        if isinstance(raw, str):  # md_in_html stashes elements too: those are already in the tree
            events = self.build.raw_tags.get(raw)
            if events is None:  # the same snippets recur on many pages: each is parsed once per build
                events = self.build.raw_tags[raw] = _raw_tag_events(raw)
            _follow(events, state)

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
        link = etree.SubElement(
            wrapper, "a", {"class": LINK_CLASS, "href": self.context.href(term), "aria-describedby": tip_id}
        )
        link.text = AtomicString(mention.text)
        tooltip = etree.SubElement(
            wrapper, "span", {"class": TOOLTIP_CLASS, "role": "tooltip", "id": tip_id, "data-search-exclude": ""}
        )
        # ElementTree escapes text when serialising: quotes, <, & and {{ }} arrive intact.
        tooltip.text = self.build.definition(term)
        return wrapper

    @staticmethod
    def _next_tip_id(state: _PageState) -> str:
        while TOOLTIP_ID.format(state.next_id) in state.taken_ids:
            state.next_id += 1
        tip_id = TOOLTIP_ID.format(state.next_id)
        state.taken_ids.add(tip_id)
        return tip_id


def _last_name(path: str) -> str:
    """The last folder or file name of a URL path: ``glossary/co-production/`` gives ``co-production``."""
    return path.rstrip("/").rpartition("/")[2]


@dataclass
class _BuildCache:
    """What every page's linker would otherwise work out again: made fresh with each build's extension."""

    term_folders: frozenset[str]  # the last folder of every term page's URL
    raw_tags: dict[str, tuple[tuple[str, bool | None], ...]] = field(default_factory=dict)  # raw HTML -> tag events
    definitions: dict[str, AtomicString] = field(default_factory=dict)  # term id -> tooltip text

    @classmethod
    def for_index(cls, index: TermIndex) -> _BuildCache:
        return cls(frozenset(_last_name(url) for url in index.by_url))

    def definition(self, term) -> AtomicString:
        text = self.definitions.get(term.id)
        if text is None:
            text = self.definitions[term.id] = AtomicString(getattr(term, "working_definition", "") or term.title)
        return text


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
    classes = el.get("class", "")
    return bool(classes) and not SKIPPED_CLASSES.isdisjoint(classes.split())


class TermLinkExtension(Extension):
    """Register with the build's term index and ``LinkContext``; no state between builds."""

    def __init__(
        self, index: TermIndex, context: LinkContext, mode: str = "first", stats: TermLinkStats | None = None, **kwargs
    ):
        if mode not in MODES:
            raise ValueError(f"term link mode {mode!r} is not one of {', '.join(MODES)}")
        self.index, self.context, self.mode = index, context, mode
        self.stats = stats if stats is not None else TermLinkStats()
        self.build = _BuildCache.for_index(index)
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After the reference resolver (-10), so explicit links already carry their final hrefs.
        md.treeprocessors.register(
            TermLinker(md, self.index, self.context, self.mode, self.stats, self.build), "hb-term-links", -20
        )
