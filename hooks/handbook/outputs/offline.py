"""The offline copy of the whole site: a second, offline build packed into a zip.

The online site keeps directory URLs; Material's offline plugin (which turns them off
and inlines the search index so search works from file://) is enabled only in a second
``mkdocs build`` run with ``HANDBOOK_OFFLINE=true`` into a temporary folder. That pass
renders no PDFs: it receives the list of downloads and copies the PDFs the first pass
made. It starts before the first pass renders its PDFs, renders its own pages meanwhile
(so both cores stay busy while the PDF workers wait on each other), and waits for the
list of downloads only where it needs it. The first build waits for it only when it
writes the page that shows the zip's size (written last), and then zips the folder into
the online site's downloads.

In both languages: the offline pass is an English build, so it starts its own language
passes (handbook.mkdocs.language_pass) into its folder's ``cy/``, and waits for them
before it ends; the zip holds both. Each offline language pass copies the PDFs that the
online language pass made, whose list it finds in the handover folder the first build
passes on (``extra_env``), and stops waiting for that list if the online pass is gone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import weakref
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from handbook.outputs import language_handover
from handbook.outputs.downloads import Downloads
from handbook.safety.atomic_output import pid_alive, stale_folders, stamped_path
from handbook.safety.child_processes import end_with_parent

# What the first build tells the offline pass, through the second process's environment:
# an internal protocol between two processes of one build, set here and read here
# (``from_first_pass``), not options (those are handbook.settings). mkdocs.yml reads
# HANDBOOK_OFFLINE too, to turn Material's offline plugin on in the second build only.
OFFLINE_ENV = "HANDBOOK_OFFLINE"
MANIFEST_ENV = "HANDBOOK_DOWNLOADS_MANIFEST"  # JSON list of downloads, for the offline pass
PDF_DIR_ENV = "HANDBOOK_PDF_DIR"  # where the first pass put its PDFs
FIRST_PASS_ENV = "HANDBOOK_FIRST_PASS_PID"  # the offline pass stops waiting if this process is gone
ZIP_FOLDER = "relationships-handbooks"  # the folder the zip unpacks into
ZIP_NAME = "relationships-handbooks-offline.zip"
WORK_PREFIX = "handbook-offline-"  # the offline pass's folder in the temporary folder: handbook-offline-<pid>-<token>
# Material's offline plugin asks for this shim from a CDN; the offline copy carries its own.
IFRAME_WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"


def is_offline_pass(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(OFFLINE_ENV, "").lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class FromFirstPass:
    """What the offline pass was told by the build that started it (OfflinePass below)."""

    manifest: Path | None  # the list of downloads, once the first pass has written it
    pdf_dir: Path | None  # the first pass's PDFs
    first_pass_pid: int | None
    # An offline language pass: the online language pass that writes the list (not our
    # parent); the wait ends if it is gone without writing it.
    producer_pid: int | None = None


def from_first_pass(environ: Mapping[str, str] = os.environ) -> FromFirstPass | None:
    """In the offline pass, what the first pass told it; None in any other build."""
    if not is_offline_pass(environ):
        return None
    manifest, pdf_dir = environ.get(MANIFEST_ENV, ""), environ.get(PDF_DIR_ENV, "")
    pid = environ.get(FIRST_PASS_ENV, "")
    producer = None
    language, handover = language_handover.language_pass_language(environ), language_handover.handover_folder(environ)
    if language is not None and handover is not None:
        producer = language_handover.read_online_pass(handover, language).pid
    return FromFirstPass(
        Path(manifest) if manifest else None,
        Path(pdf_dir) if pdf_dir else None,
        int(pid) if pid.isdigit() else None,
        producer,
    )


def follow_first_pass(environ: Mapping[str, str] = os.environ) -> None:
    """In the offline pass or a language pass: end when the build that started it does
    (it is killed, say), rather than build on for nobody."""
    told = from_first_pass(environ)
    if told is not None and told.first_pass_pid is not None:
        end_with_parent(told.first_pass_pid)
    parent = language_handover.parent_pid(environ)
    if parent is not None:
        end_with_parent(parent)


def local_polyfills(polyfills: list[str]) -> list[str]:
    """Material's polyfills with the CDN iframe-worker shim replaced by our copy."""
    kept = [p for p in polyfills if "iframe-worker" not in p]
    return [*kept, IFRAME_WORKER_SHIM]


@dataclass(frozen=True)
class OfflineCopy:
    zip_path: Path
    pages: int
    seconds: float


@dataclass(frozen=True)
class OfflinePassFailed(Exception):
    log: str


