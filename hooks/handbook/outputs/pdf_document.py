"""Print documents: which pages go into which PDF, and the HTML WeasyPrint renders.

One document per handbook (its landing page, then its chapters), one for the glossary
and one for the evidence base. Each is assembled from the HTML the build has already
rendered for the web, rewritten by ``PrintLinks``, and closed by a glossary appendix
(exactly the terms the document links to) and a references appendix (exactly the
evidence it cites). The markup comes from the templates in
``hooks/handbook/templates/pdf/``; this module only gathers data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from handbook.content.corpus import Corpus
from handbook.content.kinds import EVIDENCE, TERM
from handbook.content.model import Evidence, Handbook, Item, Term
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
    label: str  # "Chapter 2", "Introduction", ... shown above the title
    html: str
    headings: list[Heading]


@dataclass
class PrintDocument:
    slug: str  # file name without ".pdf"
    title: str
    summary: str
    editors: list[str]
    licence: str
    kind: str  # "handbook", "glossary" or "evidence"
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


def document_plans(corpus: Corpus) -> list[DocumentPlan]:
    plans = [_handbook_plan(handbook) for handbook in corpus.handbooks]
    terms = sorted(corpus.of_kind("term"), key=lambda t: t.title.lower())
    if terms:
        plans.append(
            DocumentPlan(
                "glossary",
                "Glossary of relational terms",
                "Relational terms and phrases: how these handbooks use each one, and the perspectives people bring to it.",
                [],
                SITE_LICENCE,
                "glossary",
                [(url_for("term", t.id), TERM.label, t) for t in terms],
            )
        )
    evidence = sorted(corpus.records(Evidence), key=lambda e: (e.short_authors.lower(), e.year, e.title.lower()))
    if evidence:
        plans.append(
            DocumentPlan(
                "evidence-base",
                "The evidence base",
                "Publications on relationships and relationship-centred practice, each with an honest rating of how strong it is and why.",
                [],
                SITE_LICENCE,
                "evidence",
                [(url_for("evidence", e.id), EVIDENCE.label, e) for e in evidence],
            )
        )
    return plans


def _handbook_plan(handbook: Handbook) -> DocumentPlan:
    pages: list[tuple[str, str, Item | None]] = [(url_for("handbook", handbook.id), "Introduction", handbook)]
    pages += [(url_for("chapter", c.id), f"Chapter {c.number or n}", c) for n, c in enumerate(handbook.chapters, 1)]
    return DocumentPlan(
        f"handbook-{handbook.id}",
        handbook.title,
        handbook.summary or "",
        list(handbook.editors),
        handbook.licence,
        "handbook",
        pages,
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
        missing=[path for path, _, _ in plan.pages if path not in pages],
    )
    for path, label, item in present:
        page = pages[path]
        body = parse_fragment(page.html)
        headings = links.rewrite_section(body, path)
        title = plan.title if item is not None and item.kind == "handbook" else page.title
        document.sections.append(PrintSection(links.sections[path], title, label, serialize_children(body), headings))
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


def print_job(
    document: PrintDocument, renderer: Renderer, css: str, facts: BuildFacts, site_url: str, engine: str
) -> PrintJob:
    """The document's HTML, and its cache key: the body, the style, the engine, the
    cover's fixed facts and the images' contents, but not the build date and commit."""
    body = renderer.render("pdf/body.html", doc=document)
    cover = "\0".join((document.title, document.summary, ", ".join(document.editors), document.licence, site_url))
    images = "\0".join(_file_hash(path) for path in document.files)  # a changed picture at the same path
    key = hashlib.sha256("\0".join((engine, css, cover, body, images)).encode("utf-8")).hexdigest()[:32]
    html = renderer.render("pdf/document.html", doc=document, css=css, build=facts, site_url=site_url, body=body)
    return PrintJob(document, html, key)
