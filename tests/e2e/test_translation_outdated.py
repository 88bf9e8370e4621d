"""End to end: an English file changed after its Welsh translation makes `handbook check` warn, never fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "handbook", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "HANDBOOK_LANGUAGES": "cy"},
    )


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def translated(tmp_path: Path, make_project, git_commit) -> tuple[Path, str]:
    root = make_project(tmp_path / "project")
    source_commit = git(root, "log", "-1", "--format=%h", "--", "glossary/loneliness.md")
    (root / "glossary/loneliness.cy.md").write_text(
        f"---\ntranslation:\n  source_commit: {source_commit}\n  machine_assisted: true\n"
        "title: Unigrwydd\nworking_definition: Y bwlch poenus rhwng y perthnasoedd sydd gennym a'r rhai yr ydym eu heisiau.\n"
        "---\nMae unigrwydd yn wahanol i fod ar eich pen eich hun.\n",
        encoding="utf-8",
    )
    git_commit(root, "Welsh translation of loneliness")
    return root, source_commit


def test_an_up_to_date_translation_gives_no_warning(translated: tuple[Path, str]) -> None:
    root, _ = translated
    result = check(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stdout


def test_changing_the_english_after_its_translation_warns_and_passes(translated: tuple[Path, str], git_commit) -> None:
    root, source_commit = translated
    source = root / "glossary/loneliness.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA paragraph added in English.\n", encoding="utf-8")
    git_commit(root, "More English about loneliness")
    latest = git(root, "log", "-1", "--format=%h", "--", "glossary/loneliness.md")
    assert latest != source_commit
    result = check(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        f"glossary/loneliness.cy.md:3: translation.source_commit: warning: out of date: glossary/loneliness.md changed on "
        f"2026-01-15 (commit {latest}) after the version this translates" in result.stdout
    ), result.stdout + result.stderr


def test_a_broken_translation_fails_the_check(translated: tuple[Path, str]) -> None:
    root, _ = translated
    (root / "glossary/loneliness.cy.md").write_text(
        "---\ntranslation:\n  source_commit: '0000000'\n  machine_assisted: true\ngroup: the-cost\n---\nTestun.\n",
        encoding="utf-8",
    )
    result = check(root)
    assert result.returncode == 1
    assert (
        "glossary/loneliness.cy.md:3: translation.source_commit: '0000000' is not a commit that changed"
        in result.stdout
    )
    assert "glossary/loneliness.cy.md:5: group: is not translated" in result.stdout
