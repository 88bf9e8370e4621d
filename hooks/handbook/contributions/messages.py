"""What the browser's validator needs to word its messages as ``handbook check`` does.

The schema says what a field may hold; the build's message also depends on *how* the
reader read it (``FieldReader.choice`` says "'x' is not in the themes vocabulary", a
reference "'X' is not a valid id (expected the id of a term: ...)"). So each field of a
kind's definition carries an ``x-reader`` annotation: the ``FieldReader`` method that read
it and the few words of its message the schema has no keyword for (the vocabulary's name,
the referenced kind and its id rule), recorded by running the kind's reader once more
against ``AnnotatingReader``, as the schema itself is recorded; each set of fields lists its
fields in the reader's order (``x-fields``). A field a reader checks
itself once read (``schema.REFINEMENTS``) also carries ``x-check``, naming that check, and
a kind with retired fields carries ``x-retired``: the build's own message for each,
taken from the reader by reading an item that still has the field.

``overrides/assets/javascripts/hb-suggest-validate.js`` reads these annotations; the
parity test (tests/browser/test_suggest_validation_parity.py) holds its messages to the
build's, item by item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from handbook.content.fields import FieldReader
from handbook.content.problems import Problem
from handbook.content.source import SourceDoc
from handbook.content.vocabulary import Vocabulary
from handbook.contributions.recording_reader import RecordingReader, Schema
from handbook.linking.references import id_rule

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


def annotate(definition: Schema, kind: str, notes: dict[FieldPath, Schema], refined: list[str]) -> None:
    """Put each note on its field in ``definition`` (``x-reader``), each refinement's check on
    its field (``x-check``), and the kind's retired fields (``x-retired``)."""
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


def retired_fields(kind: str, read: Callable[[FieldReader], Any]) -> dict[str, dict[str, str | None]]:
    """The build's message for each retired field of ``kind``, from its reader (``read``
    runs it on a reader) given an item that still holds the field."""
    out: dict[str, dict[str, str | None]] = {}
    for name in RETIRED.get(kind, ()):
        data = {name: "retired"}
        problems: list[Problem] = []
        doc = SourceDoc(path="item.md", abs_path=Path("item.md"), data=data, body="", body_line=1)
        read(FieldReader(doc, data, problems, []))
        found = next(problem for problem in problems if problem.field == name)
        out[name] = {"message": found.message, "expected": found.expected}
    return out
