"""The prefiltered block parser gives exactly Python-Markdown's output."""

from __future__ import annotations

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.mkdocs.speedups.block_prefilter import MAY_TAKE, BlockPrefilterExtension
from tests.term_linking_support import EXTENSIONS  # the site's extensions, as in mkdocs.yml

LINES = [
    "A plain paragraph about relational practice.",
    "Another line with a | pipe.",
    "# A heading",
    "## Second #",
    "Setext heading",
    "==========",
    "----------",
    "* * *",
    "- a list item",
    "* another item",
    "1. a numbered item",
    "    indented code or continuation",
    "        deeper indent",
    "> a quote",
    "> > nested quote",
    "| a | b |",
    "|---|---|",
    "| 1 | 2 |",
    "a | b",
    "--- | ---",
    "!!! note",
    '!!! warning "Take care"',
    "    Inside the note.",
    "??? question",
    '???+ info "Open"',
    "    Inside the details.",
    "[^1]: A footnote.",
    "[^1]",
    "[ref]: https://example.org",
    "[ref]",
    "```",
    "```python",
    "print('x')",
    "~~~",
    "<div markdown>",
    "</div>",
    "<div>raw</div>",
    "{: .cls }",
    "",
    "",
    "",
    "ŵ ŷ",
    "#hashtag",
    ">not a quote?",
    "|",
    "]:",
    "[^",
]


def _convert(text: str, prefiltered: bool) -> str:
    extensions = [*EXTENSIONS, BlockPrefilterExtension()] if prefiltered else EXTENSIONS
    return markdown.Markdown(extensions=extensions).convert(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), max_size=30))
def test_the_output_is_python_markdowns_own(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert _convert(text, prefiltered=True) == _convert(text, prefiltered=False)


def test_blocks_of_every_kind_in_one_page() -> None:
    text = "\n".join(
        [
            "# Heading",
            "",
            "Text.",
            "",
            "> quoted",
            "",
            "| a | b |",
            "|---|---|",
            "| 1 | 2 |",
            "",
            "!!! note",
            "    First paragraph.",
            "",
            "    Second paragraph, still in the note.",
            "",
            '??? info "More"',
            "    Hidden text.",
            "",
            "    More hidden text.",
            "",
            "- item",
            "",
            "    continued item",
            "",
            "Text[^1] and a [link][ref].",
            "",
            "[^1]: The note.",
            "",
            "[ref]: https://example.org",
            "",
        ]
    )
    html = _convert(text, prefiltered=True)
    assert html == _convert(text, prefiltered=False)
    for fragment in (
        '<h1 id="heading">',
        "<blockquote>",
        "<table>",
        '<div class="admonition note">',
        "Second paragraph, still in the note.</p>\n</div>",
        '<details class="info">',
        "More hidden text.</p>\n</details>",
        'href="https://example.org"',
        'class="footnote"',
    ):
        assert fragment in html


def test_the_known_processors_are_wrapped_and_others_are_not() -> None:
    md = markdown.Markdown(extensions=[*EXTENSIONS, BlockPrefilterExtension()])
    for processor in md.parser.blockprocessors:
        assert ("test" in vars(processor)) == (type(processor) in MAY_TAKE), type(processor).__name__
    wrapped = {type(processor) for processor in md.parser.blockprocessors if "test" in vars(processor)}
    assert len(wrapped) == len(MAY_TAKE)  # every prefilter is for a processor the site uses
