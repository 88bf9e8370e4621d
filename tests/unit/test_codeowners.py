"""CODEOWNERS is generated from the handbooks' editors, and `check` fails when they disagree.

The writer refuses anything that is not a handle or a handbook id (issue 16): each would
become a pattern or an owner in a file GitHub obeys.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.cli.codeowners import (
    CODEOWNERS_PATH,
    MAINTAINERS,
    PROTECTED,
    CodeownersError,
    check,
    parse,
    render,
    write,
)
from handbook.cli.main import main
from tests.support import REPO


@pytest.fixture
def project(tmp_path: Path, make_project) -> Path:
    root = make_project(tmp_path / "project", git=False)
    assert main(["--root", str(root), "codeowners", "--write"]) == 0
    return root


def problems(root: Path) -> list[str]:
    return [str(p) for p in check(root, load_corpus(root).corpus)]


def test_generated_file_protects_machinery_and_handbooks(project):
    rules = parse((project / CODEOWNERS_PATH).read_text(encoding="utf-8"))
    assert {rule.pattern: rule.owners for rule in rules} == {
        "/handbooks/starter/": ("@example/starter-editors",),
        **{pattern: (MAINTAINERS,) for pattern in PROTECTED},
    }
    assert problems(project) == []


@pytest.mark.parametrize(
    "path",
    [
        "mkdocs.yml",
        "pyproject.toml",
        "constraints.txt",
        "package.json",
        "package-lock.json",
        ".ci/install.sh",
        ".github/workflows/pr.yml",
        ".github/CODEOWNERS",
        "hooks/mkdocs_hooks.py",
        "overrides/main.html",
        "tests/support.py",
        "docs/assets/handbook.css",
        "docs/vocabularies.yml",
        ".pre-commit-config.yaml",
        "CODEOWNERS",
        "docs/CODEOWNERS",
        "README.md",
        "CONTRIBUTING.md",
        "docs/about/security.md",
        "LICENSE-CONTENT.md",
    ],
)
def test_every_path_that_changes_what_runs_is_the_maintainers_last(project, path):
    """GitHub gives a path to the owners of the LAST pattern matching it: that must be the maintainers'."""
    rules = parse((project / CODEOWNERS_PATH).read_text(encoding="utf-8"))
    matching = [rule for rule in rules if _matches(rule.pattern, path)]
    assert matching and matching[-1].owners == (MAINTAINERS,)
    handbook_lines = [rule.line for rule in rules if rule.pattern.startswith("/handbooks/")]
    assert max(handbook_lines) < min(rule.line for rule in rules if rule.owners == (MAINTAINERS,))


def _matches(pattern: str, path: str) -> bool:
    """The anchored patterns the generator writes: a folder ('/x/') or one file ('/x')."""
    return ("/" + path).startswith(pattern) if pattern.endswith("/") else "/" + path == pattern


def test_the_same_rules_in_another_order_are_reported(project):
    path = project / CODEOWNERS_PATH
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    handbook = next(i for i, line in enumerate(lines) if line.startswith("/handbooks/"))
    moved = lines[:handbook] + lines[handbook + 1 :] + [lines[handbook]]  # last now: it would win over the machinery
    path.write_text("".join(moved), encoding="utf-8")
    assert problems(project) == [
        f".github/CODEOWNERS:{handbook + 1}: file: differs from the generated file (order, comments "
        "or spacing) (expected the generated file; run `handbook codeowners --write`)"
    ]


def test_changed_editors_make_check_fail_at_the_codeowners_line(project, capsys):
    index = project / "handbooks/starter/index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace('"@example/starter-editors"', '"@example/new-editors"'),
        encoding="utf-8",
    )
    line = (project / CODEOWNERS_PATH).read_text(encoding="utf-8").splitlines().index(
        "/handbooks/starter/ @example/starter-editors"
    ) + 1
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert out == (
        f"{CODEOWNERS_PATH}:{line}: /handbooks/starter/: is owned by @example/starter-editors, but the editors in "
        "handbooks/starter/index.md are @example/new-editors (expected '/handbooks/starter/ @example/new-editors'; "
        "run `handbook codeowners --write`)\n"
    )
    assert main(["--root", str(project), "codeowners", "--write"]) == 0
    capsys.readouterr()
    assert main(["--root", str(project), "check"]) == 0


def test_a_handbook_missing_from_codeowners_is_reported_at_its_editors(project):
    path = project / CODEOWNERS_PATH
    path.write_text(
        path.read_text(encoding="utf-8").replace("/handbooks/starter/ @example/starter-editors\n", ""), encoding="utf-8"
    )
    assert problems(project) == [
        "handbooks/starter/index.md:4: editors: have no line '/handbooks/starter/' in .github/CODEOWNERS "
        "(expected '/handbooks/starter/ @example/starter-editors'; run `handbook codeowners --write`)"
    ]


def test_unprotected_machinery_and_stray_lines(project):
    path = project / CODEOWNERS_PATH
    text = path.read_text(encoding="utf-8").replace(f"/hooks/ {MAINTAINERS}\n", "") + "/handbooks/gone/ @someone\n"
    path.write_text(text, encoding="utf-8")
    last = len(text.splitlines())
    assert problems(project) == [
        f".github/CODEOWNERS:1: /hooks/: is not protected: it must be owned by {MAINTAINERS} "
        f"(expected '/hooks/ {MAINTAINERS}'; run `handbook codeowners --write`)",
        f".github/CODEOWNERS:{last}: /handbooks/gone/: no handbook 'gone' (expected only generated lines; run `handbook codeowners --write`)",
    ]


