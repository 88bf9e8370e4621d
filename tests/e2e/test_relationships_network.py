"""The network of organisations at /map/network/, built by MkDocs from the sample plus one
organisation with no link: every node a link, the list in words, the way to and from the map,
and the same bytes from a second build."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.support import BuildResult

LONE = """---
name: A Lone <Organisation>
org_type: charity
nations: [wales]
listing: {basis: public-source, source: "https://example.org/lone"}
---
"""


class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.anchors.append(dict(attrs))


def anchors(html: str) -> list[dict[str, str | None]]:
    parser = Anchors()
    parser.feed(html)
    return parser.anchors


@pytest.fixture(scope="module")
def network_site(tmp_path_factory, make_project, git_commit, build) -> tuple[BuildResult, bytes]:
    """The project built twice (strict); the result of the second and the page from the first."""
    root = make_project(tmp_path_factory.mktemp("network"), git=False)
    (root / "docs" / "organisations" / "lone-organisation.md").write_text(LONE, encoding="utf-8")
    # In git, as a real project is: with the speed-ups off, the revision-date plugin asks git.
    git_commit(root, "Sample with an organisation that has no link")
    first = build(root, "--strict")
    assert first.returncode == 0, first.log
    page = (first.site / "map" / "network" / "index.html").read_bytes()
    second = build(root, "--strict")
    assert second.returncode == 0, second.log
    return second, page


def test_the_network_page_draws_every_organisation_and_activity_as_a_link(network_site):
    result, _ = network_site
    html = result.html("map/network/")
    nodes = {a["data-node"]: a["href"] for a in anchors(html) if "hb-network__node" in (a.get("class") or "")}
    assert nodes == {
        "organisation:enrol-yourself": "../../organisations/enrol-yourself/",
        "organisation:relationships-project": "../../organisations/relationships-project/",
        "organisation:lone-organisation": "../../organisations/lone-organisation/",
        "convening:measuring-relationships-2021": "../../convenings/measuring-relationships-2021/",
        "resource:relationships-heatmap": "../../resources/relationships-heatmap/",
        "story:heatmap-in-action": "../../stories/heatmap-in-action/",
    }
    for href in nodes.values():  # each node's page was built
        assert (result.site / "map" / "network" / href / "index.html").resolve().is_file(), href
    assert 'role="group"' in html and "<title" in html and "<desc" in html
    assert "No connection or shared activity recorded yet" in html
    assert "A Lone &lt;Organisation&gt;" in html and "<Organisation>" not in html


def test_the_list_in_words_names_every_link_the_picture_draws(network_site):
    result, _ = network_site
    html = result.html("map/network/")
    words = html[html.index('id="in-words"') :]
    hrefs = {a.get("href") for a in anchors(words)}
    assert {
        "../../organisations/enrol-yourself/",
        "../../organisations/relationships-project/",
        "../../organisations/lone-organisation/",
        "../../convenings/measuring-relationships-2021/",
        "../../resources/relationships-heatmap/",
        "../../stories/heatmap-in-action/",
    } <= hrefs
    assert "Collaborator: <a" in words and "Hosted the convening <a" in words and "Partner in the convening" in words


def test_the_network_and_the_map_link_to_each_other(network_site):
    result, _ = network_site
    assert "../" in {a.get("href") for a in anchors(result.html("map/network/"))}
    assert "network/" in {a.get("href") for a in anchors(result.html("map/"))}


def test_a_second_build_writes_the_same_bytes(network_site):
    result, first = network_site
    assert (result.site / "map" / "network" / "index.html").read_bytes() == first
