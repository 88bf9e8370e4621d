"""The build runs the editor checks `handbook check` runs (issue 16): bad handles and a stale CODEOWNERS fail it."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.cli.codeowners import CODEOWNERS_PATH
from handbook.cli.main import main


@pytest.fixture
def project(tmp_path: Path, make_project) -> Path:
    root = make_project(tmp_path / "project", git=False)
    assert main(["--root", str(root), "codeowners", "--write"]) == 0
    return root


def set_editors(root: Path, editors: str) -> None:
    index = root / "handbooks/starter/index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace('["@example/starter-editors"]', editors), encoding="utf-8"
    )


def test_a_handle_with_a_newline_fails_the_build(project, build):
    root = project
    set_editors(root, r'["@example/starter-editors", "@someone\n/.github/ @evil"]')
    result = build(root, "--strict")
    assert result.returncode == 1
    assert (
        "handbooks/starter/index.md:4: editors[1]: '@someone\\n/.github/ @evil' is not a GitHub handle "
        "(expected @name or @org/team)"
    ) in result.log
    assert "Traceback" not in result.log


def test_codeowners_out_of_date_fails_the_build(project, build):
    root = project
    set_editors(root, '["@example/new-editors"]')
    result = build(root, "--strict")
    assert result.returncode == 1
    assert (
        f"{CODEOWNERS_PATH}:6: /handbooks/starter/: is owned by @example/starter-editors, but the editors in "
        "handbooks/starter/index.md are @example/new-editors"
    ) in result.log
    assert "Traceback" not in result.log
