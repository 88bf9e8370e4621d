"""Every id-like value, in front matter, in a body or on the command line, follows the id rule before it is used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.cli.main import main
from tests.support import SAMPLE

SLUG = "expected lower-case words joined by hyphens"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root)
    (root / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_corpus(root).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- references in bodies --------------------------------------------------------------
def test_body_references_with_path_tricks_are_reported_at_their_lines(project):
    path = project / "handbooks/starter/first-steps.md"
    edit(
        path,
        "## Why it matters\n",
        "## Why it matters\n\nSee [x](term:../../../tmp/evil), [[story:../../etc/passwd]],\n"
        "[@../x; @holt-lunstad-2010] and [[chapter:starter/../../x]].\n",
    )
    assert problems(project) == [
        f"handbooks/starter/first-steps.md:11: link: '../../../tmp/evil' is not a valid term id ({SLUG})",
        f"handbooks/starter/first-steps.md:11: link: '../../etc/passwd' is not a valid story id ({SLUG})",
        f"handbooks/starter/first-steps.md:12: citation: '../x' is not a valid evidence id ({SLUG})",
        "handbooks/starter/first-steps.md:12: link: 'starter/../../x' is not a valid chapter id "
        "(expected '<handbook>/<chapter>', each lower-case words joined by hyphens)",
    ]


@pytest.mark.parametrize(
    "reference",
    [
        "[x](term:Co_Production)",
        "[[term:co production]]",
        "[[term:/etc/passwd]]",
        "[x](evidence:%2e%2e)",
        "[[chapter:starter]]",
        "[@Holt.2010]",
    ],
)
def test_other_ids_that_break_the_rule_are_reported(project, reference):
    edit(project / "docs/about/index.md", "\n", f"\n{reference}\n")
    found = problems(project)
    assert len(found) == 1 and "is not a valid" in found[0], found


def test_references_in_code_are_left_alone(project):
    edit(project / "docs/about/index.md", "\n", "\n`[[term:../x]]` and\n\n```\n[x](term:../../y) [@../z]\n```\n")
    assert problems(project) == []


# -- references in front matter --------------------------------------------------------
def test_front_matter_references_with_path_tricks(project):
    edit(
        project / "docs/stories/heatmap-in-action.md", "organisation: enrol-yourself", "organisation: ../../etc/passwd"
    )
    edit(
        project / "docs/stories/heatmap-in-action.md",
        "tools_used: [relationships-heatmap]",
        "tools_used: [relationships-heatmap, ../x]",
    )
    assert problems(project) == [
        "docs/stories/heatmap-in-action.md:7: organisation: '../../etc/passwd' is not a valid id (expected the id of a organisation: lower-case words joined by hyphens)",
        "docs/stories/heatmap-in-action.md:9: tools_used[1]: '../x' is not a valid id (expected the id of a resource: lower-case words joined by hyphens)",
    ]


def test_a_chapter_listed_with_a_path_trick(project):
    edit(project / "handbooks/starter/index.md", "going-further]", "going-further, ../../glossary/loneliness]")
    found = problems(project)
    assert len(found) == 1 and "chapters[2]: '../../glossary/loneliness' is not a valid id" in found[0], found


# -- term names --------------------------------------------------------------------------
@pytest.mark.parametrize("alias", ["A", "the", "And", "of", "is", "it", "We", "x", "-"])
def test_one_letter_and_everyday_words_cannot_be_term_names(project, alias):
    edit(
        project / "glossary/co-production.md",
        "aliases: [coproduction, co-produced]",
        f"aliases: [coproduction, '{alias}']",
    )
    assert problems(project) == [
        f"glossary/co-production.md:3: aliases[1]: '{alias}' is too short or too common to be a term's name "
        "(expected a name of at least two letters that is not an everyday word, as the site links it on every page)"
    ]


def test_a_short_title_is_refused_too(project):
    edit(project / "glossary/co-production.md", "term: Co-production", "term: I")
    assert problems(project) == [
        "glossary/co-production.md:2: term: 'I' is too short or too common to be a term's name "
        "(expected a name of at least two letters that is not an everyday word, as the site links it on every page)"
    ]


def test_short_names_that_are_real_terms_pass(project):
    edit(
        project / "glossary/co-production.md",
        "aliases: [coproduction, co-produced]",
        "aliases: [coproduction, AI, 5G, NHS]",
    )
    assert problems(project) == []


def test_the_real_glossary_passes():
    repo = Path(__file__).resolve().parents[2]
    assert not [p for p in load_corpus(repo).problems if "too common" in p.message]


# -- handbook new ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args, message",
    [
        (("perspective", "../../x", "--by", "Someone"), "'../../x' is not a valid id"),
        (("perspective", "../mkdocs", "--by", "Someone"), "'../mkdocs' is not a valid id"),
        (("chapter", "starter/../..", "Evil"), "'starter/../..' is not a valid id"),
        (("chapter", "starter", "Evil", "--id", "../../evil"), "'../../evil' is not a valid id"),
        (("term", "Evil", "--id", "../../../tmp/evil"), "'../../../tmp/evil' is not a valid id"),
        (("handbook", "Evil", "--id", "a/b", "--editor", "@someone"), "'a/b' is not a valid id"),
        (("story", "!!!"), "the title '!!!' has no letters or digits to make an id from (give one with --id)"),
        (("chapter", "starter", "???"), "the title '???' has no letters or digits to make an id from"),
    ],
)
def test_new_refuses_ids_that_break_the_rule_and_writes_nothing(project, capsys, args, message):
    before = {path: path.read_bytes() for path in project.parent.rglob("*") if path.is_file()}
    code = main(["--root", str(project), "new", *args])
    err = capsys.readouterr().err
    assert code == 2 and message in err, err
    assert {path: path.read_bytes() for path in project.parent.rglob("*") if path.is_file()} == before


def test_new_never_writes_through_a_link_out_of_the_repository(project, capsys, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(project / "docs/stories")
    (project / "docs/stories").symlink_to(outside)
    code = main(["--root", str(project), "new", "story", "A story"])
    assert code == 1 and "docs/stories/a-story.md is outside the repository: not writing it" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
