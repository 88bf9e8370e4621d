"""/contribute/suggest/ in a built site: one labelled form per suggestion, rendered from the
schema at build time, with the definitions they are checked against embedded in the page."""

from __future__ import annotations

import gzip
import json

import lxml.html
import pytest

from handbook.contributions.forms import CORRECTION_FIELDS
from tests.support import BuildResult

PAGE = "contribute/suggest/"
FORMS = ["term", "perspective", "story", "organisation", "evidence", "correction"]


@pytest.fixture(scope="module")
def page(sample_site: BuildResult) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(sample_site.html(PAGE))


def test_the_page_has_a_form_per_suggestion_each_with_its_definition(page):
    sections = page.xpath("//section[@data-hb-section]")
    assert [section.get("id") for section in sections] == FORMS
    data = json.loads(page.get_element_by_id("hb-suggest-schema").text)
    for section in sections:
        form = section.xpath(".//form")[0]
        assert form.get("data-hb-suggest-form") == section.get("id")
        assert form.get("data-hb-definition") in data["$defs"]
        assert form.get("novalidate") is not None  # the script checks, with the build's messages
    # The chooser links each form.
    assert [a.get("href") for a in page.xpath("//*[@data-hb-choose]")] == [f"#{form}" for form in FORMS]


def test_every_input_has_a_label_and_its_hints_exist(page):
    inputs = page.xpath("//form[@data-hb-suggest-form]//*[self::input or self::select or self::textarea]")
    assert len(inputs) > 60
    ids = set(page.xpath("//@id"))
    for element in inputs:
        element_id = element.get("id")
        assert element_id and page.xpath(f"count(//*[@id='{element_id}'])") == 1, element_id
        labels = page.xpath(f"//label[@for='{element_id}']")
        assert len(labels) == 1 and labels[0].text_content().strip(), element_id
        for described in (element.get("aria-describedby") or "").split():
            assert described in ids, (element_id, described)


def test_required_is_said_in_words_and_groups_have_legends(page):
    term = page.get_element_by_id("term")
    label = term.xpath(".//label[@for='term-term']")[0].text_content()
    assert "(required)" in label
    aliases = term.xpath(".//label[@for='term-aliases']")[0].text_content()
    assert "(required)" not in aliases
    legends = [legend.text_content().strip() for legend in term.xpath(".//fieldset/legend")]
    assert "Who uses the term, and how" in legends
    assert any(legend.startswith("Which themes") for legend in legends)  # checkboxes: a fieldset


def test_the_options_are_the_vocabularies(page, sample_site):
    from handbook.content.corpus import load_corpus

    vocabularies = load_corpus(sample_site.root).corpus.vocabularies
    group = page.get_element_by_id("term-group")
    assert group.xpath("./option/@value")[1:] == vocabularies.term_groups.ids
    assert group.xpath("./option/text()")[1:] == [entry.title for entry in vocabularies.term_groups]
    themes = page.get_element_by_id("evidence-themes").xpath(".//input[@type='checkbox']/@value")
    assert themes == vocabularies.themes.ids


def test_the_correction_form_asks_the_four_questions(page):
    names = page.get_element_by_id("correction").xpath(".//*[@name]/@name")
    assert names == [name for name, *_ in CORRECTION_FIELDS]


def test_the_page_asks_nothing_of_other_sites(page, sample_site):
    # Only links a person presses go elsewhere (GitHub's issue forms); nothing is loaded from another site.
    loaded = page.xpath("//script/@src | //link[@rel='stylesheet']/@href | //img/@src | //iframe/@src")
    assert all(not url.startswith(("http:", "https:", "//")) for url in loaded), loaded
    scripts = page.xpath("//script/@src")
    assert any(src.endswith("hb-suggest.js") for src in scripts)
    issue_links = page.xpath("//a[contains(@href, '/issues/new?template=')]/@href")
    assert len(issue_links) == len(FORMS)


def test_the_page_stays_light(sample_site):
    raw = (sample_site.site / PAGE / "index.html").read_bytes()
    packed = len(gzip.compress(raw, compresslevel=6))
    assert packed < 60 * 1024, f"{len(raw)} bytes, {packed} gzipped"


def test_the_terms_are_carried_once_in_the_list_to_choose_from(page, sample_site):
    from handbook.content.corpus import load_corpus
    from handbook.content.model import Term

    terms = sorted(load_corpus(sample_site.root).corpus.records(Term), key=lambda term: term.id)
    options = page.xpath("//datalist[@id='perspective-terms']/option")
    assert [o.get("value") for o in options] == [term.id for term in terms]
    assert [o.text_content() for o in options] == [term.title for term in terms]
    assert all(o.get("data-path") is None for o in options)  # each at glossary/<id>.md
    data = json.loads(page.get_element_by_id("hb-suggest-schema").text)
    assert set(data) == {"$defs", "forms"}  # no second copy of the terms, and no content text
    assert page.get_element_by_id("perspective-term").get("list") == "perspective-terms"
