"""End-to-end: markup in every free-text field comes out of every output as text.

One build (strict, with PDFs and the offline copy) of a project whose titles, names,
summaries, review record, search tags and commit subject each carry markup that would run
if printed raw (see hostile_project.py). Every page of the site and of the offline copy is
parsed: no element or attribute a payload could have made is live, and where a field is
shown its payload reads back as exactly the text written. The search index, the Atom
feed, the sitemap and the PDFs are read back too.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader

from tests.e2e import hostile_project as hostile
from tests.support import BuildResult

MARKER = "XSS"  # in every payload, and nowhere in the engine's own markup
ATOM = "{http://www.w3.org/2005/Atom}"
OFFLINE_ZIP = "relationships-handbooks-offline.zip"

# Each item's page and its payload: the page's <title> and <h1> show it.
TITLED_PAGES = {
    "handbooks/starter/": hostile.HANDBOOK,
    "handbooks/starter/first-steps/": hostile.CHAPTER,
    f"{hostile.FREE_FORM_PAGE}/": hostile.PAGE,
    "glossary/co-production/": hostile.TERM,
    "evidence/russell-1996/": hostile.EVIDENCE,
    "stories/heatmap-in-action/": hostile.STORY,
    "convenings/measuring-relationships-2021/": hostile.CONVENING,
    "organisations/enrol-yourself/": hostile.ORGANISATION,
    "resources/relationships-heatmap/": hostile.RESOURCE,
}
DESCRIBED_PAGES = {  # the meta description
    "handbooks/starter/": hostile.HANDBOOK_SUMMARY,
    f"{hostile.FREE_FORM_PAGE}/": hostile.PAGE_SUMMARY,
    "glossary/co-production/": hostile.DEFINITION,
    "evidence/russell-1996/": hostile.EVIDENCE_SUMMARY,
}
# Every payload a page shows (search tags are in the search index only).
PAYLOADS = [
    value
    for name, value in vars(hostile).items()
    if name.isupper() and isinstance(value, str) and MARKER in value and name not in ("HEADING_MARKDOWN", "TAG")
]
PAYLOADS += [
    value
    for fields in hostile.OTHER_FIELDS.values()
    for field in fields.values()
    for value in (field if isinstance(field, list) else [field])
]


@pytest.fixture(scope="module")
def built(tmp_path_factory, make_project, git_commit, build) -> BuildResult:
    root = hostile.add_hostile_fields(make_project(tmp_path_factory.mktemp("hostile"), git=False))
    git_commit(root, hostile.COMMIT)
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def offline_copy(built, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-offline")
    with zipfile.ZipFile(built.site / "downloads" / OFFLINE_ZIP) as archive:
        archive.extractall(folder)
    return folder / "relationships-handbooks"


def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def text(element) -> str:
    """An element's text as a reader sees it: whitespace runs as one space."""
    return " ".join(element.text_content().split())


def live_markup(document) -> list[str]:
    """What a payload made live in a parsed page: event-handler attributes (the engine and
    Material write none) and elements carrying a payload's marker in their attributes or
    as a script's code."""
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if (
                name.lower().startswith("on")
                or MARKER in value
                and element.tag in ("script", "img", "iframe", "object", "embed")
            ):
                found.append(f"<{element.tag} {name}={value!r}>")
        if element.tag in ("script", "style") and MARKER in (element.text or "") and not _json_data(element):
            found.append(f"<{element.tag}>{element.text}")
    return found


def _json_data(element) -> bool:
    """A script that is data, not code: type application/json, its whole text one JSON value
    (a payload that ended it early would leave it cut short, and unreadable; the case maker's
    data carries content's titles)."""
    if element.tag != "script" or element.get("type") != "application/json":
        return False
    try:
        json.loads(element.text or "")
    except ValueError:
        return False
    return True


def evaluated(value: str) -> str:
    """A payload as it would read had a template evaluated it."""
    return value.replace("{{ 7*7 }}", "49")


def html_pages(folder: Path) -> list[Path]:
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) > 20, f"too few pages in {folder}"
    return pages


def test_no_page_has_markup_from_content_made_live(built):
    for page in html_pages(built.site):
        document = parse(page)
        assert live_markup(document) == [], page.relative_to(built.site).as_posix()
        # No early </title> ended it. An inline picture's <title>s (the map's markers) name its parts.
        titles = [t for t in document.iter("title") if not any(a.tag == "svg" for a in t.iterancestors())]
        assert len(titles) == 1, page


def test_no_page_of_the_offline_copy_has_markup_from_content_made_live(offline_copy):
    for page in html_pages(offline_copy):
        assert live_markup(parse(page)) == [], page.relative_to(offline_copy).as_posix()


def test_no_template_evaluates_content(built):
    evaluated_ending = evaluated(hostile.payload("")).split("</script>")[-1]  # " 49 & co"
    for page in html_pages(built.site):
        document = parse(page)
        shown = [
            *document.itertext(),
            *(
                value
                for element in document.iter()
                if isinstance(element.tag, str)
                for value in element.attrib.values()
            ),
        ]
        assert not [text for text in shown if evaluated_ending in text], page


def test_every_payload_is_shown_as_written_somewhere(built):
    """So that the checks above looked at pages that show every field."""
    documents = [parse(page) for page in html_pages(built.site)]
    shown = "\n".join([*map(text, documents), *(value for document in documents for value in document.xpath("//@*"))])
    assert [value.split()[0] for value in PAYLOADS if value not in shown] == []


