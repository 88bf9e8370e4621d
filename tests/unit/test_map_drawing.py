"""The Relationships Map's picture (relationships_map/drawing.py and templates/map/drawing.html):
every organisation drawn once, as a marker, a cluster member or in the inset; close markers
merged and distant ones not; the same bytes whatever order the content comes in; and the
SVG well-formed, linked as the filter script expects and escaping every content string."""

from __future__ import annotations

import gzip
import math
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from handbook.content.model import Listing, Organisation, OrganisationPlace
from handbook.content.vocabulary import Vocabularies, load_vocabularies
from handbook.geography.boundaries import Boundaries, load_boundaries
from handbook.languages.catalogue import Messages
from handbook.pages.render import Renderer
from handbook.relationships_map.directory import (
    NO_PLACE_ANCHOR,
    ONLINE_ANCHOR,
    OUTSIDE_UK_ANCHOR,
    UK_WIDE_ANCHOR,
    place_anchor,
)
from handbook.relationships_map.drawing import CLUSTER_RADIUS, MapDrawing, draw_map, path_data
from tests.support import SAMPLE

PUBLIC = Listing(basis="public-source", source="https://example.org/about")


@pytest.fixture(scope="module")
def boundaries() -> Boundaries:
    return load_boundaries()


@pytest.fixture(scope="module")
def vocab() -> Vocabularies:
    problems: list = []
    vocabularies = load_vocabularies(SAMPLE, problems)
    assert not problems
    return vocabularies


def org(org_id: str, *places: OrganisationPlace, title: str | None = None) -> Organisation:
    return Organisation(
        id=org_id,
        path=f"docs/organisations/{org_id}.md",
        title=title or org_id.replace("-", " ").title(),
        listing=PUBLIC,
        places=list(places),
    )


def at(name: str, lat: float, lon: float, nation: str | None = None) -> OrganisationPlace:
    return OrganisationPlace(name=name, lat=lat, lon=lon, source="https://example.org/where", nation=nation)


UK_WIDE = OrganisationPlace(name="UK-wide")
ONLINE = OrganisationPlace(name="online")
SWANSEA = at("Swansea", 51.621, -3.944, "wales")
SKETTY = at("Sketty", 51.6167, -3.9833, "wales")  # a suburb of Swansea, about 3 km west
CARDIFF = at("Cardiff", 51.4816, -3.1791, "wales")
GLASGOW = at("Glasgow", 55.8642, -4.2518, "scotland")
BELFAST = at("Belfast", 54.5973, -5.9301, "northern-ireland")
DUBLIN = at("Dublin", 53.3498, -6.2603)
MALIBU = at("Malibu", 34.0259, -118.7798)


def href(o: Organisation) -> str:
    return f"../organisations/{o.id}/"


def draw(orgs: list[Organisation], boundaries: Boundaries, vocab: Vocabularies) -> MapDrawing:
    return draw_map(orgs, boundaries, vocab, href)


def render(drawing: MapDrawing) -> str:
    return Renderer(SAMPLE, template_cache=False).render("map/drawing.html", drawing=drawing)


def appearances(drawing: MapDrawing) -> Counter[str]:
    """How often each organisation is drawn: as a marker, a cluster member, in the inset."""
    seen = Counter(m.org_id for m in drawing.markers)
    seen.update(member for c in drawing.clusters for member in c.members)
    seen.update(m.org_id for m in drawing.inset.markers)
    return seen


def corpus_like(n: int, seed: int = 5) -> list[Organisation]:
    """n organisations at towns across the islands, some sharing a town, some with several
    places, some UK-wide, online, abroad or with no place."""
    rng = random.Random(seed)
    towns = [SWANSEA, SKETTY, CARDIFF, GLASGOW, BELFAST, DUBLIN]
    towns += [at(f"Town {i}", rng.uniform(50.5, 58.0), rng.uniform(-5.5, 1.0)) for i in range(40)]
    orgs = []
    for i in range(n):
        kind = rng.random()
        if kind < 0.1:
            places: list[OrganisationPlace] = [rng.choice([UK_WIDE, ONLINE, MALIBU])]
        elif kind < 0.15:
            places = []
        else:
            places = rng.sample(towns, rng.choice([1, 1, 1, 2]))
        orgs.append(org(f"org-{i:03d}", *places))
    return orgs


