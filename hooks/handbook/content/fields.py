"""Reading typed fields out of front matter, collecting every problem on the way.

A reader is asked for each field a content type knows; whatever it was never asked for
is an unknown field. References to other items are recorded and resolved later, once
the whole corpus is loaded.
"""

from __future__ import annotations

import datetime as dt
import html.entities
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, overload

from slugify import slugify as transliterated_slug

from handbook.content.problems import Problem, did_you_mean, one_of
from handbook.content.source import SourceDoc
from handbook.content.vocabulary import Vocabulary
from handbook.linking.references import id_rule, is_valid_id
from handbook.safety.urls import Use, refusal, shown

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2})?$")
# Control characters other than tab and line breaks: YAML's "\0" or "\e" escapes put them
# into text, where they break XML (the feed), hide text in terminals and PDFs, and have
# no use in prose.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

T = TypeVar("T")
_MISSING = object()


@dataclass(frozen=True)
class Reference:
    """A reference by id from one file to another item, resolved after loading."""

    kind: str
    id: str
    path: str
    line: int
    field: str


# A complete HTML character reference: "&amp;", "&#39;", "&#x2019;". Only with its closing
# semicolon: "?a=1&copy=2" in a web address is not "©=2", whatever HTML's legacy rules say.
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decoded_references(text: str) -> str:
    """``text`` with its HTML character references read once ("Health &amp; care" -> "Health & care").

    Front matter is plain text that every output escapes when it writes it (templates,
    feed, search index, PDFs), so a title written as HTML would otherwise be shown with
    its "&amp;" on the page. Decoding once, here, makes "&lt;script&gt;" the text
    "<script>", which is then escaped like any other text: it never becomes markup.
    """

    def read(found: re.Match[str]) -> str:
        reference = found.group()
        if reference[1] == "#":  # HTML's rules for numbers; one that stands for nothing stays as written
            return html.unescape(reference) or reference
        return html.entities.html5.get(reference[1:], reference)  # so does an unknown name

    return CHARACTER_REFERENCE.sub(read, text)


# Apostrophes join a word rather than split it: "Mother's day" -> "mothers-day".
_APOSTROPHES_DROPPED = [["'", ""], ["\u2019", ""], ["\u02bc", ""]]


def slugify(text: str) -> str:
    """An id (file name) made from a title in any language, following the id rule (SLUG).

    Letters are transliterated rather than dropped ("Guías de código abierto" ->
    "guias-de-codigo-abierto", "Cymraeg: Ŵyl" -> "cymraeg-wyl", "Straße" -> "strasse") by
    python-slugify; the result is empty when nothing in the text can be spelled in a-z and
    0-9 (callers say so and ask for an id).
    """
    return transliterated_slug(text, replacements=_APOSTROPHES_DROPPED)


