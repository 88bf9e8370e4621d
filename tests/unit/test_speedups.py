"""Each speed-up is used only with the upstream shape it was checked against, and one switch turns all off."""

from __future__ import annotations

import logging

import pytest

from handbook.mkdocs import speedups
from handbook.mkdocs.speedups import upstream
from handbook.mkdocs.speedups.upstream import SpeedUp
from handbook.settings import read_settings

NAMES = list(speedups.MODULES)


@pytest.mark.parametrize("name", NAMES)
def test_every_speedup_fits_the_installed_packages(name):
    # If this fails after an upgrade: re-read the upstream code, then update the speed-up
    # (its checked versions and fingerprints), or let it go.
    speedup = speedups.declared(name)
    assert isinstance(speedup, SpeedUp), speedup
    assert speedup.why_not_usable() is None


def test_with_speedups_off_none_is_used_and_each_says_so(caplog):
    caplog.set_level(logging.DEBUG, logger="mkdocs.hooks.handbook.speedups")
    build = speedups.BuildSpeedups(read_settings(environ={"HANDBOOK_SPEEDUPS": "0"}))
    assert not any(build.used.values()) and build.converter is None
    assert build.markdown_extensions() == []
    assert len([r for r in caplog.records if "switched off" in r.getMessage()]) == len(build.used)


def test_by_default_every_one_is_used():
    build = speedups.BuildSpeedups(read_settings(environ={}))
    assert all(build.used.values()) and build.converter is not None
    assert [type(e).__name__ for e in build.markdown_extensions()] == [
        "InlinePrefilterExtension",
        "BlockPrefilterExtension",
    ]


def test_a_finer_switch_turns_off_only_its_own():
    build = speedups.BuildSpeedups(read_settings(environ={"HANDBOOK_PREFILTERS": "0"}))
    assert [name for name, used in build.used.items() if not used] == ["prefilters"]


def test_an_unchecked_version_means_the_stock_behaviour(monkeypatch, caplog):
    monkeypatch.setattr(upstream, "installed_version", lambda distribution: "99.0")
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.handbook.speedups"):
        assert not speedups.usable("shared_converter", read_settings(environ={}))
    assert "mkdocs 99.0 is not a version it was checked with (1.6.1)" in caplog.text


def test_a_private_name_gone_means_the_stock_behaviour(monkeypatch):
    from mkdocs.structure import pages as mkdocs_pages

    monkeypatch.delattr(mkdocs_pages, "_ExtractTitleTreeprocessor")
    reason = speedups.declared("shared_converter").why_not_usable()
    assert reason == "mkdocs.structure.pages lacks _ExtractTitleTreeprocessor._register"


def test_upstream_code_changed_means_the_stock_behaviour(monkeypatch):
    from markdown.treeprocessors import InlineProcessor

    def changed(self, data, patternIndex=0):  # noqa: N803 - Python-Markdown's parameter name
        return data

    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__handleInline", changed)
    assert (
        "InlineProcessor._InlineProcessor__handleInline is no longer"
        in speedups.declared("prefilters").why_not_usable()
    )


def test_a_block_test_changed_means_the_stock_behaviour(monkeypatch):
    from markdown.blockprocessors import HashHeaderProcessor

    monkeypatch.setattr(HashHeaderProcessor, "test", lambda self, parent, block: True)
    assert "HashHeaderProcessor.test is no longer" in speedups.declared("prefilters").why_not_usable()


def test_material_changed_means_the_stock_behaviour(monkeypatch):
    from material.plugins.search.plugin import SearchPlugin

    monkeypatch.setattr(SearchPlugin, "on_page_context", lambda self, context, **kwargs: context)
    assert "SearchPlugin.on_page_context is no longer" in speedups.declared("search_index").why_not_usable()


def test_the_revision_plugin_changed_means_the_stock_behaviour(monkeypatch):
    from mkdocs_git_revision_date_plugin.util import Util

    monkeypatch.setattr(Util, "get_revision_date_for_file", lambda self, path, follow=True: "")
    assert "takes other arguments" in speedups.declared("revision_dates").why_not_usable()


def test_pydyf_changed_means_the_stock_behaviour(monkeypatch):
    import pydyf

    monkeypatch.setattr(pydyf.PDF, "page_references", property(lambda pdf: ()))
    assert "page_references is no longer" in speedups.declared("pdf_page_references").why_not_usable()


def test_a_module_that_cannot_load_means_the_stock_behaviour(monkeypatch):
    monkeypatch.setitem(speedups.MODULES, "shared_converter", "no_such_module")
    assert speedups.declared("shared_converter").startswith("it cannot be loaded")
    assert not speedups.usable("shared_converter", read_settings(environ={}))


def test_a_failing_check_means_the_stock_behaviour():
    def broken() -> str | None:
        raise KeyError("Kids")

    speedup = SpeedUp("x", "nothing", {"mkdocs": (upstream.installed_version("mkdocs"),)}, broken)
    assert speedup.why_not_usable() == "its check of mkdocs failed (KeyError('Kids'))"


@pytest.mark.parametrize(
    "environment, mkdocs_yml, kept",
    [
        ({}, {}, True),
        ({"HANDBOOK_SPEEDUPS": "0"}, {}, False),
        ({}, {"speedups": False}, False),  # mkdocs.yml's option reaches the workers too
        ({"HANDBOOK_SPEEDUPS": "1"}, {"speedups": False}, True),  # the environment wins
    ],
)
def test_pdf_workers_change_pydyf_only_when_the_builds_settings_say_so(
    monkeypatch, tmp_path, environment, mkdocs_yml, kept
):
    import pydyf

    from handbook.outputs import pdf
    from handbook.outputs.offline_readers import OfflineReaders
    from handbook.settings import read_settings

    current = pydyf.PDF.__dict__["page_references"]
    stock = property(getattr(current.fget, "__wrapped__", current.fget))
    monkeypatch.setattr(pydyf.PDF, "page_references", stock)
    settings = read_settings(mkdocs_yml, environ=environment)
    readers = OfflineReaders.for_build(tmp_path, "build", "https://example.org/", "2026-12-07", settings)
    assert readers.tune_pdf_writer is kept
    # What a worker does with the task the build hands it (rendering itself left out).
    monkeypatch.setattr("weasyprint.HTML", _NoRendering)
    task = pdf.RenderTask("k", "<p>x</p>", "file:///", str(tmp_path), (), readers.tune_pdf_writer)
    with pytest.raises(_Stop):
        pdf.render_task(task)
    assert (pydyf.PDF.__dict__["page_references"] is not stock) == kept


class _Stop(Exception):
    pass


class _NoRendering:
    def __init__(self, **kwargs):
        raise _Stop


def test_materials_language_template_changed_means_the_stock_behaviour(monkeypatch):
    from handbook.mkdocs.speedups import translations

    monkeypatch.setattr(translations, "LANGUAGE_TEMPLATE_FINGERPRINT", "00000000")
    assert "partials/language.html is not the one" in speedups.declared("translations").why_not_usable()
