"""The case maker's data: every item a reader may add to their case, by reference, made once per build.

A reference names an item as the buttons on its page do: ``kind:id`` for an evidence item,
a story, a term or a convening; ``section:<chapter's URL>#<h2 id>`` for a section of a
chapter (``section:handbooks/making-the-case/why-relationships-matter/#the-short-version``).
Each maps to what a brief shows of the item, taken from the content model and never made
up: an evidence item's citation, its confidence rating with its rationale and the scale
level's description, its findings; a story's summary (its front matter's, else the first
paragraph of its text), its storytellers as named and on what basis it is published; a
term's working definition and who contests it; a convening's date, format, hosts and
purpose; a section's heading and first paragraph, and its chapter's URL, by which
``chapters`` gives the chapter's title, its handbook's and its themes once for all its
sections. Every item has its page's URL (relative to the site's root) and, but for a section
(whose themes are its chapter's), its themes. A field with no value is left out.

The whole document is written as ``case-maker/items.json``, for reuse; the page /case-maker/
embeds what the items share and loads the items from shards (``shards.py``), so that its
weight does not grow with the content. Keys are sorted, items by reference: the same content
gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from handbook.case_maker.sections import Section, SectionReader
from handbook.content.corpus import Corpus
from handbook.content.model import (
    CONTRIBUTED,
    Chapter,
    Convening,
    Evidence,
    Handbook,
    Item,
    Place,
    Publication,
    Story,
    Term,
)
from handbook.content.vocabulary import Vocabularies
from handbook.languages.catalogue import Messages
from handbook.linking.urls import url_for
from handbook.pages.exports import LICENCE

CASE_ITEMS_JSON = "case-maker/items.json"
FORMAT = 1  # raised when a field changes meaning, so that a script can tell
SECTION = "section"  # the kind of a chapter's section in a reference
# The stances of a term's perspectives that dispute it (vocabularies.yml, perspective_stances).
CHALLENGING_STANCES = ("contests", "critiques")
Entry = dict[str, Any]


def reference(kind: str, item_id: str) -> str:
    """An item's reference in a case: ``evidence:holt-lunstad-2010``."""
    return f"{kind}:{item_id}"


def section_url(section: Section) -> str:
    """A chapter section's URL: its chapter's, with the heading's id."""
    return f"{url_for(section.chapter.kind, section.chapter.id)}#{section.id}"


def section_reference(section: Section) -> str:
    """``section:handbooks/making-the-case/why-relationships-matter/#the-short-version``."""
    return f"{SECTION}:{section_url(section)}"


def _compact(entry: Entry) -> Entry:
    """The entry without its empty fields (None, "", []): a case shows what there is."""
    return {key: value for key, value in entry.items() if value not in (None, "", [])}


def _common(item: Item) -> Entry:
    return {"kind": item.kind, "title": item.title, "url": url_for(item.kind, item.id), "themes": item.themes}


def place_text(place: Place | None, vocabularies: Vocabularies) -> str | None:
    """ "venue, town, Nation", as the item's page writes it."""
    if place is None:
        return None
    nation = vocabularies.nations.title(place.nation) if place.nation else None
    return ", ".join(part for part in (place.venue, place.town, nation) if part) or None


def citation(evidence: Evidence) -> str:
    """The reference as the evidence page's citation line gives it: "A; B (2010). Title. Publisher."."""
    publisher = f". {evidence.publisher}" if evidence.publisher else ""
    return f"{'; '.join(evidence.authors)} ({evidence.year}). {evidence.title}{publisher}."


def evidence_entry(evidence: Evidence, vocabularies: Vocabularies) -> Entry:
    rating = evidence.confidence.rating
    level = vocabularies.confidence_levels.entries.get(str(rating))
    return _compact(
        {
            **_common(evidence),
            "authors": evidence.authors,
            "year": evidence.year,
            "short": evidence.author_year,
            "citation": citation(evidence),
            "link": evidence.link,
            "type": vocabularies.evidence_types.title(evidence.evidence_type),
            "confidence": _compact(
                {
                    "rating": rating,
                    "label": vocabularies.confidence_levels.title(rating),
                    "rationale": evidence.confidence.rationale,
                    "description": level.description if level else None,
                }
            ),
            "direction": evidence.findings_direction,
            "key_findings": evidence.key_findings,
        }
    )


def publication_basis(publication: Publication, messages: Messages | None = None) -> tuple[str, str | None]:
    """On what basis a story is published, in the story page's words (in the language of
    ``messages``, English when None), and the link that shows it."""
    messages = messages or Messages()
    if publication.basis == CONTRIBUTED:
        if publication.date:
            sentence = messages.gettext(
                "Contributed here; the storytellers' consent was recorded by %(name)s on %(date)s.",
                name=publication.recorded_by,
                date=publication.date,
            )
        else:
            sentence = messages.gettext(
                "Contributed here; the storytellers' consent was recorded by %(name)s.", name=publication.recorded_by
            )
        record = publication.record or ""
        return sentence, record if record.startswith(("http://", "https://")) else None
    if publication.date:
        told = messages.gettext(
            "Told to and published by the Relationships Project on %(date)s.", date=publication.date
        )
    else:
        told = messages.gettext("Told to and published by the Relationships Project.")
    return told, publication.page


