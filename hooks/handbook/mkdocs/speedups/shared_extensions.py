"""Markdown extensions configured once per build instead of once per page.

MkDocs makes a new Python-Markdown converter for every page, and for every extension
named by a string in mkdocs.yml it imports and configures the extension again (pymdownx
deep-copies its settings each time). Handing it configured instances instead skips that,
as MkDocs already does for extensions given as objects. An instance is then used by one
converter after another, so it must not keep anything of its own between them:
SuperFences adds to a list on its instance for every converter (and walks that list on
every reset), which made each page slower than the last, so it stays per page.

Only public API is used, but the speed-up rests on something no extension promises (that
it keeps no state of its own between converters), so it is fenced and switched with the
others. Equivalence: ``tests/unit/test_shared_extensions.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import markdown
from markdown.extensions import Extension

from handbook.mkdocs.speedups.upstream import SpeedUp

KEEP_STATE_BETWEEN_CONVERTERS = frozenset({"pymdownx.superfences"})

SPEEDUP = SpeedUp(
    name="shared_extensions",
    replaces="MkDocs' configuring of every mkdocs.yml extension once per page",
    # The extensions the site names were read for state kept between converters in these.
    checked={"markdown": ("3.11.3",), "pymdown-extensions": ("13.1",), "mkdocs": ("1.6.1",)},
    shape_differs=lambda: None,
)


def configured_once(extensions: Iterable[str | Extension], configs: Mapping[str, dict]) -> list[str | Extension]:
    """The extension list with each shareable name replaced by one configured instance."""
    builder = markdown.Markdown()
    return [
        builder.build_extension(entry, dict(configs.get(entry, {})))
        if isinstance(entry, str) and entry not in KEEP_STATE_BETWEEN_CONVERTERS
        else entry
        for entry in extensions
    ]
