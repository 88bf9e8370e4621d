"""An "Add to my case" button after each ``h2`` of a chapter, for the reader's case (/case-maker/).

A tree processor: after the table of contents has given the headings their ids, every
``h2`` with an id in a chapter's body gets a real button as its next sibling:

    <h2 id="the-cost">The cost</h2>
    <button type="button" class="hb-case-add" data-case-ref="section:handbooks/x/y/#the-cost"
      hidden data-search-exclude=""><span class="hb-case-add__label">Add to my case</span><span
      class="hb-case-add__name">: The cost</span></button>

The button is ``hidden`` until the store script (overrides/assets/javascripts/hb-case-store.js)
reveals it, so a page without scripts shows no dead button. ``data-search-exclude`` keeps
its words out of the search index; the PDFs drop every ``button`` (outputs/print_links.py).
The reference names the chapter by its address (``url_for``), the same in the offline copy.
The item pages' buttons come from ``templates/case_button.html`` (a part included by the item templates), with the same markup.
"""

from __future__ import annotations

import copy
import html
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor

from handbook.content.kinds import CHAPTER
from handbook.languages import N_
from handbook.languages.catalogue import Messages
from handbook.linking.link_state import LinkContext
from handbook.linking.urls import url_for

BUTTON_CLASS = "hb-case-add"
LABEL_CLASS = "hb-case-add__label"
LABEL = N_("Add to my case")  # the same msgid as templates/case_button.html
NAME_CLASS = "hb-case-add__name"  # words only screen readers say (hb-case.css), so that the buttons differ
SKIPPED_HEADING_CLASSES = frozenset({"headerlink"})  # the table of contents' permalink inside a heading


def section_ref(chapter_id: str, heading_id: str) -> str:
    """The case reference of a chapter's section: ``section:<chapter's address>#<heading id>``."""
    return f"section:{url_for(CHAPTER.name, chapter_id)}#{heading_id}"


def case_button(ref: str, name: str, label_text: str = LABEL) -> etree.Element:
    """The button element, ``name`` said after the label so that the page's buttons differ."""
    button = etree.Element(
        "button",
        {"type": "button", "class": BUTTON_CLASS, "data-case-ref": ref, "hidden": "", "data-search-exclude": ""},
    )
    label = etree.SubElement(button, "span", {"class": LABEL_CLASS})
    label.text = label_text
    if name:
        said = etree.SubElement(button, "span", {"class": NAME_CLASS})
        said.text = f": {name}"
    return button


class CaseButtons(Treeprocessor):
    def __init__(self, md: Markdown, context: LinkContext, messages: Messages | None = None):
        super().__init__(md)
        self.context = context
        self.label = (messages or Messages()).gettext(LABEL)

    def run(self, root: etree.Element) -> None:
        page = self.context.page
        if page is None or page.kind != CHAPTER.name:
            return
        # Found first, inserted after: the tree is not changed while it is walked.
        found = [
            (parent, index, heading)
            for parent in root.iter()
            for index, heading in enumerate(parent)
            if heading.tag == "h2" and heading.get("id") and heading.get("data-search-exclude") is None
        ]
        for parent, index, heading in reversed(found):  # from the last, so earlier indexes stay right
            button = case_button(section_ref(page.id, heading.get("id", "")), self._heading_text(heading), self.label)
            button.tail, heading.tail = heading.tail, "\n"
            parent.insert(index + 1, button)

    def _heading_text(self, heading: etree.Element) -> str:
        """The heading's words as a reader sees them, as the table of contents finds its
        entries' names: no footnote marks, raw HTML as its text; and no permalink sign."""
        words = copy.deepcopy(heading)
        for child in list(words):
            if not SKIPPED_HEADING_CLASSES.isdisjoint((child.get("class") or "").split()):
                words.remove(child)
        return html.unescape(strip_tags(render_inner_html(remove_fnrefs(words), self.md)))


class CaseButtonsExtension(Extension):
    """Register with the build's ``LinkContext`` (it knows the page being converted)."""

    def __init__(self, context: LinkContext, messages: Messages | None = None, **kwargs):
        self.context = context
        self.messages = messages
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After the table of contents (5), which gives headings their ids; before the
        # reference resolver (-10), whose reference list heading is not a section.
        md.treeprocessors.register(CaseButtons(md, self.context, self.messages), "hb-case-buttons", 1)
