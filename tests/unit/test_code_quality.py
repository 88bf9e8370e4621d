"""The code checks a maintainer runs, run by the suite so that CI runs them too.

Ruff (lint and format) and mypy read their settings from pyproject.toml; each test fails
with the tool's own report. They run the tools installed with the `test` extra, as
subprocesses of this interpreter, so a missing tool fails the test instead of skipping it.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize

from tests.support import REPO

# What each tool looks at: the engine, the benchmark, the MkDocs hook module and the tests.
# (mypy's own list is `files` in pyproject.toml: the code under hooks/.)
PYTHON = ["hooks", "tests"]


# A suppression (noqa, type: ignore) names its codes, after a colon or in brackets, then says
# why after " - ", " # " or " (". Ruff's PGH rules ask for the codes; this asks for the why.
_SUPPRESSION = re.compile(r"#\s*(?:noqa|type:\s*ignore)\b")
_EXPLAINED = re.compile(
    r"#\s*(?:noqa:\s*[A-Z]+\d+(?:,\s*[A-Z]+\d+)*|type:\s*ignore\[[a-z-]+(?:,\s*[a-z-]+)*\])"
    r"\s*(?:-|#|\()\s*\w.*$"
)


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    result = run("ruff", "check", "--no-fix", "--output-format", "concise", *PYTHON)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted_as_ruff_formats_it():
    result = run("ruff", "format", "--check", *PYTHON)
    assert result.returncode == 0, f"run `ruff format {' '.join(PYTHON)}`:\n{result.stdout}{result.stderr}"


def test_mypy_finds_nothing():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_noqa_and_type_ignore_names_its_code_and_says_why():
    unexplained = []
    for folder in PYTHON:
        for path in sorted((REPO / folder).rglob("*.py")):
            source = io.StringIO(path.read_text(encoding="utf-8"))
            for token in tokenize.generate_tokens(source.readline):
                if (
                    token.type == tokenize.COMMENT
                    and _SUPPRESSION.search(token.string)
                    and not _EXPLAINED.search(token.string)
                ):
                    unexplained.append(f"{path.relative_to(REPO)}:{token.start[0]}: {token.string}")
    assert not unexplained, "\n".join(unexplained)
