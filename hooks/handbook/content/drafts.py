"""Which items a build includes: drafts are previewed, never published by accident.

Any item may be ``status: draft``; a draft handbook takes its chapters with it. A
preview (``mkdocs serve``) builds drafts, each page with a "Draft" banner. A production
build (``mkdocs build``, ``gh-deploy``, ``handbook check``) leaves them out entirely,
unless the ``drafts`` option is on (``HANDBOOK_DRAFTS=1``, handbook.settings);
``HANDBOOK_DRAFTS=0`` previews the production site.

Leaving them out is done once per build, before anything else sees the corpus:
``select`` returns a corpus without the drafts, and everything made from the build's
corpus (pages, navigation, PDFs, exports, search, backlinks, related lists, theme hubs,
indexes, "What's changed") cannot show what is not in it.

A published item that refers to a draft (a link, a citation, ``related_terms``, a
story's organisation...) is a problem in a production build and in ``handbook check``.
Rendering the reference as plain text instead would hide a broken promise from the
reader (a citation with nothing to look up, an organisation named but not listed) and
from the author until after publishing; a problem says exactly where, before anything
is published. A preview builds the draft, so there the reference works and is only
noted in the log.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from handbook.content.corpus import Corpus, LoadResult
from handbook.content.model import DRAFT, Chapter, Handbook, Item
from handbook.content.problems import Problem


def drafts_included(command: str | None, setting: bool | None) -> bool:
    """Whether this build includes drafts: previews do, production builds do not, and
    the ``drafts`` option (``Settings.drafts``, None when unset) says otherwise for either."""
    if setting is not None:
        return setting
    return command == "serve"


def draft_keys(corpus: Corpus) -> frozenset[tuple[str, str]]:
    """The keys of the drafts: items marked draft, and every chapter of a draft handbook."""
    keys = {item.key for item in corpus if item.status == DRAFT}
    for handbook in corpus.handbooks:
        if handbook.status == DRAFT:
            keys.update(chapter.key for chapter in handbook.chapters)
    return frozenset(keys)


@dataclass(frozen=True)
class Selection:
    """What one build includes, decided once from the whole corpus."""

    corpus: Corpus  # what the build publishes: without the drafts unless they are included
    drafts: frozenset[tuple[str, str]]  # (kind, id) of every draft, included or not
    included: bool  # whether the drafts are built (with a banner)
    left_out: tuple[Item, ...]  # the drafts this build leaves out
    # References from published items to drafts: problems when drafts are left out,
    # notes for the log when they are built.
    references_to_drafts: tuple[Problem, ...]

    def is_draft(self, item: Item | None) -> bool:
        return item is not None and item.key in self.drafts

    @property
    def problems(self) -> list[Problem]:
        """What fails this build: references to drafts that it leaves out."""
        return [] if self.included else list(self.references_to_drafts)


def select(result: LoadResult, include_drafts: bool) -> Selection:
    corpus = result.corpus
    drafts = draft_keys(corpus)
    if not drafts:
        return Selection(corpus, drafts, include_drafts, (), ())
    published = _without(corpus, drafts)
    references = (*_references_to_drafts(result, drafts), *_page_links_to_drafts(result, published))
    if include_drafts:
        return Selection(corpus, drafts, True, (), references)
    return Selection(published, drafts, False, tuple(item for item in corpus if item.key in drafts), references)


def _without(corpus: Corpus, drafts: frozenset[tuple[str, str]]) -> Corpus:
    """A copy of the corpus without the drafts; records of the whole corpus are not changed
    (a published handbook with a draft chapter is a copy, its chapters numbered again)."""
    published = Corpus(corpus.root, corpus.vocabularies)
    renumbered: dict[tuple[str, str], Item] = {}
    for handbook in corpus.handbooks:
        if handbook.key in drafts:
            continue
        chapters = [chapter for chapter in handbook.chapters if chapter.key not in drafts]
        if len(chapters) != len(handbook.chapters):
            chapters = [dataclasses.replace(chapter, number=number) for number, chapter in enumerate(chapters, start=1)]
            handbook = dataclasses.replace(handbook, chapters=chapters)
        renumbered[handbook.key] = handbook
        renumbered.update((chapter.key, chapter) for chapter in chapters)
        published.handbooks.append(handbook)
    for item in corpus:  # in the corpus's own order, so pages and lists keep theirs
        if item.key not in drafts:
            published.add(renumbered.get(item.key, item))
    return published


def _references_to_drafts(result: LoadResult, drafts: frozenset[tuple[str, str]]):
    corpus = result.corpus
    by_path = {item.path: item for item in corpus if item.kind != "theme"}
    for ref in result.references:
        target = corpus.get(ref.kind, ref.id)
        source = by_path.get(ref.path)
        if target is None or target.key not in drafts or source is None or source.key in drafts:
            continue
        yield Problem(
            ref.path,
            ref.line,
            ref.field,
            f"{_describe(target, corpus)}, left out of the published site",
            expected=_EXPECTED.format(kind=ref.kind, what=f"'{ref.id}'"),
        )


def _page_links_to_drafts(result: LoadResult, published: Corpus) -> list[Problem]:
    """Relative links to a draft's file (``[our plans](../about/plans.md)``) from published
    pages: the links page_links finds broken in the published site and not in the whole."""
    # Here, not at the top: these modules build on the site module, which builds on this one.
    from handbook.linking.page_links import page_link_problems, site_files
    from handbook.pages.changes import CHANGES_URI
    from handbook.pages.generated import generated_pages
    from handbook.site import item_sources

    if not any(".md" in item.body for item in published):
        return []
    already = {(p.path, p.line, p.message) for p in result.problems}
    pages = {page.src_uri for page in generated_pages(published)} | {CHANGES_URI}
    return [
        Problem(
            p.path,
            p.line,
            p.field,
            f"{p.message}: it is a draft's page, left out of the published site",
            expected=_EXPECTED.format(kind="page", what="that page"),
        )
        for p in page_link_problems(item_sources(published), pages, lambda: site_files(result.corpus))
        if (p.path, p.line, p.message) not in already
    ]


_EXPECTED = (
    "a published {kind}: publish {what} first (remove its status: draft), "
    "mark this item draft too, or leave the reference out until then"
)


def _describe(target: Item, corpus: Corpus) -> str:
    if isinstance(target, Chapter) and target.status != DRAFT:
        handbook = corpus.get("handbook", target.handbook_id)
        if isinstance(handbook, Handbook) and handbook.status == DRAFT:
            return f"chapter '{target.id}' is in the draft handbook '{handbook.id}'"
    return f"{target.kind} '{target.id}' is a draft"
