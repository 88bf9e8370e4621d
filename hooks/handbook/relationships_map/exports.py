"""Data for reuse: every listed organisation, with its places, as JSON, CSV and GeoJSON
(issue 21, item 8), written into the site by every build beside the organisations' index.

* ``organisations/organisations.json``: every organisation with its type, nations, themes,
  places (coordinates, nation, source), connections, listing basis and page;
* ``organisations/organisations.csv``: one row per organisation. Lists are flattened into
  one cell each, items separated by "; ": ``places`` as "Swansea (51.621, -3.944); UK-wide"
  (coordinates as latitude, longitude, for located places only), ``place_sources`` as
  "Swansea: <source>" for each place that has one, ``connections`` as "target (type)" or
  "target (type, strength)";
* ``organisations/organisations.geojson``: an RFC 7946 FeatureCollection with one Feature
  per located place, a Point at [longitude, latitude], and one Feature with a null geometry
  for an organisation with no located place, so every listed organisation is in it.
  Properties are the organisation's fields plus the place's.

What an organisation says of itself (``what_we_do``) is exported only for a self-listed
entry, as on its page. Bytes are the same for the same content: organisations by id,
coordinates rounded to ``COORDINATE_DECIMALS`` places. Text in the CSV never starts a
spreadsheet formula (``safety.spreadsheet_cells``); the JSON files keep every value exactly.
"""

from __future__ import annotations

import csv
import io
import json

from handbook.content.corpus import Corpus
from handbook.content.model import SELF_LISTED, Organisation, OrganisationPlace
from handbook.linking.urls import url_for
from handbook.pages.exports import LICENCE, ExportFile
from handbook.safety.spreadsheet_cells import neutralise_cell

ORGANISATIONS_JSON = "organisations/organisations.json"
ORGANISATIONS_CSV = "organisations/organisations.csv"
ORGANISATIONS_GEOJSON = "organisations/organisations.geojson"
EXPORTED_FILES = (ORGANISATIONS_JSON, ORGANISATIONS_CSV, ORGANISATIONS_GEOJSON)

# Five decimal places of a degree are about a metre: finer than any place's record.
COORDINATE_DECIMALS = 5

CSV_COLUMNS = (
    "id",
    "name",
    "type",
    "nations",
    "summary",
    "what_we_do",
    "website",
    "themes",
    "places",
    "place_sources",
    "connections",
    "listing_basis",
    "listed_by",
    "listing_record",
    "listing_source",
    "page",
)


def _organisations(corpus: Corpus) -> list[Organisation]:
    return sorted(corpus.records(Organisation), key=lambda o: o.id)


def _coordinate(value: float | None) -> float | None:
    return None if value is None else round(value, COORDINATE_DECIMALS)


def place_record(place: OrganisationPlace) -> dict:
    return {
        "name": place.name,
        "lat": _coordinate(place.lat),
        "lon": _coordinate(place.lon),
        "nation": place.nation,
        "source": place.source,
    }


def organisation_record(org: Organisation, corpus: Corpus) -> dict:
    types = corpus.vocabularies.organisation_types
    listing = org.listing
    self_listed = listing is not None and listing.basis == SELF_LISTED
    return {
        "id": org.id,
        "name": org.title,
        "type": {"id": org.org_type, "title": types.title(org.org_type)} if org.org_type else None,
        "nations": org.nations,
        "summary": org.summary,
        "what_we_do": org.what_we_do if self_listed else None,
        "website": org.website,
        "themes": org.themes,
        "places": [place_record(place) for place in org.places],
        "connections": [{"target": c.target, "type": c.type, "strength": c.strength} for c in org.connections],
        "listing": {"basis": listing.basis, "by": listing.by, "record": listing.record, "source": listing.source}
        if listing
        else None,
        "page": url_for("organisation", org.id),
    }


def organisation_records(corpus: Corpus) -> list[dict]:
    return [organisation_record(org, corpus) for org in _organisations(corpus)]


def _dump(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def organisations_json(corpus: Corpus) -> bytes:
    records = organisation_records(corpus)
    return _dump({"licence": LICENCE, "count": len(records), "organisations": records})


def _place_cell(place: dict) -> str:
    if place["lat"] is None or place["lon"] is None:
        return place["name"]
    return f"{place['name']} ({place['lat']}, {place['lon']})"


def _connection_cell(connection: dict) -> str:
    detail = ", ".join(part for part in (connection["type"], connection["strength"]) if part)
    return f"{connection['target']} ({detail})"


def organisations_csv(corpus: Corpus) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in organisation_records(corpus):
        listing = record["listing"] or {}
        row = [
            record["id"],
            record["name"],
            record["type"]["id"] if record["type"] else "",
            "; ".join(record["nations"]),
            record["summary"] or "",
            record["what_we_do"] or "",
            record["website"] or "",
            "; ".join(record["themes"]),
            "; ".join(_place_cell(place) for place in record["places"]),
            "; ".join(f"{place['name']}: {place['source']}" for place in record["places"] if place["source"]),
            "; ".join(_connection_cell(connection) for connection in record["connections"]),
            listing.get("basis") or "",
            listing.get("by") or "",
            listing.get("record") or "",
            listing.get("source") or "",
            record["page"],
        ]
        writer.writerow([neutralise_cell(cell) for cell in row])
    # A byte order mark so that spreadsheet programs read the Welsh letters as UTF-8.
    return out.getvalue().encode("utf-8-sig")


def organisations_geojson(corpus: Corpus) -> bytes:
    features: list[dict] = []
    for record in organisation_records(corpus):
        fields = {key: value for key, value in record.items() if key != "places"}
        located = [place for place in record["places"] if place["lat"] is not None and place["lon"] is not None]
        for place in located:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                    "properties": {**fields, "place": place, "places": record["places"]},
                }
            )
        if not located:
            features.append(
                {
                    "type": "Feature",
                    "geometry": None,
                    "properties": {**fields, "place": None, "places": record["places"]},
                }
            )
    # "licence" is a foreign member, which RFC 7946 allows beside "type" and "features".
    return _dump({"type": "FeatureCollection", "licence": LICENCE, "features": features})


def organisation_exports(corpus: Corpus) -> list[ExportFile]:
    return [
        ExportFile(ORGANISATIONS_JSON, organisations_json(corpus)),
        ExportFile(ORGANISATIONS_CSV, organisations_csv(corpus)),
        ExportFile(ORGANISATIONS_GEOJSON, organisations_geojson(corpus)),
    ]
