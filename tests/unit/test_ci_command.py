"""CI runs what the README says, and runs the end-to-end tests once more with every speed-up off."""

from __future__ import annotations

import re

import yaml

from tests.support import REPO

SPEEDUPS_OFF = "HANDBOOK_SPEEDUPS=0 python3 -m pytest tests/e2e"


def readme_test_command() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^(bash \.ci/install\.sh && .+)$", readme, flags=re.MULTILINE)
    assert len(commands) == 1, commands
    return commands[0]


def test_ci_run_is_exactly_the_readme_test_command():
    lines = [
        line
        for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))
    ]
    assert lines == [readme_test_command()]


def test_the_test_command_runs_the_end_to_end_tests_with_speedups_off():
    assert readme_test_command().endswith(f"&& {SPEEDUPS_OFF}")


def test_the_pull_request_workflow_runs_both_test_runs():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "python3 -m pytest" in runs and SPEEDUPS_OFF in runs
