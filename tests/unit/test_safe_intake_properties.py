"""Whatever text a file holds, reading and loading it ends, quickly, with problems and never a traceback."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook import load_corpus
from handbook.content.source import read_source
from tests.support import SAMPLE

# YAML's and Markdown's special characters, so that generated text hits the parsers' corners.
YAML_PIECES = st.sampled_from(
    [
        "&a ",
        "*a",
        "!!binary ",
        "!x ",
        "<<: ",
        "[",
        "]",
        "{",
        "}",
        ": ",
        "- ",
        "? ",
        "\n",
        "\n  ",
        "\n    - ",
        "'",
        '"',
        "#",
        "|",
        ">",
        "%TAG ! x\n",
        "---\n",
        "...\n",
        "a",
        "key",
        "1",
        "~",
        "x: &a [*a]\n",
        "[" * 400,
        "]" * 400,
        "- " * 400,
    ]
)
MARKDOWN_PIECES = st.sampled_from(
    [
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "<div markdown>",
        "</div>",
        "*",
        "_",
        "`",
        "```",
        "\n",
        "\n\n",
        "    ",
        "- ",
        "1. ",
        "> ",
        "!!! note\n",
        "??? x\n",
        "|",
        "---",
        "#",
        "[[term:",
        "](term:",
        "[@",
        "../",
        "\\",
        "word ",
        "{: .x}",
        "[^1]",
        "> " * 300,
        "- " * 300,
        "[" * 300,
        "*" * 300,
    ]
)
FRONT_MATTER = st.one_of(st.text(max_size=300), st.lists(YAML_PIECES, max_size=80).map("".join))
BODY = st.one_of(st.text(max_size=400), st.lists(MARKDOWN_PIECES, max_size=120).map("".join))
# Each example must finish in well under this; together they stay within a few seconds.
SECONDS_PER_EXAMPLE = 1.0


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front_matter=FRONT_MATTER, body=BODY)
def test_read_source_never_raises(folder, front_matter, body):
    path = folder / "any.md"
    path.write_text(f"---\n{front_matter}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
    started = time.perf_counter()
    problems: list = []
    read_source(path, "any.md", problems)
    assert time.perf_counter() - started < SECONDS_PER_EXAMPLE
    assert all(problem.path == "any.md" and problem.line >= 1 for problem in problems)


@pytest.fixture(scope="module")
def project():
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        shutil.copytree(SAMPLE, root, dirs_exist_ok=True)
        yield root


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    front_matter=FRONT_MATTER,
    body=BODY,
    kind=st.sampled_from(["glossary/any.md", "docs/about/any.md", "handbooks/starter/going-further.md"]),
)
def test_load_corpus_never_raises(project, front_matter, body, kind):
    path = project / kind
    original = path.read_bytes() if path.exists() else None
    try:
        path.write_text(f"---\n{front_matter}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
        started = time.perf_counter()
        result = load_corpus(project)
        assert time.perf_counter() - started < SECONDS_PER_EXAMPLE
        assert all(str(problem).startswith(f"{problem.path}:{problem.line}: ") for problem in result.problems)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
