"""Fixtures every test folder shares: copy a content tree beside the engine, commit it, build
it, preview it with `mkdocs serve`.

Each builder is a session-scoped fixture that returns a function, so that tests and fixtures
of any scope can ask for it by name. Constants and types stay in tests/support.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.preview_server import Preview, free_port, wait_for
from tests.support import ENGINE, GIT_ENV, REPO, SAMPLE, BuildResult


def _git_commit(root: Path, message: str) -> None:
    env = {**os.environ, **GIT_ENV}
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def _make_project(dest: Path, content: Path = SAMPLE, git: bool = True) -> Path:
    # A build's caches and output in the fixture folder (a test that built there) are not content.
    shutil.copytree(content, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".cache", "site"))
    for name in ENGINE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    if git:
        _git_commit(dest, "Initial content")
    return dest


def _build(root: Path, *args: str, env: dict[str, str] | None = None) -> BuildResult:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", *args]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)
    return BuildResult(root, result.returncode, result.stdout + result.stderr)


@contextlib.contextmanager
def _preview(root: Path, log_path: Path) -> Iterator[Preview]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            # MkDocs serves under site_url's path; it says where in its log.
            def serving() -> list[str]:
                return [
                    line.split("Serving on ", 1)[1].strip()
                    for line in log_path.read_text().splitlines()
                    if "Serving on " in line
                ]

            assert wait_for(serving), log_path.read_text()
            yield Preview(serving()[0].rstrip("/"), f"http://127.0.0.1:{port}", log_path)
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="session")
def git_commit() -> Callable[[Path, str], None]:
    """``git_commit(root, message)``: commit everything in ``root`` (a repository is made if
    there is none), with a fixed author and date."""
    return _git_commit


@pytest.fixture(scope="session")
def make_project() -> Callable[..., Path]:
    """``make_project(dest, content=SAMPLE, git=True)``: a buildable project in ``dest``, the
    engine from this repository plus ``content``, committed to git unless ``git=False``."""
    return _make_project


@pytest.fixture(scope="session")
def build() -> Callable[..., BuildResult]:
    """``build(root, *args, env=None)``: ``mkdocs build`` in a subprocess, as a contributor
    would run it (``env``: variables to add)."""
    return _build


@pytest.fixture(scope="session")
def preview() -> Callable[[Path, Path], contextlib.AbstractContextManager[Preview]]:
    """``with preview(root, log_path) as site:``: `mkdocs serve` on ``root`` until the block
    ends (its output in ``log_path``); ``site`` fetches pages and waits for rebuilds."""
    return _preview
