"""Print documents: which pages go into which PDF, and the HTML WeasyPrint renders.

One document per handbook (its landing page, then its chapters), one for the glossary
and one for the evidence base. Each is assembled from the HTML the build has already
rendered for the web, rewritten by ``PrintLinks``, and closed by a glossary appendix
(exactly the terms the document links to) and a references appendix (exactly the
evidence it cites). The markup comes from the templates in
``hooks/handbook/templates/pdf/``; this module only gathers data.

In a language pass (Welsh, say) only the handbooks whose index has a translation get a
PDF, ``handbook-<id>-cy.pdf``; its interface strings are Welsh (``messages``, the
templates' ``_()``), its running headers too (``page_strings``), and a chapter with no
translation is printed in English inside ``lang="en"``, with a note in Welsh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from handbook.content.corpus import Corpus
from handbook.content.kinds import EVIDENCE, TERM
from handbook.content.model import Evidence, Handbook, Item, Term
from handbook.languages import SOURCE_LANGUAGE
from handbook.languages.catalogue import Messages
from handbook.linking.urls import url_for
from handbook.outputs.html_tree import parse_fragment, serialize_children
from handbook.outputs.print_links import Heading, PrintLinks, section_anchor
from handbook.pages.render import ENGINE_TEMPLATES, Renderer

PRINT_CSS = ENGINE_TEMPLATES / "pdf" / "print.css"
SITE_LICENCE = "CC-BY-4.0"


@dataclass(frozen=True)
class RenderedPage:
    """A page's main content as the build rendered it for the web."""

    url: str  # directory-style site path, e.g. "handbooks/starter/first-steps/"
    title: str
    html: str


@dataclass
class PrintSection:
    anchor: str
    title: str
    label: str  # "Chapter 2", "Introduction", ... shown above the title, in the document's language
    html: str
    headings: list[Heading]
    translated: bool = True  # False: printed in English (lang="en") in a document of another language


@dataclass
class PrintDocument:
    slug: str  # file name without ".pdf"
    title: str
    summary: str
    editors: list[str]
    licence: str
    kind: str  # "handbook", "glossary" or "evidence"
    language: str = SOURCE_LANGUAGE
    sections: list[PrintSection] = field(default_factory=list)
    glossary: list[Term] = field(default_factory=list)
    references: list[Evidence] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # pages that were not rendered
    files: list[Path] = field(default_factory=list)  # the image files it shows

    @property
    def file_name(self) -> str:
        return f"{self.slug}.pdf"


@dataclass(frozen=True)
class BuildFacts:
    """What the cover says about the build: left out of the cache key (see ``PrintJob``)."""

    date: str
    commit: str


@dataclass(frozen=True)
class PrintJob:
    """One PDF to render: the complete HTML, and the key it is cached under.

    The key hashes the HTML with the build facts left out: a PDF whose content has not
    changed is not rendered again, and keeps the commit and date it was rendered from.
    """

    document: PrintDocument
    html: str
    key: str


@dataclass(frozen=True)
class DocumentPlan:
    slug: str
    title: str
    summary: str
    editors: list[str]
    licence: str
    kind: str
    pages: list[tuple[str, str, Item | None]]  # (site path, label, item)
    language: str = SOURCE_LANGUAGE
    untranslated: frozenset[str] = frozenset()  # site paths of pages with no translation in ``language``


def _always(item: Item) -> bool:
    return True


def document_plans(
    corpus: Corpus,
    messages: Messages | None = None,
    language: str | None = None,
    translated: Callable[[Item], bool] = _always,
) -> list[DocumentPlan]:
    """The documents of a build: in English, every handbook, the glossary and the evidence
    base; in a language pass (``language``), the handbooks whose index is ``translated``."""
    messages = messages or Messages()
    if language is not None and language != SOURCE_LANGUAGE:
        return [
            _handbook_plan(handbook, messages, language, translated)
            for handbook in corpus.handbooks
            if translated(handbook)
        ]
    plans = [_handbook_plan(handbook, messages) for handbook in corpus.handbooks]
    terms = sorted(corpus.of_kind("term"), key=lambda t: t.title.lower())
    if terms:
        plans.append(
            DocumentPlan(
                "glossary",
                messages.gettext("Glossary of relational terms"),
                messages.gettext(
                    "Relational terms and phrases: how these handbooks use each one, and the perspectives people bring to it."
                ),
                [],
                SITE_LICENCE,
                "glossary",
                [(url_for("term", t.id), messages.gettext(TERM.label), t) for t in terms],
            )
        )
    evidence = sorted(corpus.records(Evidence), key=lambda e: (e.short_authors.lower(), e.year, e.title.lower()))
    if evidence:
        plans.append(
            DocumentPlan(
                "evidence-base",
                messages.gettext("The evidence base"),
                messages.gettext(
                    "Publications on relationships and relationship-centred practice, each with an honest rating of how strong it is and why."
                ),
                [],
                SITE_LICENCE,
                "evidence",
                [(url_for("evidence", e.id), messages.gettext(EVIDENCE.label), e) for e in evidence],
            )
        )
    return plans


