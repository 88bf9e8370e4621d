"""The pages left out of the navigation on purpose, as patterns for MkDocs' ``not_in_nav``.

The navigation (``Site.nav``) lists the handbooks and their chapters, one index page per
collection and the site's own pages. The items of the collections (terms, evidence,
stories...) and the pages made for them (theme hubs, the gap map, the confidence scale)
are reached through those index pages instead, so that a page's size does not grow with
the corpus. MkDocs reports every page that is not in the navigation ("The following
pages exist in the docs directory, but are not included in the nav", about 190 lines on
every build), which hides what is worth reading. Listing the pages the engine leaves out
in ``not_in_nav`` (MkDocs' own setting for this) silences exactly those: a page MkDocs
finds that the engine does not make (another plugin's, say) is still reported.

The patterns name folders, with the folder's pages in the navigation excepted: MkDocs
tests every file against every pattern, so one pattern per page would cost seconds at a
few thousand pages. A file in such a folder that the engine does not know is silenced
too; there is none, since every Markdown file in the collection folders is an item (or
a problem that stops the build).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable


def nav_src_uris(nav: list) -> set[str]:
    """Every page named in a MkDocs ``nav`` setting (lists of titled entries and sections)."""
    found: set[str] = set()
    for entry in nav:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            if isinstance(value, list):
                found |= nav_src_uris(value)
            elif isinstance(value, str) and "://" not in value:
                found.add(value)
    return found


def not_in_nav_patterns(pages: Iterable[str], in_nav: set[str]) -> list[str]:
    """Gitignore-style lines (MkDocs' ``not_in_nav``) matching ``pages`` outside ``in_nav``."""
    folders = sorted({posixpath.dirname(page) for page in pages if page not in in_nav})
    lines = []
    for folder in folders:
        lines.append(f"/{folder}/*.md" if folder else "/*.md")
        lines += [f"!/{page}" for page in sorted(in_nav) if posixpath.dirname(page) == folder]
    return lines
