"""A page is indexed without Material's page-long attribute clean-up only when it has nothing to clean."""

from __future__ import annotations

import re
from types import SimpleNamespace

from handbook.mkdocs.events import _index_page


class _FakeSearch:
    """The parts of Material's search plugin the replacement uses, recording what ran."""

    def __init__(self) -> None:
        self.config = SimpleNamespace(enabled=True)
        self.indexed: list[str] = []
        self.material_ran: list[str] = []
        self.search_index = SimpleNamespace(add_entry_from_context=lambda page: self.indexed.append(page.content))

    def on_page_context(self, context, *, page, config, nav):  # Material's, in short
        self.search_index.add_entry_from_context(page)
        self.material_ran.append(page.content)
        page.content = re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", page.content)


def _run(content: str) -> tuple[_FakeSearch, str]:
    search = _FakeSearch()
    page = SimpleNamespace(content=content)
    assert _index_page(search)({}, page=page, config=None, nav=None) is None
    return search, page.content


def test_a_page_with_only_empty_exclusion_marks_is_indexed_and_left_as_it_was():
    html = '<p>a<span data-search-exclude="" role="tooltip">tip</span></p>'
    search, content = _run(html)
    assert search.indexed == [html] and search.material_ran == [] and content == html


def test_a_page_with_a_valued_search_attribute_goes_through_materials_clean_up():
    html = '<p data-search-boost="2">a<span data-search-exclude="">tip</span></p>'
    search, content = _run(html)
    assert search.indexed == [html] and search.material_ran == [html]
    assert content == '<p>a<span data-search-exclude="">tip</span></p>'


def test_a_page_without_content_is_indexed():
    search, content = _run("")
    assert search.indexed == [""] and search.material_ran == []
