"""The item pages in English and in Welsh: interface strings from the message catalogue, whole
sentences with their links passed in, and the item's own text marked with its language."""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from babel.messages.pofile import read_po

from handbook.content.model import Convening, Evidence, Organisation, Publication, Story, Term
from handbook.languages.catalogue import MESSAGES_DIR, Messages, load_catalogue, messages_for
from handbook.languages.extract import area_of, extract_messages
from handbook.linking.backlinks import HOW_LABELS, KIND_HEADINGS
from handbook.linking.citations import (
    REFERENCES_HEADING,
    back_to_citation_label,
    citation_tooltip,
    confidence_label,
)
from handbook.linking.cross_links import BACKLINKS_ID, RELATED_HEADING, RELATED_ID
from handbook.pages.template_headings import template_headings
from handbook.settings import Settings
from handbook.site import Site
from tests.support import REPO

ITEMS_PO = MESSAGES_DIR / "cy" / "items.po"
WELSH_HEADER = """msgid ""
msgstr ""
"Language: cy\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);\\n"
"X-Machine-Assisted: yes\\n"
"""
# A Welsh translation of one term, so that a Welsh page shows a translated item and untranslated ones.
CO_PRODUCTION_CY = """---
translation:
  source_date: 2026-01-01
  machine_assisted: true
title: Cydgynhyrchu
aliases: [cyd-gynhyrchu]
working_definition: Cynllunio a darparu gwasanaethau gyda'r bobl sy'n eu defnyddio, yn gyfartal.
contested_note: A yw ymgynghori yn cyfrif fel cydgynhyrchu.
---
Testun Cymraeg y term.
"""


@pytest.fixture(scope="module")
def project(
    tmp_path_factory: pytest.TempPathFactory, make_project: Callable[..., Path], git_commit: Callable[[Path, str], None]
) -> Path:
    root = make_project(tmp_path_factory.mktemp("items-language") / "project", git=False)
    (root / "glossary" / "co-production.cy.md").write_text(CO_PRODUCTION_CY, encoding="utf-8")
    git_commit(root, "Content with one Welsh translation")
    return root


@pytest.fixture(scope="module")
def sites(project: Path) -> dict[str, Site]:
    settings = Settings(languages=("cy",), template_cache=False)
    return {language: Site.build(project, settings=settings, language=language) for language in ("en", "cy")}


def render(site: Site, src_uri: str, body: str = "<p>The body.</p>", **replaced: object) -> str:
    """An item's page content as the build writes it (template and cross links), ``replaced``
    fields changed on its item."""
    source = site.source_for(src_uri)
    assert source is not None and source.item is not None, src_uri
    url = src_uri.removesuffix(".md").removesuffix("index").rstrip("/") + "/"
    if replaced:
        source = dataclasses.replace(source, item=dataclasses.replace(source.item, **replaced))  # type: ignore[type-var]  # a page source always holds an item here
    return site.render_content(source, body, url) + site.render_cross_links(source, url)


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def outside_english(html: str) -> str:
    """The page's text without what is marked lang="en" (the item's own English text)."""
    document = tree(html)
    for element in document.xpath("//*[@lang='en']"):
        element.drop_tree()
    return text(document)


def item_sources(site: Site) -> list[str]:
    return sorted(src for src, source in site.sources.items() if source.item is not None and source.generated is None)


def items_msgids() -> list[str]:
    """The msgids first written in this area (templates/items, the shared macros, cross links, linking, headings)."""
    catalog = extract_messages(REPO)
    found = []
    for message in catalog:
        if message.id and message.locations and area_of(message.locations[0][0]) == "items":
            found.append(message.id if isinstance(message.id, str) else message.id[0])
    return found


def parameters(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(re.sub(r"%\((\w+)\)[sd]", r"{\1}", message)) if name}


# -- the catalogue ---------------------------------------------------------------------------
def test_items_po_has_the_welsh_header_and_is_machine_assisted():
    text_ = ITEMS_PO.read_text(encoding="utf-8")
    assert WELSH_HEADER in text_
    assert "Machine-assisted translation, not yet reviewed by a Welsh speaker" in text_