# --- who is drawn where --------------------------------------------------------------------


def test_every_organisation_is_drawn_once_per_place_or_once_in_the_inset(boundaries, vocab):
    orgs = corpus_like(120)
    drawing = draw(orgs, boundaries, vocab)
    seen = appearances(drawing)
    assert set(seen) == {o.id for o in orgs}
    inset = {m.org_id for m in drawing.inset.markers}
    for o in orgs:
        on_map = [p for p in o.places if p.located and p is not MALIBU]
        if on_map:
            assert o.id not in inset
            assert 1 <= seen[o.id] <= len(on_map), o  # close places of one organisation share a mark
        else:
            assert seen[o.id] == 1 and o.id in inset, o


def test_close_markers_merge_and_distant_ones_do_not(boundaries, vocab):
    orgs = [org("a", SWANSEA), org("b", SKETTY), org("c", CARDIFF), org("d", GLASGOW)]
    drawing = draw(orgs, boundaries, vocab)
    assert [c.members for c in drawing.clusters] == [("a", "b")]
    assert sorted(m.org_id for m in drawing.markers) == ["c", "d"]
    cluster = drawing.clusters[0]
    assert cluster.count == 2
    assert cluster.anchor in {place_anchor(SWANSEA), place_anchor(SKETTY)}
    swansea = next(m for m in draw([org("a", SWANSEA)], boundaries, vocab).markers)
    assert math.dist((cluster.x, cluster.y), (swansea.x, swansea.y)) < CLUSTER_RADIUS


@pytest.mark.parametrize("n", [40, 300, 1000])
def test_no_two_marks_on_the_map_overlap(boundaries, vocab, n: int):
    """A cluster's circle is bigger than a marker and sits at the middle of its members: a
    marker it would cover joins it."""
    drawing = draw(corpus_like(n, seed=n), boundaries, vocab)
    circles = [(m.x, m.y, drawing.marker_radius) for m in drawing.markers]
    circles += [(c.x, c.y, c.radius) for c in drawing.clusters]
    for index, (x1, y1, r1) in enumerate(circles):
        for x2, y2, r2 in circles[index + 1 :]:
            assert math.dist((x1, y1), (x2, y2)) >= r1 + r2, ((x1, y1, r1), (x2, y2, r2))


def test_a_marker_a_cluster_would_cover_joins_it(boundaries, vocab):
    # Five organisations in Swansea make a circle of radius 10 there; a marker about 12
    # units east is further than CLUSTER_RADIUS from all of them, but under that circle.
    east = at("East of Swansea", 51.621, -3.65, "wales")
    alone = draw([org("s0", SWANSEA), org("t", east)], boundaries, vocab).markers
    assert CLUSTER_RADIUS < math.dist((alone[0].x, alone[0].y), (alone[1].x, alone[1].y)) < 15
    orgs = [org(f"s{i}", SWANSEA) for i in range(5)] + [org("t", east)]
    drawing = draw(orgs, boundaries, vocab)
    assert [c.members for c in drawing.clusters] == [("s0", "s1", "s2", "s3", "s4", "t")]
    assert not drawing.markers


def test_a_cluster_is_named_and_linked_after_its_busiest_place(boundaries, vocab):
    orgs = [org("a", SKETTY), org("b", SWANSEA), org("c", SWANSEA)]
    (cluster,) = draw(orgs, boundaries, vocab).clusters
    assert cluster.anchor == place_anchor(SWANSEA) == "place-swansea-wales"
    assert cluster.places == ("Swansea", "Sketty")
    assert cluster.members == ("a", "b", "c")
    assert "3 organisations in Swansea, Sketty" in cluster.title(Messages())


def test_one_organisation_at_two_close_places_is_one_marker_naming_both(boundaries, vocab):
    drawing = draw([org("a", SWANSEA, SKETTY), org("b", GLASGOW)], boundaries, vocab)
    assert not drawing.clusters
    (a,) = [m for m in drawing.markers if m.org_id == "a"]
    assert a.place == "Swansea, Sketty"


