"""The JSON Schema of every kind's front matter, derived from the readers `handbook check` uses.

``content_schema(vocabularies)`` runs each kind's reader (``handbook.content.readers``)
against a ``RecordingReader``, which writes down every field the reader asks for, and
gathers the results under ``$defs``: one definition per kind (``schema.json#/$defs/story``).
Two short tables add what a reader checks in code once it has a value, which no recording
can see:

* ``REFINEMENTS``: the form of a few fields a reader reads as text and then checks itself
  (a listing's source is a web address or ``kind:id``; an editor is a GitHub handle);
* ``CONDITIONAL_RULES``: rules where one field decides another (a listing's basis decides
  which fields it needs; a named place needs coordinates, ``UK-wide`` takes none), written
  as ``if``/``then``, each placed so that its error names the field the build names.

``EXCEPTIONS`` lists what only the build can check (that a referenced item exists, a
point's nation...) and where the schema is stricter than the build (an empty value the
build takes for a missing field): it is repeated in the schema's own description, and the
agreement test (tests/unit/test_content_schema.py) holds both sides to it.

The schema keeps to what draft 7 and 2020-12 share (no ``$ref`` beside other keywords, no
``unevaluatedProperties``), since VS Code's YAML extension validates with draft 7. Output
is the same bytes for the same vocabularies: kinds in the registry's order, fields in the
order their reader asks for them (the order a form shows them in), vocabularies in the
order of docs/vocabularies.yml.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from handbook.content import kinds
from handbook.content.model import (
    CONTRIBUTED,
    ONLINE,
    PLACES_WITHOUT_A_POINT,
    PUBLIC_SOURCE,
    PUBLISHED_BY_PROJECT,
    SELF_LISTED,
    UK_WIDE,
)
from handbook.content.readers import NATION_UK_WIDE, SOURCE_KINDS, STRENGTHS
from handbook.content.vocabulary import Vocabularies
from handbook.contributions import messages
from handbook.contributions.field_help import EVERY_ITEM
from handbook.contributions.recording_reader import (
    ITEM_ID,
    PLAIN_TEXT,
    Schema,
    web_address_schema,
)
from handbook.geography.boundaries import load_boundaries
from handbook.linking.references import SLUG_PATTERN
from handbook.safety import handles

FieldHelp = dict[str, dict[str, str]]  # field_help.field_help(root): kind -> field -> meaning
SCHEMA_URI = "contribute/schema.json"  # where every build writes it, as if under docs/
DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The kinds a contributor writes a file for: every kind with a reader, but free-form pages.
KINDS = tuple(kind for kind in kinds.KINDS if kind.reader is not None and kind.referable)
# What a reader needs besides the recorder and the vocabularies: an example id, or a
# handbook and a chapter's slug. The values are never checked: nothing is read.
_READER_ARGUMENTS: dict[str, tuple[str, ...]] = {"chapter": ("a-handbook", "a-chapter")}
EXAMPLE_ID = "an-item"


def _any_case(word: str) -> str:
    """A pattern matching ``word`` in any case (ECMA-262 patterns have no inline flags)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


# A place with no point, as the reader recognises it: "UK-wide" or "online", in any case.
PLACE_WITHOUT_A_POINT = r"^\s*(" + "|".join(_any_case(name) for name in PLACES_WITHOUT_A_POINT) + r")\s*$"
# readers._web_address: "http://" or "https://", written so, then the URL policy.
HTTP_ADDRESS = "^https?://"
# readers._item_source: a web address, or `kind:id` naming an item on this site.
ITEM_SOURCE = rf"^(https?://.*|({'|'.join(SOURCE_KINDS)}):{SLUG_PATTERN})$"
# readers.read_story's record: a web address or a path in the repository (never absolute, no "..").
RECORD = r"^(https?://.*|(?!/)(?!.*(^|/)\.\.(/|$))[A-Za-z0-9._/-]+)$"
# handles.is_handle: "@name" or "@org/team" and nothing else (the pattern is the module's own).
HANDLE = f"^{handles._HANDLE.pattern}$"  # same package: the one definition of a handle
# read_evidence: the bare DOI, without "https://doi.org/", "doi.org/" or "doi:" before it.
BARE_DOI = "^(?!" + "|".join(_any_case(prefix) for prefix in ("http", "doi.org", "doi:")).replace(".", r"\.") + ")"


