"""Ids made from titles and file names, in any language, follow the id rule and read sensibly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.cli.main import main
from handbook.content.fields import SLUG, slugify
from tests.support import SAMPLE


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Guías de código abierto", "guias-de-codigo-abierto"),
        ("Cymraeg: Ŵyl", "cymraeg-wyl"),
        ("Straße", "strasse"),
        ("Côté cœur", "cote-coeur"),
        ("Ærøskøbing", "aeroskobing"),
        ("Mother's day", "mothers-day"),
        ("Mother\u2019s day", "mothers-day"),
        ("Health &amp; care", "health-care"),
        ("  Co-production -- the basics ", "co-production-the-basics"),
        ("Kitchen-table conversation", "kitchen-table-conversation"),
    ],
)
def test_titles_in_any_language_give_readable_ids(title, expected):
    assert slugify(title) == expected
    assert SLUG.fullmatch(expected)


@pytest.mark.parametrize("title", ["!!!", "\U0001f642", "---", ""])
def test_a_title_with_nothing_to_spell_gives_an_empty_id(title):
    assert slugify(title) == ""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root)
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    return root


def test_new_makes_a_transliterated_id_from_the_title(project, capsys):
    assert main(["--root", str(project), "new", "story", "Guías de código abierto"]) == 0
    created = project / "docs/stories/guias-de-codigo-abierto.md"
    assert created.is_file(), capsys.readouterr()
    assert "Guías de código abierto" in created.read_text(encoding="utf-8")
    assert main(["--root", str(project), "new", "chapter", "starter", "Cymraeg: Ŵyl"]) == 0
    assert (project / "handbooks/starter/cymraeg-wyl.md").is_file()


def test_new_asks_for_an_id_when_the_title_has_nothing_to_spell_it_with(project, capsys):
    before = sorted(project.rglob("*"))
    assert main(["--root", str(project), "new", "story", "\U0001f642\U0001f642"]) == 2
    assert "has no letters or digits to make an id from (give one with --id)" in capsys.readouterr().err
    assert sorted(project.rglob("*")) == before


def test_a_file_name_with_accents_is_reported_with_a_transliterated_suggestion(project):
    shutil.copy(
        project / "docs/stories" / next(p.name for p in (project / "docs/stories").iterdir()),
        project / "docs/stories/Café-Lumière.md",
    )
    found = [str(p) for p in load_corpus(project).problems if "Café-Lumière" in str(p)]
    assert any("'Café-Lumière' is not a valid id" in p and "did you mean 'cafe-lumiere.md'?" in p for p in found), found
