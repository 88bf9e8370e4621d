"""The schema's annotations for the browser's validator (contributions/messages.py): each field says
which FieldReader method reads it, each refinement names its check, retired fields carry the
build's message, and each set of fields lists its fields in the reader's order."""

from __future__ import annotations

from typing import Any

import pytest

from handbook.content import readers
from handbook.content.model import PLACES_WITHOUT_A_POINT
from handbook.content.problems import Problem
from handbook.content.vocabulary import Vocabularies, load_vocabularies
from handbook.contributions import messages
from handbook.contributions import schema as content
from handbook.contributions.recording_reader import RecordingReader
from handbook.geography.boundaries import load_boundaries
from tests.support import REPO
from tests.unit.test_content_schema import KIND_NAMES, build_problems

METHODS = {
    "text",
    "integer",
    "number",
    "boolean",
    "url",
    "date",
    "choice",
    "choices",
    "reference",
    "references_to",
    "texts",
    "mapping",
    "mappings",
    "allow",
}


@pytest.fixture(scope="module")
def vocabularies() -> Vocabularies:
    problems: list[Problem] = []
    loaded = load_vocabularies(REPO, problems)
    assert not problems
    return loaded


@pytest.fixture(scope="module")
def definitions(vocabularies) -> dict[str, Any]:
    return content.content_schema(vocabularies)["$defs"]


def fields(schema: dict, path: tuple = ()):
    """Every field of a definition with its path, entering sets of fields and lists of them."""
    for name, field in schema.get("properties", {}).items():
        yield (*path, name), field
        inner = field.get("items", field)
        if "properties" in inner:
            yield from fields(inner, (*path, name))


def test_every_field_says_how_the_build_reads_it(definitions, vocabularies):
    for kind, definition in definitions.items():
        for path, field in fields(definition):
            reader = field.get("x-reader")
            assert reader and reader["method"] in METHODS, (kind, path)
            if reader["method"] in ("choice", "choices"):
                assert reader["vocabulary"] in {v.name for v in vocabularies.by_name.values()} | {
                    "item statuses",
                    "listing bases",
                    "publication bases",
                }, (kind, path)
            if reader["method"] in ("reference", "references_to"):
                assert reader["kind"] and reader["rule"], (kind, path)
    assert definitions["term"]["properties"]["related_terms"]["x-reader"] == {
        "method": "references_to",
        "kind": "term",
        "rule": "lower-case words joined by hyphens",
    }
    assert definitions["term"]["properties"]["working_definition"]["x-reader"] == {"method": "text", "max_words": 40}
    assert definitions["story"]["properties"]["date"]["x-reader"] == {"method": "date", "partial": True}
    assert definitions["chapter"]["properties"]["themes"]["x-reader"] == {"method": "choices", "vocabulary": "themes"}


def test_each_refinement_names_its_check(definitions):
    for kind, refined in content.REFINEMENTS.items():
        for path in refined:
            node = definitions[kind]
            for part in path.split("."):
                node = node["items"] if part == "*" else node.get("items", node)["properties"][part]
            assert node["x-check"] == messages.CHECKS[(kind, path)]
    assert set(messages.CHECKS) == {(kind, path) for kind, table in content.REFINEMENTS.items() for path in table}


def test_a_refinement_without_a_check_fails_the_schema_loudly(vocabularies, monkeypatch):
    monkeypatch.setitem(content.REFINEMENTS, "resource", {"summary": {"type": "string"}})
    with pytest.raises(KeyError):
        content.content_schema(vocabularies)


def test_retired_fields_carry_the_readers_own_message(definitions, vocabularies):
    for kind, names in messages.RETIRED.items():
        for name in names:
            problems, _ = build_problems(kind, {name: "anything"}, vocabularies)
            (problem,) = [p for p in problems if p.field == name]
            assert definitions[kind]["x-retired"][name] == {"message": problem.message, "expected": problem.expected}
    assert "no longer a field" in definitions["story"]["x-retired"]["consent"]["message"]


def test_each_set_of_fields_lists_its_fields_in_the_readers_order(definitions, vocabularies):
    """The order a "not a known field" message lists them in, kept apart from the properties'
    order, which a JSON writer may sort (Jinja's tojson does)."""
    for kind in KIND_NAMES:
        recorder = RecordingReader()
        extra = {"boundaries": load_boundaries()} if kind == "organisation" else {}
        arguments = content._READER_ARGUMENTS.get(kind, (content.EXAMPLE_ID,))  # the schema's own
        content.kinds.by_name(kind).read(recorder, vocabularies, *arguments, **extra)
        assert definitions[kind]["x-fields"] == list(dict.fromkeys(recorder.known)), kind
        for _, field in fields(definitions[kind]):
            inner = field.get("items", field)
            if "properties" in inner:
                assert inner["x-fields"] == list(inner["properties"]), kind
    assert definitions["organisation"]["x-fields"][0] == "nations"  # read first: places are checked against them
    assert definitions["term"]["properties"]["perspectives"]["items"]["x-fields"] == [
        "definition",
        "attributed_to",
        "stance",
        "source",
    ]


def test_every_rule_and_check_carries_the_readers_own_messages(definitions):
    for rule in content.CONDITIONAL_RULES:
        at = definitions[rule.kind]
        for part in [p for p in rule.at.split(".") if p]:
            at = at["items"] if part == "*" else at["properties"][part]
        (entry,) = [entry for entry in at["allOf"] if entry["title"] == rule.name]
        assert entry["x-messages"], rule.name
        for message in entry["x-messages"].values():
            assert message["message"] and messages.MARK not in str(message), rule.name
    listing = definitions["organisation"]["properties"]["listing"]
    assert listing["allOf"][0]["x-messages"]["missing:record"] == {
        "message": "is missing: a self-listed entry needs it",
        "expected": "where it was recorded: the URL of the pull request or issue",
    }
    assert listing["properties"]["source"]["x-messages"]["refused"]["message"] == (
        "'{value}' is neither a web address nor an item on this site"
    )
    assert sorted(k for k in listing["properties"]["source"]["x-messages"] if k.startswith("invalid-id:")) == sorted(
        f"invalid-id:{kind}" for kind in readers.SOURCE_KINDS
    )
    places = definitions["organisation"]["properties"]["places"]["items"]
    assert set(places["allOf"][1]["x-messages"]) == {f"present:{name}" for name in PLACES_WITHOUT_A_POINT}


def test_a_message_changed_in_a_reader_reaches_the_schema(vocabularies, monkeypatch):
    """The messages are read from the readers, never copied: change one, the schema follows."""
    monkeypatch.setattr(readers, "SOURCE_EXPECTED", "a source, written some new way")
    changed = content.content_schema(vocabularies)["$defs"]["organisation"]["properties"]["listing"]
    assert changed["properties"]["source"]["x-messages"]["refused"]["expected"] == "a source, written some new way"
