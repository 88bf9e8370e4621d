"""End-to-end: the downloads in Welsh. The sample with its downloads, a Welsh translation of
its handbook's index and first chapter (the second chapter left in English), built with
``languages: [cy]``: a Welsh PDF of that handbook (/Lang cy, Welsh running headers, working
internal links, the untranslated chapter in English with a Welsh note), and one offline
copy holding both languages. A Welsh pass that fails or is killed leaves the previous site.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pypdf import PdfReader

from tests.e2e.downloads_project import add_downloads
from tests.support import BuildResult

ZIP = "relationships-handbooks-offline.zip"
WELSH_PDF = "handbook-starter-cy.pdf"
FAST = {"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0", "HANDBOOK_LANGUAGES": "cy"}


def _commit_of(root: Path, path: str) -> str:
    done = subprocess.run(["git", "log", "-1", "--format=%H", "--", path], cwd=root, capture_output=True, text=True)
    return done.stdout.strip()


def add_welsh(root: Path) -> None:
    """The handbook's index and first chapter in Welsh; its second chapter is not translated."""
    index, chapter = (
        _commit_of(root, "handbooks/starter/index.md"),
        _commit_of(root, "handbooks/starter/first-steps.md"),
    )
    (root / "handbooks" / "starter" / "index.cy.md").write_text(
        f"""---
translation:
  source_commit: {index}
  machine_assisted: true
title: Llawlyfr cychwynnol
summary: Llawlyfr bach y mae'r profion yn ei ddefnyddio.
---
Mae'r llawlyfr hwn yn bodoli i roi prawf ar bob math o gyfeiriad.
""",
        encoding="utf-8",
    )
    (root / "handbooks" / "starter" / "first-steps.cy.md").write_text(
        f"""---
translation:
  source_commit: {chapter}
  machine_assisted: true
title: Camau cyntaf
summary: Pam mae perthnasoedd yn dod yn gyntaf.
---
## Pam mae'n bwysig

Mae cysylltiadau cymdeithasol cryf yn mynd law yn llaw â bywydau hirach [@holt-lunstad-2010].

Gweler [y bennod nesaf](chapter:starter/going-further) a [[term:co-production]].
""",
        encoding="utf-8",
    )


