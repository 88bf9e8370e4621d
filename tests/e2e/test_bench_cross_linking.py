"""The cross-linking measurement times real steps of a real build (figures are not checked: a benchmark prints them)."""

from __future__ import annotations

from handbook_bench import cross_linking
from handbook_bench.run import _env
from handbook_bench.synthetic import spec_for, write_corpus


def test_each_cross_linking_step_is_timed_in_a_build_of_a_synthetic_project(tmp_path):
    root = write_corpus(tmp_path / "project", spec_for("150"), engine=None)
    figures = cross_linking.measure_runs(root, 1, env=_env(), log=lambda *args: None)
    assert figures["pages"] > 150  # the corpus and its indexes, built
    assert (root / "site" / "glossary" / "index.html").is_file()
    steps = figures["steps_seconds"]
    assert list(steps) == list(cross_linking.STEPS_IN_ORDER)
    # Each step ran: a step whose function is no longer called would show no time at all.
    assert all(seconds > 0 for seconds in steps.values()), steps
    assert 0 < figures["seconds"] < figures["build_cpu_seconds"]
