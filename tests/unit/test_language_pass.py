"""The language passes (handbook.mkdocs.language_pass): the option, each pass's environment and
command, starting, waiting for and discarding them, and how a pass turns MkDocs' configuration
to its language."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config

from handbook.languages.catalogue import messages_for
from handbook.mkdocs import language_pass
from handbook.mkdocs.language_pass import (
    LanguagePasses,
    configure_for_language,
    language_pass_language,
    language_site_url,
    pass_command,
    pass_environment,
)
from handbook.outputs import language_handover, offline
from handbook.outputs.downloads import Download, Downloads
from handbook.outputs.offline import await_manifest, from_first_pass
from handbook.settings import SettingsError, catalogue_languages, read_settings

SITE = "https://relationships-project.github.io/handbooks/"


# -- the option ---------------------------------------------------------------------------------
def test_languages_are_off_by_default_and_read_from_mkdocs_yml_and_the_environment():
    assert read_settings(environ={}).languages == ()
    assert "cy" in catalogue_languages()
    assert read_settings({"languages": ["cy"]}, {}).languages == ("cy",)
    assert read_settings({}, {"HANDBOOK_LANGUAGES": "cy"}).languages == ("cy",)
    assert read_settings({}, {"HANDBOOK_LANGUAGES": " cy, "}).languages == ("cy",)
    # Empty is not "unset" here: it turns mkdocs.yml's languages off for one run.
    assert read_settings({"languages": ["cy"]}, {"HANDBOOK_LANGUAGES": ""}).languages == ()


@pytest.mark.parametrize(
    "value, message",
    [
        (
            ["kw"],
            "'kw' is not a language with a message catalogue (expected a list of languages with a message catalogue",
        ),
        (["cyy"], "did you mean 'cy'?"),
        (
            "cy",
            "'cy' is not a list (expected a list of languages with a message catalogue, one of cy; did you mean [cy]?)",
        ),
        (["en"], "'en' is the source language, always built"),
        (["cy", "cy"], "'cy' is listed twice"),
        ([3], "3 is not a language code"),
    ],
)
def test_a_wrong_language_is_a_problem_in_the_one_grammar(value, message):
    with pytest.raises(SettingsError) as error:
        read_settings({"languages": value}, {}, lines={"languages": 7})
    (problem,) = error.value.problems
    assert str(problem).startswith("mkdocs.yml:7: extra.handbook.languages: ")
    assert message in str(problem)


def test_a_wrong_language_in_the_environment():
    with pytest.raises(SettingsError) as error:
        read_settings({}, {"HANDBOOK_LANGUAGES": "cy,xx"})
    assert "environment: HANDBOOK_LANGUAGES: 'xx' is not a language with a message catalogue" in str(error.value)


# -- the protocol ---------------------------------------------------------------------------------
def test_which_pass_a_build_is():
    assert language_pass_language({}) is None
    assert language_pass_language({"HANDBOOK_LANGUAGE_PASS": ""}) is None
    assert language_pass_language({"HANDBOOK_LANGUAGE_PASS": "cy"}) == "cy"
    assert language_site_url(SITE, "cy") == SITE + "cy/"
    assert language_site_url("https://example.org", "cy") == "https://example.org/cy/"
    assert language_site_url("", "cy") == ""


def test_the_online_pass_environment_and_command(tmp_path):
    env = pass_environment(
        {"PATH": "/bin", "HANDBOOK_DRAFTS": "1"},
        "cy",
        base_url=SITE,
        include_drafts=False,
        handover=tmp_path,
        offline_pass=False,
        own_pid=4242,
    )
    assert env["HANDBOOK_LANGUAGE_PASS"] == "cy"
    assert env["HANDBOOK_LANGUAGE_BASE_URL"] == SITE
    assert env["HANDBOOK_LANGUAGE_PARENT_PID"] == "4242"
    assert env["HANDBOOK_LANGUAGE_HANDOVER"] == str(tmp_path)
    assert env["HANDBOOK_DRAFTS"] == "0"  # the English build's decision, not the variable it inherited
    assert env["PATH"] == "/bin"
    assert offline.OFFLINE_ENV not in env and offline.MANIFEST_ENV not in env
    assert language_handover.parent_pid(env) == 4242
    command = pass_command(Path("/r/mkdocs.yml"), tmp_path / "site" / "cy", strict=True)
    assert command[:4] == [sys.executable, "-m", "mkdocs", "build"]
    assert command[command.index("-d") + 1] == str(tmp_path / "site" / "cy")
    assert command[command.index("-f") + 1] == "/r/mkdocs.yml"
    assert "--strict" in command
    assert "--strict" not in pass_command(Path("mkdocs.yml"), tmp_path, strict=False)


def test_the_offline_copys_welsh_pass_takes_the_online_welsh_pdfs(tmp_path):
    # What the English online build noted about its Welsh pass, in the handover folder.
    online_site = tmp_path / "site.building-1-ab" / "cy"
    language_handover.pass_facts(tmp_path, "cy").write_text(
        json.dumps({"pid": 999_999_999, "site_dir": str(online_site)}), encoding="utf-8"
    )
    english_offline_env = {
        offline.OFFLINE_ENV: "true",
        offline.MANIFEST_ENV: "/tmp/english-manifest.json",
        offline.PDF_DIR_ENV: "/tmp/english-pdfs",
        offline.FIRST_PASS_ENV: "1",
        "HANDBOOK_LANGUAGE_HANDOVER": str(tmp_path),
    }
    env = pass_environment(
        english_offline_env,
        "cy",
        base_url=SITE,
        include_drafts=False,
        handover=tmp_path,
        offline_pass=True,
        own_pid=4343,
    )
    assert env[offline.OFFLINE_ENV] == "true"
    assert env[offline.MANIFEST_ENV] == str(tmp_path / "cy.downloads.json")  # the Welsh list, not the English
    assert env[offline.PDF_DIR_ENV] == str(tmp_path / "cy-pdfs")  # copies: the online pass's folder may be renamed
    assert env[offline.FIRST_PASS_ENV] == "4343"  # its parent: the English offline pass
    told = from_first_pass(env)
    assert told is not None and told.producer_pid == 999_999_999 and told.first_pass_pid == 4343


def test_the_offline_welsh_pass_stops_waiting_when_the_online_one_is_gone(tmp_path):
    started = time.monotonic()
    # Our parent is alive (first_pass = it); the process that would write the list is not.
    assert not await_manifest(tmp_path / "cy.downloads.json", os.getppid(), timeout=10, producer=999_999_999)
    assert time.monotonic() - started < 5


def test_the_online_pass_leaves_its_pdfs_and_their_list(tmp_path):
    site, handover = tmp_path / "site" / "cy", tmp_path / "handover"
    handover.mkdir()
    (site / "downloads").mkdir(parents=True)
    (site / "downloads" / "handbook-starter-cy.pdf").write_bytes(b"%PDF-1.7 Welsh")
    downloads = Downloads.empty()
    downloads.add(Download("handbook:starter", "Llawlyfr", "downloads/handbook-starter-cy.pdf", 14, "PDF", 5))
    language_handover.leave_downloads(downloads, "cy", site, {"HANDBOOK_LANGUAGE_HANDOVER": str(handover)})
    assert Downloads.load(handover / "cy.downloads.json") == downloads
    assert (handover / "cy-pdfs" / "handbook-starter-cy.pdf").read_bytes() == b"%PDF-1.7 Welsh"
    language_handover.leave_downloads(downloads, "cy", site, {})  # no handover (mkdocs serve): nothing, no error


# -- starting, waiting, discarding ----------------------------------------------------------------------
@pytest.fixture
def fake_pass(monkeypatch):
    """Language passes that run ``script`` (Python) instead of mkdocs, with the pass's -d folder as argv[1]."""

    def use(script: str) -> None:
        def command(config_file: Path, site_dir: Path, strict: bool) -> list[str]:
            return [sys.executable, "-c", script, str(site_dir)]

        monkeypatch.setattr(language_pass, "pass_command", command)

    return use


