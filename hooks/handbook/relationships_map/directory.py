"""The directory on /map/: the map's text equivalent, complete without JavaScript.

Every listed organisation appears once, under its first place, with its places (and the
source of each), type, nations, themes, listing basis and connections; its other places
list it again as a short cross-reference. Places are grouped by nation (then UK-wide,
online, outside the UK, place not recorded), each under a heading whose id is
``place_anchor(place)``: the map's clusters link to those headings, so the drawing and
the directory share that one function.

Each entry carries its facets as data-* attributes for the filter script
(``overrides/assets/javascripts/hb-map.js``); ``facets`` lists the filters' choices with
the counts the script would show, worked out by the same rule (``matches``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from handbook.content.fields import slugify
from handbook.content.model import ONLINE, UK_WIDE, Organisation, OrganisationPlace
from handbook.content.vocabulary import Vocabularies
from handbook.languages import N_
from handbook.pages.explorer import Facet, Option
from handbook.pages.gathering import by_title, listed

# The nations vocabulary's two ids that are not one nation.
UK_WIDE_NATION, OUTSIDE_UK_NATION = "uk-wide", "international"

# Anchors of the groups of organisations with no point in a UK nation.
UK_WIDE_ANCHOR = "place-uk-wide"
ONLINE_ANCHOR = "place-online"
OUTSIDE_UK_ANCHOR = "place-outside-the-uk"
NO_PLACE_ANCHOR = "place-not-recorded"

# URL query parameters of the filters, also read by hb-map.js (its PARAMS).
PARAM_NATION, PARAM_TYPE, PARAM_THEME, PARAM_CONNECTION = "nation", "type", "theme", "connection"

NO_PLACE_TITLE = N_("Place not recorded")  # the directory's group of organisations with no place


def _slug(text: str) -> str:
    """a-z, 0-9 and hyphens; a name with nothing spellable in them gets a stable digest instead."""
    return slugify(text) or "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def place_anchor(place: OrganisationPlace) -> str:
    """The id of the heading on /map/ that lists the organisations at this place.

    The nation is part of a UK place's anchor, so that two towns of one name in two nations
    (Newport) stay apart; a place outside the UK is known by its name alone.
    """
    if place.name == UK_WIDE:
        return UK_WIDE_ANCHOR
    if place.name == ONLINE:
        return ONLINE_ANCHOR
    if place.nation:
        return f"place-{_slug(place.name)}-{place.nation}"
    return f"place-{_slug(place.name)}"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class ConnectionLine:
    """A connection the organisation takes part in: recorded on its own entry (``outgoing``),
    or on the other organisation's."""

    type: str
    other: str  # the other organisation's id
    outgoing: bool


@dataclass
class DirectoryEntry:
    organisation: Organisation
    nations: list[str]  # data-nations: see entry_nations
    connections: list[ConnectionLine]

    @property
    def id(self) -> str:
        return self.organisation.id

    @property
    def connection_types(self) -> list[str]:
        return sorted({line.type for line in self.connections})


@dataclass
class PlaceGroup:
    anchor: str
    title: str
    entries: list[DirectoryEntry] = field(default_factory=list)  # organisations listed here first
    also: list[DirectoryEntry] = field(default_factory=list)  # listed under another of their places
    interface: bool = False  # the title is interface text (N_: "Place not recorded"), not a place's name


@dataclass
class Region:
    """A nation, or one of the groups of places with no point in a nation."""

    anchor: str
    title: str
    places: list[PlaceGroup]
    interface: bool = False  # the title is interface text (N_: "UK-wide"), not a nation's title

    @property
    def flat(self) -> bool:
        """A region that is a single group of its own (UK-wide, online, place not recorded)."""
        return len(self.places) == 1 and self.places[0].anchor == self.anchor

    @property
    def organisation_count(self) -> int:
        return len({entry.id for group in self.places for entry in (*group.entries, *group.also)})


@dataclass
class Directory:
    regions: list[Region]
    entries: list[DirectoryEntry]  # every organisation once, by title
    facets: list[Facet]


def entry_nations(organisation: Organisation, v: Vocabularies) -> list[str]:
    """The nations an organisation is filed under: those its record names, those its places
    fall in, UK-wide for a UK-wide place and outside the UK for a point in no UK nation;
    in vocabulary order."""
    found = set(organisation.nations)
    for place in organisation.places:
        if place.name == UK_WIDE:
            found.add(UK_WIDE_NATION)
        elif place.nation:
            found.add(place.nation)
        elif place.located:
            found.add(OUTSIDE_UK_NATION)
    return [nation for nation in v.nations.ids if nation in found]


