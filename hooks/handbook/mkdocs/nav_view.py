"""What one page's navigation shows: large sections trimmed to their index and the active entry.

The theme renders the whole navigation tree into every page, so a section listing every
handbook would make each page (and the build) grow with the number of handbooks. A
section with more than ``LARGE_SECTION`` entries therefore shows, on each page, only its
first entry (its index page) and the entry the page is in; the rest stay reachable from
the index page. Views wrap the engine's own navigation objects (duck-typed: anything
with ``items``, ``children`` and ``active``) without copying or changing them, so
previous/next links and the active trail are untouched.
"""

from __future__ import annotations

from typing import Any

LARGE_SECTION = 12


class _View:
    """The wrapped object with some attributes replaced."""

    def __init__(self, wrapped: Any, **replaced: Any):
        self._wrapped = wrapped
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)

    def __iter__(self):
        return iter(self.__dict__.get("items") or self.__dict__.get("children") or [])

    def __len__(self) -> int:
        return len(self.__dict__.get("items") or self.__dict__.get("children") or [])


def _trim(children: list) -> list:
    return [child for position, child in enumerate(children) if position == 0 or getattr(child, "active", False)]


def page_navigation(nav: Any, limit: int = LARGE_SECTION) -> Any:
    """``nav`` as the current page should show it (the same object when nothing is large)."""
    items, changed = [], False
    for item in nav.items:
        children = getattr(item, "children", None)
        if children and len(children) > limit:
            items.append(_View(item, children=_trim(children)))
            changed = True
        else:
            items.append(item)
    return _View(nav, items=items) if changed else nav
