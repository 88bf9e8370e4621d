"""Atomic output: a build writes beside its target and swaps the result in only when it succeeded.

Why: MkDocs empties the site folder first and then writes into it page by page, so a
build that fails half way (an exception, a strict-mode warning) or is killed leaves an
empty or half-written site, and whatever serves or deploys that folder serves that.

How:

* ``stage(target)`` makes a fresh folder ``<name>.building-<pid>-<token>`` beside the
  target (same folder, so the same filesystem: publishing is a rename, never a copy).
* ``StagedOutput.publish()`` swaps it in. On Linux ``renameat2(RENAME_EXCHANGE)`` exchanges
  the two folders in one step: at every instant the target is the whole old site or the
  whole new one. Elsewhere, or where the filesystem refuses the exchange, the old site is
  renamed aside to ``<name>.previous-<pid>-<token>`` and the new one renamed to the
  target: two renames, with a moment between them when the target is missing. Recovery
  rule: if a build dies in that moment, the next build finds no target and a
  ``.previous-`` folder of a dead process beside it, and renames it back before anything
  else. The old site is removed once the new one is in place.
* ``StagedOutput.discard()`` removes the staging folder of a failed build; the target
  was never touched.
* A build that is killed cannot clean up: the next ``stage`` removes every
  ``.building-``/``.previous-`` folder beside the target whose process is no longer
  alive (a folder of a live process is another build at work, and is left alone).

Hidden entries of the old site (``.git`` of a deploy checkout, say) are kept, as MkDocs
keeps them when it cleans the folder: they are moved into the new site after the swap.
On Windows there is no safe way here to ask whether a process is alive, so stale folders
are left for a person to remove.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BUILDING, PREVIOUS = ".building-", ".previous-"  # after the target's name: site.building-<pid>-<token>
AT_FDCWD, RENAME_EXCHANGE = -100, 2  # from Linux's fcntl.h and fs.h
# The filesystem or kernel cannot exchange: fall back to two renames.
EXCHANGE_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


@dataclass(frozen=True)
class StagedOutput:
    target: Path  # the folder readers get: what MkDocs was told to build into
    staging: Path  # where this build writes instead

    def publish(self) -> float:
        """Put the staged site in the target's place and remove the old one; returns the
        seconds the swap itself took (the removal of the old site comes after)."""
        if not self.target.exists():
            started = time.perf_counter()
            os.rename(self.staging, self.target)
            return time.perf_counter() - started
        _copy_mode(self.target, self.staging)
        started = time.perf_counter()
        if exchange(self.staging, self.target):
            seconds = time.perf_counter() - started
            old = self.staging  # holds the old site now
        else:
            old = stamped_path(self.target.parent, self.target.name + PREVIOUS)
            started = time.perf_counter()
            os.rename(self.target, old)
            os.rename(self.staging, self.target)  # dying before this line: see the recovery rule
            seconds = time.perf_counter() - started
        _carry_hidden_entries(old, self.target)
        shutil.rmtree(old, ignore_errors=True)
        return seconds

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def stage(target: Path) -> StagedOutput:
    """A fresh, empty staging folder beside ``target``, after restoring or removing what
    builds that died left there."""
    target = Path(os.path.realpath(target))  # a symbolic link to the site: stage beside the real folder
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    staging = stamped_path(target.parent, target.name + BUILDING)
    staging.mkdir()  # the usual mode for a new folder (umask applies), unlike mkdtemp's 0700
    return StagedOutput(target, staging)


def can_stage(target: Path) -> bool:
    """A mount point cannot be renamed: a site folder that is one is built in place."""
    return not os.path.ismount(os.path.realpath(target))


def recover(target: Path) -> list[Path]:
    """Apply the recovery rule, then remove stale folders beside ``target``; returns the
    folders removed."""
    previous = stale_folders(target.parent, target.name + PREVIOUS)
    if previous and not target.exists():  # a build died between its two renames
        newest = max(previous, key=lambda path: path.stat().st_mtime)
        os.rename(newest, target)
        previous.remove(newest)
    removed = []
    for folder in previous + stale_folders(target.parent, target.name + BUILDING):
        if target.is_dir():
            _carry_hidden_entries(folder, target)  # the old site's, if it died right after its swap
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def stamped_path(parent: Path, prefix: str) -> Path:
    """``parent/<prefix><pid>-<token>``: the pid says whose it is, the token keeps two
    builds of one process apart."""
    return parent / f"{prefix}{os.getpid()}-{secrets.token_hex(4)}"


def stale_folders(parent: Path, prefix: str) -> list[Path]:
    """Folders ``<prefix><pid>-<token>`` in ``parent`` whose process has ended."""
    try:
        entries = list(parent.iterdir())
    except OSError:
        return []
    stale = []
    for entry in entries:
        if not entry.name.startswith(prefix) or entry.is_symlink() or not entry.is_dir():
            continue
        pid, _, token = entry.name[len(prefix) :].partition("-")
        if pid.isdigit() and token and not pid_alive(int(pid)):
            stale.append(entry)
    return stale


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    try:  # on Linux, a process that has ended but not been waited for is a zombie: ended
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace").rpartition(")")[2].split()
    except OSError:
        return True
    return not state or state[0] != "Z"


def exchange(first: Path, second: Path) -> bool:
    """Exchange two paths in one step (Linux); False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2  # glibc 2.28 and later
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in EXCHANGE_UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _copy_mode(source: Path, destination: Path) -> None:
    """The new site keeps the permissions someone gave the old folder."""
    os.chmod(destination, stat.S_IMODE(source.stat().st_mode))


def _carry_hidden_entries(old: Path, new: Path) -> None:
    try:
        entries = [entry for entry in old.iterdir() if entry.name.startswith(".")]
    except OSError:
        return
    for entry in entries:
        if not os.path.lexists(new / entry.name):
            os.rename(entry, new / entry.name)
