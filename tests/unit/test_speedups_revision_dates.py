"""The build's one git log gives the git-revision-date plugin the dates its own git log per page gives."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mkdocs_git_revision_date_plugin.util import Util

from handbook.content.git_history import NO_DATE, read_history


def _git(root: Path, date: str, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=root,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "GIT_AUTHOR_NAME": "A",
            "GIT_AUTHOR_EMAIL": "a@example.org",
            "GIT_COMMITTER_NAME": "A",
            "GIT_COMMITTER_EMAIL": "a@example.org",
        },
    )


def test_same_dates_as_the_plugins_own_util(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "glossary").mkdir(parents=True)
    _git(root, "2026-01-01T12:00:00+00:00", "init", "-q")
    first, second = root / "glossary" / "a.md", root / "glossary" / "b.md"
    first.write_text("# A\n", encoding="utf-8")
    second.write_text("# B\n", encoding="utf-8")
    _git(root, "2026-01-01T12:00:00+00:00", "add", ".")
    _git(root, "2026-01-01T12:00:00+00:00", "commit", "-q", "-m", "two terms")
    second.write_text("# B, changed\n", encoding="utf-8")
    _git(root, "2026-02-03T12:00:00+00:00", "commit", "-q", "-am", "one changed")
    monkeypatch.chdir(root)  # the plugin's git runs where the build runs
    stock, ours = Util(), read_history(root)
    for path in (first, second):
        assert ours.get_revision_date_for_file(str(path)) == stock.get_revision_date_for_file(str(path))
    assert ours.get_revision_date_for_file(str(second)) == "2026-02-03"
    # No history: the plugin's util answers "" (then prints a warning and shows today);
    # ours answers NO_DATE, and the hooks show no date either way (on_page_markdown).
    untracked = root / "glossary" / "c.md"
    untracked.write_text("# C\n", encoding="utf-8")
    assert stock.get_revision_date_for_file(str(untracked)) == ""
    assert ours.get_revision_date_for_file(str(untracked)) == NO_DATE
