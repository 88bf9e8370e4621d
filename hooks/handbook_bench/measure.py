"""Timing a child process: wall time, peak memory, and a time cap.

Peak memory comes from ``os.wait4``, which returns the resource usage of exactly that
child (including the children it waited for), so runs do not blur into each other the
way ``RUSAGE_CHILDREN`` maxima would. CPU time is kept beside wall time: on a shared
machine the wall time also measures the neighbours, the CPU time much less so.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measurement:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the child and the processes it waited for
    peak_mb: float
    load: float  # the machine's one-minute load average when the run started
    returncode: int
    over_cap: bool
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.over_cap


def _cpu_seconds(pid: int) -> float:
    """CPU time used so far by a running process (user + system), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_measured(
    cmd: list[str], cwd: str, env: dict | None = None, cap: float | None = None, wall_cap_factor: float = 5.0
) -> Measurement:
    """Run ``cmd`` to the end, or until it has used ``cap`` CPU seconds, then kill it.

    The cap counts CPU time, so that a busy machine does not stop a run early; a run is
    also stopped after ``wall_cap_factor`` times the cap in wall time.
    """
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as log:
        load = os.getloadavg()[0]
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        over_cap = threading.Event()
        finished = threading.Event()

        def watch(cap: float) -> None:
            while not finished.wait(0.25):
                if _cpu_seconds(process.pid) > cap or time.perf_counter() - started > cap * wall_cap_factor:
                    over_cap.set()
                    with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                        os.killpg(process.pid, signal.SIGKILL)
                    return

        watcher = threading.Thread(target=watch, args=(cap,), daemon=True) if cap else None
        if watcher:
            watcher.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            finished.set()
            if watcher:
                watcher.join()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    return Measurement(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,
        load=load,
        returncode=process.returncode,
        over_cap=over_cap.is_set(),
        output=output,
    )