WRITES_A_SITE = (
    "import os, sys, pathlib; d = pathlib.Path(sys.argv[1]); d.mkdir(parents=True); "
    "(d / 'index.html').write_text(os.environ['HANDBOOK_LANGUAGE_PASS'])"
)


def start(tmp_path: Path, languages=("cy",), environ=None, strict: bool = False) -> LanguagePasses:
    return LanguagePasses.start(
        languages,
        root=tmp_path,
        config_file=tmp_path / "mkdocs.yml",
        site_dir=tmp_path / "site",
        site_url=SITE,
        strict=strict,
        include_drafts=False,
        environ=os.environ if environ is None else environ,
    )


def test_no_pass_without_languages_or_inside_a_pass(tmp_path, fake_pass):
    fake_pass(WRITES_A_SITE)
    assert start(tmp_path, languages=()).passes == []
    inside = start(tmp_path, environ={**os.environ, "HANDBOOK_LANGUAGE_PASS": "cy"})
    assert inside.passes == [] and inside.work_dir is None and inside.finish() == []


def test_a_pass_builds_into_the_site_folder_and_is_waited_for(tmp_path, fake_pass):
    fake_pass(WRITES_A_SITE)
    passes = start(tmp_path)
    work = passes.work_dir
    assert work is not None and work.is_dir() and passes.handover == work
    facts = language_handover.read_online_pass(work, "cy")
    assert facts.pid == passes.passes[0].process.pid and facts.site_dir == tmp_path / "site" / "cy"
    assert passes.finish() == []
    assert (tmp_path / "site" / "cy" / "index.html").read_text() == "cy"
    assert "cy" in passes.seconds
    assert not work.exists()  # its log and handover removed
    assert passes.passes[0].process.returncode == 0  # waited for: no zombie


