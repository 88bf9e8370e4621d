"""Putting an import together: read the source, decide ids, titles and order, write the handbook.

Everything is prepared in memory first and written into a hidden folder inside
``handbooks/``, renamed to ``handbooks/<id>`` at the end, so a refused or failed import
leaves nothing behind. Every path written is made of ids that follow the id rule, so
nothing can be written outside the repository.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.content.fields import SLUG, slugify
from handbook.content.kinds import HANDBOOK
from handbook.importing import admonitions, html_tags
from handbook.importing.body import Images, PageConverter, Pages, check_anchors, drop_mdx_statements
from handbook.importing.front_matter import Fields, clean_title, first_content_line, first_heading, split
from handbook.importing.report import Report
from handbook.importing.source_tree import (
    SourceTree,
    folder_order,
    gitbook_summary,
    is_index,
    mkdocs_config,
    mkdocs_nav,
    read_bytes,
    stem,
    walk,
)
from handbook.safety.content_files import MAX_ATTACHMENT_BYTES
from handbook.safety.handles import EXPECTED as HANDLE_EXPECTED
from handbook.safety.handles import is_handle

# Chapter slugs that would clash with the handbook's own files and folders.
RESERVED_SLUGS = frozenset({"index", "images"})
_NUMBER_PREFIX = re.compile(r"^\d+[-_. ]+(?=\S)")


class ImportRefused(Exception):
    """The import cannot start: a bad argument, or the handbook already exists."""


@dataclass
class ImportOptions:
    source: Path
    handbook_id: str
    editors: list[str]
    title: str | None = None
    summary: str | None = None
    draft: bool = False


@dataclass
class _Page:
    rel: str
    fields: Fields
    title: str = ""
    slug: str = ""
    body: str = ""


@dataclass
class ImportResult:
    report: Report
    written: list[Path] = field(default_factory=list)
    handbook_folder: Path | None = None
    chapters: list[str] = field(default_factory=list)
    images: int = 0


def import_handbook(root: Path, options: ImportOptions) -> ImportResult:
    target = _check_options(root, options)
    report = Report()
    source = options.source.resolve()
    pages_root, nav = _pages_root(source, report)
    tree = walk(pages_root, report)
    pages = _read_pages(tree, report)
    order, nav_titles = _reading_order(tree, pages, nav, report)
    index = next((rel for rel in order if "/" not in rel and is_index(rel)), None)
    chapters = [pages[rel] for rel in order if rel != index]
    chapters = [page for page in chapters if not _empty_section(page, report)]
    if not chapters:
        raise ImportRefused(f"{options.source} holds no Markdown pages to import")
    for page in [*chapters, *([pages[index]] if index else [])]:
        _take_title(page, nav_titles.get(page.rel), report)
    _assign_slugs(chapters, report)
    images = Images()
    links = Pages(
        options.handbook_id,
        index,
        {page.rel: page.slug for page in chapters},
        tree,
        images,
        titles={f"chapter:{options.handbook_id}/{page.slug}": page.title for page in chapters},
    )
    written = {page.slug: page for page in chapters}
    if index:
        pages[index].slug = "index"
        written["index"] = pages[index]
    bodies = {slug: _convert_body(page, links, report) for slug, page in written.items()}
    sources = {slug: (page.rel, page.fields.body_first_line) for slug, page in written.items()}
    for slug, checked in check_anchors(bodies, sources, options.handbook_id, report).items():
        written[slug].body = checked.strip("\n")
    handbook_title = options.title or (pages[index].title if index else "") or _humanise(source.name)
    summary = options.summary or _summary(pages[index] if index else None, chapters, report)
    front = {
        "title": handbook_title,
        "summary": summary,
        "editors": list(options.editors),
        "status": "draft" if options.draft else "published",
        "chapters": [page.slug for page in chapters],
    }
    files = {"index.md": _document(front, pages[index].body if index else "")}
    for page in chapters:
        fields = {"title": page.title, **({"summary": page.fields.summary} if page.fields.summary else {})}
        files[f"{page.slug}.md"] = _document(fields, page.body)
    result = ImportResult(report, chapters=[page.slug for page in chapters], images=len(images.names))
    _write(root, target, files, images, tree, report, result)
    return result


def _check_options(root: Path, options: ImportOptions) -> Path:
    if not SLUG.match(options.handbook_id):
        raise ImportRefused(
            f"--handbook '{options.handbook_id}' is not a valid id "
            f"(expected lower-case words joined by hyphens, such as '{slugify(options.handbook_id) or 'my-handbook'}')"
        )
    if not options.editors:
        raise ImportRefused(
            f"at least one --editor is needed ({HANDLE_EXPECTED}): editors review the handbook's changes"
        )
    for editor in options.editors:
        if not is_handle(editor):
            raise ImportRefused(f"--editor {editor!r} is not a GitHub handle (expected {HANDLE_EXPECTED})")
    if not options.source.is_dir():
        raise ImportRefused(f"{options.source} is not a folder")
    target = root / HANDBOOK.source / options.handbook_id
    if target.exists() or target.is_symlink():
        raise ImportRefused(f"handbooks/{options.handbook_id} already exists: import into a new handbook id")
    return target


def _pages_root(source: Path, report: Report) -> tuple[Path, object]:
    """The folder the pages are in, and an MkDocs nav if the source is an MkDocs project."""
    config_file = source / "mkdocs.yml"
    if config_file.is_file() and not config_file.is_symlink():
        config = mkdocs_config(source, report)
        docs = source / str(config.get("docs_dir") or "docs")
        if docs.is_dir() and not docs.is_symlink() and docs.resolve().is_relative_to(source):
            report.add(
                "mkdocs.yml", 0, "source", f"an MkDocs project: pages read from {docs.relative_to(source).as_posix()}/"
            )
            return docs, config.get("nav")
    return source, None


def _read_pages(tree: SourceTree, report: Report) -> dict[str, _Page]:
    pages = {}
    for rel in tree.markdown:
        try:
            text = read_bytes(tree.root, rel).decode("utf-8-sig")
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            report.add(
                rel,
                0,
                "skipped",
                f"not imported: {'not UTF-8 text' if isinstance(error, UnicodeDecodeError) else reason}",
            )
            continue
        pages[rel] = _Page(rel, split(text.replace("\r\n", "\n"), rel, report))
    return pages


def _reading_order(
    tree: SourceTree, pages: dict[str, _Page], nav: object, report: Report
) -> tuple[list[str], dict[str, str]]:
    weights = {rel: page.fields.order for rel, page in pages.items() if page.fields.order is not None}
    summary_file = next((rel for rel in pages if rel.lower() == "summary.md"), None)
    in_folders = [rel for rel in folder_order(tree, weights) if rel in pages and rel != summary_file]
    listed: list[tuple[str, str]] = []
    if summary_file:
        listed = gitbook_summary(pages[summary_file].fields.body, tree)
        report.add(
            summary_file, 0, "order", "GitBook's table of contents: gives the reading order (not imported as a page)"
        )
    elif nav:
        listed = mkdocs_nav(nav, tree)
        report.add("mkdocs.yml", 0, "order", "the nav gives the reading order")
    expanded = []
    for rel, _ in listed:
        expanded += [inner for inner in in_folders if inner.startswith(rel)] if rel.endswith("/") else [rel]
    order = list(dict.fromkeys(rel for rel in expanded if rel in pages))
    if order:
        for rel in in_folders:
            if rel not in order:
                order.append(rel)
                if not is_index(rel) or "/" in rel:
                    report.add(rel, 0, "order", "not in the table of contents: placed after the pages it lists")
        # the source's front page leads, wherever the table of contents puts it
        order.sort(key=lambda rel: 0 if "/" not in rel and is_index(rel) else 1)
    else:
        order = in_folders
        if weights:
            report.add(".", 0, "order", "pages ordered by their order fields, then by name")
    return order, {rel: title for rel, title in listed if title}


def _empty_section(page: _Page, report: Report) -> bool:
    """A folder's page with nothing but front matter (Hugo's _index.md) is not a chapter."""
    if is_index(page.rel) and not page.fields.body.strip():
        report.add(page.rel, 0, "skipped", "a section page with no text: not a chapter")
        return True
    return False


def _take_title(page: _Page, nav_title: str | None, report: Report) -> None:
    if page.rel == "GLOSSARY.md" and page.fields.title is None:
        page.title = "Glossary"  # GitBook's glossary: its headings are the terms, not a title
        report.add(page.rel, 0, "title", "GitBook's glossary: titled 'Glossary', its headings kept")
        return
    heading = first_heading(page.fields.body)
    lines = page.fields.body.split("\n")
    if heading:
        index, count, text = heading
        text = clean_title(text)
        if page.fields.title is None or (
            index == first_content_line(page.fields.body) and text.casefold() == page.fields.title.casefold()
        ):
            lines[index : index + count] = [""] * count  # blank, not removed: line numbers stay the source's
            page.fields.body = "\n".join(lines)
            if page.fields.title is None:
                page.title = text
                report.add(
                    page.rel,
                    page.fields.body_first_line + index,
                    "title",
                    f"'{text}' taken from the first heading (the heading removed from the text)",
                )
                return
            report.add(
                page.rel, page.fields.body_first_line + index, "title", "the heading repeating the title removed"
            )
    if page.fields.title:
        page.title = page.fields.title
        return
    name = (
        stem(page.rel) if not is_index(page.rel) else posixpath.basename(posixpath.dirname(page.rel)) or "Introduction"
    )
    page.title = clean_title(nav_title or "") or _humanise(name)
    report.add(
        page.rel,
        0,
        "title",
        f"no title or first heading: '{page.title}' from the {'table of contents' if nav_title else 'file name'}",
    )


def _assign_slugs(chapters: list[_Page], report: Report) -> None:
    taken: set[str] = set()
    for page in chapters:
        folder = posixpath.dirname(page.rel)
        name = posixpath.basename(folder) if is_index(page.rel) and folder else stem(page.rel)
        base = slugify(_NUMBER_PREFIX.sub("", name)) or slugify(name) or "chapter"
        if base in RESERVED_SLUGS:
            base = f"{base}-page"
        candidates = [base]
        if folder and not is_index(page.rel):
            candidates.append(f"{slugify(posixpath.basename(folder))}-{base}".strip("-"))
        slug = next((c for c in candidates if c and c not in taken), None)
        number = 2
        while slug is None:
            slug = f"{base}-{number}" if f"{base}-{number}" not in taken else None
            number += 1
        taken.add(slug)
        page.slug = slug
        report.add(page.rel, 0, "chapter", f"became {slug}.md")


def _convert_body(page: _Page, links: Pages, report: Report) -> str:
    """The page's body, converted; line for line the source's (the report's lines stay true)."""
    first = page.fields.body_first_line
    body = page.fields.body
    if page.rel.endswith(".mdx"):
        body = drop_mdx_statements(body, page.rel, first, report)
    body = html_tags.clean(body, page.rel, first, report)
    lines = admonitions.convert(body.split("\n"), page.rel, first, report)
    converter = PageConverter(links, page.rel, report)
    return "\n".join(converter.convert(converter.multiline_links("\n".join(lines), first).split("\n"), first))


def _summary(index: _Page | None, chapters: list[_Page], report: Report) -> str:
    if index and index.fields.summary:
        return index.fields.summary
    paragraph = _first_paragraph(index.body) if index else ""
    if index and paragraph:
        report.add(
            index.rel, 0, "summary", "the handbook's summary is the front page's first paragraph: check it reads as one"
        )
        return paragraph
    report.add(
        ".", 0, "summary", "no summary found: the chapter titles stand in; write one in index.md (or pass --summary)"
    )
    return f"In {len(chapters)} chapters: {', '.join(page.title for page in chapters)}."


def _first_paragraph(body: str) -> str:
    paragraph: list[str] = []
    for line in body.split("\n"):
        stripped = line.strip()
        if not stripped:
            if paragraph:
                break
            continue
        if not paragraph and re.match(r"^([#!<|>\-*+=`~:{]|\d+\.)", stripped):
            continue
        paragraph.append(stripped)
    text = clean_title(" ".join(paragraph))
    sentences = re.split(r"(?<=[.!?])\s+", text)
    short = " ".join(sentences[:2])
    return short if len(short) <= 400 else short[:397].rsplit(" ", 1)[0] + "..."


def _document(fields: dict, body: str) -> str:
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{body}\n" if body.strip() else f"---\n{front}---\n"


def _humanise(name: str) -> str:
    words = re.sub(r"[-_]+", " ", _NUMBER_PREFIX.sub("", name)).strip()
    return words[:1].upper() + words[1:] if words else "Untitled"


def _write(
    root: Path,
    target: Path,
    files: dict[str, str],
    images: Images,
    tree: SourceTree,
    report: Report,
    result: ImportResult,
) -> None:
    handbooks = root / HANDBOOK.source
    handbooks.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=handbooks))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        if images.names:
            (staging / "images").mkdir()
        for source, name in images.names.items():
            try:
                data = read_bytes(tree.root, source, MAX_ATTACHMENT_BYTES)  # what the build would accept
            except (OSError, ValueError) as error:
                reason = error.strerror if isinstance(error, OSError) else str(error)
                report.add(
                    source, 0, "image", f"not copied: {reason}; the pages that show it will report the missing file"
                )
                continue
            (staging / "images" / name).write_bytes(data)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.handbook_folder = target
    result.written = sorted(path for path in target.rglob("*") if path.is_file())


__all__ = ["ImportOptions", "ImportRefused", "ImportResult", "import_handbook"]
