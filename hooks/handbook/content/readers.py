"""One reader per content type: front matter -> typed record, problems collected.

Each function lists every field its type knows, so that anything else in the file is
reported as an unknown field.
"""

from __future__ import annotations

import re

from handbook.content.fields import FieldReader, decoded_references
from handbook.content.model import (
    CONTRIBUTED,
    DRAFT,
    ONLINE,
    PLACES_WITHOUT_A_POINT,
    PUBLIC_SOURCE,
    PUBLISHED,
    PUBLISHED_BY_PROJECT,
    SELF_LISTED,
    UK_WIDE,
    Chapter,
    Confidence,
    Connection,
    Convening,
    Evidence,
    Handbook,
    Listing,
    Organisation,
    OrganisationPlace,
    Page,
    Perspective,
    Place,
    Publication,
    Resource,
    Review,
    Source,
    Story,
    Storyteller,
    Term,
    UseWithCare,
)
from handbook.content.placeholders import is_placeholder
from handbook.content.problems import did_you_mean
from handbook.content.source import SourceDoc, TitleHeading, title_heading, without_heading
from handbook.content.vocabulary import Entry, Vocabularies, Vocabulary
from handbook.geography.boundaries import (
    BRITISH_ISLES_LAT,
    BRITISH_ISLES_LON,
    COAST_TOLERANCE_KM,
    Boundaries,
    in_british_isles,
)
from handbook.safety import handles

WORKING_DEFINITION_MAX_WORDS = 40
STRENGTHS = ("weak", "medium", "strong")
# The status of every item but a handbook (whose `status` has `archived` too, in the
# handbook_statuses vocabulary). Fixed here, not in docs/vocabularies.yml: the engine
# gives `draft` its meaning (drafts.py), so the list is not the content's to extend.
ITEM_STATUSES = Vocabulary(
    "item statuses", {status: Entry(status, status.capitalize()) for status in (DRAFT, PUBLISHED)}
)

LISTING_BASES = Vocabulary(
    "listing bases",
    {
        SELF_LISTED: Entry(SELF_LISTED, "Self-listed"),
        PUBLIC_SOURCE: Entry(PUBLIC_SOURCE, "Listed from a public source"),
    },
)
PUBLICATION_BASES = Vocabulary(
    "publication bases",
    {
        PUBLISHED_BY_PROJECT: Entry(PUBLISHED_BY_PROJECT, "Published by the Relationships Project"),
        CONTRIBUTED: Entry(CONTRIBUTED, "Contributed here"),
    },
)
# The items on this site a listing may cite as its public source, written `kind:id`.
SOURCE_KINDS = ("convening", "story", "resource", "evidence", "handbook")
SOURCE_EXPECTED = (
    "a full http(s) address, or an item on this site written kind:id ("
    + ", ".join(f"{kind}:..." for kind in SOURCE_KINDS)
    + ")"
)
_ITEM_SOURCE = re.compile(r"^([a-z]+):(.+)$")
_REPOSITORY_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.(?:/|$))[A-Za-z0-9._/-]+$")


def _web_address(r: FieldReader, name: str) -> str | None:
    """A field that must be a full http(s) address."""
    value = r.text(name)
    if value is None or is_placeholder(value):  # a template's placeholder is reported as one
        return None
    if not value.startswith(("http://", "https://")):
        r.problem(name, f"'{value}' is not a full web address", expected="a full http(s) address")
        return None
    return r.url(name)


def _required(r: FieldReader, name: str, basis: str, expected: str) -> None:
    if r.data.get(name) in (None, ""):
        r.problem(name, f"is missing: a {basis} entry needs it", expected=expected)


def _not_for(r: FieldReader, names: tuple[str, ...], basis: str) -> None:
    for name in names:
        if name in r.data:
            r.problem(name, f"does not belong to a {basis} entry", expected="no such field for this basis")


def _item_source(r: FieldReader, name: str) -> str | None:
    """A public source: a web address, or an item on this site (`convening:some-id`), which must exist."""
    value = r.text(name)
    if value is None or is_placeholder(value):  # a template's placeholder is reported as one
        return None
    if value.startswith(("http://", "https://")):
        return r.url(name)
    found = _ITEM_SOURCE.match(value)
    if found is None or found.group(1) not in SOURCE_KINDS:
        r.problem(name, f"'{value}' is neither a web address nor an item on this site", expected=SOURCE_EXPECTED)
        return None
    kind, item_id = found.groups()
    return value if r.record_reference(name, kind, item_id) is not None else None


