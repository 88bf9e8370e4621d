"""Help text for each field, taken from the content model page, the one place it is written.

docs/contribute/content-model.md has a section per kind (``## Glossary terms:
`glossary/<term>.md```) with a table of its fields (``| `group` **R** | *vocabulary*
`term_groups` |``), and a table of the fields every item may have. ``field_help(root)``
reads those tables into ``{kind: {field: meaning}}``, as plain text, for the schema's
``description``s (and so for editors' hovers and the contribution forms). A project
without the page gets no help text, and nothing else changes.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.content import kinds

CONTENT_MODEL_PAGE = "docs/contribute/content-model.md"
EVERY_ITEM = "*"  # the section of fields every item may have
_EVERY_ITEM_HEADING = "Fields every item may have"

_SECTION = re.compile(r"^## (.+)$")
_PATH_IN_HEADING = re.compile(r":\s*`([^`]+)`\s*$")
_ROW = re.compile(r"^\|(?P<fields>[^|]+)\|(?P<meaning>.*)\|\s*$")
_FIELD = re.compile(r"`([a-z_]+)`")
# Markdown that plain text leaves out: links keep their text, emphasis and code marks go.
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKS = re.compile(r"\*\*|\*|`")


def field_help(root: Path) -> dict[str, dict[str, str]]:
    """``{kind name or EVERY_ITEM: {field: meaning}}`` from the content model page ({} without one)."""
    path = root / CONTENT_MODEL_PAGE
    if not path.is_file():
        return {}
    found: dict[str, dict[str, str]] = {}
    section: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = _SECTION.match(line)
        if heading:
            section = _section_kind(heading.group(1))
            continue
        row = _ROW.match(line)
        if section is None or row is None:
            continue
        meaning = plain(row.group("meaning"))
        for name in _FIELD.findall(row.group("fields")):
            if meaning:
                found.setdefault(section, {})[name] = meaning
    return found


def _section_kind(heading: str) -> str | None:
    """The kind a section describes, from the file path its heading names; None for the others."""
    if heading.strip() == _EVERY_ITEM_HEADING:
        return EVERY_ITEM
    written = _PATH_IN_HEADING.search(heading)
    if written is None:
        return None
    path = written.group(1)  # "glossary/<term>.md", "handbooks/<handbook>/index.md"
    if path == f"{kinds.HANDBOOK.source}/<handbook>/index.md":
        return kinds.HANDBOOK.name
    if path.startswith(f"{kinds.CHAPTER.source}/<"):
        return kinds.CHAPTER.name
    folder = path.rsplit("/", 1)[0]
    kind = kinds.by_folder(folder)
    return kind.name if kind is not None and kind.collection else None


def plain(markdown: str) -> str:
    """A table cell's Markdown as plain text: "*vocabulary* `themes`" -> "vocabulary themes",
    "`why` **R**" -> "why (required)"."""
    text = _LINK.sub(r"\1", markdown).replace("**R**", "(required)")
    return " ".join(_MARKS.sub("", text).split())
