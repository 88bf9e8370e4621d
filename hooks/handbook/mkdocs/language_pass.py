"""The site in another language: a second ``mkdocs build`` of the same repository, into ``<site>/<language>/``.

The English build (any build that is not itself a language pass) starts one pass per
language of the ``languages`` option (handbook.settings) as a subprocess, once MkDocs has
emptied its output folder (``on_files``), so the pass writes straight into the English
build's own output: its staging folder for ``mkdocs build`` (handbook.safety.atomic_output),
which is swapped in only when both languages succeeded, or the preview's folder for
``mkdocs serve``. The two builds run side by side; the English one waits for its passes
before it publishes (``LanguagePasses.finish``), and a pass that failed fails it, with the
pass's log.

A pass is told, through its environment (an internal protocol, like the offline copy's
in handbook.outputs.offline, not options):

* ``HANDBOOK_LANGUAGE_PASS=<language>``: it is that language's pass; it starts no pass of
  its own, and ``configure_for_language`` turns its configuration to the language;
* ``HANDBOOK_LANGUAGE_BASE_URL``: the English build's ``site_url`` (the pass's is that plus
  ``<language>/``; for ``mkdocs serve`` the preview's address, so the pass is a preview too);
* ``HANDBOOK_LANGUAGE_HANDOVER``: a folder of the English online build where the pass
  leaves copies of its PDFs (``<language>-pdfs/``) and then their list
  (``<language>.downloads.json``) for the offline copy, and where the English build notes
  the pass's process and folder (``<language>.pass.json``);
* ``HANDBOOK_LANGUAGE_PARENT_PID``: the build that started it, which it ends with.

The offline copy in both languages: the English build's offline pass (handbook.outputs.offline)
is an English build too, so it starts its own language passes, offline, into its folder's
``<language>/``; they copy the PDFs the online language passes left in the handover folder
rather than render them again, and stop waiting for them if the online pass is gone.
No pass waits for the build that started it, so nothing can wait in a circle: English ->
Welsh; English -> English offline -> Welsh offline -> (the list of) Welsh. The Welsh
downloads page links the one zip without its size, which is known only after it is written.

``mkdocs serve`` previews the other languages too: the preview's address is the pass's base,
so the pass is a preview (no PDFs), built into the served folder's ``<language>/`` on
every rebuild, with the drafts the preview shows.

A pass ends with the build that started it (handbook.safety.child_processes, through
``offline.follow_first_pass``); its log and the handover are in a work folder in the
temporary folder, removed when the build ends, or by the next build if it was killed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.outputs import offline
from handbook.outputs.language_handover import (
    BASE_URL_ENV,
    HANDOVER_ENV,
    LANGUAGE_PASS_ENV,
    PARENT_ENV,
    downloads_manifest,
    handover_folder,
    language_pass_language,
    pass_facts,
    pdf_folder,
)
from handbook.safety.atomic_output import stale_folders, stamped_path

__all__ = ["LanguagePasses", "configure_for_language", "language_pass_language", "language_site_url"]

WORK_PREFIX = "handbook-languages-"  # in the temporary folder: handbook-languages-<pid>-<token>
LOG_LINES = 200  # of a failed pass's log, shown in the English build's
LEVELS = ("WARNING", "ERROR", "INFO", "DEBUG", "CRITICAL")  # MkDocs' "WARNING -  message" lines

log = logging.getLogger("mkdocs.hooks.handbook.languages")


def language_site_url(base_url: str | None, language: str) -> str:
    """The pass's site_url: the English one with ``<language>/`` after it."""
    base = (base_url or "").strip()
    if not base:
        return ""
    return base.rstrip("/") + f"/{language}/"


