"""The boundary data and the point-in-nation test (geography/boundaries.py), on real places."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from handbook.geography.boundaries import (
    COAST_TOLERANCE_KM,
    Boundaries,
    MapUnit,
    boundaries_from_geojson,
    in_british_isles,
    load_boundaries,
)


@pytest.fixture(scope="module")
def boundaries() -> Boundaries:
    return load_boundaries()


# Town centres (lat, lon), as an atlas gives them.
@pytest.mark.parametrize(
    ("place", "lat", "lon", "nation"),
    [
        ("Swansea", 51.621, -3.944, "wales"),
        ("Cardiff", 51.4816, -3.1791, "wales"),
        ("Chepstow, by the border", 51.6418, -2.675, "wales"),
        ("Glasgow", 55.8642, -4.2518, "scotland"),
        ("Gretna, by the border", 54.9961, -3.0663, "scotland"),
        ("Belfast", 54.5973, -5.9301, "northern-ireland"),
        ("Derry", 54.9966, -7.3086, "northern-ireland"),
        ("Coventry", 52.4068, -1.5197, "england"),
        ("London", 51.5074, -0.1278, "england"),
        ("Berwick-upon-Tweed", 55.7704, -2.0052, "england"),
        ("Dublin", 53.3498, -6.2603, None),
        ("Douglas, Isle of Man", 54.15, -4.4777, None),
        ("the North Sea", 56.0, 1.5, None),
        ("the Irish Sea", 53.8, -5.0, None),
        ("Paris", 48.8566, 2.3522, None),
    ],
)
def test_the_nation_a_town_falls_in(boundaries: Boundaries, place: str, lat: float, lon: float, nation: str | None):
    assert boundaries.nation_at(lat, lon) == nation, place


@pytest.mark.parametrize(
    ("place", "lat", "lon", "nation"),
    [
        ("Tenby", 51.6727, -4.703, "wales"),
        ("Oban", 56.4152, -5.4711, "scotland"),
        ("Whitby", 54.4858, -0.6206, "england"),
        ("Lerwick", 60.1546, -1.1494, "scotland"),
        ("Holyhead", 53.3094, -4.6333, "wales"),
        ("Margate", 51.3813, 1.3862, "england"),
    ],
)
def test_a_coastal_town_the_outline_misses_is_in_the_nearest_nation(
    boundaries: Boundaries, place: str, lat: float, lon: float, nation: str
):
    unit = next(unit for unit in boundaries.units if unit.nation == nation)
    assert not unit.contains(lat, lon), f"{place} is inside the 1:50m outline: it does not test the fallback"
    assert boundaries.nation_at(lat, lon) == nation, place


def test_the_fallback_stops_at_the_tolerance(boundaries: Boundaries):
    wales = next(unit for unit in boundaries.units if unit.nation == "wales")
    # Due west of Aberystwyth, out into Cardigan Bay: a little way, then far out.
    near, far = (52.4153, -4.15), (52.4153, -4.7)
    assert 0 < wales.distance_km(*near, limit_km=50) <= COAST_TOLERANCE_KM
    assert wales.distance_km(*far, limit_km=50) > COAST_TOLERANCE_KM
    assert boundaries.nation_at(*near) == "wales"
    assert boundaries.nation_at(*far) is None


def test_the_data_file_has_the_four_nations_and_their_neighbours(boundaries: Boundaries):
    assert [(unit.code, unit.nation) for unit in boundaries.units] == [
        ("ENG", "england"),
        ("SCT", "scotland"),
        ("WLS", "wales"),
        ("NIR", "northern-ireland"),
        ("IRL", None),
        ("IMN", None),
        ("JEY", None),
        ("GGY", None),
    ]
    for unit in boundaries.units:
        assert unit.polygons, unit.code
        for polygon in unit.polygons:
            for ring in polygon:
                assert ring[0] == ring[-1], f"{unit.code}: a ring is not closed"
                assert all(in_british_isles(lat, lon) for lon, lat in ring), unit.code


def test_loading_reads_the_file_each_time():
    """No module-level cache: each build gets its own record (equal, not the same object)."""
    first, second = load_boundaries(), load_boundaries()
    assert first == second
    assert first is not second


def _square(west: float, south: float, east: float, north: float) -> tuple:
    return ((west, south), (east, south), (east, north), (west, north), (west, south))


def test_a_hole_is_outside_its_unit():
    """A lake (a hole in the polygon) is not in the unit; the land around it is."""
    collection = {
        "features": [
            {
                "properties": {"unit": "ENG", "name": "England", "nation": "england"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [_square(-2.0, 52.0, 0.0, 54.0), _square(-1.5, 52.5, -0.5, 53.5)],
                },
            }
        ]
    }
    unit = boundaries_from_geojson(collection).units[0]
    assert isinstance(unit, MapUnit)
    assert unit.contains(52.2, -1.0)  # on land
    assert not unit.contains(53.0, -1.0)  # in the middle of the lake, 30 km from its shore
    assert not unit.contains(55.0, -1.0)  # north of it all
    assert boundaries_from_geojson(collection).nation_at(53.0, -1.0) is None


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        (51.5, -0.1, True),  # London
        (60.15, -1.15, True),  # Lerwick
        (49.19, -2.11, True),  # St Helier, Jersey
        (53.35, -6.26, True),  # Dublin
        (-3.94, 51.62, False),  # Swansea, latitude and longitude swapped
        (48.86, 2.35, False),  # Paris
        (40.71, -74.0, False),  # New York
    ],
)
def test_the_british_isles_box(lat: float, lon: float, inside: bool):
    assert in_british_isles(lat, lon) is inside


def test_the_package_carries_the_data_file():
    text = resources.files("handbook.geography").joinpath("data", "british-isles.geojson").read_text(encoding="utf-8")
    assert json.loads(text)["type"] == "FeatureCollection"


def test_units_near_a_border_nearest_first(boundaries: Boundaries):
    # Coldstream, on the Scottish bank of the Tweed: the 1:50m outline puts it in England.
    assert boundaries.nation_at(55.648, -2.25) == "england"
    assert [unit.code for unit in boundaries.units_near(55.648, -2.25)] == ["ENG", "SCT"]
    # Coventry is far from every border; Paris is not in the British Isles.
    assert [unit.code for unit in boundaries.units_near(52.4068, -1.5197)] == ["ENG"]
    assert boundaries.units_near(48.8566, 2.3522) == []
