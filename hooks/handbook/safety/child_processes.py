"""Child processes end with the build that started them.

Why: a build starts worker processes (the PDF renderers, the offline copy's second
build). If the build is killed (a cancelled CI job, SIGKILL, an out-of-memory kill) they
would run on, orphaned, using the machine and writing into folders nobody will read.

How: on Linux a child asks the kernel to send it SIGTERM when its parent dies
(``prctl(PR_SET_PDEATHSIG)``). The parent may already have died before the child got to
ask, and then no signal ever comes: so right after asking, the child checks that its
parent is still the process that started it, and ends at once if not. (The signal
follows the *thread* that started the child: both callers start their children from the
build's main thread.) Elsewhere the parent's normal shutdown (``stop``) ends its workers;
a killed build's offline pass stops waiting for it (``offline.await_manifest``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterable
from multiprocessing.process import BaseProcess

PR_SET_PDEATHSIG = 1  # from Linux's prctl.h


def end_with_parent(parent_pid: int) -> None:
    """In a child: end when process ``parent_pid`` (our parent) ends (Linux; elsewhere nothing)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl: the check below still catches a parent that is already gone
    if os.getppid() != parent_pid:  # the parent died before we asked: nobody will signal us
        os.kill(os.getpid(), signal.SIGTERM)


def stop(processes: Iterable[BaseProcess], timeout: float = 5.0) -> None:
    """End worker processes now (SIGTERM, then SIGKILL for those still there after ``timeout``)."""
    processes = list(processes)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
