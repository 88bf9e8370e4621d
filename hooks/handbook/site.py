"""Everything one build needs, made fresh for every build: corpus, pages, links, templates.

The MkDocs adapter asks a ``Site`` which pages to add, what the navigation is, and how to
render each page; nothing here imports MkDocs, so another engine could drive it too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from handbook.case_maker.page import CASE_MAKER_URI, case_maker_exports
from handbook.case_maker.page import TITLE as CASE_MAKER_TITLE
from handbook.cli import codeowners
from handbook.content import kinds
from handbook.content.attachments import Attachment, handbook_attachments, referenced_files
from handbook.content.corpus import Corpus, LoadResult, load_corpus
from handbook.content.drafts import Selection, select
from handbook.content.git_history import GitHistory, read_history
from handbook.content.model import Convening, Item, Organisation
from handbook.content.problems import Problem
from handbook.contributions.field_help import field_help
from handbook.contributions.schema import SCHEMA_URI, schema_json
from handbook.linking.citations import REFERENCES_HEADING, REFERENCES_ID
from handbook.linking.cross_links import CrossLinks
from handbook.linking.link_state import LinkContext
from handbook.linking.urls import relative_url, src_uri_for, url_for
from handbook.pages.changes import CHANGES_URI, FEED_URI, atom_feed, changes_page, recent_changes
from handbook.pages.exports import ExportFile, export_files
from handbook.pages.generated import GeneratedPage, generated_pages
from handbook.pages.render import Renderer
from handbook.pages.template_headings import template_headings
from handbook.pages.toc_entries import Heading
from handbook.relationships_map.exports import organisation_exports
from handbook.relationships_map.fellow_travellers import FellowTraveller, fellow_travellers
from handbook.relationships_map.pages import MAP_SRC_URI, MAP_TITLE
from handbook.settings import Settings, SiteIdentity


@dataclass
class PageSource:
    """Where a page of the site comes from."""

    src_uri: str  # path the engine sees, as if under docs/
    repo_path: str | None  # true source file in the repository, None for generated pages
    item: Item | None = None
    generated: GeneratedPage | None = None

    @property
    def injected(self) -> bool:
        """Items whose files live outside docs/ (handbooks, glossary)."""
        return self.repo_path is not None and not self.repo_path.startswith("docs/")


def _nav_title(page: Item) -> str:
    """A page's title, or one made from its file name when it has none ("start-here" -> "Start here")."""
    if page.title != page.id:
        return page.title
    return page.id.split("/")[-1].replace("-", " ").capitalize()


def item_sources(corpus: Corpus) -> dict[str, PageSource]:
    """The page of every item that has its own file, by the path the engine sees."""
    sources = {}
    for item in corpus:
        if item.kind == "theme":
            continue
        src_uri = item.path[len("docs/") :] if item.path.startswith("docs/") else src_uri_for(item.kind, item.id)
        sources[src_uri] = PageSource(src_uri, item.path, item=item)
    return sources


def address_clashes(sources: dict[str, PageSource], pages: list[GeneratedPage]) -> list[Problem]:
    """Items whose id is the address of a generated page ("evidence/gap-map")."""
    problems = []
    for page in pages:
        taken = sources.get(page.src_uri)
        if taken is not None and taken.item is not None and taken.generated is None:
            problems.append(
                Problem(
                    taken.item.path,
                    1,
                    "id",
                    f"'{taken.item.id}' is the address of the generated page '{page.title}'",
                    expected=f"another id for this {taken.item.kind}",
                )
            )
    return problems


