"""One Python-Markdown converter for the whole build, instead of MkDocs' one per page.

MkDocs' ``Page.render`` makes a new converter for every page: every extension set up
again, a tenth of the build. ``SharedConverter.render`` is that method (MkDocs 1.6) with
the build's converter reset between pages instead (what Python-Markdown's ``reset`` is
for); MkDocs' own per-page processors, which are private to ``mkdocs.structure.pages``,
are registered afresh under their names, which replaces the previous page's.

Equivalence: ``tests/e2e/test_one_converter.py`` and ``test_speedups_equivalence.py``.
"""

from __future__ import annotations

import functools
import logging

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook.mkdocs.speedups.upstream import SpeedUp, fingerprint, missing

PROCESSORS = (
    "_RawHTMLPreprocessor._register",
    "_ExtractAnchorsTreeprocessor._register",
    "_RelativePathTreeprocessor._register",
    "_ExtractTitleTreeprocessor._register",
    "get_toc",
    "log",
)
# MkDocs' Page.render as SharedConverter.render copies it (1.6.1).
RENDER_FINGERPRINTS = frozenset({"320529348f7a8af1"})


def shape_differs() -> str | None:
    absent = missing(mkdocs_pages, *PROCESSORS)
    if absent:
        return f"mkdocs.structure.pages lacks {', '.join(absent)}"
    if fingerprint(Page.render) not in RENDER_FINGERPRINTS:
        return "MkDocs' Page.render is no longer the one this copies"
    return None


SPEEDUP = SpeedUp(
    name="shared converter",
    replaces="MkDocs' Page.render (a new Python-Markdown converter for every page)",
    checked={"mkdocs": ("1.6.1",)},
    shape_differs=shape_differs,
    switch="HANDBOOK_SHARED_CONVERTER",
)


class SharedConverter:
    """The converter of one build; a new one for every build."""

    def __init__(self) -> None:
        self.md: markdown.Markdown | None = None

    def take_over(self, page: Page) -> None:
        page.render = functools.partial(self.render, page)  # type: ignore[method-assign]  # the speed-up

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self.md
        if md is None:
            md = self.md = markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
            )
        md.reset()
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative_paths = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
        relative_paths._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = mkdocs_pages.get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_paths.links_to_anchors
