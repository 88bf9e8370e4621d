"""The files offered for download (PDFs and the offline copy), with their sizes.

Sizes are only known once the files exist, so the MkDocs adapter produces the files
after every page's content is rendered and before any page is written (``on_env``), and
adds the download links while pages are written (``on_page_context``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

DOWNLOADS_FOLDER = "downloads"
OFFLINE_KEY = "offline"


@dataclass(frozen=True)
class Download:
    key: str  # "handbook:<id>", "glossary", "evidence" or "offline"
    title: str
    path: str  # site path of the file, e.g. "downloads/handbook-starter.pdf"
    size: int  # bytes
    format: str  # "PDF" or "ZIP"
    pages: int | None = None

    @property
    def human_size(self) -> str:
        return human_size(self.size)


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1000 * 1000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1000 / 1000:.1f} MB"


def pdf_key(kind: str, item_id: str | None = None) -> str:
    return f"{kind}:{item_id}" if item_id else kind


@dataclass
class Downloads:
    entries: dict[str, Download]

    @classmethod
    def empty(cls) -> Downloads:
        return cls({})

    def add(self, download: Download) -> None:
        self.entries[download.key] = download

    def get(self, key: str) -> Download | None:
        return self.entries.get(key)

    def all(self) -> list[Download]:
        return list(self.entries.values())

    def save(self, path: Path) -> None:
        path.write_text(json.dumps([asdict(d) for d in self.entries.values()], indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Downloads:
        return cls({d["key"]: Download(**d) for d in json.loads(path.read_text(encoding="utf-8"))})
