"""The only module that knows MkDocs: it translates MkDocs events into calls on ``handbook``.

All per-build state lives in the ``Site`` made in ``on_config``; MkDocs loads this module
once per ``mkdocs serve`` session, so nothing may be cached at module level between
builds other than the reference to the current build's site.
"""

from __future__ import annotations

import atexit
import gc
import logging
import time
from pathlib import Path
from typing import Any

import pathspec
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import CountHandler

from handbook.content.drafts import drafts_included
from handbook.content.translations import is_translation_file
from handbook.languages import SOURCE_LANGUAGE
from handbook.languages.catalogue import CatalogueError, Messages, messages_for
from handbook.languages.catalogue import install as install_messages
from handbook.linking.term_index import TermIndex
from handbook.markdown.case_buttons import CaseButtonsExtension
from handbook.markdown.references import ReferenceExtension
from handbook.markdown.safe_html import SafeHtmlExtension
from handbook.markdown.term_linker import TermLinkExtension
from handbook.mkdocs.build_state import BuildState
from handbook.mkdocs.config import handbook_settings, site_identity
from handbook.mkdocs.fragment_cache import FragmentCache, folders_above, links_alike_key, navigation_is_shared
from handbook.mkdocs.language_pass import LanguagePasses, configure_for_language, language_pass_language
from handbook.mkdocs.nav_view import page_navigation
from handbook.mkdocs.outside_navigation import nav_src_uris, not_in_nav_patterns
from handbook.mkdocs.search_escaping import SearchEscaping
from handbook.mkdocs.speedups import BuildSpeedups
from handbook.outputs import offline
from handbook.outputs.offline_links import directory_url
from handbook.outputs.offline_readers import OFFLINE_COPY, OfflineReaders
from handbook.pages.problems_page import render_problems_page
from handbook.pages.render import compiled_template_cache
from handbook.pages.toc_entries import Heading, add_headings, insert_headings_first
from handbook.safety.atomic_output import StagedOutput, can_stage, stage
from handbook.safety.output_escaping import theme_autoescape, theme_cache_name, toc_as_markup, trusted_html
from handbook.site import Site

log = logging.getLogger("mkdocs.hooks.handbook")

GC_THRESHOLDS = (20_000, 50, 100)  # Python's defaults are (700, 10, 10)

_build: BuildState | None = None  # replaced at the start of every build
_command: str | None = None  # "build", "serve" or "gh-deploy": one per process, not per build
_dirty = False  # --dirty: MkDocs writes over the previous site, so it is built in place
_staged: StagedOutput | None = None  # this build's output folder until it is published or discarded
_problems_page: str | None = None  # a preview of content with problems: the only page this build writes
_language = SOURCE_LANGUAGE  # this build's language: another one in a language pass (handbook.mkdocs.language_pass)
_messages: Messages | None = None  # this build's interface strings, read in on_config
_passes: LanguagePasses | None = None  # the other languages' builds this build started (on_files), until it ends


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty
    offline.follow_first_pass()  # the offline copy's build ends with the build that started it
    # A build allocates millions of short-lived objects (element trees, template
    # contexts); with Python's default thresholds the collector runs about a thousand
    # times per thousand pages and took 7% of the build. Collect less often.
    gc.set_threshold(*GC_THRESHOLDS)
    # At exit Python collects garbage once more over every object the build made (a
    # second at 5,000 pages) before the memory goes back to the system anyway. Frozen
    # objects are left out of that collection; everything is still freed as usual.
    atexit.unregister(gc.freeze)  # once, however often a process starts a build (tests, bench.parts)
    atexit.register(gc.freeze)


def _state() -> BuildState:
    assert _build is not None, "on_config has not run"
    return _build


def _current() -> Site:
    return _state().site


def _offline(site: Site | None = None) -> OfflineReaders:
    return _state().offline


@event_priority(100)  # before the search plugin reads the theme's language (its stemmer, stop words)
def _configure_language(config: MkDocsConfig) -> MkDocsConfig:
    """The build of another language than English (handbook.mkdocs.language_pass) speaks it:
    the theme's language, the site's address under its folder, search without English
    stemming, the site's name in that language."""
    global _language, _messages
    _language = language_pass_language() or SOURCE_LANGUAGE
    _messages = _messages_or_stop(_language)  # read once per build: the site's too
    if _language != SOURCE_LANGUAGE:
        configure_for_language(config, _language, _messages)
    return config