@dataclass
class Site:
    root: Path
    result: LoadResult
    history: GitHistory
    links: LinkContext
    renderer: Renderer
    today: dt.date
    branch: str = "main"
    cross_linking: bool = True  # False: no backlinks, related lists or citation numbering (for benchmarks)
    _cross_links: CrossLinks | None = field(default=None, repr=False)
    _fellow_travellers: dict[str, list[FellowTraveller]] | None = field(default=None, repr=False)
    drafts: Selection | None = None  # which items this build includes (set by build)
    sources: dict[str, PageSource] = field(default_factory=dict)
    # The site's name and addresses from the engine's config (mkdocs.yml), for the Atom feed.
    identity: SiteIdentity = SiteIdentity(name="")

    @property
    def corpus(self) -> Corpus:
        return self.result.corpus

    @classmethod
    def build(
        cls,
        root: Path | str,
        today: dt.date | None = None,
        include_drafts: bool = False,
        settings: Settings | None = None,
        identity: SiteIdentity | None = None,
    ) -> Site:
        """``include_drafts``: a preview's build (drafts.drafts_included); by default what production publishes.
        ``settings``: the engine's options (handbook.settings; defaults if None); ``identity``: the
        site's name and addresses from mkdocs.yml."""
        root = Path(root).resolve()
        settings = settings or Settings()
        loaded = load_corpus(root)
        # Decided once: from here on the build sees only what it publishes (drafts.py), and
        # references from published items to drafts it leaves out are problems.
        selection = select(loaded, include_drafts)
        result = dataclasses.replace(loaded, corpus=selection.corpus, problems=loaded.problems + selection.problems)
        site = cls(
            root=root,
            result=result,
            history=read_history(root),
            links=LinkContext(result.corpus),
            renderer=Renderer(root, template_cache=settings.template_cache),
            today=today or dt.date.today(),
            drafts=selection,
            cross_linking=settings.cross_linking,
            identity=identity or SiteIdentity(name=""),
        )
        site.renderer.env.globals.update(
            vocab=result.corpus.vocabularies,
            corpus=result.corpus,
            today=site.today,
            site_name=site.identity.name,
            site_url=site.identity.url,  # the site's address, printed on a reader's case (case maker)
            repo_url=site.identity.repo_url,  # where a reader adds or corrects an entry (the map's add path)
            repo_branch=site.branch,  # the contribution forms' GitHub links (new file, edit, upload)
            contributions_email=settings.contributions_email,  # the forms' email option; None: not offered
        )
        site._collect_sources()
        # The checks `handbook check` adds to the loader's: one small file read. Every
        # handbook has its CODEOWNERS, drafts too: their changes are reviewed all the same.
        site.result.problems.extend(codeowners.check(root, loaded.corpus))
        site.result.problems.sort(key=lambda p: (p.path, p.line, p.field))
        return site

    def _collect_sources(self) -> None:
        self.sources.update(item_sources(self.corpus))
        pages = [*generated_pages(self.corpus), changes_page(self.corpus, self.history)]
        self.result.problems.extend(address_clashes(self.sources, pages))
        for page in pages:
            self.sources[page.src_uri] = PageSource(page.src_uri, None, item=page.item, generated=page)

    # -- what the engine needs ---------------------------------------------------------
    def injected_sources(self) -> list[PageSource]:
        return [s for s in self.sources.values() if s.injected]

    def generated_sources(self) -> list[PageSource]:
        return [s for s in self.sources.values() if s.generated is not None]

    def source_for(self, src_uri: str) -> PageSource | None:
        return self.sources.get(src_uri)

    def left_out_files(self) -> set[str]:
        """The files under docs/ of the drafts this build leaves out: the engine finds them
        itself and must drop them (handbooks and the glossary are added by us, drafts not)."""
        left_out = self.drafts.left_out if self.drafts else ()
        return {item.path[len("docs/") :] for item in left_out if item.path.startswith("docs/")}

    def is_draft(self, item: Item | None) -> bool:
        """Whether an item built here is a draft, for its banner (drafts are built only in previews)."""
        return self.drafts is not None and self.drafts.is_draft(item)

    def nav(self) -> list:
        """The navigation: handbooks with their chapters, and one entry per collection.

        The large collections are reached through their index pages, never listed in
        full, so a page's size does not grow with the size of the corpus.
        """
        handbooks: list[dict] = [{"All handbooks": kinds.HANDBOOK.index_src_uri}]
        for handbook in self.corpus.handbooks:
            entries: list = [src_uri_for("handbook", handbook.id)]
            entries += [{chapter.title: src_uri_for("chapter", chapter.id)} for chapter in handbook.chapters]
            handbooks.append({handbook.title: entries})
        nav: list = []
        if self.corpus.get("page", "index"):
            nav.append({"Home": "index.md"})
        nav.append({kinds.HANDBOOK.index_page.title: handbooks})
        for kind in kinds.KINDS:  # every other kind's index page
            if kind.index is not None and kind is not kinds.HANDBOOK:
                nav.append({kind.index.title: kind.index_src_uri})
        nav.append({MAP_TITLE: MAP_SRC_URI})
        nav.append({CASE_MAKER_TITLE: CASE_MAKER_URI})
        nav.append({"What's changed": CHANGES_URI})
        about = sorted((p for p in self.corpus.of_kind("page") if p.id != "index"), key=lambda p: p.id)
        if about:
            nav.append({"About": [{_nav_title(p): f"{p.id}.md"} for p in about]})
        return nav

    # -- rendering -------------------------------------------------------------------------
    def cross_links(self) -> CrossLinks:
        """Backlinks and related lists, built on first use: after every page is converted."""
        if self._cross_links is None:
            self._cross_links = CrossLinks.build(self.corpus, self.links)
        return self._cross_links

    def render_cross_links(self, source: PageSource, page_url: str) -> str:
        """The backlinks and related list shown at the end of an item's page ('' for none)."""
        if not self.cross_linking or source.item is None or source.generated is not None:
            return ""
        context = self.cross_links().context_for(source.item, page_url)
        return self.renderer.render("cross_links.html", **context)

    def headings_before_body(self, source: PageSource) -> list[Heading]:
        """Headings the item's template writes above its Markdown, for its table of contents."""
        if source.item is None or source.generated is not None:
            return []
        return template_headings(source.item)[0]

    def added_headings(self, source: PageSource) -> list[Heading]:
        """Headings added to the page after its Markdown's own, in page order, for its table of contents:
        the reference list (at the end of the Markdown), the template's closing sections, backlinks, related."""
        item = source.item
        if item is None:
            return []
        headings = [Heading(REFERENCES_HEADING, REFERENCES_ID, 2)] if item.key in self.links.reference_lists else []
        if source.generated is None:
            headings += template_headings(item)[1]
        if self.cross_linking and source.generated is None:
            headings += self.cross_links().headings(item)
        return headings

    def cross_links_summary(self) -> str | None:
        """One line for the build log: how much cross-linking was done and what it cost."""
        if self._cross_links is None:
            return None
        links = self._cross_links
        targets = len(links.backlinks.by_target)
        pages = sum(1 for related in links.related.values() if related)
        return f"backlinks to {targets} items and related lists on {pages} pages, computed in {links.seconds:.2f}s"

    def attachments(self) -> list[Attachment]:
        """Images and PDFs beside the chapters of the handbooks this build publishes, that a
        published page of theirs shows or links to: a picture only a draft chapter uses stays
        out of the production site with its chapter."""
        used = set()
        for handbook in self.corpus.handbooks:
            for page in (handbook, *handbook.chapters):
                used |= referenced_files(page.path, page.body)
        published = {handbook.id for handbook in self.corpus.handbooks}
        return [
            attachment
            for attachment in handbook_attachments(self.root, published, self.result.scan)
            if attachment.repo_path in used
        ]

    def exports(self) -> list[ExportFile]:
        """Data files written into the site for reuse (JSON, CSV, RIS, the front matter's schema)."""
        feed = atom_feed(
            recent_changes(self.corpus, self.history), self.identity.url, self.identity.name, self.identity.repo_url
        )
        # The front matter's JSON Schema, for editors and the contribution forms (issue 18).
        help_text = field_help(self.root)  # from the content model page
        schema = ExportFile(SCHEMA_URI, schema_json(self.corpus.vocabularies, self.identity.url or None, help_text))
        # The case maker's data (issue 19): items.json and the shards its page loads, made once per build.
        case_maker = self.sources.get(CASE_MAKER_URI)
        case_data = case_maker_exports(case_maker.generated if case_maker else None)
        return [
            *export_files(self.corpus),
            *organisation_exports(self.corpus),
            ExportFile(FEED_URI, feed),
            schema,
            *case_data,
        ]

    def start_page(self, source: PageSource, page_url: str) -> None:
        self.links.start_page(source.item, page_url)

    def render_content(self, source: PageSource, body_html: str, page_url: str) -> str:
        """The page's main content: the item's fields around its Markdown body."""
        helpers = self.template_helpers(page_url)
        if source.generated is not None:
            return self.renderer.render(
                source.generated.template, page=source.generated, body=body_html, **source.generated.context, **helpers
            )
        item = source.item
        assert item is not None  # a page shows an item when it is not a generated one
        template = kinds.by_name(item.kind).template
        return self.renderer.render(
            template,
            item=item,
            body=body_html,
            repository=self.repository_links(source.repo_path),
            fellow_travellers=self.fellow_travellers(item),
            **helpers,
        )

    def fellow_travellers(self, item: Item) -> list[FellowTraveller]:
        """The organisations an organisation is not yet connected with that work on the same
        things or in the same places ([] for other items); worked out for all on first use."""
        if not isinstance(item, Organisation):
            return []
        if self._fellow_travellers is None:
            corpus = self.corpus
            self._fellow_travellers = fellow_travellers(
                corpus.records(Organisation), corpus.records(Convening), corpus.vocabularies
            )
        return self._fellow_travellers.get(item.id, [])

    def repository_links(self, repo_path: str | None) -> dict[str, str] | None:
        """Where to edit the page's file and to open an issue about it (claim, correct, remove)."""
        repo_url = self.identity.repo_url
        if not repo_url or not repo_path:
            return None
        base = repo_url.rstrip("/")
        return {
            "edit": f"{base}/edit/{self.branch}/{quote(repo_path)}",
            "issue": f"{base}/issues/new?title={quote('About ' + repo_path)}",
        }

    def template_helpers(self, page_url: str) -> dict:
        def href(target: Item | str, fragment: str = "") -> str:
            url = target if isinstance(target, str) else url_for(target.kind, target.id)
            return relative_url(page_url, url + (f"#{fragment}" if fragment else ""))

        def get(kind: str, item_id: str) -> Item | None:
            return self.corpus.get(kind, item_id)

        return {"href": href, "get": get, "page_url": page_url, "is_draft": self.is_draft}

    def page_facts(self, source: PageSource) -> dict:
        """Dates, review record and source links shown under every page."""
        revision = self.history.latest(source.repo_path)
        item = source.item
        review = item.review if item is not None else None
        return {
            "source_path": source.repo_path,
            "generated_from": source.generated.source_folder if source.generated else None,
            "last_changed": revision.date if revision else None,
            "last_changed_commit": revision.commit if revision else None,
            "review": review,
            "review_overdue": bool(review and review.overdue(self.today)),
        }
