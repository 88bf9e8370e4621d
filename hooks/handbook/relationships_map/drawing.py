"""The Relationships Map's picture: the four nations and every organisation, as data for an inline SVG.

``draw_map`` projects the boundary outlines (geography.projection), simplifies them
(geography.simplify) and places one marker per organisation and place inside the British
Isles. Markers closer than ``CLUSTER_RADIUS`` merge into a cluster that links to the
place's heading in the directory on the same page (and a marker a cluster's circle would
cover joins it). Organisations with no point in the British Isles (UK-wide, online,
outside the UK, no place recorded) are drawn in an inset box in the Atlantic, north-west
of Ireland (below the map when too many for that sea), so every listed organisation is on
the map.
``templates/map/drawing.html`` writes the result as markup; the filter script
(hb-map.js) reads its ``data-org`` and ``data-members`` attributes.

Made once per build; everything is sorted by id and every coordinate rounded to a tenth
of a unit, so the same content gives the same bytes whatever order it was read in.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from handbook.content.model import ONLINE, UK_WIDE, Organisation, OrganisationPlace
from handbook.content.vocabulary import Vocabularies
from handbook.geography.boundaries import BRITISH_ISLES_LAT, BRITISH_ISLES_LON, Boundaries, in_british_isles
from handbook.geography.projection import Box, Point, Projection, fit
from handbook.geography.simplify import simplify_rings
from handbook.languages import N_
from handbook.languages.catalogue import Messages
from handbook.relationships_map.directory import NO_PLACE_ANCHOR, OUTSIDE_UK_ANCHOR, place_anchor

WIDTH = 600.0  # SVG units; the page scales the picture to its column
MARGIN = 8.0
# Simplification: at 0.7 units (about a pixel at full width) the outlines keep ~970 of
# their ~1,500 points and look the same; islands under 5 square units would be specks.
TOLERANCE = 0.7
MIN_ISLAND_AREA = 5.0
MARKER_RADIUS = 5.0
CLUSTER_RADIUS = 10.0  # markers whose centres are closer than this share a cluster

# Where each nation's name is written (lon, lat), away from the busiest places; each line
# of a label on its own line. Units without an entry (the small islands) are not labelled.
# The names are interface text (translated when drawn); a line break in a name's translation
# is a line of the label.
LABELS: dict[str, tuple[float, float, str]] = {
    "SCT": (-4.3, 57.25, N_("Scotland")),
    "ENG": (-1.5, 54.2, N_("England")),
    "WLS": (-3.65, 52.25, N_("Wales")),
    "NIR": (-6.75, 54.75, N_("Northern\nIreland")),
    "IRL": (-8.1, 53.0, N_("Ireland")),
}

# The inset of organisations without a point, top left of the frame: open sea down to
# INSET_BOTTOM (Donegal and the Hebrides begin below and to the right). When more
# organisations than fit there have no point, the inset goes below the map, full width.
INSET_LEFT, INSET_TOP, INSET_WIDTH, INSET_BOTTOM = 10.0, 10.0, 170.0, 395.0
INSET_PADDING, INSET_HEADING, INSET_LABEL, INSET_SPACING = 8.0, 18.0, 15.0, 13.0
INSET_TITLE = N_("Not at one place")
UK_WIDE_GROUP, ONLINE_GROUP = N_("UK-wide"), N_("Online")
OUTSIDE_UK_GROUP, NO_PLACE_GROUP = N_("Outside the UK"), N_("Place not recorded")
INSET_GROUPS = (UK_WIDE_GROUP, ONLINE_GROUP, OUTSIDE_UK_GROUP, NO_PLACE_GROUP)  # in this order

CREDIT = N_("Boundaries: Natural Earth (public domain)")


LINE_HEIGHT = 1.1  # em, between the lines of a label written on two


@dataclass(frozen=True)
class Label:
    """A name written on the map, centred on (x, y), a line per row."""

    x: float
    y: float
    lines: tuple[str, ...]

    @property
    def rows(self) -> tuple[tuple[str, str], ...]:
        """Each line with its shift down from the line before (the first from y), in em,
        so that the block of lines stays centred on y at whatever size the style sheet
        writes it (larger on a phone)."""
        first = 0.35 - (len(self.lines) - 1) * LINE_HEIGHT / 2  # 0.35em: from centre to baseline
        return tuple((line, f"{first if index == 0 else LINE_HEIGHT:.2f}em") for index, line in enumerate(self.lines))


@dataclass(frozen=True)
class NationShape:
    """One map unit's outline: a UK nation (``id`` its nation id, ``uk`` True) or a
    neighbour drawn for context (``id`` a slug of its name)."""

    id: str
    name: str
    uk: bool
    path: str  # SVG path data
    label: Label | None


@dataclass(frozen=True)
class Marker:
    """One organisation at one place (or several of its places close together)."""

    org_id: str
    name: str
    place: str  # the place names, as the title gives them (in the reader's language in the inset)
    href: str
    x: float
    y: float

    def title(self, messages: Messages) -> str:
        return messages.gettext("%(name)s (%(place)s)", name=self.name, place=self.place)


@dataclass(frozen=True)
class Cluster:
    """Several organisations within CLUSTER_RADIUS of each other, drawn as one circle
    with their number, linking to the first of their places in the directory."""

    anchor: str  # the id of the place's heading on the page
    places: tuple[str, ...]  # names, the place with most organisations first
    members: tuple[str, ...]  # organisation ids, sorted
    x: float
    y: float
    radius: float

    @property
    def count(self) -> int:
        return len(self.members)

    def title(self, messages: Messages) -> str:
        shown = ", ".join(self.places[:3])
        more = len(self.places) - 3
        if more > 0:
            shown = messages.ngettext(
                "%(places)s and %(num)d more place", "%(places)s and %(num)d more places", more, places=shown
            )
        return messages.ngettext(
            "%(num)d organisation in %(places)s: see the list",
            "%(num)d organisations in %(places)s: see the list",
            self.count,
            places=shown,
        )


@dataclass(frozen=True)
class InsetGroup:
    """A labelled row (or rows) of markers in the inset: UK-wide, Online, Outside the UK,
    Place not recorded."""

    label: str
    anchor: str  # the group's heading on the page
    label_x: float
    label_y: float
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class Inset:
    x: float
    y: float
    width: float
    height: float
    title: str
    groups: tuple[InsetGroup, ...]

    @property
    def markers(self) -> tuple[Marker, ...]:
        return tuple(marker for group in self.groups for marker in group.markers)

    @property
    def title_position(self) -> tuple[float, float]:
        return round(self.x + INSET_PADDING, 1), round(self.y + INSET_HEADING - 4, 1)


@dataclass(frozen=True)
class MapDrawing:
    width: float
    height: float
    nations: tuple[NationShape, ...]
    markers: tuple[Marker, ...]
    clusters: tuple[Cluster, ...]
    inset: Inset
    title: str
    description: str
    messages: Messages = field(compare=False, repr=False)  # the reader's language, for the titles
    credit: str = CREDIT
    marker_radius: float = MARKER_RADIUS

    def marker_title(self, marker: Marker) -> str:
        return marker.title(self.messages)

    def cluster_title(self, cluster: Cluster) -> str:
        return cluster.title(self.messages)

    @property
    def size(self) -> tuple[str, str]:
        """Width and height as the SVG's attributes write them (600, not 600.0)."""
        return _number(self.width), _number(self.height)

    @property
    def view_box(self) -> str:
        return f"0 0 {' '.join(self.size)}"

    frame_height: float = 0.0  # the map's own frame; an inset too big for the sea goes below it

    @property
    def credit_position(self) -> tuple[float, float]:
        """Bottom left of the map's frame, in the Atlantic south of Ireland."""
        return MARGIN, (self.frame_height or self.height) - MARGIN


