"""The Relationships Map's projection: WGS84 longitude and latitude to SVG coordinates.

The projection is a spherical transverse Mercator centred on 2°W, the central meridian of
the Ordnance Survey's National Grid, with its origin at 54.5°N. The British Isles stretch
over eleven degrees of latitude: an equirectangular map scaled by cos(54.5°) would draw
Shetland about 15% too wide and Cornwall about 10% too narrow, while a transverse Mercator
is conformal and true in scale along its central meridian, so the islands keep the shape
readers know from Ordnance Survey maps. A sphere is enough at this size: the ellipsoid would
move nothing by a tenth of an SVG unit more than rounding does.

`fit` sizes the projection to a longitude-latitude box (the four nations with Ireland for
context), `Projection.point` gives SVG coordinates (y grows downwards), rounded to one
decimal place so that the same places give the same bytes. Plain Python, deterministic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

CENTRAL_MERIDIAN = -2.0  # degrees east, as the National Grid's true origin
ORIGIN_LATITUDE = 54.5  # degrees north, the middle of the islands (sets only the offset)

Point = tuple[float, float]  # SVG (x, y)


@dataclass(frozen=True)
class Box:
    """A longitude-latitude box, in degrees."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def transverse_mercator(lon: float, lat: float) -> Point:
    """(easting, northing) on the unit sphere, northing from ORIGIN_LATITUDE."""
    lam = math.radians(lon - CENTRAL_MERIDIAN)
    phi = math.radians(lat)
    b = math.cos(phi) * math.sin(lam)
    easting = math.atanh(b)
    northing = math.atan2(math.tan(phi), math.cos(lam)) - math.radians(ORIGIN_LATITUDE)
    return easting, northing


@dataclass(frozen=True)
class Projection:
    """Unit-sphere transverse Mercator scaled and shifted into a `width` x `height` frame."""

    scale: float  # SVG units per radian of the unit sphere
    left: float  # easting at x = 0
    top: float  # northing at y = 0
    width: float
    height: float

    def project(self, lon: float, lat: float) -> Point:
        """SVG (x, y), unrounded: for geometry work before it is written out."""
        easting, northing = transverse_mercator(lon, lat)
        return (easting - self.left) * self.scale, (self.top - northing) * self.scale

    def point(self, lon: float, lat: float) -> Point:
        """SVG (x, y) rounded to one decimal place, as written into the map."""
        x, y = self.project(lon, lat)
        return round(x, 1), round(y, 1)


def fit(box: Box, width: float = 600.0, margin: float = 8.0) -> Projection:
    """The projection that draws `box` `width` units wide, `margin` units inside the frame.

    A transverse Mercator bends parallels and meridians away from the centre, so the box's
    edges are sampled along their length rather than only at the corners."""
    samples = 100
    lons = [box.west + (box.east - box.west) * i / samples for i in range(samples + 1)]
    lats = [box.south + (box.north - box.south) * i / samples for i in range(samples + 1)]
    edge = [(lon, lat) for lon in lons for lat in (box.south, box.north)]
    edge += [(lon, lat) for lat in lats for lon in (box.west, box.east)]
    projected = [transverse_mercator(lon, lat) for lon, lat in edge]
    least_e = min(e for e, _ in projected)
    most_e = max(e for e, _ in projected)
    least_n = min(n for _, n in projected)
    most_n = max(n for _, n in projected)
    scale = (width - 2 * margin) / (most_e - least_e)
    height = math.ceil((most_n - least_n) * scale + 2 * margin)
    return Projection(
        scale=scale,
        left=least_e - margin / scale,
        top=most_n + margin / scale,
        width=width,
        height=float(height),
    )
