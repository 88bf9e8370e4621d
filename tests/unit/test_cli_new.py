"""`handbook new` makes correctly named files from the templates: `check` reports only their
TODO placeholders (issue 17), and once those are written over, every file passes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.cli.main import main
from handbook.content.model import Term


@pytest.fixture
def project(tmp_path: Path, make_project) -> Path:
    return make_project(tmp_path / "project", git=False)


def run(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_checks_clean(root: Path, capsys) -> None:
    """What a contributor sees: first the template's placeholders, each with its line, and
    nothing else; then, with each placeholder written over, no problem at all."""
    code, out, err = run(root, capsys, "check")
    problems = out.splitlines()
    assert code == 1 and problems, "the placeholders of a fresh file are reported"
    assert all(
        re.match(r"^[\w./-]+\.md:\d+: [\w.\[\]]+: (is still|still has) a template placeholder", line)
        for line in problems
    ), out
    for path in {line.split(":", 1)[0] for line in problems}:
        fill_in(root / path)
    assert_no_problems(root, capsys)


def assert_no_problems(root: Path, capsys) -> None:
    code, out, err = run(root, capsys, "check")
    assert (code, out) == (0, ""), out + err


def fill_in(path: Path) -> None:
    """Write over every placeholder as a contributor would: keep the hint, drop the 'TODO:'."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"TODO[:,] ?", "", text), encoding="utf-8")


@pytest.mark.parametrize(
    "kind, folder",
    [
        ("term", "glossary"),
        ("evidence", "docs/evidence"),
        ("story", "docs/stories"),
        ("convening", "docs/convenings"),
        ("resource", "docs/resources"),
        ("organisation", "docs/organisations"),
    ],
)
def test_new_item_of_every_kind_is_valid(project, capsys, kind, folder):
    # A contributed story needs the date its consent was recorded: that is never guessed.
    extra = ["--consent-date", "2024-03-02"] if kind == "story" else []
    code, out, _ = run(project, capsys, "new", kind, "Community anchor: a test's title", *extra)
    assert code == 0
    assert out == f"{folder}/community-anchor-a-tests-title.md\n"
    text = (project / folder / "community-anchor-a-tests-title.md").read_text(encoding="utf-8")
    assert "\n# " in text  # guidance comments came with the template
    assert "{{" not in text
    assert_checks_clean(project, capsys)
    item = load_corpus(project).corpus.get(kind, "community-anchor-a-tests-title")
    assert item is not None and item.title == "Community anchor: a test's title"


def test_new_term_is_named_from_its_title(project, capsys):
    assert run(project, capsys, "new", "term", "Community anchor")[1] == "glossary/community-anchor.md\n"
    term = load_corpus(project).corpus.get("term", "community-anchor")
    assert isinstance(term, Term) and term.perspectives[0].attributed_to == "This handbook"


def test_options_fill_the_template(project, capsys):
    run(
        project,
        capsys,
        "new",
        "story",
        "Wendy's story",
        "--storyteller",
        "Wendy",
        "--naming",
        "first-name",
        "--consent-date",
        "2024-03-02",
        "--type",
        "volunteer-story",
    )
    run(project, capsys, "new", "evidence", "A study", "--id", "smith-2019", "--type", "survey")
    run(project, capsys, "new", "convening", "A gathering", "--date", "2022-06", "--format", "online")
    assert_checks_clean(project, capsys)
    corpus = load_corpus(project).corpus
    story = corpus.get("story", "wendys-story")
    assert (story.storytellers[0].name, story.publication.date.isoformat(), story.story_type) == (
        "Wendy",
        "2024-03-02",
        "volunteer-story",
    )
    evidence = corpus.get("evidence", "smith-2019")
    assert (evidence.year, evidence.evidence_type, evidence.confidence.rating) == (2019, "survey", 0)
    assert corpus.get("convening", "a-gathering").date == "2022-06"


def test_story_without_a_consent_date_leaves_the_date_as_a_hint(project, capsys):
    run(project, capsys, "new", "story", "A story")
    text = (project / "docs/stories/a-story.md").read_text(encoding="utf-8")
    assert "  # date: CONSENT_DATE\n" in text
    assert load_corpus(project).corpus.get("story", "a-story").publication.date is None


def test_refuses_to_overwrite(project, capsys):
    before = (project / "glossary/co-production.md").read_text(encoding="utf-8")
    code, out, err = run(project, capsys, "new", "term", "Co production", "--id", "co-production")
    assert code == 1 and out == ""
    assert "glossary/co-production.md already exists: not overwriting it" in err
    assert (project / "glossary/co-production.md").read_text(encoding="utf-8") == before


def test_refuses_a_name_another_term_has(project, capsys):
    code, _, err = run(project, capsys, "new", "term", "Coproduction")
    assert code == 1
    assert "'Coproduction' is already a name of the term 'co-production'" in err
    assert not (project / "glossary/coproduction.md").exists()


def test_new_perspective_is_appended_and_comments_survive(project, capsys):
    path = project / "glossary/co-production.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    stance: critiques\n", "    stance: critiques  # keep me\n"),
        encoding="utf-8",
    )
    code, out, _ = run(
        project,
        capsys,
        "new",
        "perspective",
        "co-production",
        "--by",
        "Jane Doe: researcher",
        "--stance",
        "contests",
        "--definition",
        "Sharing power, not only tasks.",
    )
    assert (code, out) == (0, "glossary/co-production.md (updated)\n")
    assert "stance: critiques  # keep me" in path.read_text(encoding="utf-8")
    assert_no_problems(project, capsys)  # the definition was given: no placeholder
    term = load_corpus(project).corpus.get("term", "co-production")
    assert [p.attributed_to for p in term.perspectives] == ["Elinor Ostrom", "This handbook", "Jane Doe: researcher"]
    assert (term.perspectives[-1].stance, term.perspectives[-1].definition) == (
        "contests",
        "Sharing power, not only tasks.",
    )
    assert (
        term.contested_note == "Whether consultation counts as co-production."
    )  # the fields after the list are intact


