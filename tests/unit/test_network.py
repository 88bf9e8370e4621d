"""The network of organisations: the graph from the records (relationships_map.network), its
deterministic picture (network_drawing) and the page that shows both (network_page)."""

from __future__ import annotations

import random
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook.content.corpus import Corpus, load_corpus
from handbook.content.model import Connection, Convening, Item, Organisation, Resource, Story
from handbook.linking.urls import relative_url
from handbook.pages.render import Renderer
from handbook.relationships_map import network as net
from handbook.relationships_map import network_drawing as pictures
from handbook.relationships_map.network_page import NetworkView, network_page
from tests.support import SAMPLE

VOCABULARIES = load_corpus(SAMPLE).corpus.vocabularies
PAGE_URL = "map/network/"


def organisation(item_id: str, *connections: tuple[str, str, str | None], title: str | None = None) -> Organisation:
    return Organisation(
        id=item_id,
        path=f"docs/organisations/{item_id}.md",
        title=title or item_id.replace("-", " ").title(),
        connections=[
            Connection(target=target, type=type_, strength=strength) for target, type_, strength in connections
        ],
    )


def convening(item_id: str, hosts: list[str], partners: list[str] = []) -> Convening:  # noqa: B006 - never mutated
    return Convening(
        id=item_id,
        path=f"docs/convenings/{item_id}.md",
        title=item_id,
        date="2024",
        format="online",
        hosts=hosts,
        partners=partners,
    )


def story(item_id: str, teller: str | None) -> Story:
    return Story(
        id=item_id,
        path=f"docs/stories/{item_id}.md",
        title=item_id,
        story_type="tool-in-action",
        storytellers=[],
        publication=None,
        organisation=teller,
    )


def resource(item_id: str, maker: str | None) -> Resource:
    return Resource(
        id=item_id, path=f"docs/resources/{item_id}.md", title=item_id, resource_kind="tool", organisation=maker
    )


def corpus_of(items: list[Item]) -> Corpus:
    corpus = Corpus(root=Path("."), vocabularies=VOCABULARIES)
    for item in items:
        corpus.add(item)
    return corpus


def render(corpus: Corpus, page_url: str = PAGE_URL) -> str:
    def href(target: str, fragment: str = "") -> str:
        return relative_url(page_url, target + (f"#{fragment}" if fragment else ""))

    page = network_page(corpus)
    renderer = Renderer(Path("."), {"vocab": corpus.vocabularies}, template_cache=False)
    return renderer.render(page.template, page=page, body="", href=href, **page.context)


def render_limited(corpus: Corpus, limit: int) -> str:
    """The page with a picture that has room for ``limit`` nodes."""
    page = network_page(corpus)
    view = page.context["network"]
    view.drawing = pictures.draw_network(view.network, corpus.vocabularies.connection_types, limit=limit)
    renderer = Renderer(Path("."), {"vocab": corpus.vocabularies}, template_cache=False)
    return renderer.render(page.template, page=page, body="", href=lambda target, fragment="": target, **page.context)


