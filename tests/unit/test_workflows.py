"""The GitHub workflows: valid (actionlint), pinned, least privilege, and safe for forks."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from support import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
SHA_PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_the_expected_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"pr.yml", "review-comment.yml", "deploy.yml", "links.yml"}


def test_actionlint_finds_nothing():
    actionlint = shutil.which("actionlint")
    assert actionlint, "actionlint is missing: run `bash .ci/install.sh` (the test extra installs it)"
    result = subprocess.run([actionlint, "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path):
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha(path):
    uses = [step["uses"] for step in steps(load(path)) if "uses" in step]
    assert uses, "no actions used?"
    assert [u for u in uses if not SHA_PINNED.match(u)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_explicit_and_least_by_default(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}, "the workflow's default token should have no permissions"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"job {name} does not declare its permissions"


def test_pr_workflow_runs_check_build_and_tests_and_uploads():
    workflow = load(REPO / ".github/workflows/pr.yml")
    assert list(workflow[True]) == ["pull_request"]  # YAML reads the key `on` as True
    runs = " ".join(step.get("run", "") for step in steps(workflow))
    for command in ("handbook check", "mkdocs build --strict", "python3 -m pytest", ".ci/install.sh", "handbook review"):
        assert command in runs
    artifacts = [step["with"]["name"] for step in steps(workflow) if "upload-artifact" in step.get("uses", "")]
    assert artifacts == ["site-preview", "review-report"]
    for job in workflow["jobs"].values():
        assert set(job["permissions"].values()) == {"read"}  # PR code never gets a write token


def test_comment_workflow_never_checks_out_pull_request_code():
    workflow = load(REPO / ".github/workflows/review-comment.yml")
    assert list(workflow[True]) == ["workflow_run"]
    assert not any("checkout" in step.get("uses", "") for step in steps(workflow))
    assert not any("run" in step for step in steps(workflow))
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}


def test_deploy_uses_full_history_and_pages():
    workflow = load(REPO / ".github/workflows/deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    checkouts = [step for step in steps(workflow) if "actions/checkout" in step.get("uses", "")]
    assert checkouts and all(step["with"]["fetch-depth"] == 0 for step in checkouts)
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_deploy_keeps_the_pdf_cache_between_runs():
    workflow = load(REPO / ".github/workflows/deploy.yml")
    names = [step.get("name", step.get("uses", "")) for step in steps(workflow)]
    [cache] = [step for step in steps(workflow) if "actions/cache" in step.get("uses", "")]
    assert cache["with"]["path"] == ".cache/pdf" and cache["with"]["restore-keys"]
    assert names.index(cache["name"]) < names.index("Build the site with PDFs and the offline copy")


def test_links_run_weekly_and_not_on_pull_requests():
    workflow = load(REPO / ".github/workflows/links.yml")
    assert "schedule" in workflow[True] and "pull_request" not in workflow[True]
    assert "handbook links" in " ".join(step.get("run", "") for step in steps(workflow))
    for path in WORKFLOWS:
        if path.name != "links.yml":
            assert "handbook links" not in path.read_text(encoding="utf-8")