def test_every_string_of_the_item_pages_has_a_welsh_translation_with_the_same_parameters():
    catalogue = load_catalogue("cy")
    assert catalogue.problems == []
    msgids = items_msgids()
    assert "Told by %(storytellers)s" in msgids and "References" in msgids and "cites it" in msgids
    for msgid in msgids:
        translation = catalogue.translation(msgid, None)
        assert translation is not None and translation.string, msgid
        strings = [translation.string] if isinstance(translation.string, str) else list(translation.string)
        assert all(strings), msgid
        for welsh in strings:  # a link or a value dropped from a sentence would vanish from the page
            assert parameters(welsh) == parameters(msgid), (msgid, welsh)


def test_items_po_translates_only_strings_in_use():
    with ITEMS_PO.open("rb") as stream:
        ours = read_po(stream)
    in_use = {m.id if isinstance(m.id, str) else m.id[0] for m in extract_messages(REPO) if m.id}
    assert [m.id for m in ours if m.id and m.id not in in_use] == []


# -- new-style gettext: links stay links, values are escaped ----------------------------------
@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_sentence_keeps_its_link_and_escapes_what_contributors_wrote(sites, language):
    site = sites[language]
    story = site.corpus.get("story", "heatmap-in-action")
    assert isinstance(story, Story) and story.publication is not None
    hostile = "<script>alert(1)</script> & co"
    publication = dataclasses.replace(story.publication, recorded_by=hostile)
    html = render(site, "stories/heatmap-in-action.md", publication=publication)
    document = tree(html)
    paragraph = document.xpath("//p[@class='hb-publication']")[0]
    assert not document.xpath("//script")
    assert hostile in text(paragraph)  # shown as text
    record = "https://github.com/relationships-project/handbooks/issues/7"
    assert [a.get("href") for a in paragraph.xpath("a")][:1] == [record]  # the link passed in stays a link
    assert site.renderer.env.from_string("{{ _('x %(a)s', a=v) }}").render(v="<b>") == "x &lt;b&gt;"
    rendered = site.renderer.env.from_string(
        '{% set l %}<a href="{{ u }}">{{ t }}</a>{% endset %}{{ _("%(link)s: x", link=l) }}'
    )
    assert rendered.render(u="a?b&c", t="<T>") == '<a href="a?b&amp;c">&lt;T&gt;</a>: x'


def test_the_story_publication_is_one_whole_sentence_in_each_language(sites):
    expected = {
        "en": (
            "Contributed here; the storytellers' consent was recorded by Dana Maintainer on 2024-01-05 "
            "(https://github.com/relationships-project/handbooks/issues/7).",
            "Told to and published by the Relationships Project on 2023-02-01: https://example.org/story.",
            "Told to and published by the Relationships Project: https://example.org/story.",
        ),
        "cy": (
            "Cyfrannwyd yma; cofnodwyd caniatâd yr adroddwyr gan Dana Maintainer ar 2024-01-05 "
            "(https://github.com/relationships-project/handbooks/issues/7).",
            "Adroddwyd wrth y Relationships Project a’i chyhoeddi ganddo ar 2023-02-01: https://example.org/story.",
            "Adroddwyd wrth y Relationships Project a’i chyhoeddi ganddo: https://example.org/story.",
        ),
    }
    import datetime as dt

    for language, (contributed, told_on, told) in expected.items():
        site = sites[language]
        src = "stories/heatmap-in-action.md"

        def sentence(html: str) -> str:
            return text(tree(html).xpath("//p[@class='hb-publication']")[0])

        assert sentence(render(site, src)) == contributed
        on_a_date = Publication(basis="published-by-relationships-project", page="https://example.org/story")
        dated = dataclasses.replace(on_a_date, date=dt.date(2023, 2, 1))
        page = tree(render(site, src, publication=dated))
        assert sentence(render(site, src, publication=dated)) == told_on
        assert page.xpath("//p[@class='hb-publication']/a/@href") == ["https://example.org/story"]
        assert sentence(render(site, src, publication=on_a_date)) == told


