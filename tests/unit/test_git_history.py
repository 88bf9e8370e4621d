"""The last-changed date of a page's source file, from the build's one git log."""

import subprocess
from pathlib import Path

import pytest

from handbook.content.git_history import NO_DATE, read_history


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=root,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_DATE": "2026-03-04T12:00:00+00:00",
            "GIT_COMMITTER_DATE": "2026-03-04T12:00:00+00:00",
            "GIT_AUTHOR_NAME": "A",
            "GIT_AUTHOR_EMAIL": "a@example.org",
            "GIT_COMMITTER_NAME": "A",
            "GIT_COMMITTER_EMAIL": "a@example.org",
            "HOME": str(root),
        },
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "glossary").mkdir(parents=True)
    (root / "glossary" / "co-production.md").write_text("# Co-production\n", encoding="utf-8")
    (root / "glossary" / "untracked.md").write_text("# Not committed\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "glossary/co-production.md")
    _git(root, "commit", "-q", "-m", "A term")
    return root


def test_a_committed_file_has_its_commit_date(project: Path) -> None:
    history = read_history(project)
    assert history.get_revision_date_for_file(str(project / "glossary" / "co-production.md")) == "2026-03-04"


def test_the_date_is_found_through_a_symbolic_link_to_the_folder_or_the_file(project: Path, tmp_path: Path) -> None:
    history = read_history(project)
    (tmp_path / "linked-folder").symlink_to(project / "glossary")
    (tmp_path / "linked-file.md").symlink_to(project / "glossary" / "co-production.md")
    assert history.get_revision_date_for_file(str(tmp_path / "linked-folder" / "co-production.md")) == "2026-03-04"
    assert history.get_revision_date_for_file(str(tmp_path / "linked-file.md")) == "2026-03-04"


def test_untracked_outside_and_missing_files_have_no_date(project: Path, tmp_path: Path) -> None:
    history = read_history(project)
    outside = tmp_path / "elsewhere.md"
    outside.write_text("x", encoding="utf-8")
    assert history.get_revision_date_for_file(str(project / "glossary" / "untracked.md")) == NO_DATE
    assert history.get_revision_date_for_file(str(outside)) == NO_DATE
    assert history.get_revision_date_for_file(None) == NO_DATE
