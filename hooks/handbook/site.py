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
from handbook.content.model import Convening, Item, Organisation, Term
from handbook.content.problems import Problem
from handbook.content.translations import TranslationSet, TranslationStatus, localize
from handbook.contributions.field_help import field_help
from handbook.contributions.schema import SCHEMA_URI, schema_json
from handbook.languages import N_, SOURCE_LANGUAGE
from handbook.languages.catalogue import Messages, messages_for
from handbook.linking.citations import REFERENCES_HEADING, REFERENCES_ID
from handbook.linking.cross_links import CrossLinks
from handbook.linking.link_state import LinkContext
from handbook.linking.urls import relative_url, src_uri_for, url_for
from handbook.pages.changes import CHANGES_TITLE, CHANGES_URI, FEED_URI, atom_feed, changes_page, recent_changes
from handbook.pages.exports import ExportFile, export_files
from handbook.pages.generated import GeneratedPage, generated_pages
from handbook.pages.render import Renderer
from handbook.pages.template_headings import template_headings
from handbook.pages.toc_entries import Heading
from handbook.relationships_map.exports import organisation_exports
from handbook.relationships_map.fellow_travellers import FellowTraveller, fellow_travellers
from handbook.relationships_map.pages import MAP_SRC_URI, MAP_TITLE
from handbook.settings import Settings, SiteIdentity

# Each language's name in itself (an autonym): the switcher shows it so, in every language.
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}

# The navigation's own titles (the kinds' index titles are marked in content/kinds.py).
HOME_TITLE = N_("Home")
ALL_HANDBOOKS_TITLE = N_("All handbooks")
ABOUT_TITLE = N_("About")


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


def site_languages(configured: tuple[str, ...] | list[str], language: str = SOURCE_LANGUAGE) -> tuple[str, ...]:
    """Every language of the site, English first: the configured ones and this build's own."""
    languages = [SOURCE_LANGUAGE]
    for code in (*configured, language):
        if code not in languages:
            languages.append(code)
    return tuple(languages)


@dataclass(frozen=True)
class LanguageVersion:
    """A page in one language of the site, as its switcher and its alternate links name it."""

    language: str
    name: str  # the language's name in itself ("Cymraeg")
    href: str  # relative to the page
    url: str | None  # absolute, when the site's address is known
    current: bool  # the page being built is this one
    translated: bool  # the page has its content in this language (English always has)
    label: str  # the switcher's words for it, in that language ("Cymraeg: heb ei chyfieithu eto")


def page_in_language(page_url: str, build_language: str, language: str) -> str:
    """The same page in another language, relative to ``page_url`` in a build of ``build_language``.

    Each language other than English is built into its own folder of the site (``cy/``),
    with the same page addresses as the English site, so the page is as deep in each.
    """
    up = "../" * page_url.count("/")
    if build_language != SOURCE_LANGUAGE:
        up += "../"  # out of this language's folder, to the English site's root
    folder = "" if language == SOURCE_LANGUAGE else f"{language}/"
    return (up + folder + page_url) or "./"


def absolute_page_url(base_url: str, language: str, page_url: str) -> str | None:
    """The page's address in ``language`` under the English site's address (None: none is set)."""
    if not base_url:
        return None
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + ("" if language == SOURCE_LANGUAGE else f"{language}/") + page_url


