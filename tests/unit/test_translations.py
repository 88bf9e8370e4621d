"""Translations of content (`<id>.cy.md` beside the English file): reading, checking, outdated, localize."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook.cli.translation_report import check_warnings
from handbook.content.corpus import LoadResult, load_corpus
from handbook.content.git_history import read_file_commits
from handbook.content.model import Chapter, Handbook, Term
from handbook.content.translations import load_translations, localize, source_of, translation_name
from tests.support import SAMPLE

REPO_URL = "https://github.com/example/handbooks"


def git(root: Path, *args: str, date: str = "2026-01-15T12:00:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True, env=env).stdout


def commit(root: Path, message: str, date: str = "2026-01-15T12:00:00") -> str:
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD").strip()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".cache", "site"))
    return root


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text.lstrip("\n"), encoding="utf-8")


def translation(
    block: str = "  source_date: 2026-01-01\n  machine_assisted: true\n", fields: str = "", body: str = ""
) -> str:
    return f"---\ntranslation:\n{block}{fields}---\n{body or 'Testun Cymraeg.'}\n"


def messages(result: LoadResult, path: str) -> list[str]:
    return [str(p) for p in result.problems if p.path == path]


# -- the loader and the file names ---------------------------------------------------------
def test_a_translation_is_not_an_item_and_is_read_as_a_translation(project: Path) -> None:
    write(project, "glossary/loneliness.cy.md", translation(fields="title: Unigrwydd\n"))
    result = load_corpus(project)
    assert result.problems == []
    assert result.corpus.get("term", "loneliness.cy") is None
    assert result.translations is not None
    found = result.translations.get(result.corpus.get("term", "loneliness"), "cy")  # type: ignore[arg-type]  # the fixture's item exists
    assert found is not None and found.title == "Unigrwydd" and found.source_path == "glossary/loneliness.md"
    assert found.body.strip() == "Testun Cymraeg."


def test_every_place_of_content_can_have_translations(project: Path) -> None:
    for rel in (
        "docs/index.cy.md",
        "handbooks/starter/index.cy.md",
        "handbooks/starter/first-steps.cy.md",
        "docs/evidence/russell-1996.cy.md",
    ):
        write(project, rel, translation(fields="title: Teitl\n"))
    result = load_corpus(project)
    assert result.problems == []
    assert result.translations is not None
    keys = {(kind, item_id) for (_, kind, item_id) in result.translations.translations}
    assert keys == {
        ("page", "index"),
        ("handbook", "starter"),
        ("chapter", "starter/first-steps"),
        ("evidence", "russell-1996"),
    }


def test_the_file_name_rule() -> None:
    assert translation_name("loneliness.cy.md") == ("loneliness", "cy")
    assert translation_name("index.cy.md") == ("index", "cy")
    assert translation_name("loneliness.md") is None
    assert translation_name("a.b.c.md") is None
    assert source_of("handbooks/starter/index.cy.md") == "handbooks/starter/index.md"


def test_a_language_the_site_does_not_have_is_a_problem(project: Path) -> None:
    write(project, "glossary/loneliness.fr.md", translation())
    assert messages(load_corpus(project), "glossary/loneliness.fr.md") == [
        "glossary/loneliness.fr.md:1: file name: 'fr' is not one of the site's languages "
        "(expected one of the site's languages: cy)"
    ]


def test_a_translation_without_its_english_file_says_which_name_was_meant(project: Path) -> None:
    write(project, "glossary/lonelines.cy.md", translation())
    assert messages(load_corpus(project), "glossary/lonelines.cy.md") == [
        "glossary/lonelines.cy.md:1: file name: translates glossary/lonelines.md, which does not exist "
        "(expected a translation beside its English file, named <English file name>.<language>.md; "
        "did you mean 'loneliness.cy.md'?)"
    ]


def test_an_english_only_site_reads_no_translation(project: Path) -> None:
    write(project, "glossary/loneliness.fr.md", "not even front matter")
    result = load_corpus(project, languages=())
    assert result.problems == []
    assert result.translations is not None and result.translations.translations == {}


# -- the translation block -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("  machine_assisted: true\n", "translation.source_commit: is required but missing"),
        (
            "  source_commit: abc1234\n  source_date: 2026-01-01\n  machine_assisted: true\n",
            "translation.source_date: is given with source_commit (expected source_commit or source_date, not both)",
        ),
        ("  source_commit: xyz\n  machine_assisted: true\n", "translation.source_commit: 'xyz' is not a commit id"),
        (
            "  source_commit: 0123456\n  machine_assisted: true\n",
            "translation.source_commit: '42798' is read as a number, not as a commit id",
        ),
        ("  source_date: 2026-01-01\n", "translation.machine_assisted: is required but missing"),
        (
            "  source_date: 2026-01-01\n  machine_assisted: maybe\n",
            "translation.machine_assisted: 'maybe' is not true or false",
        ),
        (
            "  source_date: 2026-01-01\n  machine_assisted: true\n  review: {by: Ann, date: 2026-02-01}\n",
            "translation.review.record: is required but missing",
        ),
        (
            "  source_date: 2026-01-01\n  machine_assisted: true\n  review: {by: Ann, date: 2026-02-01, record: 'a chat'}\n",
            "translation.review.record: 'a chat' is not a web address",
        ),
        ("  source_date: 2026-01-01\n  machine_asisted: true\n", "did you mean 'machine_assisted'?"),
    ],
)
def test_the_translation_block_is_checked(project: Path, block: str, expected: str) -> None:
    write(project, "glossary/loneliness.cy.md", translation(block=block))
    assert any(expected in message for message in messages(load_corpus(project), "glossary/loneliness.cy.md")), expected


def test_a_missing_translation_block_is_a_problem(project: Path) -> None:
    write(project, "glossary/loneliness.cy.md", "---\ntitle: Unigrwydd\n---\nTestun.\n")
    assert "glossary/loneliness.cy.md:1: translation: is required but missing" in messages(
        load_corpus(project), "glossary/loneliness.cy.md"
    )


def test_a_review_is_recorded(project: Path) -> None:
    block = "  source_date: 2026-01-01\n  machine_assisted: true\n  review:\n    by: Ann\n    date: 2026-02-01\n    record: https://github.com/example/handbooks/pull/12\n"
    write(project, "glossary/loneliness.cy.md", translation(block=block))
    result = load_corpus(project)
    assert result.problems == []
    assert result.translations is not None
    status = result.translations.for_item(result.corpus.get("term", "loneliness"), "cy")  # type: ignore[arg-type]  # the fixture's item exists
    assert status.reviewed and status.machine_assisted and not status.outdated


# -- fields ----------------------------------------------------------------------------------
def test_only_translatable_fields(project: Path) -> None:
    fields = "title: Unigrwydd\ngroup: the-cost\nterm: Unigrwydd\nsumary: Byr\n"
    write(project, "glossary/loneliness.cy.md", translation(fields=fields))
    found = messages(load_corpus(project), "glossary/loneliness.cy.md")
    assert found == [
        "glossary/loneliness.cy.md:6: group: is not translated: the English file's value is used (expected only "
        "title, summary, aliases, working_definition, contested_note, use_with_care and the text in a translation)",
        "glossary/loneliness.cy.md:7: term: is written 'title' in a translation (expected title: the term's name in this language)",
        "glossary/loneliness.cy.md:8: sumary: is not a known field (expected one of translation, title, summary, "
        "aliases, working_definition, contested_note, use_with_care; did you mean 'summary'?)",
    ]


def test_a_term_field_the_english_has_not_got_translates_nothing(project: Path) -> None:
    write(project, "glossary/loneliness.cy.md", translation(fields="contested_note: Nodyn\n"))
    assert any(
        "contested_note: translates nothing" in m for m in messages(load_corpus(project), "glossary/loneliness.cy.md")
    )


def test_welsh_term_names_follow_the_english_rules(project: Path) -> None:
    write(
        project,
        "glossary/loneliness.cy.md",
        translation(fields="title: Unigrwydd\naliases: [yr, Co-production, cyd-gynhyrchu]\n"),
    )
    write(project, "glossary/co-production.cy.md", translation(fields="title: Cyd-gynhyrchu\n"))
    found = messages(load_corpus(project), "glossary/loneliness.cy.md")
    assert any("aliases[0]: 'yr' is too short or too common" in m for m in found)
    assert any("aliases[1]: 'Co-production' is already a name of the term 'co-production'" in m for m in found)
    assert any(
        "aliases[2]: 'cyd-gynhyrchu' is already a name of the term 'co-production' (glossary/co-production.cy.md)" in m
        for m in found
    ), found


def test_the_welsh_body_has_the_english_bodies_checks(project: Path) -> None:
    body = "Llinell un.\n\n<script>alert(1)</script>\n\nGweler [term](term:no-such-term).\n"
    write(project, "glossary/loneliness.cy.md", translation(body=body))
    found = [p for p in load_corpus(project).problems if p.path == "glossary/loneliness.cy.md"]
    assert {p.line for p in found} == {8, 10}, found  # the body starts on line 6
    assert any(p.field == "link" and "no-such-term" in p.message for p in found)


def test_the_welsh_vocabulary_labels_are_checked(project: Path) -> None:
    write(project, "docs/vocabularies.cy.yml", "themes:\n  measurment: {title: Mesur}\nthemez: {}\n")
    found = messages(load_corpus(project), "docs/vocabularies.cy.yml")
    assert any(
        "themes.measurment: 'measurment' is not in this vocabulary" in m and "did you mean 'measurement'" in m
        for m in found
    )
    assert any("themez: is not a known field" in m and "did you mean 'themes'" in m for m in found)


# -- git: commits and outdated translations -----------------------------------------------
def committed_translation(project: Path, use_commit: str | None = None) -> str:
    first = commit(project, "English", date="2026-01-10T12:00:00")
    block = f"  source_commit: {(use_commit or first)[:7]}\n  machine_assisted: true\n"
    write(project, "glossary/loneliness.cy.md", translation(block=block, fields="title: Unigrwydd\n"))
    commit(project, "Welsh", date="2026-01-11T12:00:00")
    return first


def test_an_up_to_date_translation_is_not_outdated(project: Path) -> None:
    committed_translation(project)
    result = load_corpus(project)
    assert result.problems == [] and result.translations is not None
    assert result.translations.warnings == []
    assert not result.translations.for_item(result.corpus.get("term", "loneliness"), "cy").outdated  # type: ignore[arg-type]  # the fixture's item exists


def test_a_change_to_the_english_after_the_translation_makes_it_outdated(project: Path) -> None:
    first = committed_translation(project)
    source = project / "glossary" / "loneliness.md"
    source.write_text(source.read_text() + "\nMore English.\n", encoding="utf-8")
    latest = commit(project, "More English", date="2026-02-20T12:00:00")
    result = load_corpus(project)
    assert result.problems == [] and result.translations is not None
    translations = result.translations.linked_to(REPO_URL, "main")
    status = translations.for_item(result.corpus.get("term", "loneliness"), "cy")  # type: ignore[arg-type]  # the fixture's item exists
    assert status.outdated and status.source_changed == "2026-02-20"
    anchor = hashlib.sha256(b"glossary/loneliness.md").hexdigest()
    assert status.diff_url == f"{REPO_URL}/compare/{first[:7]}...{latest}#diff-{anchor}"
    assert [str(w) for w in translations.warnings] == [
        f"glossary/loneliness.cy.md:3: translation.source_commit: out of date: glossary/loneliness.md changed on "
        f"2026-02-20 (commit {latest[:7]}) after the version this translates (expected the translation brought up to "
        f"date, then source_commit: {latest[:7]})"
    ]
    assert check_warnings(project, result) == [
        f"glossary/loneliness.cy.md:3: translation.source_commit: warning: out of date: glossary/loneliness.md "
        f"changed on 2026-02-20 (commit {latest[:7]}) after the version this translates (expected the translation "
        f"brought up to date, then source_commit: {latest[:7]})"
    ]


def test_a_source_date_before_the_last_english_change_is_outdated(project: Path) -> None:
    commit(project, "English", date="2026-01-10T12:00:00")
    write(
        project, "glossary/loneliness.cy.md", translation(block="  source_date: 2026-01-05\n  machine_assisted: true\n")
    )
    write(
        project,
        "glossary/co-production.cy.md",
        translation(block="  source_date: 2026-01-10\n  machine_assisted: true\n"),
    )
    result = load_corpus(project)
    assert result.problems == [] and result.translations is not None
    translations = result.translations.linked_to(REPO_URL, "main")
    outdated = translations.for_item(result.corpus.get("term", "loneliness"), "cy")  # type: ignore[arg-type]  # the fixture's item exists
    assert outdated.outdated and outdated.diff_url == f"{REPO_URL}/commits/main/glossary/loneliness.md"
    assert not translations.for_item(result.corpus.get("term", "co-production"), "cy").outdated  # type: ignore[arg-type]  # the fixture's item exists
    assert [w.field for w in translations.warnings] == ["translation.source_date"]


def test_a_commit_that_did_not_change_the_english_file_is_a_problem(project: Path) -> None:
    first = commit(project, "English", date="2026-01-10T12:00:00")
    (project / "README.txt").write_text("other", encoding="utf-8")
    other = commit(project, "Something else", date="2026-01-11T12:00:00")
    write(
        project,
        "glossary/loneliness.cy.md",
        translation(block=f"  source_commit: {other[:9]}\n  machine_assisted: true\n"),
    )
    assert messages(load_corpus(project), "glossary/loneliness.cy.md") == [
        f"glossary/loneliness.cy.md:3: translation.source_commit: '{other[:9]}' is not a commit that changed "
        f"glossary/loneliness.md (expected the commit of the English file's last change that this translates; "
        f"did you mean '{first[:7]}', its latest commit?)"
    ]


def test_git_is_asked_once_for_every_translated_source(project: Path) -> None:
    commit(project, "English")
    for name in ("loneliness", "co-production", "relational-council"):
        write(project, f"glossary/{name}.cy.md", translation())
    result = load_corpus(project)
    assert result.translations is not None and result.translations.git_logs == 1
    commits = read_file_commits(project, ["glossary/loneliness.md", "glossary/co-production.md"])
    assert commits.logs == 1 and set(commits.commits) == {"glossary/loneliness.md", "glossary/co-production.md"}


def test_without_git_nothing_is_said_about_commits(project: Path) -> None:
    write(
        project, "glossary/loneliness.cy.md", translation(block="  source_commit: abcdef1\n  machine_assisted: true\n")
    )
    result = load_corpus(project)
    assert result.problems == [] and result.translations is not None and result.translations.warnings == []


# -- localize --------------------------------------------------------------------------------
def test_localize_makes_a_new_corpus_in_welsh(project: Path) -> None:
    write(
        project,
        "glossary/co-production.cy.md",
        translation(
            fields="title: Cyd-gynhyrchu\naliases: [cydgynhyrchu, coproduction]\nworking_definition: Cynllunio gyda'n gilydd.\n"
            "contested_note: A yw ymgynghori yn cyfrif.\n"
        ),
    )
    write(
        project,
        "handbooks/starter/first-steps.cy.md",
        translation(fields="title: Camau cyntaf\n", body="# Camau cyntaf\n\nTestun.\n"),
    )
    write(
        project,
        "docs/vocabularies.cy.yml",
        "themes:\n  measurement: {title: Mesur, description: Mesur perthnasoedd.}\n",
    )
    result = load_corpus(project)
    assert result.problems == [] and result.translations is not None
    english = result.corpus
    welsh = localize(english, result.translations, "cy")
    term = welsh.get("term", "co-production")
    assert isinstance(term, Term)
    assert term.names == ["Cyd-gynhyrchu", "cydgynhyrchu", "coproduction", "Co-production", "co-produced"]
    assert term.working_definition == "Cynllunio gyda'n gilydd." and term.contested_note == "A yw ymgynghori yn cyfrif."
    assert term.perspectives == english.get("term", "co-production").perspectives  # type: ignore[union-attr]  # the fixture's item exists
    handbook = welsh.get("handbook", "starter")
    assert isinstance(handbook, Handbook) and welsh.handbooks == [handbook]
    chapter = welsh.get("chapter", "starter/first-steps")
    assert isinstance(chapter, Chapter) and chapter.title == "Camau cyntaf" and "Camau cyntaf" not in chapter.body
    assert handbook.chapters[0] is chapter
    assert welsh.vocabularies.themes.title("measurement") == "Mesur"
    assert welsh.vocabularies.themes.entries["measurement"].language == "cy"
    assert welsh.vocabularies.themes.entries["power"].language == "en"  # no Welsh label: shown in English, marked
    assert welsh.vocabularies.nations.entries["wales"].language == "en"
    assert english.vocabularies.themes.entries["measurement"].language is None
    theme = english.get("theme", "measurement")
    assert theme is not None and result.translations.languages_of(theme) == {"cy"}
    status = result.translations.for_item(theme, "cy")
    assert status.translation is not None and status.translation.path == "docs/vocabularies.cy.yml"
    assert status.machine_assisted and not status.reviewed
    assert result.translations.get(english.get("theme", "power"), "cy") is None  # type: ignore[arg-type]  # the fixture's item exists
    assert welsh.get("theme", "measurement").title == "Mesur"  # type: ignore[union-attr]  # the fixture's item exists
    # The English corpus is as it was.
    assert english.get("term", "co-production").title == "Co-production"  # type: ignore[union-attr]  # the fixture's item exists
    assert english.handbooks[0].chapters[0].title == "First steps"
    assert english.vocabularies.themes.title("measurement") == "Measurement"
    assert result.translations.other_names(english.get("term", "co-production"), "cy") == [  # type: ignore[arg-type]  # the fixture's item exists
        "Cyd-gynhyrchu",
        "cydgynhyrchu",
        "coproduction",
    ]


def test_load_translations_can_be_called_on_its_own(project: Path) -> None:
    write(project, "glossary/loneliness.cy.md", translation(fields="title: Unigrwydd\n"))
    corpus = load_corpus(project, languages=()).corpus
    found = load_translations(project, corpus, None, ("cy",), repo_url=REPO_URL)
    assert found.problems == [] and found.repo_url == REPO_URL
    assert found.languages_of(corpus.get("term", "loneliness")) == {"cy"}  # type: ignore[arg-type]  # the fixture's item exists
    assert found.languages_of(corpus.get("term", "co-production")) == set()  # type: ignore[arg-type]  # the fixture's item exists


def test_links_by_path_in_the_welsh_text_are_checked(project: Path) -> None:
    body = "Gweler [y dudalen](handbooks/starter/first-steps.md) a [hon](nowhere.md).\n"
    write(project, "docs/index.cy.md", translation(body=body))
    found = [str(p) for p in load_corpus(project).problems]
    assert found == [
        "docs/index.cy.md:6: link: 'nowhere.md' is not a page of the site (looked for nowhere.md) (expected the "
        "path of a page relative to this one, or a link by id such as [words](term:an-id))"
    ]


def test_a_source_commit_for_an_english_file_not_yet_committed_asks_for_a_date(project: Path) -> None:
    commit(project, "English")
    write(project, "docs/stories/new-story.md", (project / "docs/stories/heatmap-in-action.md").read_text())
    write(
        project,
        "docs/stories/new-story.cy.md",
        translation(block="  source_commit: abcdef1\n  machine_assisted: true\n"),
    )
    assert [str(p) for p in load_corpus(project).problems if p.path.endswith(".cy.md")] == [
        "docs/stories/new-story.cy.md:3: translation.source_commit: docs/stories/new-story.md has no commit yet "
        "(expected source_date: YYYY-MM-DD until the English file is committed)"
    ]


def test_a_shallow_clone_does_not_call_an_older_commit_wrong(project: Path, tmp_path: Path) -> None:
    first = commit(project, "English", date="2026-01-10T12:00:00")
    source = project / "glossary" / "loneliness.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    write(
        project,
        "glossary/loneliness.cy.md",
        translation(block=f"  source_commit: {first[:7]}\n  machine_assisted: true\n"),
    )
    commit(project, "More English and its translation", date="2026-01-12T12:00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project}", str(clone))
    result = load_corpus(clone)
    assert result.problems == [], result.problems
    assert result.translations is not None and result.translations.warnings == []
