"""Properties of the term linker over generated Markdown with terms in every kind of place.

For any page: removing the inserted links and tooltips gives back exactly the page
converted without the linker; no term link sits inside another link or a forbidden
element; and running the linker a second time changes nothing.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as etree
from html.parser import HTMLParser

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import Treeprocessor

from handbook.content.model import Page
from handbook.linking.link_state import LinkContext
from handbook.linking.term_index import TermIndex
from handbook.markdown.references import ReferenceExtension
from handbook.markdown.term_linker import TermLinker, TermLinkExtension, TermLinkStats
from tests.term_linking_support import EXTENSIONS, TERMS, corpus_with, documents

FORBIDDEN_TAGS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "summary"}
FORBIDDEN_CLASSES = {"no-term-links", "admonition-title", "hb-citation", "hb-tooltip"}


class _Unlink(Treeprocessor):
    """Undo the linker: drop tooltips, put each link's text back in place."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for wrapper in [c for c in parent if "hb-term-wrap" in c.get("class", "").split()]:
                index = list(parent).index(wrapper)
                text = wrapper[0].text + (wrapper.tail or "")
                if index == 0:
                    parent.text = (parent.text or "") + text
                else:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + text
                parent.remove(wrapper)


@functools.cache
def _markdown(mode: str, linkers: int, unlink: bool) -> markdown.Markdown:
    """One converter per variant, reset between documents (building one per example is slow)."""
    page = Page(id="guide", path="docs/guide.md", title="Guide")
    context = LinkContext(corpus_with(page))
    context.start_page(page, "guide/")
    extensions = [*EXTENSIONS, ReferenceExtension(context)]
    index = TermIndex(context.corpus.terms)
    if linkers:
        extensions.append(TermLinkExtension(index, context, mode))
    md = markdown.Markdown(extensions=extensions)
    if linkers > 1:
        md.treeprocessors.register(TermLinker(md, index, context, mode, TermLinkStats()), "hb-term-links-again", -25)
    if unlink:
        md.treeprocessors.register(_Unlink(md), "unlink", -30)
    return md


def _convert(text: str, mode: str, linkers: int = 1, unlink: bool = False) -> str:
    return _markdown(mode, linkers, unlink).reset().convert(text)


class _NestingCheck(HTMLParser):
    """Records every term link that opens inside a link or a forbidden element."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, set[str]]] = []
        self.bad: list[str] = []
        self.links = 0

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "a" and "hb-term" in classes:
            self.links += 1
            for name, outer in self.open:
                if name in FORBIDDEN_TAGS or outer & FORBIDDEN_CLASSES:
                    self.bad.append(f"term link inside <{name} class={sorted(outer)}>")
        if tag not in {"img", "br", "hr", "input", "meta", "link"}:
            self.open.append((tag, classes))

    def handle_endtag(self, tag):
        names = [name for name, _ in self.open]
        if tag in names:
            del self.open[len(names) - 1 - names[::-1].index(tag) :]


modes = st.sampled_from(["first", "all"])
bounded = settings(max_examples=100, deadline=None)


@bounded
@given(documents, modes)
def test_text_is_unchanged_apart_from_the_inserted_links(text, mode):
    assert _convert(text, mode, unlink=True) == _convert(text, mode, linkers=0)


@bounded
@given(documents, modes)
def test_no_term_link_inside_a_link_or_a_forbidden_element(text, mode):
    checker = _NestingCheck()
    checker.feed(_convert(text, mode))
    checker.close()
    assert checker.bad == []


@bounded
@given(documents, modes)
def test_running_twice_changes_nothing_more(text, mode):
    assert _convert(text, mode, linkers=2) == _convert(text, mode)


@bounded
@given(documents)
def test_first_mode_links_each_term_at_most_once(text):
    html = _convert(text, "first")
    for term in TERMS:
        assert html.count(f'class="hb-term" href="../glossary/{term.id}/"') <= 1