def _replaced(r: FieldReader, name: str, replacement: str, expected: str) -> None:
    """An old field, refused with what replaces it."""
    if name in r.data:
        r.allow(name)
        r.problem(name, f"is no longer a field: {replacement} replaces it", expected=expected)


def _common(r: FieldReader, v: Vocabularies, statuses: Vocabulary = ITEM_STATUSES) -> dict:
    """Fields every item may carry."""
    return dict(
        themes=r.choices("themes", v.themes),
        review=Review(
            last_reviewed=r.date("last_reviewed"), reviewed_by=r.text("reviewed_by"), review_due=r.date("review_due")
        ),
        term_links=r.boolean("term_links") is not False,
        status=r.choice("status", statuses) or PUBLISHED,
    )


def _base(r: FieldReader, item_id: str, title: str | None) -> dict:
    return dict(id=item_id, path=r.doc.path, title=title or item_id, body=r.doc.body, body_line=r.doc.body_line)


def _editors(r: FieldReader) -> list[str]:
    """The editors that are GitHub handles; each other one is a problem (they go into CODEOWNERS)."""
    r.texts("editors", required=True)  # reports a missing field and entries that are not text
    values = r.data.get("editors")
    each = FieldReader(r.doc, {}, r.problems, r.references, r.key_path + ("editors",))
    editors = []
    for index, value in enumerate(values if isinstance(values, list) else []):
        if value is None or isinstance(value, (dict, list)):
            continue
        handle = str(value).strip()
        if handles.is_handle(handle):
            editors.append(handle)
        else:
            each.problem(index, handles.not_a_handle(handle), expected=handles.EXPECTED)
    return editors


def read_handbook(r: FieldReader, v: Vocabularies, item_id: str) -> Handbook:
    return Handbook(
        **_base(r, item_id, r.text("title", required=True)),
        summary=r.text("summary", required=True),
        editors=_editors(r),
        licence=r.text("licence") or "CC-BY-4.0",
        chapter_ids=r.texts("chapters", required=True),
        **_common(r, v, v.handbook_statuses),
    )


def _title_or_heading(r: FieldReader, required: bool, drop_heading: bool) -> str | None:
    """The `title` field or, without one, the body's first level-one heading ("# Title").

    With ``drop_heading``, a heading that gave the title is left out of the body, since the
    page prints the title above it; so is a first heading that only repeats the title field.
    Without a title of either kind, one problem that names both ways of giving one.
    """
    title = r.text("title")
    # With a title field, only a first heading that opens the body can repeat it: read no further.
    heading = title_heading(r.doc, opening_only=title is not None) if title is None or drop_heading else None
    if title is None and heading is None:
        if required:
            r.problem(
                "title",
                "is missing: there is no title field and no '# Title' heading",
                expected="a first line '# Title' in the text, or 'title: ...' in front matter",
            )
        return None
    if (
        heading is not None
        and drop_heading
        and (title is None or (heading.text == title and _opens_body(r.doc, heading)))
    ):
        r.doc.body = without_heading(r.doc.body, heading)
    # A heading's character references read once, as Markdown reads them ("# Health &amp; care").
    return title or (decoded_references(heading.text) if heading else None)


def _opens_body(doc: SourceDoc, heading: TitleHeading) -> bool:
    """Whether nothing but blank lines comes before the heading."""
    return not "".join(doc.body.splitlines()[: heading.body_lines[0] - 1]).strip()


def read_chapter(r: FieldReader, v: Vocabularies, handbook_id: str, slug: str) -> Chapter:
    return Chapter(
        **_base(r, f"{handbook_id}/{slug}", _title_or_heading(r, required=True, drop_heading=True)),
        handbook_id=handbook_id,
        slug=slug,
        summary=r.text("summary"),
        **_common(r, v),
    )


def _source(r: FieldReader) -> Source:
    return Source(
        title=r.text("title", required=True) or "", year=r.integer("year", minimum=1500, maximum=2100), url=r.url("url")
    )


