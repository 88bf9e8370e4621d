"""End-to-end: the offline copy of the sample site, unzipped and read from disk."""

from __future__ import annotations

import posixpath
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ZIP = "relationships-handbooks-offline.zip"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def built(downloads_site):
    return downloads_site


@pytest.fixture(scope="module")
def copy(built, tmp_path_factory) -> Path:
    """The unzipped offline copy: the folder holding index.html."""
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built.site / "downloads" / ZIP) as archive:
        archive.extractall(folder)
    return folder / "relationships-handbooks"


class _Refs(HTMLParser):
    """Every URL a page loads (scripts, styles, images, frames) and every link it has."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"]) if set((a.get("rel") or "").split()) - {"canonical", "alternate"} else None
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def refs(page: Path) -> _Refs:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_zip_is_linked_from_the_downloads_page(built):
    assert 'href="relationships-handbooks-offline.zip"' in built.html("downloads/")


def test_offline_copy_has_every_page_including_glossary_evidence_and_pdfs(copy):
    for path in (
        "index.html",
        "glossary/co-production.html",
        "glossary/index.html",
        "evidence/russell-1996.html",
        "evidence/index.html",
        "handbooks/starter/first-steps.html",
        "search/search_index.js",
        "downloads/handbook-starter.pdf",
        "downloads/glossary.pdf",
    ):
        assert (copy / path).is_file(), path
    assert not (copy / "fragments").exists()  # templates and the print style sheet are not published


def test_no_page_loads_anything_from_the_internet(copy):
    pages = sorted(copy.rglob("*.html"))
    assert len(pages) > 20
    remote = [
        (page.relative_to(copy).as_posix(), url)
        for page in pages
        for url in refs(page).loads
        if urlsplit(url).scheme in ("http", "https") or url.startswith("//")
    ]
    assert not remote
    for stylesheet in copy.rglob("*.css"):
        assert "url(http" not in stylesheet.read_text(encoding="utf-8").replace('"', "").replace("'", "")


def test_every_link_between_pages_opens_a_file_from_disk(copy):
    broken = []
    # 404.html is only ever served by a web server (its links are absolute by design).
    for page in sorted(p for p in copy.rglob("*.html") if p.name != "404.html"):
        folder = page.parent
        for href in refs(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (folder / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append((page.relative_to(copy).as_posix(), href))
    assert not broken


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_search_works_from_disk_and_a_result_opens(copy, browser):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((copy / "index.html").as_uri())
    page.keyboard.press("/")  # Material's shortcut: focus the search box
    box = page.locator("input.md-search__input")
    box.press_sequentially("Quokka")  # Material searches on keyup
    result = page.locator(".md-search-result__item > a.md-search-result__link").first
    result.wait_for(timeout=15000)
    result.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).scheme == "file"
    assert urlsplit(page.url).path.endswith("/glossary/quokka-wrangling.html")
    assert "Quokka wrangling" in page.locator("h1").first.inner_text()
    remote = [url for url in requests if urlsplit(url).scheme in ("http", "https")]
    assert not remote
    page.close()


def test_a_chapter_link_to_the_glossary_opens_the_term_from_disk(copy, browser):
    page = browser.new_page()
    page.goto((copy / "handbooks" / "starter" / "first-steps.html").as_uri())
    page.locator("article a[href*='glossary/co-production']").first.click()
    page.wait_for_load_state()
    assert posixpath.basename(urlsplit(page.url).path) == "co-production.html"
    assert "Co-production" in page.locator("h1").first.inner_text()
    page.close()
