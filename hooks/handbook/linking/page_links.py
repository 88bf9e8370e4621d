"""Links by file path (``[the glossary](../../glossary/co-production.md)``, ``data.csv``),
checked with the content rather than during the build.

MkDocs finds a link to a page that does not exist only while it renders pages, that is
after the content checks have passed: a contributor would fix every other problem first,
then meet this one in a second round, and `handbook check` would never report it. Here
each relative link is resolved the way MkDocs resolves it (from the page's path as MkDocs
sees it): a ``.md`` link against every page the build will have (items, generated pages,
the changes page), a link to another file against the files under docs/ and the data files
the build writes. Images and the files a handbook may attach are checked by
``attachments`` (so are their links), and a link to a folder is left alone, as MkDocs
leaves it.

Anchors (``#a-heading``, ``page.md#a-heading``) are checked against the ids the target
page's Markdown can give: its headings' ids, made the way the toc extension makes them,
ids written with attr_list or in HTML, footnotes and the engine's own ("hb-..."). That
set is wider than what the page will have, never narrower, so that an anchor the build
accepts is never reported here.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify_unicode

from handbook.content.attachments import opening_bracket
from handbook.content.problems import Problem
from handbook.content.source import MAX_HEADING_CHARS, atx_heading, plain_heading_text, without_attributes
from handbook.linking.references import prose_lines
from handbook.safety.content_files import HANDBOOK_ATTACHMENT_EXTENSIONS
from handbook.safety.raw_html import blank_code
from handbook.safety.urls import markdown_urls, scheme_of, shown

if TYPE_CHECKING:
    from handbook.content.corpus import Corpus
    from handbook.site import PageSource


def corpus_page_link_problems(corpus: Corpus) -> list[Problem]:
    """``page_link_problems`` for every page of a loaded corpus (for ``load_corpus``)."""
    if not any("](" in item.body or "]:" in item.body for item in corpus):
        return []  # no link at all: the site's page list is not worth making
    # Here, not at the top: these modules build on the corpus module, which calls this.
    from handbook.pages.changes import CHANGES_URI
    from handbook.pages.generated import generated_pages
    from handbook.site import item_sources

    sources = item_sources(corpus)
    pages = {page.src_uri for page in generated_pages(corpus)}
    return page_link_problems(sources, pages | {CHANGES_URI}, lambda: site_files(corpus))


def site_files(corpus: Corpus) -> set[str]:
    """The files a build writes besides pages, as if under docs/: those in docs/ and the exports."""
    # Here, not at the top: these modules build on the corpus module, which calls this.
    from handbook.case_maker.data import CASE_ITEMS_JSON
    from handbook.contributions.schema import SCHEMA_URI
    from handbook.pages.changes import FEED_URI
    from handbook.pages.exports import EVIDENCE_CSV, EVIDENCE_JSON, EVIDENCE_RIS, GLOSSARY_JSON
    from handbook.relationships_map.exports import EXPORTED_FILES as ORGANISATION_FILES

    docs = corpus.root / "docs"
    on_disk = (
        {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()} if docs.is_dir() else set()
    )
    exports = {EVIDENCE_CSV, EVIDENCE_JSON, EVIDENCE_RIS, GLOSSARY_JSON, FEED_URI, SCHEMA_URI, CASE_ITEMS_JSON}
    exports |= set(ORGANISATION_FILES)
    return on_disk | exports


def page_link_problems(
    sources: dict[str, PageSource], extra_pages: Iterable[str] = (), files: Callable[[], set[str]] = set
) -> list[Problem]:
    """A problem for each relative link to a page, a heading or a file the site will not have.

    ``sources``: every item's page by the path MkDocs sees (``item_sources``);
    ``extra_pages``: the other pages' paths (generated pages, the changes page);
    ``files``: makes the paths of the other files (only when a link needs them).
    """
    known = set(sources) | set(extra_pages)
    other_files: set[str] | None = None
    anchors: dict[str, set[str]] = {}  # the ids of each page that is linked with an anchor

    def ids_of(src_uri: str) -> set[str] | None:
        source = sources.get(src_uri)
        if source is None or source.item is None or source.generated is not None:
            return None  # a generated page: its ids are the template's
        if src_uri not in anchors:
            anchors[src_uri] = possible_ids(source.item.body)
        return anchors[src_uri]

    problems = []
    for src_uri, source in sources.items():
        item = source.item
        if item is None or source.generated is not None or not ("](" in item.body or "]:" in item.body):
            continue
        text = blank_code(item.body)
        for found in markdown_urls(text):
            target = _local_target(found.url)
            if target is None:
                continue
            path, fragment = target
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)) if path else src_uri
            line = item.body_line + text.count("\n", 0, found.offset)
            suffix = posixpath.splitext(path)[1].lower()
            if path and suffix != ".md":
                if not suffix or suffix in HANDBOOK_ATTACHMENT_EXTENSIONS or _is_image(text, found.offset):
                    continue  # a folder; or checked by attachments
                if other_files is None:
                    other_files = files()
                if resolved not in other_files:
                    problems.append(
                        Problem(
                            item.path,
                            line,
                            "link",
                            f"'{shown(found.url)}' is not a file of the site (looked for {resolved})",
                            expected="the path of a file under docs/ relative to this page, or of an image "
                            "or PDF beside a chapter",
                        )
                    )
                continue
            if resolved not in known:
                problems.append(
                    Problem(
                        item.path,
                        line,
                        "link",
                        f"'{shown(found.url)}' is not a page of the site (looked for {resolved})",
                        expected="the path of a page relative to this one, or a link by id such as [words](term:an-id)",
                    )
                )
                continue
            ids = ids_of(resolved) if fragment else None
            if (
                ids is not None
                and fragment not in ids
                and unquote(fragment) not in ids
                and not fragment.startswith("hb-")
            ):
                where = "this page" if resolved == src_uri else resolved
                problems.append(
                    Problem(
                        item.path,
                        line,
                        "link",
                        f"'{shown(found.url)}': {where} has no heading or anchor '#{unquote(fragment)}'",
                        expected="the id of a heading: its words in lower case, joined by hyphens, "
                        "without punctuation ('## Why it matters' is #why-it-matters)",
                    )
                )
    return problems


def _local_target(url: str) -> tuple[str, str] | None:
    """(path, fragment) of a relative link (path '' for an anchor of the same page), or
    None for anything else."""
    url = url.strip()
    if scheme_of(url) is not None or url.startswith(("/", "//")):
        return None
    parts = urlsplit(url)
    path = unquote(parts.path)
    return (path, parts.fragment) if path or parts.fragment else None


def _is_image(text: str, url_offset: int) -> bool:
    """Whether the URL at ``url_offset`` is an image's, ``![...](url)``: its closing bracket's
    match follows a "!". The search back stops at the paragraph's end, so a body of many
    unbalanced brackets costs no more than its length times a bounded distance."""
    opening = opening_bracket(text, text.rfind("](", 0, url_offset))
    return opening > 0 and text[opening - 1] == "!"


_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
# Written ids: attr_list's "{#id}" / "{: #id .class}", and HTML's id="...". Each expression
# stops at the next brace or quote, so that none is slow on a hostile line.
_ATTRIBUTE_LIST = re.compile(r"\{[^{}\n]*\}")
_ATTRIBUTE_ID = re.compile(r"#([^\s{}#]+)")
_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"'\n]*)["']""")
_TAG = re.compile(r"<[^<>\n]*>")


def possible_ids(body: str) -> set[str]:
    """Every id a page's Markdown may give its elements, and a few more (see the module's note)."""
    ids: set[str] = set()
    for attributes in _ATTRIBUTE_LIST.findall(body):
        ids.update(_ATTRIBUTE_ID.findall(attributes))
    ids.update(_HTML_ID.findall(body))
    lines = body.splitlines()
    previous = ""
    for number, _ in prose_lines(body):
        line = lines[number - 1]  # with its code spans: their text is part of a heading's id
        heading = atx_heading(line)
        title = heading[1] if heading else previous if previous.strip() and _SETEXT_UNDERLINE.match(line) else None
        previous = line if len(line) <= MAX_HEADING_CHARS else ""
        if title is None:
            continue
        title = without_attributes(title)
        for text in {title, plain_heading_text(_TAG.sub("", title))}:
            slug = slugify_unicode(text, "-")
            ids.add(slug)
            ids.update(f"{slug}_{n}" for n in range(1, 10))  # repeated headings: "_1", "_2"...
    if "[^" in body:
        ids.update(f"{prefix}:{name}" for name in re.findall(r"\[\^([^\]\s]+)\]", body) for prefix in ("fn", "fnref"))
    return ids