def matches_nation(nations: Iterable[str], chosen: str) -> bool:
    """The nation filter's rule (hb-map.js applies the same): choosing one of the four
    nations shows the organisations in it and the UK-wide ones; UK-wide or outside the UK
    shows just those."""
    nations = set(nations)
    if chosen in (UK_WIDE_NATION, OUTSIDE_UK_NATION):
        return chosen in nations
    return chosen in nations or UK_WIDE_NATION in nations


def _connections(organisations: list[Organisation]) -> dict[str, list[ConnectionLine]]:
    """Each organisation's connections, its own and those others record with it."""
    ids = {o.id for o in organisations}
    lines: dict[str, set[ConnectionLine]] = defaultdict(set)
    for organisation in organisations:
        for connection in organisation.connections:
            lines[organisation.id].add(ConnectionLine(connection.type, connection.target, True))
            if connection.target in ids:
                lines[connection.target].add(ConnectionLine(connection.type, organisation.id, False))
    return {
        org_id: sorted(found, key=lambda line: (not line.outgoing, line.type, line.other))
        for org_id, found in lines.items()
    }


def _region_of(place: OrganisationPlace | None) -> str:
    """The region anchor a place is grouped under."""
    if place is None:
        return NO_PLACE_ANCHOR
    if place.name == UK_WIDE:
        return UK_WIDE_ANCHOR
    if place.name == ONLINE:
        return ONLINE_ANCHOR
    if place.nation:
        return f"directory-{place.nation}"
    return OUTSIDE_UK_ANCHOR


def build_directory(organisations: Iterable[Organisation], v: Vocabularies) -> Directory:
    """The directory of every listed organisation, grouped by place, and the filters' choices."""
    chosen = by_title(listed(organisations))
    connections = _connections(chosen)
    entries = [DirectoryEntry(o, entry_nations(o, v), connections.get(o.id, [])) for o in chosen]

    groups: dict[str, PlaceGroup] = {}
    region_of_group: dict[str, str] = {}
    for entry in entries:
        places: list[OrganisationPlace | None] = list(entry.organisation.places) or [None]
        seen: set[str] = set()
        for index, place in enumerate(places):
            anchor = NO_PLACE_ANCHOR if place is None else place_anchor(place)
            if anchor in seen:
                continue
            seen.add(anchor)
            title = NO_PLACE_TITLE if place is None else place.name
            group = groups.setdefault(anchor, PlaceGroup(anchor, title, interface=place is None))
            # One title per group whatever order the entries come in: the first in folded order.
            if (_fold(title), title) < (_fold(group.title), group.title):
                group.title = title
            region_of_group[anchor] = _region_of(place)
            (group.entries if index == 0 else group.also).append(entry)

    regions = [
        *(
            Region(f"directory-{nation.id}", nation.title, [])
            for nation in v.nations
            if nation.id not in (UK_WIDE_NATION, OUTSIDE_UK_NATION)
        ),
        Region(UK_WIDE_ANCHOR, N_("UK-wide"), [], interface=True),
        Region(ONLINE_ANCHOR, N_("Online"), [], interface=True),
        Region(OUTSIDE_UK_ANCHOR, N_("Outside the UK"), [], interface=True),
        Region(NO_PLACE_ANCHOR, NO_PLACE_TITLE, [], interface=True),
    ]
    by_anchor = {region.anchor: region for region in regions}
    for group in sorted(groups.values(), key=lambda g: (_fold(g.title), g.anchor)):
        by_anchor[region_of_group[group.anchor]].places.append(group)
    for region in regions:
        if region.anchor in (UK_WIDE_ANCHOR, ONLINE_ANCHOR, NO_PLACE_ANCHOR):
            for group in region.places:
                group.title, group.interface = region.title, True
    return Directory([region for region in regions if region.places], entries, directory_facets(entries, v))


def directory_facets(entries: list[DirectoryEntry], v: Vocabularies) -> list[Facet]:
    """The filters' choices: only values some organisation has, in vocabulary order, each
    with the number of organisations it shows."""
    in_use = {nation for entry in entries for nation in entry.nations}
    nations = [
        Option(n.id, n.title, sum(1 for entry in entries if matches_nation(entry.nations, n.id)))
        for n in v.nations
        if n.id in in_use
    ]
    types = Counter(entry.organisation.org_type for entry in entries if entry.organisation.org_type)
    themes = Counter(theme for entry in entries for theme in set(entry.organisation.themes))
    kinds = Counter(kind for entry in entries for kind in entry.connection_types)
    return [
        Facet(PARAM_NATION, N_("Nation"), nations),
        Facet(PARAM_TYPE, N_("Type"), _options(types, v.organisation_types)),
        Facet(PARAM_THEME, N_("Theme"), _options(themes, v.themes)),
        Facet(PARAM_CONNECTION, N_("Connection"), _options(kinds, v.connection_types)),
    ]


def _options(counts: Counter, entries: Iterable) -> list[Option]:
    return [Option(e.id, e.title, counts[e.id]) for e in entries if counts.get(e.id)]
