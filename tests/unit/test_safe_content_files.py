"""Files in the content folders never lead outside the repository, and nothing is skipped in silence."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from handbook import load_corpus
from tests.support import SAMPLE

SECRET = "secret-4f9c2e"
OUTSIDE = "expected a real file, not a link to one outside the repository"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root)
    (tmp_path / "secret.md").write_text(f"---\nterm: Secret\n---\n{SECRET}\n", encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_corpus(root).problems]


def loaded_text(root: Path) -> str:
    """Everything the loader read, as one string, to look for the secret in."""
    return repr([vars(item) for item in load_corpus(root).corpus])


@pytest.mark.parametrize(
    "link",
    [
        "glossary/leak.md",
        "docs/about/leak.md",
        "docs/stories/leak.md",
        "handbooks/starter/leak.md",
        "docs/assets/leak.css",
        "overrides/leak.html",
    ],
)
def test_a_link_to_a_file_outside_the_repository_is_refused_and_not_read(project, link):
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(project.parent / "secret.md", project / link)
    found = problems(project)
    assert f"{link}:1: file: is a symbolic link to '.../secret.md', outside the repository ({OUTSIDE})" in found
    assert str(project.parent) not in "\n".join(found)  # the outside path is not echoed
    assert SECRET not in loaded_text(project)


def test_a_link_to_the_build_environment_is_refused(project):
    os.symlink("/proc/self/environ", project / "docs/about/environment.md")
    assert problems(project) == [
        f"docs/about/environment.md:1: file: is a symbolic link to '.../environ', outside the repository ({OUTSIDE})"
    ]


def test_a_linked_folder_outside_the_repository_is_refused_and_not_walked(project):
    outside = project.parent / "elsewhere"
    outside.mkdir()
    shutil.copy(project.parent / "secret.md", outside / "secret.md")
    os.symlink(outside, project / "docs/extra")
    assert problems(project) == [
        f"docs/extra:1: file: is a symbolic link to '.../elsewhere', outside the repository ({OUTSIDE})"
    ]
    assert SECRET not in loaded_text(project)


def test_a_whole_content_folder_linked_outside_is_refused(project):
    shutil.move(project / "glossary", project.parent / "glossary")
    os.symlink(project.parent / "glossary", project / "glossary")
    found = problems(project)
    assert f"glossary:1: file: is a symbolic link to '.../glossary', outside the repository ({OUTSIDE})" in found
    assert load_corpus(project).corpus.terms == []


def test_a_link_into_git_is_refused(project):
    (project / ".git").mkdir()
    (project / ".git/config").write_text("[remote]\n", encoding="utf-8")
    os.symlink("../../.git/config", project / "docs/about/config.md")
    assert problems(project) == [
        "docs/about/config.md:1: file: is a symbolic link into a hidden folder ('.git/config') "
        "(expected a real file, not a link to a hidden one)"
    ]


def test_a_link_that_loops_back_is_refused(project):
    os.symlink("..", project / "docs/about/up")
    assert problems(project) == [
        "docs/about/up:1: folder: is a symbolic link to 'docs', a folder that contains it "
        "(expected no link that loops back to its own folder)"
    ]


def test_a_dangling_link_is_refused(project):
    os.symlink("nowhere.md", project / "glossary/gone.md")
    assert problems(project) == [
        "glossary/gone.md:1: file: is a symbolic link to 'glossary/nowhere.md', which does not exist (expected a real file)"
    ]


def test_a_link_inside_the_repository_is_read_as_its_target(project):
    os.symlink("../index.md", project / "docs/about/home.md")
    assert problems(project) == []
    assert load_corpus(project).corpus.get("page", "about/home") is not None


def test_a_named_pipe_does_not_hang_the_loader(project):
    os.mkfifo(project / "docs/about/pipe.md")
    os.mkfifo(project / "glossary/pipe.md")
    assert problems(project) == [
        "docs/about/pipe.md:1: file: is not a regular file (a pipe, socket or device) (expected a regular file)",
        "glossary/pipe.md:1: file: is not a regular file (a pipe, socket or device) (expected a regular file)",
    ]


@pytest.mark.parametrize(
    "path, kind",
    [
        ("glossary/.draft.md", "file"),
        ("docs/about/.notes.md", "file"),
        ("docs/.well-known", "folder"),
        ("handbooks/starter/.later.md", "file"),
        ("handbooks/.hidden", "folder"),
        ("overrides/.cache", "folder"),
    ],
)
def test_hidden_files_and_folders_are_reported(project, path, kind):
    target = project / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "folder":
        target.mkdir()
    else:
        target.write_text("---\ntitle: X\n---\n", encoding="utf-8")
    assert problems(project) == [
        f"{path}:1: {kind}: '{target.name}' is hidden, so it is never published "
        "(expected visible files and folders only: remove it, or rename it without the leading '.')"
    ]


def test_editors_working_files_are_passed_over(project):
    # Vim's swap file and Emacs' lock link (which points nowhere) come and go while a
    # contributor edits: a preview must not stop on them, and neither is ever read.
    (project / "glossary/.co-production.md.swp").write_bytes(b"b0VIM 9.0\x00\x00secret")
    (project / "handbooks/starter/.#first-steps.md").symlink_to("someone@host.1234:1700000000")
    assert problems(project) == []
    (project / "glossary/.co-production.md.bak").write_text("x", encoding="utf-8")  # not an editor's working file
    assert len(problems(project)) == 1


def test_the_themes_icon_folder_is_not_reported(project):
    (project / "overrides/.icons/brand").mkdir(parents=True)
    (project / "overrides/.icons/brand/logo.svg").write_text("<svg/>", encoding="utf-8")
    assert problems(project) == []


@pytest.mark.parametrize(
    "path, suggestion",
    [
        ("glossary/notes.txt", "; did you mean 'notes.md'?"),
        ("glossary/term.markdown", "; did you mean 'term.md'?"),
        ("docs/evidence/paper.pdf", ""),
        ("docs/stories/photo.jpg", ""),
    ],
)
def test_files_that_are_not_markdown_in_markdown_folders_are_reported(project, path, suggestion):
    (project / path).write_text("x", encoding="utf-8")
    name = path.rsplit("/", 1)[1]
    assert problems(project) == [
        f"{path}:1: file name: '{name}' is not a Markdown file, so it is never published (expected a .md file{suggestion})"
    ]


@pytest.mark.parametrize("name", ["page.html", "logo.svg", "run.sh", "archive.zip"])
def test_docs_assets_outside_the_allow_list_are_reported(project, name):
    (project / "docs/assets").mkdir()
    (project / "docs/assets" / name).write_text("x", encoding="utf-8")
    [found] = problems(project)
    assert found.startswith(
        f"docs/assets/{name}:1: file name: '{name}' is not a kind of file the site publishes (expected one of .avif, .css,"
    )


def test_docs_assets_on_the_allow_list_are_fine(project):
    (project / "docs/assets").mkdir()
    for name in ("site.css", "site.js", "photo.jpg", "font.woff2", "report.pdf"):
        (project / "docs/assets" / name).write_text("x", encoding="utf-8")
    assert problems(project) == []


def test_odd_file_names_under_docs_are_reported(project):
    (project / "docs/about/a page.md").write_text("# A page\n", encoding="utf-8")
    assert problems(project) == [
        "docs/about/a page.md:1: file name: 'a page.md' has characters a web address cannot carry as they are "
        "(expected letters, digits, '-', '_' and '.' only)"
    ]


def test_a_handbook_folder_that_is_not_an_id_is_reported_not_loaded_as_another(project):
    shutil.copytree(project / "handbooks/starter", project / "handbooks/evil.v2")
    found = problems(project)
    assert found == [
        "handbooks/evil.v2:1: folder name: 'evil.v2' is not a valid id (expected lower-case words joined by hyphens)"
    ]
    assert [handbook.id for handbook in load_corpus(project).corpus.handbooks] == ["starter"]


def test_folders_and_files_the_handbook_loader_never_reads_are_reported(project):
    (project / "handbooks/starter/drafts").mkdir()  # images/ is read: see test_attachments
    (project / "handbooks/README.md").write_text("# Handbooks\n", encoding="utf-8")
    assert problems(project) == [
        "handbooks/README.md:1: file: 'README.md' is not read: a handbook lives in its own folder "
        "(expected handbooks/<handbook>/index.md and its chapters)",
        "handbooks/starter/drafts:1: folder: 'drafts/' is not read: chapters live directly in handbooks/starter/ "
        "(expected handbooks/starter/<chapter>.md)",
    ]
