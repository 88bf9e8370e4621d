"""Reading and checking the translations (``translations.py`` is their model).

Each translation is read as the English files are (``corpus._Loader.read``: the same safe
reader, size and YAML limits, line numbers, and the same checks of the body: raw HTML,
links, references, attachments, placeholders), then checked as a translation: its English
source exists, its ``translation`` block says which version it translates, and it carries
only translated fields. Whether the English changed since is asked of git once for all
translated sources (``git_history.read_file_commits``), never once per file.
"""

from __future__ import annotations

import dataclasses
import os
import time
from functools import partial
from pathlib import Path
from typing import Any, cast

import yaml

from handbook.content import kinds
from handbook.content.corpus import (
    COMMON_WORDS,
    DOCS_COLLECTIONS,
    DOCS_DIR,
    HANDBOOKS_DIR,
    Corpus,
    _check_references,
    _Loader,
)
from handbook.content.fields import FieldReader, Reference, decoded_references
from handbook.content.git_history import FileCommits, GitHistory, read_file_commits
from handbook.content.model import Item, Term
from handbook.content.problems import Problem, did_you_mean, one_of
from handbook.content.readers import WORKING_DEFINITION_MAX_WORDS
from handbook.content.source import SourceDoc, compose_yaml, title_heading, without_heading
from handbook.content.source import _Loader as _YamlLoader
from handbook.content.translations import (
    TERM_TRANSLATABLE,
    TRANSLATABLE,
    VOCABULARIES_TRANSLATION,
    Outdated,
    Translation,
    TranslationReview,
    TranslationSet,
    source_of,
    translation_name,
)
from handbook.content.vocabulary import NAMES as VOCABULARY_NAMES
from handbook.safety.content_files import ContentScan, file_size_problem, scan_content
from handbook.safety.yaml_limits import front_matter_problems

COMMIT_CHARS = frozenset("0123456789abcdef")
# Everyday Welsh words, which no term's Welsh name may be (the linker would link them
# everywhere), as COMMON_WORDS is for English. Kept short on purpose.
WELSH_COMMON_WORDS = frozenset(
    """
    y yr a ac o i yn ar am at gan ond neu mae yw ydy oes na nad nid ni fe mi fy dy ei ein eich eu
    hyn hwn hon hynny beth pwy pan lle sut pam pob rhai un dim wedi bod oedd roedd gyda heb dros
""".split()
)
# Fields of the English files that a translation does not carry (their value is the English file's).
_ENGLISH_ONLY = frozenset(
    {"term", "chapters", "last_reviewed", "reviewed_by", "review_due", "description", "hide", "search", "tags"}
)


def read_translations(
    root: Path,
    corpus: Corpus,
    history: GitHistory | FileCommits | None,
    languages: tuple[str, ...],
    *,
    scan: ContentScan | None = None,
) -> TranslationSet:
    started = time.perf_counter()
    found = TranslationSet(languages=languages)
    if not languages:  # an English-only site: its translation files are not read
        return found
    problems: list[Problem] = []
    references: list[Reference] = []
    if scan is None:
        scan = scan_content(root, markdown_only=(HANDBOOKS_DIR, *(kind.source for kind in kinds.COLLECTIONS)))
    loader = _Loader(root, corpus, problems, references, scan)
    by_path = {item.path: item for item in corpus}
    name_lines: dict[str, list[tuple[str, int]]] = {}  # a term translation's path -> (field, line) of each name
    for path in _translation_files(root, loader):
        translation = _read_one(loader, path, by_path, languages, name_lines)
        if translation is not None:
            found.translations[(translation.language, *translation.key)] = translation
    found.files = loader.files
    _check_references(corpus, references, problems, set())  # the translated bodies' links and citations
    _check_term_names(corpus, found, name_lines, problems)
    problems += _page_link_problems(corpus, found)
    _read_vocabularies(root, corpus, languages, found, problems)
    commits = _commits(root, history, found)
    found.git_seconds, found.git_logs = commits.seconds, commits.logs
    _check_commits(commits, found, problems)
    found.problems = sorted(problems, key=lambda p: (p.path, p.line, p.field))
    found.warnings.sort(key=lambda p: (p.path, p.line))
    found.seconds = time.perf_counter() - started
    return found


