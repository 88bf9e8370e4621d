"""The map, the network, the case maker and the forms in the reader's language: Python that
writes sentences takes the reader's Messages, the templates translate the N_ words they are
given, and the scripts' strings blocks carry a plural form for each category the page's
language uses."""

from __future__ import annotations

import json

import lxml.html
import pytest
from babel import Locale

from handbook.content.model import Listing, Organisation, OrganisationPlace
from handbook.content.vocabulary import load_vocabularies
from handbook.geography.boundaries import load_boundaries
from handbook.languages.catalogue import Messages, install, messages_for
from handbook.pages.render import make_environment
from handbook.relationships_map.directory import NO_PLACE_TITLE, build_directory
from handbook.relationships_map.drawing import draw_map
from handbook.relationships_map.fellow_travellers import fellow_travellers, lower_first
from tests.support import SAMPLE

# The numbers the strings blocks render each CLDR plural category with (map/js_strings.html
# and overrides/partials/hb-strings.html, where "other" comes first).
SAMPLES = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 6, "other": 5}


@pytest.fixture(scope="module")
def vocab():
    problems: list = []
    vocabularies = load_vocabularies(SAMPLE, problems)
    assert not problems
    return vocabularies


@pytest.fixture(scope="module")
def cy() -> Messages:
    return messages_for("cy")


def swansea(name: str = "Swansea") -> OrganisationPlace:
    return OrganisationPlace(name=name, lat=51.621, lon=-3.944, source="https://example.org", nation="wales")


def org(org_id: str, *places: OrganisationPlace, themes=(), nations=()) -> Organisation:
    return Organisation(
        id=org_id,
        path=f"docs/organisations/{org_id}.md",
        title=org_id.title(),
        themes=list(themes),
        nations=list(nations),
        places=list(places),
        listing=Listing(basis="public-source", source="https://example.org/about"),
    )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_each_sample_number_is_in_its_own_plural_category(language):
    """Intl.PluralRules (CLDR, here through Babel) puts each sample in the category it stands
    for, and the catalogue's Plural-Forms gives each category's sample its own form."""
    rules = Locale.parse(language).plural_form
    for category, number in SAMPLES.items():
        if category in rules.tags or category == "other":
            assert rules(number) == category, (language, category, number)


def test_welsh_has_six_categories_and_the_catalogue_a_form_for_each(cy):
    assert Locale.parse("cy").plural_form.tags | {"other"} == set(SAMPLES)
    forms = [
        cy.translations.ngettext("%(places)s and %(num)d more place", "%(places)s and %(num)d more places", n)
        for n in SAMPLES.values()
    ]
    assert len(set(forms)) >= 3  # "a 2 le arall" (two), "ac 1 lle arall" (one), "a 5 lle arall"...


def test_fellow_travellers_explain_in_the_readers_language(vocab, cy):
    me = org("me", swansea(), themes=["loneliness"], nations=["wales"])
    other = org("other", swansea(), themes=["loneliness"], nations=["wales"])
    english = fellow_travellers([me, other], [], vocab)["me"][0].explanation
    welsh = fellow_travellers([me, other], [], vocab, messages=cy)["me"][0].explanation
    theme = lower_first(vocab.themes.title("loneliness"))
    assert english == f"also works on {theme} in Swansea"
    assert welsh == cy.gettext(
        "also works %(what)s %(where)s",
        what=cy.gettext("on %(themes)s", themes=theme),
        where=cy.gettext("in %(places)s", places="Swansea"),
    )
    assert welsh.startswith("hefyd yn gweithio") and "also" not in welsh


def test_the_map_s_words_follow_the_messages(vocab, cy):
    orgs = [org("a", swansea()), org("b", swansea()), org("c"), org("d", OrganisationPlace(name="UK-wide"))]
    english = draw_map(orgs, load_boundaries(), vocab, lambda o: f"../{o.id}/")
    welsh = draw_map(orgs, load_boundaries(), vocab, lambda o: f"../{o.id}/", cy)
    assert english.title.startswith("Map of the organisations")
    assert welsh.title == cy.gettext(
        "Map of the organisations in the directory, across England, Scotland, Wales and Northern Ireland"
    )
    assert welsh.title != english.title and welsh.description != english.description
    assert welsh.description.startswith("4 sefydliad: 2 wedi’u marcio mewn 1 lle")
    (cluster,) = welsh.clusters
    assert english.cluster_title(cluster) == "2 organisations in Swansea: see the list"
    assert welsh.cluster_title(cluster) == "2 sefydliad yn Swansea: gweler y rhestr"
    labels = {nation.id: nation.label.lines for nation in welsh.nations if nation.label}
    assert labels["wales"] == ("Cymru",) and labels["northern-ireland"] == ("Gogledd", "Iwerddon")
    inset = {marker.org_id: welsh.marker_title(marker) for marker in welsh.inset.markers}
    assert inset == {"c": "C (lle heb ei gofnodi)", "d": "D (Ledled y DU)"}
    assert (english.markers, english.clusters, english.size) == (
        welsh.markers,
        welsh.clusters,
        welsh.size,
    )  # one picture


def test_the_directory_marks_its_interface_titles(vocab):
    directory = build_directory([org("a", swansea()), org("b")], vocab)
    titles = {region.title: region.interface for region in directory.regions}
    assert titles[NO_PLACE_TITLE] is True
    assert any(not interface for title, interface in titles.items() if title != NO_PLACE_TITLE)
    places = {group.title: group.interface for region in directory.regions for group in region.places}
    assert places == {"Swansea": False, NO_PLACE_TITLE: True}


def render(tmp_path, messages: Messages, source: str, **context) -> str:
    env = make_environment(tmp_path, template_cache=False)
    install(env, messages)
    return env.from_string(source).render(**context)


