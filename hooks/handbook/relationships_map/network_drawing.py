"""The picture of the network (/map/network/): laid out at build time, drawn as an inline SVG
by templates/generated/network.html.

networkx is used for the layout only (its force-directed `spring_layout`, the numpy solver:
scipy is not a dependency), seeded, on a graph built in sorted order, with coordinates rounded:
the same records give the same bytes. Organisations with no link sit in rows under the graph.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from handbook.content.vocabulary import Vocabulary
from handbook.languages import N_
from handbook.relationships_map.network import (
    ACTIVITY_KINDS,
    ACTIVITY_TITLES,
    STRENGTH_ORDER,
    Network,
    Node,
    Tie,
    by_title,
    degrees,
)

# The picture has room for this many nodes; past it the most connected organisations are drawn
# (the list under the picture has every one). It also bounds the layout's cost: networkx's numpy
# solver is quadratic in the nodes (250 take about 0.13 s here, 499 over a second).
ORGANISATION_TITLE = N_("Organisation")
ACTIVITY_LEGEND = N_("An organisation's part in an activity")
MAX_DRAWN_NODES = 250
# From 500 nodes networkx's spring_layout always takes its scipy solver, whatever the method:
# no picture is ever laid out that large.
NUMPY_SOLVER_NODES = 499
LAYOUT_SEED = 21
LAYOUT_ITERATIONS = 150
# Each iteration costs the square of the nodes: a large picture settles in fewer
# (250 nodes: about 0.3 s at 150 iterations, 0.12 s at 60).
LARGE_LAYOUT_NODES, LARGE_LAYOUT_ITERATIONS = 100, 60
SPREAD = 0.45

# The drawing's coordinate system (the SVG viewBox): the graph in a box with room at the sides
# for labels, and the organisations with no link at all in rows under it.
WIDTH = 1000.0
GRAPH_TOP, GRAPH_HEIGHT = 30.0, 620.0
# Labels are drawn at 22 units: about 11 px where the page's column shows the 1,000 units in
# 500 pixels. A label that would cover others is left out; the node's title and the list say it.
LABEL_SIZE = 22.0
LABEL_CHARACTERS = 26
LABEL_CHARACTER_WIDTH = 0.55 * LABEL_SIZE  # an average character, for telling overlaps
LABEL_CROWDING = 0.15  # the share of a label's box that may lie over other labels and nodes
LABEL_ROOM = 140.0  # each side, for labels pointing away from the middle (they stay inside)
ROW_HEIGHT, COLUMNS = 44.0, 3
# Dash patterns for declared connections, given out in the vocabulary's order ("" = solid),
# so that a new connection type gets a line of its own without a style sheet change.
DASHES = ("", "8 4", "2 4", "12 4 2 4", "4 2", "16 6")
STRENGTH_WIDTHS = {None: 1.5, "weak": 1.5, "medium": 2.5, "strong": 3.5}
ACTIVITY_SIZE = 6.0


@dataclass(frozen=True)
class DrawnNode:
    node: Node
    x: float
    y: float
    size: float  # an organisation's radius, an activity's half-width
    shape: str  # "circle" for an organisation, else the activity's kind
    points: str  # the polygon of a story (diamond) or resource (triangle); "" otherwise
    label: str  # shown beside an organisation (shortened); "" for an activity
    label_x: float
    label_y: float
    anchor: str  # the label's text-anchor: "start", "end" or "middle"

    @property
    def kind_title(self) -> str:
        """What the node is, in English (N_): the template gives it in the reader's language."""
        return ORGANISATION_TITLE if self.node.kind == "organisation" else ACTIVITY_TITLES[self.node.kind]


@dataclass(frozen=True)
class DrawnEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    activity: bool  # an organisation's part in an activity, else a declared connection
    dash: str
    width: float


@dataclass(frozen=True)
class LegendEntry:
    title: str  # a connection type's title, or interface text (N_) when ``interface``
    dash: str
    activity: bool = False
    interface: bool = False


@dataclass
class NetworkDrawing:
    width: float
    height: float
    nodes: list[DrawnNode]
    edges: list[DrawnEdge]
    legend: list[LegendEntry]
    shapes: list[str]  # the node shapes drawn, for the legend: "circle", then activity kinds
    unlinked_label_y: float | None  # where the row of organisations with no link is labelled
    drawn_organisations: int
    all_organisations: int
    drawn_activities: int
    all_activities: int
    layout_seconds: float = field(default=0.0, compare=False)

    @property
    def complete(self) -> bool:
        return self.drawn_organisations == self.all_organisations and self.drawn_activities == self.all_activities


