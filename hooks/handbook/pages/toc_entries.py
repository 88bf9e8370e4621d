"""Headings added around the Markdown (a template's sections, the reference list, backlinks, related), for the table of contents.

The engine's table of contents is made from the Markdown alone, so sections that the
reference resolver or the templates add afterwards would be missing from it. Kept free of
any engine: entries only need ``.id``, ``.level`` and ``.children``, and the adapter says
how to make one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar


@dataclass(frozen=True)
class Heading:
    """A heading added to a page: its text (plain, not HTML), its id and its level (2 for h2)."""

    title: str
    id: str
    level: int


class Entry(Protocol):
    id: str
    level: int
    children: list


E = TypeVar("E", bound=Entry)


def add_headings(toc: list[E], headings: Iterable[Heading], make: Callable[[Heading], E]) -> None:
    """Append each heading at the end of ``toc``, under the last entry of a higher level.

    Adding the same heading twice changes nothing (a page rendered again keeps one entry).
    A page whose Markdown has no headings keeps its empty table of contents: Material's
    "Skip to content" link goes to the first entry, which would then be the end of the page.
    """
    if not toc:
        return
    for heading in headings:
        siblings = toc
        while siblings and siblings[-1].level < heading.level:
            siblings = siblings[-1].children
        if all(entry.id != heading.id for entry in siblings):
            siblings.append(make(heading))


def insert_headings_first(toc: list[E], headings: Iterable[Heading], make: Callable[[Heading], E]) -> None:
    """Put headings that come before the page's own (a template's opening sections) first, in order.

    These are at the top of the page, so an empty table of contents may take them:
    "Skip to content" then leads to the first of them.
    """
    new = [make(heading) for heading in headings if all(entry.id != heading.id for entry in toc)]
    toc[:0] = new
