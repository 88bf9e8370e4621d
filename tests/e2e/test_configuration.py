"""The engine's options in a real build: a wrong one stops the build with a message (no
traceback, nothing written), and mkdocs.yml's site name reaches what the engine writes."""

from __future__ import annotations

from pathlib import Path

from handbook.cli.main import main

QUICK = {"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"}


def _edit_options(root: Path, old: str, new: str) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    return config


def _line_of(config: Path, start: str) -> int:
    return next(
        n for n, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if text.strip().startswith(start)
    )


def test_wrong_options_stop_the_build_with_every_problem_and_no_traceback(tmp_path, make_project, build, capsys):
    root = make_project(tmp_path, git=False)
    config = _edit_options(root, "cross_linking: true", "cross_linking: 'no'\n    pfd: false")
    result = build(root, "--strict", env=QUICK)
    assert result.returncode == 1, result.log
    assert "2 configuration problems found:" in result.log
    assert (
        f"mkdocs.yml:{_line_of(config, 'cross_linking:')}: extra.handbook.cross_linking: "
        "Expected type: <class 'bool'> but received: <class 'str'>"
    ) in result.log
    assert (
        f"mkdocs.yml:{_line_of(config, 'pfd:')}: extra.handbook.pfd: Unrecognised configuration name: pfd "
        "(expected one of "
    ) in result.log
    assert "did you mean 'pdf'?)" in result.log
    assert "Traceback" not in result.log
    assert not result.site.exists()
    # The command-line tool reads the same options, without MkDocs, and refuses them too.
    assert main(["--root", str(root), "check"]) == 1
    errors = capsys.readouterr().err
    assert "extra.handbook.pfd: 'pfd' is not an option" in errors and "did you mean 'pdf'?" in errors


def test_a_wrong_environment_override_stops_the_build(tmp_path, make_project, build):
    root = make_project(tmp_path, git=False)
    result = build(root, env={**QUICK, "HANDBOOK_CROSS_LINKING": "sometimes"})
    assert result.returncode == 1, result.log
    assert (
        "environment: HANDBOOK_CROSS_LINKING: 'sometimes' is not a switch "
        "(expected 1 or 0, true or false, yes or no, on or off)"
    ) in result.log
    assert "Traceback" not in result.log


def test_the_site_name_and_an_option_come_from_mkdocs_yml_and_the_environment_wins(tmp_path, make_project, build):
    root = make_project(tmp_path)
    _edit_options(root, "site_name: Relationships Handbooks", "site_name: Llawlyfrau Perthynas")
    _edit_options(root, "cross_linking: true", "cross_linking: true\n    template_cache: false")
    result = build(root, "--strict", env=QUICK)
    assert result.returncode == 0, result.log
    feed = (result.site / "changes" / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Llawlyfrau Perthynas" in feed and "Relationships Handbooks" not in feed

    def compiled() -> list[Path]:
        return [path for path in (root / ".cache" / "jinja").rglob("*") if path.is_file()]

    assert compiled() == []  # no compiled templates kept
    result = build(root, "--strict", env={**QUICK, "HANDBOOK_TEMPLATE_CACHE": "1"})
    assert result.returncode == 0, result.log
    assert compiled()
