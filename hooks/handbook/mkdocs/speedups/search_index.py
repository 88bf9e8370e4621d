"""Material's search index, read faster: sections found by our reader, one regex pass skipped.

Two parts, both standing in for undocumented internals of Material's search plugin:

- ``FasterSearchIndex`` replaces the plugin's ``search_index`` (made in its on_config): it
  finds each page's sections with ``handbook.mkdocs.search_sections`` instead of
  Material's HTML parser, and adds them through Material's own ``create_entry_for_section``.
- ``index_page`` wraps the plugin's ``on_page_context`` in MkDocs' list of event
  handlers: after indexing a page, Material removes data-search-* attributes that have a
  value with a regular expression over the whole page, a sixth of the search indexing.
  Ours are all ``data-search-exclude=""``, which it leaves: when a page has no other,
  that pass is skipped.

Escaping titles and tags for Material's search page is a safety measure, not a speed-up:
it is ``handbook.mkdocs.search_escaping``, on whether or not this is.
Equivalence: ``tests/unit/test_speedups_search_index.py``.
"""

from __future__ import annotations

from material.plugins.search import plugin as material_search
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from handbook.mkdocs.search_sections import page_sections
from handbook.mkdocs.speedups.upstream import SpeedUp, fingerprint, missing

# Material's methods as the replacements repeat them (9.8.1).
FINGERPRINTS = {
    "SearchPlugin.on_page_context": "33eb62fd1688be4d",
    "SearchIndex.add_entry_from_context": "4ca78ac4321f7704",
}


def shape_differs() -> str | None:
    absent = missing(material_search, "SearchIndex.create_entry_for_section", *FINGERPRINTS)
    if absent:
        return f"material.plugins.search.plugin lacks {', '.join(absent)}"
    for path, expected in FINGERPRINTS.items():
        owner, name = path.split(".")
        if fingerprint(getattr(getattr(material_search, owner), name)) != expected:
            return f"Material's {path} is no longer the one this stands in for"
    return None


SPEEDUP = SpeedUp(
    name="search_index",
    replaces="Material's search index reader (SearchIndex.add_entry_from_context) and its "
    "page-long attribute clean-up (SearchPlugin.on_page_context)",
    checked={"mkdocs-material": ("9.8.1",), "mkdocs": ("1.6.1",)},
    shape_differs=shape_differs,
)


class FasterSearchIndex(material_search.SearchIndex):
    """Material's search index, with each page's sections found by handbook.mkdocs.search_sections."""

    def add_entry_from_context(self, page: Page) -> None:
        if (page.meta.get("search") or {}).get("exclude"):
            return
        for section in page_sections(page.content or ""):
            if not section.excluded:
                self.create_entry_for_section(section, page.toc, page.url, page)


def index_page(search):
    """Material's on_page_context, without its page-long search for attributes we never write."""
    material_on_page_context = search.on_page_context

    def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
        content = page.content or ""
        if search.config.enabled and content.count("data-search-") == content.count('data-search-exclude=""'):
            search.search_index.add_entry_from_context(page)
            return None
        return material_on_page_context(context, page=page, config=config, nav=nav)

    return on_page_context


def take_over(config: MkDocsConfig) -> bool:
    """Put both parts in place for this build (after Material's on_config); whether it could."""
    search = config.plugins.get("material/search")
    if search is None or not isinstance(getattr(search, "search_index", None), material_search.SearchIndex):
        return False
    search.search_index = FasterSearchIndex(**search.search_index.config)
    events = config.plugins.events["page_context"]
    events[:] = [index_page(search) if event == search.on_page_context else event for event in events]
    return True