def _web(description: str) -> Schema:
    return {**web_address_schema(), "pattern": HTTP_ADDRESS, "description": description}


def _text_matching(pattern: str, description: str) -> Schema:
    return {"type": "string", "pattern": PLAIN_TEXT, "allOf": [{"pattern": pattern}], "description": description}


# Field path (dots; "*" for each entry of a list) -> its schema, for the fields a reader
# reads as text and then checks itself. Each is covered by a bad item in the agreement test.
REFINEMENTS: dict[str, dict[str, Schema]] = {
    "handbook": {
        "editors.*": {
            "type": "string",
            "pattern": HANDLE,
            "description": "A GitHub handle (@name) or team (@org/team): editors become the handbook's CODEOWNERS.",
        },
        "chapters": {
            "type": "array",
            "items": {"type": "string", "pattern": ITEM_ID},
            "minItems": 1,
            "uniqueItems": True,
            "description": "The chapter ids in reading order; each is a file handbooks/<handbook>/<chapter>.md.",
        },
    },
    "evidence": {
        "doi": _text_matching(BARE_DOI, "The bare DOI, such as 10.1371/journal.pmed.1000316 (no https://doi.org/)."),
    },
    "story": {
        "publication.page": _web("The full web address where the Relationships Project published the story."),
        "publication.record": _text_matching(
            RECORD, "Where the consent is recorded: an issue or pull request URL, or a path in the repository."
        ),
    },
    "organisation": {
        "connections.*.strength": {"type": "string", "enum": list(STRENGTHS)},
        "listing.record": _web("Where it was recorded: the URL of the pull request or issue."),
        "listing.source": _text_matching(
            ITEM_SOURCE, "A full http(s) web address, or an item on this site written kind:id (e.g. story:some-id)."
        ),
        "places.*.source": _text_matching(
            ITEM_SOURCE,
            "The public page that says the organisation is there, or an item on this site written kind:id.",
        ),
    },
}


@dataclass(frozen=True)
class ConditionalRule:
    """A rule a reader checks in code: ``when`` the object at ``at`` matches ``condition``,
    it must match ``then``. ``at`` is a field path as in REFINEMENTS ("" for the item)."""

    name: str
    kind: str
    at: str
    description: str
    condition: Schema
    then: Schema

    def schema(self) -> Schema:
        return {"title": self.name, "description": self.description, "if": self.condition, "then": self.then}


def _basis(value: str) -> Schema:
    return {"properties": {"basis": {"const": value}}, "required": ["basis"]}


def _present(*names: str) -> Schema:
    """The fields are there with a value: readers._required counts an empty one as missing
    (for a number, the base schema's type already refuses an empty text)."""
    return {"required": list(names), "properties": {name: {"minLength": 1} for name in names}}


def _given(*names: str) -> Schema:
    """The fields are there (numbers: their own schema refuses an empty value)."""
    return {"required": list(names)}


# Any value refused. Not the schema `false`, which says the same, because python-jsonschema
# reports a `false` property without its name in the error's path.
NOT_HERE: Schema = {"not": {}}


def _absent(*names: str) -> Schema:
    """The fields are not there at all (readers._not_for: even an empty one is refused)."""
    return {"properties": {name: NOT_HERE for name in names}}


def _both(*schemas: Schema) -> Schema:
    merged: Schema = {"properties": {}}
    for schema in schemas:
        merged["properties"].update(schema.get("properties", {}))
        if "required" in schema:
            merged.setdefault("required", []).extend(schema["required"])
    return merged


