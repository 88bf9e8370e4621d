"""Builds shared by the end-to-end tests that only read their output."""

from __future__ import annotations

import pytest

from support import BuildResult, build, make_project


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> BuildResult:
    """The unchanged sample project, built once (strict) for every module that only reads it."""
    root = make_project(tmp_path_factory.mktemp("sample"))
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result
