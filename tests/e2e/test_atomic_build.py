"""End-to-end: a failed or killed build leaves the previous site exactly as it was.

`mkdocs build` writes into a folder beside the site and swaps it in only when everything
succeeded (handbook.safety.atomic_output); its worker processes end with it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

FAST = {"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"}  # no PDFs, no offline copy: seconds per build


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def beside(site: Path) -> list[str]:
    """What lies in the site's folder under the site's name: the site, and any leftovers."""
    return sorted(path.name for path in site.parent.iterdir() if path.name.startswith(site.name))


@pytest.fixture
def project(tmp_path, make_project, build) -> Path:
    """The sample, built once: the previous site that the builds below must not damage."""
    root = make_project(tmp_path / "project")
    result = build(root, "--strict", env=FAST)
    assert result.returncode == 0, result.log
    (root / "site" / ".deploy-notes").write_text("kept", encoding="utf-8")  # MkDocs keeps hidden files
    return root


@pytest.fixture
def assert_failed_and_untouched(build):
    """``assert_failed_and_untouched(root, before, *args)``: a build of ``root`` that fails and
    leaves the previous site (``before``) as it was; returns its log."""

    def check(root: Path, before: dict[str, bytes], *args: str) -> str:
        result = build(root, *args, env=FAST)
        assert result.returncode != 0, result.log
        assert tree(root / "site") == before, "the previous site changed"
        assert beside(root / "site") == ["site"], "a temporary folder was left"
        return result.log

    return check


def add_hook(project: Path, name: str, statement: str) -> None:
    """A build step that runs ``statement`` while about/index.md is written, after MkDocs has emptied the output."""
    (project / name).write_text(
        "import logging\n\n"
        "def on_post_page(output, page, config):\n"
        "    if page.file.src_uri == 'about/index.md':\n"
        f"        {statement}\n"
        "    return output\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("hooks:\n", f"hooks:\n  - {name}\n", 1), encoding="utf-8"
    )


def test_a_failure_while_pages_are_written_leaves_the_previous_site(project, assert_failed_and_untouched):
    before = tree(project / "site")
    # A step that fails half way through writing the pages, after MkDocs has emptied the
    # output folder (content can no longer cause one: the loader refuses it first).
    add_hook(project, "fail_late.py", "raise RuntimeError('failed while writing about/index.md')")
    log = assert_failed_and_untouched(project, before)
    assert "failed while writing about/index.md" in log


def test_a_content_problem_leaves_the_previous_site(project, assert_failed_and_untouched):
    before = tree(project / "site")
    # Found when the content is loaded, before anything is written.
    (project / "handbooks" / "starter" / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    assert_failed_and_untouched(project, before)


def test_a_warning_in_strict_mode_leaves_the_previous_site(project, assert_failed_and_untouched):
    before = tree(project / "site")
    # A warning logged while the pages are written (content problems stop the build earlier,
    # before anything is written: a step of the build stands in for what only MkDocs sees).
    add_hook(
        project,
        "warn_late.py",
        "logging.getLogger('mkdocs.hooks.warn_late').warning('a late warning about about/index.md')",
    )
    # MkDocs aborts a strict build after every plugin's last step (on_post_build).
    log = assert_failed_and_untouched(project, before, "--strict")
    assert "a late warning about about/index.md" in log and "strict mode" in log


def test_a_successful_build_replaces_the_site(project, build):
    (project / "docs" / "about" / "index.md").write_text("# About\n\nA brand new sentence.\n", encoding="utf-8")
    result = build(project, "--strict", env=FAST)
    assert result.returncode == 0, result.log
    assert "A brand new sentence." in (project / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert (project / "site" / ".deploy-notes").read_text(encoding="utf-8") == "kept"
    assert beside(project / "site") == ["site"]


def test_the_site_folder_given_with_d_is_the_one_replaced(project, tmp_path, build):
    target = tmp_path / "out" / "public"  # does not exist yet
    result = build(project, "-d", str(target), env=FAST)
    assert result.returncode == 0, result.log
    assert (target / "index.html").is_file() and beside(target) == ["public"]
    assert (project / "site" / ".deploy-notes").is_file()  # the default folder is not touched


GH_DEPLOY = """
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config("mkdocs.yml")
config.plugins.on_startup(command="gh-deploy", dirty=False)
try:
    build(config)
finally:
    config.plugins.on_shutdown()
print(config.site_dir)  # what gh-deploy then pushes
"""


def test_gh_deploy_pushes_the_published_site(project):
    # mkdocs gh-deploy builds, then pushes the folder config.site_dir names: the site, not
    # the folder it was built in.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **FAST}
    done = subprocess.run([sys.executable, "-c", GH_DEPLOY], cwd=project, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    assert Path(done.stdout.strip()) == (project / "site").resolve()
    assert (project / "site" / "index.html").is_file() and beside(project / "site") == ["site"]


def group_members(group: int) -> list[int]:
    """The live processes (not zombies) of a process group."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _parent, process_group = stat.read_text(encoding="ascii").rpartition(")")[2].split()[:3]
        except (OSError, ValueError):
            continue
        if int(process_group) == group and state != "Z":
            members.append(int(stat.parent.name))
    return members


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
def test_a_killed_build_leaves_the_site_and_no_processes_and_the_next_build_cleans_up(project, tmp_path, build):
    before = tree(project / "site")
    # A long chapter: its PDF takes a worker many seconds, so a worker that outlived the
    # build would still be there when the processes are counted.
    with (project / "handbooks" / "starter" / "going-further.md").open("a", encoding="utf-8") as chapter:
        chapter.write(
            "".join(
                f"\n\n## Part {n}\n\n" + "Relationships take time, and this sentence says so. " * 12 for n in range(300)
            )
        )
    temporary = tmp_path / "tmp"  # the offline copy's work folder goes here, not into the shared /tmp
    temporary.mkdir()
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "TMPDIR": str(temporary),
        "HANDBOOK_PDF_CACHE": str(tmp_path / "pdf-cache"),
    }  # empty: every PDF is rendered, by workers
    # Its own process group, so that every process it starts can be found afterwards.
    with subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as builder:
        try:
            # The build itself, the offline copy's build and at least one PDF worker.
            started = wait_for(lambda: len(group_members(builder.pid)) >= 3, 120)
            time.sleep(1.5)  # until the workers have their documents (before, they would just find no work)
            staging = [name for name in beside(project / "site") if name != "site"]
        finally:
            builder.send_signal(signal.SIGKILL)
        builder.wait()
    assert started, "the PDF workers never started"
    assert staging and staging[0].startswith(f"site.building-{builder.pid}-")
    assert wait_for(lambda: not group_members(builder.pid), 5), f"still running: {group_members(builder.pid)}"
    assert tree(project / "site") == before
    left_over = beside(project / "site") + [path.name for path in temporary.iterdir()]
    assert left_over != ["site"]  # the killed build could not clean up after itself

    result = build(project, env={**FAST, "TMPDIR": str(temporary)})
    assert result.returncode == 0, result.log
    assert beside(project / "site") == ["site"]
    assert list(temporary.iterdir()) == []
