"""Everything one build does for offline readers, driven by the MkDocs adapter.

* during the build: keep each page's rendered content (``collect``);
* after all content is rendered, before any page is written (``produce``): start the
  offline pass, render the PDFs (cached) so that their sizes are known, then hand the
  offline pass their list;
* while pages are written (``finish_page``): the links, with sizes, for the pages that
  offer downloads; the downloads page, written last, waits for the offline pass and zips
  it first (``finish_offline_copy``, also called at the end of the build).

Three modes: ``production`` (``mkdocs build``: everything), ``preview`` (``mkdocs serve``:
nothing heavy, no links) and ``offline-copy`` (the second pass: links from the first
pass's list, its PDFs copied in, directory links rewritten for file://).

In a language pass (handbook.mkdocs.language_pass) the same, in that language: a PDF for
each handbook whose index is translated (``<site>/cy/downloads/handbook-<id>-cy.pdf``), its
list left for the offline copy's language pass (the English build makes the one zip, with
both languages: its size cannot be known here, as the zip waits for this very build).
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.content.corpus import Corpus
from handbook.languages import N_, SOURCE_LANGUAGE
from handbook.languages.catalogue import Messages
from handbook.outputs import language_handover, offline, pdf
from handbook.outputs.downloads import DOWNLOADS_FOLDER, OFFLINE_KEY, Download, Downloads, pdf_key
from handbook.outputs.offline_links import rewrite_for_files
from handbook.outputs.pdf_document import (
    BuildFacts,
    PrintDocument,
    RenderedPage,
    assemble,
    document_plans,
    print_css,
    print_job,
)
from handbook.outputs.site_paths import page_folder, relative
from handbook.pages.render import Renderer
from handbook.settings import Settings

log = logging.getLogger("mkdocs.hooks.handbook.outputs")

PRODUCTION, PREVIEW, OFFLINE_COPY = "production", "preview", "offline-copy"
DOWNLOADS_PAGE = "downloads/"  # the page that lists every download
OFFLINE_TITLE = N_("The whole site, offline")  # shown in the reader's language (downloads/list.html)


def build_mode(command: str | None, site_url: str | None, offline_pass: bool, pdf: bool = True) -> str:
    """``pdf``: the ``pdf`` option (handbook.settings); off, a build is timed or checked
    alone, as a preview: no PDFs, no offline copy, no download links."""
    if offline_pass:
        return OFFLINE_COPY
    if not pdf:
        return PREVIEW
    if command == "serve" or (site_url or "").startswith(("http://127.0.0.1", "http://localhost", "http://0.0.0.0")):
        return PREVIEW
    return PRODUCTION


def head_commit(root: Path) -> str:
    """The commit the build is made from, or "" outside a git checkout."""
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


@dataclass
class OfflineReaders:
    root: Path
    mode: str
    site_url: str
    today: str
    pages: dict[str, RenderedPage] = field(default_factory=dict)  # directory-style URL -> content
    page_files: dict[str, str] = field(default_factory=dict)  # offline pass: directory URL -> page file URL
    output_files: frozenset[str] = frozenset()  # offline pass: every file URL it writes
    downloads: Downloads = field(default_factory=Downloads.empty)
    make_pdfs: bool = True
    make_offline_copy: bool = True
    pdf_cache: Path = Path(".cache") / "pdf"  # relative to root (the pdf_cache option)
    tune_pdf_writer: bool = False  # the PDF workers' pydyf speed-up (settings.speedup("pdf_page_references"))
    first_pass: offline.FromFirstPass | None = None  # in the offline pass: what the first pass told it
    language: str | None = None  # in a language pass: its language (None: the English build)
    zip_elsewhere: bool = False  # a language pass: the English build makes the zip (both languages)
    # Set by the adapter (``know_languages``): the language passes' handover folder (for the
    # offline pass), which pages have a translation (for the PDFs), the interface's strings.
    language_handover: Path | None = None
    translations: Any = None  # handbook.content.translations.TranslationSet, or None
    messages: Messages = field(default_factory=Messages)
    _offline_pass: offline.OfflinePass | None = field(default=None, repr=False)
    _site_dir: Path = field(default=Path("."), repr=False)

    @classmethod
    def for_build(
        cls,
        root: Path,
        command: str | None,
        site_url: str | None,
        today: str,
        settings: Settings,
        first_pass: offline.FromFirstPass | None = None,
        environ: Mapping[str, str] = os.environ,
    ) -> OfflineReaders:
        """``first_pass``: offline.from_first_pass() in the offline copy's build, None otherwise."""
        url = (site_url or "").rstrip("/") + "/" if site_url else "/"
        language = language_handover.language_pass_language(environ)
        return cls(
            root=root,
            mode=build_mode(command, site_url, first_pass is not None, settings.pdf),
            site_url=url,
            today=today,
            make_pdfs=settings.pdf,
            make_offline_copy=settings.offline_copy and language is None,
            language=language,
            zip_elsewhere=language is not None and settings.offline_copy and first_pass is None,
            pdf_cache=Path(settings.pdf_cache),
            tune_pdf_writer=settings.speedup("pdf_page_references"),
            first_pass=first_pass,
        )

    @property
    def active(self) -> bool:
        return self.mode != PREVIEW

    # -- during the build ---------------------------------------------------------------
    def know_languages(self, handover: Path | None, translations: Any = None, messages: Messages | None = None) -> None:
        """From the adapter, once the language passes are started (on_files): the folder
        the offline pass hands on to its own language passes, this build's translations
        and its interface strings."""
        self.language_handover = handover
        self.translations = translations
        if messages is not None:
            self.messages = messages

    def configure(self, extra: MutableMapping[str, Any]) -> None:
        """Theme settings of the offline pass: search from file:// without a CDN, and
        ``extra.hb_offline`` for the templates (no absolute links to the online site in a
        page's head: Material fetches the sitemap.xml beside every ``<link rel=alternate>``)."""
        if self.mode == OFFLINE_COPY:
            extra["polyfills"] = offline.local_polyfills(list(extra.get("polyfills", [])))
            extra["hb_offline"] = True

    def know_files(self, page_urls: dict[str, str], output_urls: set[str]) -> None:
        """Pages by directory-style URL -> the URL they really have in this build, and the
        URL of every file the build writes."""
        self.page_files = page_urls
        self.output_files = frozenset(output_urls)

    def collect(self, directory_url: str, title: str, content: str) -> None:
        """Keep a page's content (as rendered for the web) for the PDFs."""
        if self.mode == PRODUCTION and self.make_pdfs:
            self.pages[directory_url] = RenderedPage(directory_url, title, content)

    # -- after all content is rendered, before pages are written ----------------------------
    def produce(
        self,
        corpus: Corpus,
        renderer: Renderer,
        site_dir: Path,
        config_file: Path,
        assets: dict[str, Path],
        strict: bool,
    ) -> None:
        if self.mode == PRODUCTION:
            # The offline pass starts first: it renders its own pages while the PDFs are
            # made, and waits for their list (``release``) only when it needs it.
            if self.make_offline_copy:
                self._start_offline_copy(site_dir, config_file, strict)
            if self.make_pdfs:
                self._produce_pdfs(corpus, renderer, site_dir, assets)
            if self._offline_pass is not None:
                self._offline_pass.release(self.downloads)
            if self.language is not None:  # for the offline copy's pass in this language
                language_handover.leave_downloads(self.downloads, self.language, site_dir)
        elif self.mode == OFFLINE_COPY:
            told = self.first_pass
            if told is None or told.manifest is None:
                return
            if not offline.await_manifest(told.manifest, told.first_pass_pid, producer=told.producer_pid):
                log.error("handbook: offline copy: the list of downloads never came from the first build")
                return
            self.downloads = Downloads.load(told.manifest)
            offline.copy_pdfs(self.downloads, told.pdf_dir or Path(""), site_dir)

    def _produce_pdfs(self, corpus: Corpus, renderer: Renderer, site_dir: Path, assets: dict[str, Path]) -> None:
        started = time.perf_counter()
        css = print_css(self.root)
        facts = BuildFacts(date=self.today, commit=head_commit(self.root))
        engine = pdf.engine_version()
        jobs = []
        for plan in document_plans(corpus, self.messages, self.language, self._translated):
            document = assemble(plan, self.pages, corpus, self.site_url, assets)
            for missing in document.missing:
                log.warning(f"handbook: PDF {document.file_name}: page {missing} was not rendered, so it is left out")
            if not document.sections:
                continue
            jobs.append(print_job(document, renderer, css, facts, self.site_url, engine, self.messages))
        prepared = time.perf_counter() - started

        def report(job, rendered: pdf.RenderedPdf) -> None:
            how = "unchanged, from the cache" if rendered.cached else f"rendered in {rendered.seconds:.2f}s"
            log.info(f"handbook: PDF {job.document.file_name}: {rendered.pages} pages, {how}")
            for error in rendered.errors:  # a warning, so a strict build fails on it
                where = error  # with paths relative to the repository and the site, as problems have them
                for folder in (self.root, site_dir):
                    where = where.replace(folder.as_uri() + "/", "").replace(f"{folder}/", "")
                log.warning(f"handbook: PDF {job.document.file_name}: {where}")

        def failed(job, error: str) -> None:
            log.error(f"handbook: PDF {job.document.file_name}: could not be rendered: {error}")

        cache_dir = self.root / self.pdf_cache
        # The PDFs may read the content folders (images beside chapters) and the site being built.
        readable = (self.root / "handbooks", self.root / "docs", site_dir)
        results = pdf.render_all(
            jobs,
            cache_dir,
            base_url=site_dir.as_uri() + "/",
            readable=readable,
            on_done=report,
            on_failed=failed,
            tune_pdf_writer=self.tune_pdf_writer,
        )
        pdf.prune(cache_dir)
        jobs = [job for job in jobs if job.key in results]
        total_pages = rendered_pages = 0
        for job in jobs:
            rendered = results[job.key]
            path = f"{DOWNLOADS_FOLDER}/{job.document.file_name}"
            pdf.publish(rendered, site_dir / path)
            total_pages += rendered.pages
            rendered_pages += 0 if rendered.cached else rendered.pages
            self.downloads.add(
                Download(_document_key(job.document), job.document.title, path, rendered.size, "PDF", rendered.pages)
            )
        seconds = time.perf_counter() - started
        rate = f", {rendered_pages / (seconds - prepared):.1f} pages/s" if rendered_pages else ""
        log.info(
            f"handbook: {len(jobs)} PDFs, {total_pages} pages ({rendered_pages} rendered) in {seconds:.2f}s "
            f"(assembling {prepared:.2f}s{rate})"
        )

    def _translated(self, item: Any) -> bool:
        """Whether an item has a translation in this build's language (always, in English)."""
        if self.language is None:
            return True
        if self.translations is None:
            return False
        return self.translations.for_item(item, self.language).translation is not None

    def _start_offline_copy(self, site_dir: Path, config_file: Path, strict: bool) -> None:
        handover = self.language_handover
        self._offline_pass = offline.OfflinePass(
            self.root,
            config_file,
            None,
            site_dir / DOWNLOADS_FOLDER,
            strict=strict,
            extra_env={language_handover.HANDOVER_ENV: str(handover)} if handover is not None else None,
        )
        self._site_dir = site_dir

    def finish_offline_copy(self) -> None:
        """Wait for the offline pass and zip it (once; by the page that shows its size, or at the end)."""
        running, self._offline_pass = self._offline_pass, None
        if running is None:
            return
        path = f"{DOWNLOADS_FOLDER}/{offline.ZIP_NAME}"
        try:
            copy = running.finish(self._site_dir / path)
        except offline.OfflinePassFailed as failure:
            for line in failure.log.splitlines():
                log.error(f"handbook: offline copy: {line}")
            log.error("handbook: the offline copy could not be built (see above)")
            return
        size = copy.zip_path.stat().st_size
        self.downloads.add(Download(OFFLINE_KEY, OFFLINE_TITLE, path, size, "ZIP"))
        log.info(
            f"handbook: offline copy {offline.ZIP_NAME}: {copy.pages} pages, {size / 1e6:.1f} MB, "
            f"ready {copy.seconds:.2f}s after it started"
        )

    def discard(self) -> None:
        """The build failed or was stopped: end the offline pass, if one runs, and remove its folder."""
        running, self._offline_pass = self._offline_pass, None
        if running is not None:
            running.discard()

    # -- while pages are written --------------------------------------------------------------
    def finish_page(
        self,
        renderer: Renderer,
        kind: str | None,
        item_id: str | None,
        page_url: str,
        content: str,
        directory_urls: bool,
    ) -> str:
        """A page's final content: with its download links, and in the offline pass with
        links that work from disk."""
        if not self.active:
            return content
        folder = page_folder(page_url, directory_urls)
        if kind in ("handbook", "chapter") and item_id:
            content = self._handbook_link(renderer, item_id.split("/")[0], folder) + content
        elif page_url in (DOWNLOADS_PAGE, "downloads.html"):
            self.finish_offline_copy()  # its size is shown here
            content += self._download_list(renderer, folder)
        if self.mode == OFFLINE_COPY:
            content = rewrite_for_files(content, page_url, self.page_files, self.output_files)
        return content

    def _handbook_link(self, renderer: Renderer, handbook_id: str, folder: str) -> str:
        download = self.downloads.get(pdf_key("handbook", handbook_id))
        if download is None and self.language is not None and self.make_pdfs:
            # No PDF in this language (its index is not translated): the English build's,
            # in the English site above this one (its size is not known here).
            english = english_site_link(folder, f"{DOWNLOADS_FOLDER}/handbook-{handbook_id}.pdf")
            return renderer.render("downloads/handbook.html", download=None, href=english)
        if download is None:
            return ""
        return renderer.render("downloads/handbook.html", download=download, href=relative(folder, download.path))

    def _download_list(self, renderer: Renderer, folder: str) -> str:
        # In the offline copy the list has the PDFs only: the copy is the zip.
        entries = [(d, relative(folder, d.path)) for d in self.downloads.all()]
        zip_href = None
        if self.zip_elsewhere and self.mode == PRODUCTION:  # the English build's zip
            zip_href = english_site_link(folder, f"{DOWNLOADS_FOLDER}/{offline.ZIP_NAME}")
        return renderer.render(
            "downloads/list.html",
            entries=entries,
            zip_href=zip_href,
            zip_title=OFFLINE_TITLE,
            english_downloads=english_site_link(folder, DOWNLOADS_PAGE) if self.language else None,
        )


def english_site_link(folder: str, path: str) -> str:
    """In a language pass: a relative link from a folder of its site to ``path`` in the
    English site, whose root is the folder above this site's (``cy/`` is inside it)."""
    up = relative(folder, "")
    up = "" if up in ("", ".", "./") else up.rstrip("/") + "/"
    return f"{up}../{path}"


def _document_key(document: PrintDocument) -> str:
    if document.kind == "handbook":
        handbook_id = document.slug[len("handbook-") :]
        suffix = f"-{document.language}"
        if document.language != SOURCE_LANGUAGE and handbook_id.endswith(suffix):  # handbook-<id>-cy
            handbook_id = handbook_id[: -len(suffix)]
        return pdf_key("handbook", handbook_id)
    return pdf_key(document.kind)
