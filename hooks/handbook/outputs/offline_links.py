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
from urllib.parse import urlsplit

from handbook.outputs.html_tree import parse_fragment, serialize_children
from handbook.outputs.site_paths import is_external, resolve

# Links, by the attribute that holds them: HTML's <a>, SVG's <a> inside an inline picture
# (the Relationships Map's markers), which the HTML5 parser puts in the SVG namespace, and a
# page's own <script src> (the contribution forms load their scripts on their page only).
LINK_ATTRIBUTES = {"a": "href", "{http://www.w3.org/2000/svg}a": "href", "script": "src"}


def directory_url(src_uri: str) -> str:
    """The directory-style URL MkDocs gives a Markdown file when directory URLs are on."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder
    return stem + "/"


def is_directory_style(href: str) -> bool:
    path = href.split("#", 1)[0].split("?", 1)[0]
    return path.endswith(("/", "/.", "/..")) or path in (".", "..")


def rewrite_for_files(
    content: str, page_url: str, page_files: dict[str, str], output_files: frozenset[str] = frozenset()
) -> str:
    """Point the engine's links in a page's content at files that exist in the offline copy.

    ``page_url`` is the page's own URL in the offline build ("glossary/co-production.html");
    ``page_files`` maps each page's directory-style URL to its URL in the offline build;
    ``output_files`` holds the URL of every file the offline build writes. A link that
    already reaches a file, read from the page's real folder as a browser reads it (those
    are MkDocs' own), is left alone; other relative links are read as the engine wrote
    them, from the page's URL taken as a folder.
    """
    body = parse_fragment(content)
    engine_base = page_url.rstrip("/") + "/"
    real_folder = posixpath.dirname(page_url)
    changed = False
    for el in body.iter():
        attribute = LINK_ATTRIBUTES.get(el.tag) if isinstance(el.tag, str) else None
        if attribute is None:
            continue
        href = el.get(attribute)
        if not href or href.startswith("#") or is_external(href):
            continue
        if not is_directory_style(href):
            as_browser_reads = resolve(href, real_folder + "/" if real_folder else "")
            if as_browser_reads.path in output_files:
                continue
        target = resolve(href, engine_base)
        file_url = page_files.get(target.path) or (target.path if target.path in output_files else None)
        if file_url is None:
            continue
        query = urlsplit(href).query  # kept: the evidence explorer reads its filters from it
        new = (
            posixpath.relpath(file_url, real_folder or ".")
            + (f"?{query}" if query else "")
            + (f"#{target.fragment}" if target.fragment else "")
        )
        if new != href:
            el.set(attribute, new)
            changed = True
    return serialize_children(body) if changed else content
