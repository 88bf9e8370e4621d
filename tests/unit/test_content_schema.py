"""The JSON Schema of the front matter agrees with `handbook check` (issue 18, item 1).

Agreement both ways: every real item in the repository validates against its kind's
definition, and each bad item below (one per rule) is refused by the schema AND by the
build's reader, for the same field. Where they cannot agree, the difference is listed in
``schema.EXCEPTIONS`` and tested here as such, so that closing one means updating the list.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from handbook.content import kinds
from handbook.content.corpus import load_corpus
from handbook.content.fields import FieldReader, Reference
from handbook.content.placeholders import placeholder_problems
from handbook.content.problems import Problem
from handbook.content.source import SourceDoc, read_source
from handbook.content.vocabulary import Vocabularies, load_vocabularies
from handbook.contributions import schema as content
from handbook.contributions.field_help import EVERY_ITEM, field_help
from handbook.contributions.recording_reader import RecordingReader
from handbook.geography.boundaries import load_boundaries
from tests.support import REPO

KIND_NAMES = ("handbook", "chapter", "term", "evidence", "story", "convening", "resource", "organisation")


@pytest.fixture(scope="module")
def vocabularies() -> Vocabularies:
    problems: list[Problem] = []
    loaded = load_vocabularies(REPO, problems)
    assert not problems
    return loaded


@pytest.fixture(scope="module")
def schema(vocabularies) -> dict:
    return content.content_schema(vocabularies)


@pytest.fixture(scope="module")
def validators(schema) -> dict[str, Draft202012Validator]:
    return {
        name: Draft202012Validator({**schema, "$ref": f"#/$defs/{name}"}, format_checker=FormatChecker())
        for name in KIND_NAMES
    }


# -- the build's side: the reader run on front matter, as `handbook check` runs it ----------------
READER_ARGUMENTS = {"chapter": ("a-handbook", "a-chapter")}
ITEM_ID = "the-item"


def build_problems(kind_name: str, data: dict, vocabularies: Vocabularies) -> tuple[list[Problem], list[Reference]]:
    doc = SourceDoc(path="item.md", abs_path=Path("item.md"), data=data, body="", body_line=1)
    problems: list[Problem] = []
    references: list[Reference] = []
    reader = FieldReader(doc, data, problems, references)
    kind = kinds.by_name(kind_name)
    extra = {"boundaries": load_boundaries()} if kind_name == "organisation" else {}
    kind.read(reader, vocabularies, *READER_ARGUMENTS.get(kind_name, (ITEM_ID,)), **extra)
    reader.finish()
    return problems, references


def schema_errors(validator: Draft202012Validator, data: dict) -> list[ValidationError]:
    """Every error, conditional rules' errors included (``if``/``then`` report their own)."""
    found = []
    for error in validator.iter_errors(data):
        found.extend(_leaves(error))
    return found


def _leaves(error: ValidationError) -> list[ValidationError]:
    if error.context:  # anyOf / oneOf: the alternatives' errors
        return [leaf for sub in error.context for leaf in _leaves(sub)]
    return [error]


def fields_named(error: ValidationError) -> set[str]:
    """The fields an error is about, as `handbook check` names them: the value's path, and
    for a missing field, the missing field's own path."""
    path = list(error.absolute_path)
    named = {content.field_path(path)}
    if error.validator == "required" and isinstance(error.instance, dict):
        named |= {content.field_path([*path, name]) for name in error.validator_value if name not in error.instance}
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        named |= {content.field_path([*path, name]) for name in error.instance if name not in known}
    return named


def agrees(error: ValidationError, field: str) -> bool:
    if field in fields_named(error):
        return True
    # A value listed twice: the schema names the list, the build the second entry.
    return error.validator == "uniqueItems" and field.startswith(content.field_path(list(error.absolute_path)) + "[")


