"""The offline copy of the whole site: a second, offline build packed into a zip.

The online site keeps directory URLs; Material's offline plugin (which turns them off
and inlines the search index so search works from file://) is enabled only in a second
``mkdocs build`` run with ``HANDBOOK_OFFLINE=1`` into a temporary folder. That pass
renders no PDFs: it receives the list of downloads and copies the PDFs the first pass
made. Then the folder is zipped into the online site's downloads.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .downloads import Downloads

OFFLINE_ENV = "HANDBOOK_OFFLINE"
MANIFEST_ENV = "HANDBOOK_DOWNLOADS_MANIFEST"  # JSON list of downloads, for the offline pass
PDF_DIR_ENV = "HANDBOOK_PDF_DIR"  # where the first pass put its PDFs
ZIP_FOLDER = "relationships-handbooks"  # the folder the zip unpacks into
ZIP_NAME = "relationships-handbooks-offline.zip"
# Material's offline plugin asks for this shim from a CDN; the offline copy carries its own.
IFRAME_WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"


def is_offline_pass(environ: Mapping[str, str]) -> bool:
    return environ.get(OFFLINE_ENV, "").lower() in ("1", "true", "yes")


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


def build_offline_copy(root: Path, config_file: Path, downloads: Downloads, pdf_dir: Path, destination: Path,
                       strict: bool = False) -> OfflineCopy:
    """Run the offline build and zip it to ``destination``."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="handbook-offline-") as work:
        work_dir = Path(work)
        manifest = work_dir / "downloads.json"
        downloads.save(manifest)
        site_dir = work_dir / ZIP_FOLDER
        env = {**os.environ, OFFLINE_ENV: "true", MANIFEST_ENV: str(manifest), PDF_DIR_ENV: str(pdf_dir),
               "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config_file), "-d", str(site_dir)]
        if strict:
            command.append("--strict")
        result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise OfflinePassFailed(result.stdout + result.stderr)
        pages = write_zip(site_dir, destination)
    return OfflineCopy(destination, pages, time.perf_counter() - started)


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