def draw_map(
    organisations: Iterable[Organisation],
    boundaries: Boundaries,
    vocabularies: Vocabularies,
    url_of: Callable[[Organisation], str],
    messages: Messages | None = None,
) -> MapDrawing:
    """The map of these organisations; ``url_of`` gives the link to an organisation's page
    (relative to the map's page). Its words are in the language of ``messages`` (English when None)."""
    messages = messages or Messages()
    orgs = sorted(organisations, key=lambda o: o.id)
    box = Box(
        west=BRITISH_ISLES_LON[0], south=BRITISH_ISLES_LAT[0], east=BRITISH_ISLES_LON[1], north=BRITISH_ISLES_LAT[1]
    )
    projection = fit(box, WIDTH, MARGIN)
    nations = tuple(_nation_shapes(boundaries, vocabularies, projection, messages))

    pinned: list[_Pin] = []
    without_a_point: list[tuple[Organisation, str]] = []
    for org in orgs:
        href = url_of(org)
        pins = _pins(org, projection, href)
        pinned += pins
        if not pins:
            without_a_point.append((org, href))
    markers, clusters = _gather(pinned)
    inset = _inset(without_a_point, INSET_LEFT, INSET_TOP, INSET_WIDTH, messages)
    below = inset.y + inset.height > INSET_BOTTOM
    if below:
        inset = _inset(without_a_point, MARGIN, projection.height, WIDTH - 2 * MARGIN, messages)
    height = max(projection.height, inset.y + inset.height + MARGIN)

    on_map = len(orgs) - len(without_a_point)
    places = len({(pin.place.name, pin.place.nation) for pin in pinned})
    title = messages.gettext(
        "Map of the organisations in the directory, across England, Scotland, Wales and Northern Ireland"
    )
    at_places = messages.ngettext("%(num)d place", "%(num)d places", places)
    if below:
        description = messages.ngettext(
            "%(num)d organisation: %(on_map)d marked at %(places)s on an outline map of the four nations with"
            " Ireland, where several close together are drawn as one numbered circle that links to the list of"
            " that place; %(elsewhere)d with no single place on the map (UK-wide, online, outside the UK or place"
            " not recorded) in a box below the map. Each marker links to the organisation's page; the directory"
            " on this page lists every one of them.",
            "%(num)d organisations: %(on_map)d marked at %(places)s on an outline map of the four nations with"
            " Ireland, where several close together are drawn as one numbered circle that links to the list of"
            " that place; %(elsewhere)d with no single place on the map (UK-wide, online, outside the UK or place"
            " not recorded) in a box below the map. Each marker links to the organisation's page; the directory"
            " on this page lists every one of them.",
            len(orgs),
            on_map=on_map,
            places=at_places,
            elsewhere=len(without_a_point),
        )
    else:
        description = messages.ngettext(
            "%(num)d organisation: %(on_map)d marked at %(places)s on an outline map of the four nations with"
            " Ireland, where several close together are drawn as one numbered circle that links to the list of"
            " that place; %(elsewhere)d with no single place on the map (UK-wide, online, outside the UK or place"
            " not recorded) in a box at the top left. Each marker links to the organisation's page; the directory"
            " on this page lists every one of them.",
            "%(num)d organisations: %(on_map)d marked at %(places)s on an outline map of the four nations with"
            " Ireland, where several close together are drawn as one numbered circle that links to the list of"
            " that place; %(elsewhere)d with no single place on the map (UK-wide, online, outside the UK or place"
            " not recorded) in a box at the top left. Each marker links to the organisation's page; the directory"
            " on this page lists every one of them.",
            len(orgs),
            on_map=on_map,
            places=at_places,
            elsewhere=len(without_a_point),
        )
    return MapDrawing(
        width=projection.width,
        height=float(math.ceil(height)),
        nations=nations,
        markers=markers,
        clusters=clusters,
        inset=inset,
        title=title,
        description=description,
        messages=messages,
        frame_height=projection.height,
    )


