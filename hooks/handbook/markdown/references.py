"""The reference syntax as Python-Markdown processors.

* ``[[kind:id]]`` and ``[@id; @id]`` are inline patterns that emit marker elements;
* ``[text](kind:id)`` is parsed by Markdown's own link pattern;
* a tree processor, running after MkDocs has rewritten ordinary links, resolves every
  marker and ``kind:id`` href against the corpus through the build's ``LinkContext``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..linking import LinkContext
from ..model import Evidence
from ..references import CITATION_PATTERN, WIKILINK_PATTERN, citation_ids, parse_link_target

USE_TITLE = "data-hb-title"  # set on [[kind:id]] links: their text is the item's title
CITATION_IDS = "data-hb-cite"


class _WikiLinkPattern(InlineProcessor):
    def handleMatch(self, m, data):
        # A real href even before resolution: MkDocs' link processor requires one.
        el = etree.Element("a", {"href": f"{m.group(1)}:{m.group(2)}", USE_TITLE: "1"})
        return el, m.start(0), m.end(0)


class _CitationPattern(InlineProcessor):
    def handleMatch(self, m, data):
        el = etree.Element("span", {"class": "hb-citation", CITATION_IDS: " ".join(citation_ids(m.group(1)))})
        return el, m.start(0), m.end(0)


class ReferenceResolver(Treeprocessor):
    def __init__(self, md: Markdown, context: LinkContext):
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        for el in list(root.iter("a")):
            self._resolve_link(el)
        for el in list(root.iter("span")):
            if CITATION_IDS in el.attrib:
                self._resolve_citation(el)

    def _resolve_link(self, el: etree.Element) -> None:
        target = parse_link_target(el.get("href", ""))
        if target is None:
            return
        kind, item_id = target
        use_title = el.attrib.pop(USE_TITLE, None) is not None
        item = self.context.resolve(kind, item_id)
        if item is None:
            el.tag = "span"
            el.attrib.pop("href", None)
            el.set("class", "hb-broken-ref")
            if use_title:
                el.text = f"{kind}:{item_id}"
            return
        el.set("href", self.context.href(item))
        el.set("class", f"hb-ref hb-ref-{item.kind}")
        if use_title:
            el.text = item.title

    def _resolve_citation(self, el: etree.Element) -> None:
        ids = el.attrib.pop(CITATION_IDS).split()
        el.text = "("
        for position, item_id in enumerate(ids):
            item = self.context.resolve("evidence", item_id, how="citation")
            if position:
                separator = etree.SubElement(el, "span")
                separator.text = "; "
            if isinstance(item, Evidence):
                link = etree.SubElement(el, "a", {"href": self.context.href(item), "class": "hb-ref hb-ref-evidence"})
                link.text = LinkContext.citation_label(item)
            else:
                broken = etree.SubElement(el, "span", {"class": "hb-broken-ref"})
                broken.text = f"@{item_id}"
        tail = etree.SubElement(el, "span")
        tail.text = ")"


class ReferenceExtension(Extension):
    """Register with a ``LinkContext`` built for the current build."""

    def __init__(self, context: LinkContext, **kwargs):
        self.context = context
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.inlinePatterns.register(_WikiLinkPattern(WIKILINK_PATTERN, md), "hb-wikilink", 175)
        md.inlinePatterns.register(_CitationPattern(CITATION_PATTERN, md), "hb-citation", 174)
        # Below MkDocs' relative-path processor (priority 0), so ours see final hrefs.
        md.treeprocessors.register(ReferenceResolver(md, self.context), "hb-references", -10)
