"""CODEOWNERS is generated from the handbooks' editors, and `check` fails when they disagree."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.cli import main
from handbook.codeowners import CODEOWNERS_PATH, MAINTAINERS, check, parse, render
from support import REPO, make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project", git=False)
    assert main(["--root", str(root), "codeowners", "--write"]) == 0
    return root


def problems(root: Path) -> list[str]:
    return [str(p) for p in check(root, load_corpus(root).corpus)]


def test_generated_file_protects_machinery_and_handbooks(project):
    rules = {rule.pattern: rule.owners for rule in parse((project / CODEOWNERS_PATH).read_text(encoding="utf-8"))}
    assert rules == {"/.github/": (MAINTAINERS,), "/hooks/": (MAINTAINERS,), "/.github/CODEOWNERS": (MAINTAINERS,),
                     "/handbooks/starter/": ("@example/starter-editors",)}
    assert problems(project) == []


def test_changed_editors_make_check_fail_at_the_codeowners_line(project, capsys):
    index = project / "handbooks/starter/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace('"@example/starter-editors"', '"@example/new-editors"'), encoding="utf-8")
    line = (project / CODEOWNERS_PATH).read_text(encoding="utf-8").splitlines().index("/handbooks/starter/ @example/starter-editors") + 1
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert out == (f"{CODEOWNERS_PATH}:{line}: /handbooks/starter/: is owned by @example/starter-editors, but the editors in "
                   "handbooks/starter/index.md are @example/new-editors (expected '/handbooks/starter/ @example/new-editors'; "
                   "run `handbook codeowners --write`)\n")
    assert main(["--root", str(project), "codeowners", "--write"]) == 0
    capsys.readouterr()
    assert main(["--root", str(project), "check"]) == 0


def test_a_handbook_missing_from_codeowners_is_reported_at_its_editors(project):
    path = project / CODEOWNERS_PATH
    path.write_text(path.read_text(encoding="utf-8").replace("/handbooks/starter/ @example/starter-editors\n", ""), encoding="utf-8")
    assert problems(project) == ["handbooks/starter/index.md:4: editors: have no line '/handbooks/starter/' in .github/CODEOWNERS "
                                 "(expected '/handbooks/starter/ @example/starter-editors'; run `handbook codeowners --write`)"]


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
    assert problems(project) == [".github/CODEOWNERS:1: file: is missing (expected one generated from the handbooks' "
                                 "editors; run `handbook codeowners --write`)"]


def test_editors_must_be_github_handles(project):
    index = project / "handbooks/starter/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace('"@example/starter-editors"', '"@example/starter-editors", "Jane Doe"'), encoding="utf-8")
    assert "handbooks/starter/index.md:4: editors[1]: 'Jane Doe' is not a GitHub handle or team (expected @user or @org/team)" in problems(project)


def test_the_repository_codeowners_is_up_to_date():
    assert (REPO / CODEOWNERS_PATH).read_text(encoding="utf-8") == render(load_corpus(REPO).corpus)
