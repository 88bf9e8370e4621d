"""Related content: ranking by shared themes, shared references and direct links."""

from __future__ import annotations

from handbook.content.model import Chapter, Confidence, Evidence, Page, Term
from handbook.linking.related import Weights, related_items


def term(item_id: str, themes=(), title: str | None = None) -> Term:
    return Term(
        id=item_id,
        path=f"glossary/{item_id}.md",
        title=title or item_id,
        group="other",
        working_definition="x",
        themes=list(themes),
    )


def evidence(item_id: str, themes=()) -> Evidence:
    return Evidence(
        id=item_id,
        path=f"docs/evidence/{item_id}.md",
        title=item_id,
        authors=["A, B"],
        year=2020,
        evidence_type="survey",
        themes=list(themes),
        confidence=Confidence(rating=1, rationale="x"),
    )


def chapter(item_id: str, themes=()) -> Chapter:
    return Chapter(
        id=f"hb/{item_id}",
        path=f"handbooks/hb/{item_id}.md",
        title=item_id,
        handbook_id="hb",
        slug=item_id,
        themes=list(themes),
    )


def keys(items):
    return [item.id for item in items]


def test_more_shared_themes_rank_higher_and_never_itself():
    a, b, c, d = term("a", ["x", "y"]), term("b", ["x", "y"]), term("c", ["x"]), term("d", ["z"])
    related = related_items([a, b, c, d], {})
    assert keys(related[a.key]) == ["b", "c"]
    assert keys(related[d.key]) == []
    assert all(item.key not in [r.key for r in others] for item in (a, b, c, d) for others in [related[item.key]])


def test_sharing_a_citation_outweighs_sharing_a_theme():
    one, two, three = chapter("one", ["x"]), chapter("two", ["x"]), chapter("three")
    study = evidence("study")
    uses = {one.key: {study.key}, three.key: {study.key}}
    related = related_items([one, two, three, study], uses)
    assert keys(related[one.key])[:2] == ["study", "hb/three"]  # direct citation, then the shared citation
    assert "hb/two" in keys(related[one.key])
    assert keys(related[study.key]) == ["hb/one", "hb/three"]  # cited by both: a direct link each way


def test_rare_shared_theme_counts_more_than_a_common_one():
    items = [term("a", ["rare", "common"]), term("b", ["rare"]), term("c", ["common"])]
    items += [term(f"filler-{n}", ["common"]) for n in range(6)]
    related = related_items(items, {})
    assert keys(related[items[0].key])[0] == "b"


def test_at_most_five_ranked_with_ties_by_title():
    items = [term(f"t{n}", ["x"], title=f"Term {chr(ord('A') + n)}") for n in range(8)]
    related = related_items(items, {})
    assert keys(related[items[0].key]) == ["t1", "t2", "t3", "t4", "t5"]


def test_features_shared_by_too_many_items_are_ignored():
    items = [term(f"t{n}", ["everywhere"]) for n in range(5)]
    related = related_items(items, {}, weights=Weights(max_feature_items=4))
    assert all(related[item.key] == [] for item in items)


def test_pages_outside_the_related_kinds_are_left_out():
    about = Page(id="about", path="docs/about.md", title="About", themes=["x"])
    a = term("a", ["x"])
    related = related_items([about, a], {})
    assert about.key not in related and related[a.key] == []


def test_no_more_than_three_of_one_kind_while_other_kinds_compete():
    chapters = [chapter(f"c{n}", ["x"]) for n in range(8)]
    others = [evidence("study", ["x"]), term("word", ["x"])]
    related = related_items([*chapters, *others], {chapters[0].key: {c.key for c in chapters[1:]}})
    assert [item.kind for item in related[chapters[0].key]] == ["chapter", "chapter", "chapter", "evidence", "term"]
    # With only one kind in the running, the list still fills up.
    only = [term(f"t{n}", ["x"]) for n in range(7)]
    assert len(related_items(only, {})[only[0].key]) == 5
