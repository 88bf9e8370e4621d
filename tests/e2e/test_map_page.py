"""/map/ as the build writes it: every organisation in the directory and on the picture, the
filter form, the add path and the links to the data, the network and the organisations index."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.support import BuildResult

# Organisations added to the sample (which has two with no place): two sharing Swansea, so
# that they make a cluster, one in Cardiff and in Leeds, one UK-wide.
PLACED = {
    "swansea-one": (
        "Swansea One",
        "[wales]",
        "[{name: Swansea, lat: 51.6214, lon: -3.9436, source: https://example.org/one}]",
    ),
    "swansea-two": (
        "Swansea Two",
        "[wales]",
        "[{name: Swansea, lat: 51.6214, lon: -3.9436, source: https://example.org/two}]",
    ),
    "two-cities": (
        "Two Cities",
        "[wales, england]",
        "[{name: Cardiff, lat: 51.4816, lon: -3.1791, source: https://example.org/cardiff},"
        " {name: Leeds, lat: 53.8008, lon: -1.5491, source: https://example.org/leeds}]",
    ),
    "everywhere": ("Everywhere", "[uk-wide]", "[{name: UK-wide}]"),
}


def add_placed_organisations(root: Path) -> Path:
    """The PLACED organisations written into the project at ``root``."""
    for org_id, (name, nations, places) in PLACED.items():
        (root / "docs" / "organisations" / f"{org_id}.md").write_text(
            f"---\nname: {name}\nnations: {nations}\nthemes: [loneliness]\nplaces: {places}\n"
            "listing: {basis: public-source, source: https://example.org/list}\n---\n",
            encoding="utf-8",
        )
    return root


@pytest.fixture(scope="module")
def map_site(tmp_path_factory, make_project, git_commit, build) -> BuildResult:
    root = add_placed_organisations(make_project(tmp_path_factory.mktemp("map"), git=False))
    git_commit(root, "Sample with places")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def map_page(map_site):
    return lxml_html.fromstring(map_site.html("map/"))


def organisation_ids(site: BuildResult) -> set[str]:
    return {path.stem for path in (site.root / "docs" / "organisations").glob("*.md")}


def with_class(tree, name: str) -> list:
    return [el for el in tree.iter() if name in (el.get("class") or "").split()]


def test_every_organisation_is_in_the_directory_once(map_site, map_page):
    entries = [li.get("data-org") for li in with_class(map_page, "hb-directory__entry")]
    assert sorted(entries) == sorted(organisation_ids(map_site))
    for li in with_class(map_page, "hb-directory__entry"):
        link = next(a for a in li.iter("a") if "hb-directory__name" in (a.get("class") or ""))
        target = map_site.site / "map" / link.get("href") / "index.html"
        assert target.resolve().is_file(), link.get("href")


def test_every_organisation_is_on_the_picture(map_site, map_page):
    [svg] = [el for el in map_page.iter("svg") if "hb-map__svg" in (el.get("class") or "")]
    on_map = {el.get("data-org") for el in svg.iter() if el.get("data-org")}
    on_map |= {member for el in svg.iter() if el.get("data-members") for member in el.get("data-members").split()}
    assert on_map == organisation_ids(map_site)
    ids = {el.get("id") for el in map_page.iter() if el.get("id")}
    clusters = [el for el in svg.iter() if el.get("data-members")]
    assert clusters, "the two Swansea organisations share a spot"
    for cluster in clusters:  # a cluster leads to its place in the directory
        assert cluster.get("href").startswith("#") and cluster.get("href")[1:] in ids
    assert "place-swansea-wales" in ids and "Natural Earth (public domain)" in map_page.text_content()


def test_the_filter_form_and_the_script(map_site, map_page):
    [form] = [f for f in map_page.iter("form") if f.get("data-hb-map-form") is not None]
    assert form.get("hidden") is not None  # shown by the script only
    selects = {select.get("name"): [o.get("value") for o in select.iter("option")] for select in form.iter("select")}
    assert list(selects) == ["nation", "type", "theme", "connection"]
    assert selects["nation"] == ["", "england", "wales", "uk-wide"]
    assert selects["theme"] == ["", "loneliness"]
    scripts = [s.get("src") for s in map_page.iter("script") if s.get("src")]
    assert "../assets/javascripts/hb-map.js" in scripts
    assert (map_site.site / "assets" / "javascripts" / "hb-map.js").is_file()


def test_links_to_the_data_the_network_and_the_add_path(map_site, map_page):
    hrefs = [a.get("href") for a in map_page.iter("a")]
    for name in ("organisations.json", "organisations.csv", "organisations.geojson"):
        assert f"../organisations/{name}" in hrefs
        assert (map_site.site / "organisations" / name).is_file()
    assert "network/" in hrefs and (map_site.site / "map" / "network" / "index.html").is_file()
    [add] = [el for el in map_page.iter("h2") if el.get("id") == "add-your-organisation"]
    assert any(h.startswith("https://github.com/relationships-project/handbooks/issues/new?") for h in hrefs)
    text = map_page.text_content()
    assert "Self-listed" in text and "Listed from a public source" in text and "handbook new organisation" in text
    index = lxml_html.fromstring(map_site.html("organisations/"))
    index_links = [a.get("href") for a in index.iter("a")]
    assert "../map/" in index_links and "../map/#add-your-organisation" in index_links
