"""`handbook review BASE HEAD` on a temporary git repository: what a reviewer is shown."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.cli.review import MARKER, word_diff


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def review(root: Path, *refs: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "handbook", "review", *refs], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory, make_project, git_commit) -> str:
    root = make_project(tmp_path_factory.mktemp("review"))
    edit(
        root / "glossary/co-production.md",
        "working_definition: Designing and delivering services together with the people who use them, as equals.",
        "working_definition: Designing services together with the people who use them, sharing power as equals.",
    )
    edit(root / "glossary/co-production.md", "hands over no power.", "hands over little real power.")
    edit(
        root / "docs/evidence/russell-1996.md",
        "rating: 3\n  rationale: A well-tested scale, validated across several samples.",
        "rating: 2\n  rationale: Validated in US student samples only.",
    )
    (root / "docs/stories/untold.md").write_text(
        "---\ntitle: An untold story\nstory_type: volunteer-story\nstorytellers:\n  - {name: Wendy, naming: first-name}\n"
        "publication: {basis: contributed}\n---\nText.\n",
        encoding="utf-8",
    )
    (root / "glossary/loneliness.md").unlink()
    chapter = root / "handbooks/starter/first-steps.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    git_commit(root, "Change the content")
    return review(root, "HEAD~1", "HEAD")


def test_report_is_marked_for_the_comment_workflow(report):
    assert report.startswith(MARKER + "\n## Content review\n")
    assert "**1** added, **3** changed, **1** removed." in report


def test_changed_definition_is_a_word_diff(report):
    assert (
        "  - Working definition: Designing ~~and delivering~~ services together with the people who use "
        "them, **sharing power** as equals."
    ) in report
    assert (
        "  - Perspective of This handbook: Often a box-ticking exercise that hands over ~~no~~ **little real** power."
        in report
    )


def test_changed_rating_shows_both_rationales(report):
    assert (
        "- **UCLA Loneliness Scale \\(Version 3\\): reliability, validity, and factor structure** (`docs/evidence/russell-1996.md`): confidence 3 (Good) → **2 (Promising)**"
        in report
    )
    assert "  - Before: A well-tested scale, validated across several samples." in report
    assert "  - After: Validated in US student samples only." in report


def test_story_without_consent_is_flagged(report):
    section = report.split("### ⚠️ Stories without recorded consent", 1)[1].split("###", 1)[0]
    assert "- **An untold story** (`docs/stories/untold.md`): consent is not recorded" in section


def test_removed_term_and_the_references_it_breaks(report):
    removed = report.split("### Removed", 1)[1]
    assert "- ~~Loneliness~~ (`glossary/loneliness.md`)" in removed
    problems = report.split("### ❌ Problems introduced by this change", 1)[1].split("###", 1)[0]
    assert "glossary/co-production.md:16: related_terms[0]: no such term 'loneliness'" in problems
    assert "docs/stories/untold.md:6: publication.recorded_by: is missing" in problems


def test_changed_page_past_its_review_date(report):
    section = report.split("### Review date passed", 1)[1].split("###", 1)[0]
    assert section.strip() == "- **First steps** (`handbooks/starter/first-steps.md`): review was due 2026-03-01"
    assert "- **First steps** (`handbooks/starter/first-steps.md`): text" in report.split("### Changed", 1)[1]


def test_unchanged_refs_report_nothing(tmp_path, make_project):
    root = make_project(tmp_path / "same")
    report = review(root, "HEAD", "HEAD")
    assert "**0** added, **0** changed, **0** removed." in report
    assert "### Added" not in report and "### ❌" not in report


def test_unknown_ref_is_a_clear_error(tmp_path, make_project):
    root = make_project(tmp_path / "bad")
    result = subprocess.run(
        [sys.executable, "-m", "handbook", "review", "no-such-branch"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.startswith("handbook review: ") and "Traceback" not in result.stderr


def test_word_diff_escapes_markdown():
    assert word_diff("a *b* c", "a *b* d") == "a \\*b\\* ~~c~~ **d**"


def test_a_second_identical_broken_link_is_new(tmp_path, make_project, git_commit):
    root = make_project(tmp_path / "twice")
    chapter = root / "handbooks/starter/going-further.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nSee [[term:nowhere]].\n", encoding="utf-8")
    git_commit(root, "One broken link")
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nAnd again [[term:nowhere]].\n", encoding="utf-8")
    git_commit(root, "The same broken link again")
    problems = (
        review(root, "HEAD~1", "HEAD").split("### ❌ Problems introduced by this change", 1)[1].split("###", 1)[0]
    )
    assert problems.count("no such term 'nowhere'") == 1


# -- mentions from content never reach GitHub (issue 16) --------------------------------
def test_mentions_from_content_are_neutralised(tmp_path, make_project, git_commit):
    root = make_project(tmp_path / "mentions")
    edit(
        root / "glossary/co-production.md",
        "working_definition: Designing and delivering services together with the people who use them, as equals.",
        "working_definition: Designing services with @relationships-project/maintainers and @octocat as equals.",
    )
    edit(
        root / "docs/evidence/russell-1996.md",
        "rating: 3\n  rationale: A well-tested scale, validated across several samples.",
        'rating: 2\n  rationale: "cc &#64;relationships-project/maintainers and @@team"',
    )
    (root / "docs/stories/ping.md").write_text(
        '---\ntitle: "Hello @relationships-project/maintainers"\nstory_type: volunteer-story\nstorytellers:\n'
        '  - {name: "@octocat", naming: first-name}\npublication: {basis: contributed}\n---\nText.\n',
        encoding="utf-8",
    )
    edit(
        root / "handbooks/starter/index.md",
        'editors: ["@example/starter-editors"]',
        'editors: ["@example/starter-editors", "@x\\n\\n@relationships-project/maintainers `x`"]',
    )
    git_commit(root, "Mention people")
    report = review(root, "HEAD~1", "HEAD")
    assert re.findall(r"@[A-Za-z0-9].{0,30}", report) == []  # nobody is mentioned...
    assert "&#" not in report.replace("\\&\\#", "")  # ...not even through an HTML entity GitHub would decode
    shown = "@\u200brelationships-project/maintainers"
    assert f"- **Hello {shown}** (`docs/stories/ping.md`): consent is not recorded" in report
    assert (
        f"Designing **services with {shown}** and ~~delivering services together with the people who use them,~~ "
        "**@\u200boctocat** as equals."
    ) in report
    # Character references in front matter are read once at load (issue 17), so "&#64;" is an
    # "@" by then, and broken like any other.
    assert f"  - After: cc {shown} and @@\u200bteam" in report
    # A problem quoting content stays inside its one-line code span.
    [problem] = [line for line in report.splitlines() if "editors[1]" in line]
    assert problem.startswith("- `handbooks/starter/index.md:4: editors[1]: ") and problem.endswith("`")
    assert problem.count("`") == 2 and shown in problem


# -- work in progress (issue 17) ----------------------------------------------------------
def test_work_in_progress_is_compared_unless_a_second_ref_is_given(tmp_path, make_project, git_commit):
    root = make_project(tmp_path / "wip")
    (root / ".gitignore").write_text("docs/stories/private-notes.md\n", encoding="utf-8")
    git_commit(root, "Ignore private notes")
    edit(root / "glossary/co-production.md", "hands over no power.", "hands over little real power.")  # unstaged
    edit(
        root / "docs/evidence/russell-1996.md",
        "rating: 3\n  rationale: A well-tested scale, validated across several samples.",
        "rating: 2\n  rationale: Validated in US student samples only.",
    )
    subprocess.run(["git", "add", "docs/evidence/russell-1996.md"], cwd=root, check=True)  # staged
    story = "---\ntitle: {}\nstory_type: volunteer-story\nstorytellers:\n  - {{name: Wendy, naming: first-name}}\npublication: {{basis: contributed}}\n---\nText.\n"
    (root / "docs/stories/untold.md").write_text(story.format("An untold story"), encoding="utf-8")  # new, untracked
    (root / "docs/stories/private-notes.md").write_text(story.format("Private notes"), encoding="utf-8")  # ignored
    (root / "glossary/loneliness.md").unlink()  # deleted, not staged

    report = review(root, "HEAD")
    head = report.split("\n")[3]
    assert head.startswith("Comparing `HEAD` (") and "with the working tree (`HEAD` " in head
    assert "with 4 uncommitted content files): **1** added, **2** changed, **1** removed." in head
    assert "- **An untold story** (`docs/stories/untold.md`): consent is not recorded" in report
    assert (
        "  - Perspective of This handbook: Often a box-ticking exercise that hands over ~~no~~ **little real** power."
        in report
    )
    assert "confidence 3 (Good) → **2 (Promising)**" in report
    assert "- ~~Loneliness~~ (`glossary/loneliness.md`)" in report
    assert "Private notes" not in report  # git ignores it: it would never be committed

    # A second ref compares commits only.
    committed = review(root, "HEAD", "HEAD")
    assert "Comparing `HEAD` (" in committed and "working tree" not in committed
    assert "**0** added, **0** changed, **0** removed." in committed


def test_a_clean_working_tree_says_so(tmp_path, make_project):
    root = make_project(tmp_path / "clean")
    report = review(root, "HEAD")
    assert "with the working tree (`HEAD` " in report and "with no uncommitted content changes): **0** added" in report


def test_a_link_in_the_working_tree_is_not_followed(tmp_path, make_project):
    secret = tmp_path / "secret.md"
    secret.write_text(
        "---\nterm: Leaked\nworking_definition: the-secret-text\n---\nthe-secret-text\n", encoding="utf-8"
    )
    root = make_project(tmp_path / "link")
    (root / "glossary/leaked.md").symlink_to(secret)
    report = review(root, "HEAD")
    assert "the-secret-text" not in report and "Leaked" not in report
    problems = report.split("### ❌ Problems introduced by this change", 1)[1].split("###", 1)[0]
    assert "glossary/leaked.md:" in problems  # refused, as in the repository itself


def test_help_says_what_is_compared():
    result = subprocess.run([sys.executable, "-m", "handbook", "review", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "by default, with the working tree" in text and "Give HEAD as the second ref to compare commits only" in text