# -- finding and reading the files -------------------------------------------------------
def _translation_files(root: Path, loader: _Loader) -> list[Path]:
    """Every `<name>.<language>.md` where content lives: handbooks, collections, docs pages.
    Names are matched before any path is made: the walk costs little on 5,000 files."""
    folders: list[str] = []
    handbooks = root / HANDBOOKS_DIR
    if handbooks.is_dir():
        folders += [entry.path for entry in os.scandir(handbooks) if entry.is_dir(follow_symlinks=False)]
    folders += [str(root / kind.source) for kind in kinds.COLLECTIONS if not kind.source.startswith(f"{DOCS_DIR}/")]
    found: list[Path] = []
    for folder in folders:
        if os.path.isdir(folder):
            found += [Path(entry.path) for entry in os.scandir(folder) if translation_name(entry.name) is not None]
    docs = root / DOCS_DIR
    for here, subfolders, names in os.walk(docs):
        parts = Path(here).relative_to(docs).parts
        if parts and parts[0] in DOCS_COLLECTIONS:
            subfolders.clear()  # a collection's items sit directly in its folder
        found += [Path(here, name) for name in names if translation_name(name) is not None]
    # What the content walk refused (links leaving the repository, hidden files...) is not read.
    return sorted(p for p in found if p.is_file() and loader.readable(p))


def _read_one(
    loader: _Loader,
    path: Path,
    by_path: dict[str, Item],
    languages: tuple[str, ...],
    name_lines: dict[str, list[tuple[str, int]]],
) -> Translation | None:
    rel = loader.rel(path)
    parsed = translation_name(path.name)
    assert parsed is not None
    stem, language = parsed
    if language not in languages:
        loader.problems.append(
            Problem(
                rel,
                1,
                "file name",
                f"'{language}' is not one of the site's languages",
                expected=f"one of the site's languages: {', '.join(languages)}",
                suggestion=_renamed(stem, did_you_mean(language, languages)),
            )
        )
        return None
    source_rel = source_of(rel)
    assert source_rel is not None
    item = by_path.get(source_rel)
    if item is None:
        if (loader.root / source_rel).exists():
            return None  # the English file could not be read: its own problems are reported
        english = [p.stem for p in path.parent.glob("*.md") if translation_name(p.name) is None]
        closest = did_you_mean(stem, english)
        loader.problems.append(
            Problem(
                rel,
                1,
                "file name",
                f"translates {source_rel}, which does not exist",
                expected="a translation beside its English file, named <English file name>.<language>.md",
                suggestion=f"'{closest.strip(chr(39))}.{language}.md'" if closest else None,
            )
        )
        return None
    read = loader.read(path, _read_fields, item, language)
    translation = cast(Translation | None, read)
    doc = loader.last_doc
    if translation is None or doc is None or doc.path != rel:
        return None
    if isinstance(item, Term):
        lines = [("title", doc.line_of(("title",)))]
        lines += [
            (f"aliases[{i}]", doc.line_of(("aliases", i))) for i in range(len(translation.fields.get("aliases", [])))
        ]
        name_lines[rel] = lines
    return translation


def _renamed(stem: str, language: str | None) -> str | None:
    return f"'{stem}.{language.strip(chr(39))}.md'" if language else None


