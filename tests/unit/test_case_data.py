"""The case maker's data (issue 19): every item a case may hold, with what a brief shows of it,
by references that resolve to the site's pages; the same bytes for the same content; hostile
text stays data in the page and in the shards; the real site's data stays under 200 kB; the
page carries what items share and the items are in shards, so its size does not grow with
the content."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import lxml.html
import markdown
import pytest

from handbook.case_maker.data import CASE_ITEMS_JSON, case_data, case_json, publication_basis
from handbook.case_maker.page import CASE_MAKER_URI, CASE_MAKER_URL, CaseView
from handbook.case_maker.sections import EXTENSION_CONFIGS, EXTENSIONS, SectionReader
from handbook.case_maker.shards import SHARD_FOLDER, TARGET_BYTES, fnv1a32, shard_of
from handbook.content.corpus import load_corpus
from handbook.content.model import Chapter, Convening, Evidence, Publication, Story, Term
from handbook.linking.urls import url_for
from handbook.outputs.offline_links import directory_url
from handbook.settings import Settings
from handbook.site import Site
from handbook_bench.floor import markdown_extensions
from handbook_bench.synthetic import spec_for, write_corpus
from tests.e2e import hostile_project as hostile
from tests.support import REPO, SAMPLE

# Built from the fixture folder itself: no compiled templates left there for other tests to copy.
NO_TEMPLATE_CACHE = Settings(template_cache=False)

HOSTILE_TEXT = '</script><script>alert("XSSCASE")</script><!-- <script> \' & "'
# The same in a chapter's Markdown, which may not hold a <script> element: as entities, which read as that text.
HOSTILE_MARKDOWN = HOSTILE_TEXT.replace("&", "&amp;").replace("<", "&lt;")
DATA_BAR = 200_000  # bytes: the bar for the real site's data


@pytest.fixture(scope="module")
def corpus():
    result = load_corpus(SAMPLE)
    assert not result.problems
    return result.corpus


@pytest.fixture(scope="module")
def data(corpus):
    return case_data(corpus)


def chapters(corpus) -> list[Chapter]:
    return [chapter for handbook in corpus.handbooks for chapter in handbook.chapters]


def test_every_evidence_item_story_term_and_convening_is_there_by_reference(corpus, data):
    for record in (Evidence, Story, Term, Convening):
        items = corpus.records(record)
        assert items, record  # the sample has some of each, so this test can fail
        for item in items:
            entry = data["items"][f"{item.kind}:{item.id}"]
            assert (entry["kind"], entry["title"], entry["url"]) == (item.kind, item.title, url_for(item.kind, item.id))
            assert entry.get("themes", []) == item.themes
    kinds = {entry["kind"] for entry in data["items"].values()}
    assert kinds == {"evidence", "story", "term", "convening", "section"}


def test_every_h2_of_every_chapter_is_a_section_with_its_chapter(corpus, data):
    sections = {ref: entry for ref, entry in data["items"].items() if entry["kind"] == "section"}
    written = [
        (chapter, line[3:].strip())
        for chapter in chapters(corpus)
        for line in chapter.body.splitlines()
        if line.startswith("## ")
    ]
    assert len(written) == len(sections) >= 2
    for chapter, heading in written:
        chapter_url = url_for("chapter", chapter.id)
        [(ref, entry)] = [(r, e) for r, e in sections.items() if e["chapter"] == chapter_url and e["title"] == heading]
        assert ref == f"section:{entry['url']}" and entry["url"].startswith(chapter_url + "#")
        chapter_entry = data["chapters"][chapter_url]
        assert chapter_entry["title"] == chapter.title
        assert chapter_entry["handbook"] == next(h.title for h in corpus.handbooks if chapter in h.chapters)
        assert chapter_entry.get("themes", []) == chapter.themes


def test_evidence_keeps_its_citation_rating_with_rationale_and_findings(corpus, data):
    levels = corpus.vocabularies.confidence_levels
    for evidence in corpus.records(Evidence):
        entry = data["items"][f"evidence:{evidence.id}"]
        assert entry["confidence"] == {
            "rating": evidence.confidence.rating,
            "label": levels.title(evidence.confidence.rating),
            "rationale": evidence.confidence.rationale,
            "description": levels.entries[str(evidence.confidence.rating)].description,
        }
        assert entry["citation"].startswith(f"{'; '.join(evidence.authors)} ({evidence.year}). {evidence.title}")
        assert entry["authors"] == evidence.authors and entry["year"] == evidence.year
        assert entry.get("key_findings", []) == evidence.key_findings
        assert entry.get("link") == evidence.link and entry.get("direction") == evidence.findings_direction
    holt = data["items"]["evidence:holt-lunstad-2010"]
    assert (
        holt["link"] == "https://doi.org/10.1371/journal.pmed.1000316" and holt["short"] == "Holt-Lunstad et al. 2010"
    )
    assert [level["rating"] for level in data["scale"]] == [0, 1, 2, 3, 4]


def test_a_story_says_who_told_it_and_on_what_basis_it_is_published(data):
    story = data["items"]["story:heatmap-in-action"]
    assert story["storytellers"] == ["Enrol Yourself"]
    assert (
        story["basis"] == "Contributed here; the storytellers' consent was recorded by Dana Maintainer on 2024-01-05."
    )
    assert story["basis_link"] == "https://github.com/relationships-project/handbooks/issues/7"
    assert story["summary"] == "How a team used the Heatmap."  # no summary field: its first paragraph
    assert story["place"] == "London, England"


def test_the_publication_basis_in_words():
    published = Publication(basis="published-by-relationships-project", page="https://example.org/s")
    assert publication_basis(published) == (
        "Told to and published by the Relationships Project.",
        "https://example.org/s",
    )
    offline = Publication(basis="contributed", recorded_by="A Maintainer", record="email of 3 May")
    assert publication_basis(offline) == (
        "Contributed here; the storytellers' consent was recorded by A Maintainer.",
        None,  # not an address: no link
    )


def test_a_term_says_it_is_contested_and_by_whom(corpus, data):
    term = data["items"]["term:co-production"]
    assert term["definition"] == corpus.get("term", "co-production").working_definition
    assert term["contested"] is True and term["contested_note"] == "Whether consultation counts as co-production."
    assert term["contested_by"] == [{"by": "This handbook", "stance": "Critiques"}]  # not the origin's author
    assert "contested_by" not in data["items"]["term:loneliness"]


def test_a_convening_names_its_hosts_and_purpose(data):
    convening = data["items"]["convening:measuring-relationships-2021"]
    assert convening["hosts"] == ["Enrol Yourself"]  # the organisation's name, not its id
    assert (convening["date"], convening["format"]) == ("2021-06-09", "Online")
    assert convening["summary"] == "To explore the measurement problem."


def test_a_sections_first_paragraph_reads_as_plain_text(data):
    first = data["items"]["section:handbooks/starter/first-steps/#why-it-matters"]["summary"]
    assert first == (
        "Strong social ties go with longer lives (Holt-Lunstad et al. 2010). "
        "Several studies agree (Holt-Lunstad et al. 2010; Russell 1996)."
    )
    further = data["items"]["section:handbooks/starter/going-further/#measuring"]["summary"]
    assert further == "The UCLA scale is one option (Russell 1996). Back to First steps."


def test_every_reference_is_a_page_of_the_build():
    site = Site.build(SAMPLE, settings=NO_TEMPLATE_CACHE)
    pages = {directory_url(src_uri) for src_uri in site.sources}
    data = case_data(site.corpus)
    for ref, entry in data["items"].items():
        path = entry["url"].partition("#")[0]
        assert path in pages, ref
    assert set(data["chapters"]) <= pages
    assert {export.src_uri for export in site.exports()} >= {CASE_ITEMS_JSON}
    assert CASE_MAKER_URI in site.sources and directory_url(CASE_MAKER_URI) == CASE_MAKER_URL


def test_same_content_same_bytes_sorted_by_reference(corpus, data):
    again = case_json(case_data(load_corpus(SAMPLE).corpus))
    assert case_json(data) == again
    assert list(json.loads(again)["items"]) == sorted(data["items"])


def test_ids_are_the_tocs_and_the_rest_of_a_chapter_is_not_needed():
    """The reader leaves out what no section needs before the inline patterns run: its ids are
    still those a whole conversion with the site's extensions gives every h2."""
    body = "\n\n".join(
        [
            "Before any heading.",
            "## Costs",
            "### Detail",
            "After an h3: this *counts* as the first paragraph, &amp; entities read as text.",
            "## Costs",  # the same heading again: "costs_1"
            "- a list first",
            "Then the paragraph.",
            "## Named {#chosen-id}",
            "```\n## Not a heading\n```",
            "## Côté cœur",
            "!!! note\n    ## Inside a note\n\n    In the note.",
            "Costs\n-----",  # a setext h2, a third "costs"
            "Last words.[^1]",
            "[^1]: A footnote.",
        ]
    )
    chapter = Chapter(id="h/c", path="handbooks/h/c.md", title="C", body=body, handbook_id="h", slug="c")
    sections = SectionReader(lambda kind, item_id: None, lambda item_id, locator: item_id).sections(chapter)
    whole = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    whole.convert(body)

    def h2_ids(tokens) -> list[str]:
        found = []
        for token in tokens:
            found += ([token["id"]] if token["level"] == 2 else []) + h2_ids(token["children"])
        return found

    assert [section.id for section in sections] == h2_ids(whole.toc_tokens)  # type: ignore[attr-defined]  # set by the toc
    assert [section.id for section in sections] == [
        "costs", "costs_1", "chosen-id", "côté-cœur", "inside-a-note", "costs_2",
    ]  # fmt: skip
    firsts = [section.first_paragraph for section in sections]
    assert firsts == [
        "After an h3: this counts as the first paragraph, & entities read as text.",
        "Then the paragraph.",
        None,  # only code before the next h2
        None,  # the note's own h2 comes before the note's paragraph
        "In the note.",
        "Last words.",  # the footnote's number left out
    ]


