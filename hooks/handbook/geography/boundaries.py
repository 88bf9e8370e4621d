"""The outlines of the British Isles, and which nation a point falls in.

``load_boundaries()`` reads the committed boundary data (``data/british-isles.geojson``,
Natural Earth's 1:50m map units; see ``data/SOURCE.md``) into a ``Boundaries`` record.
Callers load it once per build (the corpus load does) and pass it on: nothing is kept
between builds. Coordinates are WGS84 degrees; points in the outlines are (lon, lat), as
GeoJSON writes them, while the functions here take (lat, lon), as people write them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

# The box around the British Isles (degrees): Jersey to Shetland, the west coast of
# Ireland to the east coast of England.
BRITISH_ISLES_LAT = (49.1, 61.0)
BRITISH_ISLES_LON = (-11.0, 2.0)

# A coastal town can fall a little outside a 1:50m outline (its harbour, an island the
# outline leaves out): within this distance of a unit's edge, the point is in that unit.
# Holyhead is 4.9 km from the outline of Wales; the narrowest sea between two units (the
# North Channel, Scotland to Northern Ireland) is about 20 km, and the nearest unit wins.
COAST_TOLERANCE_KM = 10.0
# Near a land border the 1:50m outline can be a kilometre or two out (Coldstream, on the
# Scottish bank of the Tweed, falls in its England): units within this distance of a point
# are where it may be (units_near), for a check to accept the one the content says.
BORDER_TOLERANCE_KM = 3.0
KM_PER_DEGREE_LAT = 110.57
KM_PER_DEGREE_LON_AT_EQUATOR = 111.32

Point = tuple[float, float]  # (lon, lat)
Ring = tuple[Point, ...]  # closed: the last point repeats the first
Polygon = tuple[Ring, ...]  # the outer ring, then any holes
Box = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def in_british_isles(lat: float, lon: float) -> bool:
    """Whether a point falls in the box around the British Isles."""
    return BRITISH_ISLES_LAT[0] <= lat <= BRITISH_ISLES_LAT[1] and BRITISH_ISLES_LON[0] <= lon <= BRITISH_ISLES_LON[1]


@dataclass(frozen=True)
class MapUnit:
    """One of Natural Earth's map units: a UK nation (``nation`` is its id in the nations
    vocabulary) or a neighbour drawn for context (Ireland, the Isle of Man, Jersey,
    Guernsey: ``nation`` None)."""

    code: str  # Natural Earth's code: ENG, SCT, WLS, NIR, IRL, IMN, JEY, GGY
    name: str
    nation: str | None
    polygons: tuple[Polygon, ...]
    boxes: tuple[Box, ...] = field(init=False, repr=False, compare=False)  # one per polygon

    def __post_init__(self) -> None:
        object.__setattr__(self, "boxes", tuple(_box(polygon[0]) for polygon in self.polygons))

    def contains(self, lat: float, lon: float) -> bool:
        return any(
            _within(box, lat, lon, 0.0, 0.0) and _inside(polygon, lon, lat)
            for polygon, box in zip(self.polygons, self.boxes, strict=True)
        )

    def distance_km(self, lat: float, lon: float, limit_km: float) -> float:
        """The distance from the point to the unit's nearest edge, or ``math.inf`` when it is
        further than ``limit_km`` (only polygons whose box, widened by the limit, holds it are measured)."""
        km_per_lon = KM_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(lat))
        margin_lat, margin_lon = limit_km / KM_PER_DEGREE_LAT, limit_km / km_per_lon
        nearest = math.inf
        for polygon, box in zip(self.polygons, self.boxes, strict=True):
            if not _within(box, lat, lon, margin_lat, margin_lon):
                continue
            for ring in polygon:
                # A local flat projection around the point: x east, y north, in km.
                flat = [((x - lon) * km_per_lon, (y - lat) * KM_PER_DEGREE_LAT) for x, y in ring]
                for start, end in zip(flat, flat[1:], strict=False):
                    nearest = min(nearest, _distance_to_segment(start, end))
        return nearest if nearest <= limit_km else math.inf


@dataclass(frozen=True)
class Boundaries:
    """The map units of the British Isles, in the data file's order (England, Scotland,
    Wales, Northern Ireland, then the neighbours)."""

    units: tuple[MapUnit, ...]

    def unit_at(self, lat: float, lon: float) -> MapUnit | None:
        """The unit the point falls in; failing that, the nearest one within
        ``COAST_TOLERANCE_KM`` (a coastal point the outline misses); None at sea or abroad."""
        if not in_british_isles(lat, lon):
            return None
        for unit in self.units:
            if unit.contains(lat, lon):
                return unit
        distances = [(unit.distance_km(lat, lon, COAST_TOLERANCE_KM), index) for index, unit in enumerate(self.units)]
        nearest, index = min(distances)
        return self.units[index] if nearest <= COAST_TOLERANCE_KM else None

    def units_near(self, lat: float, lon: float, within_km: float = BORDER_TOLERANCE_KM) -> list[MapUnit]:
        """The units the point falls in or lies within ``within_km`` of, nearest first."""
        if not in_british_isles(lat, lon):
            return []
        distances = [
            (0.0 if unit.contains(lat, lon) else unit.distance_km(lat, lon, within_km), index)
            for index, unit in enumerate(self.units)
        ]
        return [self.units[index] for distance, index in sorted(distances) if distance <= within_km]

    def nation_at(self, lat: float, lon: float) -> str | None:
        """The id of the UK nation the point falls in (england, scotland, wales,
        northern-ireland), or None: outside the UK (Ireland, the Isle of Man...), at sea, abroad."""
        unit = self.unit_at(lat, lon)
        return unit.nation if unit is not None else None


def load_boundaries() -> Boundaries:
    """The committed boundary data, read from the package."""
    text = resources.files("handbook.geography").joinpath("data", "british-isles.geojson").read_text(encoding="utf-8")
    return boundaries_from_geojson(json.loads(text))


def boundaries_from_geojson(collection: dict[str, Any]) -> Boundaries:
    units = []
    for feature in collection["features"]:
        properties, geometry = feature["properties"], feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        units.append(
            MapUnit(
                code=properties["unit"],
                name=properties["name"],
                nation=properties["nation"],
                polygons=tuple(
                    tuple(tuple((float(lon), float(lat)) for lon, lat in ring) for ring in polygon)
                    for polygon in polygons
                ),
            )
        )
    return Boundaries(tuple(units))


def _box(ring: Ring) -> Box:
    lons, lats = [lon for lon, _ in ring], [lat for _, lat in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _within(box: Box, lat: float, lon: float, margin_lat: float, margin_lon: float) -> bool:
    min_lon, min_lat, max_lon, max_lat = box
    return min_lat - margin_lat <= lat <= max_lat + margin_lat and min_lon - margin_lon <= lon <= max_lon + margin_lon


def _inside(polygon: Polygon, x: float, y: float) -> bool:
    """Ray casting, even-odd over every ring: a point in a hole crosses the outer ring and
    the hole's, so it is outside."""
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _distance_to_segment(start: Point, end: Point) -> float:
    """The distance from the origin to the segment (flat coordinates, km)."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length_squared = dx * dx + dy * dy
    t = 0.0 if length_squared == 0 else max(0.0, min(1.0, -(x1 * dx + y1 * dy) / length_squared))
    return math.hypot(x1 + t * dx, y1 + t * dy)
