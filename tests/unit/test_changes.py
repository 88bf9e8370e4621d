"""The "What's changed" entries and the Atom feed, from a git history given as data."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from handbook import load_corpus
from handbook.content.git_history import Change, GitHistory, Revision
from handbook.pages.changes import atom_feed, changes_page, recent_changes
from tests.support import SAMPLE

ATOM = "{http://www.w3.org/2005/Atom}"


def history(root: Path, *changes: tuple[str, str, str]) -> GitHistory:
    made = [
        Change(
            path,
            status,
            Revision(f"2026-01-{20 - n:02d}", f"{n:040x}", subject),
            f"2026-01-{20 - n:02d}T10:00:00+00:00",
        )
        for n, (path, status, subject) in enumerate(changes)
    ]
    return GitHistory(root, {}, changes=made)


def corpus(tmp_path: Path):
    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    return load_corpus(tmp_path).corpus


def test_entries_resolve_pages_and_skip_other_files(tmp_path):
    c = corpus(tmp_path)
    h = history(
        tmp_path,
        ("glossary/co-production.md", "M", "Glossary: <b>co-production</b>"),
        ("docs/assets/handbook.css", "M", "Style"),
        ("docs/vocabularies.yml", "M", "Vocab"),
        ("docs/stories/gone-story.md", "D", "Stories: remove one"),
    )
    entries = recent_changes(c, h)
    assert [(e.title, e.url, e.what) for e in entries] == [
        ("Co-production", "glossary/co-production/", "changed"),
        ("Gone story", None, "removed"),
    ]
    page = changes_page(c, h)
    assert page.src_uri == "changes/index.md"
    assert list(page.context["by_date"]) == ["2026-01-20", "2026-01-17"]
    [commit] = page.context["by_date"]["2026-01-20"]
    assert (commit.summary, [e.title for e in commit.entries]) == ("Glossary: <b>co-production</b>", ["Co-production"])


def test_entries_are_capped(tmp_path):
    c = corpus(tmp_path)
    h = history(tmp_path, *[("glossary/co-production.md", "M", f"edit {n}") for n in range(12)])
    assert len(recent_changes(c, h, limit=5)) == 5


def test_atom_feed_escapes_and_identifies_each_entry(tmp_path):
    c = corpus(tmp_path)
    h = history(
        tmp_path,
        ("glossary/co-production.md", "M", "Glossary: <b>co-production</b> & more"),
        ("glossary/loneliness.md", "A", "Glossary: loneliness"),
    )
    xml = atom_feed(recent_changes(c, h), "https://example.org/hb/", "Handbooks", "https://github.com/o/r")
    assert b"&lt;b&gt;co-production&lt;/b&gt; &amp; more" in xml
    root = ET.fromstring(xml)
    assert root.findtext(f"{ATOM}updated") == "2026-01-20T10:00:00+00:00"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"tag:example.org,2026-01-20:{0:040x}/glossary/co-production.md",
        f"tag:example.org,2026-01-19:{1:040x}/glossary/loneliness.md",
    ]
    assert entries[1].find(f"{ATOM}link").get("href") == "https://example.org/hb/glossary/loneliness/"


def test_empty_feed_is_still_valid():
    root = ET.fromstring(atom_feed([], "", "Handbooks"))
    assert root.findtext(f"{ATOM}updated") and root.findall(f"{ATOM}entry") == []
    assert root.findtext(f"{ATOM}id").startswith("tag:")


def test_one_commit_touching_several_pages_is_shown_once(tmp_path):
    c = corpus(tmp_path)
    revision = Revision("2026-01-20", "a" * 40, "Glossary: tidy two terms")
    h = GitHistory(
        tmp_path,
        {},
        changes=[
            Change("glossary/co-production.md", "M", revision, "2026-01-20T10:00:00+00:00"),
            Change("glossary/loneliness.md", "M", revision, "2026-01-20T10:00:00+00:00"),
        ],
    )
    [commit] = changes_page(c, h).context["by_date"]["2026-01-20"]
    assert (commit.summary, [e.title for e in commit.entries]) == (
        "Glossary: tidy two terms",
        ["Co-production", "Loneliness"],
    )


def test_every_entry_has_an_alternate_link(tmp_path):
    c = corpus(tmp_path)
    h = history(tmp_path, ("docs/stories/gone-story.md", "D", "Stories: remove one"))
    for repo_url, expected in (
        (None, "https://example.org/changes/"),
        ("https://github.com/o/r", f"https://github.com/o/r/commit/{0:040x}"),
    ):
        [entry] = ET.fromstring(atom_feed(recent_changes(c, h), "https://example.org/", "H", repo_url)).findall(
            f"{ATOM}entry"
        )
        assert entry.find(f"{ATOM}link").get("href") == expected