def test_the_chapter_reader_has_the_sites_markdown_extensions():
    names, _ = markdown_extensions(REPO / "mkdocs.yml")
    assert sorted(EXTENSIONS) == sorted(names)
    assert "slugify: !!python/name:markdown.extensions.toc.slugify_unicode" in (REPO / "mkdocs.yml").read_text()


def test_hostile_text_stays_data_in_the_page(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root)
    hostile.add_hostile_fields(root)
    chapter = root / "handbooks/starter/going-further.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n## Hostile\n\n{HOSTILE_MARKDOWN}\n", encoding="utf-8")
    site = Site.build(root)
    assert not site.result.problems
    source = site.source_for(CASE_MAKER_URI)
    assert source is not None and source.generated is not None
    html = site.render_content(source, "", CASE_MAKER_URL)
    document = lxml.html.fromstring(html)
    [script] = document.xpath("//script[@id='hb-case-data']")
    assert script.get("type") == "application/json"
    text = script.text
    assert "</" not in text and "<!--" not in text and "<script" not in text
    embedded = json.loads(text)
    view = source.generated.context["case"]
    assert isinstance(view, CaseView)
    assert embedded == view.page_data and "items" not in embedded
    shards = {export.src_uri: export.content for export in view.files() if export.src_uri.startswith(SHARD_FOLDER)}
    for content in shards.values():
        shard_text = content.decode("utf-8")
        assert not any(char in shard_text for char in "<>&\u2028\u2029")  # escaped: inert anywhere
    items = shard_items(shards)
    assert items == view.data["items"] == json.loads(view.json)["items"]
    assert items["term:co-production"]["title"] == hostile.TERM
    assert items["evidence:russell-1996"]["authors"] == [hostile.AUTHOR]
    assert items["story:heatmap-in-action"]["title"] == hostile.STORY
    section = items["section:handbooks/starter/going-further/#hostile"]
    assert section["summary"] == HOSTILE_TEXT  # the paragraph's text, exactly
    # The data, the script's words (JSON, not run) and the case maker's own script: no other.
    assert len(document.xpath("//script")) == 3
    assert [s.get("type") for s in document.xpath("//script[@id]")] == ["application/json", "application/json"]
    assert [s.get("src") for s in document.xpath("//script[@src]")] == ["../assets/javascripts/hb-case-maker.js"]