CONDITIONAL_RULES: tuple[ConditionalRule, ...] = (
    ConditionalRule(
        "self-listed listing",
        "organisation",
        "listing",
        "A self-listed entry says who listed it (by) and where (record), and has no source.",
        _basis(SELF_LISTED),
        _both(_present("by", "record"), _absent("source")),
    ),
    ConditionalRule(
        "listing from a public source",
        "organisation",
        "listing",
        "An entry listed from a public source names that source, and has no by or record.",
        _basis(PUBLIC_SOURCE),
        _both(_present("source"), _absent("by", "record")),
    ),
    ConditionalRule(
        "what_we_do only when self-listed",
        "organisation",
        "",
        "what_we_do is an organisation's own words: only on a self-listed entry (otherwise write a summary).",
        {
            "not": {
                "required": ["listing"],
                "properties": {"listing": {"type": "object", **_basis(SELF_LISTED)}},
            }
        },
        {"properties": {"what_we_do": NOT_HERE}},
    ),
    ConditionalRule(
        "named place",
        "organisation",
        "places.*",
        "A named place needs its coordinates (lat, lon) and the public source that says it is there.",
        {
            "required": ["name"],
            "properties": {"name": {"type": "string", "minLength": 1, "not": {"pattern": PLACE_WITHOUT_A_POINT}}},
        },
        _both(_given("lat", "lon"), _present("source")),
    ),
    ConditionalRule(
        "place without a point",
        "organisation",
        "places.*",
        f"{UK_WIDE} and {ONLINE} are no point on the map: they take no lat, lon or source.",
        {"required": ["name"], "properties": {"name": {"type": "string", "pattern": PLACE_WITHOUT_A_POINT}}},
        _absent("lat", "lon", "source"),
    ),
    ConditionalRule(
        "UK-wide needs uk-wide in nations",
        "organisation",
        "",
        f"A place named {UK_WIDE} needs {NATION_UK_WIDE} among the organisation's nations.",
        {
            "required": ["nations"],
            "properties": {"nations": {"type": "array", "minItems": 1, "not": {"contains": {"const": NATION_UK_WIDE}}}},
        },
        {
            "properties": {
                "places": {"items": {"properties": {"name": {"not": {"pattern": rf"^\s*{_any_case(UK_WIDE)}\s*$"}}}}}
            }
        },
    ),
    ConditionalRule(
        "story published by the Relationships Project",
        "story",
        "publication",
        "A story the Relationships Project published cites the page (page), and has no recorded_by or record.",
        _basis(PUBLISHED_BY_PROJECT),
        _both(_present("page"), _absent("recorded_by", "record")),
    ),
    ConditionalRule(
        "story contributed here",
        "story",
        "publication",
        "A story contributed here names who recorded the consent (recorded_by), when (date) and where (record).",
        _basis(CONTRIBUTED),
        _both(_present("recorded_by", "date", "record"), _absent("page")),
    ),
    ConditionalRule(
        "a convening in a place has a town",
        "convening",
        "",
        "An in-person or hybrid convening gives the town it was held in (location.town).",
        {"required": ["format"], "properties": {"format": {"enum": ["in-person", "hybrid"]}}},
        {"required": ["location"], "properties": {"location": _present("town")}},
    ),
    ConditionalRule(
        "a contested term says how",
        "term",
        "",
        "A term marked contested: true has a contested_note saying how the perspectives disagree.",
        {"not": {"required": ["contested_note"], "properties": {"contested_note": {"type": "string", "minLength": 1}}}},
        {"properties": {"contested": {"const": False}}},
    ),
)

# What the schema cannot say, or says more strictly than the build: the build decides.
EXCEPTIONS: tuple[str, ...] = (
    "A referenced item (a term in related_terms, a story's organisation, a listing's source written kind:id...) "
    "must exist, be published when the referring item is, and a term may not list itself: the schema checks only "
    "the form of the id.",
    "A place's coordinates must fall in one of the organisation's nations (or outside the UK with international): "
    "that needs the map's boundary data. The same place twice is refused by the build only.",
    "Ids must be unique across the site, a term's names and aliases may not be common words or another term's, and "
    "a handbook's chapters must exist as files: the build checks the whole site.",
    "A value still holding a template placeholder (TODO: ...) is refused by the build only.",
    "The build takes an empty value (field: with nothing after it, '' or []) for a missing field; the schema asks "
    "for the field to be left out instead. It takes a number where text is expected (title: 2024) as text; the "
    "schema asks for quotes. It reads a scheme in any case and with spaces inside (HTTPS:, ht tp:); the schema "
    "asks for http:// or https://.",
    "A chapter's title may be its text's first '# Title' heading instead of a title field: the schema sees only "
    "the front matter, so it leaves title optional and the build asks for one or the other.",
)


