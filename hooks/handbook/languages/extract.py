"""Every interface string the engine uses, and what a language's catalogue lacks or no longer needs.

The msgids come from where they are written, with Babel's extractors:

- the engine's Python (``hooks/handbook/**/*.py``): calls of ``_``, ``gettext``,
  ``ngettext`` (singular and plural) and ``N_`` (strings kept as data), including method
  calls such as ``messages.gettext("...")``;
- the templates (``hooks/handbook/templates/**/*.html`` and the Material overrides in
  ``overrides/**/*.html``): Jinja's own extractor, with the settings our environments use;
- ``mkdocs.yml``: the site's name, description and copyright line, which the Welsh pass
  shows in Welsh.

:func:`missing` and :func:`obsolete` compare them with a language's catalogue (``handbook
messages`` prints both; tests/unit/test_message_catalogue.py fails on either).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any  # Babel's name for an extraction function's type is private

import jinja2.ext
import yaml
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract

from handbook.content.problems import Problem, did_you_mean
from handbook.languages.catalogue import (
    MESSAGES_DIR,
    REPOSITORY,
    Catalogue,
    MessageKey,
    language_name,
    load_catalogue,
    shown_path,
)

# The call names that mark a msgid: (singular, plural) for ngettext.
KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
# A comment just before a msgid that starts with this reaches the translator (#. in .po files).
COMMENT_TAGS = ("Translators:",)
# Jinja's extractor parses templates with the options our environments use (handbook.pages.render).
JINJA_OPTIONS = {
    "extensions": "jinja2.ext.i18n",
    "trim_blocks": "true",
    "lstrip_blocks": "true",
    "newstyle_gettext": "true",
    "silent": "false",  # a template Jinja cannot parse is an error, not a file without strings
}
PYTHON_SOURCES = "hooks/handbook"
TEMPLATE_SOURCES = ("hooks/handbook/templates", "overrides")
# The settings of mkdocs.yml readers see, translated in the other languages' passes.
SITE_FIELDS = ("site_name", "site_description", "copyright")

# Which .po file of a language holds the strings of each part of the engine (the areas'
# owners keep them); the longest matching prefix wins.
AREAS = {
    "mkdocs.yml": "core",
    "hooks/handbook/languages/": "core",
    "hooks/handbook/templates/items/": "items",
    "hooks/handbook/templates/cross_links.html": "items",
    "hooks/handbook/templates/case_button.html": "items",
    "hooks/handbook/templates/macros.html": "items",
    "hooks/handbook/linking/": "items",
    "hooks/handbook/pages/template_headings.py": "items",
    "hooks/handbook/templates/generated/": "generated",
    "hooks/handbook/pages/": "generated",
    "hooks/handbook/content/kinds.py": "generated",
    "hooks/handbook/content/vocabulary.py": "generated",
    "hooks/handbook/templates/generated/map.html": "map",
    "hooks/handbook/templates/generated/network.html": "map",
    "hooks/handbook/templates/map/": "map",
    "hooks/handbook/relationships_map/": "map",
    "hooks/handbook/templates/generated/case_maker.html": "case",
    "hooks/handbook/case_maker/": "case",
    "hooks/handbook/templates/generated/suggest.html": "suggest",
    "hooks/handbook/templates/contribute/": "suggest",
    "hooks/handbook/contributions/": "suggest",
    "hooks/handbook/outputs/site_paths.py": "languages",
    "hooks/handbook/outputs/": "outputs",
    "hooks/handbook/templates/pdf/": "outputs",
    "hooks/handbook/templates/downloads/": "outputs",
    "hooks/handbook/pages/exports.py": "generated",
    "hooks/handbook/templates/languages/": "languages",
    "hooks/handbook/mkdocs/": "languages",
    "hooks/handbook/site.py": "languages",
    "overrides/": "languages",
    "overrides/partials/hb-strings.html": "case",  # the case store's strings, on every page
}


HEADER_COMMENT = """\
# The interface strings of the Relationships Handbooks, in English, for translators.
# Made by `handbook messages --pot`; a language's translations live in
# hooks/handbook/languages/messages/<language>/*.po (docs/contribute/translating.md)."""


class ExtractionError(Exception):
    """A source the msgids are read from cannot be read (a template Jinja cannot parse)."""


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _add(catalog: Catalog, msgid: str | tuple[str, ...], location: tuple[str, int], comments: Iterable[str]) -> None:
    if not (msgid if isinstance(msgid, str) else msgid[0]):
        return
    flags = ["python-format"] if any("%" in text for text in ([msgid] if isinstance(msgid, str) else msgid)) else []
    catalog.add(msgid, locations=[location], flags=flags, auto_comments=list(comments))


def _extract_file(catalog: Catalog, method: Any, path: Path, root: Path, options: dict[str, str]) -> None:
    where = _relative(path, root)
    with path.open("rb") as stream:
        try:
            found = list(extract(method, stream, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, options=options))
        except jinja2.TemplateSyntaxError as error:
            raise ExtractionError(
                f"{where}:{error.lineno}: template: Jinja cannot parse it: {error.message}"
            ) from error
        except SyntaxError as error:
            raise ExtractionError(f"{where}:{error.lineno}: python: cannot be parsed: {error.msg}") from error
    for lineno, msgid, comments, _context in found:
        _add(catalog, msgid, (where, lineno), comments)


