"""What the browser's validator needs to word its messages as ``handbook check`` does.

The schema says what a field may hold; the build's message also depends on *how* the
reader read it (``FieldReader.choice`` says "'x' is not in the themes vocabulary", a
reference "'X' is not a valid id (expected the id of a term: ...)"). So each field of a
kind's definition carries an ``x-reader`` annotation: the ``FieldReader`` method that read
it and the few words of its message the schema has no keyword for (the vocabulary's name,
the referenced kind and its id rule), recorded by running the kind's reader once more
against ``AnnotatingReader``, as the schema itself is recorded; each set of fields lists
its fields in the reader's order (``x-fields``), which a "not a known field" message uses.

The readers' own messages (readers.py: a listing's basis, a named place, a DOI's prefix...)
are not copied anywhere: ``rule_messages`` and ``check_messages`` read an item that breaks
each rule (``schema.CONDITIONAL_RULES``) or each refinement's check (``x-check``) with the
kind's reader and keep what it says, as ``x-messages`` on the rule or the field, with
``{value}`` standing for the value (``MARK`` in the probing item). Retired fields carry
the reader's message the same way (``x-retired``). A message edited in readers.py reaches
the browser with the next build.

``overrides/assets/javascripts/hb-suggest-validate.js`` reads these annotations; the
parity test (tests/browser/test_suggest_validation_parity.py) holds its messages to the
build's, item by item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from handbook.content.fields import FieldReader
from handbook.content.model import PLACES_WITHOUT_A_POINT, UK_WIDE
from handbook.content.problems import Problem
from handbook.content.readers import NATION_UK_WIDE, SOURCE_KINDS
from handbook.content.source import SourceDoc
from handbook.content.vocabulary import Vocabularies, Vocabulary
from handbook.contributions.recording_reader import RecordingReader, Schema
from handbook.linking.references import id_rule

if TYPE_CHECKING:
    from handbook.contributions.schema import ConditionalRule

T = TypeVar("T")
FieldPath = tuple[str, ...]  # field names from the item, a list's entries included: ("places", "source")

# The check behind each refinement (schema.REFINEMENTS), named for the validator: a new
# refinement without one here fails the schema's build (see annotate).
CHECKS: dict[tuple[str, str], str] = {
    ("handbook", "editors.*"): "handle",
    ("handbook", "chapters"): "texts",  # the loader checks them against the files
    ("evidence", "doi"): "bare-doi",
    ("story", "publication.page"): "web-address",
    ("story", "publication.record"): "record",
    ("organisation", "connections.*.strength"): "strength",
    ("organisation", "listing.record"): "web-address",
    ("organisation", "listing.source"): "item-source",
    ("organisation", "places.*.source"): "item-source",
}
# Fields a reader refuses with a message of its own ("is no longer a field: ... replaces it").
RETIRED: dict[str, tuple[str, ...]] = {"story": ("consent",), "organisation": ("listed_with_consent",)}


class AnnotatingReader(RecordingReader):
    """A ``RecordingReader`` that also notes, per field path, which method read the field."""

    def __init__(self, key_path: tuple = (), notes: dict[FieldPath, Schema] | None = None):
        super().__init__(key_path)
        self.notes: dict[FieldPath, Schema] = {} if notes is None else notes

    def _note(self, name: str, method: str, **details: Any) -> None:
        self.notes[(*self.key_path, name)] = {"method": method, **details}

    def _nested(self, name: str, read: Callable[[FieldReader], Any]) -> Schema:
        sub = AnnotatingReader(self.key_path + (name,), self.notes)
        read(sub)
        return sub.object_schema()

    def text(self, name: str, required: bool = False, max_words: int | None = None) -> str | None:
        self._note(name, "text", **({"max_words": max_words} if max_words else {}))
        return super().text(name, required, max_words)

    def integer(
        self, name: str, required: bool = False, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        self._note(name, "integer")
        return super().integer(name, required, minimum, maximum)

    def number(
        self, name: str, required: bool = False, minimum: float | None = None, maximum: float | None = None
    ) -> float | None:
        self._note(name, "number")
        return super().number(name, required, minimum, maximum)

    def boolean(self, name: str, required: bool = False) -> bool | None:
        self._note(name, "boolean")
        return super().boolean(name, required)

    def url(self, name: str, required: bool = False) -> str | None:
        self._note(name, "url")
        return super().url(name, required)

    @overload
    def date(self, name: str, required: bool = False, partial: Literal[False] = False) -> dt.date | None: ...
    @overload
    def date(self, name: str, required: bool = False, *, partial: Literal[True]) -> dt.date | str | None: ...

    def date(self, name: str, required: bool = False, partial: bool = False) -> dt.date | str | None:
        self._note(name, "date", partial=partial)
        return super().date(name, required, partial=True) if partial else super().date(name, required)

    def choice(self, name: str, vocabulary: Vocabulary, required: bool = False) -> str | None:
        self._note(name, "choice", **_vocabulary(vocabulary))
        return super().choice(name, vocabulary, required)

    def choices(self, name: str, vocabulary: Vocabulary, required: bool = False) -> list[str]:
        self._note(name, "choices", **_vocabulary(vocabulary))
        return super().choices(name, vocabulary, required)

    def reference(self, name: str, kind: str, required: bool = False) -> str | None:
        self._note(name, "reference", kind=kind, rule=id_rule(kind))
        return super().reference(name, kind, required)

    def references_to(self, name: str, kind: str, required: bool = False) -> list[str]:
        self._note(name, "references_to", kind=kind, rule=id_rule(kind))
        return super().references_to(name, kind, required)

    def texts(self, name: str, required: bool = False) -> list[str]:
        self._note(name, "texts")
        return super().texts(name, required)

    def mapping(self, name: str, read: Callable[[FieldReader], T], required: bool = False) -> T | None:
        self._note(name, "mapping")
        return super().mapping(name, read, required)

    def mappings(self, name: str, read: Callable[[FieldReader], T], required: bool = False) -> list[T]:
        self._note(name, "mappings")
        return super().mappings(name, read, required)

    def allow(self, *names: str) -> None:
        for name in names:
            if (*self.key_path, name) not in self.notes:
                self._note(name, "allow")
        super().allow(*names)


def _vocabulary(vocabulary: Vocabulary) -> dict[str, Any]:
    """The vocabulary's name, as the message names it; an unreadable one is not checked."""
    return {"vocabulary": vocabulary.name, **({"unknown": True} if vocabulary.unknown else {})}


