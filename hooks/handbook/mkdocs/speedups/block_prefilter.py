"""Python-Markdown's block parser, asking only the processors that can take a block.

For every block of a page (a paragraph, a list, a heading...), Python-Markdown asks each
block processor in turn whether the block is its own, and several of those tests are
costly: the admonition and details tests look for the block's place under an earlier
admonition, the table test splits the block into rows, the heading and quote tests run a
regular expression over it. Most blocks are plain paragraphs, so most of those answers
are no. Here a processor is asked only when the block contains what its test needs to
say yes: a ``#`` for a heading, a ``|`` for a table, ``!!!`` or an indented first line
for an admonition... A test passed over would have said no, and saying no, the tests
below leave nothing behind that matters (the table test keeps a note for its run(), which
only a yes leads to, and a yes writes the note afresh), so the output is the same, byte
for byte (``tests/unit/test_block_prefilter.py`` compares it with Python-Markdown's own).

Processors are recognised by their exact class (a subclass may test differently); any
other processor is always asked.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor, BlockQuoteProcessor, HashHeaderProcessor, ReferenceProcessor
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.tables import TableProcessor

from handbook.mkdocs.speedups.upstream import fingerprint

MayTake = Callable[[BlockProcessor, str], bool]


def _continues_a_block(processor: BlockProcessor, block: str) -> bool:
    """An indented block can continue the admonition (or details) just before it; a block the
    test has already claimed is being handed to run()."""
    return processor.current_sibling is not None or block.startswith(" " * processor.tab_length)  # type: ignore[attr-defined]  # current_sibling: the admonition processor's


# Processor class -> when its test can say yes. Each needle is in every match of the
# test's expression (or, for tables, in every header row with more than one cell).
MAY_TAKE: dict[type[BlockProcessor], MayTake] = {
    HashHeaderProcessor: lambda processor, block: "#" in block,
    BlockQuoteProcessor: lambda processor, block: ">" in block,
    TableProcessor: lambda processor, block: "|" in block,
    # These two say yes to every block, then give it back unless it holds a definition.
    ReferenceProcessor: lambda processor, block: "]:" in block,
    FootnoteBlockProcessor: lambda processor, block: "[^" in block,
    AdmonitionProcessor: lambda processor, block: "!!!" in block or _continues_a_block(processor, block),
}

try:  # PyMdown Extensions' details, when installed (the site uses it)
    from pymdownx.details import DetailsProcessor

    MAY_TAKE[DetailsProcessor] = lambda processor, block: "???" in block or _continues_a_block(processor, block)
except ImportError:  # pragma: no cover
    pass

# The tests the needles above were read from (Python-Markdown 3.11.3, PyMdown Extensions 13.1).
TEST_FINGERPRINTS = {
    "HashHeaderProcessor": "b05b7970153b822e",
    "BlockQuoteProcessor": "342a21ffb26b7052",
    "TableProcessor": "399019a4927efd46",
    "ReferenceProcessor": "889d3dacebfb92cd",
    "FootnoteBlockProcessor": "889d3dacebfb92cd",
    "AdmonitionProcessor": "904f68fe3497e4e4",
    "DetailsProcessor": "da097dc4e895d886",
}


def shape_differs() -> str | None:
    for processor_class in MAY_TAKE:
        expected = TEST_FINGERPRINTS.get(processor_class.__name__)
        if expected is None or fingerprint(processor_class.test) != expected:
            return f"{processor_class.__module__}.{processor_class.__name__}.test is no longer the one its prefilter was read from"
    return None


def _prefiltered(processor: BlockProcessor, may_take: MayTake) -> Callable:
    test = processor.test

    def prefiltered_test(parent, block: str) -> bool:
        return may_take(processor, block) and test(parent, block)

    return prefiltered_test


class BlockPrefilterExtension(Extension):
    """Gives each known block processor its prefilter. List it after the extensions it covers."""

    def extendMarkdown(self, md: Markdown) -> None:
        for processor in md.parser.blockprocessors:
            may_take = MAY_TAKE.get(type(processor))
            if may_take is not None and "test" not in vars(processor):  # not wrapped already
                processor.test = _prefiltered(processor, may_take)  # type: ignore[method-assign]  # the speed-up
