"""`handbook check` names the file, line and field of each kind of problem, and fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from handbook.cli.main import main


@pytest.fixture
def project(tmp_path: Path, make_project) -> Path:
    return make_project(tmp_path / "project", git=False)


def check(root: Path, capsys) -> tuple[int, list[str]]:
    code = main(["--root", str(root), "check"])
    out = capsys.readouterr().out
    return code, out.splitlines()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only_problem(root: Path, capsys) -> str:
    code, lines = check(root, capsys)
    assert code == 1
    assert len(lines) == 1, lines
    return lines[0]


def test_a_valid_project_passes(project, capsys):
    assert check(project, capsys) == (0, [])


def test_console_script_runs_check(project):
    result = subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems" in result.stderr


def test_broken_yaml(project, capsys):
    edit(project / "glossary/co-production.md", "group: the-work", "group: [the-work")
    assert only_problem(project, capsys).startswith("glossary/co-production.md:4: front matter: is not valid YAML")


def test_empty_file(project, capsys):
    (project / "docs/resources/blank.md").write_text("", encoding="utf-8")
    assert (
        only_problem(project, capsys)
        == "docs/resources/blank.md:1: file: is empty (expected YAML front matter between '---' lines, then Markdown)"
    )


def test_non_utf8_file(project, capsys):
    (project / "glossary/cafe.md").write_bytes(b"---\nterm: Caf\xe9\n---\n")
    assert only_problem(project, capsys).startswith("glossary/cafe.md:2: file: is not valid UTF-8")


def test_duplicate_yaml_key(project, capsys):
    edit(project / "docs/evidence/russell-1996.md", "year: 1996\n", "year: 1996\nyear: 1997\n")
    assert (
        only_problem(project, capsys)
        == "docs/evidence/russell-1996.md:5: year: is given twice (expected each field once)"
    )


def test_duplicate_chapter_id(project, capsys):
    edit(
        project / "handbooks/starter/index.md",
        "chapters: [first-steps, going-further]",
        "chapters:\n  - first-steps\n  - going-further\n  - first-steps",
    )
    assert (
        only_problem(project, capsys)
        == "handbooks/starter/index.md:10: chapters[2]: 'first-steps' is listed twice (expected each chapter once)"
    )


def test_duplicate_term_name(project, capsys):
    edit(project / "glossary/loneliness.md", "term: Loneliness", "term: Loneliness\naliases: [coproduction]")
    problem = only_problem(project, capsys)
    assert problem.startswith(
        "glossary/loneliness.md:1: aliases: 'coproduction' is already a name of the term 'co-production'"
    )


def test_unknown_field_with_did_you_mean(project, capsys):
    edit(project / "docs/stories/heatmap-in-action.md", "tools_used:", "tool_used:")
    problem = only_problem(project, capsys)
    assert problem.startswith("docs/stories/heatmap-in-action.md:9: tool_used: is not a known field")
    assert problem.endswith("did you mean 'tools_used'?)")


def test_missing_required_field(project, capsys):
    edit(project / "docs/resources/relationships-heatmap.md", "kind: tool\n", "")
    assert only_problem(project, capsys) == "docs/resources/relationships-heatmap.md:1: kind: is required but missing"


def test_wrong_type(project, capsys):
    edit(project / "docs/evidence/russell-1996.md", "year: 1996", "year: [1996]")
    assert (
        only_problem(project, capsys)
        == "docs/evidence/russell-1996.md:4: year: '[1996]' is not a whole number (expected a whole number)"
    )


def test_bad_vocabulary_value(project, capsys):
    edit(project / "glossary/co-production.md", "stance: critiques", "stance: critque")
    problem = only_problem(project, capsys)
    assert problem.startswith(
        "glossary/co-production.md:13: perspectives[1].stance: 'critque' is not in the perspective_stances vocabulary"
    )
    assert problem.endswith("did you mean 'critiques'?)")


def test_bad_date(project, capsys):
    edit(project / "docs/stories/heatmap-in-action.md", "date: 2024-01-05", "date: 2024-13-05")
    problem = only_problem(project, capsys)
    assert problem.startswith("docs/stories/heatmap-in-action.md:6: publication.date: ")
    assert "2024-13-05" in problem


def test_unknown_reference_in_front_matter(project, capsys):
    edit(project / "glossary/co-production.md", "related_terms: [loneliness]", "related_terms: [lonelyness]")
    problem = only_problem(project, capsys)
    assert problem.startswith("glossary/co-production.md:16: related_terms[0]: no such term 'lonelyness'")
    assert problem.endswith("did you mean 'loneliness'?)")


def test_unknown_citation_in_body(project, capsys):
    path = project / "docs/resources/relationships-heatmap.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nAs found before [@holt-lunstad-2011].\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("As found before [@holt-lunstad-2011].") + 1
    problem = only_problem(project, capsys)
    assert problem.startswith(
        f"docs/resources/relationships-heatmap.md:{line}: citation: no such evidence 'holt-lunstad-2011'"
    )
    assert "did you mean 'holt-lunstad-2010'?" in problem


def test_chapter_file_not_listed(project, capsys):
    (project / "handbooks/starter/stray.md").write_text("---\ntitle: Stray\n---\nText.\n", encoding="utf-8")
    assert only_problem(project, capsys) == (
        "handbooks/starter/stray.md:1: file: is not listed in its handbook's chapters "
        "(expected 'stray' in the chapters list of handbooks/starter/index.md)"
    )


def test_story_without_consent(project, capsys):
    edit(project / "docs/stories/heatmap-in-action.md", "recorded_by: Dana Maintainer, ", "")
    problem = only_problem(project, capsys)
    assert problem.startswith("docs/stories/heatmap-in-action.md:6: publication.recorded_by: is missing")


def test_every_problem_is_reported_in_one_run(project, capsys):
    edit(project / "glossary/co-production.md", "stance: critiques", "stance: critque")
    edit(project / "docs/evidence/russell-1996.md", "year: 1996", "year: [1996]")
    code, lines = check(project, capsys)
    assert code == 1
    assert [line.split(":")[0] for line in lines] == ["docs/evidence/russell-1996.md", "glossary/co-production.md"]
