"""Reading one content file: bytes -> front matter data + body, with source line numbers.

python-frontmatter splits the file; the front matter is then composed with PyYAML so that
every key and list item keeps the line it came from, for error messages. Before that, the
file's size is checked with stat and the front matter's YAML events are checked for
anchors, aliases, tags and runaway nesting (``safety.yaml_limits``): a refused front
matter is never composed.

Front matter is optional where a type allows it (chapters and free-form pages): their
title may be the body's first level-one heading instead (``title_heading``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from handbook.content.problems import Problem
from handbook.linking.references import prose_lines
from handbook.safety.content_files import file_size_problem
from handbook.safety.yaml_limits import front_matter_problems


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml's loader when built with it
    """Safe YAML loading that leaves dates as text.

    PyYAML would turn 2021-06-31 into a ValueError with no line number; as text, the
    field reader parses dates itself and reports a bad one where it stands.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SPLITTER = frontmatter.YAMLHandler()

KeyPath = tuple  # e.g. ("perspectives", 0, "stance")


@dataclass
class SourceDoc:
    """A content file as read from disk: data, body and where each key sits."""

    path: str  # relative to the repository root, with forward slashes
    abs_path: Path
    data: dict[str, Any]
    body: str
    body_line: int  # line number of the first body line
    lines: dict[KeyPath, int] = field(default_factory=dict)
    # False when the front matter was reported as unreadable (bad YAML, refused constructs):
    # its fields are unknown, but the body is still checked, so that all problems show at once.
    fields_readable: bool = True

    def line_of(self, key_path: KeyPath) -> int:
        """The line of a key, falling back to its nearest parent, then line 1."""
        while key_path:
            if key_path in self.lines:
                return self.lines[key_path]
            key_path = key_path[:-1]
        return 1


