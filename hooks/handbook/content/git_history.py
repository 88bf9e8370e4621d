"""When each source file last changed, read from git once per build.

One ``git log`` for the whole repository instead of one per page (the cost that makes
mkdocs-git-revision-date-plugin slow at scale). Outside a git checkout, or for files git
does not know, there is simply no date: never a made-up one.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from handbook.content.kinds import CONTENT_ROOTS

NO_DATE = "no-date"
_RECORD = "\x1e"
_FIELD = "\x1f"
CHANGES_KEPT = 500  # newest file changes kept for the "What's changed" page and feed


@dataclass(frozen=True)
class Revision:
    date: str  # ISO date, YYYY-MM-DD
    commit: str
    subject: str


@dataclass(frozen=True)
class Change:
    """One file changed by one commit (from the same git log as the revisions)."""

    path: str  # relative to the project root
    status: str  # A added, M modified, D deleted (git's letters)
    revision: Revision
    timestamp: str  # author date, ISO 8601 with offset


@dataclass
class GitHistory:
    root: Path
    revisions: dict[str, Revision]  # repository-relative path -> latest revision
    shallow: bool = False
    available: bool = True
    changes: list[Change] = field(default_factory=list)  # newest first, at most CHANGES_KEPT
    _resolved_folders: dict[str, Path] = field(default_factory=dict, repr=False)

    def latest(self, rel_path: str | None) -> Revision | None:
        return self.revisions.get(rel_path) if rel_path else None

    # The interface of mkdocs-git-revision-date-plugin's Util, so the plugin can use us.
    # A page without history gets NO_DATE (never "today", which the plugin would print
    # a warning for and then show); the adapter replaces it with no date at all.
    def get_revision_date_for_file(self, abs_path: str | None) -> str:
        revision = self.latest(self._relative(abs_path)) if abs_path else None
        return revision.date if revision else NO_DATE

    def _relative(self, abs_path: str) -> str | None:
        # Resolving symbolic links asks the file system about every folder on the path:
        # done once per folder (a handbook's chapters share one), not once per page.
        folder, name = os.path.split(abs_path)
        resolved_folder = self._resolved_folders.get(folder)
        if resolved_folder is None:
            resolved_folder = self._resolved_folders[folder] = Path(folder).resolve()
        path = resolved_folder / name
        if path.is_symlink():
            path = path.resolve()
        return _relative_to_root(path, self.root)


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def read_history(root: Path, paths: tuple[str, ...] = CONTENT_ROOTS) -> GitHistory:
    root = root.resolve()
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return GitHistory(root, {}, available=False)
    top_path = Path(top.strip()).resolve()
    log = _git(
        root,
        "log",
        "--no-renames",
        f"--format={_RECORD}%H{_FIELD}%ad{_FIELD}%aI{_FIELD}%s",
        "--date=short",
        "--name-status",
        "--",
        *paths,
    )
    revisions: dict[str, Revision] = {}
    changes: list[Change] = []
    for record in (log or "").split(_RECORD):
        if not record.strip():
            continue
        header, _, names = record.partition("\n")
        commit, date, timestamp, subject = (header.split(_FIELD, 3) + ["", "", ""])[:4]
        revision = Revision(date, commit, subject)
        for line in names.splitlines():
            status, _, name = line.partition("\t")
            if not name:
                continue
            rel = _relative_to_root(top_path / name, root)
            if rel is None:
                continue
            if rel not in revisions:
                revisions[rel] = revision  # newest first: keep the first seen
            if len(changes) < CHANGES_KEPT:
                changes.append(Change(rel, status[:1], revision, timestamp))
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    return GitHistory(root, revisions, shallow=shallow, changes=changes)


def _relative_to_root(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


# At most this many paths on one git command line (far below any system's limit); more
# paths take one more git log per batch.
PATHS_PER_LOG = 1000


@dataclass(frozen=True)
class FileCommit:
    commit: str  # full hash
    date: str  # author date, ISO YYYY-MM-DD


@dataclass
class FileCommits:
    """Every commit that changed each of a few files, newest first (the translations' sources).

    ``available`` is False outside a git checkout (nothing can be said about commits);
    ``shallow`` is True in a shallow clone, where old commits are missing."""

    commits: dict[str, list[FileCommit]] = field(default_factory=dict)  # repository-relative path -> commits
    available: bool = True
    shallow: bool = False
    seconds: float = 0.0  # the time git took
    logs: int = 0  # how many git logs were run

    def of(self, rel_path: str) -> list[FileCommit]:
        return self.commits.get(rel_path, [])


def read_file_commits(root: Path, paths: list[str] | tuple[str, ...]) -> FileCommits:
    """The commits that changed each of ``paths`` (relative to ``root``): one ``git log``
    for all of them (one per PATHS_PER_LOG paths), never one per file."""
    started = time.perf_counter()
    root = root.resolve()
    wanted = sorted(set(paths))
    if not wanted:
        return FileCommits()
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return FileCommits(available=False)
    top_path = Path(top.strip()).resolve()
    found = FileCommits()
    for start in range(0, len(wanted), PATHS_PER_LOG):
        batch = wanted[start : start + PATHS_PER_LOG]
        log = _git(
            root, "log", "--no-renames", f"--format={_RECORD}%H{_FIELD}%ad", "--date=short", "--name-only", "--", *batch
        )
        found.logs += 1
        for record in (log or "").split(_RECORD):
            header, _, names = record.partition("\n")
            commit, _, date = header.partition(_FIELD)
            if not commit.strip():
                continue
            for name in names.splitlines():
                rel = _relative_to_root(top_path / name, root) if name else None
                if rel is not None:
                    found.commits.setdefault(rel, []).append(FileCommit(commit.strip(), date.strip()))
    found.shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    found.seconds = time.perf_counter() - started
    return found
