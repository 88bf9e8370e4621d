"""Loading the whole corpus: discover files, read typed records, check the whole.

``load_corpus(root)`` is the one entry point used by the MkDocs hooks, the CLI and the
tests. It never raises for bad content: it returns the corpus with every problem found.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from handbook.content import kinds
from handbook.content.attachments import reference_problems
from handbook.content.fields import SLUG, FieldReader, Reference, slugify
from handbook.content.model import Chapter, Evidence, Handbook, Item, Term, Theme
from handbook.content.placeholders import placeholder_problems
from handbook.content.problems import Problem, did_you_mean
from handbook.content.source import SourceDoc, read_source
from handbook.content.translations import DEFAULT_LANGUAGES, translation_name
from handbook.content.vocabulary import Vocabularies, load_vocabularies
from handbook.geography.boundaries import load_boundaries
from handbook.linking.page_links import corpus_page_link_problems
from handbook.linking.references import id_rule, is_valid_id, scan_markdown
from handbook.safety.content_files import ContentScan, scan_content
from handbook.safety.markdown_limits import limit_problems
from handbook.safety.raw_html import body_problems

if TYPE_CHECKING:
    from handbook.content.translations import TranslationSet

R = TypeVar("R", bound=Item)

HANDBOOKS_DIR = kinds.HANDBOOK.source
DOCS_DIR = kinds.PAGE.source

# The collections under docs/, by their folder there ("stories"): not free-form pages.
DOCS_COLLECTIONS = frozenset(
    kind.source[len(DOCS_DIR) + 1 :] for kind in kinds.COLLECTIONS if kind.source.startswith(f"{DOCS_DIR}/")
)
# Words too common to be a term's name or alias: the linker would link them on every page.
# Kept short on purpose; a name also needs two letters or digits ("AI" and "5G" pass).
COMMON_WORDS = frozenset(
    """
    a an the and or but nor so yet if then than of in on at to for by with from as into about
    is are was were be been am do does did has have had can may will shall not no yes
    i me my we us our you your he him his she her it its they them their this that these those
    there here who what which when where why how all any some one each more most other such