def with_languages(root: Path) -> None:
    """``languages: [cy]`` in the project's mkdocs.yml, if the real one does not say it already."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "    languages:" not in text:
        text = text.replace("    term_links: first", "    term_links: first\n    languages: [cy]", 1)
        config.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory, make_project, git_commit, build) -> BuildResult:
    root = add_downloads(make_project(tmp_path_factory.mktemp("welsh-outputs"), git=False))
    with_languages(root)
    git_commit(root, "Sample with downloads")
    add_welsh(root)
    git_commit(root, "Welsh translations")
    result = build(root, "--strict", env={"HANDBOOK_LANGUAGES": "cy"})
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def welsh_pdf(built) -> PdfReader:
    return PdfReader(built.site / "cy" / "downloads" / WELSH_PDF)


def page_texts(pdf: PdfReader) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def test_a_welsh_pdf_only_for_the_translated_handbook(built):
    folder = built.site / "cy" / "downloads"
    assert sorted(p.name for p in folder.glob("*.pdf")) == [WELSH_PDF]  # no Welsh glossary or evidence PDF
    assert (built.site / "downloads" / "handbook-starter.pdf").is_file()  # the English one, as before
    assert f"PDF {WELSH_PDF}:" in built.log or "built in" in built.log


def test_the_welsh_pdf_says_it_is_welsh(built, welsh_pdf):
    assert welsh_pdf.trailer["/Root"]["/Lang"] == "cy"
    english = PdfReader(built.site / "downloads" / "handbook-starter.pdf")
    assert english.trailer["/Root"]["/Lang"] == "en-GB"
    assert welsh_pdf.metadata.title == "Llawlyfr cychwynnol"


def test_the_welsh_pdf_has_welsh_words_and_running_headers(welsh_pdf):
    texts = page_texts(welsh_pdf)
    total = len(texts)
    cover, contents = texts[0], texts[1]
    assert "Golygwyd gan" in cover and "Trwydded" in cover and "Copi all-lein" in cover
    assert "Edited by" not in cover
    # The contents page: its running header and its footer, both in Welsh.
    assert "Cynnwys" in contents and f"2 o {total}" in contents and " of " not in contents
    assert "Cyflwyniad" in contents and "Pennod 1" in contents and "Camau cyntaf" in contents
    chapter = next(text for text in texts[2:] if "Pam mae'n bwysig" in text)
    # The running headers: the document's title and the chapter's, both in Welsh.
    assert "Llawlyfr cychwynnol" in chapter and chapter.count("Camau cyntaf") >= 2
    assert any("Atodiad" in text and "Geirfa" in text for text in texts)


def test_an_untranslated_chapter_is_printed_in_english_with_a_welsh_note(welsh_pdf):
    texts = page_texts(welsh_pdf)
    second = next(i for i, text in enumerate(texts) if i > 1 and "PENNOD 2" in text.upper() and "Going further" in text)
    assert "Nid yw'r rhan hon wedi'i chyfieithu eto" in texts[second]


def test_the_welsh_pdfs_internal_links_resolve(welsh_pdf):
    destinations = set(welsh_pdf.named_destinations)
    links = []
    for page in welsh_pdf.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if annotation.get("/Subtype") != "/Link" or (action is not None and action.get("/S") == "/URI"):
                continue
            links.append(annotation.get("/Dest") or (action or {}).get("/D"))
    assert len(links) > 5  # contents, the next chapter, the glossary, the references
    assert all(isinstance(link, str) and link in destinations for link in links), links


def test_the_welsh_handbook_pages_and_downloads_page_link_their_files(built):
    page = (built.site / "cy" / "handbooks" / "starter" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../downloads/{WELSH_PDF}"' in page and "Lawrlwytho PDF" in page
    downloads = (built.site / "cy" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert f'href="{WELSH_PDF}"' in downloads
    # The one zip, both languages, made by the English build: linked, its size left to the English page.
    assert f'href="../../downloads/{ZIP}"' in downloads and (built.site / "downloads" / ZIP).is_file()
    assert "Fe'i dangosir ar y dudalen lawrlwytho Saesneg" in downloads
    for english in (">Download PDF<", ">Download<", ">Format<", ">Size<", " pages,"):
        assert english not in page and english not in downloads, english


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


@pytest.fixture(scope="module")
def copy(built, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built.site / "downloads" / ZIP) as archive:
        archive.extractall(folder)
    return folder / "relationships-handbooks"


def test_the_offline_copy_holds_both_languages(copy):
    for path in (
        "index.html",
        "handbooks/starter/first-steps.html",
        "downloads/handbook-starter.pdf",
        "cy/index.html",
        "cy/handbooks/starter/first-steps.html",
        "cy/search/search_index.js",
        f"cy/downloads/{WELSH_PDF}",  # copied from the online Welsh build, not rendered again
    ):
        assert (copy / path).is_file(), path
    assert 'lang="cy"' in (copy / "cy" / "handbooks" / "starter" / "first-steps.html").read_text(encoding="utf-8")


def test_every_link_of_the_offline_copy_opens_a_file_in_either_language(copy):
    broken, across = [], 0
    for page in sorted(p for p in copy.rglob("*.html") if p.name != "404.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        welsh = page.relative_to(copy).parts[0] == "cy"
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append((page.relative_to(copy).as_posix(), href))
            elif welsh != (target.relative_to(copy.resolve()).parts[0] == "cy"):
                across += 1  # the language switcher, between the two copies
    assert not broken
    assert across > 20


# -- a Welsh pass that fails or is killed ---------------------------------------------------------------
def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def beside(site: Path) -> list[str]:
    return sorted(path.name for path in site.parent.iterdir() if path.name.startswith(site.name))


@pytest.fixture
def project(tmp_path, make_project, git_commit, build) -> Path:
    """The sample with its Welsh translations, built once (quickly): the previous site."""
    root = make_project(tmp_path / "project", git=False)
    with_languages(root)
    git_commit(root, "Sample")
    add_welsh(root)
    git_commit(root, "Welsh")
    result = build(root, "--strict", env=FAST)
    assert result.returncode == 0, result.log
    assert (root / "site" / "cy" / "index.html").is_file()
    return root


def welsh_only_hook(root: Path, statement: str) -> None:
    """A build step that runs ``statement`` in the Welsh pass only, while a page is written."""
    (root / "welsh_only.py").write_text(
        "import os, time, pathlib\n\n"
        "def on_post_page(output, page, config):\n"
        "    if os.environ.get('HANDBOOK_LANGUAGE_PASS') == 'cy' and page.file.src_uri == 'about/index.md':\n"
        f"        {statement}\n"
        "    return output\n",
        encoding="utf-8",
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - welsh_only.py\n", 1), encoding="utf-8"
    )


def test_a_failing_welsh_pass_fails_the_build_and_leaves_the_previous_site(project, build):
    before = tree(project / "site")
    welsh_only_hook(project, "raise RuntimeError('the Welsh about page broke')")
    result = build(project, "--strict", env=FAST)
    assert result.returncode != 0
    assert "the Welsh about page broke" in result.log  # the Welsh pass's own log, shown
    assert "handbook: the 'cy' build" in result.log and "failed (exit code" in result.log
    assert tree(project / "site") == before
    assert beside(project / "site") == ["site"]


def _processes_with(variable: str, value: str) -> list[int]:
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"{variable}={value}".encode() in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
def test_a_killed_welsh_pass_fails_the_build_and_leaves_the_previous_site(project, tmp_path):
    before = tree(project / "site")
    marker = tmp_path / "welsh-pass-pid"
    welsh_only_hook(project, f"pathlib.Path({str(marker)!r}).write_text(str(os.getpid())); time.sleep(120)")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary), **FAST}
    with subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as english:
        deadline = time.monotonic() + 120
        while not marker.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marker.is_file(), "the Welsh pass never reached its about page"
        time.sleep(0.2)
        os.kill(int(marker.read_text()), signal.SIGKILL)
        log, _ = english.communicate(timeout=120)
    assert english.returncode != 0
    assert "handbook: the 'cy' build" in log and "was killed by signal 9" in log
    assert tree(project / "site") == before
    assert beside(project / "site") == ["site"]
    assert list(temporary.iterdir()) == []  # the pass's log and handover folder removed
    assert _processes_with("TMPDIR", str(temporary)) == []  # nothing left running


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.e2e.test_offline import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_welsh_search_works_from_disk_and_a_result_opens(copy, browser):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((copy / "cy" / "index.html").as_uri())
    page.keyboard.press("/")  # Material's shortcut: focus the search box
    # A Welsh word of the translated chapter, as written (no English stemming on Welsh text).
    page.locator("input.md-search__input").press_sequentially("cysylltiadau")
    result = page.locator(".md-search-result__item > a.md-search-result__link[href*='first-steps']").first
    result.wait_for(timeout=15000)
    result.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).scheme == "file"
    assert urlsplit(page.url).path.endswith("/cy/handbooks/starter/first-steps.html")
    assert "Camau cyntaf" in page.locator("h1").first.inner_text()
    assert not [url for url in requests if urlsplit(url).scheme in ("http", "https")]  # nothing from the web
    page.close()


def test_the_preview_serves_the_welsh_site_too_and_rebuilds_it(tmp_path, make_project, git_commit, preview):
    root = make_project(tmp_path / "preview", git=False)
    with_languages(root)
    git_commit(root, "Sample")
    add_welsh(root)
    git_commit(root, "Welsh")
    with preview(root, tmp_path / "serve.log") as site:
        status, page = site.fetch("cy/handbooks/starter/first-steps/")
        assert status == 200, site.log()
        assert '<html lang="cy"' in page and "Camau cyntaf" in page
        assert site.fetch(f"cy/downloads/{WELSH_PDF}")[0] == 404  # a preview makes no PDFs, in either language
        build = site.build_after(0)
        chapter = root / "handbooks" / "starter" / "first-steps.cy.md"
        chapter.write_text(
            chapter.read_text(encoding="utf-8").replace("Camau cyntaf", "Y camau cyntaf"), encoding="utf-8"
        )
        assert site.build_after(build) > build
        assert "Y camau cyntaf" in site.fetch("cy/handbooks/starter/first-steps/")[1]