def _read_fields(r: FieldReader, _vocabularies: object, item: Item, language: str) -> Translation:
    doc = r.doc
    block = r.mapping("translation", _read_block, required=True) or {}
    title = r.text("title")
    if item.kind in ("chapter", "page"):  # their title may be the body's first heading, as in English
        heading = title_heading(doc, opening_only=title is not None)
        if heading is not None and title is None:
            title = decoded_references(heading.text)
            if item.kind == "chapter":
                doc.body = without_heading(doc.body, heading)
        elif heading is not None and item.kind == "chapter" and heading.text == title:
            doc.body = without_heading(doc.body, heading)
    allowed = list(TRANSLATABLE)
    fields: dict[str, Any] = {}
    if isinstance(item, Term):
        allowed += TERM_TRANSLATABLE
        aliases = r.texts("aliases")
        if aliases:
            fields["aliases"] = aliases
        for name, english in (("working_definition", item.working_definition), ("contested_note", item.contested_note)):
            value = r.text(name, max_words=WORKING_DEFINITION_MAX_WORDS if name == "working_definition" else None)
            if value and not english:
                r.problem(name, "translates nothing: the English term has none", expected="no such field")
            elif value:
                fields[name] = value
        why = r.mapping("use_with_care", lambda u: u.text("why", required=True))
        if why and item.use_with_care is None:
            r.problem("use_with_care", "translates nothing: the English term has none", expected="no such field")
        elif why:
            fields["use_with_care"] = why
    summary = r.text("summary")
    english_fields = _ENGLISH_ONLY | {f.name for f in dataclasses.fields(item)}
    others = [key for key in r.data if key not in r.known]
    for key in others:
        if key == "term" and isinstance(item, Term):
            r.problem(key, "is written 'title' in a translation", expected="title: the term's name in this language")
        elif key in english_fields:
            r.problem(
                key,
                "is not translated: the English file's value is used",
                expected=f"only {', '.join(allowed)} and the text in a translation",
            )
        else:
            r.problem(
                key,
                "is not a known field",
                expected=f"one of translation, {', '.join(allowed)}",
                suggestion=did_you_mean(str(key), ["translation", *allowed]),
            )
    r.allow(*others)  # reported here, with what a translation may carry
    return Translation(
        language=language,
        path=doc.path,
        source_path=item.path,
        key=item.key,
        title=title,
        summary=summary,
        body=doc.body,
        body_line=doc.body_line,
        fields=fields,
        source_commit=block.get("source_commit"),
        source_date=block.get("source_date"),
        machine_assisted=block.get("machine_assisted", True),
        translated_by=block.get("translated_by"),
        review=block.get("review"),
        line=doc.line_of(("translation", "source_commit" if "source_commit" in block else "source_date")),
    )


def _read_block(b: FieldReader) -> dict[str, Any]:
    """The `translation` block: which English it translates, how, and who reviewed it."""
    out: dict[str, Any] = {}
    commit = _commit(b)
    date = b.date("source_date")
    if commit and date:
        b.problem("source_date", "is given with source_commit", expected="source_commit or source_date, not both")
    elif commit:
        out["source_commit"] = commit
    elif date:
        out["source_date"] = date
    elif "source_commit" not in b.data and "source_date" not in b.data:
        b.problem(
            "source_commit",
            "is required but missing",
            expected="the commit of the English file's last change that this translates "
            "(7 to 40 hex digits), or source_date: YYYY-MM-DD when no commit is known",
        )
    machine_assisted = b.boolean("machine_assisted", required=True)
    out["machine_assisted"] = True if machine_assisted is None else machine_assisted  # unknown: said as unreviewed
    out["translated_by"] = b.text("translated_by")
    out["review"] = b.mapping("review", _read_review)
    return out


def _commit(b: FieldReader) -> str | None:
    raw = b.data.get("source_commit")
    value = b.text("source_commit")
    if value is None:
        return None
    value = value.lower()
    if not isinstance(raw, str) and not (isinstance(raw, int) and 7 <= len(value) <= 40):
        # YAML reads 0123456 as a number (an octal one, 42798): the digits written are lost.
        b.problem(
            "source_commit",
            f"'{raw}' is read as a number, not as a commit id",
            expected='the commit in quotes, such as source_commit: "0123456"',
        )
        return None
    if not (7 <= len(value) <= 40 and set(value) <= COMMIT_CHARS):
        b.problem(
            "source_commit",
            f"'{raw}' is not a commit id",
            expected="7 to 40 hexadecimal digits, such as 1a2b3c4 (git log -1 --format=%h -- <English file>)",
        )
        return None
    return value


def _read_review(r: FieldReader) -> TranslationReview | None:
    by = r.text("by", required=True)
    date = r.date("date", required=True)
    record = r.text("record", required=True)
    if record is not None:
        if not record.startswith(("http://", "https://")):
            r.problem(
                "record",
                f"'{record}' is not a web address",
                expected="the address where the review is recorded (a pull request, an issue)",
            )
            record = None
        else:
            record = r.url("record")
    if by is None or date is None or record is None:
        return None
    return TranslationReview(by, date, record)