def story_entry(
    story: Story, vocabularies: Vocabularies, reader: SectionReader, messages: Messages | None = None
) -> Entry:
    basis, basis_link = publication_basis(story.publication, messages) if story.publication else (None, None)
    return _compact(
        {
            **_common(story),
            "summary": story.summary or reader.lead(story.body),
            "storytellers": [f"{s.name} ({s.role})" if s.role else s.name for s in story.storytellers],
            "basis": basis,
            "basis_link": basis_link,
            "place": place_text(story.place, vocabularies),
            "date": str(story.date) if story.date else None,
            "story_type": vocabularies.story_types.title(story.story_type),
        }
    )


def term_entry(term: Term, vocabularies: Vocabularies) -> Entry:
    stances = vocabularies.perspective_stances
    return _compact(
        {
            **_common(term),
            "definition": term.working_definition,
            "aliases": term.aliases,
            "contested": term.contested,
            "contested_note": term.contested_note,
            "contested_by": [
                {"by": p.attributed_to, "stance": stances.title(p.stance)}
                for p in term.perspectives
                if p.stance in CHALLENGING_STANCES
            ],
            "use_with_care": term.use_with_care.why if term.use_with_care else None,
        }
    )


def convening_entry(convening: Convening, corpus: Corpus) -> Entry:
    vocabularies = corpus.vocabularies
    hosts = [corpus.get("organisation", host) for host in convening.hosts]
    return _compact(
        {
            **_common(convening),
            "date": str(convening.date),
            "format": vocabularies.convening_formats.title(convening.format),
            "hosts": [host.title if host else host_id for host, host_id in zip(hosts, convening.hosts, strict=True)],
            "summary": convening.purpose or convening.summary,
            "place": place_text(convening.location, vocabularies),
        }
    )


def section_entry(section: Section) -> Entry:
    """A section names its chapter by URL; what the chapter's sections share is said once, in ``chapters``."""
    return _compact(
        {
            "kind": SECTION,
            "title": section.heading,
            "url": section_url(section),
            "chapter": url_for(section.chapter.kind, section.chapter.id),
            "summary": section.first_paragraph,
        }
    )


def chapter_entry(chapter: Chapter, handbook: Handbook) -> Entry:
    """What the sections of a chapter share: its title, its handbook's, its themes."""
    return _compact({"title": chapter.title, "handbook": handbook.title, "themes": chapter.themes})


def section_reader(corpus: Corpus) -> SectionReader:
    """A reader of chapters that writes references as plain text: a link as its item's title,
    a citation as "(Holt-Lunstad et al. 2010, p. 4)"."""

    def title_of(kind: str, item_id: str) -> str | None:
        item = corpus.get(kind, item_id)
        return item.title if item else None

    def citation_text(evidence_id: str, locator: str | None) -> str:
        evidence = corpus.get("evidence", evidence_id)
        cited = evidence.author_year if isinstance(evidence, Evidence) else evidence_id
        return f"{cited}, {locator}" if locator else cited

    return SectionReader(title_of, citation_text)


def case_items(
    corpus: Corpus, reader: SectionReader, sections: list[Section], messages: Messages | None = None
) -> dict[str, Entry]:
    """Every item a case may hold, by reference, sorted by reference."""
    vocabularies = corpus.vocabularies
    items: dict[str, Entry] = {}
    for evidence in corpus.records(Evidence):
        items[reference(evidence.kind, evidence.id)] = evidence_entry(evidence, vocabularies)
    for story in corpus.records(Story):
        items[reference(story.kind, story.id)] = story_entry(story, vocabularies, reader, messages)
    for term in corpus.records(Term):
        items[reference(term.kind, term.id)] = term_entry(term, vocabularies)
    for convening in corpus.records(Convening):
        items[reference(convening.kind, convening.id)] = convening_entry(convening, corpus)
    for section in sections:
        items[section_reference(section)] = section_entry(section)
    return dict(sorted(items.items()))


def case_data(corpus: Corpus, messages: Messages | None = None) -> dict[str, Any]:
    """The whole document: the items and what their fields refer to (the confidence scale,
    the findings directions' and themes' names, the chapters of the sections); the few words
    it writes itself (how a story was published) in the language of ``messages``."""
    v = corpus.vocabularies
    reader = section_reader(corpus)
    chapters = [(chapter, handbook) for handbook in corpus.handbooks for chapter in handbook.chapters]
    sections = reader.chapter_sections(chapter for chapter, _ in chapters)
    return {
        "format": FORMAT,
        "licence": LICENCE,
        "scale": [
            {"rating": int(level.id), "label": level.title, "description": level.description}
            for level in v.confidence_levels
        ],
        "directions": {direction.id: direction.title for direction in v.findings_directions},
        "themes": {theme.id: theme.title for theme in v.themes},
        "chapters": dict(
            sorted(
                (url_for(chapter.kind, chapter.id), chapter_entry(chapter, handbook)) for chapter, handbook in chapters
            )
        ),
        "items": case_items(corpus, reader, sections, messages),
    }


def case_json(data: dict[str, Any]) -> bytes:
    """The document as the file ``case-maker/items.json``: compact, keys sorted, UTF-8."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
