"""The map's projection (geography/projection.py) and outline simplification
(geography/simplify.py): towns land where an atlas puts them relative to each other,
distances keep their proportions, and simplified rings stay closed polygons within the
tolerance of the outline they came from."""

from __future__ import annotations

import math
import random

import pytest

from handbook.geography.boundaries import BRITISH_ISLES_LAT, BRITISH_ISLES_LON, load_boundaries
from handbook.geography.projection import Box, Projection, fit
from handbook.geography.simplify import area, simplify_ring, simplify_rings

BOX = Box(west=BRITISH_ISLES_LON[0], south=BRITISH_ISLES_LAT[0], east=BRITISH_ISLES_LON[1], north=BRITISH_ISLES_LAT[1])

# (lat, lon) of town centres, as an atlas gives them.
TOWNS = {
    "Cardiff": (51.4816, -3.1791),
    "Swansea": (51.621, -3.944),
    "Glasgow": (55.8642, -4.2518),
    "Edinburgh": (55.9533, -3.1883),
    "Belfast": (54.5973, -5.9301),
    "London": (51.5074, -0.1278),
    "Lerwick": (60.1546, -1.1494),
    "Penzance": (50.1186, -5.5372),
    "Dublin": (53.3498, -6.2603),
    "Norwich": (52.6309, 1.2974),
}


@pytest.fixture(scope="module")
def projection() -> Projection:
    return fit(BOX, 600, 8)


def xy(projection: Projection, town: str) -> tuple[float, float]:
    lat, lon = TOWNS[town]
    return projection.point(lon, lat)


@pytest.mark.parametrize(
    ("south", "north"),
    [
        ("Cardiff", "Glasgow"),
        ("London", "Edinburgh"),
        ("Penzance", "Swansea"),
        ("Belfast", "Lerwick"),
        ("Dublin", "Belfast"),
    ],
)
def test_a_town_further_south_is_drawn_lower(projection: Projection, south: str, north: str):
    assert xy(projection, south)[1] > xy(projection, north)[1]  # SVG y grows downwards


@pytest.mark.parametrize(
    ("west", "east"),
    [
        ("Belfast", "Edinburgh"),
        ("Swansea", "Cardiff"),
        ("Cardiff", "London"),
        ("Dublin", "Belfast"),
        ("Glasgow", "Edinburgh"),
    ],
)
def test_a_town_further_west_is_drawn_to_the_left(projection: Projection, west: str, east: str):
    assert xy(projection, west)[0] < xy(projection, east)[0]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("a", "b", "c", "d"),
    [
        ("Cardiff", "London", "Lerwick", "Glasgow"),
        ("Penzance", "Norwich", "Belfast", "Edinburgh"),
        ("Dublin", "Swansea", "Lerwick", "Penzance"),
    ],
)
def test_distances_on_the_map_keep_their_proportions(projection: Projection, a: str, b: str, c: str, d: str):
    """A conformal projection, true in scale along 2°W: two distances anywhere on the
    islands compare on the map as on the ground, within a few per cent."""
    on_map = math.dist(xy(projection, a), xy(projection, b)) / math.dist(xy(projection, c), xy(projection, d))
    on_ground = _km(TOWNS[a], TOWNS[b]) / _km(TOWNS[c], TOWNS[d])
    assert on_map == pytest.approx(on_ground, rel=0.03)


def test_the_frame_is_600_wide_and_holds_the_whole_box(projection: Projection):
    assert projection.width == 600
    corners_and_edges = [(lon, lat) for lon in (BOX.west, -2.0, BOX.east) for lat in (BOX.south, 55.0, BOX.north)]
    for lon, lat in corners_and_edges:
        x, y = projection.point(lon, lat)
        assert 7.9 <= x <= 600 - 7.9 and 7.9 <= y <= projection.height - 7.9, (lon, lat, x, y)
    xs = [projection.point(BOX.west, 55.0)[0], projection.point(BOX.east, 55.0)[0]]
    assert min(xs) < 60 and max(xs) > 540  # fitted, not merely inside