# --- the outlines -----------------------------------------------------------------------


def _nation_shapes(
    boundaries: Boundaries, vocabularies: Vocabularies, projection: Projection, messages: Messages
) -> Iterable[NationShape]:
    for unit in boundaries.units:
        rings = [[projection.project(lon, lat) for lon, lat in ring] for polygon in unit.polygons for ring in polygon]
        path = path_data(simplify_rings(rings, TOLERANCE, MIN_ISLAND_AREA))
        if not path:
            continue
        label = None
        if unit.code in LABELS:
            lon, lat, name = LABELS[unit.code]
            x, y = projection.point(lon, lat)
            label = Label(x, y, tuple(messages.gettext(name).split("\n")))
        uk = unit.nation is not None
        name = vocabularies.nations.title(unit.nation) if unit.nation else unit.name
        yield NationShape(id=unit.nation or _slug(unit.name), name=name, uk=uk, path=path, label=label)


def path_data(rings: Iterable[Sequence[Point]]) -> str:
    """SVG path data for closed rings: each ring as a move then relative lines, in tenths
    of a unit (relative steps between rounded points, so no rounding error builds up and
    the text is about half as long as absolute coordinates). Steps of nothing (two points
    that round alike) are left out; a ring that rounds to fewer than three points is too."""
    parts: list[str] = []
    for ring in rings:
        tenths: list[tuple[int, int]] = []
        for x, y in ring[:-1] if ring[0] == ring[-1] else ring:
            point = (round(x * 10), round(y * 10))
            if not tenths or point != tenths[-1]:
                tenths.append(point)
        while len(tenths) > 1 and tenths[-1] == tenths[0]:
            tenths.pop()
        if len(tenths) < 3:
            continue
        (x0, y0), steps = tenths[0], []
        for (ax, ay), (bx, by) in zip(tenths, tenths[1:], strict=False):
            steps.append(f"{_tenths(bx - ax)} {_tenths(by - ay)}")
        parts.append(f"M{_tenths(x0)} {_tenths(y0)}l{' '.join(steps)}z")
    return "".join(parts)


