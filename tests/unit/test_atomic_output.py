"""Atomic output (handbook.safety.atomic_output): the site is swapped in whole or not at all."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handbook.safety import atomic_output
from handbook.safety.atomic_output import BUILDING, PREVIOUS, exchange, pid_alive, stage


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def dead_pid() -> int:
    """The pid of a process that has ended and been waited for."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.fixture
def old_site(tmp_path) -> Path:
    site = tmp_path / "site"
    write(site, {"index.html": "old", "page/index.html": "old page", ".git/HEAD": "ref: main"})
    return site


@pytest.fixture(params=["exchange", "two renames"])
def swap(request, monkeypatch):
    """Every publishing test runs with the one-step exchange and with the fallback."""
    if request.param == "exchange" and not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux only")
    if request.param == "two renames":
        monkeypatch.setattr(atomic_output, "exchange", lambda first, second: False)
    return request.param


def test_publish_swaps_the_new_site_in_and_removes_the_old(old_site, swap):
    staged = stage(old_site)
    assert staged.staging.parent == old_site.parent and staged.staging.name.startswith(f"site{BUILDING}{os.getpid()}-")
    write(staged.staging, {"index.html": "new", "other/index.html": "new page"})
    assert staged.publish() < 1.0
    # Hidden entries of the old folder are kept, as MkDocs keeps them when it cleans it.
    assert tree(old_site) == {".git/HEAD": b"ref: main", "index.html": b"new", "other/index.html": b"new page"}
    assert sorted(path.name for path in old_site.parent.iterdir()) == ["site"]


def test_publish_keeps_the_permissions_of_the_old_folder(old_site, swap):
    old_site.chmod(0o750)
    staged = stage(old_site)
    staged.publish()
    assert old_site.stat().st_mode & 0o777 == 0o750


def test_a_failed_build_leaves_the_old_site_as_it_was(old_site):
    before = tree(old_site)
    staged = stage(old_site)
    write(staged.staging, {"index.html": "half"})
    staged.discard()
    assert tree(old_site) == before
    assert sorted(path.name for path in old_site.parent.iterdir()) == ["site"]


def test_a_target_that_does_not_exist_yet(tmp_path, swap):
    target = tmp_path / "out" / "site"
    staged = stage(target)
    write(staged.staging, {"index.html": "first"})
    staged.publish()
    assert tree(target) == {"index.html": b"first"}
    assert sorted(path.name for path in target.parent.iterdir()) == ["site"]


def test_stale_folders_are_removed_only_when_their_process_has_ended(old_site):
    dead, alive = (
        old_site.parent / f"site{BUILDING}{dead_pid()}-0a1b",
        old_site.parent / f"site{BUILDING}{os.getppid()}-0a1b",
    )
    dead_aside = old_site.parent / f"site{PREVIOUS}{dead_pid()}-0a1b"
    unrelated = old_site.parent / "site.building-notes"  # not ours: no pid
    for folder in (dead, alive, dead_aside, unrelated):
        write(folder, {"index.html": "partial"})
    staged = stage(old_site)
    left = {path.name for path in old_site.parent.iterdir()}
    assert left == {"site", alive.name, unrelated.name, staged.staging.name}
    assert tree(old_site)["index.html"] == b"old"


def test_recovery_rule_a_build_that_died_between_its_two_renames(tmp_path):
    target = tmp_path / "site"
    aside = tmp_path / f"site{PREVIOUS}{dead_pid()}-0a1b"  # the old site, renamed aside, never replaced
    write(aside, {"index.html": "old"})
    staged = stage(target)
    assert tree(target) == {"index.html": b"old"}
    staged.discard()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_symbolic_link_to_the_site_is_followed_and_kept(old_site, tmp_path, swap):
    link = tmp_path / "public"
    link.symlink_to(old_site)
    staged = stage(link)
    assert staged.target == old_site.resolve()
    write(staged.staging, {"index.html": "new"})
    staged.publish()
    assert link.is_symlink() and (link / "index.html").read_text() == "new"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux only")
def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    write(first, {"x": "1"})
    write(second, {"y": "2"})
    assert exchange(first, second)
    assert tree(first) == {"y": b"2"} and tree(second) == {"x": b"1"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="zombies are read from /proc")
def test_a_process_that_ended_but_was_not_waited_for_is_not_alive():
    assert pid_alive(os.getpid())
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        deadline = time.monotonic() + 20
        while pid_alive(process.pid) and time.monotonic() < deadline:  # a zombie once it ends: not waited for
            time.sleep(0.01)
        assert not pid_alive(process.pid)
    finally:
        process.wait()
