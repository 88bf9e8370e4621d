"""The kinds of content, declared once: everything else reads this registry.

One ``Kind`` per record class of ``model.py``: where its files live, how its pages are
addressed and shown, which page lists them all, what ``handbook new`` fills, and how it
takes part in cross-linking. The loader, the URLs, the generated pages, the navigation,
the review report and the scaffolder read these entries instead of keeping their own
lists, so a new kind is one entry here (plus its record, reader and templates).

Plain data: no MkDocs, and only ``model.py`` (and ``N_``) imported, so any module can read
it. A kind's reader is named, not imported: the readers import modules that read this one.

Labels, plurals, index titles and summaries are English interface strings kept as data:
marked with ``N_`` for the message catalogue and translated where they are shown
(``_(kind.label)`` in a template, ``messages.gettext(kind.label)`` in Python).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handbook.content.model import (
    Chapter,
    Convening,
    Evidence,
    Handbook,
    Item,
    Organisation,
    Page,
    Resource,
    Story,
    Term,
    Theme,
)
from handbook.languages import N_


@dataclass(frozen=True)
class IndexPage:
    """The generated page that lists every item of a kind; also its entry in the navigation."""

    title: str  # the page's title and its navigation title: "Glossary"
    template: str  # under hooks/handbook/templates/: "generated/glossary.html"
    summary: str
    gathers: str  # the folder or file it is made from, shown under the page


@dataclass(frozen=True)
class Kind:
    name: str  # Item.kind: the word of references ("term:id") and of the code
    record: type[Item]
    label: str  # one item, as a list labels it: "Term"
    plural: str  # a group of them, as a heading names it: "Glossary terms"
    source: str  # where its items are written, from the repository root: a folder, or a file
    section: str | None  # the first part of its pages' addresses: glossary/<id>/ (None: pages, addressed by path)
    template: str  # under hooks/handbook/templates/: how one item's page is shown
    reader: str | None = None  # its function in content/readers.py (None: made from another file)
    collection: bool = False  # one file per item, <source>/<id>.md
    index: IndexPage | None = None
    new_template: str | None = None  # the file `handbook new` fills, in .github/content-templates/
    referable: bool = True  # can be linked to as [text](kind:id)
    related: bool = False  # shows, and is shown in, related lists
    backlinks_heading: str | None = None  # its page lists the pages that use it, under this heading

    @property
    def read(self) -> Callable[..., Item]:
        """Its reader, looked up on use (see the module's docstring)."""
        from handbook.content import readers

        if self.reader is None:
            raise LookupError(f"the {self.name} kind has no reader: its items are not read from files of their own")
        return getattr(readers, self.reader)

    @property
    def index_page(self) -> IndexPage:
        """Its index page; LookupError for a kind that has none (chapters, pages)."""
        if self.index is None:
            raise LookupError(f"the {self.name} kind has no index page")
        return self.index

    @property
    def index_src_uri(self) -> str:
        """The source path of its index page, as if under docs/."""
        return f"{self.section}/index.md"


HANDBOOK = Kind(
    name="handbook",
    record=Handbook,
    label=N_("Handbook"),
    plural=N_("Handbooks"),
    source="handbooks",  # handbooks/<id>/index.md
    section="handbooks",
    template="items/handbook.html",
    reader="read_handbook",
    index=IndexPage(
        N_("Handbooks"), "generated/handbooks.html", N_("Every handbook, with its chapters."), gathers="handbooks"
    ),
    new_template="handbook.md",
    related=True,
)
CHAPTER = Kind(
    name="chapter",
    record=Chapter,
    label=N_("Chapter"),
    plural=N_("Handbook chapters"),
    source="handbooks",  # handbooks/<handbook>/<chapter>.md, in the order its handbook lists
    section="handbooks",
    template="items/chapter.html",
    reader="read_chapter",
    new_template="chapter.md",
    related=True,
)
TERM = Kind(
    name="term",
    record=Term,
    label=N_("Term"),
    plural=N_("Glossary terms"),
    source="glossary",
    section="glossary",
    template="items/term.html",
    reader="read_term",
    collection=True,
    index=IndexPage(
        N_("Glossary"),
        "generated/glossary.html",
        N_("Relational terms and phrases, with the perspectives people bring to them."),
        gathers="glossary",
    ),
    new_template="term.md",
    related=True,
    backlinks_heading=N_("Where it is used"),
)
EVIDENCE = Kind(
    name="evidence",
    record=Evidence,
    label=N_("Evidence"),
    plural=N_("Evidence"),
    source="docs/evidence",
    section="evidence",
    template="items/evidence.html",
    reader="read_evidence",
    collection=True,
    index=IndexPage(
        N_("Evidence"),
        "generated/evidence.html",
        N_("Publications on relationships, with an honest rating of how strong each is."),
        gathers="docs/evidence",
    ),
    new_template="evidence.md",
    related=True,
    backlinks_heading=N_("Cited by"),
)
STORY = Kind(
    name="story",
    record=Story,
    label=N_("Story"),
    plural=N_("Stories"),
    source="docs/stories",
    section="stories",
    template="items/story.html",
    reader="read_story",
    collection=True,
    index=IndexPage(
        N_("Stories"), "generated/stories.html", N_("Case stories from people doing the work."), gathers="docs/stories"
    ),
    new_template="story.md",
    related=True,
    backlinks_heading=N_("Where it is used"),
)
CONVENING = Kind(
    name="convening",
    record=Convening,
    label=N_("Convening"),
    plural=N_("Convenings"),
    source="docs/convenings",
    section="convenings",
    template="items/convening.html",
    reader="read_convening",
    collection=True,
    index=IndexPage(
        N_("Convenings"),
        "generated/convenings.html",
        N_("Gatherings of the field, what they explored and the questions they raised."),
        gathers="docs/convenings",
    ),
    new_template="convening.md",
    related=True,
    backlinks_heading=N_("Where it is used"),
)
RESOURCE = Kind(
    name="resource",
    record=Resource,
    label=N_("Resource"),
    plural=N_("Resources"),
    source="docs/resources",
    section="resources",
    template="items/resource.html",
    reader="read_resource",
    collection=True,
    index=IndexPage(
        N_("Resources"),
        "generated/resources.html",
        N_("Tools and publications of the field."),
        gathers="docs/resources",
    ),
    new_template="resource.md",
    related=True,
    backlinks_heading=N_("Where it is used"),
)
ORGANISATION = Kind(
    name="organisation",
    record=Organisation,
    label=N_("Organisation"),
    plural=N_("Organisations"),
    source="docs/organisations",
    section="organisations",
    template="items/organisation.html",
    reader="read_organisation",
    collection=True,
    index=IndexPage(
        N_("Organisations"),
        "generated/organisations.html",
        N_("Who is doing relational work, and where."),
        gathers="docs/organisations",
    ),
    new_template="organisation.md",
    related=True,
    backlinks_heading=N_("Where it is named"),
)
# A theme is an entry of the themes vocabulary: no file of its own, and its page (a hub
# gathering everything filed under it) is generated.
THEME = Kind(
    name="theme",
    record=Theme,
    label=N_("Theme"),
    plural=N_("Themes"),
    source="docs/vocabularies.yml",
    section="themes",
    template="generated/theme.html",
    index=IndexPage(
        N_("Themes"),
        "generated/themes.html",
        N_("Everything on the site, gathered by theme."),
        gathers="docs/vocabularies.yml",
    ),
)
# Free-form pages: anything else under docs/ (home, about, contributing), addressed by path.
PAGE = Kind(
    name="page",
    record=Page,
    label=N_("Page"),
    plural=N_("Pages"),
    source="docs",
    section=None,
    template="items/page.html",
    reader="read_page",
    referable=False,
)

# In this order wherever kinds are listed (review report, theme hubs, navigation).
KINDS: tuple[Kind, ...] = (HANDBOOK, CHAPTER, TERM, EVIDENCE, STORY, CONVENING, RESOURCE, ORGANISATION, THEME, PAGE)
COLLECTIONS: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.collection)
# The top-level folders holding content (git history, the review report, recent changes).
CONTENT_ROOTS: tuple[str, ...] = tuple(dict.fromkeys(kind.source.split("/")[0] for kind in KINDS))

_BY_NAME = {kind.name: kind for kind in KINDS}
_BY_RECORD = {kind.record: kind for kind in KINDS}
_BY_SECTION = {kind.section: kind for kind in KINDS if kind.index is not None}


def by_name(name: str) -> Kind:
    """The kind called ``name`` ("term"); KeyError for an unknown name."""
    return _BY_NAME[name]


def of(item: Item) -> Kind:
    """An item's kind."""
    return _BY_RECORD[type(item)]


def by_folder(folder: str) -> Kind | None:
    """The kind whose items are written in ``folder`` ("glossary", "docs/evidence"): the
    first in the registry's order, so "handbooks" is the handbook and "docs" the page."""
    folder = folder.strip("/")
    return next((kind for kind in KINDS if kind.source == folder), None)


def by_section(section: str) -> Kind | None:
    """The kind whose index page is at ``section``/ ("stories" -> story); "handbooks" is the
    handbook (its chapters' addresses start there too)."""
    return _BY_SECTION.get(section.strip("/"))
