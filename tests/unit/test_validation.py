"""Each kind of content problem is reported with its file, line, field and a fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import load_corpus
from tests.support import SAMPLE


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    return tmp_path


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_corpus(root).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_sample_corpus_is_valid(project):
    assert problems(project) == []


def test_broken_yaml(project):
    edit(project / "glossary/co-production.md", "group: the-work", "group: [the-work")
    [problem] = problems(project)
    assert problem.startswith("glossary/co-production.md:4: front matter: is not valid YAML")


def test_empty_file(project):
    (project / "glossary/empty.md").write_text("", encoding="utf-8")
    assert problems(project) == [
        "glossary/empty.md:1: file: is empty (expected YAML front matter between '---' lines, then Markdown)"
    ]


def test_file_that_is_not_utf8(project):
    (project / "glossary/latin.md").write_bytes(b"---\nterm: Caf\xe9\n---\n")
    [problem] = problems(project)
    assert problem.startswith("glossary/latin.md:2: file: is not valid UTF-8")


def test_missing_front_matter(project):
    (project / "glossary/bare.md").write_text("Just text\n", encoding="utf-8")
    assert problems(project) == [
        "glossary/bare.md:1: front matter: is missing (expected the file to start with a '---' line, YAML fields, and another '---' line)"
    ]


def test_unknown_field_suggests_the_known_one(project):
    edit(project / "glossary/co-production.md", "related_terms:", "related_term:")
    assert problems(project) == [
        "glossary/co-production.md:16: related_term: is not a known field (expected one of term, aliases, group, working_definition, perspectives, contested, contested_note, use_with_care, related_terms, themes, last_reviewed, reviewed_by, ... (15 in all); did you mean 'related_terms'?)"
    ]


def test_missing_required_field(project):
    edit(project / "docs/evidence/russell-1996.md", "year: 1996\n", "")
    assert problems(project) == ["docs/evidence/russell-1996.md:1: year: is required but missing"]


def test_wrong_type(project):
    edit(project / "docs/evidence/russell-1996.md", "year: 1996", "year: nineteen")
    assert problems(project) == [
        "docs/evidence/russell-1996.md:4: year: 'nineteen' is not a whole number (expected a whole number)"
    ]


def test_value_outside_the_vocabulary(project):
    edit(project / "docs/evidence/russell-1996.md", "evidence_type: survey", "evidence_type: surveys")
    assert problems(project) == [
        "docs/evidence/russell-1996.md:5: evidence_type: 'surveys' is not in the evidence_types vocabulary (expected one of systematic-review, meta-analysis, narrative-review, rct, quasi-experimental, evaluation, longitudinal-cohort, survey, ... (14 in all); did you mean 'survey'?)"
    ]


def test_invalid_date(project):
    edit(project / "docs/convenings/measuring-relationships-2021.md", "date: 2021-06-09", "date: 2021-06-31")
    [problem] = problems(project)
    assert problem.startswith(
        "docs/convenings/measuring-relationships-2021.md:3: date: '2021-06-31' is not a valid date"
    )


def test_partial_dates_are_allowed_for_convenings(project):
    edit(project / "docs/convenings/measuring-relationships-2021.md", "date: 2021-06-09", 'date: "2021-06"')
    assert problems(project) == []


def test_rating_out_of_range(project):
    edit(project / "docs/evidence/russell-1996.md", "rating: 3", "rating: 5")
    assert problems(project) == [
        "docs/evidence/russell-1996.md:11: confidence.rating: 5 is out of range (expected a number from 0 to 4)"
    ]


def test_duplicate_key(project):
    edit(project / "docs/evidence/russell-1996.md", "year: 1996", "year: 1996\nyear: 1997")
    assert problems(project) == ["docs/evidence/russell-1996.md:5: year: is given twice (expected each field once)"]


def test_duplicate_chapter_in_a_handbook(project):
    edit(
        project / "handbooks/starter/index.md",
        "chapters: [first-steps, going-further]",
        "chapters: [first-steps, going-further, first-steps]",
    )
    assert problems(project) == [
        "handbooks/starter/index.md:7: chapters[2]: 'first-steps' is listed twice (expected each chapter once)"
    ]


def test_two_terms_claiming_the_same_alias(project):
    edit(project / "glossary/relational-council.md", "group:", "aliases: [Coproduction]\ngroup:")
    assert problems(project) == [
        "glossary/relational-council.md:1: aliases: 'Coproduction' is already a name of the term 'co-production' (glossary/co-production.md) (expected each name or alias to belong to one term)"
    ]


def test_unknown_reference_in_front_matter(project):
    edit(project / "glossary/co-production.md", "related_terms: [loneliness]", "related_terms: [lonelines]")
    assert problems(project) == [
        "glossary/co-production.md:16: related_terms[0]: no such term 'lonelines' (expected the id of an existing term (term:id); did you mean 'loneliness'?)"
    ]


def test_unknown_story_organisation(project):
    edit(
        project / "docs/stories/heatmap-in-action.md", "organisation: enrol-yourself", "organisation: enrol-yourselves"
    )
    assert problems(project) == [
        "docs/stories/heatmap-in-action.md:7: organisation: no such organisation 'enrol-yourselves' (expected the id of an existing organisation (organisation:id); did you mean 'enrol-yourself'?)"
    ]


def test_unknown_citation_in_a_chapter_body(project):
    edit(project / "handbooks/starter/going-further.md", "[@russell-1996]", "[@russel-1996]")
    assert problems(project) == [
        "handbooks/starter/going-further.md:6: citation: no such evidence 'russel-1996' (expected the id of an existing evidence ([@id]); did you mean 'russell-1996'?)"
    ]


def test_unknown_explicit_link_in_a_body(project):
    edit(
        project / "handbooks/starter/first-steps.md",
        "(resource:relationships-heatmap)",
        "(resource:relationship-heatmap)",
    )
    assert problems(project) == [
        "handbooks/starter/first-steps.md:14: link: no such resource 'relationship-heatmap' (expected the id of an existing resource (resource:id); did you mean 'relationships-heatmap'?)"
    ]


def test_chapter_listed_but_missing(project):
    edit(project / "handbooks/starter/index.md", "going-further]", "going-furthr]")
    found = problems(project)
    assert (
        "handbooks/starter/index.md:7: chapters[1]: 'going-furthr' has no file handbooks/starter/going-furthr.md (expected the name of a chapter file in this handbook; did you mean 'going-further'?)"
        in found
    )
    assert (
        "handbooks/starter/going-further.md:1: file: is not listed in its handbook's chapters (expected 'going-further' in the chapters list of handbooks/starter/index.md)"
        in found
    )


STORY = "docs/stories/heatmap-in-action.md"
ORGANISATION = "docs/organisations/relationships-project.md"
SELF_LISTED = "docs/organisations/enrol-yourself.md"
CONTRIBUTED = (
    "publication: {basis: contributed, recorded_by: Dana Maintainer, date: 2024-01-05, "
    'record: "https://github.com/relationships-project/handbooks/issues/7"}'
)
PUBLIC_SOURCE = 'listing: {basis: public-source, source: "https://relationshipsproject.org"}'


def test_each_publication_basis_is_valid(project):
    assert problems(project) == []  # the fixture's story was contributed here, with its record
    edit(
        project / STORY,
        CONTRIBUTED,
        'publication: {basis: published-by-relationships-project, page: "https://relationshipsproject.org/stories/x/"}',
    )
    assert problems(project) == []
    edit(
        project / STORY,
        'page: "https://relationshipsproject.org/stories/x/"}',
        'page: "https://relationshipsproject.org/stories/x/", date: 2021-03-02}',
    )
    assert problems(project) == []


def test_a_contributed_story_needs_who_recorded_its_consent_when_and_where(project):
    edit(project / STORY, CONTRIBUTED, "publication: {basis: contributed}")
    assert problems(project) == [
        f"{STORY}:6: publication.date: is missing: a contributed entry needs it (expected the date the consent was recorded (YYYY-MM-DD))",
        f"{STORY}:6: publication.record: is missing: a contributed entry needs it (expected where the consent is recorded: an issue or pull request URL, or a path)",
        f"{STORY}:6: publication.recorded_by: is missing: a contributed entry needs it (expected the named maintainer who recorded the storytellers' consent)",
    ]


def test_a_contributed_story_may_point_to_a_file_in_the_repository(project):
    edit(
        project / STORY, '"https://github.com/relationships-project/handbooks/issues/7"', "consent/2024-01-05-enrol.md"
    )
    assert problems(project) == []
    edit(project / STORY, "consent/2024-01-05-enrol.md", "../outside.md")
    [problem] = problems(project)
    assert problem.startswith(f"{STORY}:6: publication.record: '../outside.md' is neither a web address nor a path")


def test_a_story_the_project_published_needs_its_page(project):
    edit(project / STORY, CONTRIBUTED, "publication: {basis: published-by-relationships-project, date: 2021-03-02}")
    assert problems(project) == [
        f"{STORY}:6: publication.page: is missing: a published-by-relationships-project entry needs it (expected the public page where the Relationships Project published it)"
    ]


def test_an_unknown_publication_basis(project):
    edit(project / STORY, "basis: contributed", "basis: contibuted")
    [problem] = problems(project)
    assert problem.startswith(f"{STORY}:6: publication.basis: 'contibuted' is not in the publication bases vocabulary")
    assert problem.endswith("did you mean 'contributed'?)")


def test_the_old_consent_field_is_refused_with_what_replaces_it(project):
    edit(project / STORY, CONTRIBUTED, "consent: {recorded: true, date: 2024-01-05}")
    assert problems(project) == [
        f"{STORY}:1: publication: is required but missing",
        f"{STORY}:6: consent: is no longer a field: publication replaces it (expected publication: {{basis: published-by-relationships-project, page: ...}} or publication: {{basis: contributed, recorded_by: ..., date: ..., record: ...}})",
    ]


def test_each_listing_basis_is_valid(project):
    assert problems(project) == []  # enrol-yourself is self-listed, relationships-project from a public page
    edit(project / ORGANISATION, '"https://relationshipsproject.org"', "story:heatmap-in-action")
    assert problems(project) == []


def test_a_public_source_on_this_site_must_exist(project):
    edit(project / ORGANISATION, '"https://relationshipsproject.org"', "story:heatmap-in-acton")
    [problem] = problems(project)
    assert problem.startswith(f"{ORGANISATION}:5: listing.source: no such story 'heatmap-in-acton'")
    edit(project / ORGANISATION, "story:heatmap-in-acton", "somewhere:else")
    [problem] = problems(project)
    assert problem.startswith(
        f"{ORGANISATION}:5: listing.source: 'somewhere:else' is neither a web address nor an item on this site"
    )


def test_a_public_source_entry_needs_its_source(project):
    edit(project / ORGANISATION, PUBLIC_SOURCE, "listing: {basis: public-source}")
    [problem] = problems(project)
    assert problem.startswith(
        f"{ORGANISATION}:5: listing.source: is missing: a public-source entry needs it (expected its public source"
    )


def test_a_self_listed_entry_needs_who_and_where(project):
    edit(
        project / SELF_LISTED,
        'by: "@enrol-yourself", record: "https://github.com/relationships-project/handbooks/pull/12"',
        "by: Someone",
    )
    assert problems(project) == [
        f"{SELF_LISTED}:8: listing.record: is missing: a self-listed entry needs it (expected where it was recorded: the URL of the pull request or issue)"
    ]
    edit(project / SELF_LISTED, "by: Someone", "record: not-a-url")
    assert problems(project) == [
        f"{SELF_LISTED}:8: listing.by: is missing: a self-listed entry needs it (expected who listed it: a named person or @handle)",
        f"{SELF_LISTED}:8: listing.record: 'not-a-url' is not a full web address (expected a full http(s) address)",
    ]


def test_a_self_description_only_on_a_self_listed_entry(project):
    edit(
        project / SELF_LISTED,
        'listing: {basis: self-listed, by: "@enrol-yourself", record: "https://github.com/relationships-project/handbooks/pull/12"}',
        PUBLIC_SOURCE,
    )
    assert problems(project) == [
        f"{SELF_LISTED}:5: what_we_do: is a self-description, allowed only on a self-listed entry (expected summary: a factual line written by the handbook from the listing's source)"
    ]


def test_the_old_listed_with_consent_field_is_refused_with_what_replaces_it(project):
    edit(project / ORGANISATION, PUBLIC_SOURCE, PUBLIC_SOURCE + "\nlisted_with_consent: true")
    assert problems(project) == [
        f"{ORGANISATION}:6: listed_with_consent: is no longer a field: listing replaces it (expected listing: {{basis: public-source, source: ...}} or listing: {{basis: self-listed, by: ..., record: ...}})"
    ]


def test_invalid_file_name(project):
    shutil.copy(project / "glossary/co-production.md", project / "glossary/Co Production.md")
    found = problems(project)
    assert (
        "glossary/Co Production.md:1: file name: 'Co Production' is not a valid id (expected lower-case words joined by hyphens; did you mean 'co-production.md'?)"
        in found
    )


def test_working_definition_too_long(project):
    edit(
        project / "glossary/relational-council.md",
        "working_definition: A local",
        "working_definition: " + "very " * 40 + "A local",
    )
    [problem] = problems(project)
    assert problem.startswith(
        "glossary/relational-council.md:4: working_definition: has 53 words (expected at most 40 words)"
    )


def test_every_problem_is_reported_in_one_run(project):
    edit(project / "docs/evidence/russell-1996.md", "year: 1996", "year: nineteen")
    edit(project / "glossary/co-production.md", "related_terms:", "related_term:")
    (project / "glossary/empty.md").write_text("", encoding="utf-8")
    assert len(problems(project)) == 3


def test_the_same_publication_under_two_ids(project):
    text = (project / "docs/evidence/holt-lunstad-2010.md").read_text(encoding="utf-8")
    (project / "docs/evidence/holt-lunstad-2010-copy.md").write_text(text, encoding="utf-8")
    assert problems(project) == [
        "docs/evidence/holt-lunstad-2010.md:1: id: 'holt-lunstad-2010' has the same DOI 10.1371/journal.pmed.1000316 as 'holt-lunstad-2010-copy' (docs/evidence/holt-lunstad-2010-copy.md) (expected one evidence item per publication; did you mean citing 'holt-lunstad-2010-copy' instead?)"
    ]


def test_an_id_that_is_the_address_of_a_generated_page(project):
    from handbook.site import Site

    shutil.copy(project / "docs/evidence/russell-1996.md", project / "docs/evidence/gap-map.md")
    edit(project / "docs/evidence/gap-map.md", 'title: "UCLA', 'title: "Copy of UCLA')
    problems = [str(p) for p in Site.build(project).result.problems]
    assert problems == [
        "docs/evidence/gap-map.md:1: id: 'gap-map' is the address of the generated page 'Evidence gap map' (expected another id for this evidence)"
    ]