def content_schema(
    vocabularies: Vocabularies, site_url: str | None = None, help_text: FieldHelp | None = None
) -> Schema:
    """The schema: one definition per kind under ``$defs``; ``site_url`` makes its ``$id``
    absolute (the address it is published at), else it is ``schema.json``; ``help_text``
    (``field_help.field_help(root)``) gives the fields their descriptions."""
    definitions = {kind.name: kind_schema(kind, vocabularies, help_text or {}) for kind in KINDS}
    return {
        "$schema": DIALECT,
        "$id": f"{site_url.rstrip('/')}/{SCHEMA_URI}" if site_url else "schema.json",
        "title": "Front matter of the handbooks' content",
        "description": "One definition per kind of item, for the YAML front matter of its Markdown file: use "
        "schema.json#/$defs/<kind> (" + ", ".join(definitions) + "). Derived from the same readers as `handbook "
        "check`, which stays the judge. What only the build checks: " + " ".join(EXCEPTIONS),
        "$defs": definitions,
    }


def kind_schema(kind: kinds.Kind, vocabularies: Vocabularies, help_text: FieldHelp | None = None) -> Schema:
    """One kind's definition: its reader's record, refined, with its conditional rules and
    the content model's help text."""
    recorder = messages.AnnotatingReader()  # a RecordingReader noting which method read each field
    arguments = _READER_ARGUMENTS.get(kind.name, (EXAMPLE_ID,))
    extra = {"boundaries": load_boundaries()} if kind is kinds.ORGANISATION else {}
    kind.read(recorder, vocabularies, *arguments, **extra)
    schema = recorder.object_schema()
    for path, refined in REFINEMENTS.get(kind.name, {}).items():
        *parents, name = path.split(".")
        parent = _at(schema, parents)
        refined = copy.deepcopy(refined)  # a copy: descriptions are added to it below
        if name == "*":
            parent["items"] = refined
        else:
            _at(parent, [name])  # the field is still the reader's
            parent["properties"][name] = refined
    for rule in CONDITIONAL_RULES:
        if rule.kind == kind.name:
            at = _at(schema, rule.at.split(".") if rule.at else [])
            at.setdefault("allOf", []).append(copy.deepcopy(rule.schema()))
    _describe(schema["properties"], {**(help_text or {}).get(EVERY_ITEM, {}), **(help_text or {}).get(kind.name, {})})
    # For the browser's validator: how the build reads each field, to word its messages alike.
    messages.annotate(
        schema,
        kind.name,
        recorder.notes,
        list(REFINEMENTS.get(kind.name, {})),
        [rule for rule in CONDITIONAL_RULES if rule.kind == kind.name],
        lambda r: kind.read(r, vocabularies, *arguments, **extra),
        vocabularies,
    )
    title = {"title": kind.label}
    if kind.index is not None:
        title["description"] = kind.index.summary
    return {**title, **schema}


def _describe(properties: dict[str, Schema], meanings: dict[str, str]) -> None:
    """Each field's meaning from the content model first, then what its schema already says."""
    for name, field in properties.items():
        meaning = meanings.get(name)
        if meaning and field.get("description"):
            field["description"] = f"{meaning.rstrip('.')}. {field['description']}"
        elif meaning:
            field["description"] = meaning


def _at(schema: Schema, path: list[str]) -> Schema:
    """The object schema at a field path ("*": each entry of a list); KeyError when a
    reader no longer has that field, so a table naming an old field fails loudly."""
    for part in path:
        schema = schema["items"] if part == "*" else schema["properties"][part]
    return schema


def schema_json(vocabularies: Vocabularies, site_url: str | None = None, help_text: FieldHelp | None = None) -> bytes:
    """The schema as published: UTF-8 JSON, indented, a newline at the end."""
    schema = content_schema(vocabularies, site_url, help_text)
    return (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode()


def field_path(parts: list[Any] | tuple[Any, ...]) -> str:
    """A field path as ``handbook check`` names it: ``perspectives[0].stance``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
