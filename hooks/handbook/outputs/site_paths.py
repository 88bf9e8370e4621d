"""Site paths: where a relative link in a rendered page points, as a site-relative URL.

A site path has no leading slash; a page's path ends with ``/`` (directory URLs) and the
home page is ``""``. These helpers are shared by the PDF link rewriter and the offline
copy, which both read links out of pages rendered for the web.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

from handbook.linking.urls import relative_url


@dataclass(frozen=True)
class Target:
    path: str  # site path, "" for the home page
    fragment: str


def is_external(href: str) -> bool:
    parts = urlsplit(href)
    return bool(parts.scheme or parts.netloc)


def resolve(href: str, base_dir: str) -> Target:
    """The site path a relative ``href`` reaches from a page whose folder is ``base_dir``.

    ``base_dir`` is a site path of a folder ("handbooks/starter/" or "").
    """
    parts = urlsplit(href)
    path = parts.path
    if not path:
        return Target(base_dir, parts.fragment)
    joined = posixpath.normpath(posixpath.join(base_dir or ".", path))
    if joined in (".", ""):
        return Target("", parts.fragment)
    if joined.startswith(".."):  # above the site root: leave it as written
        return Target(path, parts.fragment)
    folder = path.endswith("/") or path in (".", "..") or path.endswith(("/.", "/.."))
    if joined.endswith("/index.html") or joined == "index.html":
        joined, folder = joined[: -len("index.html")].rstrip("/"), True
    return Target(joined + "/" if folder and joined else joined, parts.fragment)


def page_folder(page_url: str, directory_urls: bool = True) -> str:
    """The folder a page's relative links are resolved against, as a site path."""
    if directory_urls:
        return page_url
    folder = posixpath.dirname(page_url)
    return folder + "/" if folder else ""


def relative(from_folder: str, to_path: str) -> str:
    """A relative link from a folder to a site path (file or folder): the site's own rule."""
    return relative_url(from_folder, to_path)