# --- markers and clusters ---------------------------------------------------------------


@dataclass(frozen=True)
class _Pin:
    """An organisation at one of its places, projected."""

    org: Organisation
    place: OrganisationPlace
    order: int  # the place's position in the record
    href: str
    x: float
    y: float


def _pins(org: Organisation, projection: Projection, href: str) -> list[_Pin]:
    """The organisation's places inside the British Isles, one pin each (a place named
    twice is pinned once), in the order the record gives them."""
    pins: list[_Pin] = []
    seen: set[tuple[float, float]] = set()
    for order, place in enumerate(org.places):
        if place.lat is None or place.lon is None or not in_british_isles(place.lat, place.lon):
            continue
        x, y = projection.point(place.lon, place.lat)
        if (x, y) not in seen:
            seen.add((x, y))
            pins.append(_Pin(org, place, order, href, x, y))
    return pins


def _gather(pins: list[_Pin]) -> tuple[tuple[Marker, ...], tuple[Cluster, ...]]:
    """Markers, and clusters of pins closer than CLUSTER_RADIUS to another (single linkage:
    the groups do not depend on the order pins come in)."""
    markers: list[Marker] = []
    clusters: list[Cluster] = []
    for group in _without_overlaps(_close_groups(pins)):
        org_ids = sorted({pin.org.id for pin in group})
        if len(org_ids) == 1:  # one organisation's own places close together: one marker
            first = group[0]
            place = ", ".join(dict.fromkeys(pin.place.name for pin in group))
            markers.append(Marker(first.org.id, first.org.title, place, first.href, first.x, first.y))
            continue
        clusters.append(_cluster(group, org_ids))
    markers.sort(key=lambda m: (m.y, m.x, m.org_id))
    clusters.sort(key=lambda c: (c.y, c.x, c.members))
    return tuple(markers), tuple(clusters)


def _close_groups(pins: list[_Pin]) -> list[list[_Pin]]:
    """Pins joined whenever two are within CLUSTER_RADIUS, through a grid of cells that
    size so that only neighbouring cells are compared (no pair of all pins)."""
    ordered = sorted(pins, key=_pin_order)
    root, join = _union_find(len(ordered))
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, pin in enumerate(ordered):
        cells[(math.floor(pin.x / CLUSTER_RADIUS), math.floor(pin.y / CLUSTER_RADIUS))].append(index)
    for (cx, cy), members in cells.items():
        neighbours = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())]
        for i in members:
            for j in neighbours:
                if j > i and math.hypot(ordered[i].x - ordered[j].x, ordered[i].y - ordered[j].y) < CLUSTER_RADIUS:
                    join(i, j)
    groups: dict[int, list[_Pin]] = defaultdict(list)
    for index, pin in enumerate(ordered):
        groups[root(index)].append(pin)
    return [groups[key] for key in sorted(groups)]


def _without_overlaps(groups: list[list[_Pin]]) -> list[list[_Pin]]:
    """The groups, merged further wherever two of them would be drawn overlapping: a
    cluster's circle is larger than a marker and sits at the middle of its pins, so it can
    cover a marker that was not within CLUSTER_RADIUS of any of its pins. Repeated until
    nothing overlaps; each round compares circles in order of x, never every pair."""
    while True:
        circles = sorted((_circle(group), index) for index, group in enumerate(groups))
        widest = max((r for (_, _, r), _ in circles), default=0.0)
        root, join = _union_find(len(groups))
        merged = False
        for position, ((x1, y1, r1), i) in enumerate(circles):
            for (x2, y2, r2), j in circles[position + 1 :]:
                if x2 - x1 >= r1 + widest:
                    break
                if math.hypot(x2 - x1, y2 - y1) < r1 + r2 and root(i) != root(j):
                    join(i, j)
                    merged = True
        if not merged:
            return groups
        joined: dict[int, list[_Pin]] = defaultdict(list)
        for index, group in enumerate(groups):
            joined[root(index)] += group
        groups = sorted((sorted(group, key=_pin_order) for group in joined.values()), key=lambda g: _pin_order(g[0]))