class FieldReader:
    def __init__(
        self, doc: SourceDoc, data: dict, problems: list[Problem], references: list[Reference], key_path: tuple = ()
    ):
        self.doc = doc
        self.data = data
        self.problems = problems
        self.references = references
        self.key_path = key_path
        self.known: list[str] = []

    # -- plumbing -----------------------------------------------------------------
    def _name(self, name: str | int) -> str:
        parts = [*self.key_path, name]
        out = ""
        for part in parts:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    def line(self, name: str | int | None = None) -> int:
        return self.doc.line_of(self.key_path + ((name,) if name is not None else ()))

    def problem(
        self, name: str | int, message: str, expected: str | None = None, suggestion: str | None = None
    ) -> None:
        self.problems.append(Problem(self.doc.path, self.line(name), self._name(name), message, expected, suggestion))

    def _get(self, name: str, required: bool) -> Any:
        self.known.append(name)
        value = self.data.get(name, _MISSING)
        if value is None or value == "" or value == []:
            value = _MISSING
        if value is _MISSING and required:
            self.problems.append(Problem(self.doc.path, self.line(), self._name(name), "is required but missing"))
        return value

    # -- scalar fields --------------------------------------------------------------
    def text(self, name: str, required: bool = False, max_words: int | None = None) -> str | None:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if isinstance(value, (dict, list, bool)):
            self.problem(name, f"is a {_describe(value)}", expected="plain text")
            return None
        value = decoded_references(str(value)).strip()
        if not self._printable(name, value):
            return None
        if max_words and len(value.split()) > max_words:
            self.problem(name, f"has {len(value.split())} words", expected=f"at most {max_words} words")
        return value

    def integer(
        self, name: str, required: bool = False, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(name, f"'{value}' is not a whole number", expected="a whole number")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.problem(name, f"{value} is out of range", expected=f"a number from {minimum} to {maximum}")
            return None
        return value

    def number(
        self, name: str, required: bool = False, minimum: float | None = None, maximum: float | None = None
    ) -> float | None:
        """A number, whole or decimal (coordinates): written as a number, not quoted text, so
        that "51.6" in quotes is reported rather than read as whatever it happens to parse to."""
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if isinstance(value, str):
            try:
                float(value)
                expected = "a number written without quotes, e.g. 51.62"
            except ValueError:  # "51°37'N", "fifty"
                expected = "a number in digits, with a decimal point if needed, e.g. 51.62"
            self.problem(name, f"'{value}' is text, not a number", expected=expected)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(name, f"is a {_describe(value)}", expected="a number, e.g. 51.62")
            return None
        if not math.isfinite(value):
            self.problem(name, f"'{value}' is not a finite number", expected="a number, e.g. 51.62")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.problem(name, f"{value} is out of range", expected=f"a number from {minimum} to {maximum}")
            return None
        return float(value)

    def boolean(self, name: str, required: bool = False) -> bool | None:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if not isinstance(value, bool):
            self.problem(name, f"'{value}' is not true or false", expected="true or false")
            return None
        return value

    def url(self, name: str, required: bool = False) -> str | None:
        """A web address (http or https): it becomes a live link on the site and in the exports."""
        value = self.text(name, required)
        if value is None:
            return None
        refused = refusal(value, Use.FRONT_MATTER)  # the address as read, character references decoded
        if refused is not None:
            written = str(self.data[name]).strip()  # named as the file spells it, so it can be found there
            self.problem(name, f"'{shown(written)}' {refused.reason}", expected=refused.expected)
            return None
        return value

    @overload
    def date(self, name: str, required: bool = False, partial: Literal[False] = False) -> dt.date | None: ...
    @overload
    def date(self, name: str, required: bool = False, *, partial: Literal[True]) -> dt.date | str | None: ...

    def date(self, name: str, required: bool = False, partial: bool = False) -> dt.date | str | None:
        """An ISO date; with ``partial``, also a year ("2022") or a month ("2022-06")."""
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if partial and PARTIAL_DATE.match(str(value)):
            return str(value)
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        expected = "an ISO date such as 2024-07-12" + (
            ', or "2024" / "2024-07" when only the year or month is known' if partial else ""
        )
        self.problem(name, f"'{value}' is not a valid date", expected=expected)
        return None

    def choice(self, name: str, vocabulary: Vocabulary, required: bool = False) -> str | None:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        return self._check_choice(name, value, vocabulary)

    def _check_choice(self, name: str | int, value: Any, vocabulary: Vocabulary) -> str | None:
        if str(value) not in vocabulary:
            if vocabulary.unknown:  # the vocabulary's own problem is reported once, in docs/vocabularies.yml
                return None
            self.problem(
                name,
                f"'{value}' is not in the {vocabulary.name} vocabulary",
                expected=one_of(vocabulary.ids),
                suggestion=did_you_mean(str(value), vocabulary.ids),
            )
            return None
        return str(value)

    def reference(self, name: str, kind: str, required: bool = False) -> str | None:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self.problem(name, f"is a {_describe(value)}", expected=f"the id of a {kind}")
            return None
        return self.record_reference(name, kind, value)

    def record_reference(self, name: str, kind: str, item_id: str) -> str | None:
        """A reference to an item, in field ``name`` or found inside its value: the id checked
        against its kind's rule, then recorded (resolved later, like any other)."""
        if not is_valid_id(kind, item_id):
            self.problem(name, f"'{item_id}' is not a valid id", expected=f"the id of a {kind}: {id_rule(kind)}")
            return None
        self.references.append(Reference(kind, item_id, self.doc.path, self.line(name), self._name(name)))
        return item_id

    # -- lists ------------------------------------------------------------------------
    def _list(self, name: str, required: bool) -> list | None:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if isinstance(value, str):
            self.problem(name, "is a single value", expected=f"a list, e.g. [{value}]")
            return None
        if not isinstance(value, list):
            self.problem(name, f"is a {_describe(value)}", expected="a list")
            return None
        return value

    def texts(self, name: str, required: bool = False) -> list[str]:
        values = self._list(name, required) or []
        out = []
        for index, value in enumerate(values):
            sub = FieldReader(self.doc, {}, self.problems, self.references, self.key_path + (name,))
            if isinstance(value, (dict, list)) or value is None:
                sub.problem(index, f"is a {_describe(value)}", expected="plain text")
            elif sub._printable(index, text := decoded_references(str(value))):
                out.append(text.strip())
        return out

    def _printable(self, name: str | int, value: str) -> bool:
        found = CONTROL_CHARACTER.search(value)
        if found:
            self.problem(
                name,
                f"contains the control character U+{ord(found.group()):04X}",
                expected="plain text: letters, digits, punctuation, spaces and line breaks",
            )
        return found is None

    def choices(self, name: str, vocabulary: Vocabulary, required: bool = False) -> list[str]:
        values = self._list(name, required) or []
        sub = FieldReader(self.doc, {}, self.problems, self.references, self.key_path + (name,))
        out = [sub._check_choice(index, value, vocabulary) for index, value in enumerate(values)]
        self._no_repeats(name, values)
        return [value for value in out if value is not None]

    def references_to(self, name: str, kind: str, required: bool = False) -> list[str]:
        values = self._list(name, required) or []
        out = []
        for index, value in enumerate(values):
            line = self.doc.line_of(self.key_path + (name, index))
            if not isinstance(value, str):
                self.problems.append(
                    Problem(
                        self.doc.path,
                        line,
                        f"{self._name(name)}[{index}]",
                        f"is a {_describe(value)}",
                        expected=f"the id of a {kind}",
                    )
                )
                continue
            if not is_valid_id(kind, value):
                self.problems.append(
                    Problem(
                        self.doc.path,
                        line,
                        f"{self._name(name)}[{index}]",
                        f"'{value}' is not a valid id",
                        expected=f"the id of a {kind}: {id_rule(kind)}",
                    )
                )
                continue
            self.references.append(Reference(kind, value, self.doc.path, line, f"{self._name(name)}[{index}]"))
            out.append(value)
        self._no_repeats(name, values)
        return out

    def _no_repeats(self, name: str, values: list) -> None:
        seen = set()
        for index, value in enumerate(values):
            key = str(value)
            if key in seen:
                sub = FieldReader(self.doc, {}, self.problems, self.references, self.key_path + (name,))
                sub.problem(index, f"'{key}' is listed twice", expected="each value once")
            seen.add(key)

    # -- nested objects ------------------------------------------------------------------
    def mapping(self, name: str, read: Callable[[FieldReader], T], required: bool = False) -> T | None:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.problem(name, f"is a {_describe(value)}", expected="a set of fields (indented 'key: value' lines)")
            return None
        sub = FieldReader(self.doc, value, self.problems, self.references, self.key_path + (name,))
        result = read(sub)
        sub.finish()
        return result

    def mappings(self, name: str, read: Callable[[FieldReader], T], required: bool = False) -> list[T]:
        values = self._list(name, required) or []
        out = []
        for index, value in enumerate(values):
            path = self.key_path + (name, index)
            if not isinstance(value, dict):
                self.problems.append(
                    Problem(
                        self.doc.path,
                        self.doc.line_of(path),
                        f"{self._name(name)}[{index}]",
                        f"is a {_describe(value)}",
                        expected="a set of fields ('- key: value')",
                    )
                )
                continue
            sub = FieldReader(self.doc, value, self.problems, self.references, path)
            result = read(sub)
            sub.finish()
            if result is not None:
                out.append(result)
        return out

    def allow(self, *names: str) -> None:
        """Accept fields that someone else (the theme) reads, without checking them."""
        self.known.extend(names)

    def finish(self) -> None:
        """Report fields nobody asked for: usually typos."""
        for key in self.data:
            if key not in self.known:
                self.problem(
                    key,
                    "is not a known field",
                    expected=one_of(
                        dict.fromkeys(self.known), limit=12
                    ),  # a field read twice (text, then url) named once
                    suggestion=did_you_mean(str(key), self.known),
                )


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "set of fields"
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "true/false value"
    if value is None:
        return "empty value"
    return type(value).__name__