# -- valid items, one per kind: the bad items below change one thing each ---------------------------
def valid_items(v: Vocabularies) -> dict[str, dict[str, Any]]:
    def first(vocabulary: str) -> str:
        return getattr(v, vocabulary).ids[0]

    return {
        "handbook": {
            "title": "A handbook",
            "summary": "What it is for.",
            "editors": ["@someone", "@an-org/a-team"],
            "chapters": ["one", "two"],
        },
        "chapter": {"title": "A chapter", "summary": "What it covers.", "themes": [first("themes")]},
        "term": {
            "term": "Weaving",
            "group": first("term_groups"),
            "working_definition": "Connecting people who would not otherwise meet.",
            "perspectives": [
                {
                    "definition": "A paraphrase.",
                    "attributed_to": "This handbook",
                    "stance": first("perspective_stances"),
                    "source": {"title": "A report", "year": 2020, "url": "https://example.org/report"},
                }
            ],
            "contested": True,
            "contested_note": "People disagree about its scope.",
            "related_terms": ["another-term"],
        },
        "evidence": {
            "title": "A study",
            "authors": ["Surname, Given"],
            "year": 2019,
            "evidence_type": first("evidence_types"),
            "url": "https://example.org/study",
            "doi": "10.1000/xyz123",
            "open_access": True,
            "confidence": {"rating": 3, "rationale": "A large, careful study."},
            "last_reviewed": "2024-07-12",
        },
        "story": {
            "title": "A story",
            "story_type": first("story_types"),
            "storytellers": [{"name": "Wendy", "naming": first("namings")}],
            "publication": {"basis": "published-by-relationships-project", "page": "https://example.org/story"},
            "organisation": "an-organisation",
            "date": "2022-06",
        },
        "convening": {
            "title": "A gathering",
            "date": 2022,
            "format": "in-person",
            "location": {"venue": "A hall", "town": "Leeds", "nation": "england"},
            "participants": 40,
        },
        "organisation": {
            "name": "An organisation",
            "nations": ["wales"],
            "listing": {"basis": "public-source", "source": "https://example.org/about"},
            "places": [
                {"name": "Swansea", "lat": 51.6214, "lon": -3.9436, "source": "story:a-story"},
                {"name": "online"},
            ],
            "connections": [{"target": "another-organisation", "type": first("connection_types"), "strength": "weak"}],
        },
        "resource": {
            "title": "A toolkit",
            "kind": first("resource_kinds"),
            "summary": "What it helps with.",
            "url": "https://example.org/toolkit",
            "year": 2021,
        },
    }


def changed(item: dict, path: str, value: Any) -> dict:
    """``item`` with the field at ``path`` ("listing.source", "places.0.lat") set to ``value``
    (``DELETE``: taken out)."""
    item = copy.deepcopy(item)
    *parents, last = path.split(".")
    target: Any = item
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    key: Any = int(last) if last.isdigit() else last
    if value is DELETE:
        del target[key]
    else:
        target[key] = value
    return item


DELETE = object()
FORTY_ONE_WORDS = " ".join(["word"] * 41)

# (kind, field path to change, new value, the field both must name). One per rule.
BAD_ITEMS = [
    # missing required fields
    ("term", "group", DELETE, "group"),
    ("evidence", "confidence.rationale", DELETE, "confidence.rationale"),
    ("story", "storytellers.0.naming", DELETE, "storytellers[0].naming"),
    ("handbook", "editors", [], "editors"),
    ("resource", "summary", "", "summary"),
    # wrong types
    ("evidence", "year", "2019", "year"),
    ("evidence", "open_access", "yes", "open_access"),
    ("term", "aliases", "weavers", "aliases"),
    ("term", "perspectives", {"definition": "x"}, "perspectives"),
    ("story", "publication", "published", "publication"),
    ("organisation", "connections.0", "another-organisation", "connections[0]"),
    ("chapter", "title", ["A", "list"], "title"),
    # vocabularies
    ("term", "group", "not-a-group", "group"),
    ("chapter", "themes", ["not-a-theme"], "themes[0]"),
    ("term", "perspectives.0.stance", "agrees", "perspectives[0].stance"),
    ("chapter", "status", "finished", "status"),
    ("organisation", "connections.0.strength", "very strong", "connections[0].strength"),
    ("chapter", "themes", ["place", "place"], "themes[1]"),
    # ids of other items
    ("term", "related_terms", ["Not An Id"], "related_terms[0]"),
    ("story", "organisation", "../secrets", "organisation"),
    ("convening", "hosts", ["An Organisation"], "hosts[0]"),
    ("term", "related_terms", ["another-term", "another-term"], "related_terms[1]"),
    # web addresses
    ("resource", "url", "javascript:alert(1)", "url"),
    ("evidence", "url", "example.org/study", "url"),
    ("term", "perspectives.0.source.url", "data:text/html,hi", "perspectives[0].source.url"),
    ("story", "publication.page", "www.example.org/story", "publication.page"),
    ("organisation", "listing.source", "blog:a-post", "listing.source"),
    ("organisation", "listing.source", "ftp://example.org/list", "listing.source"),
    # numbers, dates, limits
    ("evidence", "confidence.rating", 7, "confidence.rating"),
    ("resource", "year", 1800, "year"),
    ("convening", "participants", 0, "participants"),
    ("organisation", "places.0.lat", "51.6214", "places[0].lat"),
    ("organisation", "places.0.lon", 200.0, "places[0].lon"),
    ("evidence", "last_reviewed", "2024-13-01", "last_reviewed"),
    ("convening", "date", "June 2022", "date"),
    ("story", "date", "22/06/2022", "date"),
    ("term", "working_definition", FORTY_ONE_WORDS, "working_definition"),
    ("resource", "title", "A bell\x07", "title"),
    # forms a reader checks itself
    ("handbook", "editors", ["Jane Smith"], "editors[0]"),
    ("evidence", "doi", "https://doi.org/10.1000/xyz123", "doi"),
    (
        "organisation",
        "listing",
        {"basis": "self-listed", "by": "@a", "record": "github.com/o/r/pull/1"},
        "listing.record",
    ),
    # unknown and retired fields
    ("story", "titel", "A story", "titel"),
    ("organisation", "places.0.nation", "wales", "places[0].nation"),
    ("organisation", "listed_with_consent", True, "listed_with_consent"),
    ("story", "consent", "yes", "consent"),
]

