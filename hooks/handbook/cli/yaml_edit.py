"""Small, careful edits to the YAML front matter of a content file, as text.

Loading and dumping YAML would drop the contributors' comments and reflow their
quoting, so the few edits the CLI makes (append an item to a list) are done on the text,
at positions taken from PyYAML's node marks. Everything else in the file is untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

import frontmatter
import yaml

from handbook.content.source import _Loader

_SPLITTER = frontmatter.YAMLHandler()


class EditError(Exception):
    """The edit cannot be made safely; the message says what to do instead."""


@dataclass
class FrontMatter:
    text: str  # the whole file
    start: int  # offset of the first character of the YAML in ``text``
    yaml_text: str

    @classmethod
    def of(cls, text: str) -> FrontMatter:
        if not _SPLITTER.detect(text):
            raise EditError("has no front matter")
        yaml_text, _ = _SPLITTER.split(text)
        start = text.find(yaml_text)
        return cls(text, start, yaml_text)

    def node(self, key: str) -> yaml.Node | None:
        loader = _Loader(self.yaml_text)
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as error:
            raise EditError(f"front matter is not valid YAML ({error}); fix it first (handbook check)") from error
        finally:
            loader.dispose()
        if not isinstance(root, yaml.MappingNode):
            raise EditError("front matter is not a set of fields")
        for key_node, value_node in root.value:
            if key_node.value == key:
                return value_node
        return None


def _last_scalar(node: yaml.Node) -> yaml.Node:
    """The node written last inside ``node``: its end is where the node's text ends."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def append_to_sequence(text: str, key: str, item_lines: list[str] | str) -> str:
    """Append an item to the list under a top-level ``key``.

    ``item_lines`` is a scalar (written as is, e.g. a chapter id) or, for a block list,
    the lines of a mapping item as written at column 0: the first starting with '- ',
    the others indented by two spaces.
    Flow lists (``[a, b]``) accept scalars only.
    """
    fm = FrontMatter.of(text)
    node = fm.node(key)
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~")):
        raise EditError(f"has no '{key}' list to add to")
    if not isinstance(node, yaml.SequenceNode):
        raise EditError(f"'{key}' is not a list")
    if node.flow_style:
        if not isinstance(item_lines, str):
            raise EditError(
                f"'{key}' is written as a [flow, list]; rewrite it with one '- ' line per item, then try again"
            )
        closing = fm.start + node.end_mark.index - 1  # the ']'
        before = text[:closing].rstrip()
        separator = "" if before.endswith("[") else ", "
        return before + separator + item_lines + text[closing:]
    lines = [item_lines] if isinstance(item_lines, str) else item_lines
    first_item = node.value[0]
    dash_column = max(first_item.start_mark.column - 2, 0)
    end = _last_scalar(node).end_mark
    # Offset in the file just after the last line of the list's text.
    end_index = fm.start + end.index
    if end.column != 0:
        newline = text.find("\n", end_index)
        end_index = len(text) if newline == -1 else newline + 1
    indent = " " * dash_column
    rendered = []
    for number, line in enumerate(lines):
        if number == 0:
            rendered.append(indent + (line if line.startswith("- ") else f"- {line}"))
        else:
            rendered.append(indent + line if line else "")
    return text[:end_index] + "\n".join(rendered) + "\n" + text[end_index:]
