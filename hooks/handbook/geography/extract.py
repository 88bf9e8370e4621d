"""Make ``data/british-isles.geojson`` from Natural Earth's 1:50m admin-0 map units.

A maintainer's tool, run once when the boundary data is refreshed; the build only reads
the committed file. Natural Earth is in the public domain; see ``data/SOURCE.md`` for
where the input comes from and how to get it::

    python -m handbook.geography.extract ne_50m_admin_0_map_units.json data/british-isles.geojson

It keeps the map units of the British Isles (the four UK nations, Ireland, the Isle of
Man and the Channel Islands), drops every property except the unit's code and name, adds
the handbook's nation id for the four nations, and rounds coordinates to four decimal
places (about ten metres), which is far finer than a 1:50m source.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

# Natural Earth's GU_A3 code of each map unit kept, with the handbook's nation id
# (docs/vocabularies.yml) for the four UK nations; the others are drawn for context.
UNITS: dict[str, str | None] = {
    "ENG": "england",
    "SCT": "scotland",
    "WLS": "wales",
    "NIR": "northern-ireland",
    "IRL": None,
    "IMN": None,
    "JEY": None,
    "GGY": None,
}
DECIMALS = 4


def _rounded(coordinates: Any) -> Any:
    if isinstance(coordinates[0], (int, float)):
        return [round(float(value), DECIMALS) for value in coordinates]
    return [_rounded(part) for part in coordinates]


def extract(source: dict) -> dict:
    features: list[dict[str, Any]] = []
    for feature in source["features"]:
        code = feature["properties"].get("GU_A3")
        if code not in UNITS:
            continue
        geometry = feature["geometry"]
        features.append(
            {
                "type": "Feature",
                "properties": {"unit": code, "name": feature["properties"]["GEOUNIT"], "nation": UNITS[code]},
                "geometry": {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])},
            }
        )
    features.sort(key=lambda f: list(UNITS).index(f["properties"]["unit"]))
    missing = set(UNITS) - {f["properties"]["unit"] for f in features}
    if missing:
        raise SystemExit(f"the source has no map unit {', '.join(sorted(missing))}: is it the map units file?")
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m handbook.geography.extract SOURCE.json OUTPUT.geojson", file=sys.stderr)
        return 2
    source = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    text = json.dumps(extract(source), separators=(",", ":"), ensure_ascii=False)
    Path(args[1]).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