# -- English pages unchanged, Welsh pages in Welsh -------------------------------------------------
def test_english_item_pages_keep_their_english_and_carry_no_lang_attribute(sites):
    site = sites["en"]
    pages = {src: render(site, src) for src in item_sources(site)}
    for src, html in pages.items():
        assert not tree(html).xpath("//*[@lang and @lang!='cy']"), src
    term = text(tree(pages["glossary/co-production.md"]))
    assert "How this handbook uses it" in term and "Perspectives" in term and "Suggest a perspective:" in term
    assert "Contested. Whether consultation counts as co-production." in term
    assert "also: coproduction, co-produced" in term
    assert "Perspectives are quoted as given" not in term  # said only where they are not in the page's language
    story = text(tree(pages["stories/heatmap-in-action.md"]))
    heatmap = site.corpus.get("resource", "relationships-heatmap")
    assert heatmap is not None
    assert "Told by Enrol Yourself · Enrol Yourself" in story and f"Tools used: {heatmap.title}" in story
    chapter = text(tree(pages["handbooks/starter/first-steps.md"]))
    assert "· Chapter 1 of 2" in chapter
    organisation = text(tree(pages["organisations/enrol-yourself.md"]))
    assert "In its own words: Learning communities for people in transition." in organisation
    assert (
        "Self-listed by @enrol-yourself (https://github.com/relationships-project/handbooks/pull/12)." in organisation
    )
    assert "Collaborator: The Relationships Project (strong)" in organisation
    evidence = text(tree(pages["evidence/russell-1996.md"]))
    assert "Confidence 3/4:" in evidence and "Why this rating" in evidence and "About the scale." in evidence


def test_welsh_item_pages_show_no_english_interface_string_of_their_own(sites):
    site = sites["cy"]
    # Only whole strings of words are looked for: "%(link)s: how another person..." by its words.
    pieces = []
    for msgid in items_msgids():
        for piece in re.split(r"%\(\w+\)[sd]", msgid):
            piece = piece.strip(" :;,.()·")
            if len(piece) >= 4 and piece not in ("Term",):  # "Term" is Welsh too
                pieces.append(piece)
    assert "How this handbook uses it" in pieces and "Told by" in pieces
    # The sample has no Welsh vocabulary labels: those English labels are content, not ours.
    labels = sorted(
        (
            entry.title
            for vocabulary in site.corpus.vocabularies.by_name.values()
            for entry in vocabulary.entries.values()
        ),
        key=len,
        reverse=True,
    )
    for src in item_sources(site):
        shown = outside_english(render(site, src))
        for label in labels:
            shown = shown.replace(label, "")
        for piece in pieces:
            assert not re.search(rf"(?<![\w’']){re.escape(piece)}(?![\w’'])", shown), (src, piece)


def test_welsh_term_pages_mark_untranslated_text_english_and_quote_perspectives_as_given(sites):
    site = sites["cy"]
    untranslated = tree(render(site, "glossary/loneliness.md"))
    definition = untranslated.xpath("//section[@class='hb-working-definition']/p")[0]
    assert definition.get("lang") == "en" and "painful gap" in text(definition)
    assert (
        untranslated.xpath("//section[@class='hb-working-definition']/h2")[0].text
        == "Sut mae’r llawlyfr hwn yn ei ddefnyddio"
    )
    # Its related term has a Welsh translation: a link in Welsh, no lang; the body of the page is English.
    assert [(a.text, a.get("lang")) for a in untranslated.xpath("//ul[@class='hb-related-terms']//a")] == [
        ("Cydgynhyrchu", None)
    ]
    translated_page = render(site, "glossary/co-production.md")
    translated = tree(translated_page)
    definition = translated.xpath("//section[@class='hb-working-definition']/p")[0]
    assert definition.get("lang") is None and text(definition).startswith("Cynllunio a darparu")
    contested = translated.xpath("//p[@class='hb-contested']")[0]
    assert text(contested) == "Yn destun dadl. A yw ymgynghori yn cyfrif fel cydgynhyrchu." and not contested.xpath(
        ".//*[@lang]"
    )
    eyebrow = translated.xpath("//p[@class='hb-eyebrow']")[0]
    assert "hefyd: cyd-gynhyrchu, Co-production, coproduction, co-produced" in text(eyebrow)
    english_names = eyebrow.xpath("span[@lang='en']/text()")  # its English names, said to be English
    assert {"Co-production", "coproduction", "co-produced"} <= set(english_names)
    assert "cyd-gynhyrchu" not in english_names
    # Perspectives: attributed words as given, in English, with the note saying so.
    note = translated.xpath("//p[@class='hb-quoted-as-given']")[0]
    assert text(note).startswith("Dyfynnir y safbwyntiau fel y’u rhoddwyd")
    for perspective in translated.xpath("//li[contains(@class, 'hb-perspective')]"):
        definition, attribution = perspective.xpath("p")
        assert definition.get("lang") == "en" and attribution.get("lang") == "en"
        assert perspective.xpath("span[@class='hb-stance']")[0].get("lang") is None  # the page's language
    assert "Citizens contributing to the services they receive" in text(translated)
    # The links to untranslated items say they are English.
    related = translated.xpath("//ul[@class='hb-related-terms']//a")[0]
    assert (related.text, related.get("lang")) == ("Loneliness", "en")


