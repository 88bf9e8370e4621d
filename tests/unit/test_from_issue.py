"""`handbook from-issue`: an issue form's body, as GitHub writes it, back to a checked content file."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import frontmatter
import jsonschema
import pytest

from handbook.cli.main import main
from handbook.content.corpus import load_corpus
from handbook.content.model import Evidence, Organisation, Story, Term
from handbook.content.vocabulary import load_vocabularies
from handbook.contributions.from_issue import (
    CONTENT_FOLDERS,
    MAX_BODY_CHARS,
    RecordOptions,
    check,
    detect_kind,
    from_issue,
    write,
)
from handbook.contributions.issue_forms import FORMS, IssueForm, form_for
from handbook.contributions.schema import content_schema
from tests.support import REPO

ISSUE = "https://github.com/relationships-project/handbooks/issues/123"
TODAY = dt.date(2026, 12, 7)


def github_body(form: IssueForm, answers: dict[str, object], vocabularies=None) -> str:
    """The body GitHub writes when the form is submitted: answers are given as the contributor
    sees them (dropdowns by their options' titles, checkboxes by the labels ticked)."""
    sections = []
    for question in form.questions:
        value = answers.get(question.id)
        if question.type == "checkboxes":
            ticked = question.confirmations if value is None else value
            text = "\n".join(f"- [{'X' if label in ticked else ' '}] {label}" for label in question.confirmations)
        elif question.type == "dropdown":
            text = "None" if value is None else (", ".join(value) if isinstance(value, list) else str(value))
        else:
            text = "_No response_" if value is None else str(value)
        sections.append(f"### {question.label}\n\n{text}")
    return "\n\n".join(sections)


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """A copy of the real content, read only by the tests that share it."""
    root = tmp_path_factory.mktemp("content")
    for name in CONTENT_FOLDERS:
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.fixture
def root(tmp_path) -> Path:
    """A copy of the real content that a test may write into."""
    for name in CONTENT_FOLDERS:
        shutil.copytree(REPO / name, tmp_path / name)
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    return tmp_path


def draft_of(root: Path, kind: str, answers: dict, record: RecordOptions | None = None):
    return from_issue(root, github_body(form_for(kind), answers), "body.md", kind, record, TODAY)


def _plain(value):
    """Front matter as JSON holds it: dates as text, as the handbook's loader reads them."""
    if isinstance(value, dict):
        return {key: _plain(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_plain(inner) for inner in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def fits_the_schema(root: Path, draft) -> None:
    """The file's front matter validates against the published schema of its kind, too."""
    vocabularies = load_vocabularies(root, [])
    schema = content_schema(vocabularies)
    kind = "term" if draft.kind == "perspective" else draft.kind
    data = _plain(frontmatter.loads(draft.text).metadata)
    jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{kind}"}).validate(data)


def loaded(root: Path, draft):
    """The corpus after writing the draft, with no problem anywhere; the schema agrees."""
    fits_the_schema(root, draft)
    write(root, draft)
    result = load_corpus(root)
    assert result.problems == []
    return result.corpus


TERM = {
    "term": "Relational slack",
    "aliases": "slack time\nroom to relate",
    "group": "The work of putting relationships first",
    "working_definition": "Time and room left in a job for the relationships that make the work go well.",
    "attributed_to": "Jane Example",
    "definition": "Spare capacity that lets staff stop and talk.",
    "stance": "Origin",
    "source_title": "An example report",
    "source_year": "2021",
    "themes": ["Workplace", "Relationship-centred practice"],
}


def test_a_term_round_trips(root):
    draft = draft_of(root, "term", TERM)
    assert draft.ok, draft.problems
    assert draft.path == "glossary/relational-slack.md"
    term = load_corpus(root).corpus  # before writing: not there
    assert term.get("term", "relational-slack") is None
    found = loaded(root, draft).get("term", "relational-slack")
    assert isinstance(found, Term)
    assert (found.title, found.aliases, found.group) == (
        "Relational slack",
        ["slack time", "room to relate"],
        "the-work",
    )
    assert found.working_definition == TERM["working_definition"]
    [perspective] = found.perspectives
    assert (perspective.definition, perspective.attributed_to, perspective.stance) == (
        TERM["definition"],
        "Jane Example",
        "origin",
    )
    assert perspective.source is not None and (perspective.source.title, perspective.source.year) == (
        "An example report",
        2021,
    )
    assert found.themes == ["workplace", "relationship-centred-practice"]


def test_the_same_body_gives_the_same_bytes(content):
    assert draft_of(content, "term", TERM).text == draft_of(content, "term", TERM).text


def test_a_perspective_is_added_to_its_term(root):
    before = load_corpus(root).corpus.get("term", "co-production")
    assert isinstance(before, Term)
    answers = {
        "term": "Co-production",
        "attributed_to": "A. Practitioner",
        "stance": "Critiques",
        "definition": 'Said of "consultation" too often: the word: loses its edge.',
    }
    draft = draft_of(root, "perspective", answers)
    assert draft.ok, draft.problems
    assert (draft.path, draft.new) == ("glossary/co-production.md", False)
    old_text = (root / draft.path).read_text(encoding="utf-8")
    assert draft.text.startswith(old_text.split("perspectives:")[0])  # the rest of the file untouched
    after = loaded(root, draft).get("term", "co-production")
    assert isinstance(after, Term)
    assert after.perspectives[:-1] == before.perspectives
    assert (after.perspectives[-1].attributed_to, after.perspectives[-1].stance) == ("A. Practitioner", "critiques")
    assert after.perspectives[-1].definition == answers["definition"]


def test_a_perspective_finds_its_term_by_id_or_address(content):
    for name in ("co-production", "https://example.org/handbooks/glossary/co-production/"):
        draft = draft_of(
            content, "perspective", {"term": name, "attributed_to": "X", "stance": "Extends", "definition": "Y."}
        )
        assert draft.path == "glossary/co-production.md", draft.problems


def test_a_perspective_on_an_unknown_term(content):
    draft = draft_of(
        content, "perspective", {"term": "co-productoin", "attributed_to": "X", "stance": "Extends", "definition": "Y."}
    )
    [problem] = draft.problems
    assert str(problem).startswith("body.md:3: term: 'co-productoin' is not a term in the glossary")
    assert "did you mean 'co-production'?" in str(problem)


STORY = {
    "title": "Tea at the library",
    "story_type": "Place story",
    "story": "We opened the doors.\n\nPeople came back, week after week.",
    "summary": "A library that became a meeting place.",
    "storyteller": "Wendy",
    "naming": "First name only",
    "role": "Librarian",
    "town": "Swansea",
    "nation": "Wales",
    "date": "2024-05",
    "themes": ["Place"],
}


def test_a_story_round_trips_only_with_the_maintainers_record_of_consent(root):
    record = RecordOptions(issue_url=ISSUE, recorded_by="Maintainer Name", date=dt.date(2026, 12, 1))
    draft = draft_of(root, "story", STORY, record)
    assert draft.ok, draft.problems
    story = loaded(root, draft).get("story", "tea-at-the-library")
    assert isinstance(story, Story)
    assert (story.story_type, story.summary, story.date) == ("place-story", STORY["summary"], "2024-05")
    [teller] = story.storytellers
    assert (teller.name, teller.naming, teller.role) == ("Wendy", "first-name", "Librarian")
    assert story.place is not None and (story.place.town, story.place.nation) == ("Swansea", "wales")
    assert story.publication is not None
    assert (story.publication.basis, story.publication.recorded_by, story.publication.record) == (
        "contributed",
        "Maintainer Name",
        ISSUE,
    )
    assert story.publication.date == dt.date(2026, 12, 1)
    assert "People came back, week after week." in story.body


def test_a_story_without_a_recorded_consent_is_not_made(content):
    draft = draft_of(content, "story", STORY, RecordOptions(issue_url=ISSUE))
    assert not draft.ok
    [problem] = draft.problems
    assert problem.field == "consent" and "consent is not recorded" in problem.message
    assert "--recorded-by" in str(problem)
    # The form's boxes ticked are the contributor's word, not a recorded consent: nothing claims one.
    assert "publication" not in draft.text


def test_a_story_whose_consent_boxes_are_not_all_ticked(content):
    story = form_for("story")
    answers = {**STORY, "consent": story.question("consent").confirmations[:1]}
    draft = draft_of(content, "story", answers, RecordOptions(issue_url=ISSUE, recorded_by="M"))
    assert [problem.field for problem in draft.problems] == ["consent", "consent"]
    assert all("is not ticked" in problem.message for problem in draft.problems)


ORGANISATION = {
    "name": "Friends of Pen-y-Bont Library",
    "org_type": "Community group",
    "nations": ["Wales", "England"],
    "what_we_do": "We run a reading café.",
    "website": "https://example.org/friends",
    "themes": ["Loneliness and isolation", "Place"],
    "listed_by": "@jane-doe",
}


def test_an_organisation_is_self_listed_by_its_contributor_with_the_issue_as_record(root):
    draft = draft_of(root, "organisation", ORGANISATION, RecordOptions(issue_url=ISSUE))
    assert draft.ok, draft.problems
    organisation = loaded(root, draft).get("organisation", "friends-of-pen-y-bont-library")
    assert isinstance(organisation, Organisation)
    assert (organisation.org_type, organisation.nations, organisation.themes) == (
        "community-group",
        ["wales", "england"],
        ["loneliness", "place"],
    )
    assert organisation.listing is not None
    assert (organisation.listing.basis, organisation.listing.by, organisation.listing.record) == (
        "self-listed",
        "@jane-doe",
        ISSUE,
    )
    assert (organisation.what_we_do, organisation.website) == ("We run a reading café.", "https://example.org/friends")


def test_by_names_who_listed_it_and_the_record_is_required(content):
    draft = draft_of(content, "organisation", ORGANISATION, RecordOptions(issue_url=ISSUE, by="Jane Doe"))
    assert "by: Jane Doe" in draft.text
    draft = draft_of(content, "organisation", ORGANISATION)
    [problem] = draft.problems
    assert problem.path == "docs/organisations/friends-of-pen-y-bont-library.md"
    assert problem.field == "listing.record" and "is missing" in problem.message


EVIDENCE = {
    "title": "An example study of relational slack",
    "authors": "Smith, Jane\nJones, Ali",
    "year": "2021",
    "evidence_type": "Qualitative study",
    "publisher": "Example Press",
    "url": "https://example.org/study",
    "doi": "10.1234/example.5678",
    "outcomes": ["Staff wellbeing and retention"],
    "key_findings": "Staff with time to talk stayed longer.\nManagers noticed.",
    "findings_direction": "Positive",
    "confidence": "Emerging",
    "rationale": "One small study, clearly described.",
    "summary": "Interviews with thirty staff.",
}


def test_an_evidence_item_round_trips_named_like_the_others(root):
    draft = draft_of(root, "evidence", EVIDENCE)
    assert draft.ok, draft.problems
    assert draft.path == "docs/evidence/smith-jones-2021.md"
    evidence = loaded(root, draft).get("evidence", "smith-jones-2021")
    assert isinstance(evidence, Evidence)
    assert (evidence.authors, evidence.year, evidence.evidence_type) == (
        ["Smith, Jane", "Jones, Ali"],
        2021,
        "qualitative-study",
    )
    assert (evidence.confidence.rating, evidence.confidence.rationale) == (1, EVIDENCE["rationale"])
    assert evidence.key_findings == ["Staff with time to talk stayed longer.", "Managers noticed."]
    assert (evidence.doi, evidence.outcomes, evidence.findings_direction) == (
        "10.1234/example.5678",
        ["staff-wellbeing"],
        "positive",
    )


def test_id_gives_the_file_its_name(content):
    draft = draft_of(content, "evidence", EVIDENCE, RecordOptions(item_id="example-2021"))
    assert draft.path == "docs/evidence/example-2021.md"
    draft = draft_of(content, "evidence", EVIDENCE, RecordOptions(item_id="Not An Id"))
    assert "is not a valid id" in str(draft.problems[0])


def test_an_id_taken_by_a_generated_page_is_refused_as_handbook_check_refuses_it(content):
    draft = draft_of(content, "evidence", EVIDENCE, RecordOptions(item_id="gap-map"))
    assert [str(problem) for problem in draft.problems] == [
        "docs/evidence/gap-map.md:1: id: 'gap-map' is the address of the generated page 'Evidence gap map' "
        "(expected another id for this evidence)"
    ]


def test_a_correction_names_the_file_to_edit(content):
    answers = {"page": "https://example.org/glossary/co-production/", "wrong": "A typo.", "correction": "The fix."}
    draft = draft_of(content, "correction", answers)
    assert (draft.path, draft.problems) == ("glossary/co-production.md", [])
    assert "Source: glossary/co-production.md" in draft.note and "The fix." in draft.note


def test_the_form_is_told_from_the_headings():
    for form in FORMS:
        assert detect_kind(github_body(form, {})) == form.kind
    assert detect_kind("### Something else\n\nhello") is None


# -- answers that are wrong ---------------------------------------------------------------------
def test_an_unknown_dropdown_label(content):
    draft = draft_of(content, "term", {**TERM, "group": "Places and space", "themes": ["Workplace", "Gardening"]})
    messages = [str(problem) for problem in draft.problems]
    body = github_body(form_for("term"), TERM).split("\n")
    assert body[draft.problems[0].line - 1] == "The work of putting relationships first"  # the answer's line
    assert messages[0].startswith(
        "body.md:12: group: 'Places and space' is not one of the form's options (expected one of"
    )
    assert messages[0].endswith("did you mean 'Places and spaces'?)")
    assert messages[1].startswith("body.md:")
    assert "themes: 'Gardening' is not one of the form's options" in messages[1]
    assert draft.path is not None and not draft.ok


def test_the_answers_problems_and_the_files_come_in_one_run(content):
    draft = draft_of(content, "term", {**TERM, "group": "Nope", "working_definition": " ".join(["word"] * 45)})
    assert [(problem.path, problem.field) for problem in draft.problems] == [
        ("body.md", "group"),
        ("glossary/relational-slack.md", "working_definition"),
    ]  # and not "group is required but missing" again: the answer was reported


def test_a_missing_required_answer(content):
    draft = draft_of(content, "term", {**TERM, "working_definition": None})
    [problem] = draft.problems
    body = github_body(form_for("term"), {**TERM, "working_definition": None}).split("\n")
    assert body[problem.line - 3 : problem.line] == [
        "### " + form_for("term").question("working_definition").label,
        "",
        "_No response_",
    ]
    assert str(problem) == "body.md:16: working_definition: is not answered (expected an answer: the form requires one)"


def test_a_missing_or_repeated_heading(content):
    body = github_body(form_for("term"), TERM)
    draft = from_issue(content, body.replace("### Its year\n", "### Year\n"), "body.md", "term", None, TODAY)
    assert [problem.field for problem in draft.problems] == ["source_year"]
    # A heading typed into an answer cannot take another question's place unnoticed.
    hostile = {**TERM, "working_definition": "Short.\n\n### The term\n\nSomething else"}
    draft = draft_of(content, "term", hostile)
    assert [(problem.field, "appears 2 times" in problem.message) for problem in draft.problems] == [("term", True)]


def test_a_checkbox_left_unticked(content):
    draft = draft_of(content, "term", {**TERM, "own_words": ()})
    [problem] = draft.problems
    assert problem.field == "own_words" and "is not ticked" in problem.message


def test_what_the_readers_refuse_comes_back_as_the_build_says_it(content):
    long_definition = " ".join(["word"] * 45)
    draft = draft_of(content, "term", {**TERM, "working_definition": long_definition})
    [problem] = draft.problems
    assert (
        str(problem) == "glossary/relational-slack.md:7: working_definition: has 45 words (expected at most 40 words)"
    )


def test_the_schema_refuses_what_the_readers_refuse(content):
    """The check above is not vacuous: a file the readers refuse fails the schema too."""
    draft = draft_of(content, "term", TERM)
    broken = type(draft)(draft.kind, draft.path, draft.text.replace("group: the-work", "group: nowhere"))
    with pytest.raises(jsonschema.ValidationError):
        fits_the_schema(content, broken)


def test_a_term_that_is_already_in_the_glossary_is_refused(content):
    draft = draft_of(content, "term", {**TERM, "term": "Relational slack", "aliases": "co-production"})
    assert any("is already a name of the term 'co-production'" in str(problem) for problem in draft.problems)


# -- hostile input ---------------------------------------------------------------------------
HOSTILE = [
    'He said "no": then left',
    "---\nstatus: draft\n---",
    "{{ title }} and {% raw %}",
    "key: value\n- item\n# not a comment",
    "!!python/object:os.system 'ls'",
    "&anchor *alias",
    "'quoted' and \\backslash\\",
    "  leading spaces kept inside?",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_stays_text(root, value):
    answers = {**ORGANISATION, "name": f"Hostile {HOSTILE.index(value)}", "what_we_do": value}
    draft = draft_of(root, "organisation", answers, RecordOptions(issue_url=ISSUE))
    assert draft.ok, draft.problems
    organisation = loaded(root, draft).get("organisation", f"hostile-{HOSTILE.index(value)}")
    assert isinstance(organisation, Organisation)
    assert organisation.what_we_do == value.strip()
    assert organisation.status == "published"  # no field slipped in through the text


def test_a_title_cannot_add_fields_or_leave_its_folder(root):
    name = "../../Evil\nstatus: draft\nlisting: {basis: public-source}"
    draft = draft_of(root, "organisation", {**ORGANISATION, "name": name}, RecordOptions(issue_url=ISSUE))
    assert draft.ok, draft.problems
    assert draft.path == "docs/organisations/evil-status-draft-listing-basis-public-source.md"
    organisation = loaded(root, draft).get("organisation", "evil-status-draft-listing-basis-public-source")
    assert isinstance(organisation, Organisation)
    assert (organisation.title, organisation.status) == (name, "published")
    assert organisation.listing is not None and organisation.listing.basis == "self-listed"


def test_long_answers_within_githubs_limit_are_kept_whole(root):
    long_text = " ".join(f"word{number}" for number in range(6_000))  # ~50,000 characters
    draft = draft_of(root, "organisation", {**ORGANISATION, "what_we_do": long_text}, RecordOptions(issue_url=ISSUE))
    assert draft.ok, draft.problems
    organisation = loaded(root, draft).get("organisation", "friends-of-pen-y-bont-library")
    assert isinstance(organisation, Organisation) and organisation.what_we_do == long_text


def test_control_characters_are_refused_with_their_line(content):
    body = github_body(form_for("term"), {**TERM, "term": "Bell\x07term"})
    draft = from_issue(content, body, "body.md", "term", None, TODAY)
    [problem] = draft.problems
    assert str(problem).startswith("body.md:3: body: contains the control character U+0007")
    assert draft.path is None


def test_a_body_of_control_characters_is_reported_in_a_few_lines(content):
    draft = from_issue(content, "\x07\n" * 1000, "body.md", "term", None, TODAY)
    assert len(draft.problems) == 21
    assert str(draft.problems[-1]) == "body.md:21: body: has more lines with control characters, from here"


def test_a_byte_order_mark_is_not_part_of_the_first_heading(content):
    assert from_issue(content, "\ufeff" + github_body(form_for("term"), TERM), "body.md", None, None, TODAY).ok


def test_a_body_longer_than_github_allows_is_refused(content):
    body = github_body(form_for("term"), {**TERM, "working_definition": "x" * MAX_BODY_CHARS})
    draft = from_issue(content, body, "body.md", "term", None, TODAY)
    [problem] = draft.problems
    assert problem.field == "body" and "characters" in problem.message and draft.path is None


def test_windows_line_ends_are_read(content):
    body = github_body(form_for("term"), TERM).replace("\n", "\r\n")
    assert from_issue(content, body, "body.md", "term", None, TODAY).ok


def test_check_reports_only_the_new_files_problems(content):
    before = load_corpus(content).problems
    assert check(content, {}, before) == []
    bad = "---\nterm: Broken\n---\n"
    problems = check(content, {"glossary/broken.md": bad}, before)
    assert problems and all(problem.path == "glossary/broken.md" for problem in problems)


# -- the command --------------------------------------------------------------------------------
def run(root: Path, body: str, *args: str) -> int:
    (root.parent / "body.md").write_text(body, encoding="utf-8")
    return main(["--root", str(root), "from-issue", str(root.parent / "body.md"), *args])


def test_the_command_prints_the_file_and_writes_nothing_by_default(root, capsys):
    assert run(root, github_body(form_for("term"), TERM)) == 0
    out, err = capsys.readouterr()
    assert out.startswith("---\nterm: Relational slack\n")
    assert "glossary/relational-slack.md passes the checks" in err
    assert not (root / "glossary" / "relational-slack.md").exists()


def test_the_command_writes_and_then_refuses_to_overwrite(root, capsys):
    assert run(root, github_body(form_for("term"), TERM), "--write") == 0
    assert capsys.readouterr().out == "glossary/relational-slack.md\n"
    written = (root / "glossary" / "relational-slack.md").read_text(encoding="utf-8")
    assert run(root, github_body(form_for("term"), {**TERM, "working_definition": "Other."}), "--write") == 2
    assert "already exists: not overwriting it" in capsys.readouterr().err
    assert (root / "glossary" / "relational-slack.md").read_text(encoding="utf-8") == written
    assert main(["--root", str(root), "check"]) == 0


def test_the_command_writes_nothing_when_there_are_problems(root, capsys):
    assert run(root, github_body(form_for("term"), {**TERM, "group": "Nope"}), "--write") == 1
    out, err = capsys.readouterr()
    assert out.startswith("body.md:13: group: 'Nope' is not one of the form's options") or "group: 'Nope'" in out
    assert "nothing written" in err
    assert not (root / "glossary" / "relational-slack.md").exists()


def test_the_command_with_a_story_and_its_record(root, capsys):
    body = github_body(form_for("story"), STORY)
    assert run(root, body, "--write") == 1
    assert "--recorded-by" in capsys.readouterr().out
    args = ["--write", "--issue-url", ISSUE, "--recorded-by", "Maintainer Name", "--date", "2026-12-01"]
    assert run(root, body, *args) == 0
    text = (root / "docs" / "stories" / "tea-at-the-library.md").read_text(encoding="utf-8")
    assert "recorded_by: Maintainer Name" in text and "date: 2026-12-01" in text and f"record: {ISSUE}" in text


def test_the_command_usage_errors(root, capsys):
    assert run(root, "### Nothing we know\n\nhello") == 2
    assert "give the form with --kind" in capsys.readouterr().err
    assert run(root, github_body(form_for("story"), STORY), "--date", "2026-13-01") == 2
    assert main(["--root", str(root), "from-issue", str(root / "no-such-body.md")]) == 2


def test_a_correction_is_not_written(root, capsys):
    answers = {"page": "https://example.org/glossary/co-production/", "wrong": "A typo.", "correction": "The fix."}
    assert run(root, github_body(form_for("correction"), answers)) == 0
    assert "Source: glossary/co-production.md" in capsys.readouterr().out
    assert run(root, github_body(form_for("correction"), answers), "--write") == 1
    assert "by hand" in capsys.readouterr().err


def test_the_vocabularies_used_by_these_tests_exist():
    """The titles above are the real vocabulary's: a renamed title fails here first, by name."""
    problems: list = []
    vocabularies = load_vocabularies(REPO, problems)
    titles = {entry.title for name in vocabularies.by_name for entry in getattr(vocabularies, name)}
    used = {TERM["group"], TERM["stance"], STORY["story_type"], STORY["naming"], EVIDENCE["confidence"]}
    assert used <= titles


def test_the_command_reads_the_body_from_stdin_and_adds_a_perspective(root, capsys, monkeypatch):
    answers = {"term": "co-production", "attributed_to": "A. Practitioner", "stance": "Extends", "definition": "Y."}
    monkeypatch.setattr("sys.stdin", io.StringIO(github_body(form_for("perspective"), answers)))
    assert main(["--root", str(root), "from-issue", "-", "--write"]) == 0
    assert capsys.readouterr().out == "glossary/co-production.md (updated)\n"
    assert main(["--root", str(root), "check"]) == 0
    assert "A. Practitioner" in (root / "glossary" / "co-production.md").read_text(encoding="utf-8")
