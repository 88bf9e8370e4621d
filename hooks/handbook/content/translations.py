"""Translations of content: a file beside its English source, the language before ``.md``.

``glossary/loneliness.cy.md`` translates ``glossary/loneliness.md``; so do
``handbooks/<h>/index.cy.md``, ``handbooks/<h>/<chapter>.cy.md``, ``docs/index.cy.md`` and
``docs/evidence/<id>.cy.md``. Ids stay the same in every language. A translation's front
matter says which version of the English it translates (``translation.source_commit``,
or ``source_date`` when no commit is known), whether it was machine-assisted and who
reviewed it, and carries only the fields that are translated (``TRANSLATABLE``); every
other field is the English file's. ``docs/vocabularies.cy.yml`` translates the
vocabularies' labels.

This module is the model: the records, the set of them a build reads (``TranslationSet``)
and ``localize``, which makes the corpus in one language. Reading and checking the files,
and asking git which translations are out of date, is ``translation_reader``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from handbook.content.model import Handbook, Item, Term, Theme, UseWithCare
from handbook.content.problems import Problem
from handbook.content.vocabulary import Vocabularies, Vocabulary
from handbook.languages import SOURCE_LANGUAGE

if TYPE_CHECKING:
    from handbook.content.corpus import Corpus
    from handbook.content.git_history import FileCommits, GitHistory
    from handbook.safety.content_files import ContentScan

# The languages content is translated into when the settings say nothing else.
DEFAULT_LANGUAGES: tuple[str, ...] = ("cy",)
# `<name>.<language>.md`: a language code of two or three lower-case letters (ISO 639).
# An English file's name is its id, which has no dot, so nothing else has this shape.
_TRANSLATION_NAME = re.compile(r"^(?P<stem>[^./]+)\.(?P<language>[a-z]{2,3})\.md$")
# The vocabularies' labels in a language: docs/vocabularies.<language>.yml.
VOCABULARIES_TRANSLATION = "docs/vocabularies.{language}.yml"

# The fields a translation may carry, for every kind and, in addition, for terms.
TRANSLATABLE: tuple[str, ...] = ("title", "summary")
TERM_TRANSLATABLE: tuple[str, ...] = ("aliases", "working_definition", "contested_note", "use_with_care")


def translation_name(name: str) -> tuple[str, str] | None:
    """``(stem, language)`` when a file name is a translation's ("loneliness.cy.md" ->
    ("loneliness", "cy")), else None."""
    found = _TRANSLATION_NAME.match(name)
    return (found.group("stem"), found.group("language")) if found else None


def is_translation_file(docs_path: str, languages: tuple[str, ...]) -> bool:
    """Whether a file under docs/ (its path there: "about/start-here.cy.md",
    "vocabularies.cy.yml") is a translation into one of ``languages``: read with the
    corpus, never a page or a file of the site by itself."""
    parsed = translation_name(docs_path.rpartition("/")[2])
    others = [language for language in languages if language != SOURCE_LANGUAGE]
    if parsed is not None:
        return parsed[1] in others
    return any(f"docs/{docs_path}" == VOCABULARIES_TRANSLATION.format(language=language) for language in others)


def source_of(rel_path: str) -> str | None:
    """The English file a translation translates: "glossary/loneliness.cy.md" -> "glossary/loneliness.md"."""
    folder, _, name = rel_path.rpartition("/")
    parsed = translation_name(name)
    if parsed is None:
        return None
    return f"{folder}/{parsed[0]}.md" if folder else f"{parsed[0]}.md"


@dataclass(frozen=True)
class TranslationReview:
    """A Welsh speaker's review of a translation: who, when, and where it is recorded (a web address)."""

    by: str
    date: dt.date
    record: str


@dataclass
class Translation:
    language: str
    path: str  # the translation's file, repository-relative
    source_path: str  # the English file it translates
    key: tuple[str, str]  # the item's (kind, id)
    title: str | None = None
    summary: str | None = None
    body: str = ""
    body_line: int = 1
    # A term's other translated fields: aliases (list), working_definition, contested_note,
    # use_with_care (its `why`), each only when given.
    fields: dict[str, Any] = field(default_factory=dict)
    source_commit: str | None = None
    source_date: dt.date | None = None
    machine_assisted: bool = True
    translated_by: str | None = None
    review: TranslationReview | None = None
    line: int = 1  # the line of `translation.source_commit` (or `source_date`), for warnings

    @property
    def reviewed(self) -> bool:
        return self.review is not None

    @property
    def names(self) -> list[str]:
        """A term translation's names in its language: its title, then its aliases."""
        return [name for name in [self.title, *self.fields.get("aliases", [])] if name]


