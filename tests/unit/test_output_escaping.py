"""The escaping rule for templates and outputs (handbook.safety.output_escaping)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jinja2
import lxml.html
import material
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape
from mkdocs.structure.toc import AnchorLink

from handbook.languages.catalogue import Messages, install
from handbook.mkdocs.fragment_cache import FragmentCache
from handbook.pages.changes import ChangeEntry, atom_feed
from handbook.pages.render import ENGINE_TEMPLATES
from handbook.safety.output_escaping import (
    heading_markup,
    search_text,
    theme_autoescape,
    theme_cache_name,
    toc_as_markup,
    xml_text,
)

REPO = Path(__file__).resolve().parents[2]
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
# What templates may print unescaped: HTML the build made (a page's body, a print
# section made from it) and the print style sheet (handbook.pages.render.ENGINE_TEMPLATES).
TRUSTED_EXPRESSIONS = {"body", "section.html", "css"}


def test_a_table_of_contents_entry_keeps_its_text_and_loses_any_markup():
    assert heading_markup("Tom &amp; Jerry") == "Tom &amp; Jerry"
    assert heading_markup("Use &lt;b&gt; for bold") == "Use &lt;b&gt; for bold"  # escaped text stays text
    assert heading_markup('Hi <img src=x onerror="alert(1)"> there') == "Hi there"  # markup that slipped through
    assert heading_markup("a < b") == "a &lt; b"
    assert isinstance(heading_markup("x"), Markup)
    once = heading_markup("Tom &amp; <b>Jerry</b>")
    assert heading_markup(once) == once  # a page rendered again keeps its entries


def test_every_entry_of_a_table_of_contents_is_made_markup():
    child = AnchorLink("b <script>x</script>", "b", 3)
    parent = AnchorLink("a &amp; c", "a", 2)
    parent.children.append(child)
    toc_as_markup([parent])
    assert (parent.title, child.title) == ("a &amp; c", "b x")
    assert isinstance(child.title, Markup)


def test_search_text_is_escaped():
    assert search_text('<img src=x onerror="alert(1)">') == "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"


def test_theme_templates_are_escaped_but_the_one_that_prints_configured_markup():
    assert theme_autoescape("main.html") and theme_autoescape("partials/nav-item.html") and theme_autoescape(None)
    assert not theme_autoescape("partials/icons.html")
    # Compiled templates without escaping (the earlier "theme" folder) are never loaded.
    assert theme_cache_name() != "theme" and theme_cache_name().startswith("theme-")


def _theme_environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader([str(REPO / "overrides"), str(MATERIAL_TEMPLATES)])
    env = jinja2.Environment(loader=loader, autoescape=theme_autoescape)
    install(env, Messages())  # _() as the adapter installs it in the theme's environment
    return env


def test_materials_icon_styles_still_print_as_markup():
    config = {"theme": {"icon": {"admonition": {"note": "material/pencil"}}}}
    html = _theme_environment().get_template("partials/icons.html").render(config=config).strip()
    assert html.startswith("<style>:root{--md-admonition-icon--note:url('data:image/svg+xml")


# Text with the pieces of markup that matter, in any order, around any printable characters.
MARKUP_PIECES = [
    "<script>",
    "</script>",
    "</title>",
    '"',
    "'",
    "&",
    "&amp;",
    "&lt;",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "{{ 7*7 }}",
    "{% raw %}",
    "<b>",
    ">",
]
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(MARKUP_PIECES), st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=5)
    ),
    max_size=8,
).map("".join)
bounded = settings(max_examples=150, deadline=None)


def _spaced(value: str) -> str:
    return " ".join(value.split())


def _elements(fragment: str) -> list[str]:
    return [element.tag for element in lxml.html.fragment_fromstring(fragment, create_parent="div").iter()][1:]


def _render_footer(title: str) -> str:
    page = {"previous_page": {"url": "../", "title": title}, "meta": {}}
    env = _theme_environment()
    env.filters["url"] = lambda value: value
    env.globals["lang"] = type("Lang", (), {"t": staticmethod(lambda key: Markup(key))})
    return env.get_template("partials/footer.html").render(
        page=page, features=["navigation.footer"], config={"theme": {"icon": {}}, "extra": {}}
    )


@bounded
@given(hostile_text)
def test_material_footer_shows_any_title_as_text(title):
    document = lxml.html.fromstring(_render_footer(title))
    link = document.xpath("//a[contains(@class, 'md-footer__link--prev')]")[0]
    assert link.get("aria-label") == f"footer.previous: {title}"
    assert _spaced(link.xpath(".//*[contains(@class, 'md-ellipsis')]")[0].text_content()) == _spaced(title)
    assert not document.xpath("//script | //img | //b | //title")


@bounded
@given(hostile_text.filter(str.strip))
def test_a_review_record_is_shown_as_text(reviewer):
    facts = {"review": {"last_reviewed": "2026-01-10", "reviewed_by": reviewer}}
    rendered = (
        _theme_environment()
        .get_template("partials/source-file.html")
        .render(page={"meta": {"handbook": facts}}, config={})
    )
    document = lxml.html.fromstring(rendered)
    assert _spaced(document.text_content()) == _spaced(f"Reviewed 2026-01-10 by {reviewer}")
    assert [element.tag for element in document.iter()] == ["aside", "span", "time"]


@bounded
@given(hostile_text)
def test_search_text_and_headings_hold_no_element(value):
    assert html.unescape(search_text(value)) == value and _elements(search_text(value)) == []
    entry = heading_markup(escape(value))  # a heading of our templates, as _toc_link gives it
    assert _elements(entry) == [] and heading_markup(entry) == entry


def test_only_html_the_build_made_is_printed_unescaped():
    """`| safe` is allowed on a few names only; every other value a template prints is escaped."""
    for template in sorted([*(REPO / "overrides").rglob("*.html"), *ENGINE_TEMPLATES.rglob("*.html")]):
        for expression in re.findall(r"\{\{-?\s*([^{}|]+?)\s*\|\s*safe\b", template.read_text(encoding="utf-8")):
            assert expression in TRUSTED_EXPRESSIONS, f"{template.relative_to(REPO)}: {expression} | safe"


def test_the_atom_feed_leaves_out_characters_xml_cannot_hold():
    assert xml_text("a\x00b\x1bc\td\n\ufffe") == "abc\td\n"
    entry = ChangeEntry(
        "2026-01-15",
        "2026-01-15T12:00:00+00:00",
        "abc123",
        "Fix \x1b[31m colour\x0c",
        "docs/about/index.md",
        "Title \x00 <b>& co</b>",
        "about/",
        "changed",
    )
    feed = ET.fromstring(atom_feed([entry], "https://example.org/", "Site"))
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}entry/{atom}title").text == "Title  <b>& co</b> (changed)"
    assert feed.find(f"{atom}entry/{atom}summary").text == "Fix [31m colour"


def test_content_cannot_spell_the_hole_of_a_shared_fragment():
    """A title could hold control characters: the hole holds a token drawn for each build."""
    cache = FragmentCache()
    forged = "\x00hb-hole\x00"
    before, after = cache.frame("nav-frame", "k", lambda: f"<a>{forged}</a>{cache.hole}<b></b>")
    assert (before, after) == (f"<a>{forged}</a>", "<b></b>")
    assert FragmentCache().hole != cache.hole
