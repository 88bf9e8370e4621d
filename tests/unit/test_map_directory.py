"""The Relationships Map's directory: every organisation once, grouped by place under the
anchors the map's clusters link to, its facets as data attributes, filters offering only
values in use, and every content string escaped."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from handbook.content.corpus import Corpus
from handbook.content.model import Connection, Listing, Organisation, OrganisationPlace
from handbook.content.vocabulary import Vocabularies, load_vocabularies
from handbook.pages.render import Renderer
from handbook.relationships_map.directory import (
    NO_PLACE_ANCHOR,
    ONLINE_ANCHOR,
    OUTSIDE_UK_ANCHOR,
    UK_WIDE_ANCHOR,
    build_directory,
    entry_nations,
    matches_nation,
    place_anchor,
)
from handbook.relationships_map.pages import ADD_ANCHOR, ORGANISATION_TEMPLATE, add_links, map_page
from tests.support import REPO, SAMPLE

PUBLIC = Listing(basis="public-source", source="https://example.org/about")


@pytest.fixture(scope="module")
def vocab() -> Vocabularies:
    problems: list = []
    vocabularies = load_vocabularies(SAMPLE, problems)
    assert not problems
    return vocabularies


def org(org_id: str, title: str | None = None, **fields) -> Organisation:
    fields.setdefault("listing", PUBLIC)
    fields.setdefault("nations", ["england"])
    return Organisation(id=org_id, path=f"docs/organisations/{org_id}.md", title=title or org_id.title(), **fields)


def place(name: str, lat: float | None = None, lon: float | None = None, nation: str | None = None):
    source = "https://example.org/where" if lat is not None else None
    return OrganisationPlace(name=name, lat=lat, lon=lon, source=source, nation=nation)


SWANSEA = place("Swansea", 51.62, -3.94, "wales")
CARDIFF = place("Cardiff", 51.48, -3.18, "wales")
LEEDS = place("Leeds", 53.8, -1.55, "england")
DUBLIN = place("Dublin", 53.35, -6.26)


def sample(vocab: Vocabularies) -> list[Organisation]:
    return [
        org("swansea-council", "Swansea Council", org_type="council", nations=["wales"], places=[SWANSEA]),
        org(
            "two-cities",
            "Two Cities Trust",
            org_type="charity",
            nations=["wales", "england"],
            places=[CARDIFF, LEEDS, SWANSEA],
            themes=["loneliness"],
            connections=[Connection(target="swansea-council", type="partner")],
        ),
        org("everywhere", "Everywhere Network", org_type="network", nations=["uk-wide"], places=[place("UK-wide")]),
        org("online-only", "Online Only", nations=["uk-wide"], places=[place("online")]),
        org("dublin-lab", "Dublin Lab", nations=["international"], places=[DUBLIN]),
        org("nowhere-yet", "Nowhere Yet", nations=["scotland"]),
        org("unlisted", "Unlisted", listing=None),  # no listing basis: not listed anywhere
    ]


def test_place_anchors_are_stable_and_keep_nations_apart():
    assert place_anchor(SWANSEA) == "place-swansea-wales"
    assert place_anchor(place("Newport", 51.58, -3.0, "wales")) != place_anchor(place("Newport", 50.7, -1.3, "england"))
    assert place_anchor(place("UK-wide")) == UK_WIDE_ANCHOR
    assert place_anchor(place("online")) == ONLINE_ANCHOR
    assert place_anchor(DUBLIN) == "place-dublin"
    assert place_anchor(place("Ynys Môn", 53.3, -4.3, "wales")) == "place-ynys-mon-wales"
    unspellable = place_anchor(place("東京", 35.7, 139.7))
    assert unspellable.startswith("place-") and unspellable == place_anchor(place("東京", 35.7, 139.7))


def test_every_listed_organisation_is_described_once(vocab):
    directory = build_directory(sample(vocab), vocab)
    described = Counter(entry.id for region in directory.regions for g in region.places for entry in g.entries)
    listed = {o.id for o in sample(vocab) if o.listing is not None}
    assert set(described) == listed and set(described.values()) == {1}
    titles = {o.id: o.title.casefold() for o in sample(vocab)}
    assert [entry.id for entry in directory.entries] == sorted(listed, key=titles.__getitem__)


def test_groups_follow_places_with_cross_references(vocab):
    directory = build_directory(sample(vocab), vocab)
    regions = {region.anchor: region for region in directory.regions}
    assert list(regions) == [
        "directory-england",
        "directory-wales",
        UK_WIDE_ANCHOR,
        ONLINE_ANCHOR,
        OUTSIDE_UK_ANCHOR,
        NO_PLACE_ANCHOR,
    ]  # nations in vocabulary order (none here in Scotland or Northern Ireland), then the rest
    wales = {g.anchor: g for g in regions["directory-wales"].places}
    assert list(wales) == ["place-cardiff-wales", "place-swansea-wales"]  # by name
    assert [e.id for e in wales["place-cardiff-wales"].entries] == ["two-cities"]  # its first place
    assert [e.id for e in wales["place-swansea-wales"].entries] == ["swansea-council"]
    assert [e.id for e in wales["place-swansea-wales"].also] == ["two-cities"]
    assert [e.id for e in regions["directory-england"].places[0].also] == ["two-cities"]
    assert regions[UK_WIDE_ANCHOR].flat and regions[NO_PLACE_ANCHOR].flat
    assert [g.anchor for g in regions[OUTSIDE_UK_ANCHOR].places] == ["place-dublin"]
    assert [e.id for e in regions[NO_PLACE_ANCHOR].places[0].entries] == ["nowhere-yet"]


def test_every_place_of_every_organisation_has_its_group(vocab):
    directory = build_directory(sample(vocab), vocab)
    anchors = {g.anchor for region in directory.regions for g in region.places}
    for o in sample(vocab):
        if o.listing is not None:
            assert {place_anchor(p) for p in o.places} <= anchors


def test_nations_include_where_the_places_are(vocab):
    assert entry_nations(org("a", nations=["uk-wide"], places=[SWANSEA, DUBLIN]), vocab) == [
        "wales",
        "uk-wide",
        "international",
    ]
    assert entry_nations(org("b", nations=["england"], places=[place("UK-wide")]), vocab) == ["england", "uk-wide"]


def test_a_nation_shows_its_own_and_the_uk_wide():
    assert matches_nation(["wales"], "wales") and matches_nation(["uk-wide"], "wales")
    assert not matches_nation(["england"], "wales")
    assert matches_nation(["uk-wide"], "uk-wide") and not matches_nation(["wales"], "uk-wide")
    assert not matches_nation(["uk-wide"], "international")


def test_facets_offer_only_values_in_use_with_the_counts_they_show(vocab):
    directory = build_directory(sample(vocab), vocab)
    facets = {facet.param: {o.value: o.count for o in facet.options} for facet in directory.facets}
    # Scotland: "nowhere-yet" names it; Northern Ireland nobody.
    assert list(facets["nation"]) == ["england", "scotland", "wales", "uk-wide", "international"]
    uk_wide = sum(1 for e in directory.entries if "uk-wide" in e.nations)
    assert facets["nation"]["wales"] == 2 + uk_wide
    assert facets["nation"]["international"] == 1
    assert facets["type"] == {"charity": 1, "council": 1, "network": 1}
    assert facets["theme"] == {"loneliness": 1}
    assert facets["connection"] == {"partner": 2}  # both sides of the one partnership


def test_connections_are_listed_on_both_sides(vocab):
    entries = {e.id: e for e in build_directory(sample(vocab), vocab).entries}
    [outgoing] = entries["two-cities"].connections
    [incoming] = entries["swansea-council"].connections
    assert (outgoing.other, outgoing.outgoing) == ("swansea-council", True)
    assert (incoming.other, incoming.outgoing) == ("two-cities", False)


# -- the page, rendered -------------------------------------------------------------------


def by_class(tree, tag: str, name: str) -> list:
    return [el for el in tree.iter(tag) if name in (el.get("class") or "").split()]


def render_map(vocab: Vocabularies, organisations: list[Organisation], repo_url: str | None = None):
    corpus = Corpus(root=SAMPLE, vocabularies=vocab)
    for o in organisations:
        corpus.add(o)
    page = map_page(corpus)
    renderer = Renderer(Path("/nonexistent"), template_cache=False)
    renderer.env.globals.update(vocab=vocab, corpus=corpus, repo_url=repo_url)

    def href(target, fragment: str = "") -> str:
        url = target if isinstance(target, str) else f"{target.kind}s/{target.id}/"
        return "../" + url + (f"#{fragment}" if fragment else "")

    html = renderer.render(
        page.template,
        page=page,
        body="",
        href=href,
        get=corpus.get,
        page_url="map/",
        is_draft=lambda item: False,
        **page.context,
    )
    return lxml_html.fragment_fromstring(html, create_parent="div")


def test_entries_carry_their_facets_as_data_attributes(vocab):
    tree = render_map(vocab, sample(vocab))
    entries = {li.get("data-org"): li for li in by_class(tree, "li", "hb-directory__entry")}
    assert sorted(entries) == sorted(o.id for o in sample(vocab) if o.listing is not None)
    two = entries["two-cities"]
    assert two.get("id") == "org-two-cities"
    assert two.get("data-nations") == "england wales"
    assert (two.get("data-type"), two.get("data-themes"), two.get("data-connections")) == (
        "charity",
        "loneliness",
        "partner",
    )
    also = by_class(tree, "li", "hb-directory__also")
    assert sorted(li.get("data-org") for li in also) == ["two-cities", "two-cities"]
    assert all(next(li.iter("a")).get("href") == "#org-two-cities" for li in also)
    # Every anchor a cluster may link to is a heading on the page.
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    assert {"place-swansea-wales", "place-cardiff-wales", "place-leeds-england", "place-dublin"} <= ids
    assert {UK_WIDE_ANCHOR, ONLINE_ANCHOR, OUTSIDE_UK_ANCHOR, NO_PLACE_ANCHOR, ADD_ANCHOR} <= ids


def test_the_filter_form_is_hidden_until_the_script_and_names_its_options(vocab):
    tree = render_map(vocab, sample(vocab))
    [form] = [f for f in tree.iter("form") if f.get("data-hb-map-form") is not None]
    assert form.get("hidden") is not None
    selects = {s.get("name"): s for s in form.iter("select")}
    assert list(selects) == ["nation", "type", "theme", "connection"]
    for select in selects.values():  # each select has a visible label around it
        assert select.getparent().tag == "label" and select.getparent().text_content().strip()
    nation_options = {o.get("value"): o.get("data-also") for o in selects["nation"].iter("option")}
    assert nation_options["wales"] == "uk-wide" and nation_options["uk-wide"] is None
    assert [p for p in form.iter("p") if (p.get("role"), p.get("aria-live")) == ("status", "polite")]


def test_add_path_links_to_the_repository(vocab):
    tree = render_map(vocab, sample(vocab), repo_url="https://github.com/example/handbooks")
    links = [a.get("href") for a in tree.iter("a")]
    links_given = add_links("https://github.com/example/handbooks")
    assert links_given is not None
    for link in (links_given.form, links_given.suggestion, links_given.template, links_given.new_file):
        assert link in links
    assert links_given.form == "https://github.com/example/handbooks/issues/new?template=add-organisation.yml"
    # The form and the template the links name are files of this repository.
    assert (REPO / ".github" / "ISSUE_TEMPLATE" / "add-organisation.yml").is_file()
    assert (REPO / ORGANISATION_TEMPLATE).is_file()
    assert links_given.suggestion.startswith("https://github.com/example/handbooks/issues/new?title=")
    assert "handbook new organisation" in tree.text_content()
    # Without a repository the steps are still there, with no link to nowhere.
    bare = render_map(vocab, sample(vocab))
    assert not [a for a in bare.iter("a") if "github.com" in (a.get("href") or "")]
    assert "handbook new organisation" in bare.text_content()


def test_hostile_strings_are_escaped(vocab):
    hostile = '<img src=x onerror="alert(1)">'
    tree = render_map(
        vocab,
        [
            org(
                "hostile",
                f"Hostile {hostile}",
                summary=f"Summary {hostile}",
                places=[
                    OrganisationPlace(name=f"Town {hostile}", lat=51.5, lon=-0.1, source="https://e.org/?a=1&b=<x>")
                ],
                listing=Listing(basis="self-listed", by=f"@me {hostile}", record="https://e.org/pr/1"),
            )
        ],
    )
    assert not list(tree.iter("img")) and not [el for el in tree.iter() if el.get("onerror") is not None]
    text = tree.text_content()
    assert f"Hostile {hostile}" in text and f"Town {hostile}" in text and f"@me {hostile}" in text
    assert "https://e.org/?a=1&b=<x>" in [a.get("href") for a in tree.iter("a")]


def test_the_offline_copy_points_the_pictures_links_at_files():
    """The HTML5 parser reads an inline SVG's links in the SVG namespace: they are rewritten too."""
    from handbook.outputs.offline_links import rewrite_for_files

    html = (
        '<p>A<br>b</p><svg class="hb-map__svg" viewBox="0 0 10 10"><a class="hb-map__marker"'
        ' href="../organisations/one/" data-org="one"><circle cx="1" cy="1" r="1"/></a>'
        '<a class="hb-map__cluster" href="#place-swansea-wales"><circle cx="2" cy="2" r="1"/></a></svg>'
    )
    rewritten = rewrite_for_files(html, "map/", {"organisations/one/": "organisations/one.html"})
    assert 'href="../organisations/one.html"' in rewritten and 'href="#place-swansea-wales"' in rewritten
    assert 'viewBox="0 0 10 10"' in rewritten


def test_same_organisations_in_any_order_give_the_same_bytes(vocab):
    from lxml import etree

    organisations = sample(vocab)
    first = etree.tostring(render_map(vocab, organisations))
    again = etree.tostring(render_map(vocab, list(reversed(organisations))))
    assert first == again
