"""Backlinks: uses recorded while rendering plus references written in front matter."""

from __future__ import annotations

from handbook.content.corpus import load_corpus
from handbook.linking.backlinks import Backlinks
from handbook.linking.link_state import LinkContext
from tests.support import SAMPLE


def sample():
    result = load_corpus(SAMPLE)
    assert not result.problems
    return result.corpus


def test_front_matter_references_count_without_rendering():
    corpus = sample()
    backlinks = Backlinks.build(corpus, {})
    enrol = corpus.get("organisation", "enrol-yourself")
    by_source = {b.source.key: b.labels for b in backlinks.of(enrol)}
    assert by_source == {
        ("story", "heatmap-in-action"): ["names it as the organisation"],
        ("resource", "relationships-heatmap"): ["names it as the organisation"],
        ("convening", "measuring-relationships-2021"): ["lists it as a host"],
    }
    project = corpus.get("organisation", "relationships-project")
    assert {b.source.id: b.labels for b in backlinks.of(project)} == {
        "measuring-relationships-2021": ["lists it as a partner"],
        "enrol-yourself": ["lists it as a connection"],
    }
    heatmap = corpus.get("resource", "relationships-heatmap")
    assert [b.source.id for b in backlinks.of(heatmap)] == ["heatmap-in-action"]
    assert [b.source.id for b in backlinks.of(corpus.get("term", "loneliness"))] == ["co-production"]


def test_rendered_uses_merge_with_front_matter_and_group_by_kind():
    corpus = sample()
    links = LinkContext(corpus)
    links.start_page(corpus.get("chapter", "starter/first-steps"), "handbooks/starter/first-steps/")
    links.resolve("organisation", "enrol-yourself")
    links.resolve("evidence", "holt-lunstad-2010", how="citation")
    links.start_page(corpus.get("story", "heatmap-in-action"), "stories/heatmap-in-action/")
    links.resolve("organisation", "enrol-yourself", how="mention")
    backlinks = Backlinks.build(corpus, links.uses)
    groups = backlinks.groups(corpus.get("organisation", "enrol-yourself"))
    assert [(g.kind, g.heading, [b.source.id for b in g.backlinks]) for g in groups] == [
        ("chapter", "Handbook chapters", ["starter/first-steps"]),
        ("story", "Stories", ["heatmap-in-action"]),
        ("convening", "Convenings", ["measuring-relationships-2021"]),
        ("resource", "Resources", ["relationships-heatmap"]),
    ]
    story = groups[1].backlinks[0]
    assert story.labels == ["mentions it", "names it as the organisation"]
    assert [b.labels for b in backlinks.of(corpus.get("evidence", "holt-lunstad-2010"))] == [["cites it"]]


def test_references_to_missing_items_and_to_itself_are_ignored():
    corpus = sample()
    corpus.get("story", "heatmap-in-action").tools_used.append("no-such-tool")
    backlinks = Backlinks.build(corpus, {})
    assert ("resource", "no-such-tool") not in backlinks.by_target
    links = LinkContext(corpus)
    term = corpus.get("term", "loneliness")
    links.start_page(term, "glossary/loneliness/")
    links.resolve("term", "loneliness")
    assert Backlinks.build(corpus, links.uses).of(term) == [b for b in Backlinks.build(corpus, {}).of(term)]