@dataclass(frozen=True)
class Outdated:
    """The English source changed after the version a translation translates."""

    changed: str  # ISO date of the English file's latest change
    latest_commit: str  # that change's commit (full hash)


@dataclass
class TranslationStatus:
    translation: Translation | None  # None: not translated into this language
    outdated: bool = False
    source_changed: str | None = None  # ISO date of the English change that made it outdated
    diff_url: str | None = None  # where to see what changed in the English since
    reviewed: bool = False  # a Welsh speaker's review is recorded
    machine_assisted: bool = False


@dataclass
class TranslationSet:
    """Every translation a build read, with its problems and its outdated warnings."""

    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    translations: dict[tuple[str, str, str], Translation] = field(default_factory=dict)  # (language, kind, id)
    problems: list[Problem] = field(default_factory=list)
    # Outdated translations, each a Problem printed as a warning: never a failed build.
    warnings: list[Problem] = field(default_factory=list)
    outdated: dict[str, Outdated] = field(default_factory=dict)  # translation path -> why it is outdated
    # language -> vocabulary name -> entry id -> {"title": ..., "description": ...}
    vocabularies: dict[str, dict[str, dict[str, dict[str, str]]]] = field(default_factory=dict)
    repo_url: str | None = None  # https://github.com/<owner>/<repo>, for the links to what changed
    branch: str = "main"
    files: int = 0  # translation files read
    seconds: float = 0.0  # reading and checking them, git included
    git_seconds: float = 0.0  # of which git
    git_logs: int = 0  # how many git logs that took (one per 1,000 translated sources)

    def linked_to(self, repo_url: str | None, branch: str = "main") -> TranslationSet:
        """The same set, with the repository its links to what changed point at."""
        return dataclasses.replace(self, repo_url=repo_url.rstrip("/") if repo_url else None, branch=branch)

    def get(self, item: Item, language: str) -> Translation | None:
        found = self.translations.get((language, item.kind, item.id))
        if found is None and item.kind == Theme.kind:  # a theme is translated by its vocabulary label
            label = self.vocabulary(language).get("themes", {}).get(item.id)
            if label:
                found = Translation(
                    language=language,
                    path=VOCABULARIES_TRANSLATION.format(language=language),
                    source_path=item.path,
                    key=item.key,
                    title=label["title"],
                    summary=label.get("description"),
                    machine_assisted=True,  # the labels file records no review
                )
        return found

    def for_item(self, item: Item, language: str) -> TranslationStatus:
        translation = self.get(item, language)
        if translation is None:
            return TranslationStatus(None)
        outdated = self.outdated.get(translation.path)
        return TranslationStatus(
            translation,
            outdated=outdated is not None,
            source_changed=outdated.changed if outdated else None,
            diff_url=self.diff_url(translation, outdated) if outdated else None,
            reviewed=translation.reviewed,
            machine_assisted=translation.machine_assisted,
        )

    def diff_url(self, translation: Translation, outdated: Outdated) -> str | None:
        """GitHub's comparison of the English file from the translated version to its latest
        (the file's own anchor in the compare view); with only a date, the file's history."""
        if not self.repo_url:
            return None
        if translation.source_commit:
            anchor = hashlib.sha256(translation.source_path.encode("utf-8")).hexdigest()
            return f"{self.repo_url}/compare/{translation.source_commit}...{outdated.latest_commit}#diff-{anchor}"
        return f"{self.repo_url}/commits/{quote(self.branch)}/{quote(translation.source_path)}"

    def languages_of(self, item: Item) -> set[str]:
        """The languages an item is translated into (English not counted)."""
        return {language for language in self.languages if self.get(item, language) is not None}

    def of_language(self, language: str) -> list[Translation]:
        return [t for (lang, _, _), t in self.translations.items() if lang == language]

    def vocabulary(self, language: str) -> dict[str, dict[str, dict[str, str]]]:
        """The vocabularies' labels in a language: {vocabulary: {id: {"title", "description"}}}."""
        return self.vocabularies.get(language, {})

    def other_names(self, term: Term, language: str) -> list[str]:
        """A term's names in another language, for its English page ("In Welsh: unigrwydd")."""
        translation = self.get(term, language)
        return translation.names if translation else []