""".split()
)
# Folders under docs/ whose index pages are generated, so no file may take their place.
GENERATED_FOLDERS = frozenset(kind.section for kind in kinds.KINDS if kind.index is not None)
# Pages under docs/ at the addresses of those index pages ("glossary.md" would be glossary/).
GENERATED_ADDRESSES = frozenset(f"{section}.md" for section in GENERATED_FOLDERS)


@dataclass
class Corpus:
    root: Path
    vocabularies: Vocabularies
    items: dict[str, dict[str, Item]] = field(default_factory=dict)  # kind -> id -> item
    handbooks: list[Handbook] = field(default_factory=list)  # in a stable order

    def add(self, item: Item) -> None:
        self.items.setdefault(item.kind, {})[item.id] = item

    def get(self, kind: str, item_id: str) -> Item | None:
        return self.items.get(kind, {}).get(item_id)

    def of_kind(self, kind: str) -> list[Item]:
        return list(self.items.get(kind, {}).values())

    def records(self, record: type[R]) -> list[R]:
        """Every item of one record class, typed as that class: ``corpus.records(Term)``."""
        return [item for item in self.items.get(record.kind, {}).values() if isinstance(item, record)]

    def __iter__(self) -> Iterator[Item]:
        for by_id in self.items.values():
            yield from by_id.values()

    def __len__(self) -> int:
        return sum(len(by_id) for by_id in self.items.values())

    @property
    def terms(self) -> list[Term]:
        return self.records(Term)


@dataclass
class LoadResult:
    corpus: Corpus
    problems: list[Problem]
    seconds: float = 0.0
    files: int = 0
    references: list[Reference] = field(default_factory=list)  # every reference by id, where it is written (drafts.py)
    scan: ContentScan = field(default_factory=ContentScan)  # what the walk of the content folders refused
    # The translations beside the English files (`<id>.cy.md`, content/translations.py); their
    # problems are among `problems`, outdated translations are `translations.warnings`.
    translations: TranslationSet | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def load_corpus(root: Path | str, languages: tuple[str, ...] | list[str] = DEFAULT_LANGUAGES) -> LoadResult:
    """Every content file read and checked. ``languages``: the site's languages besides
    English (the settings' ``languages``): their translations are read and checked too
    (none: translation files are left unread)."""
    from handbook.content.translation_reader import read_translations  # it reads files as this module does

    started = time.perf_counter()
    root = Path(root).resolve()
    problems: list[Problem] = []
    references: list[Reference] = []
    vocabularies = load_vocabularies(root, problems)
    corpus = Corpus(root, vocabularies)
    for entry in vocabularies.themes:
        corpus.add(
            Theme(
                id=entry.id,
                path=kinds.THEME.source,
                title=entry.title,
                description=entry.description,
                summary=entry.description,
            )
        )
    scan = scan_content(root, markdown_only=(HANDBOOKS_DIR, *(kind.source for kind in kinds.COLLECTIONS)))
    problems.extend(scan.problems)
    loader = _Loader(root, corpus, problems, references, scan)
    loader.load_handbooks()
    # The organisation reader places coordinates in a nation: the boundary data, read once per load.
    readers = {kinds.ORGANISATION.name: partial(kinds.ORGANISATION.read, boundaries=load_boundaries())}
    for kind in kinds.COLLECTIONS:
        loader.load_collection(kind.source, kind.name, readers.get(kind.name, kind.read))
    loader.load_pages()
    _check_references(corpus, references, problems, loader.unreadable_ids())
    _check_term_names(corpus, problems)
    _check_duplicate_publications(corpus, problems)
    problems.extend(corpus_page_link_problems(corpus))  # found by MkDocs too, but only after every other check passed
    translations = read_translations(root, corpus, None, tuple(languages), scan=scan)
    problems.extend(translations.problems)
    problems.sort(key=lambda p: (p.path, p.line, p.field))
    files = loader.files + translations.files
    return LoadResult(corpus, problems, time.perf_counter() - started, files, references, scan, translations)


class _Loader:
    def __init__(
        self,
        root: Path,
        corpus: Corpus,
        problems: list[Problem],
        references: list[Reference],
        scan: ContentScan | None = None,
    ):
        self.root, self.corpus, self.problems, self.references = root, corpus, problems, references
        self.scan = scan or ContentScan()  # what the walk of the content folders refused: never read
        self.files = 0
        self.last_doc: SourceDoc | None = None  # the last file read, for list-item line numbers
        self.unreadable: set[str] = set()  # files already reported as unreadable

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def unreadable_ids(self) -> set[str]:
        """The ids of the files reported as unreadable: references to them are not reported
        again. A handbook's id is its folder's name."""
        return {Path(rel).parent.name if Path(rel).name == "index.md" else Path(rel).stem for rel in self.unreadable}

    def check_only(self, path: Path, read: Callable, *args, front_matter_required: bool = True) -> None:
        """Report a file's problems without adding it to the corpus: its name or place is
        wrong already (reported), and its content should not have to wait for a second run."""
        self.read(path, read, *args, front_matter_required=front_matter_required)
        self.unreadable.add(self.rel(path))

    def readable(self, path: Path) -> bool:
        """Not refused by the content walk (a link leaving the repository, a hidden file...)."""
        return not self.scan.is_refused(self.rel(path))

    def read(self, path: Path, read: Callable, *args, front_matter_required: bool = True) -> Item | None:
        self.files += 1
        rel = self.rel(path)
        doc = read_source(path, rel, self.problems, front_matter_required)
        if doc is None:
            self.unreadable.add(rel)
            return None
        self.last_doc = doc
        too_much = limit_problems(doc.body, doc.body_line, rel)
        if too_much:  # reported; an empty body keeps every later step away from it
            self.problems.extend(too_much)
            doc.body = ""
        item = None
        if doc.fields_readable:
            reader = FieldReader(doc, doc.data, self.problems, self.references)
            item = read(reader, self.corpus.vocabularies, *args)
            reader.finish()
        else:  # its front matter is reported: no "missing field" echoes, but the body is checked
            self.unreadable.add(rel)
        self.problems += body_problems(rel, doc.body, doc.body_line)  # raw HTML and link URLs
        self.problems += placeholder_problems(doc)  # TODO: left from the templates
        self.problems += reference_problems(self.root, rel, doc.body, doc.body_line)  # images and attached files
        for ref in scan_markdown(doc.body):
            field_name = "citation" if ref.syntax == "citation" else "link"
            line = doc.body_line + ref.line - 1
            if ref.in_link_text:  # found here rather than only when the page is rendered
                self.problems.append(
                    Problem(
                        rel,
                        line,
                        field_name,
                        f"[@{ref.id}] is inside the text of a link, where it cannot link to its reference",
                        expected="the citation outside the link's square brackets",
                    )
                )
            if is_valid_id(ref.kind, ref.id):
                self.references.append(Reference(ref.kind, ref.id, rel, line, field_name))
            else:
                self.problems.append(
                    Problem(
                        rel, line, field_name, f"'{ref.id}' is not a valid {ref.kind} id", expected=id_rule(ref.kind)
                    )
                )
        return item

    def check_id(self, path: Path) -> str | None:
        """A Markdown file's id is its name; it must be a kebab-case slug."""
        item_id = path.stem
        if not SLUG.match(item_id):
            self.problems.append(
                Problem(
                    self.rel(path),
                    1,
                    "file name",
                    f"'{item_id}' is not a valid id",
                    expected="lower-case words joined by hyphens",
                    suggestion=f"'{slugify(item_id)}.md'",
                )
            )
            return None
        return item_id

    def markdown_files(self, folder: Path) -> list[Path]:
        # Other files, hidden ones and links leaving the repository were reported by the content walk.
        # Translations (`<id>.cy.md`) are read with the translations (content/translations.py).
        return sorted(
            p
            for p in folder.iterdir()
            if p.suffix == ".md" and translation_name(p.name) is None and p.is_file() and self.readable(p)
        )

    def load_collection(self, folder_name: str, kind: str, read: Callable) -> None:
        folder = self.root / folder_name
        if not folder.is_dir():
            return
        for path in self.markdown_files(folder):
            if path.name in ("index.md", "README.md"):
                self.problems.append(
                    Problem(
                        self.rel(path),
                        1,
                        "file name",
                        f"'{path.name}' is reserved: this folder's index page is generated",
                        expected="one file per item, named by its id",
                    )
                )
                continue
            item_id = self.check_id(path)
            if item_id is None:
                self.check_only(path, read, path.stem)
                continue
            item = self.read(path, read, item_id)
            if isinstance(item, Term):
                self.check_term_names(item)
            if item is not None:
                self.add_unique(item)
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and self.readable(p)):
            self.problems.append(
                Problem(
                    self.rel(sub),
                    1,
                    "folder",
                    f"'{sub.name}/' is not read: items live directly in {folder_name}/",
                    expected=f"{folder_name}/<id>.md",
                )
            )

    def check_term_names(self, term: Term) -> None:
        """A term's title and aliases are linked wherever they appear: none may be a common word."""
        for index, name in enumerate(term.names):
            key = " ".join(name.lower().split())
            if key not in COMMON_WORDS and sum(char.isalnum() for char in key) >= 2:
                continue
            where, line_key = ("term", ("term",)) if index == 0 else (f"aliases[{index - 1}]", ("aliases", index - 1))
            assert self.last_doc is not None  # the term's file, just read
            self.problems.append(
                Problem(
                    term.path,
                    self.last_doc.line_of(line_key),
                    where,
                    f"'{name}' is too short or too common to be a term's name",
                    expected="a name of at least two letters that is not an everyday word, as the site links it on every page",
                )
            )

    def add_unique(self, item: Item) -> None:
        existing = self.corpus.get(item.kind, item.id)
        if existing is not None:
            self.problems.append(
                Problem(
                    item.path,
                    1,
                    "id",
                    f"'{item.id}' is already used by {existing.path}",
                    expected=f"a unique id for each {item.kind}",
                )
            )
            return
        self.corpus.add(item)

    def load_handbooks(self) -> None:
        folder = self.root / HANDBOOKS_DIR
        if not folder.is_dir():
            return
        # A folder whose name is not an id was reported by the content walk and is not readable.
        for handbook_dir in sorted(p for p in folder.iterdir() if p.is_dir() and self.readable(p)):
            self.load_handbook(handbook_dir)

    def load_handbook(self, handbook_dir: Path) -> None:
        handbook_id = handbook_dir.name
        index = handbook_dir / "index.md"
        chapter_files = {p.stem: p for p in self.markdown_files(handbook_dir) if p.name != "index.md"}
        if not index.exists():
            self.problems.append(
                Problem(
                    self.rel(handbook_dir),
                    1,
                    "index.md",
                    "is missing",
                    expected=f"{self.rel(index)} with the handbook's title, summary, editors and chapters",
                )
            )
            self.unreadable.add(self.rel(index))
            self.check_chapters_only(handbook_id, chapter_files)
            return
        handbook = self.read(index, kinds.HANDBOOK.read, handbook_id)
        if handbook is None:
            self.check_chapters_only(handbook_id, chapter_files)
            return
        assert isinstance(handbook, Handbook)
        index_doc = self.last_doc
        assert index_doc is not None  # the handbook's index.md, just read
        listed = set()
        for number, slug in enumerate(handbook.chapter_ids, start=1):
            line = index_doc.line_of(("chapters", number - 1))
            if slug in listed:
                self.problems.append(
                    Problem(
                        handbook.path,
                        line,
                        f"chapters[{number - 1}]",
                        f"'{slug}' is listed twice",
                        expected="each chapter once",
                    )
                )
                continue
            listed.add(slug)
            if not is_valid_id("chapter", f"{handbook_id}/{slug}"):
                self.problems.append(
                    Problem(
                        handbook.path,
                        line,
                        f"chapters[{number - 1}]",
                        f"'{slug}' is not a valid id",
                        expected="the name of a chapter file in this handbook, lower-case words joined by hyphens",
                    )
                )
                continue
            path = chapter_files.get(slug)
            if path is None:
                self.problems.append(
                    Problem(
                        handbook.path,
                        line,
                        f"chapters[{number - 1}]",
                        f"'{slug}' has no file {self.rel(handbook_dir)}/{slug}.md",
                        expected="the name of a chapter file in this handbook",
                        suggestion=did_you_mean(slug, chapter_files),
                    )
                )
                continue
            if self.check_id(path) is None:
                self.check_only(path, kinds.CHAPTER.read, handbook_id, slug, front_matter_required=False)
                continue
            # Front matter is optional: a chapter's title may be its first '# Heading'.
            chapter = self.read(path, kinds.CHAPTER.read, handbook_id, slug, front_matter_required=False)
            if isinstance(chapter, Chapter):
                chapter.number = number
                handbook.chapters.append(chapter)
                self.add_unique(chapter)
        for slug, path in sorted(chapter_files.items()):
            if slug not in listed:
                self.problems.append(
                    Problem(
                        self.rel(path),
                        1,
                        "file",
                        "is not listed in its handbook's chapters",
                        expected=f"'{slug}' in the chapters list of {handbook.path}",
                    )
                )
                self.check_id(path)  # its name and content now, not once it is listed
                self.check_only(path, kinds.CHAPTER.read, handbook_id, slug, front_matter_required=False)
        self.add_unique(handbook)
        self.corpus.handbooks.append(handbook)

    def check_chapters_only(self, handbook_id: str, chapter_files: dict[str, Path]) -> None:
        """The chapters of a handbook whose index.md is missing or unreadable: their order
        and the handbook are unknown (no "not listed" echoes), but each file's own problems
        are reported in this run."""
        for slug, path in sorted(chapter_files.items()):
            self.check_id(path)
            self.check_only(path, kinds.CHAPTER.read, handbook_id, slug, front_matter_required=False)

    def load_pages(self) -> None:
        docs = self.root / DOCS_DIR
        if not docs.is_dir():
            return
        for path in sorted(docs.rglob("*.md")):
            rel_to_docs = path.relative_to(docs)
            top = rel_to_docs.parts[0] if len(rel_to_docs.parts) > 1 else None
            if top in DOCS_COLLECTIONS or translation_name(path.name) is not None or not self.readable(path):
                continue
            if top in GENERATED_FOLDERS or rel_to_docs.as_posix() in GENERATED_ADDRESSES:
                self.problems.append(
                    Problem(
                        self.rel(path),
                        1,
                        "file",
                        "takes the place of a generated page",
                        expected=f"content in {top or rel_to_docs.stem}/ to live in its own collection",
                    )
                )
                continue
            page_id = rel_to_docs.with_suffix("").as_posix()
            page = self.read(path, kinds.PAGE.read, page_id, front_matter_required=False)
            if page is not None:
                self.corpus.add(page)


