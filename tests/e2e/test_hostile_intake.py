"""A stranger's pull request full of hostile files: the build and `handbook check` refuse it, name every
problem, show no traceback, and publish nothing from outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SECRET = "build-machine-secret-7d3a91"
QUICK = {"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, make_project):
    base = tmp_path_factory.mktemp("hostile")
    outside = base / "outside.md"
    outside.write_text(f"---\nterm: Leak\n---\n{SECRET}\n", encoding="utf-8")
    root = make_project(base / "project")
    os.symlink(outside, root / "glossary/leak.md")
    os.symlink(outside, root / "docs/assets/leak.css")
    os.symlink(outside, root / "docs/about/leak.md")
    bomb = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    bomb += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 40)]
    (root / "docs/about/bomb.md").write_text(
        "---\ntitle: Bomb\n" + "\n".join(bomb) + "\n---\nText.\n", encoding="utf-8"
    )
    (root / "docs/about/loop.md").write_text("---\ntitle: &me [*me]\n---\nText.\n", encoding="utf-8")
    (root / "docs/about/deep.md").write_text("---\ntitle: Deep\n---\n" + "- " * 5000 + "x\n", encoding="utf-8")
    (root / "glossary/deep.md").write_text(
        "---\nterm: Deep\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n", encoding="utf-8"
    )
    evil = root / "handbooks/evil.v2"
    evil.mkdir()
    (evil / "index.md").write_text("---\ntitle: Evil\n---\n", encoding="utf-8")
    (root / "docs/about/refs.md").write_text(
        "---\ntitle: Refs\n---\nSee [[story:../../etc/passwd]].\n", encoding="utf-8"
    )
    return root


EXPECTED = [
    "glossary/leak.md:1: file: is a symbolic link to '.../outside.md', outside the repository",
    "docs/assets/leak.css:1: file: is a symbolic link to '.../outside.md', outside the repository",
    "docs/about/leak.md:1: file: is a symbolic link to '.../outside.md', outside the repository",
    "docs/about/bomb.md:3: l0: sets the YAML anchor '&l0'",
    "docs/about/loop.md:2: title[0]: uses the YAML alias '*me'",
    "docs/about/deep.md:4: body: nests lists, quotes or blocks",
    "glossary/deep.md:3: x[0][0]",
    "handbooks/evil.v2:1: folder name: 'evil.v2' is not a valid id",
    "docs/about/refs.md:4: link: '../../etc/passwd' is not a valid story id",
]


def test_the_build_fails_naming_every_problem_and_publishes_no_secret(hostile, build):
    result = build(hostile, env=QUICK)
    assert result.returncode != 0
    for expected in EXPECTED:
        assert expected in result.log, f"{expected!r} not in the log:\n{result.log}"
    assert "Traceback" not in result.log
    assert SECRET not in result.log
    for path in hostile.rglob("*"):
        if path.is_file() and not path.is_symlink() and ".git" not in path.parts:
            assert SECRET.encode() not in path.read_bytes(), f"the secret was written to {path}"


def test_handbook_check_reports_the_same(hostile):
    result = subprocess.run(
        [sys.executable, "-m", "handbook", "check"], cwd=hostile, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    for expected in EXPECTED:
        assert expected in result.stdout, f"{expected!r} not in:\n{result.stdout}"
    assert "Traceback" not in result.stdout + result.stderr
    assert SECRET not in result.stdout + result.stderr