def configure_for_language(config: Any, language: str, messages: Any, environ: Mapping[str, str] = os.environ) -> None:
    """Turn a MkDocs configuration to ``language`` (in its pass, before any plugin's on_config).

    * Material's interface strings and ``<html lang>``: ``theme.language``;
    * ``site_url``: the English build's (``HANDBOOK_LANGUAGE_BASE_URL``, else mkdocs.yml's) plus ``<language>/``;
    * search: Material's search worker removes from lunr's English pipeline every step
      the ``pipeline`` setting does not name, so ``pipeline: []`` leaves no English
      stop-word filter, trimmer or stemmer on the text (lunr has no Welsh stemmer), and
      ``lang: [en]`` loads no other language's script. Must run before the search plugin's
      ``on_config``, which fills both from the theme's language when they are unset;
    * the site's name, description and copyright line from mkdocs.yml through ``messages``
      (the Welsh is in messages/<language>/outputs.po under ``#: mkdocs.yml``).
    """
    config.theme["language"] = language
    config.site_url = language_site_url(environ.get(BASE_URL_ENV) or config.site_url, language) or None
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search" and hasattr(plugin, "config"):
            plugin.config["pipeline"] = []
            plugin.config["lang"] = ["en"]
    for key in ("site_name", "site_description", "copyright"):
        text = config.get(key)
        if text:
            # mkdocs.yml's own text: a msgid written by hand in outputs.po, not extracted from code.
            config[key] = messages.gettext(str(text))


# -- the English build's side -----------------------------------------------------------------
def pass_environment(
    environ: Mapping[str, str],
    language: str,
    *,
    base_url: str,
    include_drafts: bool,
    handover: Path | None,
    offline_pass: bool,
    own_pid: int,
) -> dict[str, str]:
    """The environment of one language pass."""
    env = {
        **environ,
        LANGUAGE_PASS_ENV: language,
        BASE_URL_ENV: base_url,
        PARENT_ENV: str(own_pid),
        # The English build's choice, whatever made it (`mkdocs serve` builds drafts, the pass is a `mkdocs build`).
        "HANDBOOK_DRAFTS": "1" if include_drafts else "0",
        "NO_MKDOCS_2_WARNING": "1",
    }
    if offline_pass:
        # The offline copy's Welsh pass: the PDFs of the online Welsh pass, through the handover.
        for variable in (offline.MANIFEST_ENV, offline.PDF_DIR_ENV):
            env.pop(variable, None)
        env[offline.FIRST_PASS_ENV] = str(own_pid)
        if handover is not None:
            env[offline.MANIFEST_ENV] = str(downloads_manifest(handover, language))
            env[offline.PDF_DIR_ENV] = str(pdf_folder(handover, language))
    elif handover is not None:
        env[HANDOVER_ENV] = str(handover)
    return env


def pass_command(config_file: Path, site_dir: Path, strict: bool) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config_file), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return command


@dataclass
class LanguagePass:
    language: str
    site_dir: Path
    log_path: Path
    process: subprocess.Popen
    started: float


