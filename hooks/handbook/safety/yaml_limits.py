"""Front matter is plain YAML: no anchors, aliases or tags, and bounded in size and depth.

A few bytes of anchors and aliases expand into gigabytes once composed (the "billion
laughs"), an alias to its own anchor makes a structure that contains itself, and tags ask
the loader to build types content never needs (``!!binary``, ``!!set``, ``!!python/...``).
None of these has a use in a content file, so they are refused outright. The check reads
the parser's event stream, which is linear in the text and builds nothing: it runs
before anything is composed or constructed, and a refused front matter is never composed.

Deep nesting (``[[[[...]]]]`` or indentation) is refused for the same reason: composing
and walking it recurses once per level, and Python's stack ends at about a thousand.
Without aliases every node costs at least a byte or two of text, so the size limit also
bounds the number of nodes; no separate node count is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from handbook.content.problems import Problem

# The largest real front matter (a glossary term with six perspectives) is about 2.6 KB;
# 64 KiB leaves room for twenty times that and still parses in a few milliseconds.
MAX_FRONT_MATTER_BYTES = 64 * 1024
# Real front matter nests three levels (perspectives -> item -> source). Composing and
# walking recurse once per level; 20 is far from both real use and Python's stack.
MAX_FRONT_MATTER_DEPTH = 20
# A front matter full of aliases would give one problem per alias; past this many the
# rest are summed up in one line.
MAX_REPORTED = 10

# _LEADING_RUNS[n]: a line starting with n spaces or block indicators (a newline first: fast to search).
_LEADING_RUNS = tuple(re.compile(r"\n[ ?:-]{%d}" % width) for width in range(MAX_FRONT_MATTER_DEPTH // 2 + 1))  # noqa: UP031 - no {{ }} in a regex
_EXPECTED_PLAIN = "plain YAML values: write each value out in full"


def front_matter_problems(fm_text: str, first_line: int, rel_path: str, loader: type) -> list[Problem]:
    """What makes this front matter unsafe to compose, each at its line; empty if it is safe.

    ``first_line`` is the file line of the front matter's first line; ``loader`` the
    YAML loader class that will compose it. Syntax errors raise ``yaml.YAMLError`` as
    composing would.
    """
    size = len(fm_text.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        return [
            Problem(
                rel_path,
                first_line,
                "front matter",
                f"is {size:,} bytes long",
                expected=f"at most {MAX_FRONT_MATTER_BYTES:,} bytes of fields; long text belongs in the body",
            )
        ]
    if not _may_be_unsafe(fm_text) or not _is_unsafe(fm_text, loader):
        return []
    found: list[Problem] = []
    for line_offset, where, message, expected in _unsafe_events(fm_text, loader):
        found.append(Problem(rel_path, first_line + line_offset, where, message, expected=expected))
        if len(found) > MAX_REPORTED:
            break
    if len(found) > MAX_REPORTED:
        found[MAX_REPORTED:] = [
            Problem(
                rel_path,
                found[MAX_REPORTED].line,
                "front matter",
                "has more anchors, aliases or tags than are listed here",
                expected=_EXPECTED_PLAIN,
            )
        ]
    return found


def _may_be_unsafe(fm_text: str) -> bool:
    """False when the text alone shows the front matter is safe: the check of nearly every file.

    Anchors, aliases and tags need '&', '*' and '!'. A block collection's content sits
    further right than its parent's, or (a list under a key) its items' content does, so
    block nesting is at most twice the widest run of leading spaces and indicators, plus
    one; every flow level needs its own '[' or '{'.
    """
    if "&" in fm_text or "*" in fm_text or "!" in fm_text:
        return True
    # nesting <= 2 * (widest + 1) + flow; it may pass the limit only if some line is this wide:
    wide_enough = (MAX_FRONT_MATTER_DEPTH - fm_text.count("[") - fm_text.count("{")) // 2
    if wide_enough <= 0:
        return True
    leading = _LEADING_RUNS[wide_enough]
    return bool(leading.search(fm_text) or leading.match("\n" + fm_text[:wide_enough]))


def _is_unsafe(fm_text: str, loader_class: type) -> bool:
    """Whether any event is an anchor, alias or tag or nests too deep: a quick pass, naming nothing."""
    loader = loader_class(fm_text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            kind = event.__class__
            if kind is yaml.ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    return True
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_FRONT_MATTER_DEPTH or event.anchor is not None or event.tag is not None:
                    return True
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            elif kind is yaml.AliasEvent:
                return True
        return False
    finally:
        loader.dispose()


def _unsafe_events(fm_text: str, loader: type) -> Iterator[tuple[int, str, str, str]]:
    """(line offset, field, message, expected) for each anchor, alias, tag or too-deep level.

    The slow pass, for a front matter already known to be unsafe: it names each field.
    """
    keys = _KeyPath()
    for event in yaml.parse(fm_text, Loader=loader):
        assert event.start_mark is not None  # the parser marks every event it makes
        line = event.start_mark.line
        if isinstance(
            event,
            (
                yaml.CollectionEndEvent,
                yaml.StreamStartEvent,
                yaml.StreamEndEvent,
                yaml.DocumentStartEvent,
                yaml.DocumentEndEvent,
            ),
        ):
            keys.end(event)
            continue
        where = keys.name()
        if isinstance(event, yaml.AliasEvent):
            yield line, where, f"uses the YAML alias '*{event.anchor}'", _EXPECTED_PLAIN
        anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)  # only some events have them
        if anchor is not None and not isinstance(event, yaml.AliasEvent):
            yield line, where, f"sets the YAML anchor '&{anchor}'", _EXPECTED_PLAIN
        if tag is not None:
            yield (
                line,
                where,
                f"has the YAML tag '{_as_written(tag)}'",
                "plain YAML values without '!' tags, quoting any value that starts with '!'",
            )
        keys.start(event)
        if keys.depth > MAX_FRONT_MATTER_DEPTH:
            yield (
                line,
                where,
                f"nests more than {MAX_FRONT_MATTER_DEPTH} levels deep",
                f"at most {MAX_FRONT_MATTER_DEPTH} levels of lists and fields",
            )
            return  # the rest of a runaway structure adds nothing


def _as_written(tag: str) -> str:
    """A standard tag as a contributor writes it: ``!!binary``, not its full URI."""
    standard = "tag:yaml.org,2002:"
    return "!!" + tag[len(standard) :] if tag.startswith(standard) else tag


class _KeyPath:
    """Follows the parser's events to name the field each one belongs to, as ``a.b[2].c``."""

    def __init__(self) -> None:
        self.stack: list[_Level] = []

    @property
    def depth(self) -> int:
        return len(self.stack)

    def name(self) -> str:
        out = ""
        for level in self.stack:
            if level.is_mapping and level.expect_key:
                break  # a key is being read: it belongs to the mapping itself
            part = level.key if level.is_mapping else level.index
            out += f"[{part}]" if not level.is_mapping else (f".{part}" if out else str(part))
        return out or "front matter"

    def start(self, event: yaml.Event) -> None:
        """A scalar, alias or collection start: one key or value of the enclosing collection."""
        parent = self.stack[-1] if self.stack else None
        is_key = parent is not None and parent.is_mapping and parent.expect_key
        if parent is not None and is_key:
            parent.key = event.value if isinstance(event, yaml.ScalarEvent) else "(key)"
            parent.expect_key = False
        if isinstance(event, yaml.CollectionStartEvent):
            self.stack.append(_Level(isinstance(event, yaml.MappingStartEvent), is_key))
        elif not is_key:
            self._value_done()

    def end(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.CollectionEndEvent) and self.stack:
            level = self.stack.pop()
            if not level.is_key:
                self._value_done()

    def _value_done(self) -> None:
        if self.stack:
            level = self.stack[-1]
            if level.is_mapping:
                level.expect_key = True
            else:
                level.index += 1


class _Level:
    """One open mapping or sequence, and where the parser stands in it."""

    __slots__ = ("is_mapping", "is_key", "expect_key", "key", "index")

    def __init__(self, is_mapping: bool, is_key: bool):
        self.is_mapping, self.is_key = is_mapping, is_key
        self.expect_key, self.key, self.index = True, "", 0