def test_missing_file_in_a_github_repository(project):
    (project / CODEOWNERS_PATH).unlink()
    assert problems(project) == [
        ".github/CODEOWNERS:1: file: is missing (expected one generated from the handbooks' "
        "editors; run `handbook codeowners --write`)"
    ]


def set_editors(project: Path, editors: str) -> None:
    index = project / "handbooks/starter/index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace('["@example/starter-editors"]', editors), encoding="utf-8"
    )


INJECTED = r'["@example/starter-editors", "@someone\n/.github/ @evil"]'  # YAML turns \n into a newline


def test_a_handle_with_a_newline_is_reported_by_check_and_never_written(project, capsys):
    before = (project / CODEOWNERS_PATH).read_bytes()
    set_editors(project, INJECTED)
    message = (
        "handbooks/starter/index.md:4: editors[1]: '@someone\\n/.github/ @evil' is not a GitHub handle "
        "(expected @name or @org/team)"
    )
    assert main(["--root", str(project), "check"]) == 1
    assert message in capsys.readouterr().out.splitlines()
    assert main(["--root", str(project), "codeowners", "--write"]) == 1
    assert message in capsys.readouterr().err.splitlines()
    assert (project / CODEOWNERS_PATH).read_bytes() == before


@pytest.mark.parametrize(
    "editor",
    [
        "Jane Doe",
        "jane@example.org",
        "@jane doe",
        "@-jane",
        "@jane-",
        "@ja--ne",
        "@" + "a" * 40,
        "@org/Team",
        "@org/te.am",
        "@org/team/sub",
        "@",
        "@org/",
        " @jane\t@bob",
    ],
)
def test_editors_must_be_github_handles(project, editor):
    set_editors(project, f'["@example/starter-editors", "{editor}"]')
    result = load_corpus(project)
    shown = editor.strip().replace("\t", "\\t")  # invisible characters are shown escaped
    assert [str(p) for p in result.problems] == [
        f"handbooks/starter/index.md:4: editors[1]: '{shown}' is not a GitHub handle (expected @name or @org/team)"
    ]
    assert result.corpus.handbooks[0].editors == ["@example/starter-editors"]  # never reaches the model


def test_editors_listed_one_a_line_are_reported_at_their_line(project):
    set_editors(project, '\n  - "@example/starter-editors"\n  - "@evil\\n* @evil"')
    assert [str(p) for p in load_corpus(project).problems] == [
        "handbooks/starter/index.md:6: editors[1]: '@evil\\n* @evil' is not a GitHub handle (expected @name or @org/team)"
    ]


@pytest.mark.parametrize("editor", ["@jane", "@Jane-Doe-2", "@" + "a" * 39, "@org/team_name-2", "@a/b"])
def test_real_handles_are_accepted(project, editor):
    set_editors(project, f'["{editor}"]')
    result = load_corpus(project)
    assert result.problems == [] and result.corpus.handbooks[0].editors == [editor]


def test_the_writer_refuses_a_handle_that_reached_the_model(project):
    before = (project / CODEOWNERS_PATH).read_bytes()
    corpus = load_corpus(project).corpus
    corpus.handbooks[0].editors = ["@example/starter-editors", "@someone\n/.github/ @evil"]
    with pytest.raises(CodeownersError, match=r"editors\[1\]: '@someone\\n/.github/ @evil' is not a GitHub handle"):
        write(project, corpus)
    assert (project / CODEOWNERS_PATH).read_bytes() == before
    assert [str(p) for p in check(project, corpus)] == [
        "handbooks/starter/index.md:4: editors[1]: '@someone\\n/.github/ @evil' is not a GitHub handle (expected @name or @org/team)"
    ]


def test_the_writer_refuses_a_handbook_folder_that_is_not_an_id(project):
    before = (project / CODEOWNERS_PATH).read_bytes()
    corpus = load_corpus(project).corpus
    corpus.handbooks[0].path = "handbooks/starter.v2/index.md"  # a folder the loader once read as 'starter'
    with pytest.raises(
        CodeownersError,
        match=r"handbooks/starter.v2/index.md:1: folder: 'handbooks/starter.v2' is not a valid handbook folder",
    ):
        write(project, corpus)
    assert (project / CODEOWNERS_PATH).read_bytes() == before


def test_the_repository_codeowners_is_up_to_date():
    assert (REPO / CODEOWNERS_PATH).read_text(encoding="utf-8") == render(load_corpus(REPO).corpus)


def test_a_handbook_folder_that_is_not_an_id_never_reaches_codeowners(project, capsys):
    """handbooks/starter.v2/ was once loaded as 'starter': refused by the loader or, failing that, by the writer."""
    shutil.copytree(project / "handbooks/starter", project / "handbooks/starter.v2")
    before = (project / CODEOWNERS_PATH).read_text(encoding="utf-8")
    main(["--root", str(project), "codeowners", "--write"])
    after = (project / CODEOWNERS_PATH).read_text(encoding="utf-8")
    assert "starter.v2" not in after and after.count("/handbooks/") == before.count("/handbooks/")
    capsys.readouterr()
    assert main(["--root", str(project), "check"]) == 1
    assert "handbooks/starter.v2" in capsys.readouterr().out