def shard_items(shards: dict[str, bytes]) -> dict:
    """The items of the shard files, checking each file's shape and that each item is in its own shard."""
    items: dict = {}
    count = len(shards)
    for number in range(count):
        text = shards[f"{SHARD_FOLDER}{number}.js"].decode("utf-8")
        prefix, suffix = "window.hbCaseData.add(", ");\n"
        assert text.startswith(prefix) and text.endswith(suffix)
        payload = json.loads(text[len(prefix) : -len(suffix)])
        assert (payload["shard"], payload["shards"]) == (number, count)
        assert all(shard_of(ref, count) == number for ref in payload["items"])
        for entry in payload["items"].values():
            if entry["kind"] == "section":
                assert entry["chapter"] in payload["chapters"]  # a section's chapter comes with it
        assert not set(items) & set(payload["items"])
        items.update(payload["items"])
    return items


def test_the_real_sites_data_is_under_the_bar():
    """The issue's bar (200 kB for the real site), measured as the page embeds it and as the file;
    the shards hold every item, each shard about TARGET_BYTES."""
    corpus = load_corpus(REPO).corpus
    view = CaseView(corpus)
    embedded = (
        lxml.html.fromstring(f"<div><script>{markdown_safe_json(view.page_data)}</script></div>")
        .xpath("//script")[0]
        .text
    )
    assert len(view.json) < DATA_BAR and len(embedded.encode("utf-8")) < 10_000
    shards = {export.src_uri: export.content for export in view.files() if export.src_uri.startswith(SHARD_FOLDER)}
    assert len(shards) == view.shards > 1
    assert all(TARGET_BYTES / 2 < len(content) < TARGET_BYTES * 2 for content in shards.values())
    assert shard_items(shards) == view.data["items"]
    assert len(gzip.compress(view.json)) < len(view.json) / 3
    assert {entry["kind"] for entry in view.data["items"].values()} == {
        "evidence",
        "story",
        "term",
        "convening",
        "section",
    }


