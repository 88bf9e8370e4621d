"""The benchmark is a tool apart from the engine: its own command, never imported by the engine."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.cli.main import build_parser
from handbook_bench import cli, cross_linking, parts

ENGINE = Path(__file__).resolve().parents[2] / "hooks" / "handbook"


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_engine_module_imports_the_benchmark():
    importing = [
        path.relative_to(ENGINE).as_posix()
        for path in sorted(ENGINE.rglob("*.py"))
        if any(name.split(".")[0] == "handbook_bench" for name in _imported_modules(path))
    ]
    assert importing == []


def test_loading_the_engine_and_its_adapter_loads_no_benchmark_module():
    code = (
        "import sys, handbook, handbook.site, handbook.cli.main, handbook.mkdocs.events; "
        "print(sorted(name for name in sys.modules if name.startswith('handbook_bench')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_the_handbook_command_has_no_benchmark_commands():
    commands = next(action for action in build_parser()._actions if action.dest == "command").choices
    assert "check" in commands and not {"bench", "synth"} & set(commands)


def test_handbook_bench_lists_its_commands_and_hands_the_rest_over(monkeypatch, capsys):
    commands = next(action for action in cli.build_parser()._actions if action.dest == "command").choices
    assert set(commands) == {"bench", "synth", "parts", "cross-linking", "pdf-speed"}
    received = []
    monkeypatch.setattr(parts, "main", lambda argv: received.append(argv) or 7)
    assert cli.main(["parts", "--cross-linking", "off", "project"]) == 7
    assert received == [["--cross-linking", "off", "project"]]  # its own options, untouched


def test_synth_writes_a_project_of_the_asked_for_size(tmp_path, capsys):
    assert cli.main(["synth", "120", str(tmp_path / "p"), "--engine", "worktree"]) == 0
    assert (tmp_path / "p" / "mkdocs.yml").is_file() and len(
        list((tmp_path / "p" / "docs" / "evidence").glob("*.md"))
    ) == 36
    assert "120 pages" in capsys.readouterr().err
    assert cli.main(["synth", "120", str(tmp_path / "p")]) == 2  # not an empty folder
    assert cli.main(["synth", "huge", str(tmp_path / "q")]) == 2


def test_python_m_handbook_bench_is_the_same_command():
    shown = subprocess.run(
        [sys.executable, "-m", "handbook_bench", "--help"], capture_output=True, text=True, check=True
    )
    assert "cross-linking" in shown.stdout and "pdf-speed" in shown.stdout


@pytest.mark.parametrize(("module", "path", "step"), cross_linking.STEPS)
def test_every_cross_linking_step_is_a_function_of_this_engine(module, path, step):
    # A step renamed or moved in the engine must fail here, not quietly drop out of the figures.
    owner, name = parts._resolve(module, path)
    assert callable(getattr(owner, name))