def read_term(r: FieldReader, v: Vocabularies, item_id: str) -> Term:
    def perspective(p: FieldReader) -> Perspective:
        return Perspective(
            definition=p.text("definition", required=True) or "",
            attributed_to=p.text("attributed_to", required=True) or "",
            stance=p.choice("stance", v.perspective_stances, required=True) or "",
            source=p.mapping("source", _source),
        )

    def use_with_care(u: FieldReader) -> UseWithCare:
        return UseWithCare(why=u.text("why", required=True) or "", alternatives=u.texts("alternatives"))

    term = Term(
        **_base(r, item_id, r.text("term", required=True)),
        aliases=r.texts("aliases"),
        group=r.choice("group", v.term_groups, required=True) or "other",
        working_definition=r.text("working_definition", required=True, max_words=WORKING_DEFINITION_MAX_WORDS) or "",
        perspectives=r.mappings("perspectives", perspective, required=True),
        contested=bool(r.boolean("contested")),
        contested_note=r.text("contested_note"),
        use_with_care=r.mapping("use_with_care", use_with_care),
        related_terms=r.references_to("related_terms", "term"),
        **_common(r, v),
    )
    if term.contested and not term.contested_note:
        r.problem(
            "contested",
            "is true but contested_note is missing",
            expected="a contested_note saying how the perspectives disagree",
        )
    if item_id in term.related_terms:
        r.problem("related_terms", f"lists the term itself ('{item_id}')", expected="other terms only")
    return term


def read_evidence(r: FieldReader, v: Vocabularies, item_id: str) -> Evidence:
    def confidence(c: FieldReader) -> Confidence:
        return Confidence(
            rating=c.integer("rating", required=True, minimum=0, maximum=4) or 0,
            rationale=c.text("rationale", required=True) or "",
        )

    doi = r.text("doi")
    if doi and doi.lower().startswith(("http", "doi.org", "doi:")):
        r.problem("doi", f"'{doi}' includes a prefix", expected="the bare DOI, such as 10.1371/journal.pmed.1000316")
        doi = None
    return Evidence(
        **_base(r, item_id, r.text("title", required=True)),
        authors=r.texts("authors", required=True),
        year=r.integer("year", required=True, minimum=1500, maximum=2100) or 0,
        evidence_type=r.choice("evidence_type", v.evidence_types, required=True) or "",
        publisher=r.text("publisher"),
        url=r.url("url"),
        doi=doi,
        open_access=r.boolean("open_access"),
        outcomes=r.choices("outcomes", v.outcomes),
        key_findings=r.texts("key_findings"),
        findings_direction=r.choice("findings_direction", v.findings_directions),
        confidence=r.mapping("confidence", confidence, required=True) or Confidence(rating=0, rationale=""),
        summary=r.text("summary"),
        **_common(r, v),
    )


def _place(v: Vocabularies, with_venue: bool):
    def read(p: FieldReader) -> Place:
        return Place(
            venue=p.text("venue") if with_venue else None, town=p.text("town"), nation=p.choice("nation", v.nations)
        )

    return read