def test_welsh_pages_mark_english_only_fields_and_untranslated_titles(sites):
    site = sites["cy"]
    organisation = tree(render(site, "organisations/enrol-yourself.md"))
    own_words = organisation.xpath("//p[@class='hb-summary']")[0]
    assert text(own_words) == "Yn ei eiriau ei hun: Learning communities for people in transition."
    assert own_words.xpath("span/@lang") == ["en"]
    listing = text(organisation.xpath("//p[@class='hb-listing']")[0])
    assert listing.startswith("Rhestrwyd gan y sefydliad ei hun, drwy @enrol-yourself (https://")
    assert organisation.xpath("//h2[@id='fellow-travellers']")[0].text == "Cyd-deithwyr"
    evidence = tree(render(site, "evidence/russell-1996.md"))
    assert evidence.xpath("//cite/@lang") == ["en"]  # its title, untranslated
    assert evidence.xpath("//section[@class='hb-rationale']/p[1]/@lang") == ["en"]  # the rationale is never translated
    assert "Hyder 3/4:" in text(evidence) and "Am y raddfa." in text(evidence)
    chapter = tree(render(site, "handbooks/starter/first-steps.md"))
    eyebrow = chapter.xpath("//p[@class='hb-eyebrow']")[0]
    assert text(eyebrow).endswith("· Pennod 1 o 2")
    convening = tree(render(site, "convenings/measuring-relationships-2021.md"))
    assert convening.xpath("//button/span")[0].text == "Ychwanegu at fy achos"


def test_vocabulary_labels_left_in_english_are_marked_on_welsh_pages_only(sites):
    """The sample has no docs/vocabularies.cy.yml: every label is English, said so on Welsh pages."""
    group = sites["en"].corpus.vocabularies.term_groups.title("the-cost")
    welsh = tree(render(sites["cy"], "glossary/loneliness.md"))
    assert welsh.xpath("//p[@class='hb-eyebrow']/span[@lang='en']/text()") == [group]
    stances = welsh.xpath("//span[@class='hb-stance']/span[@lang='en']/text()")
    assert stances == [sites["en"].corpus.vocabularies.perspective_stances.title("origin")]
    english = tree(render(sites["en"], "glossary/loneliness.md"))
    assert text(english.xpath("//p[@class='hb-eyebrow']")[0]) == group and not english.xpath("//*[@lang]")


def test_backlinks_and_related_lists_speak_the_pages_language(sites):
    english = tree(render(sites["en"], "glossary/loneliness.md"))
    welsh = tree(render(sites["cy"], "glossary/loneliness.md"))
    assert english.xpath(f"//h2[@id='{BACKLINKS_ID}']")[0].text == "Where it is used"
    assert english.xpath("//span[@class='hb-how']")[0].text == "(lists it as a related term)"
    assert english.xpath(f"//h2[@id='{RELATED_ID}']")[0].text == "Related"
    assert welsh.xpath(f"//h2[@id='{RELATED_ID}']")[0].text == "Cysylltiedig"
    assert welsh.xpath("//span[@class='hb-how']")[0].text == "(yn ei restru fel term cysylltiedig)"
    assert welsh.xpath(f"//h2[@id='{BACKLINKS_ID}']")[0].text == messages_for("cy").gettext("Where it is used")