def test_a_failed_pass_is_reported_with_its_log(tmp_path, fake_pass):
    fake_pass("import sys; print('Welsh page broken: handbooks/x.cy.md'); sys.exit(3)")
    problems = start(tmp_path).finish()
    assert problems[0].startswith("handbook: the 'cy' build") and "failed (exit code 3)" in problems[0]
    assert "handbook: cy: Welsh page broken: handbooks/x.cy.md" in problems


def test_a_passs_warnings_are_said_in_the_english_build(tmp_path, fake_pass, caplog):
    fake_pass(WRITES_A_SITE + "; print('WARNING -  Doc file index.md: a Welsh link is broken')")
    with caplog.at_level("WARNING", logger="mkdocs.hooks.handbook.languages"):
        assert start(tmp_path).finish() == []  # not a failure: the build was not strict
    assert [r.getMessage() for r in caplog.records] == ["handbook: cy: Doc file index.md: a Welsh link is broken"]


def test_what_a_strict_pass_that_succeeded_printed_is_said_but_not_counted(tmp_path, fake_pass, caplog):
    """A strict pass that succeeded had no warning MkDocs counted: a plugin's print that
    looks like one (git-revision-date's "has no git logs") must not fail the English build."""
    fake_pass(WRITES_A_SITE + "; print('WARNING -  about/notes.md has no git logs')")
    with caplog.at_level("INFO", logger="mkdocs.hooks.handbook.languages"):
        assert start(tmp_path, strict=True).finish() == []
    said = [(r.levelname, r.getMessage()) for r in caplog.records if "no git logs" in r.getMessage()]
    assert said == [("INFO", "handbook: cy: about/notes.md has no git logs")]


def test_a_pass_that_writes_nothing_is_a_failure(tmp_path, fake_pass):
    fake_pass("print('nothing')")
    (problem,) = start(tmp_path).finish()
    assert "wrote no site" in problem


def test_a_discarded_pass_is_ended_and_its_folder_removed(tmp_path, fake_pass):
    fake_pass("import time; time.sleep(60)")
    passes = start(tmp_path)
    process, work = passes.passes[0].process, passes.work_dir
    started = time.monotonic()
    passes.discard()
    assert time.monotonic() - started < 10
    assert process.returncode is not None  # ended and waited for
    assert work is not None and not work.exists()
    passes.discard()  # twice: nothing more


def test_a_killed_builds_work_folder_is_removed_by_the_next(tmp_path, monkeypatch):
    monkeypatch.setattr(language_pass.tempfile, "gettempdir", lambda: str(tmp_path))
    stale = tmp_path / f"{language_pass.WORK_PREFIX}999999999-abcd"
    stale.mkdir()
    alive = tmp_path / f"{language_pass.WORK_PREFIX}{os.getpid()}-abcd"
    alive.mkdir()
    language_pass.remove_stale_work_folders()
    assert not stale.exists() and alive.exists()


# -- the pass's configuration -----------------------------------------------------------------------------
@pytest.fixture
def config(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Relationships Handbooks\n"
        f"site_url: {SITE}\n"
        "copyright: Content CC BY 4.0, code MIT. The Relationships Project and contributors.\n"
        "theme:\n  name: material\n  language: en\n"
        "plugins:\n  - search\n",
        encoding="utf-8",
    )
    return load_config(str(tmp_path / "mkdocs.yml"))


def test_the_welsh_pass_configuration(config):
    configure_for_language(config, "cy", messages_for("cy"), environ={"HANDBOOK_LANGUAGE_BASE_URL": SITE})
    assert config.theme["language"] == "cy"
    assert config.site_url == SITE + "cy/"
    assert config.site_name == "Llawlyfrau Perthnasoedd"
    assert config.copyright.startswith("Cynnwys CC BY 4.0")
    search = config.plugins["material/search"]
    assert search.config.pipeline == [] and search.config.lang == ["en"]
    # Material's search plugin, whose on_config comes after ours, keeps them: no English
    # stemmer or stop words on Welsh text (its worker removes every step not named).
    search.on_config(config)
    assert search.config.pipeline == [] and search.config.lang == ["en"]


def test_the_preview_address_is_the_base_of_the_welsh_one(config):
    configure_for_language(
        config, "cy", messages_for("cy"), environ={"HANDBOOK_LANGUAGE_BASE_URL": "http://127.0.0.1:8000/handbooks/"}
    )
    assert config.site_url == "http://127.0.0.1:8000/handbooks/cy/"
