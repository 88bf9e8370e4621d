"""Unit tests: when the offline outputs are made, and the small pieces around them."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.outputs.downloads import Download, Downloads, human_size
from handbook.outputs.offline import IFRAME_WORKER_SHIM, from_first_pass, local_polyfills
from handbook.outputs.offline_readers import OFFLINE_COPY, PREVIEW, PRODUCTION, OfflineReaders, build_mode
from handbook.settings import read_settings

SITE = "https://relationships-project.github.io/handbooks/"


@pytest.mark.parametrize(
    "command, site_url, environ, mode",
    [
        ("build", SITE, {}, PRODUCTION),
        ("gh-deploy", SITE, {}, PRODUCTION),
        ("serve", "http://127.0.0.1:8000/handbooks/", {}, PREVIEW),
        (None, "http://127.0.0.1:8000/handbooks/", {}, PREVIEW),  # serve, even if on_startup did not run
        ("build", SITE, {"HANDBOOK_OFFLINE": "true"}, OFFLINE_COPY),
    ],
)
def test_build_mode(command, site_url, environ, mode):
    assert build_mode(command, site_url, from_first_pass(environ) is not None) == mode
    assert (
        OfflineReaders.for_build(
            Path("."), command, site_url, "2026-01-01", read_settings(environ={}), from_first_pass(environ)
        ).mode
        == mode
    )


def test_the_pdf_switch_makes_a_build_a_preview():  # for quick builds and the benchmark: no PDFs, no offline copy
    assert build_mode("build", SITE, False, pdf=False) == PREVIEW
    assert build_mode("build", SITE, True, pdf=False) == OFFLINE_COPY


def test_switches_turn_pdfs_and_offline_copy_off(tmp_path):
    on = OfflineReaders.for_build(tmp_path, "build", SITE, "2026-01-01", read_settings(environ={}))
    off = OfflineReaders.for_build(
        tmp_path,
        "build",
        SITE,
        "2026-01-01",
        read_settings(environ={"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"}),
    )
    assert on.make_pdfs and on.make_offline_copy
    assert not off.make_pdfs and not off.make_offline_copy
    cache = OfflineReaders.for_build(
        tmp_path, "build", SITE, "2026-01-01", read_settings(environ={"HANDBOOK_PDF_CACHE": "x/y"})
    )
    assert on.pdf_cache == Path(".cache/pdf") and cache.pdf_cache == Path("x/y")


def test_the_offline_pass_reads_what_the_first_pass_told_it():
    assert from_first_pass({"HANDBOOK_DOWNLOADS_MANIFEST": "/tmp/m.json"}) is None  # not the offline pass
    told = from_first_pass(
        {
            "HANDBOOK_OFFLINE": "true",
            "HANDBOOK_DOWNLOADS_MANIFEST": "/tmp/m.json",
            "HANDBOOK_PDF_DIR": "/tmp/pdfs",
            "HANDBOOK_FIRST_PASS_PID": "42",
        }
    )
    assert (told.manifest, told.pdf_dir, told.first_pass_pid) == (Path("/tmp/m.json"), Path("/tmp/pdfs"), 42)


def test_preview_collects_nothing_and_adds_no_links(tmp_path):
    readers = OfflineReaders.for_build(
        tmp_path, "serve", "http://127.0.0.1:8000/", "2026-01-01", read_settings(environ={})
    )
    readers.collect("handbooks/starter/", "A starter handbook", "<p>x</p>")
    assert readers.pages == {}
    assert readers.finish_page(None, "handbook", "starter", "handbooks/starter/", "<p>x</p>", True) == "<p>x</p>"


@pytest.mark.parametrize("size, text", [(512, "512 bytes"), (48_213, "48 kB"), (4_512_000, "4.5 MB")])
def test_human_size(size, text):
    assert human_size(size) == text


def test_downloads_travel_to_the_offline_pass_unchanged(tmp_path):
    downloads = Downloads.empty()
    downloads.add(Download("handbook:starter", "A starter handbook", "downloads/handbook-starter.pdf", 48213, "PDF", 7))
    downloads.add(Download("offline", "The whole site, offline", "downloads/x.zip", 999, "ZIP"))
    downloads.save(tmp_path / "downloads.json")
    assert Downloads.load(tmp_path / "downloads.json") == downloads


def test_the_offline_copy_uses_its_own_iframe_worker_shim_not_a_cdn():
    polyfills = local_polyfills(["https://unpkg.com/iframe-worker/shim", "assets/other.js"])
    assert polyfills == ["assets/other.js", IFRAME_WORKER_SHIM]


def test_a_pdf_that_cannot_be_rendered_is_reported_and_the_others_are_made(tmp_path, monkeypatch):
    from handbook.outputs import pdf
    from handbook.outputs.pdf_document import PrintJob

    render = pdf.render_task

    def fail_on_k2(task):
        if task.key == "k2":
            raise RuntimeError("boom")
        return render(task)

    monkeypatch.setattr(pdf, "render_task", fail_on_k2)
    jobs = [
        PrintJob(None, "<html><body><p>one</p></body></html>", "k1"),
        PrintJob(None, "<html><body><p>two</p></body></html>", "k2"),
    ]
    failures = []
    results = pdf.render_all(jobs, tmp_path, "file:///", on_failed=lambda job, error: failures.append((job.key, error)))
    assert list(results) == ["k1"] and results["k1"].pages == 1
    assert failures == [("k2", "RuntimeError: boom")]
    # The good one is cached: asked again, it is not rendered again.
    assert pdf.render_all(jobs[:1], tmp_path, "file:///")["k1"].cached


def test_cached_pdfs_unused_for_two_weeks_are_pruned_and_used_ones_kept(tmp_path):
    import os
    import time

    from handbook.outputs import pdf

    for key in ("old", "recent"):
        (tmp_path / f"{key}.pdf").write_bytes(b"%PDF")
        (tmp_path / f"{key}.json").write_text('{"pages": 1}', encoding="utf-8")
    month_ago = time.time() - 30 * 86400
    os.utime(tmp_path / "old.pdf", (month_ago, month_ago))
    os.utime(tmp_path / "recent.pdf", (month_ago, month_ago))
    assert pdf.from_cache(tmp_path, "recent") is not None  # using it makes it recent
    assert pdf.prune(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recent.json", "recent.pdf"]
