"""Markdown in, HTML out: automatic term links for each edge case."""

from __future__ import annotations

import pytest

from handbook.content.model import Page
from handbook.markdown.term_linker import TermLinkExtension, TermLinkStats
from tests.term_linking_support import TERMS, TRICKY_DEFINITION, convert, corpus_with, term_link

COUNCIL = "A local authority."
RELATIONAL_COUNCIL = "A council that puts relationships first."
APPROACH = "Working through relationships."
TRICKY_ESCAPED = 'Said "&lt;not&gt; &amp; {{ escaped }}" in Welsh: ŵ ŷ.'


def test_first_mention_is_linked_with_a_tooltip():
    assert convert("The council met.") == f"<p>The {term_link('council', 'council', 1, COUNCIL)} met.</p>"


@pytest.mark.parametrize("written", ["councils", "Councils", "COUNCIL", "council's", "council’s", "Council"])
def test_case_plural_and_possessive_forms(written):
    assert convert(f"A {written} budget.") == f"<p>A {term_link(written, 'council', 1, COUNCIL)} budget.</p>"


def test_plural_in_es_on_the_last_word_of_a_name():
    html = convert("Relational approaches work.")
    assert html == f"<p>{term_link('Relational approaches', 'relational-approach', 1, APPROACH)} work.</p>"


def test_longest_match_wins():
    html = convert("A relational council is a council.", mode="all")
    assert html == (
        f"<p>A {term_link('relational council', 'relational-council', 1, RELATIONAL_COUNCIL)}"
        f" is a {term_link('council', 'council', 2, COUNCIL)}.</p>"
    )


def test_a_name_across_a_line_break_and_with_punctuation():
    html = convert("Relational\ncouncils and the first mile, not the extra one.")
    assert html == (
        f"<p>{term_link('Relational' + chr(10) + 'councils', 'relational-council', 1, RELATIONAL_COUNCIL)}"
        f" and the {term_link('first mile, not the extra one', 'first-mile', 2, 'Putting relationships first.')}.</p>"
    )


@pytest.mark.parametrize(
    "text", ["councillor", "subcouncil", "council_tax", "relational-council", "co-productions-ish"]
)
def test_word_boundaries_are_respected(text):
    assert "hb-term" not in convert(f"The {text} met.")


def test_only_the_first_mention_per_page_by_default():
    stats = TermLinkStats()
    html = convert("The council met.\n\nThe council agreed. Councils differ.", stats=stats)
    assert html.count('class="hb-term"') == 1
    assert "<p>The council agreed. Councils differ.</p>" in html
    assert (stats.links, stats.repeats, stats.pages) == (1, 2, 1)


def test_every_mention_in_all_mode():
    html = convert("The council met.\n\nThe council agreed.", mode="all")
    assert html == (
        f"<p>The {term_link('council', 'council', 1, COUNCIL)} met.</p>\n"
        f"<p>The {term_link('council', 'council', 2, COUNCIL)} agreed.</p>"
    )


def test_a_capitalised_mention_inside_a_proper_name_is_not_linked():
    html = convert("The Carnegie UK Council met. Council Tax rose. The Council met.")
    assert (
        html
        == f"<p>The Carnegie UK Council met. Council Tax rose. The {term_link('Council', 'council', 1, COUNCIL)} met.</p>"
    )


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="not one of first, all"):
        TermLinkExtension(None, None, "every")  # type: ignore[arg-type]  # only the mode matters here


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("`council` and council", f"<p><code>council</code> and {term_link('council', 'council', 1, COUNCIL)}</p>"),
        ("```\ncouncil\n```", '<div class="highlight"><pre><span></span><code>council\n</code></pre></div>'),
        ("    council code", "<pre><code>council code\n</code></pre>"),
        ("## The council", '<h2 id="the-council">The council</h2>'),
        ("# Council", '<h1 id="council">Council</h1>'),
        (
            "[the council](https://example.org) council",
            f'<p><a href="https://example.org">the council</a> {term_link("council", "council", 1, COUNCIL)}</p>',
        ),
        ('![a council](map.png "council")', '<p><img alt="a council" src="map.png" title="council" /></p>'),
        (
            '[visit](https://example.org "the council")',
            '<p><a href="https://example.org" title="the council">visit</a></p>',
        ),
        (
            '<span class="no-term-links" markdown>The council</span>',
            '<p><span class="no-term-links" markdown>The council</span></p>',
        ),
        (
            'The <span class="no-term-links">*council*</span> council',
            f'<p>The <span class="no-term-links"><em>council</em></span> {term_link("council", "council", 1, COUNCIL)}</p>',
        ),
        ('<a href="https://example.org">the council</a>', '<p><a href="https://example.org">the council</a></p>'),
        (
            "<code>council</code> <b>council</b>",
            f"<p><code>council</code> <b>{term_link('council', 'council', 1, COUNCIL)}</b></p>",
        ),
        (
            '<div class="no-term-links" markdown>\nThe council met.\n</div>',
            '<div class="no-term-links">\n<p>The council met.</p>\n</div>',
        ),
        ("A *council* met", f"<p>A <em>{term_link('council', 'council', 1, COUNCIL)}</em> met</p>"),
        ('A <abbr title="council">CC</abbr> met', '<p>A <abbr title="council">CC</abbr> met</p>'),
    ],
)
def test_forbidden_places_are_left_alone_and_prose_is_linked(markdown, expected):
    assert convert(markdown) == expected