# The conditional rules (schema.CONDITIONAL_RULES): (rule, kind, changes, the field both must name).
CONDITIONAL_CASES = [
    (
        "self-listed listing",
        "organisation",
        {"listing": {"basis": "self-listed", "by": "@someone"}},
        "listing.record",
    ),
    (
        "self-listed listing",
        "organisation",
        {"listing": {"basis": "self-listed", "by": "@a", "record": "https://example.org/1", "source": "story:x"}},
        "listing.source",
    ),
    ("listing from a public source", "organisation", {"listing": {"basis": "public-source"}}, "listing.source"),
    (
        "listing from a public source",
        "organisation",
        {"listing": {"basis": "public-source", "source": "https://example.org", "by": "@someone"}},
        "listing.by",
    ),
    ("what_we_do only when self-listed", "organisation", {"what_we_do": "We weave."}, "what_we_do"),
    (
        "named place",
        "organisation",
        {"places": [{"name": "Swansea", "lon": -3.9436, "source": "https://example.org"}]},
        "places[0].lat",
    ),
    ("named place", "organisation", {"places": [{"name": "Swansea", "lat": 51.62, "lon": -3.94}]}, "places[0].source"),
    ("place without a point", "organisation", {"places": [{"name": "online", "lat": 51.62}]}, "places[0].lat"),
    (
        "place without a point",
        "organisation",
        {"places": [{"name": "Online", "source": "story:x"}]},
        "places[0].source",
    ),
    (
        "UK-wide needs uk-wide in nations",
        "organisation",
        {"places": [{"name": "UK-wide"}]},
        "places[0].name",
    ),
    (
        "story published by the Relationships Project",
        "story",
        {"publication": {"basis": "published-by-relationships-project"}},
        "publication.page",
    ),
    (
        "story published by the Relationships Project",
        "story",
        {
            "publication": {
                "basis": "published-by-relationships-project",
                "page": "https://example.org/s",
                "record": "x",
            }
        },
        "publication.record",
    ),
    (
        "story contributed here",
        "story",
        {"publication": {"basis": "contributed", "recorded_by": "@m", "record": "consent/wendy.md"}},
        "publication.date",
    ),
    (
        "story contributed here",
        "story",
        {
            "publication": {
                "basis": "contributed",
                "recorded_by": "@m",
                "date": "2024-03-02",
                "record": "consent/wendy.md",
                "page": "https://example.org/s",
            }
        },
        "publication.page",
    ),
    (
        "story contributed here",
        "story",
        {"publication": {"basis": "contributed", "recorded_by": "@m", "date": "2024-03-02", "record": "../secret"}},
        "publication.record",
    ),
    ("a convening in a place has a town", "convening", {"location": DELETE}, "location"),
    ("a convening in a place has a town", "convening", {"location": {"venue": "A hall"}}, "location"),
    ("a convening in a place has a town", "convening", {"format": "hybrid", "location": DELETE}, "location"),
    ("a contested term says how", "term", {"contested_note": DELETE}, "contested"),
]