def site_strings(root: Path) -> list[tuple[str, int, str]]:
    """``mkdocs.yml``'s site_name, site_description and copyright: (field, line, text)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return []
    # Composed, not loaded: mkdocs.yml has !!python/name tags that only MkDocs constructs.
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return []
    found = []
    for key, value in node.value:
        if key.value in SITE_FIELDS and isinstance(value, yaml.ScalarNode) and str(value.value).strip():
            found.append((key.value, value.start_mark.line + 1, str(value.value)))
    return found


def extract_messages(root: Path) -> Catalog:
    """Every msgid the engine under ``root`` uses, with where each is written."""
    catalog = Catalog(
        project="Relationships Handbooks",
        copyright_holder="The Relationships Project and contributors",
        charset="utf-8",
        fuzzy=False,
        header_comment=HEADER_COMMENT,
    )
    for path in sorted((root / PYTHON_SOURCES).rglob("*.py")):
        _extract_file(catalog, "python", path, root, {})
    for folder in TEMPLATE_SOURCES:
        for path in sorted((root / folder).rglob("*.html")):
            _extract_file(catalog, jinja2.ext.babel_extract, path, root, JINJA_OPTIONS)
    for name, line, text in site_strings(root):
        _add(catalog, text, ("mkdocs.yml", line), [f"mkdocs.yml: {name}"])
    return catalog


# -- what a language lacks or no longer needs ------------------------------------------------------
@dataclass(frozen=True)
class Report:
    """A language's catalogue compared with the strings in use."""

    language: str
    missing: list[Problem]
    obsolete: list[Problem]
    problems: list[Problem]  # the catalogue's own (conflicts, wrong Plural-Forms...)


def area_of(location: str) -> str:
    """The area whose .po file holds a string written at ``location`` (a repository path)."""
    matches = [prefix for prefix in AREAS if location == prefix or location.startswith(prefix)]
    return AREAS[max(matches, key=len)] if matches else "core"


def _key(message: Message) -> MessageKey:
    return (message.id if isinstance(message.id, str) else message.id[0], message.context)


def _quoted(msgid: str) -> str:
    text = msgid if len(msgid) <= 60 else msgid[:57] + "..."
    return '"' + text.replace("\n", "\\n") + '"'


def _incomplete(used: Message, catalogue: Catalogue) -> str | None:
    """Why a used string has no complete translation, or None when it has one."""
    name = language_name(catalogue.language)
    key = _key(used)
    translation = catalogue.translation(*key)
    if translation is None:
        if key in catalogue.fuzzy:
            path, line = catalogue.fuzzy[key]
            return f"its {name} translation at {path}:{line} is marked fuzzy (not used until checked)"
        return f"no {name} translation"
    if used.pluralizable != translation.pluralizable or (used.pluralizable and used.id != translation.id):
        path, line = catalogue.sources[key]
        wanted = "with" if used.pluralizable else "without"
        return f"the {name} translation at {path}:{line} is for a different string (used {wanted} a plural)"
    strings = [translation.string] if isinstance(translation.string, str) else list(translation.string or ())
    empty = [str(index) for index, text in enumerate(strings) if not text]
    if used.pluralizable and len(strings) < catalogue.catalog.num_plurals:
        empty += [str(index) for index in range(len(strings), catalogue.catalog.num_plurals)]
    if empty:
        path, line = catalogue.sources[key]
        return f"the {name} translation at {path}:{line} lacks msgstr[{'], msgstr['.join(empty)}]"
    return None


def compare(root: Path, language: str, folder: Path | None = None, used: Catalog | None = None) -> Report:
    """The strings in use without a complete translation in ``language``, and the
    translations of strings no longer used. ``folder`` is the catalogues' folder."""
    folder = folder or MESSAGES_DIR
    used = used if used is not None else extract_messages(root)
    catalogue = load_catalogue(language, folder)
    expected_folder = shown_path(folder / language)
    missing = []
    for message in used:
        if not message.id:
            continue
        why = _incomplete(message, catalogue)
        if why is None:
            continue
        path, line = message.locations[0] if message.locations else ("?", 0)
        key = _key(message)
        home = catalogue.sources.get(key) or catalogue.fuzzy.get(key)
        expected = f"a complete entry in {home[0]}" if home else f"an entry in {expected_folder}/{area_of(path)}.po"
        missing.append(Problem(path, line, _quoted(key[0]), why, expected=expected))
    in_use = [_key(message)[0] for message in used if message.id]
    obsolete = []
    for key, (path, line) in sorted(catalogue.sources.items(), key=lambda item: item[1]):
        if used.get(*key) is None:
            obsolete.append(
                Problem(
                    path,
                    line,
                    _quoted(key[0]),
                    "translates a string the engine no longer uses",
                    expected="the entry removed, or its msgid changed to the English now used",
                    suggestion=did_you_mean(key[0], in_use),
                )
            )
    return Report(language, missing, obsolete, sorted(catalogue.problems))


def missing(language: str, root: Path | None = None, folder: Path | None = None) -> list[Problem]:
    """The strings in use (in the engine at ``root``, default: this one) without a complete
    translation (every plural form) in ``language``."""
    return compare(root or REPOSITORY, language, folder).missing


def obsolete(language: str, root: Path | None = None, folder: Path | None = None) -> list[Problem]:
    """The translations in ``language`` of strings the engine (at ``root``) no longer uses."""
    return compare(root or REPOSITORY, language, folder).obsolete
