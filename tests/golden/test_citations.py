"""Golden tests: Markdown in, HTML out, for numbered citations and their reference list."""

from __future__ import annotations

import markdown
import pytest

from handbook.content.corpus import load_corpus
from handbook.content.model import Confidence, Evidence
from handbook.linking.link_state import LinkContext
from handbook.markdown.references import ReferenceExtension
from tests.support import SAMPLE

PAGE_URL = "handbooks/starter/first-steps/"

HOLT = (
    '<a class="hb-cite" data-hb-evidence="../../../evidence/holt-lunstad-2010/" href="#hb-ref-holt-lunstad-2010" '
    'title="Holt-Lunstad et al. (2010). Social relationships and mortality risk: a meta-analytic review. '
    'Confidence 4/4: Strong">{n}</a>'
)
RUSSELL = (
    '<a class="hb-cite" data-hb-evidence="../../../evidence/russell-1996/" href="#hb-ref-russell-1996" '
    'title="Russell (1996). UCLA Loneliness Scale (Version 3): reliability, validity, and factor structure. '
    'Confidence 3/4: Good">{n}</a>'
)
HOLT_ENTRY = (
    '<li id="hb-ref-holt-lunstad-2010" value="{n}"><span class="hb-ref-authors">Holt-Lunstad, Julianne; Smith, '
    'Timothy B.; Layton, J. Bradley</span> (2010). <a class="hb-ref-title" href="../../../evidence/holt-lunstad-2010/">'
    'Social relationships and mortality risk: a meta-analytic review</a>. <span class="hb-ref-publisher">PLoS Medicine'
    '</span>. <a class="hb-ref-link" href="https://doi.org/10.1371/journal.pmed.1000316">doi:10.1371/journal.pmed.1000316'
    '</a> <span class="hb-confidence hb-confidence-4">Confidence 4/4: Strong</span> <a aria-label="Back to citation {n} '
    'in the text" class="hb-backref" href="#hb-cite-{group}">\u21a9</a></li>'
)
RUSSELL_ENTRY = (
    '<li id="hb-ref-russell-1996" value="{n}"><span class="hb-ref-authors">Russell, Daniel W.</span> (1996). '
    '<a class="hb-ref-title" href="../../../evidence/russell-1996/">UCLA Loneliness Scale (Version 3): reliability, '
    'validity, and factor structure</a>. <span class="hb-ref-publisher">Journal of Personality Assessment</span>. '
    '<span class="hb-confidence hb-confidence-3">Confidence 3/4: Good</span> <a aria-label="Back to citation {n} '
    'in the text" class="hb-backref" href="#hb-cite-{group}">\u21a9</a></li>'
)
REFERENCES = '<section aria-labelledby="hb-references" class="hb-references" data-search-exclude=""><h2 data-search-exclude="" id="hb-references">References</h2><ol class="hb-reference-list">{}</ol></section>'


@pytest.fixture
def corpus():
    result = load_corpus(SAMPLE)
    assert not result.problems
    return result.corpus


def make_context(corpus) -> LinkContext:
    context = LinkContext(corpus)
    context.start_page(corpus.get("chapter", "starter/first-steps"), PAGE_URL)
    return context


def convert(context: LinkContext, text: str, numbered: bool = True) -> str:
    return markdown.Markdown(extensions=[ReferenceExtension(context, numbered=numbered)]).convert(text)


def test_one_citation_is_numbered_and_listed(corpus):
    html = convert(make_context(corpus), "Ties matter [@holt-lunstad-2010].")
    assert html == (
        '<p>Ties matter <sup class="hb-citation" id="hb-cite-1">['
        + HOLT.format(n=1)
        + "]</sup>.</p>\n"
        + REFERENCES.format(HOLT_ENTRY.format(n=1, group=1))
    )