def test_new_perspective_without_a_definition_is_a_placeholder(project, capsys):
    run(project, capsys, "new", "perspective", "co-production", "--by", "Jane Doe")
    code, out, _ = run(project, capsys, "check")
    assert code == 1
    lines = (project / "glossary/co-production.md").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "TODO: this perspective" in text)
    assert out == (
        f"glossary/co-production.md:{line}: perspectives[2].definition: is still a template placeholder "
        "('TODO: this perspective's definition, paraphrased in your own words.') "
        "(expected your own words in place of the template's TODO placeholder)\n"
    )


def test_new_perspective_for_an_unknown_term(project, capsys):
    code, _, err = run(project, capsys, "new", "perspective", "co-producton", "--by", "X")
    assert code == 1
    assert "no term 'co-producton'" in err and "did you mean 'co-production'?" in err


def test_new_chapter_joins_a_flow_list(project, capsys):
    code, out, _ = run(project, capsys, "new", "chapter", "starter", "Why now?")
    assert code == 0
    assert out == "handbooks/starter/why-now.md\nhandbooks/starter/index.md (updated)\n"
    assert "chapters: [first-steps, going-further, why-now]" in (project / "handbooks/starter/index.md").read_text(
        encoding="utf-8"
    )
    assert_checks_clean(project, capsys)


def test_new_chapter_joins_a_block_list(project, capsys):
    index = project / "handbooks/starter/index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "chapters: [first-steps, going-further]", "chapters:\n  - first-steps  # start here\n  - going-further\n"
        ),
        encoding="utf-8",
    )
    run(project, capsys, "new", "chapter", "starter", "Next", "--id", "next-steps")
    text = index.read_text(encoding="utf-8")
    assert "  - first-steps  # start here\n  - going-further\n  - next-steps\n" in text
    handbook = load_corpus(project).corpus.get("handbook", "starter")
    assert handbook.chapter_ids == ["first-steps", "going-further", "next-steps"]
    assert_checks_clean(project, capsys)


def test_new_handbook_with_editors_and_codeowners(project, capsys):
    run(project, capsys, "codeowners", "--write")
    code, out, _ = run(
        project, capsys, "new", "handbook", "A new book", "--editor", "@org/team", "--editor", "@someone"
    )
    assert code == 0
    assert out.splitlines() == [
        "handbooks/a-new-book/index.md",
        "handbooks/a-new-book/introduction.md",
        ".github/CODEOWNERS (updated)",
    ]
    assert "/handbooks/a-new-book/ @org/team @someone\n" in (project / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert_checks_clean(project, capsys)
    assert load_corpus(project).corpus.get("handbook", "a-new-book").editors == ["@org/team", "@someone"]


def test_new_handbook_needs_an_editor(project, capsys):
    code, _, err = run(project, capsys, "new", "handbook", "Nobody's book")
    assert code == 1 and "needs at least one editor" in err


@pytest.mark.parametrize("editor", ["@someone\n/.github/ @evil", "@org/team extra", "@-bad", "someone@example.org"])
def test_new_handbook_refuses_an_editor_that_is_not_a_handle(project, capsys, editor):
    code, _, err = run(project, capsys, "new", "handbook", "A new book", "--editor", editor)
    assert code == 1 and "is not a GitHub handle or team (expected @name or @org/team)" in err
    assert not (project / "handbooks/a-new-book").exists()


@pytest.mark.parametrize("extra, town", [((), "the town"), (("--town", "Newcastle"), "Newcastle")])
def test_in_person_convening_gets_a_town(project, capsys, extra, town):
    assert run(project, capsys, "new", "convening", "Unpacking the how", "--format", "in-person", *extra)[0] == 0
    assert_checks_clean(project, capsys)
    assert load_corpus(project).corpus.get("convening", "unpacking-the-how").location.town == town


def test_new_chapter_already_listed_is_not_listed_twice(project, capsys):
    index = project / "handbooks/starter/index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("going-further]", "going-further, planned]"), encoding="utf-8"
    )
    code, out, _ = run(project, capsys, "new", "chapter", "starter", "Planned")
    assert (code, out) == (0, "handbooks/starter/planned.md\n")
    assert "chapters: [first-steps, going-further, planned]\n" in index.read_text(encoding="utf-8")
    assert_checks_clean(project, capsys)


@pytest.mark.parametrize(
    "args, message",
    [
        (("term", "X", "--group", "the-wrok"), "'the-wrok' is not in the term_groups vocabulary"),
        (("perspective", "co-production", "--by", "A", "--stance", "critque"), "did you mean 'critiques'?"),
        (("convening", "X", "--date", "2024-02-30"), "'2024-02-30' is not a real date"),
    ],
)
def test_bad_options_are_refused_before_writing(project, capsys, args, message):
    before = sorted(p for p in project.rglob("*.md"))
    code, out, err = run(project, capsys, "new", *args)
    assert code == 1 and out == "" and message in err
    assert sorted(p for p in project.rglob("*.md")) == before
