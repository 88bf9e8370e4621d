"""One reader per content type: front matter -> typed record, problems collected.

Each function lists every field its type knows, so that anything else in the file is
reported as an unknown field.
"""

from __future__ import annotations

from handbook.content.fields import FieldReader, decoded_references
from handbook.content.model import (
    DRAFT,
    PUBLISHED,
    Chapter,
    Confidence,
    Connection,
    Consent,
    Convening,
    Evidence,
    Handbook,
    Organisation,
    Page,
    Perspective,
    Place,
    Resource,
    Review,
    Source,
    Story,
    Storyteller,
    Term,
    UseWithCare,
)
from handbook.content.source import SourceDoc, TitleHeading, title_heading, without_heading
from handbook.content.vocabulary import Entry, Vocabularies, Vocabulary
from handbook.safety import handles

WORKING_DEFINITION_MAX_WORDS = 40
STRENGTHS = ("weak", "medium", "strong")
# The status of every item but a handbook (whose `status` has `archived` too, in the
# handbook_statuses vocabulary). Fixed here, not in docs/vocabularies.yml: the engine
# gives `draft` its meaning (drafts.py), so the list is not the content's to extend.
ITEM_STATUSES = Vocabulary(
    "item statuses", {status: Entry(status, status.capitalize()) for status in (DRAFT, PUBLISHED)}
)


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

    def consent(c: FieldReader) -> Consent:
        recorded = c.boolean("recorded", required=True)
        if recorded is False:
            c.problem(
                "recorded",
                "is false: a story cannot be published without the storytellers' recorded consent",
                expected="true, with the date and scope of consent",
            )
        return Consent(recorded=bool(recorded), date=c.date("date"), scope=c.text("scope"))

    return Story(
        **_base(r, item_id, r.text("title", required=True)),
        summary=r.text("summary"),
        story_type=r.choice("story_type", v.story_types, required=True) or "",
        storytellers=r.mappings("storytellers", storyteller, required=True),
        consent=r.mapping("consent", consent, required=True) or Consent(recorded=False),
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


def read_organisation(r: FieldReader, v: Vocabularies, item_id: str) -> Organisation:
    def connection(c: FieldReader) -> Connection:
        strength = c.text("strength")
        if strength and strength not in STRENGTHS:
            c.problem("strength", f"'{strength}' is not a known strength", expected="weak, medium or strong")
        return Connection(
            target=c.reference("target", "organisation", required=True) or "",
            type=c.choice("type", v.connection_types, required=True) or "",
            strength=strength,
        )

    organisation = Organisation(
        **_base(r, item_id, r.text("name", required=True)),
        org_type=r.choice("org_type", v.organisation_types),
        nations=r.choices("nations", v.nations, required=True),
        what_we_do=r.text("what_we_do"),
        website=r.url("website"),
        connections=r.mappings("connections", connection),
        listed_with_consent=bool(r.boolean("listed_with_consent", required=True)),
        summary=r.text("summary"),
        **_common(r, v),
    )
    if r.data.get("listed_with_consent") is False:
        r.problem("listed_with_consent", "is false: an organisation is listed only with its consent", expected="true")
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