def front_matter_block(text: str) -> str:
    """A Markdown file's front matter as written, with its fences ('' when it has none)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return ""
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "".join(lines[: number + 1])
    return ""


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
    # The language this build is in, its interface strings, and every language of the site
    # (English first); a build per language (handbook.mkdocs.language_pass).
    language: str = SOURCE_LANGUAGE
    messages: Messages = field(default_factory=Messages)
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)
    # The content's translations, read with the corpus; their `warnings` (older than their
    # English source) are said in the build's log and on their pages, never a failure.
    translations: TranslationSet = field(default_factory=TranslationSet)
    _messages_by_language: dict[str, Messages] = field(default_factory=dict, repr=False)

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
        language: str = SOURCE_LANGUAGE,
        messages: Messages | None = None,
    ) -> Site:
        """``include_drafts``: a preview's build (drafts.drafts_included); by default what production publishes.
        ``settings``: the engine's options (handbook.settings; defaults if None); ``identity``: the
        site's name and addresses from mkdocs.yml; ``language``: the language of this build's
        pages (another than English: the content translated where it is, with the interface's
        strings in that language: ``messages``, read here if not given)."""
        root = Path(root).resolve()
        settings = settings or Settings()
        languages = site_languages(settings.languages, language)
        loaded = load_corpus(root, languages[1:])  # with the translations into the site's other languages
        # Decided once: from here on the build sees only what it publishes (drafts.py), and
        # references from published items to drafts it leaves out are problems.
        selection = select(loaded, include_drafts)
        result = dataclasses.replace(loaded, corpus=selection.corpus, problems=loaded.problems + selection.problems)
        identity = identity or SiteIdentity(name="")
        # Their problems are among the loader's; outdated ones are warnings, linked to what changed.
        translations = (loaded.translations or TranslationSet(languages=languages[1:])).linked_to(identity.repo_url)
        if language != SOURCE_LANGUAGE:  # the content in this build's language where it is translated
            result = dataclasses.replace(result, corpus=localize(result.corpus, translations, language))
        messages = messages or messages_for(language)
        site = cls(
            root=root,
            result=result,
            history=read_history(root),
            links=LinkContext(result.corpus),
            renderer=Renderer(root, template_cache=settings.template_cache, messages=messages),
            today=today or dt.date.today(),
            drafts=selection,
            cross_linking=settings.cross_linking,
            identity=identity,
            language=language,
            messages=messages,
            languages=languages,
            translations=translations,
        )
        site._messages_by_language[language] = messages
        site.renderer.env.globals.update(
            content_lang=site.content_lang,
            translation_of=site.translation_of,
            other_names=site.other_names,
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
        pages = [*generated_pages(self.corpus, self.messages), changes_page(self.corpus, self.history, self.messages)]
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
        _ = self.messages.gettext  # the titles are English strings marked with N_, shown in this build's language
        handbooks: list[dict] = [{_(ALL_HANDBOOKS_TITLE): kinds.HANDBOOK.index_src_uri}]
        for handbook in self.corpus.handbooks:
            entries: list = [src_uri_for("handbook", handbook.id)]
            entries += [{chapter.title: src_uri_for("chapter", chapter.id)} for chapter in handbook.chapters]
            handbooks.append({handbook.title: entries})
        nav: list = []
        if self.corpus.get("page", "index"):
            nav.append({_(HOME_TITLE): "index.md"})
        nav.append({_(kinds.HANDBOOK.index_page.title): handbooks})
        for kind in kinds.KINDS:  # every other kind's index page
            if kind.index is not None and kind is not kinds.HANDBOOK:
                nav.append({_(kind.index.title): kind.index_src_uri})
        nav.append({_(MAP_TITLE): MAP_SRC_URI})
        nav.append({_(CASE_MAKER_TITLE): CASE_MAKER_URI})
        nav.append({_(CHANGES_TITLE): CHANGES_URI})
        about = sorted((p for p in self.corpus.of_kind("page") if p.id != "index"), key=lambda p: p.id)
        if about:
            nav.append({_(ABOUT_TITLE): [{_nav_title(p): f"{p.id}.md"} for p in about]})
        return nav

    # -- languages ---------------------------------------------------------------------------
    def know_messages(self, language: str, messages: Messages) -> None:
        """One of the site's languages' interface strings, read by the caller (which reports
        a catalogue's problems its own way)."""
        self._messages_by_language[language] = messages

    def messages_in(self, language: str) -> Messages:
        """The interface strings of one of the site's languages (the switcher speaks each in its own)."""
        if language not in self._messages_by_language:
            self._messages_by_language[language] = messages_for(language)
        return self._messages_by_language[language]

    def is_translated(self, item: Item | None, language: str) -> bool:
        """Whether ``item`` has its content in ``language`` (English: always)."""
        if language == SOURCE_LANGUAGE or item is None:
            return True
        return self.translations.get(item, language) is not None

    def content_lang(self, item: Item | None) -> str | None:
        """``"en"`` for an item shown in English on a page of another language (no translation), else None."""
        if self.language == SOURCE_LANGUAGE or item is None or self.is_translated(item, self.language):
            return None
        return SOURCE_LANGUAGE

    def translation_of(self, item: Item | None) -> TranslationStatus | None:
        """The item's translation in this build's language, with whether it is up to date and
        reviewed; None in an English build."""
        if self.language == SOURCE_LANGUAGE or item is None:
            return None
        return self.translations.for_item(item, self.language)

    def other_names(self, item: Item | None) -> dict[str, list[str]]:
        """A term's names in the site's other languages than this build's and English, by
        language ({} for none; a localized term's aliases hold its English names already)."""
        if not isinstance(item, Term):
            return {}
        names = {}
        for language in self.languages:
            if language not in (SOURCE_LANGUAGE, self.language):
                found = self.translations.other_names(item, language)
                if found:
                    names[language] = found
        return names

    def page_translated(self, source: PageSource | None, language: str) -> bool:
        """Whether a page has its content in ``language``: an item's page when the item is
        translated; a generated page always (its words are the interface's)."""
        if source is None or source.generated is not None:
            return True
        return self.is_translated(source.item, language)

    def language_versions(self, source: PageSource | None, page_url: str, base_url: str = "") -> list[LanguageVersion]:
        """The page in each of the site's languages, English first ([] when the site has one).

        ``base_url``: the English site's address (mkdocs.yml's site_url), for absolute links.
        """
        if len(self.languages) < 2:
            return []
        versions = []
        for language in self.languages:
            translated = self.page_translated(source, language)
            name = LANGUAGE_NAMES.get(language, language)
            label = (
                name
                if translated
                else self.messages_in(language).gettext("%(language)s: not yet translated", language=name)
            )
            versions.append(
                LanguageVersion(
                    language=language,
                    name=name,
                    href=page_in_language(page_url, self.language, language),
                    url=absolute_page_url(base_url, language, page_url),
                    current=language == self.language,
                    translated=translated,
                    label=label,
                )
            )
        return versions

    def render_language_bar(self, source: PageSource | None, page_url: str, base_url: str = "") -> str:
        """What the top of a page says about its languages: the switcher, then (on a page of
        another language than English) whether its content is translated, up to date and
        reviewed."""
        versions = self.language_versions(source, page_url, base_url)
        if not versions:
            return ""
        item = source.item if source is not None and source.generated is None else None
        return self.renderer.render(
            "languages/bar.html",
            versions=versions,
            item=item,
            untranslated=item is not None and self.content_lang(item) is not None,
            status=self.translation_of(item),
        )

    def render_title(self, title: str, language: str) -> str:
        """A page's title as its h1, marked as written in ``language`` (a page shown in English
        on another language's site, whose Markdown has no h1: the theme would write it unmarked)."""
        return self.renderer.render("languages/title.html", title=title, language=language)

    def edit_path(self, source: PageSource) -> str | None:
        """The file a reader of this build's page would correct: the translation's, when the
        page shows one, else the English source's (None for a generated page)."""
        item = source.item
        if self.language != SOURCE_LANGUAGE and item is not None and source.generated is None:
            translation = self.translations.get(item, self.language)
            if translation is not None:
                return translation.path
        return source.repo_path

    def markdown_source(self, source: PageSource) -> str | None:
        """The Markdown the engine should convert for a page, or None to read its file as it is.

        An item's body under an empty front matter: its front matter was read with the
        corpus, and the engine would misread our fields (status, template, icon) as its
        own. A plain page keeps its file's front matter (``hide:``...), in every language,
        with its body in this build's language.
        """
        item = source.item
        if item is None or source.generated is not None:
            return None  # generated pages (theme hubs, indexes) have no file of their own
        if item.kind != "page":
            return "---\n{}\n---\n" + item.body.lstrip("\n")
        if self.language == SOURCE_LANGUAGE or self.content_lang(item) is not None or source.repo_path is None:
            return None
        english = (self.root / source.repo_path).read_text(encoding="utf-8")
        return front_matter_block(english) + item.body.lstrip("\n")

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
        return template_headings(source.item, self.messages)[0]

    def added_headings(self, source: PageSource) -> list[Heading]:
        """Headings added to the page after its Markdown's own, in page order, for its table of contents:
        the reference list (at the end of the Markdown), the template's closing sections, backlinks, related."""
        item = source.item
        if item is None:
            return []
        references = Heading(self.messages.gettext(REFERENCES_HEADING), REFERENCES_ID, 2)
        headings = [references] if item.key in self.links.reference_lists else []
        if source.generated is None:
            headings += template_headings(item, self.messages)[1]
        if self.cross_linking and source.generated is None:
            headings += self.cross_links().headings(item, self.messages)
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
            recent_changes(self.corpus, self.history),
            self.identity.url,
            self.identity.name,
            self.identity.repo_url,
            messages=self.messages,
        )
        # The front matter's JSON Schema, for editors and the contribution forms (issue 18).
        help_text = field_help(self.root)  # from the content model page
        schema = ExportFile(SCHEMA_URI, schema_json(self.corpus.vocabularies, self.identity.url or None, help_text))
        # The case maker's data (issue 19): items.json and the shards its page loads, made once per build.
        case_maker = self.sources.get(CASE_MAKER_URI)
        case_data = case_maker_exports(case_maker.generated if case_maker else None)
        return [
            *export_files(self.corpus, self.messages),
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
        if self.content_lang(item) is not None:  # no translation: its English body, said to be English
            body_html = f'<div lang="{SOURCE_LANGUAGE}">{body_html}</div>'
        template = kinds.by_name(item.kind).template
        return self.renderer.render(
            template,
            item=item,
            body=body_html,
            repository=self.repository_links(self.edit_path(source)),
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
                corpus.records(Organisation), corpus.records(Convening), corpus.vocabularies, messages=self.messages
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