# -- a term's Welsh names on its English page ------------------------------------------------------
def test_an_english_term_page_gives_its_welsh_names_for_search(sites):
    english = tree(render(sites["en"], "glossary/co-production.md"))
    names = english.xpath("//p[@class='hb-other-names']")
    assert len(names) == 1 and text(names[0]).startswith("In Welsh: ")
    assert "cyd-gynhyrchu" in names[0].xpath("span[@lang='cy']/text()")
    assert not tree(render(sites["en"], "glossary/loneliness.md")).xpath("//p[@class='hb-other-names']")
    assert not tree(render(sites["cy"], "glossary/co-production.md")).xpath("//p[@class='hb-other-names']")


def test_without_the_language_globals_the_templates_still_render(sites):
    """Templates guard content_lang and other_names with `is defined` (a build before the language pass)."""
    site = sites["en"]
    env = site.renderer.env
    saved = {name: env.globals.pop(name) for name in ("content_lang", "other_names") if name in env.globals}
    try:
        html = render(site, "glossary/co-production.md")
    finally:
        env.globals.update(saved)
    assert "How this handbook uses it" in html and "hb-other-names" not in html and " lang=" not in html


# -- headings: translated, ids the same ------------------------------------------------------------
def test_template_headings_are_translated_and_keep_their_ids(sites):
    welsh = messages_for("cy")
    for src in item_sources(sites["en"]):
        item = sites["en"].source_for(src).item
        english = template_headings(item)
        translated = template_headings(item, welsh)
        assert [[h.id for h in part] for part in translated] == [[h.id for h in part] for part in english]
        for before, after in zip(english, translated, strict=True):
            for heading_en, heading_cy in zip(before, after, strict=True):
                assert heading_cy.title == welsh.gettext(heading_en.title) != heading_en.title
    term = sites["cy"].corpus.get("term", "co-production")
    assert [h.title for h in template_headings(term, welsh)[0]] == [
        "Sut mae’r llawlyfr hwn yn ei ddefnyddio",
        "Safbwyntiau",
    ]


def test_the_pages_headings_match_what_the_table_of_contents_is_told(sites):
    """Each heading the template writes is on the page, with the same id and the same words, in each language."""
    for language, site in sites.items():
        messages = site.messages
        for src in item_sources(site):
            item = site.source_for(src).item
            page = tree(render(site, src))
            written = {h.get("id"): text(h) for h in page.xpath("//h2[@id]")}
            before, after = template_headings(item, messages)
            for heading in [*before, *after, *site.cross_links().headings(item, messages)]:
                assert written.get(heading.id) == heading.title, (language, src, heading)


def test_cross_link_headings_and_labels_are_marked_for_translation():
    welsh = messages_for("cy")
    for label in [*HOW_LABELS.values(), KIND_HEADINGS["page"], RELATED_HEADING, REFERENCES_HEADING]:
        assert welsh.gettext(label) != label, label


# -- the reference list's words ---------------------------------------------------------------------
def test_reference_list_words_in_each_language(sites):
    evidence = sites["en"].corpus.get("evidence", "russell-1996")
    assert isinstance(evidence, Evidence)
    vocabularies = sites["en"].corpus.vocabularies
    level = vocabularies.confidence_levels.title(3)
    assert confidence_label(evidence, vocabularies) == f"Confidence 3/4: {level}"
    assert confidence_label(evidence, vocabularies, messages_for("cy")) == f"Hyder 3/4: {level}"
    assert citation_tooltip(evidence, vocabularies, Messages()).endswith(f". Confidence 3/4: {level}")
    assert back_to_citation_label(2) == "Back to citation 2 in the text"
    assert back_to_citation_label(2, messages_for("cy")) == "Yn ôl at ddyfyniad 2 yn y testun"
    assert messages_for("cy").gettext(REFERENCES_HEADING) == "Cyfeiriadau"


def test_kinds_under_test_are_the_ones_rendered(sites):
    """Every kind with a template of its own is rendered by the tests above (a new kind is noticed)."""
    kinds_seen = {sites["en"].source_for(src).item.kind for src in item_sources(sites["en"])}
    assert {Term.kind, Evidence.kind, Story.kind, Convening.kind, Organisation.kind} <= kinds_seen
