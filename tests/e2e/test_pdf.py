"""End-to-end: the PDFs of the sample project, read back with pypdf."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from handbook.content.corpus import load_corpus
from handbook.linking.urls import url_for
from handbook.outputs.downloads import human_size
from handbook.outputs.print_links import section_anchor
from handbook_bench.pdf_speed import SUMMARY

PDFS = ("handbook-starter.pdf", "glossary.pdf", "evidence-base.pdf")


@pytest.fixture(scope="module")
def built(downloads_site):
    return downloads_site


@pytest.fixture(scope="module")
def corpus(built):
    return load_corpus(built.root).corpus


def reader(built, name: str) -> PdfReader:
    return PdfReader(built.site / "downloads" / name)


def outline_titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        titles += outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


def link_destinations(pdf: PdfReader) -> list[str]:
    """The named destination of every internal link annotation."""
    names = []
    for page in pdf.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                continue
            destination = annotation.get("/Dest") or (action or {}).get("/D")
            assert isinstance(destination, str), f"internal link without a named destination: {annotation}"
            names.append(destination)
    return names


def appendix_ids(pdf: PdfReader, prefix: str) -> set[str]:
    return {name[len(prefix) :] for name in pdf.named_destinations if name.startswith(prefix)}


def page_text(pdf: PdfReader, name: str) -> str:
    return pdf.pages[pdf.get_destination_page_number(pdf.named_destinations[name])].extract_text()


@pytest.mark.parametrize("name", PDFS)
def test_each_pdf_is_made_and_logged(built, name):
    assert (built.site / "downloads" / name).stat().st_size > 1000
    assert re.search(rf"PDF {re.escape(name)}: \d+ pages, rendered in [\d.]+s", built.log)


@pytest.mark.parametrize("name", PDFS)
def test_more_pages_than_cover_and_contents(built, name):
    assert len(reader(built, name).pages) > 2


def test_outline_has_every_chapter_and_its_sections(built, corpus):
    titles = outline_titles(reader(built, "handbook-starter.pdf").outline)
    handbook = corpus.get("handbook", "starter")
    for chapter in handbook.chapters:
        assert chapter.title in titles
    assert {"Contents", "Why it matters", "Measuring", "Glossary", "References"} <= set(titles)


@pytest.mark.parametrize("name", PDFS)
def test_every_internal_link_resolves_to_a_named_destination(built, name):
    pdf = reader(built, name)
    targets = link_destinations(pdf)
    assert targets, "no internal links at all"
    missing = sorted(set(targets) - set(pdf.named_destinations))
    assert not missing


def test_chapter_to_chapter_links_stay_inside_the_pdf(built):
    targets = link_destinations(reader(built, "handbook-starter.pdf"))
    assert "s-handbooks-starter-going-further" in targets  # first-steps -> going-further
    assert "s-handbooks-starter-first-steps" in targets  # and back


def test_glossary_appendix_holds_exactly_the_terms_the_handbook_links_to(built):
    pdf = reader(built, "handbook-starter.pdf")
    in_appendix = appendix_ids(pdf, "term-")
    linked = {name[len("term-") :] for name in link_destinations(pdf) if name.startswith("term-")}
    assert in_appendix == linked
    assert "co-production" in in_appendix  # [[term:co-production]] in first-steps.md
    assert "quokka-wrangling" not in in_appendix  # no handbook uses it
    assert "How these handbooks use it" in page_text(pdf, "term-co-production")
    assert "Designing and delivering services" in page_text(pdf, "term-co-production")  # its working definition


def test_references_appendix_holds_exactly_the_evidence_the_handbook_cites(built):
    pdf = reader(built, "handbook-starter.pdf")
    in_appendix = appendix_ids(pdf, "ref-")
    cited = {name[len("ref-") :] for name in link_destinations(pdf) if name.startswith("ref-")}
    assert in_appendix == cited == {"holt-lunstad-2010", "russell-1996"}
    assert "Why this rating" in page_text(pdf, "ref-russell-1996")


def test_glossary_pdf_has_every_term_and_evidence_pdf_every_item(built, corpus):
    glossary = outline_titles(reader(built, "glossary.pdf").outline)
    evidence = outline_titles(reader(built, "evidence-base.pdf").outline)
    assert {t.title for t in corpus.of_kind("term")} <= set(glossary)
    assert {e.title for e in corpus.of_kind("evidence")} <= set(evidence)


def test_links_outside_the_handbook_are_full_web_addresses(built):
    pdf = reader(built, "handbook-starter.pdf")
    uris = [
        a.get_object()["/A"]["/URI"]
        for page in pdf.pages
        for a in page.get("/Annots") or []
        if a.get_object().get("/A", {}).get("/S") == "/URI"
    ]
    assert "https://relationships-project.github.io/handbooks/stories/heatmap-in-action/" in uris
    assert all(uri.startswith(("https://", "http://", "mailto:")) for uri in uris)


def test_cover_shows_title_editors_licence_and_the_commit(built):
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=built.root, capture_output=True, text=True, check=True
    ).stdout.strip()
    cover = reader(built, "handbook-starter.pdf").pages[0].extract_text()
    for text in (
        "A starter handbook",
        "A small handbook used by the tests.",
        "@example/starter-editors",
        "CC-BY-4.0",
        commit,
    ):
        assert text in cover


def text_lines(page) -> list[str]:
    """The page's text line by line (pieces on the same baseline, whatever order they
    were drawn in): the contents' page numbers float right, so they are drawn first."""
    lines: dict[float, list[str]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            baseline = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1)
            lines.setdefault(baseline, []).append(text.strip())

    page.extract_text(visitor_text=visit)
    return [" ".join(pieces) for _, pieces in sorted(lines.items(), reverse=True)]


