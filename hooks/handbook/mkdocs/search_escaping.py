"""Page titles and tags escaped in Material's search index: a safety measure, always on.

Material's search page inserts an entry's title and tags as HTML. Titles taken from a
page's headings are HTML already (escaped text), but a section without a heading gets
the page title (``page.meta["title"]`` or the first heading's plain text) and every entry
the page's tags, as plain text: a title such as ``<img src=x onerror=...>`` would run.
MkDocs offers no documented way to change what Material writes, so the written index is
corrected: after Material's on_post_build writes it, before the offline plugin inlines it.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.structure.pages import Page

from handbook.safety.output_escaping import search_text

INDEX = Path("search", "search_index.json")


class SearchEscaping:
    """The plain-text titles and tags of one build's pages that escaping changes."""

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}  # page URL -> its plain-text title, where it needs escaping
        self.tags_need_escaping = False

    def note(self, page: Page) -> None:
        title = str(page.meta.get("title", page.title) or "")
        if search_text(title) != title:
            self.titles[page.url] = title
        tags = page.meta.get("tags")
        if isinstance(tags, list) and any(search_text(tag) != str(tag) for tag in tags if tag):
            self.tags_need_escaping = True

    def apply(self, site_dir: Path) -> None:
        """Escape what the index holds as plain text. Written as Material writes it."""
        path = site_dir / INDEX
        if not (self.titles or self.tags_need_escaping) or not path.is_file():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data.get("docs", []):
            title = self.titles.get(entry.get("location", "").split("#")[0])
            if title is not None and entry.get("title") == title.strip():
                entry["title"] = search_text(title.strip())
            if "tags" in entry:
                entry["tags"] = [search_text(tag) for tag in entry["tags"]]
        path.write_bytes(json.dumps(data, separators=(",", ":"), default=str).encode("utf-8"))