@pytest.mark.parametrize("url", TITLED_PAGES)
def test_title_and_heading_read_as_written(built, url):
    document = parse(built.site / url / "index.html")
    assert document.findtext(".//title") == f"{TITLED_PAGES[url]} - {hostile.SITE_NAME}"
    assert text(document.xpath("//article//h1")[0]) == TITLED_PAGES[url]
    topic = document.xpath("//*[@data-md-component='header-topic']")[0]
    assert text(topic) == TITLED_PAGES[url]


@pytest.mark.parametrize("url", DESCRIBED_PAGES)
def test_description_reads_as_written(built, url):
    document = parse(built.site / url / "index.html")
    assert document.xpath("//meta[@name='description']/@content") == [DESCRIBED_PAGES[url]]


def navigation_entries(document) -> set[str]:
    return {
        text(entry)
        for entry in document.xpath("//nav[contains(@class, 'md-nav--primary')]//*[contains(@class, 'md-ellipsis')]")
    }


def test_navigation_and_footer_read_as_written(built):
    chapter = parse(built.site / "handbooks/starter/first-steps/index.html")
    assert {hostile.HANDBOOK, hostile.CHAPTER} <= navigation_entries(chapter)
    assert hostile.PAGE in navigation_entries(parse(built.site / hostile.FREE_FORM_PAGE / "index.html"))
    previous = chapter.xpath("//a[contains(@class, 'md-footer__link--prev')]")[0]
    assert previous.get("aria-label") == f"Previous: {hostile.HANDBOOK}"
    assert text(previous.xpath(".//*[contains(@class, 'md-ellipsis')]")[0]) == hostile.HANDBOOK
    handbook = parse(built.site / "handbooks/starter/index.html")
    following = handbook.xpath("//a[contains(@class, 'md-footer__link--next')]")[0]
    assert text(following.xpath(".//*[contains(@class, 'md-ellipsis')]")[0]) == hostile.CHAPTER


def test_fields_in_a_page_body_read_as_written(built):
    """The body our fragments render is markup, printed once: its fields are text in its elements."""
    term = parse(built.site / "glossary/co-production/index.html")
    assert text(term.xpath("//section[contains(@class, 'hb-working-definition')]/p")[0]) == hostile.DEFINITION
    evidence = parse(built.site / "evidence/russell-1996/index.html")
    findings = hostile.OTHER_FIELDS["docs/evidence/russell-1996.md"]["key_findings"]
    assert [text(finding) for finding in evidence.xpath("//article//li") if text(finding) in findings] == findings


def test_review_record_reads_as_written(built):
    chapter = parse(built.site / "handbooks/starter/first-steps/index.html")
    facts = text(chapter.xpath("//aside[contains(@class, 'hb-page-facts')]")[0])
    assert f"by {hostile.REVIEWER}" in facts


def test_table_of_contents_reads_as_the_heading(built):
    page = parse(built.site / hostile.HEADING_PAGE / "index.html")
    entries = {text(link) for link in page.xpath("//nav[contains(@class, 'md-nav--secondary')]//a")}
    assert entries == {hostile.HEADING_TEXT}


def test_commit_subject_on_the_changes_page_reads_as_written(built):
    changes = parse(built.site / "changes/index.html")
    assert hostile.COMMIT in text(changes.xpath("//article")[0])


def _search_documents(index: dict) -> list[dict]:
    return index["docs"]


def _fragment(html: str):
    return lxml.html.fragment_fromstring(html, create_parent="div")


@pytest.mark.parametrize("where", ["site", "offline copy"])
def test_search_index_holds_escaped_text(built, offline_copy, where):
    """Material's search page inserts titles, text and tags as HTML: they must be escaped text."""
    if where == "site":
        index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    else:  # the offline plugin writes it as a script: var __index = {...}
        script = (offline_copy / "search/search_index.js").read_text(encoding="utf-8")
        index = json.loads(script[script.index("{") : script.rindex("}") + 1])
    titles, tags = set(), set()
    for document in _search_documents(index):
        for field in ("title", "text"):
            assert live_markup(_fragment(document[field])) == [], document["location"]
        titles.add(text(_fragment(document["title"])))
        for tag in document.get("tags", []):
            assert live_markup(_fragment(tag)) == [], document["location"]
            tags.add(text(_fragment(tag)))
    assert set(TITLED_PAGES.values()) <= titles
    assert tags == {hostile.TAG}


def test_atom_feed_is_xml_with_the_titles_as_text(built):
    feed = ET.parse(built.site / "changes/feed.xml").getroot()
    titles = {entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")}
    assert {f"{title} (added)" for title in TITLED_PAGES.values()} <= titles
    assert {entry.findtext(f"{ATOM}summary") for entry in feed.iter(f"{ATOM}entry")} == {hostile.COMMIT}
    assert all(element.tag.startswith(ATOM) for element in feed.iter())  # no element from a payload


def test_sitemap_is_xml(built):
    sitemap = ET.parse(built.site / "sitemap.xml").getroot()
    assert all(MARKER not in (element.text or "") for element in sitemap.iter())


@pytest.mark.parametrize(
    "pdf, shown",
    [
        ("handbook-starter.pdf", [hostile.HANDBOOK, hostile.CHAPTER, hostile.TERM, hostile.EVIDENCE]),
        ("glossary.pdf", [hostile.TERM]),
        ("evidence-base.pdf", [hostile.EVIDENCE]),
    ],
)
def test_pdfs_print_the_markup_as_text(built, pdf, shown):
    """WeasyPrint drops what it parses as an element: the markup is in the text only if escaped."""
    words = " ".join("".join(page.extract_text() for page in PdfReader(built.site / "downloads" / pdf).pages).split())
    for value in shown:
        marker = value.split()[0]
        assert f'<script>alert("{marker}")</script>' in words, (pdf, marker)
