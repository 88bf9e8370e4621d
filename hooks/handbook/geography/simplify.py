"""Lighter outlines for the Relationships Map: Douglas–Peucker on projected rings.

The boundary file keeps Natural Earth's 1:50m detail (about 1,500 points for the British
Isles), more than a map 600 units wide can show. The outlines are simplified after
projection, so the tolerance is in SVG units: a point that moves the outline by less than
`tolerance` is dropped. Islands smaller than `min_area` square units (a speck at the map's
size) are dropped whole. Every ring that stays is closed (its last point is its first) and
has at least four points, so it is still a polygon. Plain Python, deterministic: the same
rings give the same points.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from handbook.geography.projection import Point

Ring = list[Point]


def area(ring: Sequence[Point]) -> float:
    """The area a ring encloses (shoelace formula), whichever way it winds."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length_squared = dx * dx + dy * dy
    if length_squared == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length_squared))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _douglas_peucker(points: Sequence[Point], tolerance: float) -> list[int]:
    """Indexes of the points kept from an open line, its two ends always among them.
    Iterative (a stack of spans), so a long coastline cannot exhaust Python's recursion."""
    keep = {0, len(points) - 1}
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        farthest, distance = -1, tolerance
        for index in range(first + 1, last):
            d = _distance_to_segment(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if farthest >= 0:
            keep.add(farthest)
            spans += [(first, farthest), (farthest, last)]
    return sorted(keep)


def simplify_ring(ring: Sequence[Point], tolerance: float) -> Ring:
    """A closed ring with the points that matter at `tolerance`, at least four of them.

    A closed ring has no ends to anchor a Douglas–Peucker line, so it is cut in two at its
    first point and the point farthest from it, and each half simplified as a line."""
    points = list(ring[:-1]) if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    if len(points) < 3:
        raise ValueError(f"a ring needs three distinct points, not {len(points)}")
    start = points[0]
    cut = max(range(len(points)), key=lambda i: (math.hypot(points[i][0] - start[0], points[i][1] - start[1]), -i))
    there = points[: cut + 1]
    back = [*points[cut:], start]
    kept = [there[i] for i in _douglas_peucker(there, tolerance)]
    kept += [back[i] for i in _douglas_peucker(back, tolerance)[1:-1]]
    if len(kept) < 3:  # a sliver: keep its widest point too, so that it stays a polygon
        widest = max(
            range(1, len(points)),
            key=lambda i: (_distance_to_segment(points[i], start, points[cut]), -i),
        )
        kept = [points[i] for i in sorted({0, cut, widest})]
        if len(set(kept)) < 3:  # no width at all: nothing to simplify away
            kept = points
    return [*kept, kept[0]]


def simplify_rings(rings: Iterable[Sequence[Point]], tolerance: float, min_area: float) -> list[Ring]:
    """Every ring simplified at `tolerance`, leaving out those enclosing less than `min_area`."""
    return [simplify_ring(ring, tolerance) for ring in rings if area(ring) >= min_area]
