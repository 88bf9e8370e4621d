"""The unlinked-mentions report: what the site leaves unlinked, with source lines."""

from __future__ import annotations

import markdown
from hypothesis import example, given, settings

from handbook.cli.main import main
from handbook.content.model import Page
from handbook.linking.link_state import LinkContext
from handbook.linking.mentions import OPTED_OUT, REPEAT, unlinked_mentions
from handbook.linking.term_index import TermIndex
from handbook.markdown.references import ReferenceExtension
from handbook.markdown.term_linker import TermLinkExtension, TermLinkStats
from tests.support import SAMPLE
from tests.term_linking_support import EXTENSIONS, TERMS, corpus_with, documents


def report(body: str, mode: str = "first", page: Page | None = None) -> list[str]:
    page = page or Page(id="guide", path="docs/guide.md", title="Guide", body=body, body_line=4)
    return [f"{m}|{m.reason}" for m in unlinked_mentions(corpus_with(page), mode)]


def test_later_mentions_are_listed_with_their_source_line():
    assert report("The council met.\n\nThe Councils agreed.\n") == ["docs/guide.md:6: Council: Councils|repeat"]


def test_a_name_across_lines_is_reported_on_its_first_line_as_one_line_of_text():
    assert report("A relational council.\nA relational\ncouncil.") == [
        "docs/guide.md:5: Relational council: relational council|repeat"
    ]


def test_places_the_site_never_links_are_neither_reported_nor_first_mentions():
    body = (
        "## The council\n\nThe council\n=====\n\n`council` and ![council](map.png) and [a council](https://x.org)\n\n"
        '```\ncouncil\n```\n\n!!! note "Council"\n    The council met.\n\n'
        '<a href="https://x.org">council</a> <code>council</code> [^1] {: .council }\n'
    )
    assert report(body) == []


def test_an_explicit_link_is_a_first_mention():
    assert report("See [[term:council]] or [the body](term:council).\nThe council met.") == [
        "docs/guide.md:5: Council: council|repeat"
    ]


def test_opted_out_spans_and_pages_are_listed_even_for_a_first_mention():
    assert report('<span class="no-term-links">The council</span> met.') == [
        "docs/guide.md:4: Council: council|opted out"
    ]
    page = Page(id="guide", path="docs/guide.md", title="Guide", body="The council met.", body_line=4, term_links=False)
    assert report("", page=page) == ["docs/guide.md:4: Council: council|opted out"]


def test_all_mode_lists_only_opted_out_mentions():
    assert report('The council met. The council agreed. <span class="no-term-links">council</span>', mode="all") == [
        "docs/guide.md:4: Council: council|opted out"
    ]


def test_a_term_page_is_not_reported_for_its_own_names():
    term = TERMS[0]
    page = type(term)(**{**term.__dict__, "body": "The council and the council."})
    assert report("", page=page) == []


@settings(max_examples=100, deadline=None)
@given(documents)
@example("Council `Council` The Council")  # a capitalised word after markup may start a sentence
@example("The *UK* Council met. Council *Tax*")
def test_the_report_counts_the_same_repeats_as_the_build(text):
    page = Page(id="guide", path="docs/guide.md", title="Guide", body=text)
    corpus = corpus_with(page)
    context = LinkContext(corpus)
    context.start_page(page, "guide/")
    stats = TermLinkStats()
    extension = TermLinkExtension(TermIndex(corpus.terms), context, "first", stats)
    markdown.Markdown(extensions=[*EXTENSIONS, ReferenceExtension(context), extension]).convert(text)
    repeats = [m for m in unlinked_mentions(corpus, "first") if m.reason == REPEAT]
    assert len(repeats) == stats.repeats


def test_command_lists_the_sample_chapter_mentions(capsys):
    assert main(["--root", str(SAMPLE), "mentions"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "handbooks/starter/going-further.md:9: Loneliness: loneliness",
        "handbooks/starter/going-further.md:8: Relational council: relational council",
    ]
    assert (
        err.splitlines()[-1] == "2 unlinked mentions of 2 terms on 1 page (2 after a first linked mention, 0 opted out)"
    )
    assert OPTED_OUT not in out
