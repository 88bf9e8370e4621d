"""Reusing page-template parts across pages changes no byte of the site."""

from __future__ import annotations

from tests.support import site_files


def test_pages_are_identical_with_and_without_reused_parts(tmp_path, make_project, build):
    root = make_project(tmp_path / "project")
    cached = build(root, "--strict", "--verbose")
    assert cached.returncode == 0, cached.log
    reused = [line for line in cached.log.splitlines() if "page-template parts reused" in line]
    assert reused and not reused[0].split("handbook: ")[1].startswith("0 "), reused
    with_cache = site_files(cached.site)

    uncached = build(root, "--strict", env={"HANDBOOK_FRAGMENT_CACHE": "0"})  # MkDocs empties the site first
    assert uncached.returncode == 0, uncached.log
    without_cache = site_files(uncached.site)

    assert with_cache.keys() == without_cache.keys()
    assert [page for page in with_cache if with_cache[page] != without_cache[page]] == []
