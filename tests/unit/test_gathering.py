"""Grouping for the gathering pages: A to Z letters, vocabulary groups, years."""

from __future__ import annotations

import datetime as dt

from handbook.content.corpus import load_corpus
from handbook.content.model import Convening, Listing, Organisation, Term
from handbook.pages.gathering import (
    alphabet,
    by_title,
    convenings_by_year,
    glossary_by_letter,
    glossary_by_term_group,
    letter_of,
    organisations_by_nation,
    stories_by_nation,
)
from tests.support import SAMPLE


def term(title: str) -> Term:
    return Term(
        id=title.lower().replace(" ", "-"), path="glossary/x.md", title=title, group="other", working_definition="x"
    )


def test_letters_fold_accents_and_file_symbols_under_hash():
    assert letter_of("Ŵyl") == "W"
    assert letter_of("élan") == "E"
    assert letter_of("'Third' places") == "T"
    assert letter_of("1:1 support") == "#"
    assert letter_of("") == "#"


def test_glossary_by_letter_in_order_and_sorted_within():
    groups = glossary_by_letter([term("Wellbeing"), term("ŵyl"), term("Asset-based"), term("2-minute chat")])
    assert [(g.title, [t.title for t in g.items]) for g in groups] == [
        ("A", ["Asset-based"]),
        ("W", ["Wellbeing", "ŵyl"]),
        ("#", ["2-minute chat"]),
    ]
    assert [g.id for g in groups] == ["letter-a", "letter-w", "letter-other"]
    jump = dict(alphabet(groups))
    assert jump["A"] == "letter-a" and jump["B"] is None and jump["#"] == "letter-other" and len(jump) == 27


def test_sample_glossary_by_group_follows_vocabulary_order():
    corpus = load_corpus(SAMPLE).corpus
    groups = glossary_by_term_group(corpus.terms, corpus.vocabularies)
    assert [(g.id, [t.id for t in g.items]) for g in groups] == [
        ("group-the-cost", ["loneliness"]),
        ("group-places-and-spaces", ["relational-council"]),
        ("group-the-work", ["co-production"]),
    ]


def test_stories_without_place_are_grouped_apart():
    corpus = load_corpus(SAMPLE).corpus
    story = corpus.get("story", "heatmap-in-action")
    groups = stories_by_nation([story], corpus.vocabularies)
    assert [(g.title, len(g.items)) for g in groups] == [("England", 1)]
    story.place = None
    assert [g.title for g in stories_by_nation([story], corpus.vocabularies)] == ["Place not given"]


def test_convenings_by_year_newest_first_with_partial_dates():
    def convening(item_id, date):
        return Convening(id=item_id, path="x", title=item_id, date=date, format="online")

    groups = convenings_by_year(
        [
            convening("a", dt.date(2021, 6, 9)),
            convening("b", "2023"),
            convening("c", dt.date(2021, 11, 10)),
            convening("d", "2023-06"),
        ]
    )
    assert [(g.title, [c.id for c in g.items]) for g in groups] == [("2023", ["d", "b"]), ("2021", ["c", "a"])]


def test_directory_lists_only_consenting_organisations_under_each_nation():
    corpus = load_corpus(SAMPLE).corpus
    hidden = Organisation(id="hidden", path="x", title="Hidden", nations=["england"], listing=None)
    both = Organisation(
        id="both",
        path="x",
        title="Both",
        nations=["england", "wales"],
        listing=Listing(basis="public-source", source="https://example.org"),
    )
    groups = organisations_by_nation([*corpus.of_kind("organisation"), hidden, both], corpus.vocabularies)
    assert [(g.title, [o.id for o in g.items]) for g in groups] == [
        ("England", ["both", "enrol-yourself"]),
        ("Wales", ["both"]),
        ("UK-wide", ["relationships-project"]),
    ]


def test_titles_sort_without_regard_to_case_or_accents():
    assert [t.title for t in by_title([term("zebra"), term("Éclair"), term("apple")])] == ["apple", "Éclair", "zebra"]