def test_contents_gives_each_chapter_the_page_it_starts_on(built, corpus):
    pdf = reader(built, "handbook-starter.pdf")
    lines = text_lines(pdf.pages[1])
    for chapter in corpus.get("handbook", "starter").chapters:
        page = (
            pdf.get_destination_page_number(pdf.named_destinations[section_anchor(url_for("chapter", chapter.id))]) + 1
        )
        entry = next(line for line in lines if chapter.title in line)
        numbers = re.findall(r"\b\d+\b", re.sub(r"Chapter \d+", "", entry.replace(chapter.title, "")))
        assert str(page) in numbers, f"{chapter.title}: page {page} not in {entry!r}"


def test_running_header_names_handbook_and_chapter(built):
    pdf = reader(built, "handbook-starter.pdf")
    page = pdf.get_destination_page_number(pdf.named_destinations["s-handbooks-starter-going-further"])
    text = pdf.pages[page].extract_text()
    assert "A starter handbook" in text and "Going further" in text
    assert f"{page + 1} of {len(pdf.pages)}" in text


def test_pdf_is_tagged_with_language_and_title_and_embeds_its_fonts(built):
    pdf = reader(built, "handbook-starter.pdf")
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert pdf.metadata.title == "A starter handbook"
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"] or "/FontFile3" in descendant["/FontDescriptor"]


def test_print_omits_screen_furniture(built):
    text = "".join(page.extract_text() for page in reader(built, "handbook-starter.pdf").pages)
    assert "¶" not in text and "Edit this page" not in text and "Search" not in text


def test_handbook_pages_offer_the_pdf_with_its_size(built):
    size = human_size((built.site / "downloads" / "handbook-starter.pdf").stat().st_size)
    for url in ("handbooks/starter/", "handbooks/starter/first-steps/"):
        html = built.html(url)
        assert "Download PDF" in html and size in html
        assert "downloads/handbook-starter.pdf" in html


def test_downloads_page_lists_every_pdf_and_the_offline_copy_with_sizes(built):
    html = built.html("downloads/")
    for name in (*PDFS, "relationships-handbooks-offline.zip"):
        assert f'href="{name}"' in html  # the page is downloads/ itself
        assert human_size((built.site / "downloads" / name).stat().st_size) in html


def test_unchanged_pdfs_come_from_the_cache_and_changed_ones_are_rendered_again(built, tmp_path, build):
    root = tmp_path / "again"
    shutil.copytree(built.root, root, ignore=shutil.ignore_patterns("site"))
    first = build(root)
    assert first.returncode == 0, first.log
    for name in PDFS:
        assert f"PDF {name}: " in first.log and "from the cache" in first.log.split(f"PDF {name}: ")[1].splitlines()[0]
    chapter = root / "handbooks" / "starter" / "going-further.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA new closing sentence.\n", encoding="utf-8")
    second = build(root)
    assert second.returncode == 0, second.log
    assert re.search(r"PDF handbook-starter\.pdf: \d+ pages, rendered in", second.log)
    assert re.search(r"PDF glossary\.pdf: \d+ pages, unchanged, from the cache", second.log)
    assert "A new closing sentence." in "".join(
        p.extract_text() for p in PdfReader(root / "site" / "downloads" / "handbook-starter.pdf").pages
    )


def test_the_summary_line_gives_pages_and_speed_as_the_speed_script_reads_them(built):
    summary = SUMMARY.search(built.log)
    assert summary, built.log
    pdfs, pages, rendered, seconds, assembling = summary.groups()
    assert int(pdfs) == len(PDFS)
    assert int(pages) == int(rendered) == sum(len(reader(built, name).pages) for name in PDFS)
    assert float(seconds) > float(assembling) > 0
    assert re.search(r"assembling [\d.]+s, [\d.]+ pages/s\)", built.log)


def test_another_cache_folder_renders_everything_and_leaves_the_project_cache_alone(
    built, tmp_path, monkeypatch, build
):
    root = tmp_path / "fresh"
    shutil.copytree(built.root, root, ignore=shutil.ignore_patterns("site"))
    project_cache = {p.name: p.stat().st_mtime_ns for p in (root / ".cache" / "pdf").iterdir()}
    monkeypatch.setenv("HANDBOOK_PDF_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("HANDBOOK_OFFLINE_COPY", "0")
    result = build(root)
    assert result.returncode == 0, result.log
    for name in PDFS:
        assert re.search(rf"PDF {re.escape(name)}: \d+ pages, rendered in", result.log)
    assert len(list((tmp_path / "empty-cache").glob("*.pdf"))) == len(PDFS)
    assert {p.name: p.stat().st_mtime_ns for p in (root / ".cache" / "pdf").iterdir()} == project_cache
