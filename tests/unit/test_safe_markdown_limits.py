"""Bodies that would crash or stall Python-Markdown are refused before conversion, at their line."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import markdown
import pytest

from handbook import load_corpus
from handbook.safety.markdown_limits import MAX_BODY_BYTES, MAX_EMPHASIS_MARKS, MAX_NESTING, MAX_OPENERS
from tests.support import SAMPLE
from tests.term_linking_support import EXTENSIONS  # the site's extensions, as in mkdocs.yml


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    return tmp_path


def page(root: Path, body: str) -> list[str]:
    """The problems of a page with this body (its first body line is line 4)."""
    (root / "docs/about/hostile.md").write_text("---\ntitle: Hostile\n---\n" + body, encoding="utf-8")
    return [str(p) for p in load_corpus(root).problems]


def nested(levels: int, kind: str) -> str:
    if kind == "list":
        return "".join("    " * level + "- item\n" for level in range(levels))
    if kind == "quote":
        return "> " * levels + "deep\n"
    if kind == "admonition":
        return "".join("    " * level + "!!! note\n" for level in range(levels)) + "    " * levels + "deep\n"
    if kind == "one-line list":
        return "- " * levels + "deep\n"
    return '<div markdown="1">\n' * levels + "deep\n" + "</div>\n" * levels  # md_in_html


KINDS = ["list", "quote", "admonition", "one-line list", "div"]


@pytest.mark.parametrize("kind", KINDS)
def test_deep_nesting_is_refused_at_the_line_that_passes_the_limit(project, kind):
    found = page(project, "Intro.\n\n" + nested(100, kind))
    # a list item or div at level n opens level n + 1; an admonition's level is its indentation
    line = {"list": 6 + MAX_NESTING, "div": 6 + MAX_NESTING, "admonition": 7 + MAX_NESTING}.get(kind, 6)
    [nesting] = [problem for problem in found if "nests" in problem]
    assert nesting.startswith(f"docs/about/hostile.md:{line}: body: nests lists, quotes or blocks ")
    assert nesting.endswith(f"levels deep (expected at most {MAX_NESTING} levels)")


@pytest.mark.parametrize("kind", KINDS)
def test_nesting_at_the_limit_is_accepted_and_converts_quickly(project, kind):
    body = nested(MAX_NESTING, kind)
    assert page(project, body) == []
    started = time.perf_counter()
    markdown.Markdown(extensions=EXTENSIONS).convert(body)
    assert time.perf_counter() - started < 0.5


def test_deep_indentation_inside_a_code_fence_is_not_nesting(project):
    code = "".join(" " * (4 * level) + f"level{level}\n" for level in range(40))
    assert page(project, "```text\n" + code + "```\n") == []


def test_a_body_over_its_size_limit(project):
    [found] = page(project, "word " * (MAX_BODY_BYTES // 5 + 1))
    assert found.startswith("docs/about/hostile.md:4: body: is 262,1")
    assert found.endswith(f"bytes long (expected at most {MAX_BODY_BYTES:,} bytes; split it into several pages)")


@pytest.mark.parametrize("opener", ["[", "[a](b ", "<a ", "[^a "])
def test_a_paragraph_of_unclosed_brackets_is_refused(project, opener):
    found = page(project, "Fine.\n\nStill fine.\n" + opener * 3000 + "\n\nAfter.\n")
    assert found == [
        f"docs/about/hostile.md:6: body: has 3000 '[' and '<' in one paragraph "
        f"(expected at most {MAX_OPENERS}; close each link and tag, or split the paragraph)"
    ]


def test_many_links_in_a_list_or_a_table_are_counted_per_item_and_row(project):
    items = "".join(
        f"- [Link {n}](https://example.org/{n}) and [another](https://example.org/x{n})\n" for n in range(200)
    )
    table = "| a | b |\n|---|---|\n" + "".join(
        f"| [x](https://example.org/{n}) | <https://example.org> |\n" for n in range(200)
    )
    assert page(project, items + "\n" + table) == []


def test_list_markers_inside_a_paragraph_do_not_split_it(project):
    # Python-Markdown lets no list interrupt a paragraph: these lines are one paragraph.
    found = page(project, "Text\n" + "- [[[[[[[[[[\n" * 10)
    assert found == [
        f"docs/about/hostile.md:4: body: has 100 '[' and '<' in one paragraph "
        f"(expected at most {MAX_OPENERS}; close each link and tag, or split the paragraph)"
    ]


def test_runaway_emphasis_is_refused(project):
    found = page(project, "*" * 3000 + "x" + "*" * 3000 + "\n")
    assert found == [
        f"docs/about/hostile.md:4: body: has 6000 '*' and '_' in one paragraph "
        f"(expected at most {MAX_EMPHASIS_MARKS}; split the paragraph)"
    ]


def test_a_refused_body_is_not_kept(project):
    page(project, "- " * 1000 + "deep\n")
    assert load_corpus(project).corpus.get("page", "about/hostile").body == ""
