"""The headings an item's page template writes around its body, for the table of contents.

The templates in ``hooks/handbook/templates/items/`` open or close a page with sections of
their own: a term's working definition and perspectives, an evidence item's rating, a
handbook's chapters. The table of contents is made from the Markdown alone, so this
module says which headings each template writes, before and after the body, under the
template's own conditions. ``tests/e2e/test_table_of_contents.py`` checks on every item
page of a build that the table of contents lists exactly the page's headings, in order,
so the two cannot drift apart unnoticed.

The headings' words are English interface strings kept as data (marked ``N_``; the
templates write the same msgids with ``_()``), given in the language of ``messages``; their
ids are the same in every language, so links to a section and the case maker's references
hold across languages.
"""

from __future__ import annotations

from handbook.content.model import Item
from handbook.languages import N_
from handbook.languages.catalogue import Messages
from handbook.pages.toc_entries import Heading

WORKING_DEFINITION = N_("How this handbook uses it")
PERSPECTIVES = N_("Perspectives")
RELATED_TERMS = N_("Related terms")
WHY_THIS_RATING = N_("Why this rating")
KEY_FINDINGS = N_("Key findings")
QUESTIONS_RAISED = N_("Questions raised")
PLACES = N_("Places")
CONNECTIONS = N_("Connections")
FELLOW_TRAVELLERS = N_("Fellow travellers")
CHAPTERS = N_("Chapters")


def template_headings(item: Item, messages: Messages | None = None) -> tuple[list[Heading], list[Heading]]:
    """The headings the item's template writes (before its body, after its body), in the
    language of ``messages`` (English without)."""
    before, after = _headings(item)

    def translated(headings: list[tuple[str, str]]) -> list[Heading]:
        if messages is None:
            return [Heading(title, anchor, 2) for title, anchor in headings]
        return [Heading(messages.gettext(title), anchor, 2) for title, anchor in headings]

    return translated(before), translated(after)


def _headings(item: Item) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(English title, id) of the h2 headings before and after the body."""
    kind = item.kind
    if kind == "term":
        after = [(RELATED_TERMS, "related-terms")] if getattr(item, "related_terms", None) else []
        return [(WORKING_DEFINITION, "working-definition"), (PERSPECTIVES, "perspectives")], after
    if kind == "evidence":
        before = [(WHY_THIS_RATING, "why-this-rating")]
        if getattr(item, "key_findings", None):
            before.append((KEY_FINDINGS, "key-findings"))
        return before, []
    if kind == "convening":
        return [], [(QUESTIONS_RAISED, "questions-raised")] if getattr(item, "questions_raised", None) else []
    if kind == "organisation":
        after = [(PLACES, "places")] if getattr(item, "places", None) else []
        if getattr(item, "connections", None):
            after.append((CONNECTIONS, "connections"))
        return [], [*after, (FELLOW_TRAVELLERS, "fellow-travellers")]
    if kind == "handbook":
        return [], [(CHAPTERS, "chapters")]
    return [], []
