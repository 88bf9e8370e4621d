"""Builds shared by the end-to-end tests that only read their output."""

from __future__ import annotations

import pytest

from tests.e2e.downloads_project import add_downloads
from tests.support import BuildResult


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory, make_project, build) -> BuildResult:
    """The unchanged sample project, built once (strict) for every module that only reads it."""
    root = make_project(tmp_path_factory.mktemp("sample"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def downloads_site(tmp_path_factory, make_project, git_commit, build) -> BuildResult:
    """The sample with its downloads (see downloads_project.py), built once (strict)."""
    root = add_downloads(make_project(tmp_path_factory.mktemp("downloads"), git=False))
    git_commit(root, "Sample with downloads")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result
