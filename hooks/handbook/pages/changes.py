"""The site-wide "What's changed" page and its Atom feed, from the build's one git log.

Each entry is one content file changed by one commit: its date, the page's title and
link, and the commit's subject as the summary. Files git saw that are not content pages
(stylesheets, the vocabularies) are left out; removed pages are listed without a link.
The page's and the feed's own words are in the language of the ``messages`` given; the
commit subjects are the contributors' words, in English.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from handbook.content.corpus import Corpus
from handbook.content.git_history import GitHistory
from handbook.content.kinds import CONTENT_ROOTS
from handbook.content.model import Item
from handbook.languages import N_
from handbook.languages.catalogue import Messages
from handbook.linking.urls import url_for
from handbook.pages.generated import GeneratedPage
from handbook.safety.output_escaping import xml_text

CHANGES_URI = "changes/index.md"
FEED_URI = "changes/feed.xml"
ENTRIES_SHOWN = 100
_ATOM = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CONTENT_FOLDERS = tuple(f"{folder}/" for folder in CONTENT_ROOTS)
_STATUS_WORDS = {"A": "added", "M": "changed", "D": "removed"}
CHANGES_TITLE = N_("What's changed")
CHANGES_SUMMARY = N_("The latest changes to the handbooks, glossary, evidence and stories, newest first.")
# A feed entry's title: the page's title and what happened to it.
_FEED_ENTRY_TITLES = {
    "added": N_("%(title)s (added)"),
    "changed": N_("%(title)s (changed)"),
    "removed": N_("%(title)s (removed)"),
}


@dataclass(frozen=True)
class ChangeEntry:
    date: str  # YYYY-MM-DD
    timestamp: str  # ISO 8601 with offset, for the feed
    commit: str
    summary: str  # the commit's subject
    path: str  # source file in the repository
    title: str
    url: str | None  # site-relative URL of the page; None once the page is removed
    what: str  # added, changed or removed (a key: the page and the feed say it in their language)
    item: Item | None = field(default=None, compare=False)  # the page's item; None once removed


@dataclass
class CommitChanges:
    commit: str
    summary: str
    entries: list[ChangeEntry] = field(default_factory=list)


def recent_changes(corpus: Corpus, history: GitHistory, limit: int = ENTRIES_SHOWN) -> list[ChangeEntry]:
    by_path = {item.path: item for item in corpus if item.kind != "theme"}
    entries: list[ChangeEntry] = []
    for change in history.changes:
        item = by_path.get(change.path)
        if item is not None:
            title, url = _title(item), url_for(item.kind, item.id)
        elif change.status == "D" and change.path.endswith(".md") and change.path.startswith(_CONTENT_FOLDERS):
            title, url = change.path.rsplit("/", 1)[-1][:-3].replace("-", " ").capitalize(), None
        else:
            continue
        what = _STATUS_WORDS.get(change.status, "changed")
        if url is None:
            what = "removed"
        entries.append(
            ChangeEntry(
                change.revision.date,
                change.timestamp,
                change.revision.commit,
                change.revision.subject,
                change.path,
                title,
                url,
                what,
                item,
            )
        )
        if len(entries) >= limit:
            break
    return entries


def _title(item: Item) -> str:
    """A free-form page without a title is named after its file (or folder, for index.md)."""
    if item.title != item.id:
        return item.title
    name = item.id[: -len("/index")] if item.id.endswith("/index") else item.id
    return name.rsplit("/", 1)[-1].replace("-", " ").capitalize()


def changes_page(corpus: Corpus, history: GitHistory, messages: Messages | None = None) -> GeneratedPage:
    messages = messages or Messages()
    entries = recent_changes(corpus, history)
    # date -> commits that day, newest first -> the pages each changed; a commit that
    # touched twenty pages shows its subject once.
    by_date: dict[str, list[CommitChanges]] = {}
    for entry in entries:
        commits = by_date.setdefault(entry.date, [])
        if not commits or commits[-1].commit != entry.commit:
            commits.append(CommitChanges(entry.commit, entry.summary))
        commits[-1].entries.append(entry)
    # No source folder: the page is made from git history, so it has no file to edit.
    return GeneratedPage(
        CHANGES_URI,
        messages.gettext(CHANGES_TITLE),
        "generated/changes.html",
        "",
        {
            "by_date": by_date,
            "feed_url": "feed.xml",
            "history_available": history.available,
            "shallow": history.shallow,
            "shown": len(entries),
        },
        summary=messages.gettext(CHANGES_SUMMARY),
    )


def atom_feed(
    entries: list[ChangeEntry],
    site_url: str,
    site_name: str,
    repo_url: str | None = None,
    messages: Messages | None = None,
) -> bytes:
    """The same entries as an Atom 1.0 feed; element text is escaped by ElementTree, after
    removing the characters XML cannot hold (a title or commit subject may have them).
    Its titles are in the language of ``messages`` (English by default), and it says so."""
    messages = messages or Messages()
    base = site_url.rstrip("/") + "/" if site_url else "/"
    host = urlsplit(site_url).hostname or "handbooks.invalid"
    ET.register_namespace("", _ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", {name: xml_text(value) for name, value in attrs.items()})
        if text is not None:
            element.text = xml_text(text)
        return element

    feed = ET.Element(f"{{{_ATOM}}}feed", {_XML_LANG: messages.language})
    sub(feed, "title", messages.gettext("%(site)s: what's changed", site=site_name))
    sub(feed, "id", base + "changes/" if site_url else f"tag:{host},2026:changes")  # an id must be an absolute IRI
    sub(feed, "updated", entries[0].timestamp if entries else "1970-01-01T00:00:00Z")
    sub(feed, "link", rel="self", href=base + FEED_URI, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=base + "changes/", type="text/html")
    author = sub(feed, "author")
    sub(author, "name", site_name)
    for entry in entries:
        element = sub(feed, "entry")
        sub(element, "title", messages.gettext(_FEED_ENTRY_TITLES.get(entry.what, "%(title)s"), title=entry.title))
        sub(element, "id", f"tag:{host},{entry.date}:{entry.commit}/{entry.path}")
        sub(element, "updated", entry.timestamp)
        if entry.url is not None:
            sub(element, "link", rel="alternate", href=base + entry.url, type="text/html")
        elif repo_url:  # the page is gone: the commit that removed it
            sub(element, "link", rel="alternate", href=f"{repo_url.rstrip('/')}/commit/{entry.commit}")
        else:  # Atom wants an alternate link on every entry without content
            sub(element, "link", rel="alternate", href=base + "changes/", type="text/html")
        summary = sub(element, "summary", entry.summary)
        if messages.language != "en":
            summary.set(_XML_LANG, "en")  # the commit's subject, as written
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
