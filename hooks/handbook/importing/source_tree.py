"""Walking a source folder without trusting it, and putting its pages in reading order.

The walk never follows a symbolic link and opens nothing it did not find itself; files are
opened with ``O_NOFOLLOW`` and measured before they are read, with the content files' size
limit, so a folder full of links, pipes or huge files costs nothing and leaks nothing.

Reading order is what the source says: GitBook's ``SUMMARY.md`` or an MkDocs ``nav`` when
there is one, otherwise a folder at a time, each folder's own page (README, index, _index)
first, then pages and sub-folders by their weight (``sidebar_position``, ``weight``,
``nav_order``, ``order``, Docusaurus' ``_category_.json``) and by name (numbers compared as
numbers, so ``2-x`` comes before ``10-y``).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.importing.report import Report
from handbook.safety.content_files import MAX_FILE_BYTES

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
INDEX_STEMS = ("readme", "index", "_index")
# Folders that hold a site generator's output or tooling, never the pages themselves.
SKIPPED_FOLDERS = frozenset({"node_modules", "_site", "site", "public", "build", "__pycache__"})
# Bounds on a hostile tree: real handbooks have tens of files a few levels deep.
MAX_ENTRIES = 20_000
MAX_DEPTH = 16
_NUMBERS = re.compile(r"(\d+)")


@dataclass
class SourceTree:
    root: Path
    markdown: list[str] = field(default_factory=list)  # posix paths relative to root, in walk order
    files: set[str] = field(default_factory=set)  # every other regular file found
    folders: set[str] = field(default_factory=set)


def walk(root: Path, report: Report) -> SourceTree:
    tree = SourceTree(root)
    count = 0

    def visit(folder: Path, rel: str, depth: int) -> None:
        nonlocal count
        if depth > MAX_DEPTH:
            report.add(rel, 0, "skipped", f"folder nested deeper than {MAX_DEPTH} levels")
            return
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            report.add(rel or ".", 0, "skipped", f"folder cannot be read ({error.strerror})")
            return
        for entry in entries:
            count += 1
            if count > MAX_ENTRIES:
                report.add(
                    rel or ".", 0, "skipped", f"more than {MAX_ENTRIES:,} files and folders: the rest is not read"
                )
                return
            path = posixpath.join(rel, entry.name) if rel else entry.name
            if entry.name.startswith("."):
                report.add(path, 0, "skipped", "hidden: not read")  # .git, .github, .gitbook: tooling, not pages
                continue
            if entry.is_symlink():
                report.add(path, 0, "skipped", "symbolic link, not followed")
            elif entry.is_dir(follow_symlinks=False):
                if entry.name in SKIPPED_FOLDERS:
                    report.add(path, 0, "skipped", "a site generator's output or tooling folder: not read")
                else:
                    tree.folders.add(path)
                    visit(Path(entry.path), path, depth + 1)
            elif entry.is_file(follow_symlinks=False):
                if entry.name.lower().endswith(MARKDOWN_SUFFIXES):
                    tree.markdown.append(path)
                else:
                    tree.files.add(path)
            else:
                report.add(path, 0, "skipped", "not a regular file or folder")

    visit(root, "", 0)
    return tree


def read_bytes(root: Path, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file found by the walk, opened without following links; OSError or ValueError if refused."""
    path = root / rel
    if not os.path.realpath(path).startswith(os.path.realpath(root) + os.sep):
        raise ValueError("is outside the source folder")
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("is not a regular file")
        if info.st_size > limit:
            raise ValueError(f"is {info.st_size:,} bytes (at most {limit:,})")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read(limit + 1)[:limit]
    finally:
        os.close(descriptor)


def is_index(rel: str) -> bool:
    return stem(rel).lower() in INDEX_STEMS


def stem(rel: str) -> str:
    name = posixpath.basename(rel)
    for suffix in MARKDOWN_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return posixpath.splitext(name)[0]


def natural_key(name: str) -> tuple:
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in _NUMBERS.split(name) if part
    )


