"""Front matter as the site generators write it, and the fields a chapter keeps from it.

YAML (``---``) is checked with the content files' own limits (no anchors, aliases or tags,
bounded size and depth) before it is composed; Hugo's TOML (``+++``) is bounded by size.
Known fields map onto the handbook's (``title``; ``description`` or ``summary`` to
``summary``; ``sidebar_position``, ``weight``, ``nav_order`` or ``order`` to the reading
order); every other field is dropped and named in the report.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

import yaml

from handbook.content.fields import CONTROL_CHARACTER
from handbook.importing.report import Report
from handbook.safety.yaml_limits import front_matter_problems

SUMMARY_FIELDS = ("description", "summary")
ORDER_FIELDS = ("sidebar_position", "weight", "nav_order", "order")
TITLE_FIELDS = ("title",)
_YAML_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)
_TOML_FENCE = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*\r?$\n?", re.S | re.M)
_EMPTY_YAML = re.compile(r"\A---[ \t]*\r?\n---[ \t]*\r?\n")


@dataclass
class Fields:
    title: str | None
    summary: str | None
    order: float | None
    body: str
    body_first_line: int  # file line of the body's first line


def split(text: str, rel: str, report: Report) -> Fields:
    """The mapped fields and the body of one source file."""
    data: object = {}
    if match := _EMPTY_YAML.match(text):
        body = text[match.end() :]
        return Fields(None, None, None, body, 3)
    if match := _YAML_FENCE.match(text):
        data = _yaml(match.group(1), rel, report)
    elif match := _TOML_FENCE.match(text):
        try:
            data = tomllib.loads(match.group(1))
        except tomllib.TOMLDecodeError as error:
            report.add(rel, 1, "front matter", f"TOML not read ({error}); all its fields dropped")
    if not match:
        return Fields(None, None, None, text, 1)
    body = text[match.end() :]
    first_line = text[: match.end()].count("\n") + 1
    if not isinstance(data, dict):
        report.add(rel, 1, "front matter", "is not a set of fields; dropped")
        data = {}
    title = _text(data, TITLE_FIELDS, rel, report)
    summary = _text(data, SUMMARY_FIELDS, rel, report)
    order = None
    for name in ORDER_FIELDS:
        value = data.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            order = float(value) if order is None else order
    dropped = [str(name) for name in data if name not in TITLE_FIELDS + SUMMARY_FIELDS + ORDER_FIELDS]
    if dropped:
        report.add(rel, 1, "fields", f"dropped {', '.join(dropped)}")
    return Fields(title, summary, order, body, first_line)


def _yaml(fm_text: str, rel: str, report: Report) -> object:
    try:
        refused = front_matter_problems(fm_text, 2, rel, yaml.SafeLoader)
        if refused:
            report.add(rel, refused[0].line, "front matter", f"{refused[0].message}: all its fields dropped")
            return {}
        return yaml.safe_load(fm_text)
    except yaml.YAMLError as error:
        report.add(rel, 1, "front matter", f"YAML not read ({' '.join(str(error).split())}); all its fields dropped")
        return {}


def _text(data: dict, names: tuple[str, ...], rel: str, report: Report) -> str | None:
    for name in names:
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            report.add(rel, 1, "fields", f"{name} is not text; dropped")
            continue
        text = clean_title(str(value))
        if text:
            return text
    return None


# -- titles ---------------------------------------------------------------------------------
_ATX_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")  # also inside block quotes
# {#custom-id}, {: .class} or Hugo's {anchor=false} after a heading
_HEADING_ID = re.compile(r"\s*\{\s*(?:[#:.]|[\w-]+=)[^{}]*\}\s*$")
_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def clean_title(text: str) -> str:
    """A title as plain text: no heading id, link syntax, emphasis marks, code ticks or control characters."""
    text = _HEADING_ID.sub("", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<!\w)[*_](\S(?:.*?\S)?)[*_](?!\w)", r"\1", text)
    text = CONTROL_CHARACTER.sub("", text)
    return " ".join(text.split())


def first_heading(body: str) -> tuple[int, int, str] | None:
    """(first line index, number of lines, text) of the body's first level-one heading, outside code."""
    lines = body.split("\n")
    fence = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if match := _ATX_H1.match(line):
            return index, 1, match.group(1)
        if (
            line.strip()
            and index + 1 < len(lines)
            and _SETEXT_H1.match(lines[index + 1])
            and not line.startswith("    ")
            and not re.match(r"^\s*([-*+>]|\d+[.)])\s", line)
        ):
            return index, 2, line.strip()
    return None


def first_content_line(body: str) -> int | None:
    for index, line in enumerate(body.split("\n")):
        if line.strip() and not line.strip().startswith("<!--"):
            return index
    return None