def _handbook_plan(
    handbook: Handbook, messages: Messages, language: str | None = None, translated: Callable[[Item], bool] = _always
) -> DocumentPlan:
    pages: list[tuple[str, str, Item | None]] = [
        (url_for("handbook", handbook.id), messages.gettext("Introduction"), handbook)
    ]
    pages += [
        (url_for("chapter", c.id), messages.gettext("Chapter %(number)s", number=c.number or n), c)
        for n, c in enumerate(handbook.chapters, 1)
    ]
    other = language is not None and language != SOURCE_LANGUAGE
    return DocumentPlan(
        f"handbook-{handbook.id}-{language}" if other else f"handbook-{handbook.id}",
        handbook.title,
        handbook.summary or "",
        list(handbook.editors),
        handbook.licence,
        "handbook",
        pages,
        language if other and language else SOURCE_LANGUAGE,
        frozenset(path for path, _, item in pages if other and item is not None and not translated(item)),
    )


def assemble(
    plan: DocumentPlan, pages: dict[str, RenderedPage], corpus: Corpus, site_url: str, assets: dict[str, Path]
) -> PrintDocument:
    """Rewrite the plan's rendered pages into one print document with its appendices."""
    present = [(path, label, item) for path, label, item in plan.pages if path in pages]
    links = PrintLinks(
        site_url=site_url,
        sections={path: section_anchor(path) for path, _, _ in present},
        term_ids={t.id for t in corpus.of_kind("term")},
        evidence_ids={e.id for e in corpus.of_kind("evidence")},
        assets=assets,
    )
    document = PrintDocument(
        plan.slug,
        plan.title,
        plan.summary,
        plan.editors,
        plan.licence,
        plan.kind,
        plan.language,
        missing=[path for path, _, _ in plan.pages if path not in pages],
    )
    for path, label, item in present:
        page = pages[path]
        body = parse_fragment(page.html)
        headings = links.rewrite_section(body, path)
        title = plan.title if item is not None and item.kind == "handbook" else page.title
        document.sections.append(
            PrintSection(
                links.sections[path], title, label, serialize_children(body), headings, path not in plan.untranslated
            )
        )
    document.files = list(links.files)
    document.glossary = [t for t in (corpus.get("term", i) for i in links.used_terms) if isinstance(t, Term)]
    document.glossary.sort(key=lambda t: t.title.lower())
    document.references = [
        e for e in (corpus.get("evidence", i) for i in links.cited_evidence) if isinstance(e, Evidence)
    ]
    document.references.sort(key=lambda e: (e.short_authors.lower(), e.year, e.title.lower()))
    return document


def print_css(root: Path) -> str:
    return PRINT_CSS.read_text(encoding="utf-8")  # the engine's own, whatever the project (root)


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"  # the renderer reports it


def css_string(text: str) -> str:
    """``text`` as a CSS string, quoted, that cannot end the style element it is in."""
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>&\n\r' or ord(char) < 32 else char for char in text)
    return f'"{escaped}"'


def css_content(template: str, counters: dict[str, str]) -> str:
    """A translated sentence with ``%(name)s`` placeholders as a CSS ``content`` value:
    "Page %(page)s of %(pages)s" -> "Page " counter(page) " of " counter(pages)."""
    parts: list[str] = []
    rest = template
    while rest:
        found = [(rest.find(f"%({name})s"), name) for name in counters if f"%({name})s" in rest]
        if not found:
            parts.append(css_string(rest))
            break
        at, name = min(found)
        if at:
            parts.append(css_string(rest[:at]))
        parts.append(counters[name])
        rest = rest[at + len(f"%({name})s") :]
    return " ".join(parts) or '""'


def page_strings(messages: Messages) -> str:
    """The print style's words, in the document's language: the page numbers at the foot
    of each page and the running header of the contents (print.css has the English)."""
    page = messages.gettext("%(page)s of %(pages)s", page="%(page)s", pages="%(pages)s")
    counters = {"page": "counter(page)", "pages": "counter(pages)"}
    contents = css_string(messages.gettext("Contents"))
    # Built from catalogue text made safe for CSS by css_string, never from content.
    return (
        f"@page {{ @bottom-center {{ content: {css_content(page, counters)}; }} }}\n"
        f".toc h2 {{ string-set: chapter {contents}; }}\n"
    )


def print_job(
    document: PrintDocument,
    renderer: Renderer,
    css: str,
    facts: BuildFacts,
    site_url: str,
    engine: str,
    messages: Messages | None = None,
) -> PrintJob:
    """The document's HTML, and its cache key: the body, the style, the engine, the
    cover's fixed facts and the images' contents, but not the build date and commit."""
    messages = messages or Messages()
    body = renderer.render("pdf/body.html", doc=document)
    strings = page_strings(messages)
    css = css + "\n" + strings  # one style: the key below covers the words too
    cover = "\0".join(
        (
            document.title,
            document.summary,
            ", ".join(document.editors),
            document.licence,
            site_url,
            document.language,
            renderer.render("pdf/cover.html", doc=document, build=BuildFacts("", ""), site_url=site_url),
        )
    )
    images = "\0".join(_file_hash(path) for path in document.files)  # a changed picture at the same path
    key = hashlib.sha256("\0".join((engine, css, cover, body, images)).encode("utf-8")).hexdigest()[:32]
    html = renderer.render(
        "pdf/document.html",
        doc=document,
        css=css,
        build=facts,
        site_url=site_url,
        body=body,
    )
    return PrintJob(document, html, key)
