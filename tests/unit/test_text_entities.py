"""HTML character references in front matter text are read once, when the file is loaded.

Every output escapes text when it writes it, so "Health &amp; care" kept as written would
be shown with its "&amp;". (tests/e2e/test_ids_and_titles.py checks the built pages.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.content.fields import decoded_references
from tests.support import SAMPLE


@pytest.mark.parametrize(
    "written, read",
    [
        ("Health &amp; care", "Health & care"),
        ("It&#39;s ours", "It's ours"),
        ("&#x2019;Ours&#x2019;", "\u2019Ours\u2019"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
        ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),  # once: a written "&amp;lt;" is the text "&lt;"
        ("AT&T and R&D", "AT&T and R&D"),
        ("https://example.org/?a=1&copy=2&not=3", "https://example.org/?a=1&copy=2&not=3"),  # no semicolon: as written
        ("&notit; &bogus; &#1;", "&notit; &bogus; &#1;"),  # no such reference, or one that stands for nothing
    ],
)
def test_references_are_decoded_once_and_only_when_complete(written, read):
    assert decoded_references(written) == read


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root)
    return root


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_titles_summaries_and_lists_are_loaded_decoded(project):
    replace(project / "handbooks/starter/index.md", "title: A starter handbook", 'title: "Health &amp; care"')
    replace(project / "handbooks/starter/index.md", "summary: A small handbook", "summary: It&#39;s a small handbook")
    replace(project / "glossary/co-production.md", "aliases: [coproduction,", 'aliases: ["Co&#8209;design &amp; more",')
    loaded = load_corpus(project)
    assert not loaded.problems, loaded.problems
    corpus = loaded.corpus
    handbook = corpus.get("handbook", "starter")
    assert (handbook.title, handbook.summary) == ("Health & care", "It's a small handbook used by the tests.")
    assert "Co\u2011design & more" in corpus.get("term", "co-production").aliases


def test_a_reference_to_a_control_character_never_makes_one(project):
    replace(project / "handbooks/starter/index.md", "title: A starter handbook", 'title: "Tab&#9;bed&#x7F;"')
    loaded = load_corpus(project)
    assert not loaded.problems, loaded.problems
    assert (
        loaded.corpus.get("handbook", "starter").title == "Tab\tbed&#x7F;"
    )  # HTML reads no character there; a tab is text


def test_a_title_taken_from_the_first_heading_is_decoded_once_too(project):
    chapter = project / "handbooks/starter/first-steps.md"
    replace(chapter, "title: First steps\n", "")
    replace(chapter, "## Why it matters\n", "# Health &amp; care &amp;amp; more\n\n## Why it matters\n")
    loaded = load_corpus(project)
    assert not loaded.problems, loaded.problems
    assert loaded.corpus.get("chapter", "starter/first-steps").title == "Health & care &amp; more"
