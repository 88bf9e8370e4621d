"""Evidence gap map counts, explorer facets and the confidence scale."""

from __future__ import annotations

import pytest

from handbook.content.corpus import load_corpus
from handbook.content.model import Confidence, Evidence
from handbook.pages.explorer import confidence_scale, explorer_facets, explorer_query, gap_map
from tests.support import SAMPLE


@pytest.fixture
def corpus():
    result = load_corpus(SAMPLE)
    assert not result.problems
    return result.corpus


def add(corpus, item_id, themes, outcomes, rating, year=2020, evidence_type="survey"):
    corpus.add(
        Evidence(
            id=item_id,
            path=f"docs/evidence/{item_id}.md",
            title=item_id,
            authors=["A, B"],
            year=year,
            evidence_type=evidence_type,
            themes=themes,
            outcomes=outcomes,
            confidence=Confidence(rating=rating, rationale="x"),
        )
    )


def cell(gap, theme, outcome):
    row = next(r for r in gap.rows if r.theme.id == theme)
    return next(c for c in row.cells if c.outcome.id == outcome)


def test_gap_map_counts_items_in_each_theme_outcome_pair(corpus):
    add(corpus, "extra-1", ["loneliness"], ["loneliness"], 1)
    add(corpus, "extra-2", ["loneliness", "loneliness"], ["loneliness", "trust"], 2)  # duplicates count once
    add(corpus, "extra-3", [], ["trust"], 2)  # no theme: in no cell
    gap = gap_map(corpus.of_kind("evidence"), corpus.vocabularies)
    lonely = cell(gap, "loneliness", "loneliness")
    # russell-1996 (3), extra-1 (1), extra-2 (2)
    assert (lonely.count, lonely.highest, lonely.median) == (3, 3, 2)
    assert cell(gap, "loneliness", "mortality").count == 1 and cell(gap, "loneliness", "mortality").highest == 4
    assert cell(gap, "measurement", "loneliness").count == 1
    assert cell(gap, "power", "trust").count == 0 and cell(gap, "power", "trust").highest is None
    assert gap.unmapped == 1
    filled = sum(1 for row in gap.rows for c in row.cells if c.count)
    assert filled == 4 and gap.empty_cells == gap.cells - filled
    assert gap.cells == len(corpus.vocabularies.themes) * len(corpus.vocabularies.outcomes)
    assert lonely.query == "?theme=loneliness&outcome=loneliness"


def test_gap_map_totals(corpus):
    gap = gap_map(corpus.of_kind("evidence"), corpus.vocabularies)
    loneliness_row = next(r for r in gap.rows if r.theme.id == "loneliness")
    assert loneliness_row.total == 2
    assert dict(zip((o.id for o in gap.outcomes), gap.outcome_totals, strict=True))["loneliness"] == 1


def test_facets_offer_only_values_in_use_with_counts(corpus):
    add(corpus, "old", ["power"], [], 0, year=1990)
    facets = {f.param: f for f in explorer_facets(corpus.of_kind("evidence"), corpus.vocabularies)}
    assert [(o.value, o.count) for o in facets["theme"].options] == [
        ("measurement", 1),
        ("power", 1),
        ("loneliness", 2),
    ]
    assert [o.value for o in facets["type"].options] == ["meta-analysis", "survey"]
    assert [(o.value, o.count) for o in facets["confidence"].options] == [
        ("0", 3),
        ("1", 2),
        ("2", 2),
        ("3", 2),
        ("4", 1),
    ]
    assert (facets["from"].options, facets["from"].minimum, facets["from"].maximum) == ([], 1990, 2010)
    assert (facets["to"].any_label, facets["to"].maximum) == ("2010", 2010)


def test_confidence_scale_counts_each_level(corpus):
    levels = confidence_scale(corpus.of_kind("evidence"), corpus.vocabularies)
    assert [(level.rating, level.title, level.count) for level in levels] == [
        (0, "Not enough to go on", 0),
        (1, "Emerging", 0),
        (2, "Promising", 0),
        (3, "Good", 1),
        (4, "Strong", 1),
    ]
    assert levels[3].query == "?confidence=3"


def test_explorer_query_leaves_out_empty_filters_and_escapes():
    assert explorer_query(theme="a b", outcome=None, type="") == "?theme=a+b"
    assert explorer_query() == ""
