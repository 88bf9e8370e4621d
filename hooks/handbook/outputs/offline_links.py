"""Links in the offline copy, which is read from disk (file://) without a web server.

The offline copy is built with ``use_directory_urls`` off (Material's offline plugin),
so a page lives at ``glossary/co-production.html`` rather than ``glossary/co-production/``.
MkDocs writes its own links for that layout, but the engine's links (references,
templates) are directory-style and computed as if the page's URL were a folder; a
browser reading files would open a folder listing. This rewrites those links, on the
page's content tree, to the page files they mean.
"""

from __future__ import annotations

import posixpath

from .html_tree import parse_fragment, serialize_children
from .site_paths import is_external, resolve


def directory_url(src_uri: str) -> str:
    """The directory-style URL MkDocs gives a Markdown file when directory URLs are on."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder
    return stem + "/"


def is_directory_style(href: str) -> bool:
    path = href.split("#", 1)[0].split("?", 1)[0]
    return path.endswith("/") or path in (".", "..")


def rewrite_for_files(content: str, page_url: str, page_files: dict[str, str]) -> str:
    """Point directory-style links in a page's content at page files.

    ``page_url`` is the page's own URL in the offline build ("glossary/co-production.html");
    ``page_files`` maps each page's directory-style URL to its URL in the offline build.
    """
    body = parse_fragment(content)
    engine_base = page_url.rstrip("/") + "/"  # the engine resolved links as if the page were a folder
    real_folder = posixpath.dirname(page_url)
    changed = False
    for el in body.iter("a"):
        href = el.get("href")
        if not href or href.startswith("#") or is_external(href) or not is_directory_style(href):
            continue
        target = resolve(href, engine_base)
        file_url = page_files.get(target.path)
        if file_url is None:
            continue
        new = posixpath.relpath(file_url, real_folder or ".") + (f"#{target.fragment}" if target.fragment else "")
        el.set("href", new)
        changed = True
    return serialize_children(body) if changed else content