def test_admonition_title_is_not_linked_but_its_body_is():
    html = convert('!!! note "The council"\n    The council met.')
    assert html == (
        '<div class="admonition note">\n<p class="admonition-title">The council</p>\n'
        f"<p>The {term_link('council', 'council', 1, COUNCIL)} met.</p>\n</div>"
    )


def test_details_summary_is_not_linked_but_its_body_is():
    html = convert('??? note "The council"\n    The council met.')
    assert html == (
        '<details class="note">\n<summary>The council</summary>\n'
        f"<p>The {term_link('council', 'council', 1, COUNCIL)} met.</p>\n</details>"
    )


def test_citations_are_not_entered():
    html = convert('The <span class="hb-citation">council 2020</span> council')
    assert html == (
        f'<p>The <span class="hb-citation">council 2020</span> {term_link("council", "council", 1, COUNCIL)}</p>'
    )


def test_an_explicit_link_counts_as_the_first_mention():
    html = convert("See [[term:council]]. The council met.")
    assert html == '<p>See <a class="hb-ref hb-ref-term" href="../glossary/council/">Council</a>. The council met.</p>'


@pytest.mark.parametrize(
    "href", ["../glossary/council/.", "../glossary/council/x/..", "../glossary/council#history", "/glossary/council"]
)
def test_an_explicit_link_by_any_path_to_the_term_counts(href):
    assert "hb-term" not in convert(f"See [it]({href}). The council met.")


def test_a_link_to_another_page_named_like_a_term_does_not_count():
    html = convert("See [it](../evidence/council/). The council met.")
    assert f"The {term_link('council', 'council', 1, COUNCIL)} met." in html


def test_an_explicit_link_later_does_not_stop_an_earlier_mention():
    html = convert("The council met. See [the council](term:council).")
    assert html.startswith(f"<p>The {term_link('council', 'council', 1, COUNCIL)} met.")


def test_a_page_can_opt_out_in_front_matter():
    page = Page(id="guide", path="docs/guide.md", title="Guide", term_links=False)
    stats = TermLinkStats()
    assert convert("The council met.", page=page, stats=stats) == "<p>The council met.</p>"
    assert stats.opted_out_pages == 1


def test_a_term_page_does_not_link_to_itself_but_links_others():
    html = convert(
        "A relational council is a council.", mode="all", page=TERMS[1], page_url="glossary/relational-council/"
    )
    assert (
        html == f"<p>A relational council is a {term_link('council', 'council', 1, COUNCIL, href='../council/')}.</p>"
    )


def test_tooltip_text_with_quotes_markup_braces_and_welsh_letters_is_escaped_intact():
    html = convert("We believe in co-production.")
    assert (
        '<span class="hb-tooltip" data-search-exclude="" id="hb-tip-1" role="tooltip">'
        'Said "&lt;not&gt; &amp; {{ escaped }}" in Welsh: ŵ ŷ.</span>'
    ) in html
    assert TRICKY_DEFINITION not in html  # the raw text never reaches the page unescaped


def test_inline_html_placeholders_survive():
    html = convert("The <b>Co-production</b> council <i>met</i>.")
    assert html == (
        f"<p>The <b>{term_link('Co-production', 'co-production', 1, TRICKY_ESCAPED)}</b> "
        f"{term_link('council', 'council', 2, COUNCIL)} <i>met</i>.</p>"
    )


def test_tooltip_ids_are_unique_on_a_page():
    html = convert("council, relational council, co-production, first mile", mode="all")
    for number in range(1, 5):
        assert html.count(f'id="hb-tip-{number}"') == 1


def test_mentions_are_recorded_as_uses_for_backlinks():
    from handbook.linking.link_state import LinkContext

    page = Page(id="guide", path="docs/guide.md", title="Guide")
    context = LinkContext(corpus_with(page))
    convert("The council met.", page=page, context=context)
    [use] = context.used_by(context.corpus.get("term", "council"))
    assert (use.source.id, use.how) == ("guide", "mention")
