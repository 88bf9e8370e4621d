"""Links between pages by file path (``[the glossary](../../glossary/co-production.md)``),
checked with the content rather than during the build.

MkDocs finds a link to a page that does not exist only while it renders pages, that is
after the content checks have passed: a contributor would fix every other problem first,
then meet this one in a second round, and `handbook check` would never report it. Here
each relative ``.md`` link is resolved the way MkDocs resolves it (from the page's path as
MkDocs sees it) against every page the build will have: items, generated pages, the
changes page. Links to other files are checked by ``attachments``; anchors are left to
MkDocs.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Iterable
from urllib.parse import unquote, urlsplit

from .problems import Problem
from .safety.raw_html import blank_code
from .safety.urls import markdown_urls, scheme_of, shown

if TYPE_CHECKING:
    from .corpus import Corpus
    from .site import PageSource


def corpus_page_link_problems(corpus: "Corpus") -> list[Problem]:
    """``page_link_problems`` for every page of a loaded corpus (for ``load_corpus``)."""
    if not any(".md" in item.body for item in corpus):
        return []  # nothing to resolve: the site's page list is not worth making
    # Here, not at the top: these modules build on the corpus module, which calls this.
    from .changes import CHANGES_URI
    from .generated import generated_pages
    from .site import item_sources

    sources = item_sources(corpus)
    pages = {page.src_uri for page in generated_pages(corpus)}
    return page_link_problems(sources, pages | {CHANGES_URI})


def page_link_problems(sources: dict[str, "PageSource"], extra_pages: Iterable[str] = ()) -> list[Problem]:
    """A problem for each relative link to a ``.md`` page that the site will not have.

    ``sources``: every item's page by the path MkDocs sees (``item_sources``);
    ``extra_pages``: the other pages' paths (generated pages, the changes page).
    """
    known = set(sources) | set(extra_pages)
    problems = []
    for src_uri, source in sources.items():
        item = source.item
        if item is None or source.generated is not None or ".md" not in item.body:
            continue
        text = blank_code(item.body)
        for found in markdown_urls(text):
            target = _page_target(found.url)
            if target is None:
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
            if resolved not in known:
                line = item.body_line + text.count("\n", 0, found.offset)
                problems.append(Problem(item.path, line, "link", f"'{shown(found.url)}' is not a page of the site "
                                        f"(looked for {resolved})",
                                        expected="the path of a page relative to this one, or a link by id such as "
                                                 "[words](term:an-id)"))
    return problems


def _page_target(url: str) -> str | None:
    """The path of a relative link to a Markdown page, or None for anything else."""
    url = url.strip()
    if scheme_of(url) is not None or url.startswith(("/", "//", "#")):
        return None
    path = unquote(urlsplit(url).path)
    return path if path.lower().endswith(".md") else None
