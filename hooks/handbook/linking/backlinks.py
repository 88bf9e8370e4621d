"""Backlinks: for every item, the pages that link to, mention or cite it.

Two sources feed them: the uses the Markdown extensions record while pages are converted
(``LinkContext.uses``), and the references written in front matter (a story's
organisation and tools, a convening's hosts and partners, related terms...), which are
known from the corpus without rendering anything. ``Backlinks.build`` runs once per build,
after every page has been converted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from handbook.content import kinds
from handbook.content.corpus import Corpus
from handbook.content.model import Chapter, Convening, Item, Organisation, Resource, Story, Term
from handbook.languages import N_
from handbook.linking.link_state import Use

Key = tuple[str, str]

# How a page uses an item, as shown next to each backlink: English interface strings kept as
# data, translated where shown (templates/cross_links.html).
HOW_LABELS = {
    "citation": N_("cites it"),
    "link": N_("links to it"),
    "mention": N_("mentions it"),
    "organisation": N_("names it as the organisation"),
    "tool": N_("lists it as a tool used"),
    "host": N_("lists it as a host"),
    "partner": N_("lists it as a partner"),
    "related-term": N_("lists it as a related term"),
    "connection": N_("lists it as a connection"),
}
# Stronger uses first when one page uses an item in several ways.
HOW_ORDER = list(HOW_LABELS)

# The groups of an item's backlinks, by the kind of page using it: chapters, where most
# uses are, first; then the registry's order. Free-form pages are the "other" pages here.
# English, marked N_ (a kind's plural is marked in kinds.py): translated where shown.
KIND_HEADINGS = {
    kind.name: N_("Other pages") if kind is kinds.PAGE else kind.plural
    for kind in (kinds.CHAPTER, *(kind for kind in kinds.KINDS if kind is not kinds.CHAPTER))
}
# The kinds of page that show their backlinks, and the heading each gives them.
BACKLINK_HEADINGS = {kind.name: kind.backlinks_heading for kind in kinds.KINDS if kind.backlinks_heading}


def front_matter_uses(corpus: Corpus) -> Iterator[tuple[Key, Item, str]]:
    """(target key, source item, how) for every reference made in front matter."""
    for item in corpus:
        if isinstance(item, Story):
            if item.organisation:
                yield ("organisation", item.organisation), item, "organisation"
            for resource_id in item.tools_used:
                yield ("resource", resource_id), item, "tool"
        elif isinstance(item, Resource):
            if item.organisation:
                yield ("organisation", item.organisation), item, "organisation"
        elif isinstance(item, Convening):
            for org_id in item.hosts:
                yield ("organisation", org_id), item, "host"
            for org_id in item.partners:
                yield ("organisation", org_id), item, "partner"
        elif isinstance(item, Term):
            for term_id in item.related_terms:
                yield ("term", term_id), item, "related-term"
        elif isinstance(item, Organisation):
            for connection in item.connections:
                yield ("organisation", connection.target), item, "connection"


@dataclass
class Backlink:
    """One page using one item, in one or more ways."""

    source: Item
    hows: set[str] = field(default_factory=set)

    @property
    def labels(self) -> list[str]:
        return [HOW_LABELS.get(how, how) for how in sorted(self.hows, key=_how_rank)]


@dataclass
class BacklinkGroup:
    kind: str
    heading: str
    backlinks: list[Backlink]


def _how_rank(how: str) -> int:
    return HOW_ORDER.index(how) if how in HOW_ORDER else len(HOW_ORDER)


@dataclass
class Backlinks:
    by_target: dict[Key, dict[Key, Backlink]] = field(default_factory=lambda: defaultdict(dict))

    @classmethod
    def build(cls, corpus: Corpus, uses: Mapping[Key, Mapping[Key, Use]]) -> Backlinks:
        backlinks = cls()
        for target, by_source in uses.items():
            for use in by_source.values():
                backlinks.add(target, use.source, use.how)
        for target, source, how in front_matter_uses(corpus):
            if corpus.get(*target) is not None:
                backlinks.add(target, source, how)
        return backlinks

    def add(self, target: Key, source: Item, how: str) -> None:
        if source.key == target:
            return
        backlink = self.by_target[target].get(source.key)
        if backlink is None:
            backlink = self.by_target[target][source.key] = Backlink(source)
        backlink.hows.add(how)

    def of(self, item: Item) -> list[Backlink]:
        return list(self.by_target.get(item.key, {}).values())

    def exist_for(self, item: Item) -> bool:
        return bool(self.by_target.get(item.key))

    def targets_of(self) -> dict[Key, set[Key]]:
        """The inverse view: for every page, the items it uses (links, cites, mentions, lists)."""
        outgoing: dict[Key, set[Key]] = defaultdict(set)
        for target, by_source in self.by_target.items():
            for source_key in by_source:
                outgoing[source_key].add(target)
        return outgoing

    def groups(self, item: Item) -> list[BacklinkGroup]:
        """The item's backlinks grouped by the kind of page, each group sorted by title."""
        grouped: dict[str, list[Backlink]] = defaultdict(list)
        for backlink in self.of(item):
            grouped[backlink.source.kind].append(backlink)
        return [
            BacklinkGroup(kind, heading, sorted(grouped[kind], key=_sort_key))
            for kind, heading in KIND_HEADINGS.items()
            if grouped.get(kind)
        ]


def _sort_key(backlink: Backlink) -> tuple:
    source = backlink.source
    if isinstance(source, Chapter):
        return (source.handbook_id, source.number, source.title.lower())
    return ("", 0, source.title.lower())
