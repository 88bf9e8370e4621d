"""Every style sheet and script a built page asks for is in the built site.

Material names its assets by a hash of their content, and a new Material release renames
them: a template that named them itself would go on asking for files that no longer exist,
and the site would lose its styles with nothing failing. This checks the built pages.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html


def _asked_for(page: Path, site: Path) -> set[str]:
    """The style sheets and scripts ``page`` asks for, as URLs from its own address."""
    document = lxml.html.fromstring(page.read_bytes())
    sheets = [
        link.get("href") for link in document.iter("link") if "stylesheet" in (link.get("rel") or "").lower().split()
    ]
    scripts = [script.get("src") for script in document.iter("script")]
    address = page.relative_to(site).as_posix()
    return {urljoin(address, url) for url in sheets + scripts if url}


def missing_assets(site: Path) -> dict[str, set[str]]:
    """Per page, the files of the site it asks for that the site does not hold (other hosts left out)."""
    # Pages served from any address (404.html) name assets by absolute path under the site's URL.
    home = ET.parse(site / "sitemap.xml").getroot()[0][0].text or "/"
    site_path = urlsplit(home).path
    missing: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for url in _asked_for(page, site):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # another host (none today: fonts are off)
            path = unquote(parts.path)
            if path.startswith("/"):
                path = path[len(site_path) :] if path.startswith(site_path) else path
            if not (site / path.lstrip("/")).is_file():
                missing.setdefault(page.relative_to(site).as_posix(), set()).add(url)
    return missing


def test_every_style_sheet_and_script_a_page_asks_for_is_built(tmp_path, make_project, build):
    root = make_project(tmp_path / "project")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    assert missing_assets(result.site) == {}
    # Not vacuous: pages ask for Material's style sheet and bundle, and for ours.
    asked = _asked_for(result.site / "index.html", result.site)
    assert any(url.startswith("assets/stylesheets/main.") for url in asked)
    assert any(url.startswith("assets/javascripts/bundle.") for url in asked)
    assert "assets/handbook.css" in asked


def test_a_page_asking_for_a_file_the_site_lacks_is_found(tmp_path):
    site = tmp_path / "site"
    (site / "evidence" / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "here.css").write_text("", encoding="utf-8")
    (site / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        "<loc>https://example.org/hb/</loc></url></urlset>",
        encoding="utf-8",
    )
    (site / "evidence" / "a" / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="../../assets/here.css">'
        '<link rel="stylesheet" href="../../assets/main.00000000.min.css"><link rel="icon" href="gone.png">'
        '<script src="https://example.net/x.js"></script></head><body><script>var inline;</script>'
        '<script src="../../assets/gone.js?v=1"></script></body></html>',
        encoding="utf-8",
    )
    (site / "404.html").write_text(
        '<html><head><link rel="stylesheet" href="/hb/assets/here.css">'
        '<script src="/hb/assets/lost.js"></script></head></html>',
        encoding="utf-8",
    )
    assert missing_assets(site) == {
        "evidence/a/index.html": {"assets/main.00000000.min.css", "assets/gone.js?v=1"},
        "404.html": {"/hb/assets/lost.js"},
    }
