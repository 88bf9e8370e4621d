"""Worker processes end with the build (handbook.safety.child_processes, handbook.outputs.pdf)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from handbook.outputs import pdf
from handbook.safety.atomic_output import pid_alive
from handbook.safety.child_processes import end_with_parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux only")


def wait_until_gone(pids: list[int], seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while (alive := [pid for pid in pids if pid_alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def _slow_or_fast(task: pdf.RenderTask) -> pdf.RenderedPdf:
    if task.key == "slow":
        time.sleep(120)
    return pdf.RenderedPdf(task.key, Path(task.cache_dir) / "x.pdf", 1, 0.0, cached=False)


def test_workers_end_when_the_build_fails_while_they_render(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "render_task", _slow_or_fast)  # forked workers inherit it
    jobs = [SimpleNamespace(key=key, html=html) for key, html in (("slow", "x" * 100), ("fast", "x"))]

    def fail(job, rendered):
        raise RuntimeError("the build failed")

    earlier = set(multiprocessing.active_children())  # children of other tests in this process are not ours
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="the build failed"):
        pdf.render_all(jobs, tmp_path, "file:///", on_done=fail)
    assert time.monotonic() - started < 30  # it did not wait for the slow PDF
    workers = [process.pid for process in set(multiprocessing.active_children()) - earlier]
    assert wait_until_gone(workers) == []


KILLED_PARENT = textwrap.dedent("""
    import os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing
    from handbook.safety.child_processes import end_with_parent

    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork"),
                               initializer=end_with_parent, initargs=(os.getpid(),))
    futures = [pool.submit(time.sleep, 120) for _ in range(2)]
    time.sleep(0.5)
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    time.sleep(120)
""")


def test_workers_end_when_their_parent_is_killed():
    hooks = Path(__file__).resolve().parents[2] / "hooks"
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_PARENT],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(hooks)},
    ) as parent:
        try:
            workers = [int(pid) for pid in parent.stdout.readline().split()]
            assert len(workers) == 2 and all(pid_alive(pid) for pid in workers)
        finally:
            parent.kill()
    assert wait_until_gone(workers) == []


def test_a_child_whose_parent_is_already_gone_ends_at_once():
    # The race: the parent died between the fork and the child's prctl call.
    context = multiprocessing.get_context("fork")
    child = context.Process(target=end_with_parent, args=(os.getpid() + 1_000_000,))
    child.start()
    child.join(10)
    assert child.exitcode == -signal.SIGTERM


def test_half_written_pdfs_of_killed_workers_are_removed_from_the_cache(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / f"abc.{dead.pid}.part").write_bytes(b"%PDF half")
    (tmp_path / f"def.{os.getpid()}.part").write_bytes(b"%PDF being written")  # a live worker's
    pdf.prune(tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == [f"def.{os.getpid()}.part"]
