"""What the English build and its language passes tell each other (handbook.mkdocs.language_pass
starts the passes; this is the part the outputs need, without MkDocs).

The variables are an internal protocol between processes of one build, like the offline
copy's (handbook.outputs.offline), not options (handbook.settings lists them as internal).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LANGUAGE_PASS_ENV = "HANDBOOK_LANGUAGE_PASS"
BASE_URL_ENV = "HANDBOOK_LANGUAGE_BASE_URL"
HANDOVER_ENV = "HANDBOOK_LANGUAGE_HANDOVER"
PARENT_ENV = "HANDBOOK_LANGUAGE_PARENT_PID"  # a pass ends with the build that started it


def language_pass_language(environ: Mapping[str, str] = os.environ) -> str | None:
    """The language this build is the pass of, or None in the English build."""
    return environ.get(LANGUAGE_PASS_ENV, "").strip() or None


def handover_folder(environ: Mapping[str, str] = os.environ) -> Path | None:
    text = environ.get(HANDOVER_ENV, "")
    return Path(text) if text else None


def parent_pid(environ: Mapping[str, str] = os.environ) -> int | None:
    """In a language pass: the build that started it (it ends with it)."""
    text = environ.get(PARENT_ENV, "")
    return int(text) if language_pass_language(environ) and text.isdigit() else None


def downloads_manifest(handover: Path, language: str) -> Path:
    """Where the online ``language`` pass leaves the list of its PDFs."""
    return handover / f"{language}.downloads.json"


def pass_facts(handover: Path, language: str) -> Path:
    """Where the English online build notes its ``language`` pass's process id and folder."""
    return handover / f"{language}.pass.json"


@dataclass(frozen=True)
class OnlinePass:
    """What an offline language pass reads of the online one in the handover folder."""

    pid: int | None
    site_dir: Path | None


def read_online_pass(handover: Path, language: str) -> OnlinePass:
    try:
        facts = json.loads(pass_facts(handover, language).read_text(encoding="utf-8"))
        return OnlinePass(int(facts["pid"]), Path(facts["site_dir"]))
    except (OSError, ValueError, KeyError, TypeError):
        return OnlinePass(None, None)


def pdf_folder(handover: Path, language: str) -> Path:
    """Where the online ``language`` pass leaves a copy of its PDFs for the offline copy's pass
    (its own output folder may still be a staging folder that is renamed when it ends)."""
    return handover / f"{language}-pdfs"


def leave_downloads(downloads: Any, language: str, site_dir: Path, environ: Mapping[str, str] = os.environ) -> None:
    """In an online language pass: leave its PDFs (copied from ``site_dir``) and their list
    for the offline copy's pass (``downloads``: a handbook.outputs.downloads.Downloads); the
    list last, whole or not at all: it says the PDFs are there."""
    handover = handover_folder(environ)
    if handover is None or not handover.is_dir():
        return
    folder = pdf_folder(handover, language)
    folder.mkdir(exist_ok=True)
    for download in downloads.all():
        if download.format == "PDF" and (site_dir / download.path).is_file():
            shutil.copyfile(site_dir / download.path, folder / Path(download.path).name)
    manifest = downloads_manifest(handover, language)
    partial = manifest.with_suffix(".part")
    downloads.save(partial)
    os.replace(partial, manifest)
