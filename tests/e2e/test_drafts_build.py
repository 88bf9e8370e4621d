"""End-to-end: drafts are left out of `mkdocs build` (pages, navigation, search, exports,
sitemap, PDFs, offline copy) and built with a "Draft" banner by `mkdocs serve` and by
`HANDBOOK_DRAFTS=1 mkdocs build` (issue 17)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.drafts_project import MARKERS, add_drafts
from tests.support import BuildResult

# The address of each draft's page, and one published page beside each.
DRAFT_URLS = (
    "handbooks/starter/unfinished/",
    "handbooks/secret/",
    "handbooks/secret/only-chapter/",
    "glossary/kitchen-table/",
    "evidence/draft-study/",
    "about/plans/",
)
PUBLISHED_URLS = (
    "handbooks/starter/",
    "handbooks/starter/going-further/",
    "glossary/loneliness/",
    "evidence/russell-1996/",
    "about/",
)
BANNER = '<p class="admonition-title">Draft</p>'
TEXT_SUFFIXES = (".html", ".json", ".xml", ".csv", ".ris", ".txt", ".js")


@pytest.fixture(scope="module")
def project(tmp_path_factory, make_project, git_commit) -> Path:
    root = add_drafts(make_project(tmp_path_factory.mktemp("drafts") / "project", git=False))
    git_commit(root, "Content with drafts")
    return root


def copy_of(project: Path, tmp_path_factory, name: str) -> Path:
    root = tmp_path_factory.mktemp(name) / "project"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("site", ".cache"))
    return root


@pytest.fixture(scope="module")
def production(project, tmp_path_factory, build) -> BuildResult:
    result = build(copy_of(project, tmp_path_factory, "production"), "--strict", env={"HANDBOOK_DRAFTS": ""})
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def with_drafts(project, tmp_path_factory, build) -> BuildResult:
    result = build(copy_of(project, tmp_path_factory, "with-drafts"), "--strict", env={"HANDBOOK_DRAFTS": "1"})
    assert result.returncode == 0, result.log
    return result


def everything_written(site: Path) -> dict[str, str]:
    """Every text the site holds, by file: pages, search index, exports, sitemap, feed,
    the text of each PDF and each file inside the offline copy."""
    texts = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix in TEXT_SUFFIXES:
            texts[name] = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pdf":
            texts[name] = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for inner in archive.namelist():
                    texts[f"{name}/{inner}"] = inner + "\n" + archive.read(inner).decode("utf-8", errors="replace")
    return texts


def test_a_production_build_leaves_every_draft_out(production):
    for url in DRAFT_URLS:
        assert not (production.site / url).exists(), url
    for url in PUBLISHED_URLS:
        assert (production.site / url / "index.html").is_file(), url
    texts = everything_written(production.site)
    assert {
        "search/search_index.json",
        "sitemap.xml",
        "downloads/handbook-starter.pdf",
        "downloads/glossary.pdf",
        "downloads/evidence-base.pdf",
        "glossary/glossary.json",
        "evidence/evidence.csv",
        "evidence/evidence.ris",
        "changes/feed.xml",
    } <= set(texts), sorted(texts)
    assert not (production.site / "downloads/handbook-secret.pdf").exists()
    assert any("first-steps" in name for name in texts if ".zip/" in name)  # the offline copy was read
    for marker in MARKERS.values():
        found = [name for name, text in texts.items() if marker in text]
        assert not found, f"{marker} in {found}"
    for url in DRAFT_URLS:
        found = [name for name, text in texts.items() if url in text]
        assert not found, f"{url} in {found}"
    for text in texts.values():
        assert BANNER not in text
    assert "drafts left out (HANDBOOK_DRAFTS=1 builds them)" in production.log


def test_a_published_handbook_numbers_its_published_chapters(production):
    page = production.html("handbooks/starter/going-further/")
    assert "Chapter 2 of 2" in page


def test_with_handbook_drafts_the_drafts_are_built_with_a_banner(with_drafts):
    for url in DRAFT_URLS:
        page = with_drafts.html(url)
        assert page.count(BANNER) == 1, url
        assert 'role="note" aria-label="Draft"' in page
    for url in PUBLISHED_URLS:
        assert BANNER not in with_drafts.html(url), url
    assert "Chapter 3 of 3" in with_drafts.html("handbooks/starter/going-further/")
    texts = everything_written(with_drafts.site)
    for marker in MARKERS.values():
        assert marker in texts["search/search_index.json"], marker
    secret = texts["downloads/handbook-secret.pdf"]
    assert MARKERS["handbook"] in secret and MARKERS["handbook_chapter"] in secret and "Draft" in secret
    assert MARKERS["chapter"] in texts["downloads/handbook-starter.pdf"]
    assert MARKERS["term"] in texts["downloads/glossary.pdf"]
    assert "kitchen-table" in texts["glossary/glossary.json"]
    assert "draft-study" in texts["evidence/evidence.json"]


SERVE_BUILD = """
import logging
import sys
logging.basicConfig(level=logging.INFO)
from mkdocs.config import load_config
from mkdocs.commands.build import build
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)  # as mkdocs serve does
build(config)
"""


def test_mkdocs_serve_builds_the_drafts_with_a_banner(project, tmp_path_factory):
    root = copy_of(project, tmp_path_factory, "serve")
    served = root / "served"
    env = {key: value for key, value in os.environ.items() if key != "HANDBOOK_DRAFTS"}
    env.update(NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, "-c", SERVE_BUILD, str(served)], cwd=root, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for url in DRAFT_URLS:
        assert (served / url / "index.html").read_text(encoding="utf-8").count(BANNER) == 1, url
    assert "6 drafts built, each with a Draft banner" in done.stderr


def test_a_published_page_citing_a_draft_fails_the_production_build(project, tmp_path_factory, build):
    root = copy_of(project, tmp_path_factory, "reference")
    chapter = root / "handbooks/starter/going-further.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("[@russell-1996]", "[@draft-study]"), encoding="utf-8"
    )
    result = build(root, env={"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0", "HANDBOOK_DRAFTS": ""})
    assert result.returncode != 0
    assert (
        "handbooks/starter/going-further.md:6: citation: evidence 'draft-study' is a draft, "
        "left out of the published site"
    ) in result.log
    assert "Traceback" not in result.log
    preview = build(root, env={"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0", "HANDBOOK_DRAFTS": "1"})
    assert preview.returncode == 0, preview.log
