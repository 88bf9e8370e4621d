"""What the MkDocs adapter keeps during one build, beside the engine's ``Site``.

``Site`` is the engine's and knows nothing of MkDocs; the things only this adapter needs
(the offline readers it drives through MkDocs' events, the speed-ups with their shared
Python-Markdown converter, the theme's fragment cache, what the navigation MkDocs built
says) live here.
One ``BuildState`` is made in ``on_config`` and replaced by the next build's: ``mkdocs
serve`` never reloads the hook module, so nothing here may outlive its build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from handbook.settings import Settings
from handbook.site import Site

if TYPE_CHECKING:
    from handbook.markdown.term_linker import TermLinkStats
    from handbook.mkdocs.fragment_cache import FragmentCache
    from handbook.mkdocs.search_escaping import SearchEscaping
    from handbook.mkdocs.speedups import BuildSpeedups
    from handbook.outputs.offline_readers import OfflineReaders


@dataclass
class BuildState:
    settings: Settings  # validated options of this build (handbook.mkdocs.config)
    site: Site
    offline: OfflineReaders  # PDFs and the offline copy
    term_link_stats: TermLinkStats | None = None  # what the term linker did, for the build log
    fragment_cache: FragmentCache | None = None  # page-template parts shared by many pages (on_env)
    # This build's reach-ins into other packages (handbook.mkdocs.speedups) and its search
    # index escaping; None in a preview of content with problems, which converts no page.
    speedups: BuildSpeedups | None = None
    search_escaping: SearchEscaping | None = None
    # Folders holding pages of the navigation: a page there cannot share fragments linking to them (on_nav).
    folders_above_navigation: frozenset[str] = frozenset()
