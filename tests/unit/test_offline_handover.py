"""The offline pass starts before the PDFs exist and waits for their list."""

from __future__ import annotations

import os
import threading
import time

from handbook.outputs.downloads import Download, Downloads
from handbook.outputs.offline import await_manifest


def test_the_offline_pass_waits_until_the_list_of_downloads_is_written(tmp_path):
    manifest = tmp_path / "downloads.json"
    downloads = Downloads.empty()
    downloads.add(Download("handbook:starter", "A starter handbook", "downloads/handbook-starter.pdf", 4821, "PDF", 7))
    writer = threading.Timer(0.3, downloads.save, args=(manifest,))
    started = time.monotonic()
    writer.start()
    try:
        assert await_manifest(manifest, os.getppid(), timeout=10)
    finally:
        writer.join()
    assert time.monotonic() - started >= 0.25  # it really waited
    assert Downloads.load(manifest) == downloads


def test_the_offline_pass_stops_waiting_when_the_first_build_is_gone(tmp_path):
    started = time.monotonic()
    # Our parent is not this process: as if the first build had died and we were adopted.
    assert not await_manifest(tmp_path / "downloads.json", os.getpid(), timeout=10)
    assert time.monotonic() - started < 5


def test_the_offline_pass_stops_waiting_when_the_time_is_up(tmp_path):
    assert not await_manifest(tmp_path / "downloads.json", None, timeout=0.2)
