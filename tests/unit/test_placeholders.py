"""Template placeholders (issue 17): a `TODO` left from .github/content-templates/ is a problem
with its line, in front matter and in the body; prose and code that mention TODO are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import load_corpus

CHAPTER = "handbooks/starter/first-steps.md"
EXPECTED = "(expected your own words in place of the template's TODO placeholder)"


@pytest.fixture
def project(tmp_path: Path, make_project) -> Path:
    return make_project(tmp_path / "project", git=False)


def problems_after(project: Path, rel: str, old: str, new: str) -> list[str]:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [str(problem) for problem in load_corpus(project).problems]


def test_a_placeholder_in_a_front_matter_value(project):
    assert problems_after(
        project,
        CHAPTER,
        "summary: Why relationships come first.",
        'summary: "TODO: what the chapter covers, in one or two sentences."',
    ) == [
        f"{CHAPTER}:3: summary: is still a template placeholder ('TODO: what the chapter covers, in one or two "
        f"sentences.') {EXPECTED}"
    ]


def test_a_placeholder_in_a_list_of_a_nested_field(project):
    rel = "docs/evidence/russell-1996.md"
    text = (project / rel).read_text(encoding="utf-8")
    first_author = next(line for line in text.splitlines() if line.startswith("authors:"))
    problems = problems_after(project, rel, first_author, 'authors: ["TODO, Author"]')
    line = text.splitlines().index(first_author) + 1
    assert problems == [f"{rel}:{line}: authors[0]: is still a template placeholder ('TODO, Author') {EXPECTED}"]


def test_a_placeholder_in_the_body_has_its_line(project):
    assert problems_after(
        project, CHAPTER, "## Why it matters\n", "## Why it matters\n\nTODO: write the chapter.\n"
    ) == [f"{CHAPTER}:11: body: still has a template placeholder ('TODO: write the chapter.') {EXPECTED}"]


def test_a_bare_todo_line_and_a_todo_inside_a_sentence(project):
    problems = problems_after(
        project,
        CHAPTER,
        "## Why it matters\n",
        "## Why it matters\n\nTODO\n\nThe pilot (TODO: check the year) ran twice.\n",
    )
    assert [problem.split(": ", 1)[0] for problem in problems] == [f"{CHAPTER}:11", f"{CHAPTER}:13"]


@pytest.mark.parametrize(
    "prose",
    [
        "A TODO list is where volunteers wrote what needed doing.",
        "Mark what is left as todo: nobody reads it.",
        "`TODO: in a code span` stays code.",
        "```\nTODO: in a fenced block\n```",
        "Nothing to do, and no TODOs: the word alone is prose.",
        "It went on my TODO, then off it again.",
    ],
)
def test_prose_and_code_about_todos_are_not_placeholders(project, prose):
    assert problems_after(project, CHAPTER, "## Why it matters\n", f"## Why it matters\n\n{prose}\n") == []


def test_a_value_that_only_mentions_todo_is_not_a_placeholder(project):
    assert (
        problems_after(
            project, CHAPTER, "summary: Why relationships come first.", "summary: How a TODO list became a rota."
        )
        == []
    )
