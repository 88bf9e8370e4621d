"""Stable, citable URLs for every kind of item, and relative links between pages."""

from __future__ import annotations

from handbook.content.kinds import HANDBOOK, KINDS, PAGE

# kind -> the first part of its pages' addresses (a chapter's is its handbook's folder)
SECTIONS = {kind.name: kind.section for kind in KINDS if kind.section is not None}


def url_for(kind: str, item_id: str) -> str:
    """The site-relative URL of an item's page, with a trailing slash (directory URLs)."""
    if kind == PAGE.name:
        return (
            "" if item_id == "index" else (item_id[: -len("/index")] if item_id.endswith("/index") else item_id) + "/"
        )
    return f"{SECTIONS[kind]}/{item_id}/"


def src_uri_for(kind: str, item_id: str) -> str:
    """The MkDocs source path of an item's page (a real file or a generated one)."""
    if kind == HANDBOOK.name:
        return f"{SECTIONS[kind]}/{item_id}/index.md"
    if kind == PAGE.name:
        return f"{item_id}.md"
    return f"{SECTIONS[kind]}/{item_id}.md"


def index_url(kind: str) -> str:
    return f"{SECTIONS[kind]}/"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one directory-style page URL to another, as MkDocs would write it.

    Plain string work on clean site-relative URLs: called tens of thousands of times per
    build, where posixpath.relpath (which makes both paths absolute) was a visible cost.
    """
    base = [part for part in from_url.split("/") if part]  # the page's own folder
    target_path, _, fragment = to_url.partition("#")
    target = [part for part in target_path.split("/") if part]
    common = 0
    while common < len(base) and common < len(target) and base[common] == target[common]:
        common += 1
    relative = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    if target_path.endswith("/") and relative != ".":
        relative += "/"
    elif relative == ".":
        relative = "./"
    return relative + (f"#{fragment}" if fragment else "")
