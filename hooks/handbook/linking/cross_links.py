"""Backlinks and related content of every page, computed once per build.

Built after every page's Markdown has been converted (the uses are then complete), and
rendered at the end of each item's page with the ``cross_links.html`` fragment.

Rendering is on every page, so what does not depend on the page is worked out once per
build and item (its URL, title, kind label, "in <handbook>" context, how it is used); a
page only adds its relative links and hands the template plain rows to print.

Headings, kind labels and the ways a page uses an item are English interface strings kept
as data (marked ``N_``); the template translates them into the page's language, and the
table of contents gets them translated from ``headings(item, messages)``. The headings'
ids are the same in every language.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from typing import NamedTuple

from handbook.content import kinds
from handbook.content.corpus import Corpus
from handbook.content.model import Chapter, Item
from handbook.languages import N_
from handbook.languages.catalogue import Messages
from handbook.linking.backlinks import BACKLINK_HEADINGS, BacklinkGroup, Backlinks
from handbook.linking.link_state import LinkContext
from handbook.linking.related import related_items
from handbook.linking.urls import relative_url, url_for
from handbook.pages.toc_entries import Heading

Key = tuple[str, str]

KIND_LABELS = {kind.name: kind.label for kind in kinds.KINDS}
RELATED_HEADING = N_("Related")
BACKLINKS_ID, RELATED_ID = "hb-backlinks", "hb-related"  # the ids of the sections' headings


class Entry(NamedTuple):
    """What a list shows of one item, the same on every page."""

    url: str  # site-relative
    title: str
    kind_label: str  # English, marked N_: translated where shown
    context: str  # the title of a chapter's handbook, else ""
    item: Item  # for the language of its title (a page may show an item untranslated)
    context_item: Item | None  # the chapter's handbook


class BacklinkRow(NamedTuple):
    href: str
    title: str
    context: str
    how: tuple[str, ...]  # ("cites it", "mentions it"): English, marked N_, translated where shown
    item: Item
    context_item: Item | None


class RelatedRow(NamedTuple):
    href: str
    title: str
    context: str
    kind_label: str
    item: Item
    context_item: Item | None


@dataclass
class RowGroup:
    kind: str
    heading: str
    rows: list[BacklinkRow]


@dataclass
class CrossLinks:
    corpus: Corpus
    backlinks: Backlinks
    related: dict[Key, list[Item]]
    seconds: float = 0.0
    _entries: dict[Key, Entry] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, corpus: Corpus, links: LinkContext) -> CrossLinks:
        started = time.perf_counter()
        # Many small allocations in a heap already holding every page would set off
        # repeated full garbage collections (seconds on a thousand pages); nothing
        # made here forms a cycle, so collection can wait until we are done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            backlinks = Backlinks.build(corpus, links.uses)
            related = related_items(corpus, backlinks.targets_of())
        finally:
            if collecting:
                gc.enable()
        return cls(corpus, backlinks, related, time.perf_counter() - started)

    def backlink_groups(self, item: Item) -> list[BacklinkGroup]:
        return self.backlinks.groups(item) if item.kind in BACKLINK_HEADINGS else []

    def entry(self, item: Item) -> Entry:
        """An item as the lists show it, worked out once per build."""
        entry = self._entries.get(item.key)
        if entry is None:
            handbook = self.corpus.get("handbook", item.handbook_id) if isinstance(item, Chapter) else None
            entry = self._entries[item.key] = Entry(
                url_for(item.kind, item.id),
                item.title,
                KIND_LABELS.get(item.kind, item.kind),
                handbook.title if handbook is not None else "",
                item,
                handbook,
            )
        return entry

    def context_for(self, item: Item, page_url: str) -> dict:
        """What the ``cross_links.html`` fragment needs for one item's page."""
        groups = []
        for group in self.backlink_groups(item):
            rows = []
            for backlink in group.backlinks:
                entry = self.entry(backlink.source)
                rows.append(
                    BacklinkRow(
                        relative_url(page_url, entry.url),
                        entry.title,
                        entry.context,
                        tuple(backlink.labels),
                        entry.item,
                        entry.context_item,
                    )
                )
            groups.append(RowGroup(group.kind, group.heading, rows))
        related = []
        for other in self.related.get(item.key, []):
            entry = self.entry(other)
            related.append(
                RelatedRow(
                    relative_url(page_url, entry.url),
                    entry.title,
                    entry.context,
                    entry.kind_label,
                    entry.item,
                    entry.context_item,
                )
            )
        return {
            "backlinks_heading": BACKLINK_HEADINGS.get(item.kind, ""),
            "backlink_groups": groups,
            "related": related,
            "backlinks_id": BACKLINKS_ID,
            "related_id": RELATED_ID,
            "related_heading": RELATED_HEADING,
        }

    def headings(self, item: Item, messages: Messages | None = None) -> list[Heading]:
        """The headings of the sections shown at the end of the item's page, in page order, in
        the language of ``messages`` (English without); their ids are the same in every language."""
        translate = messages.gettext if messages is not None else _english
        headings = []
        if item.kind in BACKLINK_HEADINGS and self.backlinks.exist_for(item):  # without grouping them again
            headings.append(Heading(translate(BACKLINK_HEADINGS[item.kind]), BACKLINKS_ID, 2))
        if self.related.get(item.key):
            headings.append(Heading(translate(RELATED_HEADING), RELATED_ID, 2))
        return headings


def _english(message: str) -> str:
    return message
