"""Every string from content is written into HTML, JSON for the search page and XML as text.

Titles, names, summaries and review records come from contributors nobody has vetted, and
they reach many outputs: the navigation, ``<title>``, headings, the table of contents,
the facts under a page, the search index (whose results Material's search page inserts
as HTML), the Atom feed and the PDFs. The rule is escaping by default: MkDocs' theme
templates are rendered with Jinja's autoescaping on, as our own fragments always were,
so a string is escaped unless it was marked as markup on purpose. Only what the build
itself made as HTML is marked: a page's converted body, the table of contents made from
its headings, the site's copyright line from ``mkdocs.yml``. The functions here are
those marks, and the escaping of the outputs that are not templates.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

# Material templates that build markup in strings from the theme's configuration (never
# from content) and print it: ``icons.html`` writes a ``<style>`` element out of the icons
# named in mkdocs.yml. Escaping would print that markup as text.
THEME_TEMPLATES_PRINTING_CONFIGURED_MARKUP = frozenset({"partials/icons.html"})


def theme_autoescape(template_name: str | None) -> bool:
    """Whether Jinja escapes what a theme template prints: every template but the few above."""
    return template_name not in THEME_TEMPLATES_PRINTING_CONFIGURED_MARKUP


def theme_cache_name() -> str:
    """The folder for compiled theme templates under this escaping rule.

    Jinja compiles escaping into a template, and its on-disk cache knows a template by its
    name and source only: templates compiled without escaping (or under another list of
    exceptions) must never be loaded for this rule.
    """
    rule = ",".join(sorted(THEME_TEMPLATES_PRINTING_CONFIGURED_MARKUP))
    return f"theme-autoescaped-{hashlib.sha256(rule.encode()).hexdigest()[:8]}"


def trusted_html(html_text: str) -> Markup:
    """HTML that the build made and checked (a page's converted body): printed as it is."""
    return Markup(html_text)


def heading_markup(title_html: str) -> Markup:
    """A table of contents entry as safe markup: the text of the heading it names, escaped.

    MkDocs gives each entry its heading's text as HTML, with tags stripped by a regular
    expression; whatever markup could slip through that, the entry is made from the text
    alone (entities read, tags dropped) and escaped again, so it can carry no element.
    """
    return Markup(html.escape(Markup(title_html).striptags(), quote=False))


def toc_as_markup(entries: Iterable[Any]) -> None:
    """Every entry of a page's table of contents (MkDocs ``AnchorLink``s) made safe markup, in place."""
    for entry in entries:
        entry.title = heading_markup(entry.title)
        toc_as_markup(entry.children)


def search_text(text: object) -> str:
    """A plain string for Material's search index, which its search page inserts as HTML."""
    return str(escape(str(text)))


# What XML 1.0 cannot carry at all, even escaped: most control characters, lone
# surrogates and two non-characters. YAML's double-quoted strings can hold any of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters an XML document may not hold (ElementTree writes them
    as they are, and the feed would no longer parse); escaping is the serialiser's."""
    return _NOT_XML.sub("", text)
