"""The GitHub issue forms: generated from the vocabularies, in step with them, as GitHub accepts them."""

from __future__ import annotations

import shutil

import pytest
import yaml

from handbook.cli.main import main
from handbook.content.vocabulary import load_vocabularies
from handbook.contributions.issue_forms import (
    FORMS,
    FORMS_DIR,
    HAND_WRITTEN,
    form_data,
    form_problems,
    new_issue_url,
    options,
    rendered_forms,
    schema_disagreements,
)
from handbook.contributions.schema import content_schema
from tests.support import REPO


@pytest.fixture(scope="module")
def vocabularies():
    problems: list = []
    found = load_vocabularies(REPO, problems)
    assert not problems
    return found


def test_the_committed_forms_are_what_the_generator_writes(vocabularies):
    """A vocabulary or question changed without `handbook issue-forms --write` fails here."""
    for rel_path, text in rendered_forms(vocabularies).items():
        assert (REPO / rel_path).read_text(encoding="utf-8") == text, f"{rel_path}: run handbook issue-forms --write"


def test_no_other_form_is_in_the_folder(vocabularies):
    present = {path.name for path in (REPO / FORMS_DIR).iterdir()}
    assert present == {form.file_name for form in FORMS} | set(HAND_WRITTEN)


def test_a_form_per_kind_a_newcomer_suggests():
    assert {form.kind for form in FORMS} >= {"term", "perspective", "story", "organisation", "evidence", "correction"}


def test_every_form_is_one_github_accepts(vocabularies):
    for form in FORMS:
        text = rendered_forms(vocabularies)[(FORMS_DIR / form.file_name).as_posix()]
        assert form_problems(yaml.safe_load(text)) == [], form.file_name


def test_dropdowns_offer_the_vocabularys_titles_in_its_order(vocabularies):
    seen = 0
    for form in FORMS:
        elements = {element.get("id"): element for element in form_data(form, vocabularies)["body"]}
        for question in form.questions:
            if question.vocabulary is None:
                continue
            seen += 1
            vocabulary = getattr(vocabularies, question.vocabulary)
            attributes = elements[question.id]["attributes"]
            assert attributes["options"] == [entry.title for entry in vocabulary] == options(question, vocabularies)
            assert attributes.get("multiple", False) == question.multiple
            assert ("validations" in elements[question.id]) == question.required
    assert seen >= 15


def test_option_help_comes_from_the_vocabulary_descriptions(vocabularies):
    [stance] = [q for q in FORMS[1].questions if q.id == "stance"]
    element = next(e for e in form_data(FORMS[1], vocabularies)["body"] if e.get("id") == "stance")
    for entry in vocabularies.perspective_stances:
        assert f"{entry.title}: {entry.description}" in element["attributes"]["description"]
    assert stance.describe_options


def test_the_story_form_is_honest_about_consent(vocabularies):
    story = next(form for form in FORMS if form.kind == "story")
    data = form_data(story, vocabularies)
    assert "recorded by one of the maintainers" in data["body"][0]["attributes"]["value"]
    [consent] = [element for element in data["body"] if element.get("id") == "consent"]
    boxes = consent["attributes"]["options"]
    assert boxes and all(box["required"] for box in boxes)
    assert any("nothing is published until it is recorded" in box["label"] for box in boxes)


def test_the_organisation_form_is_a_self_listing(vocabularies):
    organisation = next(form for form in FORMS if form.kind == "organisation")
    ids = [question.id for question in organisation.questions]
    assert "listed_by" in ids and "what_we_do" in ids
    assert "self-listed" in organisation.intro


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda body: body[1].update(id="two words"), "may contain only letters"),
        (lambda body: body[2].update(id=body[1]["id"]), "is used twice"),
        (lambda body: body[2]["attributes"].update(label=body[1]["attributes"]["label"]), "is used twice"),
        (lambda body: body[3]["attributes"]["options"].append("None"), "reserved word None"),
        (lambda body: body[3]["attributes"]["options"].append(body[3]["attributes"]["options"][0]), "must be unique"),
        (lambda body: body[1]["attributes"].update(label="Your password"), "forbids"),
        (lambda body: body[1].update(type="select"), "not a valid input type"),
    ],
)
def test_form_problems_finds_what_github_refuses(vocabularies, change, expected):
    data = form_data(FORMS[0], vocabularies)  # markdown, term, aliases, group (a dropdown), ...
    assert data["body"][3]["type"] == "dropdown"
    change(data["body"])
    assert any(expected in problem for problem in form_problems(data)), form_problems(data)