def annotate(
    definition: Schema,
    kind: str,
    notes: dict[FieldPath, Schema],
    refined: list[str],
    rules: list[ConditionalRule],
    read: Callable[[FieldReader], Any],
    vocabularies: Vocabularies,
) -> None:
    """Put each note on its field in ``definition`` (``x-reader``), each refinement's check on
    its field (``x-check``) with the reader's messages for it (``x-messages``), each rule's
    messages on the rule (``x-messages``), and the kind's retired fields (``x-retired``).
    ``read`` runs the kind's reader on a FieldReader: the messages are the reader's own."""
    for path, note in notes.items():
        field = _field(definition, list(path))
        if field is not None:
            field["x-reader"] = dict(note)
    _list_fields(definition)
    for refined_path in refined:
        check = CHECKS[(kind, refined_path)]  # KeyError: a refinement the validator does not know
        field = _field(definition, refined_path.split("."))
        if field is not None:
            field["x-check"] = check
            said = check_messages(check, refined_path, read)
            if said:
                field["x-messages"] = said
    for rule in rules:
        at = _field(definition, rule.at.split(".")) if rule.at else definition
        for entry in (at or {}).get("allOf", []):
            if entry.get("title") == rule.name:
                entry["x-messages"] = rule_messages(rule, read, vocabularies)
    retired = retired_fields(kind, read)
    if retired:
        definition["x-retired"] = retired


def _list_fields(schema: Schema) -> None:
    """``x-fields``: each set of fields' names in the reader's order, which a "not a known field"
    message lists them in, kept when the schema is written with its keys sorted (Jinja's tojson)."""
    properties = schema.get("properties")
    if isinstance(properties, dict):
        schema["x-fields"] = list(properties)
        for field in properties.values():
            _list_fields(field)
    if isinstance(schema.get("items"), dict):
        _list_fields(schema["items"])


def _field(schema: Schema, path: list[str]) -> Schema | None:
    """The schema of the field at ``path``: names of fields, ``*`` for a list's entries;
    a list of sets of fields is entered without a ``*`` (as a reader's key path has none)."""
    for index, part in enumerate(path):
        if part == "*":
            schema = schema.get("items", {})
            continue
        if index and schema.get("type") == "array" and path[index - 1] != "*":
            schema = schema.get("items", {})
        properties = schema.get("properties")
        if not isinstance(properties, dict) or part not in properties:
            return None
        schema = properties[part]
    return schema


def retired_fields(kind: str, read: Callable[[FieldReader], Any]) -> dict[str, Message]:
    """The build's message for each retired field of ``kind``, from its reader (``read``
    runs it on a reader) given an item that still holds the field."""
    out: dict[str, Message] = {}
    for name in RETIRED.get(kind, ()):
        found = _said(read, {name: "retired"}, name)
        if found is not None:
            out[name] = found
    return out


# -- the readers' own messages, taken from them by reading items that break each rule ----------------------
Message = dict[str, Any]  # {"message": ..., "expected": ...}, "{value}" standing for the value
# Stands for a value in a message: printable, no space, no colon, no id, no web address.
MARK = "\u2983value\u2984"
WEB = "https://example.org/"


def _said(read: Callable[[FieldReader], Any], data: dict, field: str, value: str = MARK) -> Message | None:
    """What the reader says about ``field`` when it reads ``data`` (None: nothing), with the
    probing ``value`` written ``{value}``."""
    problems: list[Problem] = []
    doc = SourceDoc(path="item.md", abs_path=Path("item.md"), data=data, body="", body_line=1)
    read(FieldReader(doc, data, problems, []))
    found = next((problem for problem in problems if problem.field == field), None)
    if found is None:
        return None
    return {
        "message": found.message.replace(value, "{value}"),
        "expected": found.expected.replace(value, "{value}") if found.expected else None,
    }


