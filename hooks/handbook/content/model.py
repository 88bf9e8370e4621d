"""The typed records of the content model. Plain dataclasses: no MkDocs in sight.

Each record class is one kind of content, declared with its folder, address and
templates in ``kinds.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

DateLike = dt.date | str  # a str holds a partial date: "2022" or "2022-06"

# An item's `status`: a draft is previewed (`mkdocs serve`) but left out of the published
# site; which items a build includes is decided in drafts.py.
DRAFT = "draft"
PUBLISHED = "published"


@dataclass(kw_only=True)
class Review:
    last_reviewed: dt.date | None = None
    reviewed_by: str | None = None
    review_due: dt.date | None = None

    def overdue(self, today: dt.date) -> bool:
        return self.review_due is not None and self.review_due < today


@dataclass(kw_only=True)
class Item:
    """Anything with its own file and page."""

    kind: ClassVar[str] = "item"
    id: str
    path: str  # source file, relative to the repository root
    title: str
    body: str = ""
    body_line: int = 1
    summary: str | None = None
    themes: list[str] = field(default_factory=list)
    review: Review = field(default_factory=Review)
    term_links: bool = True  # front matter `term_links: false` turns automatic term links off
    status: str = PUBLISHED  # DRAFT keeps it out of production builds (drafts.py)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


@dataclass(kw_only=True)
class Chapter(Item):
    kind: ClassVar[str] = "chapter"
    handbook_id: str
    slug: str
    number: int = 0


@dataclass(kw_only=True)
class Handbook(Item):
    kind: ClassVar[str] = "handbook"
    editors: list[str] = field(default_factory=list)
    licence: str = "CC-BY-4.0"
    chapter_ids: list[str] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)


@dataclass(kw_only=True)
class Source:
    title: str
    year: int | None = None
    url: str | None = None


@dataclass(kw_only=True)
class Perspective:
    definition: str
    attributed_to: str
    stance: str
    source: Source | None = None


@dataclass(kw_only=True)
class UseWithCare:
    why: str
    alternatives: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Term(Item):
    kind: ClassVar[str] = "term"
    aliases: list[str] = field(default_factory=list)
    group: str
    working_definition: str
    perspectives: list[Perspective] = field(default_factory=list)
    contested: bool = False
    contested_note: str | None = None
    use_with_care: UseWithCare | None = None
    related_terms: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every surface form that the term linker should recognise."""
        return [self.title, *self.aliases]


@dataclass(kw_only=True)
class Confidence:
    rating: int
    rationale: str


@dataclass(kw_only=True)
class Evidence(Item):
    kind: ClassVar[str] = "evidence"
    authors: list[str]
    year: int
    evidence_type: str
    publisher: str | None = None
    url: str | None = None
    doi: str | None = None
    open_access: bool | None = None
    outcomes: list[str] = field(default_factory=list)
    key_findings: list[str] = field(default_factory=list)
    findings_direction: str | None = None
    confidence: Confidence

    @property
    def link(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    @property
    def author_year(self) -> str:
        """How a citation names it in running text: "Holt-Lunstad et al. 2010"."""
        return f"{self.short_authors} {self.year}"

    @property
    def short_authors(self) -> str:
        surnames = [a.split(",")[0].strip() for a in self.authors]
        if len(surnames) > 2:
            return f"{surnames[0]} et al."
        return " and ".join(surnames)


@dataclass(kw_only=True)
class Storyteller:
    name: str
    naming: str
    role: str | None = None


# How a story came to be published (`publication.basis`).
PUBLISHED_BY_PROJECT = "published-by-relationships-project"
CONTRIBUTED = "contributed"


@dataclass(kw_only=True)
class Publication:
    """How a story came to be published: told to and published by the Relationships Project
    (on `page`, on `date` if the source gives one), or contributed here with the storytellers'
    consent recorded by a named maintainer (`recorded_by`, `date`, `record`)."""

    basis: str
    page: str | None = None
    date: dt.date | None = None
    recorded_by: str | None = None
    record: str | None = None


@dataclass(kw_only=True)
class Place:
    town: str | None = None
    nation: str | None = None
    venue: str | None = None


@dataclass(kw_only=True)
class Story(Item):
    kind: ClassVar[str] = "story"
    story_type: str
    storytellers: list[Storyteller]
    publication: Publication | None
    organisation: str | None = None
    place: Place | None = None
    date: DateLike | None = None
    tools_used: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Convening(Item):
    kind: ClassVar[str] = "convening"
    date: DateLike
    format: str
    location: Place | None = None
    participants: int | None = None
    hosts: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    purpose: str | None = None
    questions_raised: list[str] = field(default_factory=list)
    write_up_authors: list[str] = field(default_factory=list)

    @property
    def year(self) -> int:
        return int(str(self.date)[:4])


@dataclass(kw_only=True)
class Resource(Item):
    kind: ClassVar[str] = "resource"
    resource_kind: str
    url: str | None = None
    organisation: str | None = None
    year: int | None = None


@dataclass(kw_only=True)
class Connection:
    target: str
    type: str
    strength: str | None = None


# On what basis an organisation is listed (`listing.basis`).
SELF_LISTED = "self-listed"
PUBLIC_SOURCE = "public-source"


@dataclass(kw_only=True)
class Listing:
    """Why an organisation is listed: it listed itself (`by` a named person or @handle, with
    the pull request or issue as `record`), or it is listed from a public `source`: a web
    address, or an item on this site written `kind:id` (convening:..., story:...)."""

    basis: str
    by: str | None = None
    record: str | None = None
    source: str | None = None

    @property
    def source_item(self) -> tuple[str, str] | None:
        """(kind, id) when the source is an item on this site."""
        if self.source is None or self.source.startswith(("http://", "https://")):
            return None
        kind, _, item_id = self.source.partition(":")
        return kind, item_id


# Place names that stand for no point on the map: they take no coordinates and no source.
UK_WIDE, ONLINE = "UK-wide", "online"
PLACES_WITHOUT_A_POINT = (UK_WIDE, ONLINE)


@dataclass(kw_only=True)
class OrganisationPlace:
    """Where an organisation is or works: a town, city or local authority area with its
    coordinates (WGS84 degrees) and the public `source` that says so (a web address or an
    item on this site as `kind:id`); or "UK-wide" or "online", which have neither.
    `nation` is the nation the coordinates fall in (from the boundary data, worked out
    when the record is read), None for a place without a point or outside the UK."""

    name: str
    lat: float | None = None
    lon: float | None = None
    source: str | None = None
    nation: str | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def source_item(self) -> tuple[str, str] | None:
        """(kind, id) when the source is an item on this site."""
        if self.source is None or self.source.startswith(("http://", "https://")):
            return None
        kind, _, item_id = self.source.partition(":")
        return kind, item_id


@dataclass(kw_only=True)
class Organisation(Item):
    kind: ClassVar[str] = "organisation"
    org_type: str | None = None
    nations: list[str] = field(default_factory=list)
    what_we_do: str | None = None
    website: str | None = None
    connections: list[Connection] = field(default_factory=list)
    listing: Listing | None = None
    places: list[OrganisationPlace] = field(default_factory=list)


@dataclass(kw_only=True)
class Page(Item):
    """A free-form page under docs/ (home, about, contributing)."""

    kind: ClassVar[str] = "page"


@dataclass(kw_only=True)
class Theme(Item):
    """A theme from the vocabulary; its page is generated, it has no file of its own."""

    kind: ClassVar[str] = "theme"
    description: str = ""