def _check_references(
    corpus: Corpus, references: list[Reference], problems: list[Problem], unreadable_ids: set[str]
) -> None:
    for ref in references:
        if ref.id.rsplit("/", 1)[-1] in unreadable_ids:
            continue  # its file is already reported; one message is enough
        if ref.kind == "theme" and ref.field.startswith("themes"):
            continue  # vocabulary-checked already
        if ref.kind == "theme" and corpus.vocabularies.themes.unknown:
            continue  # the themes vocabulary is reported as unreadable: no theme is known
        if corpus.get(ref.kind, ref.id) is not None:
            continue
        candidates = list(corpus.items.get(ref.kind, {}))
        where = "no such" if candidates or ref.kind in corpus.items else "no"
        syntax = "[@id]" if ref.field == "citation" else f"{ref.kind}:id"
        problems.append(
            Problem(
                ref.path,
                ref.line,
                ref.field,
                f"{where} {ref.kind} '{ref.id}'",
                expected=f"the id of an existing {ref.kind} ({syntax})",
                suggestion=did_you_mean(ref.id, candidates),
            )
        )


def _check_duplicate_publications(corpus: Corpus, problems: list[Problem]) -> None:
    """The same publication entered twice under two ids splits its citations."""
    seen: dict[tuple, Item] = {}
    for evidence in corpus.records(Evidence):
        keys: list[tuple] = [("doi", evidence.doi.lower())] if evidence.doi else []
        keys.append(("title", " ".join(evidence.title.lower().split()), evidence.year))
        for key in keys:
            first = seen.setdefault(key, evidence)
            if first is not evidence:
                what = f"DOI {evidence.doi}" if key[0] == "doi" else "title and year"
                problems.append(
                    Problem(
                        evidence.path,
                        1,
                        "id",
                        f"'{evidence.id}' has the same {what} as '{first.id}' ({first.path})",
                        expected="one evidence item per publication",
                        suggestion=f"citing '{first.id}' instead",
                    )
                )
                break


def _check_term_names(corpus: Corpus, problems: list[Problem]) -> None:
    """Two terms may not claim the same name or alias: the linker could not choose."""
    owners: dict[str, Term] = {}
    for term in corpus.terms:
        for name in term.names:
            key = " ".join(name.lower().split())
            owner = owners.get(key)
            if owner is not None and owner is not term:
                problems.append(
                    Problem(
                        term.path,
                        1,
                        "aliases",
                        f"'{name}' is already a name of the term '{owner.id}' ({owner.path})",
                        expected="each name or alias to belong to one term",
                    )
                )
            else:
                owners[key] = term