class Links(HTMLParser):
    """The links of a page: (class, href, data-node) of every <a>, the text of every <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str | None]] = []
        self.titles: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            self.links.append((values.get("class") or "", values.get("href") or "", values.get("data-node")))
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.titles.append(data)
            self._in_title = False


def links_of(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


# -- the graph ----------------------------------------------------------------------------


def test_a_connection_declared_in_both_records_is_one_tie_with_the_stronger_strength():
    network = net.build_network(
        corpus_of(
            [
                organisation("alpha", ("beta", "partner", "weak"), ("beta", "member", None)),
                organisation("beta", ("alpha", "partner", "strong")),
                organisation("gamma", ("beta", "funder", "medium")),
            ]
        )
    )
    assert network.ties == [
        net.Tie("alpha", "beta", "member", None, ("alpha",)),
        net.Tie("alpha", "beta", "partner", "strong", ("alpha", "beta")),
        net.Tie("beta", "gamma", "funder", "medium", ("gamma",)),
    ]
    beta = next(entry for entry in net.entries(network) if entry.organisation.id == "beta")
    assert [(t.type, t.other.id, t.strength, t.both) for t in beta.ties] == [
        ("funder", "gamma", "medium", False),
        ("member", "alpha", None, False),
        ("partner", "alpha", "strong", True),
    ]


def test_a_reference_to_an_unknown_organisation_makes_no_node_and_no_edge():
    network = net.build_network(
        corpus_of(
            [
                organisation("alpha", ("ghost", "partner", None), ("alpha", "partner", None)),
                convening("meeting", hosts=["ghost"], partners=["phantom"]),
                story("told-by-nobody", "ghost"),
                resource("made-by-nobody", "ghost"),
            ]
        )
    )
    assert list(network.organisations) == ["alpha"]
    assert network.ties == [] and network.activities == {} and network.involvements == []


def test_activities_link_organisations_by_their_part_in_each_kind():
    network = net.build_network(
        corpus_of(
            [
                organisation("alpha"),
                organisation("beta"),
                organisation("gamma"),
                convening("meeting", hosts=["alpha"], partners=["beta", "ghost"]),
                convening("hosted-alone", hosts=["gamma"]),
                convening("two-partners", hosts=[], partners=["alpha", "gamma"]),
                convening("one-partner-only", hosts=[], partners=["beta"]),  # nobody's work, nothing shared
                convening("nobody", hosts=[]),
                story("a-story", "beta"),
                story("no-teller", None),
                resource("a-tool", "gamma"),
            ]
        )
    )
    assert sorted(network.activities) == [
        "convening:hosted-alone",
        "convening:meeting",
        "convening:two-partners",
        "resource:a-tool",
        "story:a-story",
    ]
    assert [(i.organisation, i.activity, i.role) for i in network.involvements] == [
        ("gamma", "convening:hosted-alone", "hosted"),
        ("alpha", "convening:meeting", "hosted"),
        ("beta", "convening:meeting", "partner"),
        ("alpha", "convening:two-partners", "partner"),
        ("gamma", "convening:two-partners", "partner"),
        ("gamma", "resource:a-tool", "produced"),
        ("beta", "story:a-story", "told"),
    ]
    alpha = next(entry for entry in net.entries(network) if entry.organisation.id == "alpha")
    assert [(a.role, a.activity.id, [o.id for o in a.others]) for a in alpha.activities] == [
        ("hosted", "meeting", ["beta"]),
        ("partner", "two-partners", ["gamma"]),
    ]


def test_an_organisation_named_twice_in_one_convening_keeps_its_first_part():
    network = net.build_network(
        corpus_of([organisation("alpha"), convening("meeting", hosts=["alpha"], partners=["alpha"])])
    )
    assert [(i.organisation, i.role) for i in network.involvements] == [("alpha", "hosted")]


def test_the_text_equivalent_lists_every_organisation_by_name():
    network = net.build_network(
        corpus_of(
            [
                organisation("zed", title="Zed"),
                organisation("alpha", title="the Alpha"),
                organisation("b", title="Beta"),
            ]
        )
    )
    assert [entry.organisation.title for entry in net.entries(network)] == ["Beta", "the Alpha", "Zed"]


# -- the picture --------------------------------------------------------------------------


def sample_items() -> list[Item]:
    return [
        organisation("hub", title="The Hub"),
        organisation("alpha", ("hub", "partner", "strong"), ("beta", "member", "weak")),
        organisation("beta", ("hub", "funder", None), ("alpha", "member", "weak")),
        organisation("gamma", ("hub", "collaborator", "medium")),
        organisation("loner", title="A Loner"),
        organisation("hermit", title="Hermit"),
        convening("meeting", hosts=["hub"], partners=["alpha", "gamma"]),
        story("a-story", "beta"),
        resource("a-tool", "hub"),
    ]


def test_the_picture_is_the_same_for_the_same_records_in_any_order():
    items = sample_items()
    first = pictures.draw_network(net.build_network(corpus_of(items)), VOCABULARIES.connection_types)
    for seed in range(3):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        again = pictures.draw_network(net.build_network(corpus_of(shuffled)), VOCABULARIES.connection_types)
        assert again == first
    assert render(corpus_of(items)) == render(corpus_of(list(reversed(items))))


def test_the_picture_stays_inside_its_box_with_coordinates_rounded():
    drawing = pictures.draw_network(net.build_network(corpus_of(sample_items())), VOCABULARIES.connection_types)
    for node in drawing.nodes:
        assert 0 <= node.x <= drawing.width and 0 <= node.y <= drawing.height
        assert round(node.x, 1) == node.x and round(node.y, 1) == node.y
    for edge in drawing.edges:
        assert all(round(v, 1) == v for v in (edge.x1, edge.y1, edge.x2, edge.y2))


def test_organisations_with_no_link_sit_in_a_row_under_the_graph_by_name():
    drawing = pictures.draw_network(net.build_network(corpus_of(sample_items())), VOCABULARIES.connection_types)
    assert drawing.unlinked_label_y is not None
    below = [node for node in drawing.nodes if node.y > drawing.unlinked_label_y]
    assert [node.node.title for node in below] == ["A Loner", "Hermit"]
    assert len({node.y for node in below}) == 1 and below[0].x < below[1].x
    graph = [node for node in drawing.nodes if node not in below]
    assert all(node.y < drawing.unlinked_label_y for node in graph) and len(graph) == 7


def test_edges_are_drawn_by_type_with_a_legend_in_the_vocabulary_order():
    drawing = pictures.draw_network(net.build_network(corpus_of(sample_items())), VOCABULARIES.connection_types)
    assert [entry.title for entry in drawing.legend] == [
        "Partner",
        "Member",
        "Funder",
        "Collaborator",
        "An organisation's part in an activity",
    ]
    dashes = {entry.title: entry.dash for entry in drawing.legend}
    assert len({dashes[t] for t in ("Partner", "Member", "Funder", "Collaborator")}) == 4  # each its own line
    ties = [edge for edge in drawing.edges if not edge.activity]
    assert sorted(edge.dash for edge in ties) == sorted(
        [dashes["Partner"], dashes["Member"], dashes["Funder"], dashes["Collaborator"]]
    )
    assert sum(1 for edge in drawing.edges if edge.activity) == 5
    assert drawing.shapes == ["circle", "convening", "story", "resource"]


def test_a_pair_tied_in_two_ways_gets_two_parallel_lines():
    drawing = pictures.draw_network(
        net.build_network(
            corpus_of([organisation("a", ("b", "partner", None), ("b", "funder", None)), organisation("b")])
        ),
        VOCABULARIES.connection_types,
    )
    first, second = drawing.edges
    assert (first.x1, first.y1) != (second.x1, second.y1)
    # Same direction, apart by the offset.
    assert abs((first.x2 - first.x1) - (second.x2 - second.x1)) < 0.2


def test_labels_do_not_overlap_in_a_crowded_star():
    hub = organisation("hub", *((f"spoke-{i:02d}", "partner", None) for i in range(14)))
    spokes = [organisation(f"spoke-{i:02d}", title=f"Spoke organisation {i}") for i in range(14)]
    drawing = pictures.draw_network(net.build_network(corpus_of([hub, *spokes])), VOCABULARIES.connection_types)
    boxes = [
        pictures._label_box((node.label_x, node.label_y, node.anchor), len(node.label) * pictures.LABEL_CHARACTER_WIDTH)
        for node in drawing.nodes
        if node.label
    ]
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if pictures._overlap(a, b) > 0]
    assert len(overlapping) <= 1, overlapping


def test_past_its_room_the_picture_draws_the_most_linked_and_the_list_keeps_everyone():
    hub = organisation("hub", *((f"member-{i:03d}", "member", None) for i in range(40)))
    members = [organisation(f"member-{i:03d}") for i in range(40)]
    stories = [story(f"story-{i:03d}", f"member-{i:03d}") for i in range(40)]
    network = net.build_network(corpus_of([hub, *members, *stories]))
    drawing = pictures.draw_network(network, VOCABULARIES.connection_types, limit=30)
    drawn = [node.node.key for node in drawing.nodes]
    assert len(drawn) == 30 and "organisation:hub" in drawn
    assert not drawing.complete and drawing.drawn_organisations == 30 and drawing.all_organisations == 41
    # With room to spare after the organisations, the activities among them come next.
    roomy = pictures.draw_network(network, VOCABULARIES.connection_types, limit=50)
    assert roomy.drawn_organisations == 41 and sum(1 for node in roomy.nodes if node.node.kind == "story") == 9
    assert (roomy.drawn_activities, roomy.all_activities) == (9, 40) and not roomy.complete
    roomy_page = render_limited(corpus_of([hub, *members, *stories]), 50)
    assert "has room for every organisation and 9 of the 40 activities" in roomy_page
    tight_page = render_limited(corpus_of([hub, *members, *stories]), 30)
    assert "has room for 30 of the 41 organisations (the most connected) and 0 of the 40 activities" in tight_page
    assert len(net.entries(network)) == 41


def without_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    """scipy is on this machine but no dependency of the handbook: make importing it fail."""
    for name in [name for name in sys.modules if name == "scipy" or name.startswith("scipy.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "scipy", None)


def test_a_large_network_is_drawn_without_scipy_whatever_the_limit(monkeypatch):
    # From 500 nodes networkx's spring_layout takes its scipy solver, whatever the method asked for.
    without_scipy(monkeypatch)
    rng = random.Random(5)
    ids = [f"org-{i:03d}" for i in range(600)]
    items = [organisation(i, *((rng.choice(ids), "partner", None) for _ in range(3))) for i in ids]
    drawing = pictures.draw_network(net.build_network(corpus_of(items)), VOCABULARIES.connection_types, limit=10_000)
    assert pictures.MAX_DRAWN_NODES < len(drawing.nodes) <= pictures.NUMPY_SOLVER_NODES < 500
    assert not drawing.complete


# -- the page -----------------------------------------------------------------------------


def test_every_node_is_a_link_to_its_page_with_a_title():
    corpus = corpus_of(sample_items())
    found = links_of(render(corpus))
    nodes = {data: href for cls, href, data in found.links if "hb-network__node" in cls}
    assert nodes == {
        "organisation:alpha": "../../organisations/alpha/",
        "organisation:beta": "../../organisations/beta/",
        "organisation:gamma": "../../organisations/gamma/",
        "organisation:hermit": "../../organisations/hermit/",
        "organisation:hub": "../../organisations/hub/",
        "organisation:loner": "../../organisations/loner/",
        "convening:meeting": "../../convenings/meeting/",
        "story:a-story": "../../stories/a-story/",
        "resource:a-tool": "../../resources/a-tool/",
    }
    assert "The Hub (Organisation)" in found.titles and "meeting (Convening)" in found.titles
    assert "../" in {href for _, href, _ in found.links}  # the map


def test_the_list_says_everything_the_picture_shows():
    html = render(corpus_of(sample_items()))
    words = html[html.index('id="in-words"') :]
    hrefs = [href for _, href, _ in links_of(words).links]
    for target in ("organisations/hub/", "organisations/loner/", "convenings/meeting/", "stories/a-story/"):
        assert f"../../{target}" in hrefs
    assert "Partner: <a" in words and "Told the story <a" in words and "Produced the resource <a" in words
    assert "Hosted the convening <a" in words and "Partner in the convening <a" in words
    assert "no connection or shared activity recorded yet" in words


def test_hostile_names_are_escaped_everywhere():
    hostile = '<script>alert(1)</script>" onmouseover="x'
    items = [
        organisation("bad", ("good", "partner", None), title=hostile),
        organisation("good"),
        convening("meeting", hosts=["bad"]),
    ]
    items[2].title = hostile
    html = render(corpus_of(items))
    assert "<script>" not in html and 'onmouseover="x' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;x" in html


def test_the_picture_has_no_script_and_no_outside_reference():
    html = render(corpus_of(sample_items()))
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html and "xlink:href" not in html


def test_the_real_site_network_is_drawn_in_well_under_a_second(monkeypatch):
    without_scipy(monkeypatch)
    corpus = load_corpus(Path(__file__).resolve().parents[2]).corpus
    view = NetworkView(corpus)
    drawing = view.drawing
    assert drawing.complete and len(drawing.nodes) == len(view.network.organisations) + len(view.network.activities)
    assert drawing.layout_seconds < 1.0


def test_the_list_of_pages_draws_nothing_until_the_page_is_rendered():
    # generated_pages() is asked for more than once per build (drafts, link checks): the layout
    # must wait for the one render.
    page = network_page(corpus_of(sample_items()))
    view = page.context["network"]
    assert "drawing" not in vars(view) and "network" not in vars(view)
    first = view.drawing
    assert view.drawing is first  # drawn once, then kept for the build


def test_a_connection_in_both_records_says_so_in_words():
    html = render(corpus_of([organisation("a", ("b", "partner", "weak")), organisation("b", ("a", "partner", None))]))
    words = html[html.index('id="in-words"') :]
    assert words.count("(weak, in both records)") == 2
