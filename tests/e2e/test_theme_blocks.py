"""Our page template changes nothing of Material's markup but what it means to add.

overrides/main.html overrides Material's blocks to render parts once per folder (the
header around its title, the navigation sidebar, the styles, configuration and scripts).
A page built with it must read like the same page built with Material's own main.html,
whitespace aside, plus the elements our template adds (the feed link, the "Suggest a
correction" button beside the edit button, the links to the page in the site's other
languages and their style, the scripts' words; a page shown in English on another
language's site has its header title marked lang="en"): if a Material release changes the markup of a
block we rewrite, this fails.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html

FEED_LINK = "//head/link[@rel='alternate'][@type='application/atom+xml']"
# On every page with a source (not Material's 404 page): dropped wherever it is found.
CORRECTION_LINK = "//a[contains(concat(' ', @class, ' '), ' hb-suggest-correction ')]"
# What the template adds for the site's languages (every page of a site in more than one)
# and the words of the scripts of every page, dropped wherever found.
ADDED = " | ".join(
    [
        CORRECTION_LINK,
        "//head/link[@rel='alternate'][@hreflang]",
        "//head/style[@id='hb-languages-style']",
        "//div[@class='hb-languages']",  # the switcher and notices above the title
        "//script[@id='hb-strings-case-store']",  # overrides/partials/hb-strings.html
    ]
)
# The header's title of a page shown in English on another language's site is marked so: unwrapped.
MARKED_LANGUAGE = "//header//span[@lang]"


def _shape(page: Path, without: str | None = None, also: str | None = None) -> list[tuple]:
    """The page's elements in order, with their attributes and their text with whitespace collapsed."""
    document = lxml.html.fromstring(page.read_bytes())
    if without is not None:
        found = document.xpath(without)
        assert len(found) == 1, (page, without, found)
        found[0].drop_tree()
    for element in document.xpath(also) if also is not None else []:
        element.drop_tree()
    for element in document.xpath(MARKED_LANGUAGE) if also is not None else []:
        element.drop_tag()
    return [
        (
            element.tag,
            sorted(element.attrib.items()),
            " ".join((element.text or "").split()),
            " ".join((element.tail or "").split()),
        )
        for element in document.iter()
    ]


def _first_difference(ours: list[tuple], stock: list[tuple]) -> tuple | None:
    for position, (mine, theirs) in enumerate(zip(ours, stock, strict=False)):  # lengths compared below
        if mine != theirs:
            return position, mine, theirs
    return None if len(ours) == len(stock) else (min(len(ours), len(stock)), "lengths", len(ours), len(stock))


def test_pages_read_like_materials_own_template_but_for_the_feed_link(tmp_path, make_project, build):
    root = make_project(tmp_path / "project")
    ours = build(root, "--strict", "-d", str(tmp_path / "ours"))
    assert ours.returncode == 0, ours.log
    (root / "overrides" / "main.html").unlink()  # Material's main.html: base.html, nothing overridden
    stock = build(root, "--strict", "-d", str(tmp_path / "stock"))
    assert stock.returncode == 0, stock.log

    pages = sorted(path.relative_to(tmp_path / "ours") for path in (tmp_path / "ours").rglob("*.html"))
    assert len(pages) > 20 and Path("404.html") in pages
    differing = {}
    for page in pages:
        difference = _first_difference(
            _shape(tmp_path / "ours" / page, without=FEED_LINK, also=ADDED), _shape(tmp_path / "stock" / page)
        )
        if difference is not None:
            differing[page.as_posix()] = difference
    assert differing == {}
