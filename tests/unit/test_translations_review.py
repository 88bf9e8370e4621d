"""`handbook review` flags an English change that leaves its translation behind."""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook.cli.review import review_refs
from tests.support import SAMPLE
from tests.unit.test_translations import commit, translation, write


def project_with_a_translation(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".cache", "site"))
    commit(root, "English")
    write(root, "glossary/loneliness.cy.md", translation(fields="title: Unigrwydd\n"))
    write(root, "glossary/co-production.cy.md", translation(fields="title: Cyd-gynhyrchu\n"))
    commit(root, "Welsh")
    return root


def change(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_english_change_without_its_translation_is_flagged(tmp_path: Path) -> None:
    root = project_with_a_translation(tmp_path)
    change(root, "glossary/loneliness.md", "\nMore English.\n")
    change(root, "glossary/co-production.md", "\nMore English.\n")
    change(root, "glossary/co-production.cy.md", "\nMwy o Gymraeg.\n")  # brought up to date in the same change
    commit(root, "Change the English")
    report = review_refs(root, "HEAD~1", "HEAD")
    assert "### Translations that will be out of date" in report
    assert "the Welsh translation `glossary/loneliness.cy.md` will show as out of date" in report
    assert "glossary/co-production.cy.md" not in report


def test_the_working_tree_is_flagged_too_and_nothing_when_no_english_changes(tmp_path: Path) -> None:
    root = project_with_a_translation(tmp_path)
    assert "Translations that will be out of date" not in review_refs(root, "HEAD~1", "HEAD")
    change(root, "glossary/loneliness.md", "\nMore English.\n")
    assert "`glossary/loneliness.cy.md` will show as out of date" in review_refs(root, "HEAD")