class OfflinePass:
    """The offline build, running in its own process while this build makes its PDFs and
    writes its pages.

    It may start before the PDFs exist: it waits for ``release`` (the list of downloads,
    written once the PDFs are in ``pdf_dir``) before it copies them in. ``finish`` waits
    for it and zips it.
    """

    def __init__(
        self,
        root: Path,
        config_file: Path,
        downloads: Downloads | None,
        pdf_dir: Path,
        strict: bool = False,
        extra_env: Mapping[str, str] | None = None,
    ):
        """``extra_env``: more of the protocol (the language passes' handover folder)."""
        self.started = time.perf_counter()
        self.work_dir = stamped_path(Path(tempfile.gettempdir()), WORK_PREFIX)
        self.work_dir.mkdir(mode=0o700)
        # If the build stops before finish(), do not leave the process or the folder behind.
        self._cleanup = weakref.finalize(self, _discard, None, self.work_dir)
        self.manifest = manifest = self.work_dir / "downloads.json"
        self.released = False
        if downloads is not None:
            self.release(downloads)
        self.site_dir = self.work_dir / ZIP_FOLDER
        env = {
            **os.environ,
            OFFLINE_ENV: "true",
            MANIFEST_ENV: str(manifest),
            PDF_DIR_ENV: str(pdf_dir),
            FIRST_PASS_ENV: str(os.getpid()),
            "NO_MKDOCS_2_WARNING": "1",
            **(extra_env or {}),
        }
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config_file), "-d", str(self.site_dir)]
        if strict:
            command.append("--strict")
        self.log_path = self.work_dir / "build.log"  # a file, not a pipe: a full pipe would stall the build
        with self.log_path.open("w", encoding="utf-8") as log_file:
            self.process = subprocess.Popen(command, cwd=root, env=env, stdout=log_file, stderr=subprocess.STDOUT)
        self._cleanup.detach()
        self._cleanup = weakref.finalize(self, _discard, self.process, self.work_dir)

    def discard(self) -> None:
        """The build failed or was stopped: end the offline build and remove its folder."""
        self._cleanup()

    def release(self, downloads: Downloads) -> None:
        """Hand the offline build the list of downloads (their files are ready): it has
        been waiting for it (``await_manifest``), or will find it when it gets there."""
        partial = self.manifest.with_suffix(".part")
        downloads.save(partial)
        os.replace(partial, self.manifest)  # whole or not at all: the other process polls for it
        self.released = True

    def finish(self, destination: Path) -> OfflineCopy:
        """Wait for the offline build, then zip it to ``destination``."""
        if not self.released:  # it would wait for the list for ever
            self.release(Downloads.empty())
        try:
            if self.process.wait() != 0:
                raise OfflinePassFailed(self.log_path.read_text(encoding="utf-8", errors="replace"))
            pages = write_zip(self.site_dir, destination)
        finally:
            self._cleanup()
        return OfflineCopy(destination, pages, time.perf_counter() - self.started)


def await_manifest(
    manifest: Path,
    first_pass: int | None,
    timeout: float = 1800.0,
    poll: float = 0.05,
    producer: int | None = None,
) -> bool:
    """In the offline pass: wait until the first pass (process ``first_pass``, our
    parent) has written the list of downloads; in an offline language pass, the online
    language pass (process ``producer``) writes it.

    False if it never comes: the time is up, or the first pass or the producer is gone.
    """
    deadline = time.monotonic() + timeout
    while not manifest.is_file():
        if time.monotonic() > deadline or (first_pass is not None and os.getppid() != first_pass):
            return False
        if producer is not None and not pid_alive(producer) and not manifest.is_file():
            return False
        time.sleep(poll)
    return True


def remove_stale_work_folders() -> None:
    """Remove the work folders of offline passes whose build was killed."""
    for stale in stale_folders(Path(tempfile.gettempdir()), WORK_PREFIX):
        shutil.rmtree(stale, ignore_errors=True)


def _discard(process: subprocess.Popen | None, work_dir: Path) -> None:
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    shutil.rmtree(work_dir, ignore_errors=True)


def write_zip(site_dir: Path, destination: Path) -> int:
    """Zip a built site under one top folder; returns the number of HTML pages."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".part")
    pages = 0
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                name = f"{ZIP_FOLDER}/{path.relative_to(site_dir).as_posix()}"
                # PDFs and gzip files are compressed already
                kind = zipfile.ZIP_STORED if path.suffix in (".pdf", ".gz") else zipfile.ZIP_DEFLATED
                archive.write(path, name, compress_type=kind)
                pages += path.suffix == ".html"
    os.replace(partial, destination)
    return pages


def copy_pdfs(downloads: Downloads, pdf_dir: Path, site_dir: Path) -> None:
    """In the offline pass: put the first pass's PDFs into the offline copy."""
    for download in downloads.all():
        if download.format == "PDF":
            source = pdf_dir / Path(download.path).name
            if source.is_file():
                target = site_dir / download.path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
