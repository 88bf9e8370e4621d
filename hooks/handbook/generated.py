"""Pages with no source file of their own: collection indexes and theme hubs.

Each is data plus a template name; the template in ``overrides/fragments/generated/``
writes the markup.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .corpus import Corpus
from .model import Item, Theme


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    source_folder: str  # the folder in the repository whose files this page gathers
    context: dict = field(default_factory=dict)
    item: Item | None = None  # set when the page is an item's own page (a theme hub)
    summary: str = ""


def _sorted(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda item: item.title.lower())


def generated_pages(corpus: Corpus) -> list[GeneratedPage]:
    v = corpus.vocabularies
    pages = [
        GeneratedPage("handbooks/index.md", "Handbooks", "generated/handbooks.html", "handbooks",
                      {"handbooks": corpus.handbooks}, summary="Every handbook, with its chapters."),
        GeneratedPage("glossary/index.md", "Glossary", "generated/glossary.html", "glossary",
                      {"terms": _sorted(corpus.of_kind("term"))},
                      summary="Relational terms and phrases, with the perspectives people bring to them."),
        GeneratedPage("evidence/index.md", "Evidence", "generated/evidence.html", "docs/evidence",
                      {"items": sorted(corpus.of_kind("evidence"), key=lambda e: (-e.year, e.title.lower()))},
                      summary="Publications on relationships, with an honest rating of how strong each is."),
        GeneratedPage("stories/index.md", "Stories", "generated/stories.html", "docs/stories",
                      {"items": _sorted(corpus.of_kind("story"))}, summary="Case stories from people doing the work."),
        GeneratedPage("convenings/index.md", "Convenings", "generated/convenings.html", "docs/convenings",
                      {"items": sorted(corpus.of_kind("convening"), key=lambda c: str(c.date), reverse=True)},
                      summary="Gatherings of the field, what they explored and the questions they raised."),
        GeneratedPage("resources/index.md", "Resources", "generated/resources.html", "docs/resources",
                      {"items": _sorted(corpus.of_kind("resource"))}, summary="Tools and publications of the field."),
        GeneratedPage("organisations/index.md", "Organisations", "generated/organisations.html", "docs/organisations",
                      {"items": _sorted(corpus.of_kind("organisation"))}, summary="Who is doing relational work, and where."),
        GeneratedPage("themes/index.md", "Themes", "generated/themes.html", "docs/vocabularies.yml",
                      {"themes": list(v.themes)}, summary="Everything on the site, gathered by theme."),
    ]
    by_theme: dict[str, list[Item]] = defaultdict(list)
    for item in corpus:
        for theme_id in item.themes:
            by_theme[theme_id].append(item)
    for theme in corpus.of_kind("theme"):
        assert isinstance(theme, Theme)
        grouped: dict[str, list[Item]] = defaultdict(list)
        for item in by_theme.get(theme.id, []):
            grouped[item.kind].append(item)
        pages.append(GeneratedPage(f"themes/{theme.id}.md", theme.title, "generated/theme.html", "docs/vocabularies.yml",
                                   {"theme": theme, "grouped": {k: _sorted(v) for k, v in grouped.items()}},
                                   item=theme, summary=theme.description))
    return pages