def test_numbers_follow_first_citation_and_repeat_for_the_same_item(corpus):
    html = convert(
        make_context(corpus), "A [@russell-1996]. B [@holt-lunstad-2010; @russell-1996]. C [@holt-lunstad-2010]."
    )
    assert html == (
        '<p>A <sup class="hb-citation" id="hb-cite-1">[' + RUSSELL.format(n=1) + "]</sup>. "
        'B <sup class="hb-citation" id="hb-cite-2">[' + HOLT.format(n=2) + ", " + RUSSELL.format(n=1) + "]</sup>. "
        'C <sup class="hb-citation" id="hb-cite-3">['
        + HOLT.format(n=2)
        + "]</sup>.</p>\n"
        + REFERENCES.format(RUSSELL_ENTRY.format(n=1, group=1) + HOLT_ENTRY.format(n=2, group=2))
    )


def test_numbering_starts_again_on_every_page(corpus):
    context = make_context(corpus)
    extension = ReferenceExtension(context)
    first = markdown.Markdown(extensions=[extension]).convert("[@russell-1996] [@holt-lunstad-2010]")
    assert 'href="#hb-ref-holt-lunstad-2010" title="Holt-Lunstad et al. (2010).' in first and ">2</a>" in first
    # The same extension object serves every page of a build (as MkDocs does), and a
    # Markdown object may be reused after reset(): neither carries numbers over.
    md = markdown.Markdown(extensions=[extension])
    for _ in range(2):
        md.reset()
        second = md.convert("Only [@holt-lunstad-2010].")
        assert second.count('value="1"') == 1 and ">2</a>" not in second and "hb-ref-russell-1996" not in second


def test_unknown_id_is_marked_and_reported_not_listed(corpus):
    context = make_context(corpus)
    html = convert(context, "See [@holt-lunstad-2010; @no-such-item].")
    assert (
        '<sup class="hb-citation" id="hb-cite-1">['
        + HOLT.format(n=1)
        + ', <span class="hb-broken-ref">@no-such-item</span>]</sup>'
    ) in html
    assert "hb-ref-no-such-item" not in html
    assert [str(p) for p in context.problems] == [
        "handbooks/starter/first-steps.md:1: citation: no evidence 'no-such-item' (expected the id of an existing evidence)"
    ]


def test_citation_syntax_in_code_stays_code(corpus):
    html = convert(make_context(corpus), "Write `[@holt-lunstad-2010]` to cite.")
    assert html == "<p>Write <code>[@holt-lunstad-2010]</code> to cite.</p>"


def test_page_without_citations_has_no_reference_list(corpus):
    assert convert(make_context(corpus), "No citations here.") == "<p>No citations here.</p>"


def test_without_cross_linking_citations_stay_author_year(corpus):
    html = convert(make_context(corpus), "Ties [@holt-lunstad-2010].", numbered=False)
    assert html == (
        '<p>Ties <span class="hb-citation">(<a class="hb-ref hb-ref-evidence" '
        'href="../../../evidence/holt-lunstad-2010/">Holt-Lunstad et al. 2010</a><span>)</span></span>.</p>'
    )


def test_citations_are_recorded_as_uses(corpus):
    context = make_context(corpus)
    convert(context, "[@holt-lunstad-2010] and again [@holt-lunstad-2010]")
    uses = context.used_by(corpus.get("evidence", "holt-lunstad-2010"))
    assert [(use.source.id, use.how) for use in uses] == [("starter/first-steps", "citation")]


def test_special_characters_in_references_are_escaped_intact(corpus):
    corpus.add(
        Evidence(
            id="jones-2020",
            path="docs/evidence/jones-2020.md",
            title='Ties & "bonds" <in> Cymru: {{ ŵ ŷ }}',
            authors=["Jones, Siân"],
            year=2020,
            evidence_type="survey",
            url="https://example.org/a?b=1&c=2",
            confidence=Confidence(rating=2, rationale="Test."),
        )
    )
    html = convert(make_context(corpus), "[@jones-2020]")
    assert (
        'title="Jones (2020). Ties &amp; &quot;bonds&quot; &lt;in&gt; Cymru: {{ ŵ ŷ }}. Confidence 2/4: Promising"'
        in html
    )
    assert (
        '<a class="hb-ref-title" href="../../../evidence/jones-2020/">Ties &amp; "bonds" &lt;in&gt; Cymru: {{ ŵ ŷ }}</a>'
        in html
    )
    assert '<span class="hb-ref-authors">Jones, Siân</span>' in html
    assert 'href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>' in html