def read_story(r: FieldReader, v: Vocabularies, item_id: str) -> Story:
    def storyteller(s: FieldReader) -> Storyteller:
        return Storyteller(
            name=s.text("name", required=True) or "",
            naming=s.choice("naming", v.namings, required=True) or "",
            role=s.text("role"),
        )

    def publication(p: FieldReader) -> Publication:
        basis = p.choice("basis", PUBLICATION_BASES, required=True) or ""
        page = _web_address(p, "page")
        date = p.date("date")
        recorded_by = p.text("recorded_by")
        record = p.text("record")
        if basis == PUBLISHED_BY_PROJECT:
            _required(p, "page", basis, "the public page where the Relationships Project published it")
            _not_for(p, ("recorded_by", "record"), basis)
        elif basis == CONTRIBUTED:
            _required(p, "recorded_by", basis, "the named maintainer who recorded the storytellers' consent")
            _required(p, "date", basis, "the date the consent was recorded (YYYY-MM-DD)")
            _required(p, "record", basis, "where the consent is recorded: an issue or pull request URL, or a path")
            _not_for(p, ("page",), basis)
            if record and is_placeholder(record):
                record = None
            elif record and not record.startswith(("http://", "https://")) and not _REPOSITORY_PATH.match(record):
                p.problem(
                    "record",
                    f"'{record}' is neither a web address nor a path in the repository",
                    expected="an issue or pull request URL, or a path such as consent/2024-03-02-wendy.md",
                )
                record = None
            elif record and record.startswith(("http://", "https://")):
                record = p.url("record")
        return Publication(basis=basis, page=page, date=date, recorded_by=recorded_by, record=record)

    _replaced(
        r,
        "consent",
        "publication",
        "publication: {basis: published-by-relationships-project, page: ...} or "
        "publication: {basis: contributed, recorded_by: ..., date: ..., record: ...}",
    )

    return Story(
        **_base(r, item_id, r.text("title", required=True)),
        summary=r.text("summary"),
        story_type=r.choice("story_type", v.story_types, required=True) or "",
        storytellers=r.mappings("storytellers", storyteller, required=True),
        publication=r.mapping("publication", publication, required=True),
        organisation=r.reference("organisation", "organisation"),
        place=r.mapping("place", _place(v, with_venue=False)),
        date=r.date("date", partial=True),
        tools_used=r.references_to("tools_used", "resource"),
        **_common(r, v),
    )


def read_convening(r: FieldReader, v: Vocabularies, item_id: str) -> Convening:
    convening = Convening(
        **_base(r, item_id, r.text("title", required=True)),
        summary=r.text("summary"),
        date=r.date("date", required=True, partial=True) or "0000",
        format=r.choice("format", v.convening_formats, required=True) or "",
        location=r.mapping("location", _place(v, with_venue=True)),
        participants=r.integer("participants", minimum=1, maximum=100000),
        hosts=r.references_to("hosts", "organisation"),
        partners=r.references_to("partners", "organisation"),
        speakers=r.texts("speakers"),
        purpose=r.text("purpose"),
        questions_raised=r.texts("questions_raised"),
        write_up_authors=r.texts("write_up_authors"),
        **_common(r, v),
    )
    if convening.format in ("in-person", "hybrid") and not (convening.location and convening.location.town):
        r.problem(
            "location",
            f"needs a town for a {convening.format} convening",
            expected="location: {venue: ..., town: ..., nation: ...}",
        )
    return convening


def read_resource(r: FieldReader, v: Vocabularies, item_id: str) -> Resource:
    return Resource(
        **_base(r, item_id, r.text("title", required=True)),
        resource_kind=r.choice("kind", v.resource_kinds, required=True) or "",
        summary=r.text("summary", required=True),
        url=r.url("url"),
        organisation=r.reference("organisation", "organisation"),
        year=r.integer("year", minimum=1900, maximum=2100),
        **_common(r, v),
    )


# Ids of the nations vocabulary (docs/vocabularies.yml) that the place checks give a meaning.
NATION_UK_WIDE = "uk-wide"
NATION_OUTSIDE_THE_UK = "international"
COORDINATES_EXAMPLE = "{name: Swansea, lat: 51.6214, lon: -3.9436, source: https://...}"


def _without_a_point(name: str) -> str | None:
    """UK_WIDE or ONLINE when the name is one of them, whatever its case."""
    return next((special for special in PLACES_WITHOUT_A_POINT if special.casefold() == name.casefold()), None)


