"""Python-Markdown's inline pass, trying only the patterns that can match a text.

Python-Markdown tries every inline pattern (code, escapes, links, images, autolinks, raw
HTML, entities, line breaks, emphasis...) on every text of a page, one regular
expression search each through a Python method call, although most prose holds none of
the characters those patterns begin with. That was a tenth of the Markdown conversion.
This processor does the same, except that it passes over a pattern whose expression
needs a character (or a few) that the text does not contain: such a pattern cannot
match, and it has no effect until it matches, so the output is the same, byte for byte
(``tests/unit/test_inline_prefilter.py`` compares it with Python-Markdown's own).

Patterns are recognised by their regular expression, not by their class: an expression
listed in ``NEEDLES`` cannot match a text without one of its needles. Any other pattern
(an extension's) is always tried.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown, inlinepatterns, util
from markdown.treeprocessors import InlineProcessor

from handbook.mkdocs.speedups.upstream import fingerprint, missing

# Python-Markdown's inline loop as PrefilteredInlineProcessor repeats it (3.11.3): its
# private, name-mangled methods; and the run() that calls them.
FINGERPRINTS = {
    "_InlineProcessor__handleInline": "fe27babc114aed0a",
    "_InlineProcessor__applyPattern": "8862b35197c0e614",
    "run": "f6c93631f2871499",
}


def shape_differs() -> str | None:
    absent = missing(InlineProcessor, *FINGERPRINTS) + missing(
        inlinepatterns,
        "BACKTICK_RE",
        "ESCAPE_RE",
        "LINK_RE",
        "IMAGE_LINK_RE",
        "AUTOLINK_RE",
        "AUTOMAIL_RE",
        "HTML_RE",
        "ENTITY_RE",
        "LINE_BREAK_RE",
    )
    if absent:
        return f"Python-Markdown lacks {', '.join(absent)}"
    for name, expected in FINGERPRINTS.items():
        if fingerprint(getattr(InlineProcessor, name)) != expected:
            return f"Python-Markdown's InlineProcessor.{name} is no longer the one this repeats"
    return None


# Regular expression -> substrings one of which any match contains.
NEEDLES: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),  # both alternatives need a backtick (one in a lookahead)
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.LINK_RE: ("[",),  # also REFERENCE_RE and the short references
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # also IMAGE_REFERENCE_RE
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    r"\[\^([^\]]*)\]": ("[^",),  # footnote references (markdown.extensions.footnotes)
    r"\*|_": ("*", "_"),  # emphasis and strong (DelimiterProcessor)
}


def _needles(pattern: object) -> tuple[str, ...] | None:  # a Pattern (the stubs type the registry's items wrongly)
    compiled = getattr(pattern, "compiled_re", None)
    return NEEDLES.get(compiled.pattern) if compiled is not None else None


class PrefilteredInlineProcessor(InlineProcessor):
    """Python-Markdown's ``InlineProcessor`` with patterns that cannot match passed over."""

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        # The patterns in priority order, as the registry gives them by index: once per page,
        # not once per text and pattern.
        self._patterns = list(self.inlinePatterns)
        self._pattern_needles = [_needles(pattern) for pattern in self._patterns]
        return super().run(tree, ancestors)

    # Python-Markdown's private method (name-mangled), the one loop this module changes: the
    # same loop, with its patterns from the list above and the needle test before each.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803 - upstream's names
        if isinstance(data, util.AtomicString):
            return data
        patterns, needles = self._patterns, self._pattern_needles
        apply_pattern = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]  # private: not in the stubs
        index, start = patternIndex, 0
        count = len(patterns)
        while index < count:
            wanted = needles[index]
            if wanted is not None:
                for needle in wanted:
                    if needle in data:
                        break
                else:
                    # Cannot match, here or after a later substitution (which only puts
                    # placeholders in): what Python-Markdown does after a failed search.
                    index += 1
                    start = 0
                    continue
            data, matched, start = apply_pattern(patterns[index], data, index, start)
            if not matched:
                index += 1
        return data


class InlinePrefilterExtension(Extension):
    """Puts the prefiltered processor in the place of Python-Markdown's inline processor."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(PrefilteredInlineProcessor(md), "inline", 20)