# -- whole-set checks ----------------------------------------------------------------------
def _check_term_names(
    corpus: Corpus, found: TranslationSet, name_lines: dict[str, list[tuple[str, int]]], problems: list[Problem]
) -> None:
    """A term's names in another language follow the English names' rules: not an everyday
    word, at least two letters, and no other term's name (in either language)."""
    english: dict[str, Term] = {}
    for term in corpus.terms:
        for name in term.names:
            english.setdefault(" ".join(name.lower().split()), term)
    for language in found.languages:
        owners: dict[str, Translation] = {}
        for translation in sorted(found.of_language(language), key=lambda t: t.path):
            lines = name_lines.get(translation.path)
            if lines is None:
                continue
            names = [translation.title, *translation.fields.get("aliases", [])]
            for (where, line), name in zip(lines, names, strict=False):
                if not name:
                    continue
                key = " ".join(name.lower().split())
                if key in COMMON_WORDS or key in WELSH_COMMON_WORDS or sum(c.isalnum() for c in key) < 2:
                    problems.append(
                        Problem(
                            translation.path,
                            line,
                            where,
                            f"'{name}' is too short or too common to be a term's name",
                            expected="a name of at least two letters that is not an everyday word, "
                            "as the site links it on every page",
                        )
                    )
                    continue
                owner = english.get(key)
                if owner is not None and owner.id != translation.key[1]:
                    problems.append(
                        Problem(
                            translation.path,
                            line,
                            where,
                            f"'{name}' is already a name of the term '{owner.id}' ({owner.path})",
                            expected="each name or alias to belong to one term",
                        )
                    )
                    continue
                other = owners.setdefault(key, translation)
                if other is not translation:
                    problems.append(
                        Problem(
                            translation.path,
                            line,
                            where,
                            f"'{name}' is already a name of the term '{other.key[1]}' ({other.path})",
                            expected="each name or alias to belong to one term",
                        )
                    )


def _page_link_problems(corpus: Corpus, found: TranslationSet) -> list[Problem]:
    """Links by file path in the translated texts (``[...](../about/start-here.md)``), checked
    as the English ones are (``linking.page_links``): on the Welsh site they lead to the page
    at the same path in Welsh."""
    linking = [t for t in found.translations.values() if "](" in t.body or "]:" in t.body]
    if not linking:
        return []
    # Here, not at the top: these modules build on the corpus module.
    from handbook.linking.page_links import page_link_problems, site_files
    from handbook.pages.changes import CHANGES_URI
    from handbook.pages.generated import generated_pages
    from handbook.site import PageSource, item_sources

    english = item_sources(corpus)
    by_key = {(source.item.kind, source.item.id): src_uri for src_uri, source in english.items() if source.item}
    translated: dict[str, PageSource] = {}
    for translation in linking:
        src_uri = by_key.get(translation.key)
        item = english[src_uri].item if src_uri else None
        if src_uri is None or item is None:
            continue
        # The Welsh text, reported at the translation's own file and lines.
        welsh = dataclasses.replace(item, path=translation.path, body=translation.body, body_line=translation.body_line)
        translated[src_uri] = PageSource(src_uri, translation.path, item=welsh)
    others = (set(english) - set(translated)) | {page.src_uri for page in generated_pages(corpus)} | {CHANGES_URI}
    return page_link_problems(translated, others, lambda: site_files(corpus))


def _read_vocabularies(
    root: Path, corpus: Corpus, languages: tuple[str, ...], found: TranslationSet, problems: list[Problem]
) -> None:
    """docs/vocabularies.<language>.yml: {vocabulary: {id: {title, description}}}."""
    docs = root / DOCS_DIR
    files = sorted(docs.glob("vocabularies.*.yml")) if docs.is_dir() else []
    for path in files:
        rel = path.relative_to(root).as_posix()
        language = path.name[len("vocabularies.") : -len(".yml")]
        if language not in languages:
            problems.append(
                Problem(
                    rel,
                    1,
                    "file name",
                    f"'{language}' is not one of the site's languages",
                    expected=f"one of the site's languages: {', '.join(languages)}",
                )
            )
            continue
        assert rel == VOCABULARIES_TRANSLATION.format(language=language)
        labels = _read_labels(path, rel, corpus, problems)
        if labels:
            found.vocabularies[language] = labels
        found.files += 1


