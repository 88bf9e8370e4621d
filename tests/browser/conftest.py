"""Browser test infrastructure: the real site built once, served on localhost, one Chromium.

The build of the real site and its HTTP server are session-scoped: built once. Chromium
(with one desktop and one phone context) is module-scoped: started per test module and
stopped at its end (about 1.5 s), because a running Playwright sync session would stop
any other test folder from starting its own. Tests open a fresh page in a shared context
and close it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.served_site import BUILD_ENV, CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, ServedSite
from tests.support import REPO


def _mkdocs_build(project: Path, out: Path, extra_env: dict[str, str] | None = None) -> str:
    env = {**os.environ, **BUILD_ENV, **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(out)], cwd=project, capture_output=True, text=True, env=env
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build failed in {project}:\n{log}"
    return log


@pytest.fixture(scope="session")
def mkdocs_build() -> Callable[..., str]:
    """``mkdocs_build(project, out, extra_env=None)``: build ``project`` into ``out`` (no PDFs, no
    offline copy unless ``extra_env`` asks), assert it succeeded, return its log."""
    return _mkdocs_build


def unzipped_offline_copy(root: Path, folder: Path) -> Path:
    """``root`` built with its offline copy (a build makes it only with its PDFs), unzipped
    into ``folder``: the copy's own folder, its pages read from disk."""
    out = root / "site"
    _mkdocs_build(root, out, {"HANDBOOK_PDF": "1", "HANDBOOK_OFFLINE_COPY": "1"})
    (zip_path,) = (out / "downloads").glob("*.zip")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder)
    return folder / "relationships-handbooks"


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory, make_project) -> Path:
    """The sample's offline copy, unzipped; built once for every module that reads it
    (a module may give its own, built from other content)."""
    root = make_project(tmp_path_factory.mktemp("sample-offline"))
    return unzipped_offline_copy(root, tmp_path_factory.mktemp("sample-unzipped"))


@pytest.fixture(scope="session")
def serve() -> Callable[..., ServedSite]:
    """``serve(folder, build_log="")``: ``folder`` served on localhost until its ``close()``."""
    return ServedSite.start


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, mkdocs_build, serve):
    """The real corpus of this repository, built once per session and served."""
    out = tmp_path_factory.mktemp("real-site") / "site"
    site = serve(out, mkdocs_build(REPO, out))
    yield site
    site.close()


_MEASUREMENTS: dict[str, str] = {}


@pytest.fixture(scope="session")
def measurements() -> dict[str, str]:
    """Figures worth reading after a run (page weight, index size), printed in the summary."""
    return _MEASUREMENTS


def pytest_terminal_summary(terminalreporter):
    if _MEASUREMENTS:
        terminalreporter.section("handbook measurements")
        for name, value in _MEASUREMENTS.items():
            terminalreporter.write_line(f"{name}: {value}")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `bash .ci/install.sh` (apt-get install chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture
def page(desktop):
    """A fresh page in the shared desktop context."""
    tab = desktop.new_page()
    yield tab
    tab.close()


@pytest.fixture(scope="module")
def phone(browser):
    """A small touch screen, 360 CSS pixels wide."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    yield context
    context.close()


@pytest.fixture
def phone_page(phone):
    tab = phone.new_page()
    yield tab
    tab.close()