def assert_agreement(kind: str, data: dict, field: str, vocabularies, validators) -> None:
    problems, _ = build_problems(kind, data, vocabularies)
    errors = schema_errors(validators[kind], data)
    build_fields = sorted(problem.field for problem in problems)
    described = [f"{list(error.absolute_path)} {error.validator}: {error.message}" for error in errors]
    assert field in build_fields, f"the build does not refuse {field}: {build_fields}"
    assert any(agrees(error, field) for error in errors), f"the schema does not refuse {field}: {described}"
    # Nothing else either: each side's findings are about fields the other names too.
    for problem in problems:
        assert any(agrees(error, problem.field) for error in errors), (problem, described)
    for error in errors:
        assert any(agrees(error, name) for name in build_fields), (described, build_fields)


# -- the tests --------------------------------------------------------------------------------------
def test_the_schema_is_a_valid_2020_12_schema_with_one_definition_per_kind(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert tuple(schema["$defs"]) == KIND_NAMES
    for definition in schema["$defs"].values():
        assert definition["type"] == "object" and definition["additionalProperties"] is False


def test_every_real_item_validates_against_its_kind(vocabularies, validators):
    result = load_corpus(REPO)
    assert not result.problems, result.problems[:5]  # the build's own verdict on them
    checked = dict.fromkeys(KIND_NAMES, 0)
    failures = []
    for item in result.corpus:
        if item.kind not in checked:
            continue  # themes (vocabulary entries) and free-form pages: not contributed kinds
        doc = read_source(REPO / item.path, item.path, [], front_matter_required=False)
        assert doc is not None
        for error in schema_errors(validators[item.kind], doc.data):
            failures.append(f"{item.path}: {content.field_path(list(error.absolute_path))}: {error.message}")
        checked[item.kind] += 1
    assert not failures, failures
    assert all(checked.values()), checked  # every kind had real items to check


def test_the_valid_examples_pass_both(vocabularies, validators):
    for kind, data in valid_items(vocabularies).items():
        problems, _ = build_problems(kind, data, vocabularies)
        assert not problems, (kind, problems)
        assert not schema_errors(validators[kind], data), kind


@pytest.mark.parametrize(("kind", "path", "value", "field"), BAD_ITEMS, ids=[f"{c[0]}-{c[3]}" for c in BAD_ITEMS])
def test_a_bad_item_fails_both_for_the_same_field(kind, path, value, field, vocabularies, validators):
    data = changed(valid_items(vocabularies)[kind], path, value)
    assert_agreement(kind, data, field, vocabularies, validators)


@pytest.mark.parametrize(
    ("rule", "kind", "changes", "field"), CONDITIONAL_CASES, ids=[f"{c[0]}-{c[3]}" for c in CONDITIONAL_CASES]
)
def test_each_conditional_rule_fails_both_for_the_same_field(rule, kind, changes, field, vocabularies, validators):
    data = valid_items(vocabularies)[kind]
    for path, value in changes.items():
        data = changed(data, path, value)
    assert_agreement(kind, data, field, vocabularies, validators)


def test_every_conditional_rule_and_refinement_is_tested():
    assert {rule.name for rule in content.CONDITIONAL_RULES} == {case[0] for case in CONDITIONAL_CASES}
    cases = [(kind, field) for kind, _, _, field in BAD_ITEMS] + [
        (kind, field) for _, kind, _, field in CONDITIONAL_CASES
    ]
    tested = {(kind, re.sub(r"\[\d+\]", ".*", field)) for kind, field in cases}
    for kind, refined in content.REFINEMENTS.items():
        for path in refined:
            if path == "chapters":
                continue  # checked by the loader against the files: see the next test
            assert (kind, path) in tested, (kind, path)


def test_a_handbooks_chapters_are_slugs_for_both(tmp_path, make_project, validators):
    """The loader, not the reader, checks a handbook's chapters (against its files): a whole load."""
    root = make_project(tmp_path / "project", git=False)
    index = root / "handbooks" / "starter" / "index.md"
    doc = read_source(index, "handbooks/starter/index.md", [])
    assert doc is not None and doc.data["chapters"]
    bad = changed(doc.data, "chapters", ["Not A Slug", *doc.data["chapters"]])
    assert any(agrees(error, "chapters[0]") for error in schema_errors(validators["handbook"], bad))
    index.write_text(f"---\n{yaml.safe_dump(bad)}---\n{doc.body}", encoding="utf-8")
    assert [p.field for p in load_corpus(root).problems if "not a valid id" in p.message] == ["chapters[0]"]


# -- the listed exceptions: each one holds, so the list says what is true ------------------------------
def test_references_are_checked_in_form_only(vocabularies, validators):
    data = changed(valid_items(vocabularies)["term"], "related_terms", ["no-such-term", ITEM_ID])
    assert not schema_errors(validators["term"], data)
    problems, references = build_problems("term", data, vocabularies)
    assert [p.field for p in problems] == ["related_terms"]  # lists itself: only the build knows its id
    assert {r.id for r in references} == {"no-such-term", ITEM_ID}  # resolved once the corpus is loaded
    assert "must exist" in content.EXCEPTIONS[0]


def test_a_point_in_the_wrong_nation_is_for_the_build_only(vocabularies, validators):
    data = changed(valid_items(vocabularies)["organisation"], "nations", ["scotland"])
    assert not schema_errors(validators["organisation"], data)
    problems, _ = build_problems("organisation", data, vocabularies)
    assert [p.field for p in problems] == ["places[0].lat"]
    assert "boundary data" in content.EXCEPTIONS[1]


def test_placeholders_are_for_the_build_only(vocabularies, validators):
    data = changed(valid_items(vocabularies)["resource"], "summary", "TODO: what it helps with")
    assert not schema_errors(validators["resource"], data)
    doc = SourceDoc(path="item.md", abs_path=Path("item.md"), data=data, body="", body_line=1)
    assert [p.field for p in placeholder_problems(doc)] == ["summary"]
    assert "TODO" in content.EXCEPTIONS[3]


def test_a_chapters_title_may_be_its_heading_which_only_the_build_sees(vocabularies, validators):
    data = changed(valid_items(vocabularies)["chapter"], "title", DELETE)
    assert not schema_errors(validators["chapter"], data)
    assert [p.field for p in build_problems("chapter", data, vocabularies)[0]] == ["title"]  # no heading either
    assert "'# Title' heading" in content.EXCEPTIONS[5]


@pytest.mark.parametrize(
    ("kind", "path", "value"),
    [
        ("resource", "year", None),  # an empty value: the build takes it for a missing field
        ("evidence", "publisher", None),
        ("resource", "title", 2024),  # a number where text is expected: the build reads it as text
        ("resource", "url", "https:example.org"),  # a scheme without //: the URL policy reads the scheme only
    ],
)
def test_where_the_schema_is_stricter_than_the_build(kind, path, value, vocabularies, validators):
    data = changed(valid_items(vocabularies)[kind], path, value)
    assert not build_problems(kind, data, vocabularies)[0]
    assert schema_errors(validators[kind], data)
    assert "empty value" in content.EXCEPTIONS[4] and "number where text" in content.EXCEPTIONS[4]


# -- how the schema is made and published ------------------------------------------------------------
def test_a_field_added_to_a_reader_appears_in_the_schema(vocabularies):
    def read(r: FieldReader) -> None:
        r.text("title", required=True)
        r.choices("themes", vocabularies.themes)
        r.mappings("steps", lambda s: (s.integer("minutes", minimum=1, maximum=600), s.url("link")))

    recorder = RecordingReader()
    read(recorder)
    recorded = recorder.object_schema()
    assert recorded["required"] == ["title"]
    assert recorded["properties"]["themes"]["items"]["enum"] == vocabularies.themes.ids
    assert recorded["properties"]["themes"]["items"]["x-titles"] == [e.title for e in vocabularies.themes]
    steps = recorded["properties"]["steps"]["items"]
    assert steps["properties"]["minutes"] == {"type": "integer", "minimum": 1, "maximum": 600}
    assert steps["properties"]["link"]["pattern"] == "^[Hh][Tt][Tt][Pp][Ss]?://"
    assert steps["additionalProperties"] is False


def test_the_schema_is_the_same_bytes_every_time_and_names_its_address(vocabularies):
    once = content.schema_json(vocabularies)
    assert once == content.schema_json(vocabularies)
    assert json.loads(once)["$id"] == "schema.json"
    published = json.loads(content.schema_json(vocabularies, "https://handbooks.example.org/"))
    assert published["$id"] == "https://handbooks.example.org/contribute/schema.json"


def test_the_vocabularies_titles_reach_the_schema(schema, vocabularies):
    group = schema["$defs"]["term"]["properties"]["group"]
    assert group["enum"] == vocabularies.term_groups.ids
    assert group["x-titles"] == [entry.title for entry in vocabularies.term_groups]
    # What an editor shows beside each value it offers: the title, and the description when there is one.
    described = [entry for entry in vocabularies.themes if entry.description]
    assert described
    themes = schema["$defs"]["term"]["properties"]["themes"]["items"]
    assert themes["enumDescriptions"][themes["enum"].index(described[0].id)] == (
        f"{described[0].title}: {described[0].description}"
    )


# Draft 7's keywords (json-schema.org/draft-07/schema), the dialect VS Code's YAML extension validates with.
DRAFT_7_KEYWORDS = set(
    """$schema $id $ref $comment title description default readOnly examples multipleOf maximum
    exclusiveMaximum minimum exclusiveMinimum maxLength minLength pattern additionalItems items
    maxItems minItems uniqueItems contains maxProperties minProperties required
    additionalProperties definitions properties patternProperties dependencies propertyNames
    const enum type format contentMediaType contentEncoding if then else allOf anyOf oneOf not""".split()
)
# The browser validator's annotations (contributions.messages), which validators ignore.
ANNOTATIONS = ("x-reader", "x-check", "x-retired", "x-fields", "x-messages")


def test_a_kinds_definition_keeps_to_what_draft_7_and_2020_12_share(schema):
    """``handbook schema --kind`` hands one definition to editors on draft 7: no 2019+ keyword."""

    def keywords(node: Any) -> set[str]:
        if isinstance(node, list):
            return set().union(*(keywords(entry) for entry in node)) if node else set()
        if not isinstance(node, dict):
            return set()
        found = set(node)
        for key, value in node.items():
            if key == "properties":  # field names, not keywords
                found |= set().union(*(keywords(sub) for sub in value.values())) if value else set()
            elif key not in ("enum", "const", "x-titles", "enumDescriptions", "required", *ANNOTATIONS):
                found |= keywords(value)
        return found

    for name, definition in schema["$defs"].items():
        assert keywords(definition) <= DRAFT_7_KEYWORDS | {"x-titles", "enumDescriptions", *ANNOTATIONS}, name
        assert "$ref" not in keywords(definition), name  # standalone: nothing to resolve


def test_handbook_schema_prints_the_schema_or_one_kind(capsys, vocabularies):
    from handbook.cli.main import main

    schema = content.content_schema(vocabularies, help_text=field_help(REPO))
    assert main(["--root", str(REPO), "schema"]) == 0
    assert json.loads(capsys.readouterr().out) == schema
    assert main(["--root", str(REPO), "schema", "--kind", "organisation"]) == 0
    assert json.loads(capsys.readouterr().out) == schema["$defs"]["organisation"]


def test_the_content_models_help_text_describes_the_fields(vocabularies):
    help_text = field_help(REPO)
    described = content.content_schema(vocabularies, help_text=help_text)["$defs"]
    term = described["term"]["properties"]
    assert term["working_definition"]["description"].startswith("at most 40 plain words")
    assert term["use_with_care"]["description"] == "why (required) and alternatives (list of words to use instead)"
    assert described["story"]["properties"]["themes"]["description"] == "list of theme ids (vocabulary themes)"
    # The content model's words first, then the rule the schema states itself.
    assert described["resource"]["properties"]["url"]["description"] == (
        "only when certain. A full http(s) address, such as https://example.org/report."
    )


def test_every_field_the_content_model_describes_is_a_field_of_its_kind(schema):
    """The page and the readers agree on each kind's fields (the page may leave some out)."""
    help_text = field_help(REPO)
    assert set(help_text) == {EVERY_ITEM, *KIND_NAMES}
    for kind in KIND_NAMES:
        fields = schema["$defs"][kind]["properties"]
        assert set(help_text[kind]) <= set(fields), (kind, set(help_text[kind]) - set(fields))
        assert set(help_text[EVERY_ITEM]) <= set(fields), kind


def test_a_project_without_the_content_model_page_gets_no_help_text(tmp_path, vocabularies):
    assert field_help(tmp_path) == {}
    assert content.content_schema(vocabularies, help_text={}) == content.content_schema(vocabularies)


def test_making_the_schema_changes_nothing_for_the_next_one(vocabularies):
    """``mkdocs serve`` makes it on every rebuild in one process: no table may keep what a call added."""
    plain = content.schema_json(vocabularies)
    described = content.schema_json(vocabularies, help_text=field_help(REPO))
    assert content.schema_json(vocabularies, help_text=field_help(REPO)) == described
    assert content.schema_json(vocabularies) == plain != described