def _read_labels(path: Path, rel: str, corpus: Corpus, problems: list[Problem]) -> dict[str, dict[str, dict[str, str]]]:
    too_big = file_size_problem(path, rel)
    if too_big is not None:
        problems.append(too_big)
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(rel, 1, "file", f"cannot be read ({error})", expected="a UTF-8 YAML file"))
        return {}
    unsafe = front_matter_problems(text, 1, rel, _YamlLoader)
    if unsafe:
        problems.extend(unsafe)
        return {}
    try:
        data, lines = compose_yaml(text, 1, rel, problems)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(
            Problem(
                rel, (mark.line + 1) if mark else 1, "file", f"is not valid YAML: {getattr(error, 'problem', error)}"
            )
        )
        return {}
    if not isinstance(data, dict):
        problems.append(
            Problem(rel, 1, "file", "is not a set of vocabularies", expected="vocabulary: {id: {title, description}}")
        )
        return {}
    doc = SourceDoc(rel, path, data, "", 1, lines)
    reader = FieldReader(doc, data, problems, [])
    labels: dict[str, dict[str, dict[str, str]]] = {}
    for name in VOCABULARY_NAMES:
        section = reader.mapping(name, partial(_read_section, ids=corpus.vocabularies.by_name[name].ids))
        if section:
            labels[name] = section
    reader.finish()
    return labels


def _read_section(s: FieldReader, ids: list[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for raw_id, value in s.data.items():
        entry_id = str(raw_id)  # YAML reads the confidence levels' ids as numbers
        s.allow(raw_id)
        if entry_id not in ids:
            s.problem(
                entry_id,
                f"'{entry_id}' is not in this vocabulary",
                expected=one_of(ids),
                suggestion=did_you_mean(entry_id, ids),
            )
            continue
        if not isinstance(value, dict):
            s.problem(entry_id, "is not a set of fields", expected="title: ..., and description: ... if it has one")
            continue
        entry = FieldReader(s.doc, value, s.problems, s.references, (*s.key_path, entry_id))
        title, description = entry.text("title", required=True), entry.text("description")
        entry.finish()
        if title:
            out[entry_id] = {"title": title, **({"description": description} if description else {})}
    return out


# -- git: which translations are out of date -----------------------------------------------
def _commits(root: Path, history: GitHistory | FileCommits | None, found: TranslationSet) -> FileCommits:
    if isinstance(history, FileCommits):
        return history
    if isinstance(history, GitHistory) and not history.available:
        return FileCommits(available=False)
    sources = [t.source_path for t in found.translations.values() if t.source_commit or t.source_date]
    return read_file_commits(root, sources) if sources else FileCommits()


def _check_commits(commits: FileCommits, found: TranslationSet, problems: list[Problem]) -> None:
    if not commits.available:
        return  # not a git checkout: nothing can be said about commits
    for translation in sorted(found.translations.values(), key=lambda t: t.path):
        history = commits.of(translation.source_path)
        wanted = translation.source_commit
        if wanted:
            at = next((i for i, c in enumerate(history) if c.commit.startswith(wanted)), None)
            if at is None:
                if commits.shallow:
                    continue  # the commit may be older than the clone
                problems.append(
                    Problem(
                        translation.path,
                        translation.line,
                        "translation.source_commit",
                        f"'{wanted}' is not a commit that changed {translation.source_path}"
                        if history
                        else f"{translation.source_path} has no commit yet",
                        expected="the commit of the English file's last change that this translates"
                        if history
                        else "source_date: YYYY-MM-DD until the English file is committed",
                        suggestion=f"'{history[0].commit[:7]}', its latest commit" if history else None,
                    )
                )
                continue
            if at == 0:
                continue
        elif translation.source_date is None or not history or history[0].date <= translation.source_date.isoformat():
            continue
        latest = history[0]
        found.outdated[translation.path] = Outdated(latest.date, latest.commit)
        field_name = "translation.source_commit" if wanted else "translation.source_date"
        found.warnings.append(
            Problem(
                translation.path,
                translation.line,
                field_name,
                f"out of date: {translation.source_path} changed on {latest.date} (commit {latest.commit[:7]}) "
                "after the version this translates",
                expected=f"the translation brought up to date, then source_commit: {latest.commit[:7]}",
            )
        )
