"""Navigation entries off the page's path rendered once for the pages that link to them alike.

Material's ``partials/nav-item.html`` renders the navigation with one recursive macro,
``render``, for every page. An entry that is not active (the page is not in it) reads
nothing of the page but the base of its relative links, so many pages get the same markup
for it: the chapters of a handbook list each other alike, and every chapter lists the
glossary alike. The macro calls itself by name, so no template of ours can reach the
inner entries; instead, the build is served Material's own template with that one macro
renamed ``material_render`` and a top-level ``render`` set to a Python callable that asks
``NavigationEntries`` (a cache made for each build), which calls Material's macro for an
entry it has not rendered under that key yet. The template text is taken from the
installed Material at build time and used only when its fingerprint is the one checked
here; nothing of Material is copied into this project.

An entry's markup is reused only on a page that renders it under the same key: the same
entry object, place in the tree (``path``, ``level``), whether its parent is active, and
a link base (``link_base``) from which MkDocs' ``url`` filter gives every URL inside the
entry the same relative form. Active entries, entries holding the page and entries with
``pages`` of their own (Material compares those with the page) are always rendered by
Material's macro. It assumes what MkDocs does: an entry's title, URL, meta and children
are settled before any page template is rendered (on_page_context hooks change only the
current page's content and edit URL, which entries do not show).
Equivalence: ``tests/unit/test_speedups_navigation_entries.py``.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import material
from mkdocs import utils as mkdocs_utils
from mkdocs.utils import templates as mkdocs_templates

from handbook.mkdocs.speedups.upstream import SpeedUp, fingerprint

TEMPLATE = "partials/nav-item.html"
GLOBAL = "hb_navigation_entries"
MATERIAL_MACRO = "{% macro render(nav_item, path, level, parent) %}"
RENAMED_MACRO = "{% macro material_render(nav_item, path, level, parent) %}"
# A top-level name, as the macro's was: Material's macro and nav.html call it. A Python
# callable rather than a macro, so a reused entry costs no macro call.
CACHING_RENDER = "{% set render = " + GLOBAL + "(material_render) %}"
# Material's partials/nav-item.html (9.8.1) whose ``render`` macro is wrapped.
NAV_ITEM_FINGERPRINT = "89895208f22d68ce"
# MkDocs' url filter and the functions making a URL relative to the page (1.6.1), whose
# results ``link_base`` predicts.
URL_FUNCTIONS = {
    "url_filter": "aa52bb2422f2048e",
    "normalize_url": "b11a3a176c1cd9ae",
    "get_relative_url": "4d13309f3b8efbb9",
}


def source_fingerprint(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def shape_differs() -> str | None:
    """Material's own template, as installed (the build's theme is checked again in take_over)."""
    installed = Path(material.__file__).parent / "templates" / TEMPLATE
    if not installed.is_file():
        return f"Material has no {TEMPLATE}"
    if source_fingerprint(installed.read_text(encoding="utf-8")) != NAV_ITEM_FINGERPRINT:
        return f"Material's {TEMPLATE} is not the one whose render macro the cache wraps"
    functions: dict[str, Callable[..., Any]] = {
        "url_filter": mkdocs_templates.url_filter,
        "normalize_url": mkdocs_utils.normalize_url,
        "get_relative_url": mkdocs_utils.get_relative_url,
    }
    for name, function in functions.items():
        if fingerprint(function) != URL_FUNCTIONS[name]:
            return f"MkDocs' {name} is not the one whose relative URLs the cache's keys predict"
    return None


SPEEDUP = SpeedUp(
    name="navigation_entries",
    replaces="Material's partials/nav-item.html, whose render macro runs for every entry on every page",
    checked={"mkdocs-material": ("9.8.1",), "mkdocs": ("1.6.1",), "jinja2": ("3.1.6",)},
    shape_differs=shape_differs,
)


def caching_template(material_source: str) -> str:
    """Material's template with its ``render`` renamed and a ``render`` asking the cache.

    Material's macro calls ``render`` for its children, which is then the caching one.
    """
    assert material_source.count(MATERIAL_MACRO) == 1 and "material_render" not in material_source
    return material_source.replace(MATERIAL_MACRO, RENAMED_MACRO) + CACHING_RENDER


def _entries_within(entry: Any) -> Iterator[Any]:
    yield entry
    for child in getattr(entry, "children", None) or ():
        yield from _entries_within(child)


def url_parts(url: str) -> tuple[str, ...]:
    """A URL's path segments as MkDocs' ``get_relative_url`` compares them (normalized)."""
    path = posixpath.normpath("/" + (url or "."))[1:]
    return tuple(path.split("/")) if path else ()


def page_folder(page_url: str) -> tuple[str, ...]:
    """The segments relative links start from: a page URL naming a file (a dot in its last
    segment) starts from its folder, as in ``get_relative_url``."""
    folder, _, name = page_url.rpartition("/")
    return url_parts(folder if "." in name else page_url)


def link_base(folder: tuple[str, ...], prefixes: frozenset[tuple[str, ...]]) -> tuple[int, tuple[str, ...]]:
    """What decides the relative form of links from ``folder`` to URLs whose segment prefixes are ``prefixes``.

    MkDocs writes a link from folder ``F`` to ``T`` as one ``../`` for each segment of ``F``
    past their common prefix, then the rest of ``T``. That prefix is never longer than the
    longest start of ``F`` that starts some ``T``, ``F[:k]``; so the depth of ``F`` and
    ``F[:k]`` give every link the same form: from ``handbooks/h1/c2/`` the chapters of
    ``h1`` have the base ``(3, (handbooks, h1))``, the glossary ``(3, ())``.
    """
    for known in range(len(folder), 0, -1):
        if folder[:known] in prefixes:
            return len(folder), folder[:known]
    return len(folder), ()


_NO_PARENT = object()


class NavigationEntries:
    """The rendered entries of one build, by entry, place and link base; a new one per build."""

    def __init__(self) -> None:
        # id(entry) -> (entry, its URLs, their segment prefixes); the entry is held so that
        # its id is not reused within the build.
        self._within: dict[int, tuple[Any, frozenset[str], frozenset[tuple[str, ...]]]] = {}
        self._folders: dict[str, tuple[str, ...]] = {}
        self._rendered: dict[tuple[Any, ...], tuple[Any, Any]] = {}
        self.reused = 0

    def _urls_within(self, entry: Any) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
        known = self._within.get(id(entry))
        if known is not None and known[0] is entry:
            return known[1], known[2]
        urls = frozenset(url for item in _entries_within(entry) if isinstance(url := getattr(item, "url", None), str))
        prefixes = frozenset(parts[:length] for parts in map(url_parts, urls) for length in range(len(parts) + 1))
        self._within[id(entry)] = (entry, urls, prefixes)
        return urls, prefixes

    def key(self, entry: Any, path: Any, level: Any, parent: Any, page: Any) -> tuple[Any, ...] | None:
        """What the entry's markup depends on for this page, or None: render it for the page."""
        page_url = getattr(page, "url", None)
        if not isinstance(page_url, str):
            return None
        if getattr(entry, "active", False) or getattr(entry, "pages", None) or entry is page:
            return None
        urls, prefixes = self._urls_within(entry)
        if page_url in urls:  # the page is in the entry: Material compares entries with it
            return None
        folder = self._folders.get(page_url)
        if folder is None:
            folder = self._folders[page_url] = page_folder(page_url)
        parent_active = None if parent is _NO_PARENT else bool(getattr(parent, "active", False))
        return (id(entry), path, level, parent_active, link_base(folder, prefixes))

    def __call__(self, material_render: Callable[..., Any]) -> Callable[..., Any]:
        """The ``render`` of one import of the template: Material's macro of that import, reused
        when it rendered the entry under the same key."""

        @jinja2.pass_context
        def render(context: jinja2.runtime.Context, entry: Any, path: Any, level: Any, parent: Any = _NO_PARENT) -> Any:
            # A top-level entry has no parent: Material's macro is called without one, as nav.html does.
            arguments = (entry, path, level) if parent is _NO_PARENT else (entry, path, level, parent)
            key = self.key(entry, path, level, parent, context.get("page"))
            if key is None:
                return material_render(*arguments)
            known = self._rendered.get(key)
            if known is not None and known[0] is entry:
                self.reused += 1
                return known[1]
            rendered = material_render(*arguments)
            self._rendered[key] = (entry, rendered)
            return rendered

        return render


def take_over(env: jinja2.Environment) -> str | None:
    """Serve the caching template for this build's pages; or say why not (the theme's template differs)."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, TEMPLATE)
    if source_fingerprint(source) != NAV_ITEM_FINGERPRINT:
        return f"the theme's {TEMPLATE} is not the one whose render macro the cache wraps"
    env.globals[GLOBAL] = NavigationEntries()
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: caching_template(source)}), env.loader])
    return None
