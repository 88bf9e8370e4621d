"""What WeasyPrint may read while it prints a PDF: local files in the folders we name.

A print document is made from content, so every ``src`` in it came from an author. The
fetcher serves ``file:`` URLs whose real path (links resolved) lies inside one of the
readable folders (the repository's content folders and the site being built), and
refuses everything else: other sites (a build must not download, and a reader's PDF must
not depend on a third party), ``data:`` and files elsewhere on the machine. It follows
WeasyPrint's documented extension point (a subclass of ``weasyprint.urls.URLFetcher``
whose ``fetch`` returns a ``URLFetcherResponse``), so WeasyPrint turns a refusal into
its own "Failed to load image" error, which ``pdf.render_task`` collects and reports.

Imports WeasyPrint: imported by the worker that renders, never by the build itself.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedUrl(ValueError):
    """A URL the PDF may not read; WeasyPrint reports it as a failed resource."""


def local_path(url: str, readable: Iterable[Path]) -> Path:
    """The file a ``file:`` URL names, if it lies inside a readable folder; otherwise ``RefusedUrl``."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise RefusedUrl(f"not read while printing (only files of the site are): {url[:120]}")
    if parts.netloc not in ("", "localhost"):
        raise RefusedUrl(f"a file on another machine is not read while printing: {url[:120]}")
    path = Path(os.path.realpath(unquote(parts.path)))
    for folder in readable:
        if path.is_relative_to(folder):
            inside = path.relative_to(folder).parts
            if any(part.startswith(".") for part in inside):
                break  # a hidden file or folder (.git/...) is never content
            if not path.is_file():
                raise RefusedUrl(f"no such file: {path}")
            return path
    raise RefusedUrl(f"outside the site's files, so not read while printing: {path}")


class LocalFilesFetcher(URLFetcher):
    """WeasyPrint's fetcher, restricted to files inside ``readable`` folders; no network at all."""

    def __init__(self, readable: Iterable[str | Path]) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)
        self.readable = tuple(Path(os.path.realpath(folder)) for folder in readable)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = local_path(url, self.readable)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})
