"""The git-revision-date plugin asks our one `git log` of the build instead of one per page.

mkdocs-git-revision-date-plugin keeps an undocumented ``util`` attribute whose
``get_revision_date_for_file`` runs ``git log`` for every page. ``Site.history``
(handbook.content.git_history) answers the same question from the build's single
``git log`` and is put in its place. Either way the hooks then set each page's
``revision_date`` from the engine's history (on_page_markdown), so the pages are the same.
Equivalence: ``tests/unit/test_speedups_revision_dates.py``.
"""

from __future__ import annotations

import inspect

from mkdocs.config.defaults import MkDocsConfig
from mkdocs_git_revision_date_plugin import util as plugin_util

from handbook.content.git_history import GitHistory
from handbook.mkdocs.speedups.upstream import SpeedUp


def shape_differs() -> str | None:
    method = getattr(plugin_util.Util, "get_revision_date_for_file", None)
    if method is None:
        return "mkdocs_git_revision_date_plugin.util.Util lacks get_revision_date_for_file"
    if list(inspect.signature(method).parameters) != ["self", "path"]:
        return "Util.get_revision_date_for_file takes other arguments than (path)"
    return None


SPEEDUP = SpeedUp(
    name="revision_dates",
    replaces="mkdocs-git-revision-date-plugin's util (a git log per page)",
    checked={"mkdocs-git-revision-date-plugin": ("0.3.2",)},
    shape_differs=shape_differs,
)


def take_over(config: MkDocsConfig, history: GitHistory) -> bool:
    plugin = config.plugins.get("git-revision-date")
    if plugin is None or not isinstance(getattr(plugin, "util", None), plugin_util.Util):
        return False
    plugin.util = history
    return True
