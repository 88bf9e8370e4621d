"""The page ``mkdocs serve`` shows at every address while the content has problems.

``mkdocs build`` stops when the content has problems. ``mkdocs serve`` used to stop its
rebuild the same way, and MkDocs' preview server then holds every request until a build
succeeds: the contributor's browser tab hangs and the problems are only in the terminal.
Instead, a preview build with problems writes a single page listing them, as the site's
``404.html``, which the preview server answers for every address it has no file for (the
build writes no other page). The page reloads itself when the next build is served, so
the site comes back as soon as the files are fixed.

Every string on the page comes from content or file names and is escaped (the fragment
templates autoescape); links go only to the repository host's editor, made from
``repo_url`` and ``edit_uri`` in mkdocs.yml.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin

from handbook.content.problems import Problem
from handbook.pages.render import Renderer
from handbook.safety.urls import WEB_SCHEMES, scheme_of

TEMPLATE = "problems.html"


@dataclass(frozen=True)
class FileProblems:
    """The problems of one file, with where to fix them."""

    path: str  # as in the problems: relative to the project
    local_path: str  # on this computer, to open in an editor
    edit_url: str | None  # the repository host's editor, if mkdocs.yml says where it is
    problems: list[Problem]


def edit_url(path: str, repo_url: str | None, edit_uri: str | None, edit_uri_template: str | None = None) -> str | None:
    """The address of the host's editor for a file, as MkDocs makes a page's edit link
    (mkdocs.structure.pages, 1.6), for a path relative to the repository."""
    quoted = quote(path)
    if edit_uri_template:
        relative = edit_uri_template.format(path=quoted, path_noext=posixpath.splitext(quoted)[0])
    elif edit_uri:
        relative = (edit_uri if edit_uri.endswith("/") else edit_uri + "/") + quoted
    else:
        return None
    if repo_url and not relative.startswith(("?", "#")) and not repo_url.endswith("/"):
        repo_url += "/"  # so that urljoin keeps the repository's own path
    url = urljoin(repo_url or "", relative)
    return url if scheme_of(url) in WEB_SCHEMES else None  # a host's editor is a web page


def by_file(
    problems: Iterable[Problem],
    root: Path,
    repo_url: str | None,
    edit_uri: str | None,
    edit_uri_template: str | None = None,
) -> list[FileProblems]:
    """Problems grouped by file, files in the order of their first problem."""
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.path, []).append(problem)
    return [
        FileProblems(path, str(root / path), edit_url(path, repo_url, edit_uri, edit_uri_template), found)
        for path, found in grouped.items()
    ]


def render_problems_page(
    problems: list[Problem],
    root: Path,
    site_name: str,
    repo_url: str | None = None,
    edit_uri: str | None = None,
    edit_uri_template: str | None = None,
) -> str:
    """The whole HTML document: one self-contained page, no theme, no asset, no third party."""
    files = by_file(problems, root, repo_url, edit_uri, edit_uri_template)
    return Renderer(root).render(TEMPLATE, site_name=site_name, files=files, count=len(problems))
