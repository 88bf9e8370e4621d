"""The headings an item's page template writes around its body, for the table of contents.

The templates in ``hooks/handbook/templates/items/`` open or close a page with sections of
their own: a term's working definition and perspectives, an evidence item's rating, a
handbook's chapters. The table of contents is made from the Markdown alone, so this
module says which headings each template writes, before and after the body, under the
template's own conditions. ``tests/e2e/test_table_of_contents.py`` checks on every item
page of a build that the table of contents lists exactly the page's headings, in order,
so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from handbook.content.model import Item
from handbook.pages.toc_entries import Heading


def template_headings(item: Item) -> tuple[list[Heading], list[Heading]]:
    """The headings the item's template writes (before its body, after its body)."""
    kind = item.kind
    if kind == "term":
        after = [Heading("Related terms", "related-terms", 2)] if getattr(item, "related_terms", None) else []
        return [
            Heading("How this handbook uses it", "working-definition", 2),
            Heading("Perspectives", "perspectives", 2),
        ], after
    if kind == "evidence":
        before = [Heading("Why this rating", "why-this-rating", 2)]
        if getattr(item, "key_findings", None):
            before.append(Heading("Key findings", "key-findings", 2))
        return before, []
    if kind == "convening":
        return [], [Heading("Questions raised", "questions-raised", 2)] if getattr(
            item, "questions_raised", None
        ) else []
    if kind == "organisation":
        after = [Heading("Places", "places", 2)] if getattr(item, "places", None) else []
        if getattr(item, "connections", None):
            after.append(Heading("Connections", "connections", 2))
        return [], [*after, Heading("Fellow travellers", "fellow-travellers", 2)]
    if kind == "handbook":
        return [], [Heading("Chapters", "chapters", 2)]
    return [], []