def _nested(path: str, data: Any) -> tuple[Any, str]:
    """An item holding ``data`` at ``path`` ("listing", "places.*"; "" for the item), and the
    build's name for that place ("places[0]")."""
    parts = [part for part in path.split(".") if part]
    names: list[str] = []
    for part in reversed(parts):
        data = [data] if part == "*" else {part: data}
    for part in parts:
        names.append("[0]" if part == "*" else (f".{part}" if names else part))
    return data, "".join(names)


def _within(at: str, field: str) -> str:
    return f"{at}.{field}" if at else field


def check_messages(check: str, path: str, read: Callable[[FieldReader], Any]) -> dict[str, Message]:
    """A refinement's messages: what the reader says of a value its check refuses."""

    def said(value: str, key_value: str = MARK) -> Message | None:
        item, field = _nested(path, value)
        if ".*" in path and not path.endswith("*"):  # an entry of a list of sets of fields: give it a name
            item, field = _nested(path.rsplit(".", 1)[0], {"name": "x", path.rsplit(".", 1)[1]: value})
            field = f"{field}.{path.rsplit('.', 1)[1]}"
        return _said(read, item, field, key_value)

    found: dict[str, Message | None] = {}
    if check in ("web-address", "item-source", "strength", "handle"):
        found["refused"] = said(MARK)
    if check == "bare-doi":
        found["refused"] = said("doi:" + MARK, "doi:" + MARK)
    if check == "item-source":
        for kind in SOURCE_KINDS:  # a kind:id whose id breaks the id rule, for each kind a source may name
            found[f"invalid-id:{kind}"] = said(f"{kind}:{MARK}")
    return {key: message for key, message in found.items() if message is not None}


def rule_messages(
    rule: ConditionalRule, read: Callable[[FieldReader], Any], vocabularies: Vocabularies
) -> dict[str, Message]:
    """A conditional rule's messages, keyed for the validator: ``missing:<field>``,
    ``present:<field>``, ``refused`` (or ``refused:<value>``), ``form:<field>``, ``repeated``."""
    probes: list[tuple[str, Any, str, str]] = []  # key, item, where in it, the field the message is about
    then, condition = rule.then, rule.condition
    basis = condition.get("properties", {}).get("basis", {}).get("const")
    if basis is not None:  # a basis decides which fields the entry needs and which it may not have
        for name in then.get("required", []):
            probes.append((f"missing:{name}", *_nested(rule.at, {"basis": basis}), name))
        for name, field in then.get("properties", {}).items():
            if field == {"not": {}}:
                probes.append((f"present:{name}", *_nested(rule.at, {"basis": basis, name: WEB}), name))
        if "record" in then.get("required", []) and CHECKS.get((rule.kind, f"{rule.at}.record")) == "record":
            entry = {"basis": basis, "recorded_by": "x", "date": "2024-01-02", "record": MARK}
            probes.append(("form:record", *_nested(rule.at, entry), "record"))
    elif rule.name == "what_we_do only when self-listed":
        probes.append(("refused", {"what_we_do": "x"}, "", "what_we_do"))
    elif rule.name == "named place":
        for missing, entry in (
            ("lat and lon", {"name": MARK, "source": WEB}),
            ("lat", {"name": MARK, "lon": 0.0, "source": WEB}),
            ("lon", {"name": MARK, "lat": 0.0, "source": WEB}),
        ):
            probes.append((f"missing:{missing}", *_nested(rule.at, entry), missing.split()[0]))
        probes.append(("missing:source", *_nested(rule.at, {"name": MARK, "lat": 0.0, "lon": 0.0}), "source"))
        probes.append(("repeated", {"places": [{"name": MARK}, {"name": MARK}]}, "places[1]", "name"))
    elif rule.name == "place without a point":
        for special in PLACES_WITHOUT_A_POINT:
            probes.append((f"present:{special}", *_nested(rule.at, {"name": special, "lat": 0.0}), "lat"))
    elif rule.name == "UK-wide needs uk-wide in nations":
        nations = [nation for nation in vocabularies.nations.ids if nation != NATION_UK_WIDE][:1]
        probes.append(("refused", {"nations": nations, "places": [{"name": UK_WIDE}]}, "places[0]", "name"))
    elif rule.name == "a convening in a place has a town":
        for value in condition.get("properties", {}).get("format", {}).get("enum", []):
            probes.append((f"refused:{value}", {"format": value}, "", "location"))
    elif rule.name == "a contested term says how":
        probes.append(("refused", {"contested": True}, "", "contested"))
    out: dict[str, Message] = {}
    for key, item, at, name in probes:
        found = _said(read, item, _within(at, name))
        if found is not None:
            out[key] = found
    return out