def test_an_organisation_at_two_distant_places_has_a_marker_at_each(boundaries, vocab):
    drawing = draw([org("a", SWANSEA, GLASGOW)], boundaries, vocab)
    assert [m.place for m in drawing.markers] == ["Glasgow", "Swansea"]  # north to south
    assert drawing.markers[0].y < drawing.markers[1].y


def test_places_in_ireland_are_on_the_map_and_places_abroad_in_the_inset(boundaries, vocab):
    drawing = draw([org("dub", DUBLIN), org("mal", MALIBU)], boundaries, vocab)
    assert [m.org_id for m in drawing.markers] == ["dub"]
    assert [(g.label, g.anchor, [m.org_id for m in g.markers]) for g in drawing.inset.groups] == [
        ("Outside the UK", OUTSIDE_UK_ANCHOR, ["mal"])
    ]


def test_the_inset_groups_in_order_by_the_first_place(boundaries, vocab):
    orgs = [org("none"), org("web", ONLINE, UK_WIDE), org("uk", UK_WIDE), org("abroad", MALIBU), org("uk2", UK_WIDE)]
    inset = draw(orgs, boundaries, vocab).inset
    assert [(g.label, g.anchor, [m.org_id for m in g.markers]) for g in inset.groups] == [
        ("UK-wide", UK_WIDE_ANCHOR, ["uk", "uk2"]),
        ("Online", ONLINE_ANCHOR, ["web"]),
        ("Outside the UK", OUTSIDE_UK_ANCHOR, ["abroad"]),
        ("Place not recorded", NO_PLACE_ANCHOR, ["none"]),
    ]
    boxes = [(m.x, m.y) for m in inset.markers]
    assert len(set(boxes)) == len(boxes)  # no two inset markers on top of each other
    for x, y in boxes:
        assert inset.x < x < inset.x + inset.width and inset.y < y < inset.y + inset.height


@pytest.mark.parametrize("n", [1, 30, 200, 1000])
def test_the_inset_sits_in_the_sea_or_below_the_map(boundaries, vocab, n: int):
    """No outline of land crosses the inset box: the North Atlantic west of the Hebrides,
    or, when too many organisations have no point to fit there, a band below the map."""
    drawing = draw([org(f"uk-{i:04d}", UK_WIDE) for i in range(n)], boundaries, vocab)
    inset = drawing.inset
    assert len(inset.markers) == n
    for nation in drawing.nations:
        for x, y in _path_points(nation.path):
            inside = inset.x <= x <= inset.x + inset.width and inset.y <= y <= inset.y + inset.height
            assert not inside, (nation.id, x, y)
    assert inset.x >= 0 and inset.x + inset.width <= drawing.width
    assert inset.y >= 0 and inset.y + inset.height <= drawing.height
    assert ("top left" in drawing.description) == (inset.y < 50)


def test_the_same_content_in_any_order_draws_the_same_bytes(boundaries, vocab):
    orgs = corpus_like(80, seed=9)
    first = draw(orgs, boundaries, vocab)
    shuffled = orgs[:]
    random.Random(1).shuffle(shuffled)
    again = draw(shuffled, boundaries, vocab)
    assert again == first
    assert render(again) == render(first)


def test_the_four_nations_are_drawn_apart_and_the_neighbours_for_context(boundaries, vocab):
    drawing = draw([], boundaries, vocab)
    uk = [(n.id, n.name) for n in drawing.nations if n.uk]
    assert uk == [
        ("england", "England"),
        ("scotland", "Scotland"),
        ("wales", "Wales"),
        ("northern-ireland", "Northern Ireland"),
    ]
    assert "ireland" in {n.id for n in drawing.nations if not n.uk}
    assert {n.id for n in drawing.nations if n.label} >= {"england", "scotland", "wales", "northern-ireland"}


def _path_points(path: str) -> list[tuple[float, float]]:
    """Absolute points back from path data written as 'M x y l dx dy ... z' rings."""
    points = []
    for ring in re.findall(r"M([^l]+)l([^z]*)z", path):
        x, y = map(float, ring[0].split())
        points.append((x, y))
        steps = list(map(float, ring[1].split()))
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = round(x + dx, 1), round(y + dy, 1)
            points.append((x, y))
    return points


