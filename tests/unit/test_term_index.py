"""The term index: names found in plain text by word-sequence lookup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.content.model import Term
from handbook.linking.term_index import TermIndex


def term(term_id: str, title: str, *aliases: str) -> Term:
    return Term(
        id=term_id,
        path=f"glossary/{term_id}.md",
        title=title,
        aliases=list(aliases),
        group="other",
        working_definition="-",
    )


INDEX = TermIndex(
    [
        term("council", "Council"),
        term("relational-council", "Relational council", "relational local government"),
        term("cymuned", "Cymuned ŵyr"),
        term("r-and-d", "R&D"),
        term("istanbul", "İstanbul"),
        term("community", "Community"),
        term("community-weaving", "Community weaving"),
    ]
)


def found(text: str) -> list[tuple[str, str]]:
    return [(m.term_id, m.text) for m in INDEX.find(text)]


def test_longest_name_first_and_no_overlaps():
    assert found("a relational council and relational local government councils") == [
        ("relational-council", "relational council"),
        ("relational-council", "relational local government"),
        ("council", "councils"),
    ]


def test_plurals_in_ies():
    assert found("communities and community weavings") == [
        ("community", "communities"),
        ("community-weaving", "community weavings"),
    ]


def test_only_the_last_word_of_a_name_may_be_inflected():
    assert found("relationals council") == [("council", "council")]


def test_offsets_point_into_the_original_text():
    text = "Yes, Cymuned Ŵyr’s day."
    [mention] = INDEX.find(text)
    assert text[mention.start : mention.end] == "Cymuned Ŵyr’s" == mention.text


def test_punctuation_inside_a_name_must_match():
    assert found("R&D, R & D, R and D, RD") == [("r-and-d", "R&D"), ("r-and-d", "R & D")]


def test_a_letter_that_changes_length_in_lower_case_keeps_offsets_right():
    text = "From İstanbul to the council."
    assert [text[m.start : m.end] for m in INDEX.find(text)] == ["İstanbul", "council"]


def test_raw_html_placeholders_are_never_matched():
    assert found("\x02wzxhzdk:0\x03council\x02wzxhzdk:1\x03") == [("council", "council")]
    assert TermIndex([term("x", "wzxhzdk")]).find("\x02wzxhzdk:0\x03") == []


def test_term_urls_map_back_to_ids():
    assert INDEX.by_url["glossary/relational-council/"] == "relational-council"


def test_capitalised_mentions_inside_proper_names_are_not_mentions():
    assert found("The Carnegie UK Council met. Council Tax rose. The Council Paradigm.") == []
    assert found("Council\n\nCouncil") == [("council", "Council"), ("council", "Council")]
    assert found("Council met. Yes. The Council met. The new Council met; Relational Councils work") == [
        ("council", "Council"),
        ("council", "Council"),
        ("council", "Council"),
        ("relational-council", "Relational Councils"),
    ]


# -- many texts at once (a page's text nodes): the same mentions as one text at a time --------
PIECES = [
    "council",
    "Council",
    "councils",
    "Relational",
    "relational",
    "council's",
    "local",
    "government",
    "UK",
    "The",
    "community",
    "weaving",
    "weavings",
    "R&D",
    "R",
    "&",
    "D",
    "İstanbul",
    "Cymuned",
    "ŵyr",
    "co-",
    "-",
    ",",
    ".",
    " ",
    " ",
    "\n",
    "\n\n",
    "\x02wzxhzdk:0\x03",
    "\x02wzxhzdk:1",
    "\x03",
    "\x00",
    "'s",
    "’",
]
texts = st.lists(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), max_size=6)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_find_each_gives_what_find_gives_each_text(many):
    assert INDEX.find_each(many) == [INDEX.find(text) for text in many]


def test_find_each_keeps_names_placeholders_and_proper_names_within_their_own_text():
    many = [
        "Relational",
        "council met",
        "The Carnegie",
        "Council",
        "Council",
        "Tax",
        "\x02wzxhzdk:1",
        "council\x03 council",
    ]
    assert INDEX.find_each(many) == [INDEX.find(text) for text in many]
    assert [[m.text for m in mentions] for mentions in INDEX.find_each(many)] == [
        [],
        ["council"],
        [],
        ["Council"],
        ["Council"],
        [],
        [],
        ["council", "council"],
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_is_split_into_the_same_words_by_the_faster_pattern(text):
    from handbook.linking.term_index import _WORD_OR_GAP, _WORD_OR_GAP_IN_ASCII

    assert _WORD_OR_GAP_IN_ASCII.split(text) == _WORD_OR_GAP.split(text)
