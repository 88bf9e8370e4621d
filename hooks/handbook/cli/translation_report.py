"""Outdated translations, as warnings for ``handbook check`` (they never fail it).

``check_warnings(root, result)`` takes what ``load_corpus`` returned (its ``translations``
were read and checked with it) and gives one line per outdated translation::

    glossary/loneliness.cy.md:3: translation.source_commit: warning: out of date: glossary/loneliness.md changed on ...
"""

from __future__ import annotations

from pathlib import Path

from handbook.content.corpus import LoadResult
from handbook.content.problems import Problem
from handbook.content.translations import DEFAULT_LANGUAGES, TranslationSet, load_translations


def warning_line(problem: Problem) -> str:
    """A problem printed as a warning: ``path:line: field: warning: message (expected ...)``."""
    return str(
        Problem(
            problem.path,
            problem.line,
            problem.field,
            f"warning: {problem.message}",
            problem.expected,
            problem.suggestion,
        )
    )


def check_warnings(
    root: Path | str, result: LoadResult, languages: tuple[str, ...] | list[str] | None = None
) -> list[str]:
    """The outdated translations of a loaded corpus, one warning line each. ``languages``:
    the site's languages, when the corpus was loaded without its translations."""
    translations: TranslationSet | None = result.translations
    if translations is None or (languages is not None and tuple(languages) != translations.languages):
        translations = load_translations(
            root, result.corpus, None, tuple(languages or DEFAULT_LANGUAGES), scan=result.scan
        )
    return [warning_line(warning) for warning in translations.warnings]
