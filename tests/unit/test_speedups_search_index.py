"""A page is indexed without Material's page-long attribute clean-up only when it has nothing to clean."""

from __future__ import annotations

import re
from types import SimpleNamespace

from handbook.mkdocs.speedups.search_index import index_page as _index_page


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


# Equivalence: the faster index writes what Material's writes, for realistic pages.
PAGES = [
    (
        "evidence/study/",
        {"title": "A study of <care> & kin", "tags": ["care", "<b>kin</b>"], "search": {"boost": 2}},
        "# A study\n\nIntro with *emphasis* and `code`.\n\n## Findings {#findings}\n\nMore 5 < 6 & text.\n\n"
        '### Deeper\n\n- a\n- b\n\n<span data-search-exclude="">tooltip</span>\n',
    ),
    ("about/", {}, "Preface before any heading.\n\n## Who we are\n\nText.\n"),
    ("hidden/", {"search": {"exclude": True}}, "# Hidden\n\nNot indexed.\n"),
]


def _index(index_class) -> str:
    import markdown
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.structure.pages import get_toc

    assert issubclass(index_class, SearchIndex)
    index = index_class(lang=["en"], separator=r"[\s\-]+", pipeline=["stemmer"], fields={})
    for url, meta, text in PAGES:
        md = markdown.Markdown(extensions=["toc", "attr_list", "md_in_html"])
        content = md.convert(text)
        page = SimpleNamespace(content=content, toc=get_toc(md.toc_tokens), url=url, meta=dict(meta), title="Fallback")
        index.add_entry_from_context(page)
    return index.generate_search_index(None)


def test_the_faster_index_writes_what_materials_writes():
    from material.plugins.search.plugin import SearchIndex

    from handbook.mkdocs.speedups.search_index import FasterSearchIndex

    faster, stock = _index(FasterSearchIndex), _index(SearchIndex)
    assert '"location":"evidence/study/#findings"' in stock and "hidden" not in stock
    assert faster == stock