def _messages_or_stop(language: str) -> Messages:
    """A language's interface strings; a catalogue with problems stops the build, each said."""
    try:
        return messages_for(language)
    except CatalogueError as error:
        for problem in error.problems:
            log.error(str(problem))
        count = len(error.problems)
        raise PluginError(
            f"{count} problem{'s' if count != 1 else ''} in the '{language}' message catalogue: fix them and build again"
        ) from None


def english_site_url(site_url: str, language: str) -> str:
    """The English site's address, from a build's own (a language's is under its folder)."""
    suffix = f"/{language}/"
    if language != SOURCE_LANGUAGE and site_url.endswith(suffix):
        return site_url[: -len(suffix) + 1]
    return site_url


def _build_site(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _problems_page
    _problems_page = None  # whatever the previous build found
    if _build is not None:  # a rebuild in the same process (mkdocs serve)
        # The previous build's pages, corpus and templates are garbage now, much of it in
        # reference cycles that outlived the young generations; with the thresholds above
        # only a rare full collection would free them, and each preview would add tens of
        # megabytes. Free them before building again.
        _build = None
        gc.collect()
    root = Path(config.config_file_path).parent
    # extra.handbook in mkdocs.yml and its HANDBOOK_* overrides; a wrong one stops the build here.
    settings = handbook_settings(config)
    # Drafts: built by `mkdocs serve` (with a banner), left out of `mkdocs build` unless HANDBOOK_DRAFTS=1.
    site = Site.build(
        root,
        include_drafts=drafts_included(_command, settings.drafts),
        settings=settings,
        identity=site_identity(config),
        language=_language,
        messages=_messages,
    )
    # PDFs and the offline copy: made by `mkdocs build`, never by `mkdocs serve`.
    readers = OfflineReaders.for_build(
        root, _command, config.site_url, site.today.isoformat(), settings, offline.from_first_pass()
    )
    _build = build = BuildState(settings, site, readers)
    readers.configure(config.extra)
    if site.result.problems:
        _problems_page = _stop_or_show_problems(config, site)
        return config
    log.info(
        f"handbook: {len(site.corpus)} items from {site.result.files} files loaded and valid in {site.result.seconds:.2f}s"
    )
    for warning in site.translations.warnings:  # outdated translations: said, shown on their pages, never a failure
        log.info(f"handbook: {warning}")
    _log_drafts(site)
    for language in site.languages:  # the switcher names each language in its own words
        if language not in (SOURCE_LANGUAGE, site.language):
            site.know_messages(language, _messages_or_stop(language))
    if site.history.shallow:
        log.warning(
            "handbook: this is a shallow git clone, so 'last changed' dates would be wrong; fetch full history (fetch-depth: 0)"
        )
    # MkDocs types this list as extension names; Python-Markdown takes Extension objects too.
    extensions: list[Any] = config.markdown_extensions
    extensions.append(SafeHtmlExtension())  # raw HTML and URLs, always on
    extensions.append(ReferenceExtension(site.links, numbered=site.cross_linking, messages=site.messages))
    extensions.append(
        CaseButtonsExtension(site.links, messages=site.messages)
    )  # "Add to my case" after a chapter's h2s
    if site.cross_linking:
        extensions.append(_term_links(build))
    # This build's reach-ins into other packages (handbook.mkdocs.speedups) and its search index escaping.
    speedups = build.speedups = BuildSpeedups(settings)
    build.search_escaping = SearchEscaping()
    extensions += speedups.markdown_extensions()  # last
    config.nav = site.nav()
    config.not_in_nav = _not_in_nav(config, site)
    speedups.on_config(config, site.history)
    _stage_output(config, site)
    return config


on_config = CombinedEvent(_configure_language, _build_site)


def _stop_or_show_problems(config: MkDocsConfig, site: Site) -> str:
    """Content problems stop `mkdocs build` (and gh-deploy) before anything is written.

    `mkdocs serve` would then keep every browser tab waiting for a build that succeeds;
    instead it gets the page of problems (handbook.pages.problems_page), the only page this
    build writes (on_files, on_post_build), served at every address until a rebuild
    finds none.
    """
    for problem in site.result.problems:
        log.error(str(problem))
    count = len(site.result.problems)
    found = f"{count} content problem{'s' if count != 1 else ''} found"
    if _command != "serve":
        raise PluginError(f"{found}: fix them and build again (run `handbook check` to see them without building)")
    log.warning(f"handbook: {found}: the preview shows {'them' if count != 1 else 'it'} at every address until fixed")
    return render_problems_page(
        site.result.problems, site.root, config.site_name, config.repo_url, config.edit_uri, config.edit_uri_template
    )


def _log_drafts(site: Site) -> None:
    selection = site.drafts
    if selection is None or not selection.drafts:
        return
    if not selection.included:
        log.info(f"handbook: {len(selection.left_out)} drafts left out (HANDBOOK_DRAFTS=1 builds them)")
        return
    log.info(f"handbook: {len(selection.drafts)} drafts built, each with a Draft banner")
    for note in selection.references_to_drafts:  # what a production build will refuse
        log.info(f"handbook: a production build refuses: {note}")


def _stage_output(config: MkDocsConfig, site: Site) -> None:
    """`mkdocs build` and gh-deploy write into a folder beside the site, swapped in by
    on_post_build when everything succeeded (handbook.safety.atomic_output). Not for
    `mkdocs serve` (its own temporary folder), --dirty builds (they build on the old
    site), the offline copy's second build (its folder is a temporary one already) or a
    language's build (it writes into the English build's staging folder)."""
    global _staged
    _discard_outputs()  # of an earlier build in this process that ended without on_shutdown
    offline.remove_stale_work_folders()  # of builds that were killed
    target = Path(config.site_dir)
    if _command not in ("build", "gh-deploy") or _dirty or _offline(site).mode == OFFLINE_COPY:
        return
    if site.language != SOURCE_LANGUAGE:  # a language's build writes into the English build's staging folder
        return
    if not can_stage(target):
        log.info(f"handbook: {target} is a mount point, so the site is built in place, not swapped in")
        return
    try:
        _staged = stage(target)
    except OSError as error:  # e.g. the folder around the site is not writable: MkDocs' own way still works
        log.info(f"handbook: the site is built in place, not swapped in: no folder could be made beside it ({error})")
        return
    config.site_dir = str(_staged.staging)


def _publish_output(config: MkDocsConfig) -> None:
    global _staged
    staged = _staged
    if staged is None:
        return
    config.site_dir = str(staged.target)  # gh-deploy reads it after the build
    if config.strict and _strict_mode_counted_warnings():
        _discard_outputs()  # MkDocs aborts the build right after on_post_build: keep the old site
        return
    started = time.perf_counter()
    swap = staged.publish()  # if this fails, on_build_error removes the staging folder
    _staged = None
    # Removing the previous site is what MkDocs' cleaning at the start took: moved, not added.
    # MkDocs named the folder beside it as where it builds: say where the site is now.
    log.info(f"handbook: site written to {staged.target} (built beside it, then swapped in)")
    log.debug(
        f"handbook: site swapped in in {swap * 1000:.2f} ms; the previous one removed in "
        f"{time.perf_counter() - started:.2f}s"
    )


def _strict_mode_counted_warnings() -> bool:
    """Whether MkDocs' strict mode counted warnings: it aborts the build after
    on_post_build if so (mkdocs.commands.build, 1.6)."""
    return any(
        handler.get_counts() for handler in logging.getLogger("mkdocs").handlers if isinstance(handler, CountHandler)
    )


def on_pre_build(config: MkDocsConfig) -> None:
    speedups = _state().speedups
    if speedups is not None:  # None: a preview of content with problems
        speedups.on_pre_build(config)


def _not_in_nav(config: MkDocsConfig, site: Site) -> pathspec.GitIgnoreSpec:
    """The pages left out of the navigation on purpose (handbook.mkdocs.outside_navigation), so that
    MkDocs names only the others, then mkdocs.yml's own not_in_nav (last, so it has the last word)."""
    ours = pathspec.GitIgnoreSpec.from_lines(not_in_nav_patterns(site.sources, nav_src_uris(config.nav or [])))
    return ours + config.not_in_nav if config.not_in_nav else ours


def _term_links(build: BuildState) -> TermLinkExtension:
    """Automatic links to glossary terms, with this build's index of term names."""
    site = build.site
    extension = TermLinkExtension(TermIndex(site.corpus.terms), site.links, build.settings.term_links)
    build.term_link_stats = extension.stats
    return extension


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _problems_page is not None:  # a preview of content with problems: no page of the site
        return Files([])
    site = _current()
    for src_uri in site.left_out_files():  # drafts under docs/ that this build does not publish
        draft = files.get_file_from_path(src_uri)
        if draft is not None:
            files.remove(draft)
    for file in [f for f in files if is_translation_file(f.src_uri, site.languages)]:
        files.remove(file)  # a translation is shown on its English source's page, in its language's build
    for file in files.documentation_pages():
        file.edit_uri = f"{Path(config.docs_dir).relative_to(site.root).as_posix()}/{file.src_uri}"
    for source in site.injected_sources():
        assert source.repo_path is not None  # injected: a file outside docs/
        file = File.generated(config, source.src_uri, abs_src_path=str(site.root / source.repo_path))
        file.edit_uri = source.repo_path
        files.append(file)
    for source in site.generated_sources():
        assert source.generated is not None
        if files.get_file_from_path(source.src_uri) is None:
            file = File.generated(config, source.src_uri, content=f"# {source.generated.title}\n")
            file.edit_uri = None
            files.append(file)
    for file in files.documentation_pages():  # a translated page is edited in its translation's file
        shown = site.source_for(file.src_uri)
        if shown is not None and site.edit_path(shown) != shown.repo_path:
            file.edit_uri = site.edit_path(shown)
    for attachment in site.attachments():  # images and PDFs beside chapters, where their relative links point
        files.append(File.generated(config, attachment.src_uri, abs_src_path=str(site.root / attachment.repo_path)))
    for export in site.exports():  # JSON, CSV and RIS data files for reuse
        files.append(File.generated(config, export.src_uri, content=export.content))
    _start_language_passes(config, site)
    downloads_page = files.get_file_from_path("downloads.md")
    if downloads_page is not None:  # written last: it waits for the offline copy, to show its size
        files.remove(downloads_page)
        files.append(downloads_page)
    _offline(site).know_files(
        {directory_url(f.src_uri): f.url for f in files.documentation_pages()}, {f.url for f in files}
    )
    return files


def _start_language_passes(config: MkDocsConfig, site: Site) -> None:
    """The site in its other languages: a build each, into this one's output folder, now that
    MkDocs has emptied it (handbook.mkdocs.language_pass; none in a language's own build)."""
    global _passes
    _passes = LanguagePasses.start(
        _state().settings.languages,
        root=site.root,
        config_file=Path(config.config_file_path),
        site_dir=Path(config.site_dir),
        site_url=config.site_url,
        strict=bool(config.strict),
        include_drafts=site.drafts.included if site.drafts else False,
    )
    # The offline copy in every language: which handbooks get a PDF in the build's language,
    # and where the offline pass's own language passes find the PDFs made here.
    _offline(site).know_languages(_passes.handover, site.translations, site.messages)


def _finish_language_passes() -> None:
    """Wait for the other languages' builds: a failed one fails this build, with its log."""
    global _passes
    passes, _passes = _passes, None
    if passes is None or not passes.passes:
        return
    problems = passes.finish()
    for language, seconds in passes.seconds.items():
        log.info(f"handbook: the site in '{language}' built in {seconds:.1f}s")
    if problems:
        for line in problems:
            log.error(line)
        raise PluginError(f"the site in {', '.join(passes.languages)} failed to build (its log is above)")


def on_nav(nav, config: MkDocsConfig, files: Files):
    _state().folders_above_navigation = folders_above(page.url for page in nav.pages)
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    speedups = _state().speedups
    if speedups is not None:
        speedups.on_pre_page(page)
    return page


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    # An item's file was read and its front matter validated with the corpus: MkDocs gets
    # its body in this build's language (Site.markdown_source); on_page_markdown sets the
    # page's title and description from the item. Plain pages keep their front matter.
    site = _current()
    source = site.source_for(page.file.src_uri)
    return None if source is None else site.markdown_source(source)


@event_priority(-50)  # after every plugin, so ours has the last word on meta
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _current()
    source = site.source_for(page.file.src_uri)
    facts = site.page_facts(source) if source else {"last_changed": None}
    page.meta["handbook"] = facts
    page.meta["revision_date"] = facts["last_changed"]  # None: the page shows no date
    if source is None:
        return markdown
    # A free-form page keeps its front matter, but its `status` is the draft status
    # (drafts.py), not Material's navigation badge, which would draw an empty icon.
    page.meta.pop("status", None)
    # Plain text: the theme's templates escape it (on_env), the search index too (search_escaping).
    summary: str | None
    if source.generated:
        title, summary = source.generated.title, source.generated.summary
    else:
        assert source.item is not None  # a page shows an item when it is not a generated one
        title = source.item.title
        summary = getattr(source.item, "working_definition", None) or source.item.summary
    page.meta["title"] = title
    if summary:
        page.meta["description"] = summary
    site.start_page(source, page.url)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _current()
    source = site.source_for(page.file.src_uri)
    if source is None:
        return html
    html = site.render_content(source, html, page.url)
    _offline(site).collect(directory_url(page.file.src_uri), page.title or "", html)
    return html


def on_env(env, config: MkDocsConfig, files: Files):
    site = _current()
    # MkDocs makes a new environment for every build, so within one build no template
    # changes on disk: skip Jinja's check of each included template's file at every use.
    env.auto_reload = False
    # Escaping on, so no string from content prints as markup in Material's templates or
    # ours; what is HTML is marked (trusted_html, toc_as_markup, the copyright line below).
    env.autoescape = theme_autoescape
    # Compiled templates from earlier builds, compiled with this escaping rule.
    env.bytecode_cache = compiled_template_cache(site.root, theme_cache_name(), _state().settings.template_cache)
    # _(), ngettext() and `language` in the theme's templates (overrides/), in this build's language.
    install_messages(env, site.messages)
    if config.copyright:  # HTML by MkDocs' definition, written by the maintainers in mkdocs.yml
        config.copyright = Markup(config.copyright)
    speedups = _state().speedups
    if speedups is not None:  # Material's translations made once (handbook.mkdocs.speedups.translations)
        speedups.on_env(env, config)
    if _state().settings.fragment_cache:  # off: render every part for every page
        _state().fragment_cache = env.globals["hb_once"] = FragmentCache()  # a fresh one per build
    # After every page's content is rendered and before any page is written: the PDFs
    # and the offline copy are made here so that their sizes can be shown on the pages.
    assets = {f.url: Path(f.abs_src_path) for f in files if not f.is_documentation_page() and f.abs_src_path}
    _offline(site).produce(
        site.corpus,
        site.renderer,
        Path(config.site_dir),
        Path(config.config_file_path),
        assets,
        strict=bool(config.strict),
    )
    return env


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    site = _current()
    search_escaping = _state().search_escaping
    if search_escaping is not None:
        search_escaping.note(page)
    source = site.source_for(page.file.src_uri)
    if source is not None and source.generated is not None and source.generated.source_folder and config.repo_url:
        page.edit_url = f"{config.repo_url.rstrip('/')}/tree/{site.branch}/{source.generated.source_folder}"
    # A page shown in English on another language's site names itself in English: the
    # header's title, the h1 the theme would add when the Markdown has none, and its own
    # headings in the table of contents (not the sections our templates add, in the page's language).
    content_lang = site.content_lang(source.item) if source is not None and source.generated is None else None
    has_h1 = any(entry.level == 1 for entry in page.toc.items)
    own_headings = _toc_ids(page.toc.items) if content_lang else set()
    if source is not None:
        # Every page has been converted by now, so backlinks and related lists are complete.
        page.content = (page.content or "") + site.render_cross_links(source, page.url)
        # Sections added around the Markdown, by our templates and after the page's own.
        insert_headings_first(page.toc.items, site.headings_before_body(source), _toc_link)
        add_headings(page.toc.items, site.added_headings(source), _toc_link)
    # The page in the site's other languages: the switcher and notices above its title
    # (overrides/main.html), the alternate links in its head.
    base_url = english_site_url(config.site_url or "", site.language)
    if content_lang and not has_h1 and page.title:
        page.content = site.render_title(page.title, content_lang) + (page.content or "")
    context["hb_language_bar"] = trusted_html(site.render_language_bar(source, page.url, base_url))
    # Not in the offline copy: no search engine reads it, and Material's script fetches a
    # sitemap.xml beside every alternate link, which would reach the web from a reader's disk.
    offline_copy = _offline(site).mode == OFFLINE_COPY
    context["hb_languages"] = [] if offline_copy else site.language_versions(source, page.url, base_url)
    context["hb_content_lang"] = content_lang
    item = source.item if source is not None else None
    page.content = trusted_html(
        _offline(site).finish_page(
            site.renderer,
            item.kind if item else None,
            item.id if item else None,
            page.url,
            page.content or "",
            config.use_directory_urls,
        )
    )
    toc_as_markup(page.toc.items)  # MkDocs gives the table of contents as HTML
    if content_lang:
        _mark_language(page.toc.items, own_headings, content_lang)
    context["nav"] = page_navigation(nav)  # large sections show only their index and the active entry
    context["hb_shared_nav"] = navigation_is_shared(nav)
    # Relative links are alike for the pages of one folder (see links_alike_key for the exception).
    context["hb_folder"] = links_alike_key(page.url, _state().folders_above_navigation)
    return context


def on_template_context(context, template_name: str, config: MkDocsConfig):
    # The 404 page shows the navigation too: trimmed like every page's, so that it does not
    # list every handbook (and grow with the site).
    if context.get("nav") is not None:
        context["nav"] = page_navigation(context["nav"])
    return context


def _toc_ids(entries) -> set[str]:
    """The ids of a table of contents' entries, at every level."""
    return {entry.id for entry in entries} | {i for entry in entries for i in _toc_ids(entry.children)}


def _mark_language(entries, ids: set[str], language: str) -> None:
    """The entries named in ``ids`` (already safe markup) marked as written in ``language``, in place."""
    for entry in entries:
        if entry.id in ids:
            entry.title = Markup('<span lang="{}">{}</span>').format(language, entry.title)
        _mark_language(entry.children, ids, language)


def _toc_link(heading: Heading) -> AnchorLink:
    return AnchorLink(escape(heading.title), heading.id, heading.level)  # MkDocs' toc titles are HTML


@event_priority(-50)  # after Material's search writes its index, before the offline plugin (-100) inlines it
def _escape_search_index(config: MkDocsConfig) -> None:
    search_escaping = _build.search_escaping if _build is not None else None
    if _problems_page is None and search_escaping is not None:
        search_escaping.apply(Path(config.site_dir))


@event_priority(-1000)  # after every plugin's on_post_build (search writes its index), even "last" (-100) ones
def _finish_build(config: MkDocsConfig) -> None:
    if _problems_page is not None:  # MkDocs' preview server answers 404.html for every missing address
        Path(config.site_dir, "404.html").write_text(_problems_page, encoding="utf-8")
        return
    site = _current()
    _offline(site).finish_offline_copy()  # if no page has waited for it yet
    build = _state()
    if build.term_link_stats is not None:
        log.info(f"handbook: {build.term_link_stats.summary()}")
    if site.cross_links_summary():  # figures for whoever works on the engine
        log.debug(f"handbook: {site.cross_links_summary()}")
    if build.fragment_cache is not None:
        log.debug(f"handbook: {build.fragment_cache.reused} page-template parts reused from other pages")
    for problem in site.links.problems:
        log.warning(str(problem))
    _finish_language_passes()  # the other languages are in this build's output folder too
    _publish_output(config)  # last: every warning above counts in strict mode


on_post_build = CombinedEvent(_escape_search_index, _finish_build)


def on_build_error(error: Exception) -> None:
    # The previous site was never touched: remove what this build made beside it.
    _discard_outputs()


def on_shutdown() -> None:
    # Also after Ctrl-C, which skips on_build_error (KeyboardInterrupt is not an Exception).
    _discard_outputs()


def _discard_outputs() -> None:
    """What a build that did not publish leaves: its staging folder, a running offline pass."""
    global _staged, _passes
    staged, _staged = _staged, None
    if staged is not None:
        staged.discard()
    passes, _passes = _passes, None
    if passes is not None:
        passes.discard()
    if _build is not None:
        _build.offline.discard()
