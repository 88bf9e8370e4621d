"""An organisation's page shows its places with their sources, its fellow travellers and the
way to the map; theme pages say who works on them; the organisations' data files are built."""

from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import html

# Three organisations beside the sample's two: two in Swansea on loneliness that do not
# know each other, and a third connected with the first, which must not be suggested to it.
ORGANISATIONS = {
    "swansea-neighbours": """---
name: Swansea Neighbours
org_type: community-group
nations: [wales]
themes: [loneliness, place]
summary: "A neighbourhood group in Swansea."
places:
  - {name: Swansea, lat: 51.621, lon: -3.944, source: "https://example.org/swansea-neighbours"}
listing: {basis: public-source, source: "https://example.org/swansea-neighbours"}
---
""",
    "bay-befrienders": """---
name: Bay Befrienders
org_type: charity
nations: [wales]
themes: [loneliness]
summary: "Befriending in Swansea Bay."
places:
  - {name: Swansea, lat: 51.62, lon: -3.94, source: "story:heatmap-in-action"}
  - {name: online}
listing: {basis: public-source, source: "https://example.org/bay-befrienders"}
---
""",
    "old-friends": """---
name: Old Friends
org_type: charity
nations: [wales]
themes: [loneliness, place]
summary: "Already a partner of Swansea Neighbours."
connections:
  - {target: swansea-neighbours, type: partner}
listing: {basis: public-source, source: "https://example.org/old-friends"}
---
""",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory, make_project, git_commit, build):
    root = make_project(tmp_path_factory.mktemp("organisations"), git=False)
    for org_id, text in ORGANISATIONS.items():
        (root / "docs" / "organisations" / f"{org_id}.md").write_text(text, encoding="utf-8")
    git_commit(root, "Organisations with places")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result


def section(page_html: str, heading_id: str) -> html.HtmlElement:
    """The elements from a heading to the next heading, in one <div> for asserting on."""
    document = html.fromstring(page_html)
    [heading] = document.xpath(f'//h2[@id="{heading_id}"]')
    holder = html.Element("div")
    for sibling in heading.itersiblings():
        if sibling.tag == "h2" or sibling.find(".//h2") is not None:  # the next section
            break
        holder.append(sibling)
    return holder


def test_the_page_shows_its_places_with_their_sources(built):
    page = built.html("organisations/bay-befrienders/")
    places = section(page, "places")
    items = [" ".join(li.text_content().split()) for li in places.xpath('.//ul[@class="hb-places"]/li')]
    assert items == ["Swansea (Wales), source: The Heatmap in action", "Online"]
    # A kind:id source links to the item's page, a web address to itself.
    assert places.xpath('.//a[@href="../../stories/heatmap-in-action/"]')
    other = section(built.html("organisations/swansea-neighbours/"), "places")
    assert other.xpath('.//a[@href="https://example.org/swansea-neighbours"]')


def test_fellow_travellers_are_explained_and_leave_out_connected_ones(built):
    page = built.html("organisations/swansea-neighbours/")
    fellows = section(page, "fellow-travellers")
    entries = {
        a.text_content(): a.getparent().text_content()
        for a in fellows.xpath(".//ul[@class='hb-fellow-travellers']/li/a")
    }
    assert set(entries) == {"Bay Befrienders"}  # Old Friends is its partner; no one else shares anything
    assert entries["Bay Befrienders"] == "Bay Befrienders: also works on loneliness and isolation in Swansea"
    assert fellows.xpath('.//a[@href="../bay-befrienders/"]')
    # Suggestions stay out of the search index, like related lists: searching for Bay
    # Befrienders finds its own page, not the pages suggesting it.
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [doc for doc in index["docs"] if doc["location"].startswith("organisations/swansea-neighbours/")]
    assert docs and not any("Bay Befrienders" in doc["text"] or "Fellow" in doc["title"] for doc in docs)
    # The partner did not declare it, yet is not suggested from the other side either.
    old_friends = section(built.html("organisations/old-friends/"), "fellow-travellers")
    assert "Swansea Neighbours" not in old_friends.text_content()
    assert "Bay Befrienders" in old_friends.text_content()


def test_the_page_links_to_the_map_and_to_adding_an_organisation(built):
    document = html.fromstring(built.html("organisations/bay-befrienders/"))
    links = {a.text_content().strip(): a.get("href") for a in document.iter("a")}
    assert links["See it on the Relationships Map"] == "../../map/#org-bay-befrienders"
    assert links["Add your organisation"] == "../../contribute/suggest/?form=organisation"  # the form (issue 18)
    assert links["the other ways"] == "../../map/#add-your-organisation"
    # Both land on the map page's own anchors.
    ids = set(html.fromstring(built.html("map/")).xpath("//@id"))
    assert {"org-bay-befrienders", "add-your-organisation"} <= ids
    # The listing basis is still shown.
    assert "Listed from a public source" in document.text_content()


def test_a_theme_page_says_who_works_on_it_first(built):
    document = html.fromstring(built.html("themes/loneliness/"))
    headings = [h.get("id") for h in document.iter("h2") if h.get("id")]
    assert headings[0] == "organisation"
    [heading] = document.xpath('//h2[@id="organisation"]')
    assert heading.text_content().startswith("Who works on this")
    who = section(built.html("themes/loneliness/"), "organisation")
    assert {a.text_content() for a in who.xpath(".//li/a")} == {"Swansea Neighbours", "Bay Befrienders", "Old Friends"}
    assert who.xpath('.//a[@href="../../map/?theme=loneliness"]')
    # Where each works, so that a reader sees who is near them.
    entries = {" ".join(li.text_content().split()) for li in who.iter("li")}
    assert "Bay Befrienders (Swansea, online): Befriending in Swansea Bay." in entries
    assert "Old Friends: Already a partner of Swansea Neighbours." in entries


def test_the_organisations_data_files_are_in_the_site(built):
    folder = built.site / "organisations"
    listed = {path.stem for path in (built.root / "docs" / "organisations").glob("*.md")}
    document = json.loads((folder / "organisations.json").read_text(encoding="utf-8"))
    assert {record["id"] for record in document["organisations"]} == listed
    geojson = json.loads((folder / "organisations.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["id"] for f in geojson["features"]} == listed
    points = {
        f["properties"]["id"]: f["geometry"]["coordinates"] for f in geojson["features"] if f["geometry"] is not None
    }
    assert points == {"swansea-neighbours": [-3.944, 51.621], "bay-befrienders": [-3.94, 51.62]}
    rows = list(csv.DictReader(io.StringIO((folder / "organisations.csv").read_bytes().decode("utf-8-sig"))))
    assert {row["id"] for row in rows} == listed
