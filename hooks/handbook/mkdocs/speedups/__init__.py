"""Every place the engine reaches into private or undocumented internals of another package.

Each speed-up makes the build faster by standing in for a piece of MkDocs, Material,
Python-Markdown or pydyf that those packages do not offer to change. None changes what
is built: each has a test that compares its output with the stock path's. Each one is
used only when the installed package is a version it was checked with and still has the
shape it relies on (``upstream.SpeedUp.why_not_usable``); otherwise the build logs why
(at info level) and keeps the stock behaviour.

========================  ==========================================================  ==========================
speed-up                  replaces (stock behaviour when off)                         checked with
========================  ==========================================================  ==========================
shared_converter          MkDocs' ``Page.render`` (each page's method replaced): a     mkdocs 1.6.1
                          new converter for every page; ours copies it with one
                          converter per build, using
                          ``mkdocs.structure.pages._*Processor._register`` and
                          ``Page._title_from_render``
search_index              Material's search plugin: its ``search_index`` object and    mkdocs-material 9.8.1,
                          its ``on_page_context`` in ``config.plugins.events``         mkdocs 1.6.1
revision_dates            git-revision-date plugin's ``util`` (a git log per page)     mkdocs-git-revision-date-plugin 0.3.2
shared_extensions         MkDocs configuring mkdocs.yml's extensions anew for every    markdown 3.11.3,
                          page (public API, but it assumes that they keep no state     pymdown-extensions 13.1,
                          between converters)                                          mkdocs 1.6.1
prefilters                Python-Markdown's inline loop (the name-mangled              markdown 3.11.3,
                          ``InlineProcessor.__handleInline``) and block processors'    pymdown-extensions 13.1
                          ``test`` (inline_prefilter, block_prefilter)
translations              Material's ``partials/language.html`` (imported for every    mkdocs-material 9.8.1,
                          page): a stand-in served by a Jinja loader put before the    jinja2 3.1.6
                          theme's, asking Material's module once per key per build
navigation_entries        Material's ``partials/nav-item.html``, served with its       mkdocs-material 9.8.1,
                          ``render`` macro renamed and a ``render`` that reuses the    mkdocs 1.6.1,
                          markup of an entry off the page's path on pages whose links  jinja2 3.1.6
                          to it read alike (Material's macro renders it the first time)
pdf_page_references       pydyf's ``PDF.page_references`` property (PDF workers)       pydyf 0.13.0,
                                                                                      weasyprint 70.0
========================  ==========================================================  ==========================

Off, all of them: ``HANDBOOK_SPEEDUPS=0`` (or ``extra: {handbook: {speedups: false}}``, which
the PDF worker processes do not read: they follow the environment).
Two can also be turned off alone: ``HANDBOOK_PREFILTERS=0``, ``HANDBOOK_SHARED_CONVERTER=0``.
The switches are read by ``handbook.settings``. Safety measures never depend on them:
search titles and tags are escaped by ``handbook.mkdocs.search_escaping`` either way.

Upgrading MkDocs, Material, Python-Markdown or pydyf: run ``tests/unit/test_speedups*.py``;
a speed-up whose upstream changed logs that it is off. Re-read the upstream code it
stands in for, adjust it, and add the version to its ``checked`` and its fingerprints.
``tests/unit/test_no_private_reach_ins.py`` keeps every such reach-in in this folder.
"""

from __future__ import annotations

import importlib
import logging

import jinja2
from markdown.extensions import Extension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from handbook.content.git_history import GitHistory
from handbook.mkdocs.speedups.upstream import SpeedUp
from handbook.settings import Settings

log = logging.getLogger("mkdocs.hooks.handbook.speedups")

# name -> the module declaring it (its SPEEDUP); names are handbook.settings' switch names.
MODULES = {
    "shared_converter": "shared_converter",
    "search_index": "search_index",
    "revision_dates": "revision_dates",
    "shared_extensions": "shared_extensions",
    "prefilters": "prefilters",
    "translations": "translations",
    "navigation_entries": "navigation_entries",
    "pdf_page_references": "pdf_page_references",
}


def declared(name: str) -> SpeedUp | str:
    """The speed-up called ``name``, or why its module cannot even be imported."""
    try:
        module = importlib.import_module(f"{__name__}.{MODULES[name]}")
    except (ImportError, AttributeError) as error:  # an upstream name it imports is gone
        return f"it cannot be loaded ({error})"
    return module.SPEEDUP


def usable(name: str, settings: Settings) -> bool:
    """Whether the speed-up ``name`` is on and fits the installed packages; logs why not."""
    if not settings.speedup(name):
        log.debug(f"handbook: speed-up {name} switched off: stock behaviour")
        return False
    speedup = declared(name)
    reason = speedup if isinstance(speedup, str) else speedup.why_not_usable()
    if reason is not None:
        log.info(f"handbook: speed-up {name} not used, stock behaviour instead: {reason}")
        return False
    return True


class BuildSpeedups:
    """The speed-ups of one build; a new one for every build (``mkdocs serve`` rebuilds)."""

    def __init__(self, settings: Settings) -> None:
        self.used = {name: usable(name, settings) for name in MODULES if name != "pdf_page_references"}
        self.converter = None
        if self.used["shared_converter"]:
            from handbook.mkdocs.speedups.shared_converter import SharedConverter

            self.converter = SharedConverter()

    def markdown_extensions(self) -> list[Extension]:
        """To be listed last (on_config): the block prefilter covers the processors listed before it."""
        if not self.used["prefilters"]:
            return []
        from handbook.mkdocs.speedups.prefilters import BlockPrefilterExtension, InlinePrefilterExtension

        return [InlinePrefilterExtension(), BlockPrefilterExtension()]

    def on_config(self, config: MkDocsConfig, history: GitHistory) -> None:
        if self.used["revision_dates"]:
            from handbook.mkdocs.speedups import revision_dates

            revision_dates.take_over(config, history)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """After every plugin's on_config (Material's search makes its index there)."""
        if self.used["shared_extensions"]:
            from handbook.mkdocs.speedups.shared_extensions import configured_once

            config.markdown_extensions = configured_once(
                config.markdown_extensions,  # type: ignore[assignment]  # objects, typed as names
                config.mdx_configs,
            )
        if self.used["search_index"]:
            from handbook.mkdocs.speedups import search_index

            search_index.take_over(config)

    def on_pre_page(self, page: Page) -> None:
        if self.converter is not None:
            self.converter.take_over(page)

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        if self.used["translations"]:
            from handbook.mkdocs.speedups import translations

            reason = translations.take_over(env, config)
            if reason is not None:
                log.info(f"handbook: speed-up translations not used, stock behaviour instead: {reason}")
        if self.used["navigation_entries"]:
            from handbook.mkdocs.speedups import navigation_entries

            reason = navigation_entries.take_over(env)
            if reason is not None:
                log.info(f"handbook: speed-up navigation_entries not used, stock behaviour instead: {reason}")


def keep_pdf_page_references() -> None:
    """In a PDF worker process whose build switched the pydyf speed-up on
    (``Settings.speedup("pdf_page_references")``, handed over as ``RenderTask.tune_pdf_writer``):
    used if pydyf still has the shape it relies on."""
    speedup = declared("pdf_page_references")
    reason = speedup if isinstance(speedup, str) else speedup.why_not_usable()
    if reason is not None:
        log.info(f"handbook: speed-up pdf_page_references not used, stock behaviour instead: {reason}")
        return
    from handbook.mkdocs.speedups.pdf_page_references import keep_page_references

    keep_page_references()