def test_points_are_rounded_to_a_tenth_and_the_fit_is_deterministic(projection: Projection):
    again = fit(BOX, 600, 8)
    assert again == projection
    for town in TOWNS:
        x, y = xy(projection, town)
        assert (x, y) == xy(again, town)
        assert round(x, 1) == x and round(y, 1) == y


# --- simplification -----------------------------------------------------------------------


def _wobbly_circle(points: int, radius: float, wobble: float, seed: int) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    ring = []
    for i in range(points):
        angle = 2 * math.pi * i / points
        r = radius + rng.uniform(-wobble, wobble)
        ring.append((300 + r * math.cos(angle), 300 + r * math.sin(angle)))
    return [*ring, ring[0]]


def _distance_to_polyline(p: tuple[float, float], line: list[tuple[float, float]]) -> float:
    best = math.inf
    for (ax, ay), (bx, by) in zip(line, line[1:], strict=False):
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy))
    return best


@pytest.mark.parametrize("tolerance", [0.3, 0.7, 2.0])
def test_a_simplified_ring_is_closed_shorter_and_within_the_tolerance(tolerance: float):
    ring = _wobbly_circle(400, 50, 1.0, seed=7)
    simple = simplify_ring(ring, tolerance)
    assert simple[0] == simple[-1]
    assert 4 <= len(simple) < len(ring)
    assert set(simple) <= set(ring)  # points are kept, never moved
    assert max(_distance_to_polyline(p, simple) for p in ring) <= tolerance + 1e-9


def test_a_larger_tolerance_keeps_fewer_points():
    ring = _wobbly_circle(400, 50, 1.0, seed=3)
    counts = [len(simplify_ring(ring, t)) for t in (0.2, 0.5, 1.0, 3.0)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]


def test_a_ring_too_thin_for_the_tolerance_still_keeps_four_points():
    sliver = [(0.0, 0.0), (5.0, 0.1), (10.0, 0.0), (5.0, -0.1), (0.0, 0.0)]
    simple = simplify_ring(sliver, tolerance=5.0)
    assert simple[0] == simple[-1] and len(simple) == 4 and len(set(simple)) == 3


def test_an_open_ring_comes_back_closed():
    open_ring = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    assert simplify_ring(open_ring, 0.5) == [*open_ring, open_ring[0]]


def test_small_islands_are_dropped_and_large_ones_kept():
    island = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]  # area 1
    mainland = _wobbly_circle(200, 40, 0.5, seed=1)
    kept = simplify_rings([island, mainland], tolerance=0.5, min_area=2.0)
    assert len(kept) == 1 and area(kept[0]) > 4000
    assert len(simplify_rings([island, mainland], tolerance=0.5, min_area=0.5)) == 2


def test_area_whichever_way_the_ring_winds():
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    assert area(square) == 100 and area(list(reversed(square))) == 100


def test_simplifying_is_deterministic():
    ring = _wobbly_circle(300, 30, 2.0, seed=11)
    assert simplify_ring(ring, 0.7) == simplify_ring(list(ring), 0.7)
    shifted = [*ring[100:-1], *ring[:100], ring[100]]  # the same ring from another start
    assert len(simplify_ring(shifted, 0.7)) == pytest.approx(len(simplify_ring(ring, 0.7)), abs=4)


def test_the_real_outlines_lose_points_and_stay_polygons(projection: Projection):
    rings = [
        [projection.project(lon, lat) for lon, lat in ring]
        for unit in load_boundaries().units
        for polygon in unit.polygons
        for ring in polygon
    ]
    simple = simplify_rings(rings, tolerance=0.7, min_area=5.0)
    assert sum(map(len, simple)) < 0.8 * sum(map(len, rings))
    assert all(r[0] == r[-1] and len(r) >= 4 for r in simple)
    assert len(simple) >= 0.8 * len(rings)  # islands the size of Jersey stay
