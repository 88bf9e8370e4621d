"""The handbook engine: content model, validation, cross-linking and outputs.

Plain Python, usable without MkDocs. The build runs through the stages in this order,
one subpackage each:

1. ``content``  files read into typed records, every problem collected (``safety`` holds
   the intake policies every stage applies to hostile input)
2. ``linking``  references, stable URLs, glossary terms, citations, backlinks, related
3. ``markdown`` Python-Markdown extensions that apply the links to each page's tree
4. ``pages``    what each page shows besides its Markdown, and the pages with no file
5. ``outputs``  PDFs and the offline copy, from the rendered pages

``site`` holds everything one build needs, made fresh for every build. ``mkdocs`` is the
adapter to MkDocs and Material for MkDocs (the only package that imports them); ``cli``
is the ``handbook`` command and ``importing`` its ``handbook import``.
"""

from handbook.content.corpus import Corpus, LoadResult, load_corpus
from handbook.content.kinds import KINDS, Kind
from handbook.content.problems import ContentError, Problem
from handbook.settings import Settings, SettingsError, read_settings

__all__ = [
    "KINDS",
    "ContentError",
    "Corpus",
    "Kind",
    "LoadResult",
    "Problem",
    "Settings",
    "SettingsError",
    "Site",
    "load_corpus",
    "read_settings",
]


def __getattr__(name: str) -> object:
    # Site brings in every stage (templates, outputs): imported when asked for, so that
    # importing any one module of the engine (the CLI, a PDF worker) does not load them all.
    if name == "Site":
        from handbook.site import Site

        return Site
    raise AttributeError(f"module 'handbook' has no attribute {name!r}")