def _places(r: FieldReader, v: Vocabularies, nations: list[str], boundaries: Boundaries) -> list[OrganisationPlace]:
    """An organisation's places: named places with their coordinates and source, or UK-wide
    or online. Each point is checked against the boundary data and the organisation's nations."""

    def place(p: FieldReader) -> OrganisationPlace | None:
        name = p.text("name", required=True)
        if name is None:
            p.allow("lat", "lon", "source")  # not unknown: the missing name is the problem
            return None
        special = _without_a_point(name)
        if special is not None:
            for field_name in ("lat", "lon", "source"):
                if field_name in p.data:
                    p.allow(field_name)
                    p.problem(
                        field_name,
                        f"does not belong to {special}, which is no point on the map",
                        expected=f"just {{name: {special}}}",
                    )
            if special == UK_WIDE and nations and NATION_UK_WIDE not in nations:
                p.problem(
                    "name",
                    f"is {UK_WIDE}, but nations does not list {NATION_UK_WIDE}",
                    expected=f"{NATION_UK_WIDE} in nations, or the places named one by one",
                )
            return OrganisationPlace(name=special)
        lat = p.number("lat", minimum=-90, maximum=90)
        lon = p.number("lon", minimum=-180, maximum=180)
        source = _item_source(p, "source")
        missing = [field_name for field_name in ("lat", "lon") if p.data.get(field_name) in (None, "")]
        if missing:
            p.problem(
                missing[0],
                f"is missing: a named place needs its {' and '.join(missing)}",
                expected=f"coordinates in decimal degrees, e.g. {COORDINATES_EXAMPLE}; or name: {UK_WIDE} or {ONLINE}",
                suggestion=did_you_mean(name, PLACES_WITHOUT_A_POINT),
            )
        if p.data.get("source") in (None, ""):
            p.problem(
                "source",
                "is missing: a named place needs the public source that says it is there",
                expected=SOURCE_EXPECTED,
            )
        nation = None
        if lat is not None and lon is not None:
            nation = _checked_point(p, v, nations, boundaries, lat, lon)
        return OrganisationPlace(name=name, lat=lat, lon=lon, source=source, nation=nation)

    places = [found for found in r.mappings("places", place) if found is not None]
    _no_repeated_places(r)
    return places


def _checked_point(
    p: FieldReader, v: Vocabularies, nations: list[str], boundaries: Boundaries, lat: float, lon: float
) -> str | None:
    """The nation the point falls in; a problem when it is not where the organisation's nations say."""
    where = f"coordinates {lat}, {lon}"
    check = "check the coordinates: latitude first, then longitude"
    if not in_british_isles(lat, lon):
        if NATION_OUTSIDE_THE_UK not in nations:
            p.problem(
                "lat",
                f"{where} fall outside the British Isles",
                expected=f"latitude {BRITISH_ISLES_LAT[0]} to {BRITISH_ISLES_LAT[1]} and longitude "
                f"{BRITISH_ISLES_LON[0]} to {BRITISH_ISLES_LON[1]}, or {NATION_OUTSIDE_THE_UK} in nations for a place "
                f"outside the UK; {check}",
                suggestion=_corrected(boundaries, nations, lat, lon),
            )
        return None
    unit = boundaries.unit_at(lat, lon)
    nation = unit.nation if unit is not None else None
    if not nations or _agrees(nation, nations):  # no nations: missing or unreadable, reported already
        return nation
    # By a land border the outline may be out by a kilometre or two: a unit that close, in
    # a nation the organisation lists, wins over the one the outline puts the point in.
    across = [near for near in boundaries.units_near(lat, lon) if _agrees(near.nation, nations)]
    if across:
        return across[0].nation
    if nation is not None:
        p.problem(
            "lat",
            f"{where} fall in {v.nations.title(nation)}, but nations lists {', '.join(nations)}",
            expected=f"add {nation} to nations, or {check}",
            suggestion=_corrected(boundaries, nations, lat, lon),
        )
    else:
        place = f"in {unit.name}" if unit is not None else f"at sea, more than {COAST_TOLERANCE_KM:g} km from the coast"
        p.problem(
            "lat",
            f"{where} fall {place}, outside the four UK nations",
            expected=f"a point in England, Scotland, Wales or Northern Ireland, or {NATION_OUTSIDE_THE_UK} in nations; {check}",
            suggestion=_corrected(boundaries, nations, lat, lon),
        )
    return nation


def _agrees(nation: str | None, nations: list[str]) -> bool:
    """Whether a point in ``nation`` (None: outside the UK) fits the organisation's nations."""
    if nation is None:
        return NATION_OUTSIDE_THE_UK in nations
    return nation in nations or NATION_UK_WIDE in nations


def _corrected(boundaries: Boundaries, nations: list[str], lat: float, lon: float) -> str | None:
    """The likely slip when a point is not where the nations say: latitude and longitude
    swapped, or a longitude west of Greenwich written without its minus sign."""

    def fits(nation: str | None) -> bool:
        return nation is not None and (not nations or _agrees(nation, nations))

    if fits(boundaries.nation_at(lon, lat)):
        return f"lat: {lon}, lon: {lat}"
    if lon > 0 and fits(boundaries.nation_at(lat, -lon)):
        return f"lon: {-lon} (west of Greenwich, longitudes are negative)"
    return None


