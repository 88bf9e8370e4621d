"""The GitHub workflows: valid (actionlint), pinned, least privilege, and safe for forks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import REPO

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
    for command in (
        "handbook check",
        "mkdocs build --strict",
        "python3 -m pytest",
        "pip install -c constraints.txt -e '.[test]'",
        "npm ci",
        "handbook review",
    ):
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


# -- issue 16: pinned images, concurrency, and a comment only on its own pull request ---------
DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_containers_are_pinned_by_digest_and_runners_by_version(path):
    for name, job in load(path)["jobs"].items():
        images = [job["container"]] if "container" in job else []
        images += list(job.get("services", {}).values())
        for image in images:
            image = image["image"] if isinstance(image, dict) else image
            assert DIGEST.search(image), f"job {name}: {image} is not pinned by digest"
        assert not str(job["runs-on"]).endswith("-latest"), f"job {name}: a -latest runner changes under us"


def test_comment_and_link_workflows_run_one_at_a_time():
    comment = load(REPO / ".github/workflows/review-comment.yml")["concurrency"]
    # Per pull-request branch, from the trusted event; a newer report replaces an older one.
    assert "github.event.workflow_run.head_repository.full_name" in comment["group"]
    assert "github.event.workflow_run.head_branch" in comment["group"] and comment["cancel-in-progress"] is True
    links = load(REPO / ".github/workflows/links.yml")["concurrency"]
    assert links["group"] and links["cancel-in-progress"] is False  # never two runs editing the same issue


def strings(node, key=None):
    """Every (key, string) in a loaded workflow."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v, key)
    elif isinstance(node, str):
        yield key, node


def test_comment_workflow_uses_only_trusted_expressions():
    """Nothing the pull request's run wrote (the artifact, or a step output made from it) reaches an expression."""
    expressions = []
    for key, value in strings(load(REPO / ".github/workflows/review-comment.yml")):
        expressions += [value] if key == "if" else re.findall(r"\$\{\{(.*?)\}\}", value)
    contexts = {
        name
        for e in expressions
        for name in re.findall(r"\b(?:github|runner|steps|needs|env|inputs|vars|secrets)\.[\w.-]+", e)
    }
    allowed = re.compile(r"^(github\.event\.workflow_run\.[\w.]+|github\.token|runner\.temp)$")
    assert contexts and sorted(c for c in contexts if not allowed.match(c)) == []


# The comment script, run under Node with GitHub's API replaced by a recorder.
HARNESS = """
const fs = require('fs');
const scenario = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const calls = [], failed = [];
const github = {
  rest: {
    pulls: { get: async (a) => { calls.push(['get', a.pull_number]); return { data: scenario.pr }; } },
    issues: {
      listComments: 'listComments',
      createComment: async (a) => { calls.push(['create', a.issue_number, a.body]); },
      updateComment: async (a) => { calls.push(['update', a.comment_id, a.body]); },
    },
  },
  paginate: async () => scenario.comments,
};
const context = { repo: { owner: 'relationships-project', repo: 'handbooks' } };
const core = { setFailed: (m) => failed.push(m) };
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction('require', 'github', 'context', 'core', fs.readFileSync(process.argv[2], 'utf8'))(require, github, context, core)
  .then(() => console.log(JSON.stringify({ calls, failed })));
"""
RUN_SHA = "a" * 40
REPORT = (
    "<!-- handbook-review-report -->\n## Content review\n\nHello @relationships-project/maintainers and @octocat.\n"
)


def run_comment_script(
    tmp_path: Path, pr: dict, pr_number: str = "7", report: str | Path = REPORT, comments: list | None = None
) -> dict:
    """The outcome of the script: API calls made and failures set (report: text, or a file to link to)."""
    node = shutil.which("node")
    assert node, "node is missing (the test extra's npm ci needs it too)"
    [step] = [
        s for s in steps(load(REPO / ".github/workflows/review-comment.yml")) if "github-script" in s.get("uses", "")
    ]
    values = {
        "runner.temp": str(tmp_path),
        "github.event.workflow_run.head_sha": RUN_SHA,
        "github.event.workflow_run.head_repository.id": "42",
        "github.event.workflow_run.html_url": "https://github.com/relationships-project/handbooks/actions/runs/1",
        "github.event.workflow_run.conclusion": "success",
    }
    env = {
        name: re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: values[m.group(1)], value)
        for name, value in step["env"].items()
    }
    review = tmp_path / "review"
    review.mkdir()
    (review / "pr-number").write_text(pr_number + "\n", encoding="utf-8")
    if isinstance(report, Path):
        (review / "report.md").symlink_to(report)
    else:
        (review / "report.md").write_text(report, encoding="utf-8")
    (tmp_path / "script.js").write_text(step["with"]["script"], encoding="utf-8")
    (tmp_path / "harness.js").write_text(HARNESS, encoding="utf-8")
    (tmp_path / "scenario.json").write_text(json.dumps({"pr": pr, "comments": comments or []}), encoding="utf-8")
    result = subprocess.run(
        [node, str(tmp_path / "harness.js"), str(tmp_path / "script.js"), str(tmp_path / "scenario.json")],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def pull_request(sha: str = RUN_SHA, repo_id: int | None = 42, state: str = "open") -> dict:
    return {"state": state, "head": {"sha": sha, "repo": None if repo_id is None else {"id": repo_id}}}


def test_the_comment_goes_on_the_pull_request_of_the_run_with_mentions_broken(tmp_path):
    outcome = run_comment_script(tmp_path, pull_request())
    assert outcome["failed"] == []
    [get, (action, number, body)] = outcome["calls"]
    assert get == ["get", 7] and (action, number) == ("create", 7)
    assert "Hello @\u200brelationships-project/maintainers and @\u200boctocat." in body
    assert re.search(r"@[A-Za-z0-9]", body) is None


def test_an_existing_report_comment_is_updated(tmp_path):
    mine = {
        "id": 99,
        "user": {"login": "github-actions[bot]", "type": "Bot"},
        "body": "<!-- handbook-review-report -->\nold",
    }
    other = {"id": 98, "user": {"login": "someone", "type": "User"}, "body": "<!-- handbook-review-report -->\nfake"}
    outcome = run_comment_script(tmp_path, pull_request(), comments=[other, mine])
    assert [call[:2] for call in outcome["calls"]] == [["get", 7], ["update", 99]]


@pytest.mark.parametrize(
    "pr",
    [pull_request(sha="b" * 40), pull_request(repo_id=43), pull_request(repo_id=None), pull_request(state="closed")],
    ids=["other-head", "other-repository", "deleted-fork", "closed"],
)
def test_no_comment_on_a_pull_request_the_run_was_not_for(tmp_path, pr):
    outcome = run_comment_script(tmp_path, pr)
    assert outcome["calls"] == [["get", 7]] and "not commenting" in outcome["failed"][0]


@pytest.mark.parametrize("number", ["", "0", "7; echo pwned", "../7", "7e3", "12345678901", "-7"])
def test_a_pull_request_number_that_is_not_one_is_refused_before_any_call(tmp_path, number):
    outcome = run_comment_script(tmp_path, pull_request(), pr_number=number)
    assert outcome["calls"] == [] and outcome["failed"] == ["The artifact has no valid pull request number."]


def test_a_report_that_links_to_a_file_of_the_runner_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=abc", encoding="utf-8")
    outcome = run_comment_script(tmp_path, pull_request(), report=secret)
    assert [call[0] for call in outcome["calls"]] == ["get"]
    assert outcome["failed"] == ["The artifact has no report.md of a sensible size."]
