"""Front matter the theme would trust: page fields that name theme files, control characters, the vocabularies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import load_corpus
from tests.support import SAMPLE


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root)
    return root


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_corpus(root).problems]


def write_page(root: Path, front_matter: str) -> None:
    (root / "docs/about/page.md").write_text(f"---\n{front_matter}---\n\n# A page\n", encoding="utf-8")


@pytest.mark.parametrize(
    "field, value", [("template", "sitemap.xml"), ("template", "main.html"), ("icon", "../../main")]
)
def test_a_page_cannot_choose_a_theme_file(project, field, value):
    write_page(project, f"title: A page\n{field}: {value}\n")
    assert problems(project) == [
        f"docs/about/page.md:3: {field}: cannot be set in content: it names a theme file for the page "
        "(expected no such field; the site's templates decide how pages look)"
    ]


def test_the_page_fields_material_reads_are_checked(project):
    write_page(project, "title: A page\nhide: [toc, sidebar]\nsearch: {exclude: maybe}\ntags: [one, two]\n")
    found = problems(project)
    assert len(found) == 2, found
    assert found[0].startswith("docs/about/page.md:3: hide[1]: 'sidebar' is not in the page parts vocabulary")
    assert found[1].startswith("docs/about/page.md:4: search.exclude: 'maybe' is not true or false")


def test_the_page_fields_material_reads_are_accepted(project):
    write_page(
        project,
        "title: A page\ndescription: Short.\nhide: [toc, footer]\nsearch: {exclude: true}\nstatus: draft\ntags: [one]\n",
    )
    assert problems(project) == []


@pytest.mark.parametrize("escape, code", [("\\0", "0000"), ("\\e", "001B"), ("\\x85", "0085"), ("\\b", "0008")])
def test_control_characters_in_text_are_problems(project, escape, code):
    write_page(project, f'title: "A {escape} page"\ntags: ["ok", "b{escape}d"]\n')
    expected = "(expected plain text: letters, digits, punctuation, spaces and line breaks)"
    assert problems(project) == [
        f"docs/about/page.md:2: title: contains the control character U+{code} {expected}",
        f"docs/about/page.md:3: tags[1]: contains the control character U+{code} {expected}",
    ]


def test_tabs_and_line_breaks_are_text(project):
    write_page(project, 'title: "A\\tpage"\nsummary: "Two\\nlines"\n')
    assert problems(project) == []


def test_the_vocabularies_refuse_aliases_like_front_matter(project):
    path = project / "docs/vocabularies.yml"
    path.write_text("anchor: &a [x, x, x]\nbomb: [*a, *a, *a]\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    found = [p for p in problems(project) if p.startswith("docs/vocabularies.yml:")]
    assert found[:2] == [
        "docs/vocabularies.yml:1: anchor: sets the YAML anchor '&a' (expected plain YAML values: write each value out in full)",
        "docs/vocabularies.yml:2: bomb[0]: uses the YAML alias '*a' (expected plain YAML values: write each value out in full)",
    ], found