def _circle(group: list[_Pin]) -> tuple[float, float, float]:
    """Where a group is drawn (x, y, radius): one organisation as a marker at its first
    place; several as a cluster at the middle of their pins."""
    count = len({pin.org.id for pin in group})
    if count == 1:
        return group[0].x, group[0].y, MARKER_RADIUS
    x = sum(pin.x for pin in group) / len(group)
    y = sum(pin.y for pin in group) / len(group)
    return round(x, 1), round(y, 1), _cluster_radius(count)


def _cluster_radius(count: int) -> float:
    return round(6.5 + 1.5 * math.log2(count), 1)


def _pin_order(pin: _Pin) -> tuple[str, int]:
    return pin.org.id, pin.order


def _union_find(size: int) -> tuple[Callable[[int], int], Callable[[int, int], None]]:
    """(root, join) over 0..size-1; the smaller index is the root, so results do not depend
    on the order joins are made in."""
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        parent[max(a, b)] = min(a, b)

    return root, join


def _cluster(group: list[_Pin], org_ids: list[str]) -> Cluster:
    # The place with most organisations names the cluster (its anchor); ties go to the
    # first by name, then nation (two Newports).
    orgs_at: dict[tuple[str, str], set[str]] = defaultdict(set)
    places: dict[tuple[str, str], OrganisationPlace] = {}
    for pin in group:
        key = (pin.place.name, pin.place.nation or "")
        orgs_at[key].add(pin.org.id)
        places.setdefault(key, pin.place)
    order = sorted(orgs_at, key=lambda key: (-len(orgs_at[key]), key))
    x, y, radius = _circle(group)
    return Cluster(
        anchor=place_anchor(places[order[0]]),
        places=tuple(dict.fromkeys(name for name, _ in order)),
        members=tuple(org_ids),
        x=x,
        y=y,
        radius=radius,
    )


# --- the inset --------------------------------------------------------------------------


def _inset_group(org: Organisation, messages: Messages) -> tuple[str, str, str]:
    """(label, anchor, what the title says) for an organisation without a point in the
    British Isles, from the first of its places; the label is the English key of INSET_GROUPS."""
    if not org.places:
        return NO_PLACE_GROUP, NO_PLACE_ANCHOR, messages.gettext("place not recorded")
    place = org.places[0]
    if place.name == UK_WIDE:
        return UK_WIDE_GROUP, place_anchor(place), messages.gettext("UK-wide")
    if place.name == ONLINE:
        return ONLINE_GROUP, place_anchor(place), messages.gettext("online")
    return OUTSIDE_UK_GROUP, OUTSIDE_UK_ANCHOR, place.name


def _inset(
    orgs: list[tuple[Organisation, str]], inset_left: float, inset_top: float, width: float, messages: Messages
) -> Inset:
    """The inset's groups laid out in rows, ``width`` wide, from (inset_left, inset_top)."""
    by_group: dict[str, list[tuple[Organisation, str, str]]] = defaultdict(list)
    anchors: dict[str, str] = {}
    for org, href in orgs:
        label, anchor, place = _inset_group(org, messages)
        by_group[label].append((org, href, place))
        anchors[label] = anchor
    columns = max(1, int((width - 2 * INSET_PADDING) // INSET_SPACING))
    left = inset_left + INSET_PADDING
    y = inset_top + INSET_HEADING
    groups: list[InsetGroup] = []
    for label in INSET_GROUPS:
        members = by_group.get(label)
        if not members:
            continue
        label_y = y + INSET_LABEL - 3
        first_row = y + INSET_LABEL + MARKER_RADIUS
        markers = []
        for index, (org, href, place) in enumerate(members):
            row, column = divmod(index, columns)
            x = left + MARKER_RADIUS + column * INSET_SPACING
            markers.append(
                Marker(org.id, org.title, place, href, round(x, 1), round(first_row + row * INSET_SPACING, 1))
            )
        rows = math.ceil(len(members) / columns)
        groups.append(InsetGroup(label, anchors[label], left, round(label_y, 1), tuple(markers)))
        y += INSET_LABEL + rows * INSET_SPACING + 2
    height = y - inset_top + INSET_PADDING - 2
    return Inset(inset_left, inset_top, width, round(height, 1), INSET_TITLE, tuple(groups))


# --- small helpers ----------------------------------------------------------------------


def _tenths(value: int) -> str:
    """An integer number of tenths as SVG text: 123 -> '12.3', -5 -> '-0.5', 40 -> '4'."""
    whole, tenth = divmod(abs(value), 10)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}" if tenth == 0 else f"{sign}{whole}.{tenth}"


def _number(value: float) -> str:
    return _tenths(round(value * 10))


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())
