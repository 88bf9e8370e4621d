"""The prefiltered inline pass gives exactly Python-Markdown's output."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import InlineProcessor as InlinePattern

from handbook.mkdocs.speedups.inline_prefilter import InlinePrefilterExtension, PrefilteredInlineProcessor
from tests.term_linking_support import EXTENSIONS  # the site's extensions, as in mkdocs.yml

PIECES = [
    "word",
    "Relational",
    "council's",
    " ",
    " ",
    "\n",
    "  \n",
    "\n\n",
    "`code`",
    "``a ` b``",
    "\\*",
    "\\_",
    "\\",
    "[a link](https://example.org)",
    "[ref][r1]",
    "[r1]",
    "![an image](i.png)",
    "![img][r1]",
    "<https://example.org/x>",
    "<someone@example.org>",
    '<span class="x">raw</span>',
    "<b>",
    "</b>",
    "&amp;",
    "&copy;",
    "&",
    "&#169;",
    "*em*",
    "**strong**",
    "***both***",
    "_em_",
    "__strong__",
    "*",
    "_",
    "snake_case_word",
    "2 * 3",
    "[^1]",
    "[^n]",
    "[",
    "]",
    "(",
    ")",
    "!",
    "<",
    ">",
    "{: .cls }",
    "ŵ ŷ",
    "- ",
    "1. ",
    "# ",
    "> ",
    "    ",
    "|",
    "@",
]
REFERENCES = "\n\n[r1]: https://example.org/r1\n\n[^1]: A footnote with *emphasis* and `code`.\n"


def _convert(text: str, prefiltered: bool) -> str:
    extensions = [*EXTENSIONS, InlinePrefilterExtension()] if prefiltered else EXTENSIONS
    return markdown.Markdown(extensions=extensions).convert(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.booleans())
def test_the_output_is_python_markdowns_own(pieces: list[str], with_references: bool) -> None:
    text = "".join(pieces) + (REFERENCES if with_references else "")
    assert _convert(text, prefiltered=True) == _convert(text, prefiltered=False)


def test_every_kind_of_inline_syntax_in_one_page() -> None:
    text = (
        "A `code` span, an escaped \\* star, a [link](https://example.org) and a [reference][r1], an\n"
        "![image](i.png), <https://example.org/auto>, <someone@example.org>, <em>raw</em>, &amp; &copy;,\n"
        "a line break  \nthen *em*, **strong**, _under_ and __double__, a footnote[^1] and snake_case.\n" + REFERENCES
    )
    html = _convert(text, prefiltered=True)
    assert html == _convert(text, prefiltered=False)
    for fragment in (
        "<code>code</code>",
        "*",
        'href="https://example.org"',
        'href="https://example.org/r1"',
        '<img alt="image" src="i.png" />',
        "<br />",
        "<em>em</em>",
        "<strong>strong</strong>",
        "<em>under</em>",
        "<strong>double</strong>",
        'class="footnote-ref"',
        "snake_case",
        "&amp;",
        "&copy;",
    ):
        assert fragment in html


class _Mention(InlinePattern):
    def handleMatch(self, m: re.Match, data: str):
        element = etree.Element("mark")
        element.text = m.group(1)
        return element, m.start(0), m.end(0)


def test_a_pattern_it_does_not_know_is_always_tried() -> None:
    md = markdown.Markdown(extensions=[InlinePrefilterExtension()])
    md.inlinePatterns.register(_Mention(r"@@(\w+)", md), "mention", 65)
    assert md.convert("Hello @@someone, and *you*.") == "<p>Hello <mark>someone</mark>, and <em>you</em>.</p>"


def test_it_takes_the_place_of_python_markdowns_inline_processor() -> None:
    md = markdown.Markdown(extensions=[InlinePrefilterExtension()])
    assert isinstance(md.treeprocessors["inline"], PrefilteredInlineProcessor)
    assert len([name for name in md.treeprocessors._priority if name.name == "inline"]) == 1
