"""A small glossary and a Markdown converter with the term linker, shared by the term-link tests.

Plain Python-Markdown with the extensions mkdocs.yml enables, no MkDocs: each call makes a
fresh corpus, ``LinkContext`` and index, as a build would.
"""

from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import strategies as st

from handbook.content.corpus import Corpus
from handbook.content.model import Item, Page, Term
from handbook.content.vocabulary import Vocabularies
from handbook.linking.link_state import LinkContext
from handbook.linking.term_index import TermIndex
from handbook.markdown import SITE_EXTENSIONS
from handbook.markdown.references import ReferenceExtension
from handbook.markdown.term_linker import TermLinkExtension, TermLinkStats

TRICKY_DEFINITION = 'Said "<not> & {{ escaped }}" in Welsh: ŵ ŷ.'

TERMS = [
    Term(
        id="council",
        path="glossary/council.md",
        title="Council",
        group="other",
        working_definition="A local authority.",
    ),
    Term(
        id="relational-council",
        path="glossary/relational-council.md",
        title="Relational council",
        group="other",
        working_definition="A council that puts relationships first.",
    ),
    Term(
        id="co-production",
        path="glossary/co-production.md",
        title="Co-production",
        aliases=["coproduction"],
        group="other",
        working_definition=TRICKY_DEFINITION,
    ),
    Term(
        id="relational-approach",
        path="glossary/relational-approach.md",
        title="Relational approach",
        group="other",
        working_definition="Working through relationships.",
    ),
    Term(
        id="first-mile",
        path="glossary/first-mile.md",
        title="First mile",
        aliases=["first mile, not the extra one"],
        group="other",
        working_definition="Putting relationships first.",
    ),
]

EXTENSIONS = SITE_EXTENSIONS  # the site's extensions, as in mkdocs.yml


def corpus_with(*items: Item) -> Corpus:
    corpus = Corpus(Path("."), Vocabularies({}))
    for item in (*TERMS, *items):
        corpus.add(item)
    return corpus


def convert(
    text: str,
    mode: str = "first",
    page: Item | None = None,
    page_url: str = "guide/",
    stats: TermLinkStats | None = None,
    context: LinkContext | None = None,
) -> str:
    page = page or Page(id="guide", path="docs/guide.md", title="Guide")
    corpus = corpus_with(page)
    context = context or LinkContext(corpus)
    context.start_page(page, page_url)
    extension = TermLinkExtension(TermIndex(corpus.terms), context, mode, stats)
    md = markdown.Markdown(extensions=[*EXTENSIONS, ReferenceExtension(context), extension])
    return md.convert(text)


def term_link(text: str, term_id: str, tip: int, definition: str, href: str | None = None) -> str:
    """The markup the linker is expected to insert, written out for the golden tests."""
    return (
        f'<span class="hb-term-wrap"><a aria-describedby="hb-tip-{tip}" class="hb-term" '
        f'href="{href or f"../glossary/{term_id}/"}">{text}</a><span class="hb-tooltip" data-search-exclude="" '
        f'id="hb-tip-{tip}" role="tooltip">{definition}</span></span>'
    )


# -- generated Markdown with term names in every kind of place, for property tests --------
NAMES = [name for term in TERMS for name in term.names]
FILLER = [
    "the",
    "a",
    "met",
    "The",
    "UK",
    "Carnegie",
    "end.",
    "Yes;",
    "relational",
    "first",
    "mile",
    "tax",
    "and",
    "councillor",
    "co",
    "production",
    "ŵ",
    "ŷ",
]


@st.composite
def mention(draw) -> str:
    name = draw(st.sampled_from(NAMES))
    form = draw(st.sampled_from(["{}", "{}s", "{}'s", "{}’s", "{}es"]))
    case = draw(st.sampled_from([str, str.lower, str.upper, str.title]))
    return case(form.format(name))


words = st.lists(st.one_of(mention(), st.sampled_from(FILLER)), min_size=1, max_size=8).map(" ".join)


@st.composite
def inline(draw) -> str:
    text = draw(words)
    kind = draw(
        st.sampled_from(
            [
                "plain",
                "plain",
                "code",
                "link",
                "image",
                "title",
                "em",
                "optout",
                "rawlink",
                "rawcode",
                "wikilink",
                "citation",
            ]
        )
    )
    return {
        "plain": text,
        "code": f"`{text}`",
        "link": f"[{text}](https://example.org/x)",
        "image": f"![{text}](map.png)",
        "title": f'[x](https://example.org "{text}")',
        "em": f"*{text}*",
        "optout": f'<span class="no-term-links">{text}</span>',
        "rawlink": f'<a href="https://example.org">{text}</a>',
        "rawcode": f"<code>{text}</code>",
        "wikilink": "[[term:council]]",
        "citation": f'<span class="hb-citation">{text}</span>',
    }[kind]


paragraph = st.lists(inline(), min_size=1, max_size=5).map(" ".join)


@st.composite
def block(draw) -> str:
    kind = draw(st.sampled_from(["para", "para", "heading", "fence", "admonition", "details", "optout-div", "list"]))
    text = draw(paragraph)
    title = draw(words)
    return {
        "para": text,
        "heading": f"## {title}",
        "fence": f"```\n{title}\n```",
        "admonition": f'!!! note "{title}"\n    {text}',
        "details": f'??? note "{title}"\n    {text}',
        "optout-div": f'<div class="no-term-links" markdown>\n{text}\n</div>',
        "list": f"- {text}\n- {title}",
    }[kind]


documents = st.lists(block(), min_size=1, max_size=6).map("\n\n".join)
