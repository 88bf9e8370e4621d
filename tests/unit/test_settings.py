"""The engine's options (handbook.settings): defaults, mkdocs.yml, environment overrides, and
the messages for wrong values, with and without MkDocs (handbook.mkdocs.config)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook.markdown.term_linker import MODES
from handbook.mkdocs.config import handbook_settings, validation_problems
from handbook.outputs import language_handover, offline
from handbook.settings import (
    INTERNAL_VARIABLES,
    OPTIONS,
    Settings,
    SettingsError,
    describe,
    option_lines,
    read_project,
    read_settings,
)

REPO = Path(__file__).resolve().parents[2]

CONFIG = """\
site_name: Test handbooks
site_url: https://example.org/handbooks/
repo_url: https://example.org/repo
markdown_extensions:
  - toc:
      slugify: !!python/name:markdown.extensions.toc.slugify_unicode
plugins:
  - offline:
      enabled: !ENV [HANDBOOK_OFFLINE, false]
extra:
  handbook:
{options}
"""


def project(tmp_path: Path, options: str = "    term_links: first") -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(options=options), encoding="utf-8")
    return tmp_path


def problems(error: pytest.ExceptionInfo) -> list[str]:
    return [describe(p) for p in error.value.problems]


def test_defaults_without_mkdocs_yml_or_environment():
    settings = read_settings(environ={})
    assert settings == Settings()
    assert (
        settings.term_links,
        settings.cross_linking,
        settings.drafts,
        settings.pdf,
        settings.offline_copy,
        settings.pdf_cache,
        settings.template_cache,
        settings.speedups,
    ) == ("first", True, None, True, True, ".cache/pdf", True, True)


def test_every_option_is_declared_once_with_its_key_variable_and_description():
    assert [o.name for o in OPTIONS] == [f.name for f in dataclasses.fields(Settings)]
    for option in OPTIONS:
        assert option.key == f"extra.handbook.{option.name}"
        assert option.environment == f"HANDBOOK_{option.name.upper()}"
        assert option.description.strip() and option.kind in (bool, str, list)
    assert Settings.__dataclass_params__.frozen


def test_the_term_link_choices_are_the_term_linkers_modes():
    assert set(dict((o.name, o.choices) for o in OPTIONS)["term_links"]) == set(MODES)


@pytest.mark.parametrize(
    "text, value",
    [
        ("0", False),
        ("false", False),
        ("No", False),
        ("off", False),
        ("1", True),
        ("true", True),
        ("YES", True),
        ("on", True),
    ],
)
def test_switches_in_the_environment(text, value):
    assert read_settings(environ={"HANDBOOK_PDF": text}).pdf is value


def test_the_environment_wins_over_mkdocs_yml_and_an_empty_variable_is_unset():
    values = {"cross_linking": False, "term_links": "all", "pdf": False}
    settings = read_settings(
        values, {"HANDBOOK_CROSS_LINKING": "1", "HANDBOOK_TERM_LINKS": "first", "HANDBOOK_PDF": ""}
    )
    assert (settings.cross_linking, settings.term_links, settings.pdf) == (True, "first", False)
    assert read_settings(environ={"HANDBOOK_PDF_CACHE": "/tmp/empty"}).pdf_cache == "/tmp/empty"
    assert read_settings({"pdf": None, "term_links": None}, {}) == Settings()  # no value: unset, as in MkDocs
    assert (
        read_settings({"drafts": True}, {}).drafts is True
        and read_settings(environ={"HANDBOOK_DRAFTS": "0"}).drafts is False
    )


def test_speedups_off_turns_every_speedup_off():
    assert read_settings(environ={}).speedup("shared_converter")
    assert not read_settings(environ={"HANDBOOK_SPEEDUPS": "0"}).speedup("shared_converter")
    assert not read_settings(environ={"HANDBOOK_SPEEDUPS": "0"}).speedup("search_index")
    assert not read_settings(environ={"HANDBOOK_PREFILTERS": "0"}).speedup("prefilters")
    assert read_settings(environ={"HANDBOOK_PREFILTERS": "0"}).speedup("shared_converter")


def test_every_wrong_value_is_reported_at_once_with_its_line(tmp_path):
    root = project(tmp_path, "    term_links: frist\n    pdf: sometimes\n    cross_linkin: false")
    with pytest.raises(SettingsError) as error:
        read_project(root, environ={"HANDBOOK_OFFLINE_COPY": "perhaps"})
    assert problems(error) == [
        "mkdocs.yml:12: extra.handbook.term_links: 'frist' is not one of the choices "
        "(expected one of first, all; did you mean 'first'?)",
        "mkdocs.yml:13: extra.handbook.pdf: 'sometimes' is not true or false (expected true or false)",
        "mkdocs.yml:14: extra.handbook.cross_linkin: 'cross_linkin' is not an option (expected one of "
        + ", ".join(o.name for o in OPTIONS)
        + "; did you mean 'cross_linking'?)",
        "environment: HANDBOOK_OFFLINE_COPY: 'perhaps' is not a switch "
        "(expected 1 or 0, true or false, yes or no, on or off)",
    ]


def test_a_misspelt_variable_is_reported_and_the_offline_protocol_is_not(tmp_path):
    with pytest.raises(SettingsError) as error:
        read_settings(environ={"HANDBOOK_SPEEDUP": "0"})
    assert problems(error) == [
        "environment: HANDBOOK_SPEEDUP: is not an option's variable (did you mean 'HANDBOOK_SPEEDUPS'?)"
    ]
    internal = {
        "HANDBOOK_OFFLINE": "true",
        "HANDBOOK_PDF_DIR": "/tmp/x",
        "HANDBOOK_DOWNLOADS_MANIFEST": "/tmp/m",
        "HANDBOOK_FIRST_PASS_PID": "1",
        "HANDBOOK_LANGUAGE_PASS": "cy",
        "HANDBOOK_LANGUAGE_BASE_URL": "https://example.org/",
        "HANDBOOK_LANGUAGE_HANDOVER": "/tmp/h",
        "HANDBOOK_LANGUAGE_PARENT_PID": "1",
    }
    assert read_settings(environ=internal) == Settings()
    assert (
        set(internal)
        == set(INTERNAL_VARIABLES)
        == {
            offline.OFFLINE_ENV,
            offline.MANIFEST_ENV,
            offline.PDF_DIR_ENV,
            offline.FIRST_PASS_ENV,
            language_handover.LANGUAGE_PASS_ENV,
            language_handover.BASE_URL_ENV,
            language_handover.HANDOVER_ENV,
            language_handover.PARENT_ENV,
        }
    )


def test_the_cli_reader_takes_site_identity_and_leaves_other_tags_alone(tmp_path):
    loaded = read_project(project(tmp_path, "    term_links: all\n    pdf: false"), environ={})
    assert (loaded.site.name, loaded.site.url, loaded.site.repo_url) == (
        "Test handbooks",
        "https://example.org/handbooks/",
        "https://example.org/repo",
    )
    assert (loaded.settings.term_links, loaded.settings.pdf) == ("all", False)
    assert read_project(tmp_path / "nowhere", environ={}).settings == Settings()  # no mkdocs.yml: defaults


def test_the_cli_reader_reads_env_tags_as_mkdocs_does_and_refuses_other_tags_or_a_list(tmp_path):
    root = project(tmp_path, "    pdf: !ENV [PDF_WANTED, true]\n    term_links: !ENV TERM_LINKS")
    assert (read_project(root, environ={}).settings.pdf, read_project(root, environ={}).settings.term_links) == (
        True,
        "first",
    )
    chosen = read_project(root, environ={"PDF_WANTED": "false", "TERM_LINKS": "all"}).settings
    assert (chosen.pdf, chosen.term_links) == (False, "all")
    with pytest.raises(SettingsError) as error:
        read_project(project(tmp_path, "    pdf: !!python/name:os.system"), environ={})
    assert problems(error) == [
        "mkdocs.yml:12: extra.handbook: cannot be read here: could not determine a "
        "constructor for the tag 'tag:yaml.org,2002:python/name:os.system'"
    ]
    with pytest.raises(SettingsError) as error:
        read_project(project(tmp_path, "    - pdf"), environ={})
    assert problems(error) == [
        "mkdocs.yml:11: extra.handbook: is not a mapping of options (expected extra.handbook: {term_links: first, ...})"
    ]


def test_the_real_mkdocs_yml_is_valid_and_its_lines_are_found():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    lines = option_lines(text)
    assert text.splitlines()[lines["term_links"] - 1].strip().startswith("term_links:")
    assert read_project(REPO, environ={}).site.name == "Relationships Handbooks"


# -- the same options through MkDocs' own config classes ---------------------------------
def test_mkdocs_validation_gives_mkdocs_messages_and_did_you_mean():
    found = [
        str(p)
        for p in validation_problems(
            {"term_links": "al", "pdf": "yes", "speedup": False}, {"term_links": 5, "pdf": 6, "speedup": 7, "": 4}
        )
    ]
    assert found == [
        "mkdocs.yml:5: extra.handbook.term_links: Expected one of: ('first', 'all') but received: 'al' "
        "(did you mean 'all'?)",
        "mkdocs.yml:6: extra.handbook.pdf: Expected type: <class 'bool'> but received: <class 'str'>",
        "mkdocs.yml:7: extra.handbook.speedup: Unrecognised configuration name: speedup (expected one of "
        + ", ".join(o.name for o in OPTIONS)
        + "; did you mean 'speedups'?)",
    ]
    assert validation_problems({"drafts": None, "pdf_cache": "elsewhere"}, {}) == []
    assert [str(p) for p in validation_problems(["pdf"], {"": 4})] == [
        "mkdocs.yml:4: extra.handbook: is not a mapping of options (expected extra.handbook: {term_links: first, ...})"
    ]


def _mkdocs_config(root: Path) -> MkDocsConfig:
    config = MkDocsConfig(config_file_path=str(root / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "extra": {"handbook": {"term_links": "all", "pdf": "no"}}})
    return config


def test_a_build_stops_with_every_problem_and_the_environment_overrides(tmp_path, monkeypatch):
    root = project(tmp_path, "    term_links: all\n    pdf: no")  # YAML's "no" is false: fine
    config = _mkdocs_config(root)
    config["extra"] = {"handbook": {"term_links": "all", "pdf": "no"}}  # a string, as a quoted 'no' would be
    monkeypatch.setenv("HANDBOOK_CROSS_LINKING", "maybe")
    with pytest.raises(PluginError) as error:
        handbook_settings(config)
    assert str(error.value) == (
        "1 configuration problem found:\n"
        "mkdocs.yml:13: extra.handbook.pdf: Expected type: <class 'bool'> but received: <class 'str'>"
    )
    config["extra"] = {"handbook": {"term_links": "all", "pdf": False}}
    with pytest.raises(PluginError) as error:
        handbook_settings(config)
    assert str(error.value) == (
        "1 configuration problem found:\n"
        "environment: HANDBOOK_CROSS_LINKING: 'maybe' is not a switch "
        "(expected 1 or 0, true or false, yes or no, on or off)"
    )
    monkeypatch.setenv("HANDBOOK_CROSS_LINKING", "0")
    settings = handbook_settings(config)
    assert (settings.term_links, settings.pdf, settings.cross_linking) == ("all", False, False)


def test_the_configuration_page_documents_every_option():
    page = (REPO / "docs" / "contribute" / "configuration.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip().strip("`"): line for line in page.splitlines() if line.startswith("| `")}
    assert set(rows) == {o.name for o in OPTIONS}
    for option in OPTIONS:
        assert f"`{option.environment}`" in rows[option.name]
        if option.kind is list:
            default = ", ".join(f"`{value}`" for value in option.default) or "none"
        else:
            default = {None: "unset", True: "true", False: "false"}.get(option.default, f"`{option.default}`")
        assert rows[option.name].split("|")[4].strip() == default, option.name


def test_the_engine_side_loads_without_mkdocs():
    # Site and the settings are the engine's: another engine (or the command-line tool) can
    # use them without MkDocs, Material or the adapter being imported at all.
    code = (
        "import sys, handbook.site, handbook.settings, handbook.cli.main\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')"
        " or m.startswith('handbook.mkdocs')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "hooks")},
    )
    assert loaded.stdout.strip() == "[]"
