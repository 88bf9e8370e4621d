"""The one syntax for referring to other items from Markdown.

    [text](kind:id)          explicit link with your own text
    [[kind:id]]              explicit link using the item's title
    [@id] / [@a; @b]         citation of one or several evidence items
    [@id, p. 4]              a citation with a locator (page, chapter...) after a comma

Square brackets that open with ``@`` but are followed by ``(url)`` or ``[ref]`` are an
ordinary link (``[@someone](https://example.org/someone)``), never a citation.

This module finds references in Markdown *source* (for validation without rendering);
the Python-Markdown extension in ``markdown/references.py`` turns them into elements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from handbook.content import kinds
from handbook.content.code_spans import without_code_spans

# The kinds a link can name ("term:id"); free-form pages are linked by path.
KINDS = tuple(kind.name for kind in kinds.KINDS if kind.referable)

_ID = r"[A-Za-z0-9][\w./-]*"
KIND_ALTERNATION = "|".join(KINDS)
LINK_TARGET = re.compile(rf"^({KIND_ALTERNATION}):({_ID})$")
# Used by the Markdown extension as inline patterns (over Markdown text, not HTML).
WIKILINK_PATTERN = rf"\[\[({KIND_ALTERNATION}):({_ID})\]\]"
# A link's text or destination follows the closing bracket: "[@someone](url)", "[@x][ref]".
_NOT_A_LINK = r"(?![(\[])"
# One cited item: "@id", optionally followed by ", locator" ("p. 4", "pp. 10-12", "ch. 2").
# A locator never starts with "@", so "[@a, @b]" still cites two items.
# No "@" anywhere in it, so that where one item ends and the next begins is never in doubt
# (with "@" allowed, a citation left unclosed took exponential time to be given up on);
# no \x02 or \x03, Markdown's placeholders for code spans.
_LOCATOR = r"[^\s@;\[\]\x02\x03][^@;\[\]\n\x02\x03]*?"
# Spaces before a separator belong to the item or locator before it, never to the
# separator too: two ways to read the same spaces would make an unclosed citation
# exponentially slow to give up on.
_CITED = rf"@[A-Za-z0-9][\w-]*\s*(?:,\s*{_LOCATOR})?"
CITATION_PATTERN = rf"\[({_CITED}(?:[;,]\s*{_CITED})*)\]{_NOT_A_LINK}"
CITATION_ID = re.compile(r"@([A-Za-z0-9][\w-]*)")
_CITATION_ENTRY = re.compile(rf"@([A-Za-z0-9][\w-]*)\s*(?:,\s*({_LOCATOR}))?(?=[;,]\s*@|$)")

# In the source, any target after a kind counts, so that one breaking the id rule
# ('term:../../x') is reported instead of being left as plain text.
_SOURCE_LINK = re.compile(rf"\]\(\s*({KIND_ALTERNATION}):([^\s)]*)\s*\)|\[\[({KIND_ALTERNATION}):([^\]\n]*)\]\]")
_SOURCE_CITATION = re.compile(rf"\[(@[^\]\n]*)\]{_NOT_A_LINK}")
# An id is what follows "@" at the start or after ";" or ",": "p. 4" after a comma is a locator.
_SOURCE_CITATION_ID = re.compile(r"(?:^|[;,])\s*@([^\s;,\]]*)")
# The id rule: a kebab-case slug; a chapter is '<handbook>/<chapter>'.
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_VALID_ID = re.compile(rf"^{SLUG_PATTERN}$")
_VALID_CHAPTER_ID = re.compile(rf"^{SLUG_PATTERN}/{SLUG_PATTERN}$")
# A link's text, with one level of brackets inside it: "[see [@a] here](".
_LINK_TEXT = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class SourceReference:
    kind: str
    id: str
    line: int  # line within the body, 1-based
    syntax: str  # "link" or "citation"
    in_link_text: bool = False  # a citation inside a link's text ("[see [@a]](url)"): it cannot be linked


def parse_link_target(href: str) -> tuple[str, str] | None:
    match = LINK_TARGET.match(href.strip())
    return (match.group(1), match.group(2)) if match else None


def is_valid_id(kind: str, item_id: str) -> bool:
    """Whether an id follows the id rule for its kind, so that it can never name a path outside its folder."""
    return bool((_VALID_CHAPTER_ID if kind == "chapter" else _VALID_ID).match(item_id))


def id_rule(kind: str) -> str:
    """The id rule for a kind, worded for an 'expected ...' hint."""
    slug = "lower-case words joined by hyphens"
    return f"'<handbook>/<chapter>', each {slug}" if kind == "chapter" else slug


def citation_ids(inner: str) -> list[str]:
    return CITATION_ID.findall(inner)


def citation_entries(inner: str) -> list[tuple[str, str | None]]:
    """The items a citation's text cites, each with its locator or None: "@a, p. 4; @b" ->
    [("a", "p. 4"), ("b", None)]."""
    return [(match.group(1), (match.group(2) or "").strip() or None) for match in _CITATION_ENTRY.finditer(inner)]


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """The lines of a Markdown body outside fenced code blocks, with code spans removed,
    numbered from 1: where references and placeholders are looked for."""
    in_fence = None
    for number, line in enumerate(body.splitlines(), start=1):
        fence = _FENCE.match(line)
        if fence:
            marker = fence.group(1)
            if in_fence is None:
                in_fence = marker
            elif in_fence == marker:
                in_fence = None
            continue
        if not in_fence:
            yield number, without_code_spans(line) if "`" in line else line


def scan_markdown(body: str) -> list[SourceReference]:
    """Every reference in a Markdown body, skipping fenced code blocks and code spans.

    Ids are returned as written, valid or not: check them with ``is_valid_id``.
    """
    found: list[SourceReference] = []
    if "[" not in body:
        return found
    for number, line in prose_lines(body):
        if "[" not in line:
            continue
        for match in _SOURCE_LINK.finditer(line):
            kind, item_id = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            found.append(SourceReference(kind, item_id, number, "link"))
        link_texts = [text.span(1) for text in _LINK_TEXT.finditer(line)] if "](" in line else []
        for match in _SOURCE_CITATION.finditer(line):
            inside = any(start <= match.start() and match.end() <= end for start, end in link_texts)
            for item_id in _SOURCE_CITATION_ID.findall(match.group(1)):
                found.append(SourceReference("evidence", item_id, number, "citation", inside))
    return found
