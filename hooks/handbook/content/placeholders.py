"""Template placeholders left in content: ``TODO: ...`` from ``handbook new``.

The templates in .github/content-templates/ (and ``handbook new``'s own defaults) mark
what a contributor still has to write with ``TODO`` followed by a colon or a comma
("TODO: write the chapter.", "TODO, Author"). A file that still holds one is unfinished:
it would pass every other check and be published with the placeholder in it.

Only those forms count, so that prose about to-do lists ("a TODO list", "todo") and code
(fenced blocks, code spans) never do: in front matter, a text value that *starts* with
the placeholder (or is just ``TODO``); in the body, ``TODO:`` (the body templates' only
form) or a line of its own that is just ``TODO``, outside code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from handbook.content.problems import Problem
from handbook.content.source import SourceDoc
from handbook.linking.references import prose_lines

# A value the template filled: "TODO", "TODO: the town", "TODO, Author".
_VALUE = re.compile(r"^\s*TODO(?:\s*[:,]|\s*$)")
# In Markdown: "TODO: write the chapter.", anywhere in a line of prose. Not "TODO,", which
# prose can hold ("added to my TODO, then...") and no template writes in a body.
_BODY = re.compile(r"\bTODO\s*:|^\s*TODO\s*$")
EXPECTED = "your own words in place of the template's TODO placeholder"


def is_placeholder(value: object) -> bool:
    """Whether a front matter value is still the template's placeholder (reported on its own)."""
    return isinstance(value, str) and bool(_VALUE.match(value))


def placeholder_problems(doc: SourceDoc) -> list[Problem]:
    """Every placeholder in a file's front matter values and Markdown body, with its line."""
    problems = []
    for key_path, value in _text_values(doc.data, ()):
        if _VALUE.match(value):
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(key_path),
                    _field_name(key_path),
                    f"is still a template placeholder ('{_shorten(value)}')",
                    expected=EXPECTED,
                )
            )
    if "TODO" not in doc.body:  # nearly every body: no need to walk its lines
        return problems
    for number, line in prose_lines(doc.body):
        if _BODY.search(line):
            problems.append(
                Problem(
                    doc.path,
                    doc.body_line + number - 1,
                    "body",
                    f"still has a template placeholder ('{_shorten(line)}')",
                    expected=EXPECTED,
                )
            )
    return problems


def _text_values(value: Any, key_path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _text_values(inner, key_path + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _text_values(inner, key_path + (index,))
    elif isinstance(value, str):
        yield key_path, value


def _field_name(key_path: tuple) -> str:
    """("perspectives", 0, "definition") -> "perspectives[0].definition", as the field reader names fields."""
    out = ""
    for part in key_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