def test_the_strings_blocks_hold_a_form_per_category(tmp_path, cy):
    source = (
        '{% from "map/js_strings.html" import plural_samples %}{% set forms = {} %}'
        "{% for category, n in plural_samples %}{% set _x = forms.update({category: "
        'ngettext("%(num)s organisation shown, of %(all)s.", "%(num)s organisations shown, of %(all)s.", n, '
        'num="%(num)s", all="%(all)s")}) %}{% endfor %}{{ forms | tojson }}'
    )
    english = json.loads(render(tmp_path, Messages(), source))
    assert english["one"] == "%(num)s organisation shown, of %(all)s."
    assert english["other"] == "%(num)s organisations shown, of %(all)s."
    welsh = json.loads(render(tmp_path, cy, source))
    assert set(welsh) == set(SAMPLES)
    assert all("%(num)s" in form and "%(all)s" in form and "organisation" not in form for form in welsh.values())


def test_a_form_s_borrowed_english_words_are_marked_on_a_welsh_page(tmp_path, cy):
    from handbook.contributions.forms import FormField

    source = '{% from "contribute/fields.html" import field %}{{ field(form, f) }}'
    form = type("Form", (), {"id": "story"})()
    borrowed = FormField("title", "Title", "A short title.", "text", True)
    ours = FormField("place.town", "Town or city", "Leave these empty.", "text", False, label_interface=True)
    welsh = lxml.html.fromstring(render(tmp_path, cy, source, form=form, f=borrowed))
    assert welsh.xpath("//label/span[@lang='en']/text()") == ["Title"]
    assert welsh.xpath("//*[@class='hb-suggest__required']/text()") == [cy.gettext("(required)")]
    assert welsh.xpath("//div[@class='hb-suggest__hint']/p[@lang='en']/text()") == ["A short title."]
    english = lxml.html.fromstring(render(tmp_path, Messages(), source, form=form, f=borrowed))
    assert not english.xpath("//*[@lang]") and english.xpath("//label")[0].text_content() == "Title (required)"
    translated = lxml.html.fromstring(render(tmp_path, cy, source, form=form, f=ours))
    assert translated.xpath("//label")[0].text_content() == cy.gettext("Town or city")
    assert not translated.xpath("//label//*[@lang]")


def test_a_story_s_publication_basis_in_the_case_data_is_in_the_readers_language(cy):
    from handbook.case_maker.data import publication_basis
    from handbook.content.model import Publication

    contributed = Publication(
        basis="contributed", recorded_by="A Maintainer", date="2026-05-03", record="https://e.org/1"
    )
    assert publication_basis(contributed) == (
        "Contributed here; the storytellers' consent was recorded by A Maintainer on 2026-05-03.",
        "https://e.org/1",
    )
    welsh, link = publication_basis(contributed, cy)
    assert link == "https://e.org/1"
    assert welsh == "Cyfrannwyd yma; cofnodwyd cydsyniad yr adroddwyr gan A Maintainer ar 2026-05-03."


def test_the_pages_titles_and_summaries_follow_the_messages(cy):
    from handbook.case_maker.page import case_maker_page
    from handbook.contributions.suggest_page import suggest_page
    from handbook.relationships_map.network_page import network_page
    from handbook.relationships_map.pages import map_page

    corpus = load_corpus_for_tests()
    for make in (map_page, network_page, suggest_page, case_maker_page):
        english, welsh = make(corpus), make(corpus, cy)
        assert welsh.title == cy.gettext(english.title) != english.title, make
        assert welsh.summary == cy.gettext(english.summary) != english.summary, make
        assert welsh.src_uri == english.src_uri and welsh.template == english.template


def load_corpus_for_tests():
    from handbook.content.corpus import load_corpus

    result = load_corpus(SAMPLE)
    assert not result.problems
    return result.corpus


# The build's own messages to contributors, which hb-suggest.js writes as `handbook check`
# does, in English (shown in lang="en" on a page in another language).
CONTRIBUTOR_MESSAGES = {
    "is required but missing",
    "' is not a term in the glossary",
    "the name or id of an existing term (a new term has its own form)",
    "expected ",
    "did you mean ",
}
# Words in the scripts that are no interface text: a key's name, a licence's name, a selector.
NOT_TEXT = {"use strict", "Escape", "CC BY 4.0", "file:", "input, select, textarea"}


@pytest.mark.parametrize(
    "script", ["hb-map.js", "hb-case-store.js", "hb-case-maker.js", "hb-explorer.js", "hb-suggest.js"]
)
def test_the_scripts_hold_no_english_interface_text(script):
    """Every string literal (outside comments) with a word beside a space or punctuation, or a
    capitalised word alone ("Undo"), is markup, a selector, an address or a contributor's
    message: the words readers see come from the page."""
    import re

    from tests.support import REPO

    source = (REPO / "overrides" / "assets" / "javascripts" / script).read_text(encoding="utf-8")
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    source = re.sub(r"(?m)(^|\s)//\s.*$", "", source)
    found = []
    for match in re.finditer(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'', source):
        text = match.group(1) or match.group(2) or ""
        if text in NOT_TEXT or text in CONTRIBUTOR_MESSAGES:
            continue
        if re.search(
            r"[<#=_/\[]|--|\bhb-|\bmd-|^[.:]|^\w+\.(html|md|js)$", text
        ):  # markup, a selector, a class list, a file
            continue
        sentence = re.search(r"[A-Za-z]{2,}[ ,.:;!?]|[ ,.:;!?][A-Za-z]{2,}", text)
        if sentence or re.fullmatch(r"[A-Z][a-z]+[.!]?", text):
            found.append(text)
    assert not found, f"{script} holds interface text: {found}"