def drawn_keys(network: Network, limit: int = MAX_DRAWN_NODES) -> set[str]:
    """The nodes the picture has room for: every one when they fit; else the organisations from the
    most linked down, then the activities that involve the most of those, while there is room."""
    organisations = [f"organisation:{o}" for o in network.organisations]
    if len(organisations) + len(network.activities) <= limit:
        return {*organisations, *network.activities}
    degree = degrees(network)
    ranked = sorted(network.organisations, key=lambda o: (-degree[o], o))[:limit]
    chosen = {f"organisation:{o}" for o in ranked}
    drawn = set(ranked)
    involved: dict[str, int] = defaultdict(int)
    for involvement in network.involvements:
        if involvement.organisation in drawn:
            involved[involvement.activity] += 1
    activities = sorted(involved, key=lambda key: (-involved[key], key))
    return chosen | set(activities[: limit - len(chosen)])


def lay_out(network: Network, keys: set[str]) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1] for the nodes among ``keys`` that have a link, from a seeded
    force-directed layout of the graph built in sorted order: the same network, the same positions."""
    # Loaded only when the page is drawn (about 0.2 s).
    import networkx as nx  # type: ignore[import-untyped]  # networkx ships no types; types-networkx is no dependency

    graph = nx.Graph()
    edges = [
        (f"organisation:{tie.first}", f"organisation:{tie.second}", STRENGTH_ORDER.get(tie.strength, 0) or 1)
        for tie in network.ties
    ] + [(f"organisation:{i.organisation}", i.activity, 1) for i in network.involvements]
    edges = sorted((a, b, w) for a, b, w in edges if a in keys and b in keys)
    graph.add_nodes_from(sorted({key for a, b, _ in edges for key in (a, b)}))
    for a, b, weight in edges:  # a pair tied twice (two types) pulls as its strongest tie
        if not graph.has_edge(a, b) or graph[a][b]["weight"] < weight:
            graph.add_edge(a, b, weight=weight)
    if len(graph) == 0:
        return {}
    if len(graph) == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    iterations = LAYOUT_ITERATIONS if len(graph) <= LARGE_LAYOUT_NODES else LARGE_LAYOUT_ITERATIONS
    # method="force": the numpy solver (draw_network keeps the graph under the size where networkx
    # would take its scipy one all the same).
    # k, the ideal distance between nodes, twice networkx's default: a hub's many leaves need room.
    positions = nx.spring_layout(
        graph, k=2 / math.sqrt(len(graph)), seed=LAYOUT_SEED, iterations=iterations, method="force"
    )
    return _spread({key: (float(x), float(y)) for key, (x, y) in positions.items()})


def _spread(positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions pulled in from the edges and stretched to fill [-1, 1] on both axes.

    A force layout puts leaves (a story told by one organisation) far out and crowds the rest in
    the middle; drawing each node at its distance from the centre to the power SPREAD (< 1),
    in the same direction, gives the middle the room. Order and direction are kept."""
    count = len(positions)
    cx = sum(x for x, _ in positions.values()) / count
    cy = sum(y for _, y in positions.values()) / count
    farthest = max(math.hypot(x - cx, y - cy) for x, y in positions.values()) or 1.0
    spread = {}
    for key, (x, y) in positions.items():
        distance = math.hypot(x - cx, y - cy) / farthest
        factor = distance ** (SPREAD - 1) if distance > 0 else 0.0
        spread[key] = ((x - cx) / farthest * factor, (y - cy) / farthest * factor)
    width = max(abs(x) for x, _ in spread.values()) or 1.0
    height = max(abs(y) for _, y in spread.values()) or 1.0
    return {key: (x / width, y / height) for key, (x, y) in spread.items()}


