"""End-to-end: heading ids keep the letters an author types, and titles with HTML entities read once.

One strict build of the sample project (with its PDFs) where a chapter has accented
headings that other pages link to by the id an author would write, and titles are written
with HTML character references: "Health &amp; care" must read "Health & care" in the
navigation, the page's heading and its <title>, and "&lt;script&gt;" must stay text.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader

from tests.support import BuildResult

HANDBOOK_TITLE = "Health &amp; care: it&#39;s &#x2019;ours&#x2019;"
HANDBOOK_SHOWN = "Health & care: it's \u2019ours\u2019"
CHAPTER_TITLE = "&lt;script&gt;alert(1)&lt;/script&gt; Caf&eacute; &amp;amp; more"
CHAPTER_SHOWN = "<script>alert(1)</script> Café &amp; more"  # decoded once: "&amp;amp;" is the text "&amp;"
ACCENTED_ID = "côté-cœur"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory, make_project, git_commit, build) -> BuildResult:
    root = make_project(tmp_path_factory.mktemp("ids"), git=False)
    starter = root / "handbooks/starter"
    edit(starter / "index.md", "title: A starter handbook", f'title: "{HANDBOOK_TITLE}"')
    edit(starter / "first-steps.md", "title: First steps", f'title: "{CHAPTER_TITLE}"')
    edit(
        starter / "first-steps.md",
        "## Why it matters\n",
        "## Côté cœur\n\nBack to [this heading](#côté-cœur) and [the ASCII one](#why-it-matters).\n\n"
        "## Ŵyl in Cymraeg\n\n## Why it matters\n",
    )
    going = starter / "going-further.md"
    going.write_text(
        going.read_text(encoding="utf-8") + "\nSee [the heart of it](first-steps.md#côté-cœur).\n", encoding="utf-8"
    )
    git_commit(root, "Accents and entities")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result


def page(built: BuildResult, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(built.html(url))


def test_an_accented_heading_keeps_its_letters_in_its_id_and_links_to_it_work(built):
    chapter = page(built, "handbooks/starter/first-steps/")
    ids = [h.get("id") for h in chapter.iter("h2")]
    assert ACCENTED_ID in ids and "ŵyl-in-cymraeg" in ids
    assert "why-it-matters" in ids  # an ASCII heading's id is as before
    assert chapter.xpath(f'//a[@href="#{ACCENTED_ID}"]')  # the author's own link, and the permalink
    toc_links = [a.get("href") for a in chapter.xpath('//nav[contains(@class, "md-nav--secondary")]//a')]
    assert f"#{ACCENTED_ID}" in toc_links
    other = page(built, "handbooks/starter/going-further/")
    assert other.xpath(f'//a[@href="../first-steps/#{ACCENTED_ID}"]'), built.html("handbooks/starter/going-further/")
    # (and the strict build passed: MkDocs checks every link's anchor against the page's ids)


def test_search_points_at_the_same_id(built):
    index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert f"handbooks/starter/first-steps/#{ACCENTED_ID}" in locations


def test_the_pdf_links_to_the_accented_heading(built):
    pdfs = list((built.site / "downloads").rglob("handbook-starter*.pdf"))
    assert pdfs, sorted(p.relative_to(built.site).as_posix() for p in built.site.rglob("*.pdf"))
    reader = PdfReader(pdfs[0])
    target = next((name for name in reader.named_destinations if name.endswith(f"--{ACCENTED_ID}")), None)
    assert target, sorted(reader.named_destinations)
    annotations = [annotation.get_object() for pdf_page in reader.pages for annotation in pdf_page.get("/Annots") or []]
    links = [annotation.get("/Dest") or annotation.get("/A", {}).get("/D") for annotation in annotations]
    assert target in links  # the chapter's own link and the one from the next chapter land there


@pytest.mark.parametrize(
    "url, shown",
    [
        ("handbooks/starter/", HANDBOOK_SHOWN),
        ("handbooks/starter/first-steps/", CHAPTER_SHOWN),
    ],
)
def test_a_title_written_with_entities_reads_once_in_title_heading_and_navigation(built, url, shown):
    html = page(built, url)
    assert html.findtext(".//title").startswith(shown)
    assert html.xpath("string(//article//h1)").strip() == shown
    nav = [a.text_content().strip() for a in html.xpath('//nav[contains(@class, "md-nav--primary")]//a')]
    assert shown in nav, nav


def test_an_escaped_tag_in_a_title_stays_text(built):
    for url in ("handbooks/starter/", "handbooks/starter/first-steps/", "handbooks/starter/going-further/"):
        scripts = [s.text or "" for s in page(built, url).iter("script")]
        assert not [s for s in scripts if "alert(1)" in s], url
