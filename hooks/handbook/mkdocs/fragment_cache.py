"""Template fragments rendered once per build for every page that would render them alike.

Material renders its whole page template for every page, including parts that are the
same on many pages: the configuration script, style sheets and scripts, and the
navigation of every page that is not itself in the navigation (glossary terms, evidence,
stories...: most pages). Their links are relative, so they are alike for the pages of one
folder (``evidence/a/`` and ``evidence/b/`` both link to ``../../glossary/``, but
``glossary/c/`` links to ``../``).
Templates ask for such a part through ``FragmentCache``, under a key naming everything
the part depends on; the first page renders it and the others reuse it (overrides/main.html
passes Material's own blocks, through ``super``). A part alike but for one piece (Material's
header, alike but for the page's title) is kept as a frame around a hole, which each page
fills. A new cache is made for every build (``on_env``), so nothing carries over between
previews.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection, Hashable, Iterable
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup


class FragmentCache:
    def __init__(self) -> None:
        # Where a frame's piece goes (see ``frame``): control characters no template writes,
        # around a token drawn per build, which content (a title in a frame) cannot spell.
        self.hole = Markup(f"\x00hb-hole-{secrets.token_hex(8)}\x00")
        self._rendered: dict[tuple[str, Hashable], Any] = {}
        self.reused = 0

    def __call__(self, name: str, key: Hashable | None, render: Callable[..., Any], *args: Any) -> Any:
        """The fragment ``name`` for ``key``, ``render(*args)`` the first time; no key: always rendered.

        ``args`` let a template pass a macro with its arguments (the key must name all
        that they change in the output).
        """
        if key is None:
            return render(*args)
        entry = (name, key)
        try:
            rendered = self._rendered[entry]
        except KeyError:
            rendered = self._rendered[entry] = render(*args)
        else:
            self.reused += 1
        return rendered

    def frame(self, name: str, key: Hashable, render: Callable[..., Any], *args: Any) -> tuple[Markup, Markup]:
        """A fragment alike for many pages but for one piece: what comes before and after the hole.

        ``render(*args)`` must write ``self.hole`` once, where the piece goes; the page
        writes the two parts with its own piece between them. A page's navigation, say, is
        the same for the pages of a folder but for the entry holding the page.
        """

        def split() -> tuple[Markup, Markup]:
            rendered = str(render(*args))
            if rendered.count(self.hole) != 1:
                raise ValueError(f"fragment {name!r} must hold one hole, not {rendered.count(self.hole)}")
            before, after = rendered.split(self.hole)
            return Markup(before), Markup(after)

        return self(name, key, split)

    def titled_hole(self, page: Any) -> SimpleNamespace:
        """A stand-in for ``page`` in a frame around its title: its title is the hole.

        It keeps the page's URL, from which MkDocs' ``url`` filter makes links relative.
        """
        return SimpleNamespace(url=page.url, title=self.hole, meta={"title": self.hole})


def navigation_is_shared(nav: Any) -> bool:
    """Whether the page is outside the navigation, so its navigation shows nothing of its own.

    The navigation marks the current page and its sections active; a page outside it
    (no active entry) gets the same navigation as every other such page in a folder of
    the same depth. Pages in the navigation also carry their own table of contents there.
    """
    return not any(getattr(item, "active", False) for item in getattr(nav, "items", []))


def links_alike_key(url: str, linked_beneath: Collection[str] = ()) -> str:
    """Where a page's relative links start from, with its own name left out.

    ``evidence/a/`` and ``evidence/b/`` give ``evidence/*/``; ``evidence/`` gives ``*/``
    and the home page ``""``. Pages with the same key link alike to any page that is not
    beneath one of them: from ``evidence/`` a link to ``evidence/x/`` is ``x/``, from
    ``glossary/`` it is ``../evidence/x/``. So a page in ``linked_beneath`` (the folders
    holding pages the shared fragments link to: see ``folders_above``) keeps its own URL
    as its key and shares nothing.
    """
    if url in linked_beneath:
        return url
    if not url:
        return ""
    head, _, _ = url.rstrip("/").rpartition("/")
    trailing = "/" if url.endswith("/") else ""
    return f"{head}/*{trailing}" if head else f"*{trailing}"


def folders_above(urls: Iterable[str]) -> frozenset[str]:
    """Every directory-style URL that holds one of ``urls`` beneath it (not the URLs themselves).

    ``handbooks/h/c/`` gives ``""``, ``handbooks/`` and ``handbooks/h/``.
    """
    folders = set()
    for url in urls:
        parts = [part for part in url.split("/") if part]
        for depth in range(len(parts)):
            folders.add("".join(f"{part}/" for part in parts[:depth]))
    return frozenset(folders)
