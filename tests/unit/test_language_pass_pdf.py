"""The PDFs of a language pass (handbook.outputs.pdf_document): which documents, their file
names, the untranslated parts, and the print style's words in the document's language."""

from __future__ import annotations

import pytest

from handbook.content.corpus import load_corpus
from handbook.languages.catalogue import Messages, messages_for
from handbook.outputs.offline_readers import OfflineReaders, _document_key, english_site_link
from handbook.outputs.pdf_document import PrintDocument, css_content, css_string, document_plans, page_strings
from handbook.pages.render import Renderer
from handbook.settings import read_settings
from tests.support import SAMPLE

SITE = "https://relationships-project.github.io/handbooks/"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(SAMPLE).corpus


def test_english_plans_are_unchanged(corpus):
    plans = document_plans(corpus)
    assert [p.slug for p in plans] == ["handbook-starter", "glossary", "evidence-base"]
    assert plans[0].pages[0][1] == "Introduction" and plans[0].pages[1][1] == "Chapter 1"
    assert all(p.language == "en" and not p.untranslated for p in plans)


def test_a_welsh_pdf_only_for_a_handbook_whose_index_is_translated(corpus):
    assert document_plans(corpus, messages_for("cy"), "cy", lambda item: False) == []
    translated = {("handbook", "starter"), ("chapter", "starter/first-steps")}
    (plan,) = document_plans(corpus, messages_for("cy"), "cy", lambda item: (item.kind, item.id) in translated)
    assert plan.slug == "handbook-starter-cy" and plan.language == "cy"
    assert [label for _, label, _ in plan.pages] == ["Cyflwyniad", "Pennod 1", "Pennod 2"]
    # The second chapter has no translation: printed in English, with a note.
    assert plan.untranslated == {"handbooks/starter/going-further/"}


def test_css_strings_cannot_break_out_of_the_style():
    assert css_string('a "quoted" </style> \\ word') == '"a \\22 quoted\\22  \\3c /style\\3e  \\5c  word"'
    counters = {"page": "counter(page)", "pages": "counter(pages)"}
    assert css_content("%(page)s of %(pages)s", counters) == 'counter(page) " of " counter(pages)'
    assert css_content("Tudalen %(page)s o %(pages)s", counters) == '"Tudalen " counter(page) " o " counter(pages)'
    assert css_content("%(pages)s: %(page)s", counters) == 'counter(pages) ": " counter(page)'


def test_the_running_footer_and_contents_header_in_welsh():
    english, welsh = page_strings(Messages()), page_strings(messages_for("cy"))
    assert 'counter(page) " of " counter(pages)' in english and '"Contents"' in english
    assert 'counter(page) " o " counter(pages)' in welsh and 'string-set: chapter "Cynnwys"' in welsh


@pytest.mark.parametrize(
    "folder, link",
    [
        ("", "../downloads/"),  # the Welsh home page, cy/
        ("downloads/", "../../downloads/"),
        ("handbooks/starter/", "../../../downloads/"),
    ],
)
def test_a_welsh_page_links_into_the_english_site_above_it(folder, link):
    assert english_site_link(folder, "downloads/") == link


def test_a_welsh_handbook_pdf_is_offered_on_its_handbooks_pages(corpus):
    (plan,) = document_plans(corpus, messages_for("cy"), "cy", lambda item: True)
    document = PrintDocument(plan.slug, plan.title, "", [], "CC-BY-4.0", "handbook", "cy")
    assert _document_key(document) == "handbook:starter"  # the key the handbook's pages look up


def test_a_welsh_page_of_an_untranslated_handbook_offers_the_english_pdf(tmp_path):
    readers = OfflineReaders.for_build(
        tmp_path, "build", SITE, "2026-01-01", read_settings(environ={}), environ={"HANDBOOK_LANGUAGE_PASS": "cy"}
    )
    assert readers.language == "cy" and not readers.make_offline_copy and readers.zip_elsewhere
    renderer = Renderer(tmp_path, template_cache=False, messages=messages_for("cy"))
    html = readers.finish_page(renderer, "chapter", "starter/first-steps", "handbooks/starter/first-steps/", "", True)
    assert 'href="../../../../downloads/handbook-starter.pdf"' in html  # from cy/handbooks/starter/first-steps/
    assert "Lawrlwytho'r PDF yn Saesneg" in html and 'hreflang="en"' in html
    english = OfflineReaders.for_build(tmp_path, "build", SITE, "2026-01-01", read_settings(environ={}), environ={})
    assert (
        english.finish_page(renderer, "chapter", "starter/first-steps", "handbooks/starter/first-steps/", "", True)
        == ""
    )
