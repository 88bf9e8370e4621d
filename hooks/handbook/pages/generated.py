"""Pages with no source file of their own: collection indexes and theme hubs.

Each is data plus a template name; the template in ``overrides/fragments/generated/``
writes the markup.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from handbook.pages import explorer; from handbook.pages import gathering
from handbook.content.corpus import Corpus
from handbook.pages.exports import EVIDENCE_CSV, EVIDENCE_JSON, EVIDENCE_RIS, GLOSSARY_JSON
from handbook.content.model import Item, Theme


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
    terms = corpus.of_kind("term")
    evidence = corpus.of_kind("evidence")
    stories = corpus.of_kind("story")
    letters = gathering.glossary_by_letter(terms)
    pages = [
        GeneratedPage("handbooks/index.md", "Handbooks", "generated/handbooks.html", "handbooks",
                      {"handbooks": corpus.handbooks}, summary="Every handbook, with its chapters."),
        GeneratedPage("glossary/index.md", "Glossary", "generated/glossary.html", "glossary",
                      {"terms": _sorted(terms), "letters": letters, "alphabet": gathering.alphabet(letters),
                       "term_groups": gathering.glossary_by_term_group(terms, v), "export_json": GLOSSARY_JSON},
                      summary="Relational terms and phrases, with the perspectives people bring to them."),
        GeneratedPage("evidence/index.md", "Evidence", "generated/evidence.html", "docs/evidence",
                      {"items": explorer.explorer_order(evidence), "facets": explorer.explorer_facets(evidence, v),
                       "exports": {"JSON": EVIDENCE_JSON, "CSV": EVIDENCE_CSV, "RIS": EVIDENCE_RIS},
                       "scale_url": explorer.CONFIDENCE_SCALE_URL, "gap_map_url": explorer.GAP_MAP_URL},
                      summary="Publications on relationships, with an honest rating of how strong each is."),
        GeneratedPage("stories/index.md", "Stories", "generated/stories.html", "docs/stories",
                      {"items": _sorted(stories), "by_type": gathering.stories_by_type(stories, v),
                       "by_nation": gathering.stories_by_nation(stories, v), "by_theme": gathering.by_theme(stories, v)},
                      summary="Case stories from people doing the work."),
        GeneratedPage("convenings/index.md", "Convenings", "generated/convenings.html", "docs/convenings",
                      {"items": sorted(corpus.of_kind("convening"), key=lambda c: str(c.date), reverse=True),
                       "years": gathering.convenings_by_year(corpus.of_kind("convening"))},
                      summary="Gatherings of the field, what they explored and the questions they raised."),
        GeneratedPage("resources/index.md", "Resources", "generated/resources.html", "docs/resources",
                      {"items": _sorted(corpus.of_kind("resource")),
                       "by_kind": gathering.resources_by_kind(corpus.of_kind("resource"), v)},
                      summary="Tools and publications of the field."),
        GeneratedPage("organisations/index.md", "Organisations", "generated/organisations.html", "docs/organisations",
                      {"items": gathering.listed(_sorted(corpus.of_kind("organisation"))),
                       "by_nation": gathering.organisations_by_nation(corpus.of_kind("organisation"), v),
                       "by_type": gathering.organisations_by_type(corpus.of_kind("organisation"), v)},
                      summary="Who is doing relational work, and where."),
        GeneratedPage("evidence/confidence-scale.md", "How we rate confidence", "generated/confidence_scale.html",
                      "docs/vocabularies.yml", {"levels": explorer.confidence_scale(evidence, v)},
                      summary="The five-point scale for how strong a piece of evidence is, kept apart from what it found."),
        GeneratedPage("evidence/gap-map.md", "Evidence gap map", "generated/gap_map.html", "docs/evidence",
                      {"map": explorer.gap_map(evidence, v)},
                      summary="Themes against outcomes: where the evidence is, how strong it is, and where the gaps are."),
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
                                   {"theme": theme, "grouped": {k: _sorted(v) for k, v in grouped.items()},
                                    "explorer_query": explorer.explorer_query(theme=theme.id)},
                                   item=theme, summary=theme.description))
    return pages