def _no_repeated_places(r: FieldReader) -> None:
    values = r.data.get("places")
    seen: set[str] = set()
    for index, value in enumerate(values if isinstance(values, list) else []):
        name = value.get("name") if isinstance(value, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        key = (_without_a_point(name.strip()) or name.strip()).casefold()
        if key in seen:
            each = FieldReader(r.doc, {}, r.problems, r.references, r.key_path + ("places", index))
            each.problem("name", f"'{name.strip()}' is listed twice", expected="each place once")
        seen.add(key)


def read_organisation(r: FieldReader, v: Vocabularies, item_id: str, boundaries: Boundaries) -> Organisation:
    def connection(c: FieldReader) -> Connection:
        strength = c.text("strength")
        if strength and strength not in STRENGTHS:
            c.problem("strength", f"'{strength}' is not a known strength", expected="weak, medium or strong")
        return Connection(
            target=c.reference("target", "organisation", required=True) or "",
            type=c.choice("type", v.connection_types, required=True) or "",
            strength=strength,
        )

    def listing(entry: FieldReader) -> Listing:
        basis = entry.choice("basis", LISTING_BASES, required=True) or ""
        by = entry.text("by")
        record = _web_address(entry, "record")
        source = _item_source(entry, "source")
        if basis == SELF_LISTED:
            _required(entry, "by", basis, "who listed it: a named person or @handle")
            _required(entry, "record", basis, "where it was recorded: the URL of the pull request or issue")
            _not_for(entry, ("source",), basis)
        elif basis == PUBLIC_SOURCE:
            _required(entry, "source", basis, f"its public source: {SOURCE_EXPECTED}")
            _not_for(entry, ("by", "record"), basis)
        return Listing(basis=basis, by=by, record=record, source=source)

    _replaced(
        r,
        "listed_with_consent",
        "listing",
        "listing: {basis: public-source, source: ...} or listing: {basis: self-listed, by: ..., record: ...}",
    )
    nations = r.choices("nations", v.nations, required=True)
    organisation = Organisation(
        **_base(r, item_id, r.text("name", required=True)),
        org_type=r.choice("org_type", v.organisation_types),
        nations=nations,
        what_we_do=r.text("what_we_do"),
        website=r.url("website"),
        connections=r.mappings("connections", connection),
        listing=r.mapping("listing", listing, required=True),
        places=_places(r, v, nations, boundaries),
        summary=r.text("summary"),
        **_common(r, v),
    )
    if organisation.what_we_do and (organisation.listing is None or organisation.listing.basis != SELF_LISTED):
        r.problem(
            "what_we_do",
            "is a self-description, allowed only on a self-listed entry",
            expected="summary: a factual line written by the handbook from the listing's source",
        )
    return organisation


# What Material may hide on a free-form page (`hide:`).
PAGE_PARTS = Vocabulary(
    "page parts", {part: Entry(part, part) for part in ("navigation", "toc", "footer", "tags", "feedback", "path")}
)
# Front matter Material would load a theme file by: a contributor could render a page
# with any template (the sitemap's, say) or stop the build with a file that is not there.
# The layout is the site's, not the content's.
THEME_FILE_FIELDS = ("template", "icon")


def read_page(r: FieldReader, v: Vocabularies, item_id: str) -> Page:
    """A free-form page, with the few fields of Material's that content may set, checked."""
    for name in THEME_FILE_FIELDS:
        if name in r.data:
            r.allow(name)
            r.problem(
                name,
                "cannot be set in content: it names a theme file for the page",
                expected="no such field; the site's templates decide how pages look",
            )
    r.text("description")
    r.choices("hide", PAGE_PARTS)
    r.mapping("search", lambda s: s.boolean("exclude"))
    # `status` is the draft status of every item (in _common), not Material's page badge.
    r.texts("tags")
    # A page's own heading stays in its body: MkDocs renders the page's file itself, and the
    # theme prints the title only for a page without a level-one heading.
    return Page(
        **_base(r, item_id, _title_or_heading(r, required=False, drop_heading=False)),
        summary=r.text("summary"),
        **_common(r, v),
    )