def _shorten(title: str) -> str:
    return title if len(title) <= LABEL_CHARACTERS else title[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _organisation_radius(degree: int) -> float:
    return round(6.0 + min(2.2 * math.sqrt(degree), 10.0), 1)


def _shape_points(kind: str, x: float, y: float, size: float) -> str:
    if kind == "story":  # a diamond
        corners = [(x, y - size - 1), (x + size + 1, y), (x, y + size + 1), (x - size - 1, y)]
    elif kind == "resource":  # a triangle
        corners = [(x, y - size - 1), (x + size + 1, y + size), (x - size - 1, y + size)]
    else:
        return ""
    return " ".join(f"{round(cx, 1)},{round(cy, 1)}" for cx, cy in corners)


def draw_network(network: Network, connection_types: Vocabulary, limit: int = MAX_DRAWN_NODES) -> NetworkDrawing:
    """The picture: the linked nodes where the layout puts them, scaled into the drawing, and the
    organisations with no link at all in rows under them. Coordinates rounded to 0.1."""

    keys = drawn_keys(network, min(limit, NUMPY_SOLVER_NODES))
    started = time.perf_counter()
    positions = lay_out(network, keys)
    seconds = time.perf_counter() - started
    degree = degrees(network)
    left, usable = LABEL_ROOM, WIDTH - 2 * LABEL_ROOM

    def place(key: str) -> tuple[float, float]:
        x, y = positions[key]
        return round(left + (x + 1) / 2 * usable, 1), round(GRAPH_TOP + (y + 1) / 2 * GRAPH_HEIGHT, 1)

    # Activities first and organisations after, each by id: organisations and their labels are
    # painted over the activities, and the keyboard meets them in one run.
    points: dict[str, tuple[float, float, float]] = {}  # key -> x, y, size
    for key in sorted(positions, key=lambda key: (key.startswith("organisation:"), key)):
        x, y = place(key)
        kind, _, item_id = key.partition(":")
        points[key] = (x, y, _organisation_radius(degree[item_id]) if kind == "organisation" else ACTIVITY_SIZE)
    labels = _place_labels(network, points, degree)
    nodes: list[DrawnNode] = []
    for key, (x, y, size) in points.items():
        node = network.node(key)
        if node.kind == "organisation":
            label_x, label_y, anchor = labels.get(key, (x, y, ""))
            label = _shorten(node.title) if anchor else ""
            nodes.append(DrawnNode(node, x, y, size, "circle", "", label, label_x, label_y, anchor))
        else:
            nodes.append(DrawnNode(node, x, y, size, node.kind, _shape_points(node.kind, x, y, size), "", x, y, ""))

    unlinked = sorted((network.organisations[k.partition(":")[2]] for k in keys if k not in positions), key=by_title)
    height = GRAPH_TOP + GRAPH_HEIGHT + 20
    unlinked_label_y = None
    if unlinked:
        unlinked_label_y = height + 10
        column = WIDTH / COLUMNS
        for index, node in enumerate(unlinked):
            x = round(20 + (index % COLUMNS) * column, 1)
            y = round(unlinked_label_y + 30 + (index // COLUMNS) * ROW_HEIGHT, 1)
            label_y = y + 0.3 * LABEL_SIZE
            nodes.append(DrawnNode(node, x, y, 6.0, "circle", "", _shorten(node.title), x + 11, label_y, "start"))
        height = unlinked_label_y + 30 + math.ceil(len(unlinked) / COLUMNS) * ROW_HEIGHT

    dashes = {entry.id: DASHES[i % len(DASHES)] for i, entry in enumerate(connection_types)}
    ties = [
        tie for tie in network.ties if f"organisation:{tie.first}" in points and f"organisation:{tie.second}" in points
    ]
    edges = _tie_edges(ties, points, dashes)
    for involvement in network.involvements:
        organisation = f"organisation:{involvement.organisation}"
        if organisation in points and involvement.activity in points:
            edges.append(_edge(points[organisation], points[involvement.activity], True, "", 1.0))
    types_drawn = {tie.type for tie in ties}
    legend = [LegendEntry(connection_types.title(t), dashes[t]) for t in connection_types.ids if t in types_drawn]
    if any(edge.activity for edge in edges):
        legend.append(LegendEntry(ACTIVITY_LEGEND, "", activity=True, interface=True))
    return NetworkDrawing(
        WIDTH,
        round(height, 1),
        nodes,
        edges,
        legend,
        shapes=[kind for kind in ("circle", *ACTIVITY_KINDS) if any(node.shape == kind for node in nodes)],
        unlinked_label_y=unlinked_label_y,
        drawn_organisations=sum(1 for node in nodes if node.node.kind == "organisation"),
        all_organisations=len(network.organisations),
        drawn_activities=sum(1 for node in nodes if node.node.kind != "organisation"),
        all_activities=len(network.activities),
        layout_seconds=seconds,
    )


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


class _Obstacles:
    """Boxes filed by the grid cells they touch, so that a new box is checked against its
    neighbours only: placing labels stays near linear in the nodes."""

    CELL = 100.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def _cells(self, box: Box) -> list[tuple[int, int]]:
        left, top, right, bottom = (int(math.floor(v / self.CELL)) for v in box)
        return [(i, j) for i in range(left, right + 1) for j in range(top, bottom + 1)]

    def add(self, box: Box) -> None:
        for cell in self._cells(box):
            self.cells[cell].append(box)

    def overlap(self, box: Box) -> float:
        """The area ``box`` shares with the boxes added (each counted once)."""
        near = {other for cell in self._cells(box) for other in self.cells.get(cell, ())}
        return sum(_overlap(box, other) for other in near)


def _outside(box: Box) -> float:
    """How much of a label would fall off the drawing's sides, weighed above any overlap."""
    return 100.0 * (box[3] - box[1]) * (max(0.0, -box[0]) + max(0.0, box[2] - WIDTH))


def _label_box(candidate: tuple[float, float, str], width: float) -> Box:
    """The box a label of ``width`` takes at (x, baseline y, text-anchor)."""
    x, y, anchor = candidate
    start = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return (start, y - 0.8 * LABEL_SIZE, start + width, y + 0.25 * LABEL_SIZE)


def _place_labels(
    network: Network, points: dict[str, tuple[float, float, float]], degree: dict[str, int]
) -> dict[str, tuple[float, float, str]]:
    """Where each organisation's label goes (x, y, text-anchor): beside it on the side away from
    the middle if that is free, else on the other side, above or below; the place that overlaps
    the labels already placed and the nodes least, and none if even that one is crowded. Most
    linked first; plain geometry, no search."""
    middle = WIDTH / 2
    obstacles = _Obstacles()
    for x, y, size in points.values():
        obstacles.add((x - size, y - size, x + size, y + size))
    labels = {}
    organisations = [key for key in points if key.startswith("organisation:")]
    for key in sorted(organisations, key=lambda k: (-degree[k.partition(":")[2]], k)):
        x, y, size = points[key]
        width = len(_shorten(network.node(key).title)) * LABEL_CHARACTER_WIDTH
        baseline = y + 0.3 * LABEL_SIZE
        outward = [(x + size + 4, baseline, "start"), (x - size - 4, baseline, "end")]
        candidates = [
            *(outward if x >= middle else outward[::-1]),
            (x, y - size - 5, "middle"),
            (x, y + size + LABEL_SIZE, "middle"),
        ]
        boxes = [_label_box(candidate, width) for candidate in candidates]
        crowding = [obstacles.overlap(box) + _outside(box) for box in boxes]
        best = crowding.index(min(crowding))  # the first of equals: the preferred order above
        if crowding[best] > LABEL_CROWDING * width * 1.05 * LABEL_SIZE:
            continue
        obstacles.add(boxes[best])
        x, y, anchor = candidates[best]
        labels[key] = (round(x, 1), round(y, 1), anchor)
    return labels


def _edge(
    start: tuple[float, float, float],
    end: tuple[float, float, float],
    activity: bool,
    dash: str,
    width: float,
    offset: float = 0.0,
) -> DrawnEdge:
    (x1, y1, _), (x2, y2, _) = start, end
    if offset:  # one of several ties between the same pair: drawn side by side
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        dx, dy = -(y2 - y1) / length * offset, (x2 - x1) / length * offset
        x1, y1, x2, y2 = x1 + dx, y1 + dy, x2 + dx, y2 + dy
    return DrawnEdge(round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1), activity, dash, width)


def _tie_edges(
    ties: list[Tie], points: dict[str, tuple[float, float, float]], dashes: dict[str, str]
) -> list[DrawnEdge]:
    """A line per tie; a pair tied in more than one way gets parallel lines 4 units apart."""
    by_pair: dict[tuple[str, str], list[Tie]] = defaultdict(list)
    for tie in ties:
        by_pair[(tie.first, tie.second)].append(tie)
    edges = []
    for (first, second), pair in sorted(by_pair.items()):
        start, end = points[f"organisation:{first}"], points[f"organisation:{second}"]
        for index, tie in enumerate(pair):
            offset = (index - (len(pair) - 1) / 2) * 4.0
            width = STRENGTH_WIDTHS.get(tie.strength, 1.5)
            edges.append(_edge(start, end, False, dashes.get(tie.type, ""), width, offset))
    return edges
