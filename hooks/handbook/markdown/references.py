"""The reference syntax as Python-Markdown processors.

* ``[[kind:id]]`` and ``[@id; @id, p. 4]`` are inline patterns that emit marker elements
  (``[@text](url)`` is left to Markdown's link pattern: see ``references.CITATION_PATTERN``);
* ``[text](kind:id)`` is parsed by Markdown's own link pattern;
* a tree processor, running after MkDocs has rewritten ordinary links, resolves every
  marker and ``kind:id`` href against the corpus through the build's ``LinkContext``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from handbook.content.model import Evidence
from handbook.content.problems import Problem
from handbook.languages.catalogue import Messages
from handbook.linking.citations import (
    REFERENCES_HEADING,
    REFERENCES_ID,
    PageCitations,
    back_to_citation_label,
    citation_anchor,
    citation_tooltip,
    confidence_label,
    link_label,
    reference_anchor,
)
from handbook.linking.link_state import LinkContext
from handbook.linking.references import CITATION_PATTERN, WIKILINK_PATTERN, citation_entries, parse_link_target

USE_TITLE = "data-hb-title"  # set on [[kind:id]] links: their text is the item's title
CITATION_IDS = "data-hb-cite"
CITATION_LOCATORS = "data-hb-cite-locators"  # JSON: one locator (or null) per cited id


class _WikiLinkPattern(InlineProcessor):
    # The stubs (types-Markdown) declare InlineProcessor's handleMatch incompatible with
    # their Pattern's, so each override repeats their ignore.
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]  # see above
        # A real href even before resolution: MkDocs' link processor requires one.
        el = etree.Element("a", {"href": f"{m.group(1)}:{m.group(2)}", USE_TITLE: "1"})
        return el, m.start(0), m.end(0)


class _CitationPattern(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]  # as above
        entries = citation_entries(m.group(1))
        el = etree.Element(
            "span",
            {
                "class": "hb-citation",
                CITATION_IDS: " ".join(item_id for item_id, _ in entries),
                CITATION_LOCATORS: json.dumps([locator for _, locator in entries]),
            },
        )
        return el, m.start(0), m.end(0)


def _cited(el: etree.Element) -> list[tuple[str, str | None]]:
    """The (id, locator) pairs of a citation marker, its marker attributes removed."""
    ids = el.attrib.pop(CITATION_IDS).split()
    locators = json.loads(el.attrib.pop(CITATION_LOCATORS, "[]"))
    return [(item_id, locators[index] if index < len(locators) else None) for index, item_id in enumerate(ids)]


def _with_locator(label: str, locator: str | None) -> str:
    return f"{label}, {locator}" if locator else label


class ReferenceResolver(Treeprocessor):
    """Resolves links and citations; with ``numbered``, citations become [1] with a reference list."""

    def __init__(self, md: Markdown, context: LinkContext, numbered: bool = True, messages: Messages | None = None):
        super().__init__(md)
        self.context = context
        self.numbered = numbered
        self.messages = messages or Messages()  # the words of the reference list, in the build's language

    def run(self, root: etree.Element) -> None:
        for el in list(root.iter("a")):
            self._resolve_link(el)
        # A link cannot hold another link: citations written inside link text stay plain text.
        in_link_text = {
            id(span) for link in root.iter("a") for span in link.iter("span") if CITATION_IDS in span.attrib
        }
        # Fresh for every document: numbering is per page (the footnotes extension's reset()).
        citations = PageCitations()
        for el in list(root.iter("span")):
            if CITATION_IDS in el.attrib:
                if id(el) in in_link_text:
                    self._citation_as_text(el)
                elif self.numbered:
                    self._number_citation(el, citations)
                else:
                    self._resolve_citation(el)
        if citations.references:
            root.append(self._reference_list(citations))
            if self.context.page is not None:
                self.context.reference_lists.add(self.context.page.key)

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
        el.text = "("
        for position, (item_id, locator) in enumerate(_cited(el)):
            item = self.context.resolve("evidence", item_id, how="citation")
            if position:
                separator = etree.SubElement(el, "span")
                separator.text = "; "
            if isinstance(item, Evidence):
                link = etree.SubElement(el, "a", {"href": self.context.href(item), "class": "hb-ref hb-ref-evidence"})
                link.text = item.author_year
                link.tail = f", {locator}" if locator else None
            else:
                broken = etree.SubElement(el, "span", {"class": "hb-broken-ref"})
                broken.text = _with_locator(f"@{item_id}", locator)
        tail = etree.SubElement(el, "span")
        tail.text = ")"

    def _citation_as_text(self, el: etree.Element) -> None:
        """``[text [@a]](url)``: the citation reads "(Author 2010)", unlinked, and is reported."""
        cited = _cited(el)
        ids = [item_id for item_id, _ in cited]
        labels = []
        for item_id, locator in cited:
            item = self.context.resolve("evidence", item_id, how="citation")
            labels.append(_with_locator(item.author_year if isinstance(item, Evidence) else f"@{item_id}", locator))
        el.text = f"({'; '.join(labels)})"
        self.context.problems.append(
            Problem(
                self.context.page.path if self.context.page else "?",
                1,
                "citation",
                f"[{'; '.join('@' + item_id for item_id in ids)}] is inside the text of a link, where it cannot link to "
                f"its reference",
                expected="the citation outside the link's square brackets",
            )
        )

    def _number_citation(self, el: etree.Element, citations: PageCitations) -> None:
        """``[@a; @b]`` -> ``[1, 2]``, each number linking to its entry in the reference list.

        With a locator, ``[@a, p. 4; @b]`` -> ``[1, p. 4; 2]``: the locator follows its
        number, and semicolons keep the items apart."""
        cited = _cited(el)
        separator = "; " if any(locator for _, locator in cited) else ", "
        group = citations.start_group()
        el.tag = "sup"
        el.set("id", citation_anchor(group))
        el.text = "["
        previous: etree.Element | None = None
        for position, (item_id, locator) in enumerate(cited):
            item = self.context.resolve("evidence", item_id, how="citation")
            if isinstance(item, Evidence):
                entry = citations.cite(item, group)
                child = etree.SubElement(
                    el,
                    "a",
                    {
                        "href": f"#{reference_anchor(item.id)}",
                        "class": "hb-cite",
                        "title": citation_tooltip(item, self.context.corpus.vocabularies, self.messages),
                        "data-hb-evidence": self.context.href(item),
                    },
                )
                child.text = str(entry.number)
            else:
                child = etree.SubElement(el, "span", {"class": "hb-broken-ref"})
                child.text = f"@{item_id}"
            if position and previous is not None:
                previous.tail = (previous.tail or "") + separator
            child.tail = f", {locator}" if locator else None
            previous = child
        if previous is not None:
            previous.tail = (previous.tail or "") + "]"

    def _reference_list(self, citations: PageCitations) -> etree.Element:
        """The page's numbered reference list; each entry links the evidence page and the source.

        The list stays out of the search index, like the backlinks: a search for a study
        should lead to its evidence page (which lists every page citing it), not to every
        chapter that cites it. It was a sixth of the index's text.
        """
        vocabularies = self.context.corpus.vocabularies
        section = etree.Element(
            "section", {"class": "hb-references", "aria-labelledby": REFERENCES_ID, "data-search-exclude": ""}
        )
        # The heading too: Material's own search reader indexes a heading even inside an
        # excluded element (an empty entry under the page's title).
        heading = etree.SubElement(section, "h2", {"id": REFERENCES_ID, "data-search-exclude": ""})
        heading.text = self.messages.gettext(REFERENCES_HEADING)
        ordered = etree.SubElement(section, "ol", {"class": "hb-reference-list"})
        for cited in citations.references:
            evidence = cited.evidence
            entry = etree.SubElement(ordered, "li", {"id": reference_anchor(evidence.id), "value": str(cited.number)})
            authors = etree.SubElement(entry, "span", {"class": "hb-ref-authors"})
            authors.text = "; ".join(evidence.authors)
            authors.tail = f" ({evidence.year}). "
            title = etree.SubElement(entry, "a", {"class": "hb-ref-title", "href": self.context.href(evidence)})
            title.text = evidence.title
            title.tail = "."
            if evidence.publisher:
                title.tail += " "
                publisher = etree.SubElement(entry, "span", {"class": "hb-ref-publisher"})
                publisher.text = evidence.publisher
                publisher.tail = "."
            if evidence.link:
                entry[-1].tail = (entry[-1].tail or "") + " "
                outside = etree.SubElement(entry, "a", {"class": "hb-ref-link", "href": evidence.link})
                outside.text = link_label(evidence)
            entry[-1].tail = (entry[-1].tail or "") + " "
            rating = etree.SubElement(
                entry, "span", {"class": f"hb-confidence hb-confidence-{evidence.confidence.rating}"}
            )
            rating.text = confidence_label(evidence, vocabularies, self.messages)
            rating.tail = " "
            back = etree.SubElement(
                entry,
                "a",
                {
                    "class": "hb-backref",
                    "href": f"#{citation_anchor(cited.first_group)}",
                    "aria-label": back_to_citation_label(cited.number, self.messages),
                },
            )
            back.text = "\u21a9"
        return section


class ReferenceExtension(Extension):
    """Register with a ``LinkContext`` built for the current build.

    ``numbered=False`` keeps the plain author-year citations (no per-page numbering and no
    reference list), for builds with cross-linking switched off.
    """

    def __init__(self, context: LinkContext, numbered: bool = True, messages: Messages | None = None, **kwargs):
        self.context = context
        self.numbered = numbered
        self.messages = messages
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.inlinePatterns.register(_WikiLinkPattern(WIKILINK_PATTERN, md), "hb-wikilink", 175)
        md.inlinePatterns.register(_CitationPattern(CITATION_PATTERN, md), "hb-citation", 174)
        # Below MkDocs' relative-path processor (priority 0), so ours see final hrefs.
        md.treeprocessors.register(
            ReferenceResolver(md, self.context, self.numbered, self.messages), "hb-references", -10
        )
