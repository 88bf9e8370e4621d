"""Helpers shared by the tests: copy a content tree beside the engine and build it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SAMPLE = FIXTURES / "sample"
# The engine: configuration, code, templates and the site's own CSS and JavaScript.
ENGINE = ("mkdocs.yml", "hooks", "overrides", "docs/assets")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2026-01-15T12:00:00", "GIT_COMMITTER_DATE": "2026-01-15T12:00:00",
}


@dataclass
class BuildResult:
    root: Path
    returncode: int
    log: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, url_path: str) -> str:
        """The HTML of a page by its URL, e.g. 'glossary/co-production/'."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def make_project(dest: Path, content: Path = SAMPLE, git: bool = True) -> Path:
    """A buildable project in ``dest``: the engine from this repository plus ``content``."""
    shutil.copytree(content, dest, dirs_exist_ok=True)
    for name in ENGINE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    if git:
        git_commit(dest, "Initial content")
    return dest


def git_commit(root: Path, message: str) -> None:
    env = {**os.environ, **GIT_ENV}
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def build(root: Path, *args: str, env: dict[str, str] | None = None) -> BuildResult:
    """Run ``mkdocs build`` in a subprocess, as a contributor would (``env``: variables to add)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=root, capture_output=True, text=True, env=env)
    return BuildResult(root, result.returncode, result.stdout + result.stderr)


def site_files(site: Path, suffixes: tuple[str, ...] = (".html",)) -> dict[str, bytes]:
    """Every built file with one of ``suffixes``, by its path in the site, with its bytes."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and path.suffix in suffixes}