def read_source(
    abs_path: Path, rel_path: str, problems: list[Problem], front_matter_required: bool = True
) -> SourceDoc | None:
    """Read a Markdown file with YAML front matter. Problems are appended, never raised.

    None when there is nothing to check further (unreadable, empty, too big, front matter
    not closed); a document with ``fields_readable`` False when only its fields are unknown
    (front matter missing where it is required, not YAML, refused).
    """
    too_big = file_size_problem(abs_path, rel_path)
    if too_big is not None:
        problems.append(too_big)
        return None
    try:
        raw = abs_path.read_bytes()
    except OSError as error:
        problems.append(Problem(rel_path, 1, "file", f"cannot be read ({error.strerror})", expected="a readable file"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                rel_path,
                line,
                "file",
                f"is not valid UTF-8 (byte {raw[error.start]:#04x} at offset {error.start})",
                expected="a file saved as UTF-8",
            )
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        problems.append(
            Problem(
                rel_path,
                1,
                "file",
                "is empty",
                expected="YAML front matter between '---' lines, then Markdown"
                if front_matter_required
                else "a '# Title' heading (or front matter with a title), then Markdown",
            )
        )
        return None
    if not _SPLITTER.detect(text):
        if front_matter_required:
            problems.append(
                Problem(
                    rel_path,
                    1,
                    "front matter",
                    "is missing",
                    expected="the file to start with a '---' line, YAML fields, and another '---' line",
                )
            )
            return SourceDoc(rel_path, abs_path, {}, text, 1, fields_readable=False)  # the text is still checked
        return SourceDoc(rel_path, abs_path, {}, text, 1)
    try:
        fm_text, body = _SPLITTER.split(text)
    except ValueError:
        problems.append(
            Problem(rel_path, 1, "front matter", "is not closed", expected="a second '---' line after the fields")
        )
        return None
    # The front matter text starts right after the opening '---' (with its newline), so
    # YAML's 0-based line numbers count from the opening line itself.
    fm_first_line = text[: text.find(fm_text)].count("\n") + 1
    body_line = text[: len(text) - len(body)].count("\n") + 1
    # A front matter that cannot be read leaves a document with no fields and its body.
    body_only = SourceDoc(rel_path, abs_path, {}, body, body_line, fields_readable=False)
    try:
        unsafe = front_matter_problems(fm_text, fm_first_line, rel_path, _Loader)
        if unsafe:
            problems.extend(unsafe)
            return body_only
        data, lines = _compose(fm_text, fm_first_line, rel_path, problems)
    except (ValueError, TypeError) as error:  # a value YAML parsed but could not build
        problems.append(
            Problem(rel_path, fm_first_line, "front matter", f"cannot be read: {error}", expected="plain YAML values")
        )
        return body_only
    except yaml.YAMLError as error:
        # The context mark is where the broken construct began (an unclosed '[' say);
        # the problem mark is where the parser gave up, often the line after.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = fm_first_line + mark.line if mark else fm_first_line
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        problems.append(
            Problem(
                rel_path,
                line,
                "front matter",
                f"is not valid YAML: {what}",
                expected="'key: value' lines; quote values that contain ': ' or start with a special character",
            )
        )
        return body_only
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(
            Problem(
                rel_path,
                fm_first_line,
                "front matter",
                f"is a {type(data).__name__}, not a set of fields",
                expected="'key: value' lines",
            )
        )
        return body_only
    return SourceDoc(rel_path, abs_path, data, body, body_line, lines)


def compose_yaml(text: str, first_line: int, rel_path: str, problems: list[Problem]) -> tuple[Any, dict]:
    """YAML already checked with ``safety.yaml_limits`` -> (data, the line of each key path),
    keys given twice reported: for YAML files read like front matter (docs/vocabularies.cy.yml)."""
    return _compose(text, first_line, rel_path, problems)


def _compose(fm_text: str, first_line: int, rel_path: str, problems: list[Problem]) -> tuple[Any, dict]:
    loader = _Loader(fm_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _walk(node, (), first_line, lines, rel_path, problems)
    return data, lines


def _walk(node: yaml.Node, path: KeyPath, first_line: int, lines: dict, rel_path: str, problems: list[Problem]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = first_line + key_node.start_mark.line
            if key in seen:
                dotted = ".".join(str(p) for p in path + (key,))
                problems.append(Problem(rel_path, line, dotted, "is given twice", expected="each field once"))
            seen.add(key)
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), first_line, lines, rel_path, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = first_line + item.start_mark.line
            _walk(item, path + (index,), first_line, lines, rel_path, problems)


# Headings are read with expressions that stay linear on hostile lines (a line of 200,000
# spaces or backticks), and a line longer than this is not taken for a heading at all.
MAX_HEADING_CHARS = 1000
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")  # "# ", "## "...: the text follows
_SETEXT_H1_UNDERLINE = re.compile(r"^ {0,3}=+[ \t]*$")
# A line that cannot be the one-line paragraph above a setext underline.
_NOT_A_PARAGRAPH = re.compile(r"^(?: {4}|\t| {0,3}(?:[#>|]|[-*+][ \t]|\d+[.)][ \t]|<))")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_MARKS = re.compile(r"[*`]|(?<!\w)_+|_+(?!\w)")  # emphasis and code marks; not snake_case's
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


def atx_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of a "# Heading" line, its closing hashes removed ("## A ##" -> (2, "A")), or None."""
    if len(line) > MAX_HEADING_CHARS or not line.lstrip(" ").startswith("#"):
        return None
    match = _ATX.match(line)
    if match is None:
        return None
    text = line[match.end() :].rstrip(" \t")
    closing = text.rstrip("#")
    if closing != text and (not closing or closing[-1] in " \t"):
        text = closing.rstrip(" \t")
    return len(match.group(1)), text


def without_attributes(text: str) -> str:
    """The text of a heading without attr_list's "{#id .class}" at its end."""
    text = text.rstrip(" \t")
    if text.endswith("}"):
        opening = text.rfind("{")
        if opening >= 0 and "}" not in text[opening:-1]:
            return text[:opening].rstrip(" \t")
    return text


def plain_heading_text(text: str) -> str:
    """A heading's words as readers see them: "The *art* of `it` {#art}" -> "The art of it"."""
    text = _LINK.sub(r"\1", without_attributes(text.strip()))
    return " ".join(_ESCAPE.sub(r"\1", _MARKS.sub("", text)).split())


@dataclass(frozen=True)
class TitleHeading:
    """A body's first level-one heading: what a file without a title field is called."""

    text: str  # as plain text: "The *art* of it {#art}" -> "The art of it"
    line: int  # its line in the file
    body_lines: tuple[int, ...]  # its lines in the body, 1-based (two for an underlined heading)


def title_heading(doc: SourceDoc, opening_only: bool = False) -> TitleHeading | None:
    """The first level-one heading of the body outside code, "# Title" or "Title" underlined
    with "===" (after a blank line), or None. With ``opening_only``, only a heading that
    opens the body counts, and only the body's first lines are read."""
    body = _opening(doc.body) if opening_only else doc.body
    lines = body.splitlines()
    previous: tuple[int, str] | None = None
    before_previous_blank = True
    for number, _ in prose_lines(body):
        line = lines[number - 1]  # with its code spans, which are part of the title
        atx = atx_heading(line)
        if atx is not None and atx[0] == 1:
            return _heading(atx[1], doc.body_line, (number,))
        if (
            _SETEXT_H1_UNDERLINE.match(line)
            and previous is not None
            and previous[0] == number - 1
            and previous[1].strip()
            and before_previous_blank
            and len(previous[1]) <= MAX_HEADING_CHARS
            and not _NOT_A_PARAGRAPH.match(previous[1])
        ):
            return _heading(previous[1], doc.body_line, (previous[0], number))
        if previous is not None:
            before_previous_blank = not previous[1].strip() or previous[0] != number - 1
        previous = (number, line)
    return None


def _opening(body: str) -> str:
    """The body up to its second line that is not blank: room for "# Title", or for a
    title and its "===" underline."""
    position, seen = 0, 0
    while position < len(body):
        end = body.find("\n", position)
        end = len(body) if end == -1 else end
        if body[position:end].strip():
            seen += 1
            if seen == 2:
                return body[:end]
        position = end + 1
    return body


def _heading(source: str, body_line: int, body_lines: tuple[int, ...]) -> TitleHeading | None:
    text = plain_heading_text(source)
    return TitleHeading(text, body_line + body_lines[0] - 1, body_lines) if text else None


def without_heading(body: str, heading: TitleHeading) -> str:
    """The body with the heading's lines left blank: it is printed as the page's title
    instead, and every later line keeps its number for problems found in it."""
    lines = body.split("\n")
    for number in heading.body_lines:
        lines[number - 1] = ""
    return "\n".join(lines)