def load_translations(
    root: Path | str,
    corpus: Corpus,
    history: GitHistory | FileCommits | None = None,
    languages: tuple[str, ...] | list[str] = DEFAULT_LANGUAGES,
    *,
    repo_url: str | None = None,
    branch: str = "main",
    scan: ContentScan | None = None,
) -> TranslationSet:
    """Read and check every translation of the corpus's items (``load_corpus`` does this
    already: its result's ``translations``). ``history``: the commits of the translated
    sources (``git_history.read_file_commits``), or None to ask git once for all of them
    (a ``GitHistory`` that is not available means no git: nothing is said about commits)."""
    from handbook.content.translation_reader import read_translations

    found = read_translations(Path(root).resolve(), corpus, history, tuple(languages), scan=scan)
    return found.linked_to(repo_url, branch) if repo_url else found


# -- the corpus in another language ------------------------------------------------------
def localize(corpus: Corpus, translations: TranslationSet, language: str) -> Corpus:
    """A new corpus whose items carry their translation's fields; untranslated items stay
    in English (the same objects), and the English corpus is left as it was.

    A term is named in both languages: its translated title and aliases first, then its
    English title and aliases (so "unigrwydd" and "loneliness" both find it). A handbook's
    chapters are its localized chapters. The vocabularies (and the themes, their items)
    carry the labels of ``docs/vocabularies.<language>.yml``."""
    vocabularies = relabelled(corpus.vocabularies, translations.vocabulary(language), language)
    items: dict[str, dict[str, Item]] = {}
    for kind, by_id in corpus.items.items():
        items[kind] = {}
        for item_id, item in by_id.items():
            translation = translations.get(item, language)
            items[kind][item_id] = _translated(item, translation) if translation else item
    for theme_id, theme in list(items.get(Theme.kind, {}).items()):
        if isinstance(theme, Theme) and theme_id in vocabularies.themes.entries:
            entry = vocabularies.themes.entries[theme_id]
            items[Theme.kind][theme_id] = dataclasses.replace(
                theme, title=entry.title, description=entry.description, summary=entry.description
            )
    handbooks: list[Handbook] = []
    for handbook in corpus.handbooks:
        localized = items.get(Handbook.kind, {}).get(handbook.id, handbook)
        assert isinstance(localized, Handbook)
        chapters = [items.get(chapter.kind, {}).get(chapter.id, chapter) for chapter in handbook.chapters]
        localized = dataclasses.replace(localized, chapters=chapters)  # type: ignore[arg-type]  # chapters stay chapters
        if handbook.id in items.get(Handbook.kind, {}):
            items[Handbook.kind][handbook.id] = localized
        handbooks.append(localized)
    return dataclasses.replace(corpus, vocabularies=vocabularies, items=items, handbooks=handbooks)


def _translated(item: Item, translation: Translation) -> Item:
    changes: dict[str, Any] = {"body": translation.body, "body_line": translation.body_line}
    if translation.title:
        changes["title"] = translation.title
    if translation.summary:
        changes["summary"] = translation.summary
    if isinstance(item, Term):
        extra = translation.fields
        own = [*extra.get("aliases", []), item.title, *item.aliases]
        title = changes.get("title", item.title)
        seen = {" ".join(title.lower().split())}
        aliases = []
        for name in own:
            key = " ".join(name.lower().split())
            if key not in seen:
                seen.add(key)
                aliases.append(name)
        changes["aliases"] = aliases
        if extra.get("working_definition"):
            changes["working_definition"] = extra["working_definition"]
        if extra.get("contested_note") and item.contested_note:
            changes["contested_note"] = extra["contested_note"]
        if extra.get("use_with_care") and item.use_with_care is not None:
            changes["use_with_care"] = UseWithCare(
                why=extra["use_with_care"], alternatives=item.use_with_care.alternatives
            )
    return dataclasses.replace(item, **changes)


def relabelled(
    vocabularies: Vocabularies, labels: dict[str, dict[str, dict[str, str]]], language: str | None = None
) -> Vocabularies:
    """New vocabularies with the translated labels. With ``language``, every entry says the
    language of its label (``Entry.language``): that language when translated, "en" when it
    keeps its English (so a page can mark it); the English vocabularies are left as they are."""
    by_name: dict[str, Vocabulary] = {}
    for name, vocabulary in vocabularies.by_name.items():
        translated = labels.get(name, {})
        entries = {}
        for entry_id, entry in vocabulary.entries.items():
            label = translated.get(entry_id)
            if label and label.get("title"):
                entries[entry_id] = dataclasses.replace(
                    entry,
                    title=label["title"],
                    description=label.get("description") or entry.description,
                    language=language,
                )
            else:
                entries[entry_id] = dataclasses.replace(entry, language="en" if language else entry.language)
        by_name[name] = Vocabulary(name, entries, unknown=vocabulary.unknown)
    return Vocabularies(by_name)
