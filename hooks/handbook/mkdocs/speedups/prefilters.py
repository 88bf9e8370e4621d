"""Python-Markdown's inline pass and block parser, asking only what can match a text.

The two prefilters (``inline_prefilter``, ``block_prefilter``) are one speed-up with one
switch (``HANDBOOK_PREFILTERS=0``, or ``HANDBOOK_SPEEDUPS=0``): off, Python-Markdown's own.
"""

from __future__ import annotations

from handbook.mkdocs.speedups import block_prefilter, inline_prefilter
from handbook.mkdocs.speedups.block_prefilter import BlockPrefilterExtension
from handbook.mkdocs.speedups.inline_prefilter import InlinePrefilterExtension
from handbook.mkdocs.speedups.upstream import SpeedUp

__all__ = ["SPEEDUP", "BlockPrefilterExtension", "InlinePrefilterExtension"]

SPEEDUP = SpeedUp(
    name="prefilters",
    replaces="Python-Markdown's inline loop (InlineProcessor's name-mangled __handleInline) and the "
    "block processors' test()",
    checked={"markdown": ("3.11.3",), "pymdown-extensions": ("13.1",)},
    shape_differs=lambda: inline_prefilter.shape_differs() or block_prefilter.shape_differs(),
    switch="HANDBOOK_PREFILTERS",
)