@dataclass
class LanguagePasses:
    """The language passes one build started (none in a language pass, or without ``languages``)."""

    passes: list[LanguagePass] = field(default_factory=list)
    work_dir: Path | None = None
    handover: Path | None = None  # for the offline pass (handbook.outputs.offline_readers)
    seconds: dict[str, float] = field(default_factory=dict)  # each finished pass's time
    strict: bool = False  # the passes were started with --strict
    _cleanup: Any = field(default=None, repr=False)

    @classmethod
    def start(
        cls,
        languages: Iterable[str],
        *,
        root: Path,
        config_file: Path,
        site_dir: Path,
        site_url: str | None,
        strict: bool,
        include_drafts: bool,
        environ: Mapping[str, str] = os.environ,
    ) -> LanguagePasses:
        """Start a pass per language into ``site_dir/<language>/`` (after MkDocs has emptied
        ``site_dir``: ``on_files``). Nothing in a language pass itself."""
        languages = list(languages)
        if not languages or language_pass_language(environ) is not None:
            return cls()
        remove_stale_work_folders()
        work_dir = stamped_path(Path(tempfile.gettempdir()), WORK_PREFIX)
        work_dir.mkdir(mode=0o700)
        offline_pass = offline.is_offline_pass(environ)
        handover = handover_folder(environ) if offline_pass else work_dir
        passes = cls(work_dir=work_dir, handover=None if offline_pass else work_dir, strict=strict)
        passes._cleanup = weakref.finalize(passes, _discard, passes.passes, work_dir)
        for language in languages:
            target = site_dir / language
            env = pass_environment(
                environ,
                language,
                base_url=site_url or "",
                include_drafts=include_drafts,
                handover=handover,
                offline_pass=offline_pass,
                own_pid=os.getpid(),
            )
            log_path = work_dir / f"{language}.log"  # a file, not a pipe: a full pipe would stall the pass
            with log_path.open("w", encoding="utf-8") as log_file:
                process = subprocess.Popen(
                    pass_command(config_file, target, strict),
                    cwd=root,
                    env=env,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                )
            passes.passes.append(LanguagePass(language, target, log_path, process, time.perf_counter()))
            if not offline_pass:  # for the offline copy's own pass: whose PDFs, and whether it still runs
                facts = pass_facts(work_dir, language)
                partial = facts.with_suffix(".part")
                partial.write_text(json.dumps({"pid": process.pid, "site_dir": str(target)}), encoding="utf-8")
                os.replace(partial, facts)
        return passes

    @property
    def languages(self) -> list[str]:
        return [p.language for p in self.passes]

    def finish(self) -> list[str]:
        """Wait for every pass; what went wrong, as lines for the build's log (none: all built).

        The work folder is removed afterwards."""
        problems: list[str] = []
        try:
            for running in self.passes:
                code = running.process.wait()
                self.seconds[running.language] = time.perf_counter() - running.started
                if code != 0:
                    problems += failure_report(running.language, code, running.log_path)
                    continue
                relay_warnings(running.language, running.log_path, counted=not self.strict)
                if not (running.site_dir / "index.html").is_file() and not (running.site_dir / "404.html").is_file():
                    problems.append(f"handbook: the '{running.language}' build wrote no site into {running.site_dir}")
        finally:
            self.discard()
        return problems

    def discard(self) -> None:
        """The build failed or was stopped: end every pass still running, remove the work folder."""
        if self._cleanup is not None:
            self._cleanup()


def relay_warnings(language: str, log_path: Path, counted: bool = True) -> None:
    """A pass that succeeded may still have warned (a build that is not strict): its
    quiet log holds only warnings and errors; say them in this build's log.

    A strict pass that succeeded had no warning MkDocs counts: what its log holds was
    printed, not logged (the git-revision-date plugin prints "WARNING -  ... has no git
    logs" for an uncommitted page, which the English build's MkDocs does not count
    either), so it is said at INFO (``counted`` False), not made to fail the English build."""
    try:
        lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    for line in lines:
        text = line.strip()
        if text:
            level, _, message = text.partition(" -  ")
            said = f"handbook: {language}: {message if level.strip() in LEVELS else text}"
            log.log(logging.WARNING if counted else logging.INFO, said)


def failure_report(language: str, code: int, log_path: Path) -> list[str]:
    try:
        lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    how = f"was killed by signal {-code}" if code < 0 else f"failed (exit code {code})"
    shown = lines[-LOG_LINES:]
    report = [f"handbook: the '{language}' build (the site in that language, under {language}/) {how}"]
    if len(lines) > len(shown):
        report.append(f"handbook: {language}: ... (the last {len(shown)} of {len(lines)} lines of its log)")
    report += [f"handbook: {language}: {line}" for line in shown]
    return report


def _discard(passes: list[LanguagePass], work_dir: Path) -> None:
    for running in passes:
        if running.process.poll() is None:
            running.process.kill()
        running.process.wait()  # no zombie
    shutil.rmtree(work_dir, ignore_errors=True)


def remove_stale_work_folders() -> None:
    """Remove the work folders of builds that were killed."""
    for stale in stale_folders(Path(tempfile.gettempdir()), WORK_PREFIX):
        shutil.rmtree(stale, ignore_errors=True)
