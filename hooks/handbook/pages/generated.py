"""Pages with no source file of their own: collection indexes and theme hubs.

Each is data plus a template name; the template in ``hooks/handbook/templates/generated/``
writes the markup. Titles, summaries and labels made here are in the language of the
``messages`` given (English by default): the registry's titles are N_-marked data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from handbook.content import kinds
from handbook.content.corpus import Corpus
from handbook.content.model import Convening, Evidence, Item, Organisation, Resource, Story, Term, Theme
from handbook.languages.catalogue import Messages
from handbook.linking.urls import src_uri_for
from handbook.pages import explorer, gathering
from handbook.pages.exports import EVIDENCE_CSV, EVIDENCE_JSON, EVIDENCE_RIS, GLOSSARY_JSON


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    template: str
    source_folder: str  # the folder in the repository whose files this page gathers
    context: dict = field(default_factory=dict)
    item: Item | None = None  # set when the page is an item's own page (a theme hub)
    summary: str = ""


T = TypeVar("T", bound=Item)
# A theme hub's sections, one per kind of item filed under the theme, in the registry's order
# (N_-marked English: the template translates them).
THEME_HUB_HEADINGS = {kind.name: kind.plural for kind in kinds.KINDS if kind is not kinds.THEME}


def _sorted(items: Iterable[T], language: str = "en") -> list[T]:
    """By title; in another language, in its alphabetical order (Welsh: Ll after L)."""
    if language == "en":
        return sorted(items, key=lambda item: item.title.lower())
    return gathering.by_title(items, language)


def _index_page(kind: kinds.Kind, context: dict, messages: Messages) -> GeneratedPage:
    """The page listing every item of ``kind``, as the registry declares it."""
    index = kind.index_page
    title, summary = messages.gettext(index.title), messages.gettext(index.summary)
    return GeneratedPage(kind.index_src_uri, title, index.template, index.gathers, context, summary=summary)


def generated_pages(corpus: Corpus, messages: Messages | None = None) -> list[GeneratedPage]:
    """Every generated page of ``corpus`` (the localized corpus in another language's build)."""
    messages = messages or Messages()
    v = corpus.vocabularies
    terms = corpus.records(Term)
    evidence = corpus.records(Evidence)
    stories = corpus.records(Story)
    convenings, resources = corpus.records(Convening), corpus.records(Resource)
    organisations = corpus.records(Organisation)
    letters = gathering.glossary_by_letter(terms, messages.language)  # in the language's alphabet
    pages = [
        _index_page(kinds.HANDBOOK, {"handbooks": corpus.handbooks}, messages),
        _index_page(
            kinds.TERM,
            {
                "terms": _sorted(terms, messages.language),
                "letters": letters,
                "alphabet": gathering.alphabet(letters, messages.language),
                "term_groups": gathering.glossary_by_term_group(terms, v),
                "export_json": GLOSSARY_JSON,
            },
            messages,
        ),
        _index_page(
            kinds.EVIDENCE,
            {
                "items": explorer.explorer_order(evidence),
                "facets": explorer.explorer_facets(evidence, v, messages),
                "exports": {"JSON": EVIDENCE_JSON, "CSV": EVIDENCE_CSV, "RIS": EVIDENCE_RIS},
                "scale_url": explorer.CONFIDENCE_SCALE_URL,
                "gap_map_url": explorer.GAP_MAP_URL,
            },
            messages,
        ),
        _index_page(
            kinds.STORY,
            {
                "items": _sorted(stories, messages.language),
                "by_type": gathering.stories_by_type(stories, v),
                "by_nation": gathering.stories_by_nation(stories, v, messages),
                "by_theme": gathering.by_theme(stories, v, messages),
            },
            messages,
        ),
        _index_page(
            kinds.CONVENING,
            {
                "items": sorted(convenings, key=lambda c: str(c.date), reverse=True),
                "years": gathering.convenings_by_year(convenings),
            },
            messages,
        ),
        _index_page(
            kinds.RESOURCE,
            {"items": _sorted(resources, messages.language), "by_kind": gathering.resources_by_kind(resources, v)},
            messages,
        ),
        _index_page(
            kinds.ORGANISATION,
            {
                "items": gathering.listed(_sorted(organisations, messages.language)),
                "by_nation": gathering.organisations_by_nation(organisations, v),
                "by_type": gathering.organisations_by_type(organisations, v, messages),
            },
            messages,
        ),
        GeneratedPage(
            "evidence/confidence-scale.md",
            messages.gettext(explorer.CONFIDENCE_SCALE_TITLE),
            "generated/confidence_scale.html",
            "docs/vocabularies.yml",
            {"levels": explorer.confidence_scale(evidence, v)},
            summary=messages.gettext(explorer.CONFIDENCE_SCALE_SUMMARY),
        ),
        GeneratedPage(
            "evidence/gap-map.md",
            messages.gettext(explorer.GAP_MAP_TITLE),
            "generated/gap_map.html",
            kinds.EVIDENCE.source,
            {"map": explorer.gap_map(evidence, v)},
            summary=messages.gettext(explorer.GAP_MAP_SUMMARY),
        ),
        _index_page(kinds.THEME, {"themes": list(v.themes)}, messages),
    ]
    by_theme: dict[str, list[Item]] = defaultdict(list)
    for item in corpus:
        for theme_id in item.themes:
            by_theme[theme_id].append(item)
    for theme in corpus.records(Theme):
        grouped: dict[str, list[Item]] = defaultdict(list)
        for item in by_theme.get(theme.id, []):
            grouped[item.kind].append(item)
        pages.append(
            GeneratedPage(
                src_uri_for(theme.kind, theme.id),
                theme.title,
                kinds.THEME.template,
                kinds.THEME.source,
                {
                    "theme": theme,
                    "grouped": {k: _sorted(v, messages.language) for k, v in grouped.items()},
                    "headings": THEME_HUB_HEADINGS,
                    "explorer_query": explorer.explorer_query(theme=theme.id),
                },
                item=theme,
                summary=theme.description,
            )
        )
    # The Relationships Map's pages (imported here: they build on GeneratedPage).
    from handbook.relationships_map.pages import map_page

    pages.append(map_page(corpus, messages))
    from handbook.relationships_map.network_page import network_page

    pages.append(network_page(corpus, messages))
    from handbook.contributions.suggest_page import suggest_page  # the contribution forms (issue 18)

    pages.append(suggest_page(corpus, messages))
    from handbook.case_maker.page import case_maker_page  # My case (issue 19)

    pages.append(case_maker_page(corpus, messages))
    return pages
