"""Every build publishes the front matter's JSON Schema at /contribute/schema.json (issue 18)."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from handbook.content.vocabulary import load_vocabularies
from handbook.contributions.field_help import field_help
from handbook.contributions.schema import SCHEMA_URI, schema_json
from handbook.settings import read_project


def test_the_built_site_has_the_schema_and_it_parses(sample_site):
    published = (sample_site.site / SCHEMA_URI).read_bytes()
    schema = json.loads(published)
    Draft202012Validator.check_schema(schema)
    assert list(schema["$defs"]) == [
        "handbook",
        "chapter",
        "term",
        "evidence",
        "story",
        "convening",
        "resource",
        "organisation",
    ]
    # The project's own vocabularies, and the site's address as its $id when it has one.
    site_url = read_project(sample_site.root).site.url
    help_text = field_help(sample_site.root)
    assert published == schema_json(load_vocabularies(sample_site.root, []), site_url or None, help_text)
    assert schema["$id"] == (f"{site_url.rstrip('/')}/{SCHEMA_URI}" if site_url else "schema.json")
