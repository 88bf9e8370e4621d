"""Downloads as a reader meets them: "Download PDF" on a handbook, the downloads page with
every file, and the offline copy opened from disk with search working.

The browser suite's real-site build leaves PDFs out for speed, so these tests build the
small sample project with everything on (a few seconds of WeasyPrint).
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.test_search import search
from tests.support import REPO

pytestmark = pytest.mark.browser

CONTENT_TYPES = {"PDF": "application/pdf", "ZIP": "application/zip"}


@pytest.fixture(scope="module")
def sample_with_downloads(tmp_path_factory, make_project, git_commit, mkdocs_build, serve):
    root = make_project(tmp_path_factory.mktemp("downloads"), git=False)
    for page in ("downloads.md", "about/offline.md"):  # the page that lists them, and the page it links to
        shutil.copy2(REPO / "docs" / page, root / "docs" / page)
    git_commit(root, "Sample with a downloads page")
    out = root / "site"
    site = serve(out, mkdocs_build(root, out, {"HANDBOOK_PDF": "1", "HANDBOOK_OFFLINE_COPY": "1"}))
    yield site
    site.close()


def stated_size(text: str) -> int:
    """Bytes from a size as the site shows it: '62 kB', '1.0 MB', '512 bytes'."""
    number, unit = re.fullmatch(r"([\d.]+) (bytes|kB|MB)", text.strip()).groups()
    return int(float(number) * {"bytes": 1, "kB": 1000, "MB": 1000 * 1000}[unit])


def test_download_pdf_on_a_handbook_gives_its_pdf(sample_with_downloads, page):
    page.goto(sample_with_downloads.url("handbooks/starter/first-steps/"))
    link = page.get_by_role("link", name="Download PDF")
    pages_shown = int(re.search(r"(\d+) pages", page.locator(".hb-download-size").inner_text()).group(1))
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "handbook-starter.pdf"
    data = download.path().read_bytes()
    assert data == response.body()
    pdf = PdfReader(io.BytesIO(data))
    assert len(pdf.pages) == pages_shown, "the page count shown beside the link should be the PDF's"
    assert "A starter handbook" in pdf.pages[0].extract_text()


def test_downloads_page_lists_files_that_exist(sample_with_downloads, page):
    page.goto(sample_with_downloads.url("downloads/"))
    rows = page.locator("table.hb-downloads tbody tr")
    formats = []
    for row in rows.all():
        link = row.locator("a[download]")
        file_format = row.locator("td").nth(1).inner_text().split(",")[0]
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.status == 200, link.get_attribute("href")
        assert response.headers["content-type"] == CONTENT_TYPES[file_format]
        size = len(response.body())
        shown = stated_size(row.locator("td").nth(2).inner_text())
        assert abs(size - shown) <= max(0.06 * size, 1000), (
            f"{link.get_attribute('href')}: {size} bytes, shown as {shown}"
        )
        formats.append(file_format)
    assert formats.count("PDF") >= 3, "a PDF per handbook, the glossary and the evidence base"
    assert formats.count("ZIP") == 1, "the offline copy"


def test_offline_copy_opens_from_disk_and_search_works(sample_with_downloads, browser, tmp_path):
    (zip_path,) = (sample_with_downloads.folder / "downloads").glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(tmp_path)
    home = tmp_path / "relationships-handbooks" / "index.html"
    assert home.is_file()
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.goto(home.as_uri())
        expect(page.locator("article h1")).to_have_count(1)
        results = search(page, "Holt-Lunstad")
        assert any(result.endswith("evidence/holt-lunstad-2010.html") for result in results), results
        page.locator('.md-search-result__item > a[href*="holt-lunstad-2010"]').first.click()
        page.wait_for_url("**/evidence/holt-lunstad-2010.html*")
        expect(page.locator("article h1")).to_contain_text("Social relationships and mortality risk")
    finally:
        context.close()
    elsewhere = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert not elsewhere, f"the offline copy asked the network for: {elsewhere}"