def test_a_form_of_markdown_only_is_refused():
    assert form_problems(
        {"name": "x", "description": "y", "body": [{"type": "markdown", "attributes": {"value": "z"}}]}
    )


def test_the_command_finds_forms_out_of_step_with_a_vocabulary_and_rewrites_them(tmp_path, capsys):
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    shutil.copy2(REPO / "docs" / "vocabularies.yml", root / "docs" / "vocabularies.yml")
    shutil.copytree(REPO / FORMS_DIR, root / FORMS_DIR)
    assert main(["--root", str(root), "issue-forms"]) == 0
    vocabularies = (root / "docs" / "vocabularies.yml").read_text(encoding="utf-8")
    vocabularies = vocabularies.replace(
        "  - {id: other, title: Other terms}",
        "  - {id: other, title: Other terms}\n  - {id: new-group, title: New group}",
    )
    (root / "docs" / "vocabularies.yml").write_text(vocabularies, encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "issue-forms"]) == 1
    assert capsys.readouterr().out.splitlines() == [".github/ISSUE_TEMPLATE/suggest-term.yml (out of date)"]
    assert main(["--root", str(root), "issue-forms", "--write"]) == 0
    assert "- New group" in (root / FORMS_DIR / "suggest-term.yml").read_text(encoding="utf-8")
    assert main(["--root", str(root), "issue-forms"]) == 0


def test_a_new_issue_address_opens_the_form_with_answers_filled_in():
    perspective = next(form for form in FORMS if form.kind == "perspective")
    url = new_issue_url("https://github.com/relationships-project/handbooks/", perspective, {"term": "co-production"})
    assert url == (
        "https://github.com/relationships-project/handbooks/issues/new?template=suggest-perspective.yml&term=co-production"
    )
    assert new_issue_url("https://github.com/o/r", perspective, {"term": "a&b c"}).endswith("&term=a%26b+c")
    with pytest.raises(ValueError, match="no text question stance"):
        new_issue_url("https://github.com/o/r", perspective, {"stance": "Origin"})


def test_the_forms_agree_with_the_schema_derived_from_the_readers(vocabularies):
    """Every answer fills a field the readers read, with the field's own options, and every
    field they require is asked for (or left, by name, to the maintainer)."""
    definitions = content_schema(vocabularies)["$defs"]
    for form in FORMS:
        assert schema_disagreements(form, definitions, vocabularies) == [], form.kind
    assert sum(question.field is not None for form in FORMS for question in form.questions) >= 40


def test_a_reader_change_the_forms_miss_is_found(vocabularies):
    definitions = content_schema(vocabularies)["$defs"]
    term = definitions["term"]
    changed = {**definitions, "term": {**term, "required": [*term["required"], "related_terms"]}}
    assert schema_disagreements(FORMS[0], changed, vocabularies) == [
        "term: nothing required fills related_terms, which the term reader requires"
    ]
    properties = {name: value for name, value in term["properties"].items() if name != "aliases"}
    changed = {**definitions, "term": {**term, "properties": properties}}
    assert schema_disagreements(FORMS[0], changed, vocabularies) == [
        "term: aliases fills aliases, which the term reader does not read"
    ]
    group = {**term["properties"]["group"], "enum": ["one", "two"]}
    changed = {**definitions, "term": {**term, "properties": {**term["properties"], "group": group}}}
    assert schema_disagreements(FORMS[0], changed, vocabularies) == [
        "term: group's options are not group's values in the schema"
    ]
    story = definitions["story"]
    storytellers = story["properties"]["storytellers"]
    items = {**storytellers["items"], "required": [*storytellers["items"]["required"], "role"]}
    changed = {
        **definitions,
        "story": {**story, "properties": {**story["properties"], "storytellers": {**storytellers, "items": items}}},
    }
    assert schema_disagreements(FORMS[2], changed, vocabularies) == [
        "story: nothing required fills storytellers.*.role, which the story reader requires"
    ]
