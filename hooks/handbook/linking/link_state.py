"""Per-build link state shared by the Markdown extensions: resolve ids, record uses.

A ``LinkContext`` is created fresh for every build; the adapter tells it which page is
being converted, and the extensions record each reference they resolve. Backlinks and
"cited by" lists are read from ``uses`` after every page is converted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from handbook.content.corpus import Corpus
from handbook.content.model import Item
from handbook.content.problems import Problem, did_you_mean
from handbook.linking.urls import relative_url, url_for


@dataclass(frozen=True)
class Use:
    """One page using one item: linking to it, mentioning it or citing it."""

    source: Item  # the page that uses
    how: str  # "link", "mention" or "citation"


@dataclass
class LinkContext:
    corpus: Corpus
    page: Item | None = None  # the item whose page is being converted
    page_url: str = ""
    uses: dict[tuple[str, str], dict[tuple[str, str], Use]] = field(default_factory=lambda: defaultdict(dict))
    problems: list[Problem] = field(default_factory=list)
    reference_lists: set[tuple[str, str]] = field(default_factory=set)  # pages given a numbered reference list

    def start_page(self, item: Item | None, page_url: str) -> None:
        self.page = item
        self.page_url = page_url

    def resolve(self, kind: str, item_id: str, how: str = "link") -> Item | None:
        """The item a reference names, recording the use; None (and a problem) if unknown."""
        item = self.corpus.get(kind, item_id)
        if item is None:
            path = self.page.path if self.page else "?"
            candidates = list(self.corpus.items.get(kind, {}))
            self.problems.append(
                Problem(
                    path,
                    1,
                    how,
                    f"no {kind} '{item_id}'",
                    expected=f"the id of an existing {kind}",
                    suggestion=did_you_mean(item_id, candidates),
                )
            )
            return None
        if self.page is not None and item is not self.page:
            bucket = self.uses[item.key]
            # A citation or link outranks a mere mention from the same page.
            if self.page.key not in bucket or bucket[self.page.key].how == "mention":
                bucket[self.page.key] = Use(self.page, how)
        return item

    def href(self, item: Item, fragment: str = "") -> str:
        target = url_for(item.kind, item.id) + (f"#{fragment}" if fragment else "")
        return relative_url(self.page_url, target)

    def used_by(self, item: Item) -> list[Use]:
        return list(self.uses.get(item.key, {}).values())
