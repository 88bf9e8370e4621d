"""Backlinks and related content of every page, computed once per build.

Built after every page's Markdown has been converted (the uses are then complete), and
rendered at the end of each item's page with the ``cross_links.html`` fragment.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass

from .backlinks import BACKLINK_HEADINGS, Backlinks, BacklinkGroup
from .corpus import Corpus
from .linking import LinkContext
from .model import Item
from .related import related_items

Key = tuple[str, str]


@dataclass
class CrossLinks:
    backlinks: Backlinks
    related: dict[Key, list[Item]]
    seconds: float = 0.0

    @classmethod
    def build(cls, corpus: Corpus, links: LinkContext) -> "CrossLinks":
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
        return cls(backlinks, related, time.perf_counter() - started)

    def backlink_groups(self, item: Item) -> list[BacklinkGroup]:
        return self.backlinks.groups(item) if item.kind in BACKLINK_HEADINGS else []

    def context_for(self, item: Item) -> dict:
        """What the ``cross_links.html`` fragment needs for one item's page."""
        return {
            "item": item,
            "backlinks_heading": BACKLINK_HEADINGS.get(item.kind, ""),
            "backlink_groups": self.backlink_groups(item),
            "related": self.related.get(item.key, []),
        }
