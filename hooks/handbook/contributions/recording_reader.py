"""A field reader that reads nothing and writes down what it was asked: a reader's schema.

The readers in ``handbook.content.readers`` list every field a kind knows by calling a
``FieldReader`` (``r.text("title", required=True)``, ``r.choice("group", v.term_groups)``,
``r.mappings("perspectives", perspective)``...). ``RecordingReader`` answers the same
calls with neutral values and records each one as the JSON Schema of that field: its
type, whether it is required, the vocabulary's ids and titles, limits, the id rule of a
reference, the web address rule, and, for a set of fields or a list of them, the nested
reader's own record. So the schema is the reader's list of fields, never a second list.

The neutral values steer a reader down the path that asks for the most fields: text is
``""`` (a value, so that a place's name leads on to its coordinates and source; readers
test text with ``is None`` or for truth), everything else what a missing field gives
(None, or an empty list). What a reader decides from a value once read (a listing's
basis, a place's coordinates) is not seen here: ``schema.CONDITIONAL_RULES`` adds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from handbook.content.fields import PARTIAL_DATE, FieldReader
from handbook.content.source import SourceDoc
from handbook.content.vocabulary import Vocabulary
from handbook.linking.references import SLUG_PATTERN, id_rule

T = TypeVar("T")
Schema = dict[str, Any]

# What FieldReader.text refuses in text (fields.CONTROL_CHARACTER), as a JSON Schema pattern
# (ECMA-262 regular expressions, as browsers and editors read them).
PLAIN_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
# FieldReader.url: a full address whose scheme is http or https, in any case (safety.urls).
WEB_ADDRESS = r"^[Hh][Tt][Tt][Pp][Ss]?://"
ITEM_ID = f"^{SLUG_PATTERN}$"
CHAPTER_ID = f"^{SLUG_PATTERN}/{SLUG_PATTERN}$"
# A year ("2022") or a month ("2022-06"), as FieldReader.date(partial=True) accepts them.
PARTIAL_DATE_PATTERN = PARTIAL_DATE.pattern
# An unquoted year in YAML is a number; FieldReader.date(partial=True) reads it as text.
YEARS_WRITTEN_AS_NUMBERS = {"type": "integer", "minimum": 1000, "maximum": 9999}


def id_pattern(kind: str) -> str:
    """The id rule of ``kind`` (linking.references.is_valid_id) as a pattern."""
    return CHAPTER_ID if kind == "chapter" else ITEM_ID


def at_most_words(count: int) -> str:
    """A pattern for text of at most ``count`` words (FieldReader.text's max_words)."""
    return rf"^\s*(\S+(\s+\S+){{0,{count - 1}}})?\s*$"


def vocabulary_schema(vocabulary: Vocabulary) -> Schema:
    """One of a vocabulary's ids, each with its title.

    ``enum`` rather than ``oneOf`` of ``{const, title}``: VS Code's YAML extension offers an
    enum's values for completion, showing each one's ``enumDescriptions`` entry beside it
    (VS Code's own keyword, which the extension reads), and reports a value outside it by
    listing the allowed ones, where a ``oneOf`` failure only says that nothing matched.
    The titles alone are in ``x-titles`` (same order), for forms. An unreadable vocabulary
    (reported once, in docs/vocabularies.yml) accepts any text, as the build does.
    """
    if vocabulary.unknown:
        return {"type": "string"}
    entries = list(vocabulary)
    return {
        "type": "string",
        "enum": [entry.id for entry in entries],
        "x-titles": [entry.title for entry in entries],
        "enumDescriptions": [
            f"{entry.title}: {entry.description}" if entry.description else entry.title for entry in entries
        ],
    }


class RecordingReader(FieldReader):
    """A ``FieldReader`` over no file that records each field it is asked for."""

    def __init__(self, key_path: tuple = ()):
        nothing = SourceDoc(path="", abs_path=Path(), data={}, body="", body_line=1)
        super().__init__(nothing, {}, [], [], key_path)
        self.properties: dict[str, Schema] = {}
        self.required: list[str] = []

    # -- what is recorded ------------------------------------------------------------------
    def record(self, name: str, schema: Schema, required: bool) -> None:
        """``name``'s schema; a field asked for twice (text, then url) keeps the last one."""
        self.known.append(name)
        self.properties[name] = schema
        if required and name not in self.required:
            self.required.append(name)

    def object_schema(self) -> Schema:
        """Everything recorded, as one object; unknown fields refused, as ``finish`` does."""
        schema: Schema = {"type": "object", "properties": self.properties, "additionalProperties": False}
        if self.required:
            schema["required"] = self.required
        return schema

    def _nested(self, name: str, read: Callable[[FieldReader], Any]) -> Schema:
        sub = RecordingReader(self.key_path + (name,))
        read(sub)
        return sub.object_schema()

    # -- FieldReader's calls, answered with neutral values -----------------------------------
    def text(self, name: str, required: bool = False, max_words: int | None = None) -> str | None:
        schema: Schema = {"type": "string", "pattern": PLAIN_TEXT}
        if required:
            schema["minLength"] = 1  # an empty value counts as missing
        if max_words:
            schema["allOf"] = [{"pattern": at_most_words(max_words)}]
            schema["description"] = f"At most {max_words} words."
        self.record(name, schema, required)
        return ""

    def integer(
        self, name: str, required: bool = False, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        self.record(name, _limited({"type": "integer"}, minimum, maximum), required)
        return None

    def number(
        self, name: str, required: bool = False, minimum: float | None = None, maximum: float | None = None
    ) -> float | None:
        schema = _limited({"type": "number"}, minimum, maximum)
        schema["description"] = "A number written without quotes, e.g. 51.62."
        self.record(name, schema, required)
        return None

    def boolean(self, name: str, required: bool = False) -> bool | None:
        self.record(name, {"type": "boolean"}, required)
        return None

    def url(self, name: str, required: bool = False) -> str | None:
        self.record(name, web_address_schema(required), required)
        return None

    @overload
    def date(self, name: str, required: bool = False, partial: Literal[False] = False) -> dt.date | None: ...
    @overload
    def date(self, name: str, required: bool = False, *, partial: Literal[True]) -> dt.date | str | None: ...

    def date(self, name: str, required: bool = False, partial: bool = False) -> dt.date | str | None:
        full: Schema = {"type": "string", "format": "date"}
        if not partial:
            schema = {**full, "description": "An ISO date such as 2024-07-12."}
        else:
            schema = {
                "anyOf": [full, {"type": "string", "pattern": PARTIAL_DATE_PATTERN}, YEARS_WRITTEN_AS_NUMBERS],
                "description": 'An ISO date such as 2024-07-12, or "2024" / "2024-07" when only the year or '
                "month is known.",
            }
        self.record(name, schema, required)
        return None

    def choice(self, name: str, vocabulary: Vocabulary, required: bool = False) -> str | None:
        self.record(name, vocabulary_schema(vocabulary), required)
        return None

    def reference(self, name: str, kind: str, required: bool = False) -> str | None:
        self.record(name, reference_schema(kind), required)
        return None

    def record_reference(self, name: str, kind: str, item_id: str) -> str | None:
        return item_id  # reached only with a value, which this reader never gives

    def texts(self, name: str, required: bool = False) -> list[str]:
        self.record(name, _list({"type": "string", "pattern": PLAIN_TEXT}, required), required)
        return []

    def choices(self, name: str, vocabulary: Vocabulary, required: bool = False) -> list[str]:
        self.record(name, {**_list(vocabulary_schema(vocabulary), required), "uniqueItems": True}, required)
        return []

    def references_to(self, name: str, kind: str, required: bool = False) -> list[str]:
        self.record(name, {**_list(reference_schema(kind), required), "uniqueItems": True}, required)
        return []

    def mapping(self, name: str, read: Callable[[FieldReader], T], required: bool = False) -> T | None:
        self.record(name, self._nested(name, read), required)
        return None

    def mappings(self, name: str, read: Callable[[FieldReader], T], required: bool = False) -> list[T]:
        self.record(name, _list(self._nested(name, read), required), required)
        return []

    def allow(self, *names: str) -> None:
        for name in names:  # accepted without being checked: any value
            if name not in self.properties:
                self.record(name, {}, required=False)

    def problem(
        self, name: str | int, message: str, expected: str | None = None, suggestion: str | None = None
    ) -> None:
        """Problems with the neutral values are no problems."""

    def finish(self) -> None:
        """Nothing was read, so nothing is unknown."""


def web_address_schema(required: bool = False) -> Schema:
    schema: Schema = {
        "type": "string",
        "format": "uri",
        "pattern": WEB_ADDRESS,
        "description": "A full http(s) address, such as https://example.org/report.",
    }
    if required:
        schema["minLength"] = 1
    return schema


def reference_schema(kind: str) -> Schema:
    return {
        "type": "string",
        "pattern": id_pattern(kind),
        "description": f"The id of {_a(kind)} ({id_rule(kind)}); the {kind} must exist on this site.",
    }


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _list(items: Schema, required: bool) -> Schema:
    schema: Schema = {"type": "array", "items": items}
    if required:
        schema["minItems"] = 1  # an empty list counts as missing
    return schema


def _limited(schema: Schema, minimum: float | None, maximum: float | None) -> Schema:
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    return schema