def markdown_safe_json(data) -> str:
    """The data as the page's template writes it (Jinja's tojson)."""
    from jinja2.utils import htmlsafe_json_dumps

    return str(htmlsafe_json_dumps(data, sort_keys=True))


def test_the_data_file_is_compact_utf8_json(data):
    raw = case_json(data)
    assert raw.endswith(b"\n") and b"\n" not in raw[:-1] and b", " not in raw[:200]
    assert json.loads(raw.decode("utf-8")) == data


def test_hostile_heading_text_in_the_reader_is_plain(tmp_path: Path):
    body = f"## Heading `<b>code</b>` and <i>tags</i>\n\n{HOSTILE_MARKDOWN} <b>bold</b>\n"
    chapter = Chapter(id="h/c", path="handbooks/h/c.md", title="C", body=body, handbook_id="h", slug="c")
    [section] = SectionReader(lambda kind, item_id: None, lambda item_id, locator: item_id).sections(chapter)
    assert section.heading == "Heading <b>code</b> and tags"  # a code span's text is text
    assert section.first_paragraph == HOSTILE_TEXT + " bold"  # entities read as text, tags as nothing


def test_the_data_is_made_once_per_build_for_the_file_and_the_page(monkeypatch):
    import handbook.case_maker.page as page_module

    made = []

    def counted(corpus, messages=None):
        made.append(corpus)
        return case_data(corpus, messages)

    monkeypatch.setattr(page_module, "case_data", counted)
    site = Site.build(SAMPLE, settings=NO_TEMPLATE_CACHE)
    assert made == []  # not while the site is set up (nor by `handbook check`, which goes no further)
    [exported] = [export for export in site.exports() if export.src_uri == CASE_ITEMS_JSON]
    source = site.source_for(CASE_MAKER_URI)
    assert source is not None
    html = site.render_content(source, "", CASE_MAKER_URL)
    site.render_content(source, "", CASE_MAKER_URL)
    assert len(made) == 1
    [script] = lxml.html.fromstring(html).xpath("//script[@id='hb-case-data']")
    whole = json.loads(exported.content)
    shared = {key: value for key, value in whole.items() if key not in ("items", "chapters")}
    assert json.loads(script.text) == {**shared, "shards": source.generated.context["case"].shards}


def test_fnv1a_is_the_standard_hash():
    """Published FNV-1a 32-bit values (the JavaScript's is checked against this in the browser tests)."""
    assert fnv1a32("") == 0x811C9DC5
    assert fnv1a32("a") == 0xE40C292C
    assert fnv1a32("foobar") == 0xBF9CF968
    assert fnv1a32("é") != fnv1a32("e\u0301")  # bytes, not a normal form


def test_the_shards_are_the_same_bytes_for_the_same_content(corpus):
    first, second = CaseView(corpus).files(), CaseView(corpus).files()
    assert [(f.src_uri, f.content) for f in first] == [(f.src_uri, f.content) for f in second]


def test_the_page_does_not_grow_with_the_content(tmp_path):
    """Four times the content: the items file and the shards grow, the page by the digits of its counts only."""
    pages, files = {}, {}
    for size in ("100", "400"):
        root = write_corpus(tmp_path / size, spec_for(size), engine=None, git=False)
        site = Site.build(root)
        source = site.source_for(CASE_MAKER_URI)
        assert source is not None and source.generated is not None
        pages[size] = site.render_content(source, "", CASE_MAKER_URL)
        files[size] = {export.src_uri: export.content for export in site.exports() if "case-maker/" in export.src_uri}
    assert len(files["400"][CASE_ITEMS_JSON]) > 3 * len(files["100"][CASE_ITEMS_JSON])
    shards = {size: [uri for uri in found if uri.startswith(SHARD_FOLDER)] for size, found in files.items()}
    assert len(shards["400"]) > 2 * len(shards["100"])
    assert abs(len(pages["400"]) - len(pages["100"])) <= 4  # "You can choose from N items", the shard count