@pytest.mark.parametrize("numbered", [True, False])
def test_a_citation_inside_link_text_stays_plain_text_and_is_reported(corpus, numbered):
    context = make_context(corpus)
    html = convert(context, "See [the review [@holt-lunstad-2010] online](https://example.org).", numbered=numbered)
    assert html == (
        '<p>See <a href="https://example.org">the review <span class="hb-citation">(Holt-Lunstad et al. 2010)'
        "</span> online</a>.</p>"
    )  # no link inside the link, and no reference list for it
    assert [str(problem) for problem in context.problems] == [
        "handbooks/starter/first-steps.md:1: citation: [@holt-lunstad-2010] is inside the text of a link, where it cannot "
        "link to its reference (expected the citation outside the link's square brackets)"
    ]
    assert [use.how for use in context.used_by(corpus.get("evidence", "holt-lunstad-2010"))] == ["citation"]


# -- issue 17: links whose text starts with "@", and locators ----------------------------


def test_a_link_whose_text_starts_with_at_is_an_ordinary_link(corpus):
    context = make_context(corpus)
    html = convert(
        context, "Ask [@someone](https://example.org/someone) or [@holt-lunstad-2010](https://example.org/x)."
    )
    assert html == (
        '<p>Ask <a href="https://example.org/someone">@someone</a> or '
        '<a href="https://example.org/x">@holt-lunstad-2010</a>.</p>'
    )  # no citation, no reference list
    assert context.problems == []
    assert context.used_by(corpus.get("evidence", "holt-lunstad-2010")) == []


def test_a_reference_style_link_whose_text_starts_with_at_is_a_link(corpus):
    html = convert(make_context(corpus), "Ask [@someone][who].\n\n[who]: https://example.org/someone\n")
    assert html == '<p>Ask <a href="https://example.org/someone">@someone</a>.</p>'


def test_a_locator_is_shown_after_its_number(corpus):
    html = convert(make_context(corpus), "Ties matter [@holt-lunstad-2010, p. 4].")
    assert html == (
        '<p>Ties matter <sup class="hb-citation" id="hb-cite-1">['
        + HOLT.format(n=1)
        + ", p. 4]</sup>.</p>\n"
        + REFERENCES.format(HOLT_ENTRY.format(n=1, group=1))
    )


def test_locators_of_several_items_are_kept_apart_by_semicolons(corpus):
    html = convert(make_context(corpus), "A [@holt-lunstad-2010, pp. 10-12; @russell-1996].")
    assert html.startswith(
        '<p>A <sup class="hb-citation" id="hb-cite-1">['
        + HOLT.format(n=1)
        + ", pp. 10-12; "
        + RUSSELL.format(n=2)
        + "]</sup>.</p>"
    )


def test_items_separated_by_a_comma_are_still_two_citations(corpus):
    html = convert(make_context(corpus), "A [@holt-lunstad-2010, @russell-1996].")
    assert html.startswith(
        '<p>A <sup class="hb-citation" id="hb-cite-1">['
        + HOLT.format(n=1)
        + ", "
        + RUSSELL.format(n=2)
        + "]</sup>.</p>"
    )


def test_a_locator_in_author_year_citations(corpus):
    html = convert(make_context(corpus), "Ties [@holt-lunstad-2010, ch. 2 & <b>3</b>].", numbered=False)
    assert html == (
        '<p>Ties <span class="hb-citation">(<a class="hb-ref hb-ref-evidence" '
        'href="../../../evidence/holt-lunstad-2010/">Holt-Lunstad et al. 2010</a>, ch. 2 &amp; &lt;b&gt;3&lt;/b&gt;'
        "<span>)</span></span>.</p>"
    )