def folder_order(tree: SourceTree, weights: dict[str, float]) -> list[str]:
    """Every Markdown file, a folder at a time: the folder's page first, then by weight and name."""
    children: dict[str, list[str]] = {}
    for rel in tree.markdown:
        children.setdefault(posixpath.dirname(rel), []).append(rel)
    for folder in tree.folders:
        children.setdefault(posixpath.dirname(folder), []).append(folder + "/")

    def folder_weight(folder: str) -> float | None:
        for rel in children.get(folder, []):
            if not rel.endswith("/") and is_index(rel) and rel in weights:
                return weights[rel]
        category = posixpath.join(folder, "_category_.json")
        if category in tree.files:
            try:
                position = json.loads(read_bytes(tree.root, category, 64 * 1024)).get("position")
                return float(position) if isinstance(position, (int, float)) else None
            except (OSError, ValueError, AttributeError):
                return None
        return None

    def key(entry: str) -> tuple:
        folder = entry.endswith("/")
        weight = folder_weight(entry[:-1]) if folder else weights.get(entry)
        index_first = 0 if not folder and is_index(entry) else 1
        name = posixpath.basename(entry.rstrip("/"))
        return (index_first, weight if weight is not None else float("inf"), natural_key(name))

    ordered: list[str] = []

    def visit(folder: str) -> None:
        for entry in sorted(children.get(folder, []), key=key):
            if entry.endswith("/"):
                visit(entry[:-1])
            else:
                ordered.append(entry)

    visit("")
    return ordered


# -- navigation files ----------------------------------------------------------------------
_SUMMARY_ENTRY = re.compile(r"^\s*[-*+]\s*\[([^\]]*)\]\(\s*<?([^)\s>]+)>?[^)]*\)")


def gitbook_summary(text: str, tree: SourceTree) -> list[tuple[str, str]]:
    """(path, title) of each page listed in a GitBook SUMMARY.md, in its order."""
    listed = []
    for line in text.splitlines():
        match = _SUMMARY_ENTRY.match(line)
        if match:
            target = _local_markdown(match.group(2), "", tree)
            if target:
                listed.append((target, match.group(1).strip()))
    return listed


class _PermissiveLoader(yaml.SafeLoader):
    """mkdocs.yml files carry tags such as !!python/name: or !ENV; their values are not needed here."""


_PermissiveLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_PermissiveLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_PermissiveLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_config(root: Path, report: Report) -> dict:
    """An MkDocs configuration, read for its docs_dir and nav only.

    Its tags are normal there (``!!python/name:``, ``!ENV``) and become None. Aliases are
    constructed as shared objects, not copies, so a few bytes cannot become gigabytes; the
    nav walk below is bounded in depth and in items, so neither can a loop or a fan-out.
    """
    try:
        text = read_bytes(root, "mkdocs.yml", 256 * 1024).decode("utf-8")
        config = yaml.load(text, Loader=_PermissiveLoader)  # noqa: S506 (a SafeLoader that drops tags)
    except (OSError, ValueError, UnicodeDecodeError, yaml.YAMLError) as error:
        report.add("mkdocs.yml", 0, "navigation", f"not read ({error}); pages are in folder order")
        return {}
    return config if isinstance(config, dict) else {}


def mkdocs_nav(nav: object, tree: SourceTree) -> list[tuple[str, str]]:
    """(path, title) of each page in an MkDocs nav, flattened in its order."""
    listed: list[tuple[str, str]] = []
    budget = [MAX_ENTRIES]

    def visit(item: object, title: str, depth: int = 0) -> None:
        budget[0] -= 1
        if depth > MAX_DEPTH or budget[0] < 0:
            return
        if isinstance(item, str):
            target = _local_markdown(item, "", tree)
            folder = posixpath.normpath(item).strip("/")
            if target:
                listed.append((target, title))
            elif folder in tree.folders:
                listed.append((folder + "/", title))  # a whole folder, in folder order
        elif isinstance(item, list):
            for child in item:
                visit(child, "", depth + 1)
        elif isinstance(item, dict):
            for key, value in item.items():
                visit(value, str(key), depth + 1)

    visit(nav, "")
    return listed


def _local_markdown(target: str, folder: str, tree: SourceTree) -> str | None:
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", target):
        return None
    path = posixpath.normpath(posixpath.join(folder, target.split("#")[0]))
    return path if path in set(tree.markdown) else None