def test_path_data_steps_add_up_to_the_rounded_points():
    ring = [(10.04, 20.06), (15.55, 20.0), (15.5, 26.74), (10.0, 25.0), (10.04, 20.06)]
    tiny = [(1.0, 1.0), (1.01, 1.0), (1.0, 1.02), (1.0, 1.0)]  # rounds to one point: left out
    data = path_data([ring, tiny])
    assert data.count("M") == 1 and data.endswith("z")
    assert _path_points(data) == [(10.0, 20.1), (15.6, 20.0), (15.5, 26.7), (10.0, 25.0)]


# --- the SVG ---------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def _svg(html: str) -> ET.Element:
    return ET.fromstring(html)  # raises on markup that is not well-formed XML


def test_the_svg_follows_the_contract_the_filters_read(boundaries, vocab):
    orgs = [org("a", SWANSEA), org("b", SKETTY), org("c", GLASGOW), org("d", UK_WIDE), org("e")]
    drawing = draw(orgs, boundaries, vocab)
    svg = _svg(render(drawing))
    assert svg.tag == "svg" and svg.get("class") == "hb-map__svg" and svg.get("role") == "group"
    assert svg.get("viewBox") == drawing.view_box == f"0 0 600 {svg.get('height')}"
    assert svg.get("width") == "600" and svg.get("height").isdigit()  # its size, for the page's layout
    ids = {element.get("id") for element in svg.iter() if element.get("id")}
    assert svg.get("aria-labelledby") in ids and svg.get("aria-describedby") in ids
    assert svg.find("title") is not None and (svg.find("title").text or "").startswith("Map of")

    links = list(svg.iter("a"))
    markers = [a for a in links if "hb-map__marker" in a.get("class", "").split()]
    clusters = [a for a in links if a.get("class") == "hb-map__cluster"]
    assert len(markers) + len(clusters) == len(links)
    assert sorted(a.get("data-org") for a in markers) == ["c", "d", "e"]
    assert {a.get("href") for a in markers} == {"../organisations/c/", "../organisations/d/", "../organisations/e/"}
    for a in markers:
        assert a.find("title") is not None and a.find("circle") is not None
    (cluster,) = clusters
    assert cluster.get("data-members") == "a b"
    assert cluster.get("href") == "#place-sketty-wales"  # one organisation each: the first by name
    assert cluster.find("text").get("class") == "hb-map__count" and cluster.find("text").text == "2"
    assert cluster.find("title") is not None


def test_hostile_names_are_escaped(boundaries, vocab):
    hostile = '<script>alert(1)</script>"onmouseover="alert(2)'
    place = at('Cardiff"><script>x</script>', 51.4816, -3.1791, "wales")
    orgs = [org("a", place, title=hostile), org("b", place, title="B & <b>C</b>"), org("c", UK_WIDE, title=hostile)]
    html = render(draw(orgs, boundaries, vocab))
    svg = _svg(html)
    assert "<script" not in html
    for element in svg.iter():
        assert element.tag not in {"script", "foreignObject", "image", "use", "style"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert "://" not in value and not value.startswith("data:"), (element.tag, name, value)
    titles = [t.text or "" for t in svg.iter("title")]
    assert f"{hostile} (UK-wide)" in titles  # the name comes back as text, whole
    assert any('Cardiff"><script>x</script>' in t for t in titles)  # the cluster's place, as text


def test_the_credit_is_in_the_picture(boundaries, vocab):
    svg = _svg(render(draw([], boundaries, vocab)))
    texts = ["".join(t.itertext()) for t in svg.iter("text")]
    assert "Boundaries: Natural Earth (public domain)" in texts
    assert {"Scotland", "England", "Wales", "NorthernIreland"} <= set(texts)


def test_the_picture_stays_light(boundaries, vocab):
    """The /map/ page, SVG included, must stay under 150 kB transferred; the outlines and a
    few hundred organisations take a small part of it."""
    html = render(draw(corpus_like(300), boundaries, vocab)).encode()
    assert len(gzip.compress(html)) < 40_000
    assert len(render(draw([], boundaries, vocab)).encode()) < 20_000
