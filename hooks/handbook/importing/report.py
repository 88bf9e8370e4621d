"""The import report: every change the importer made, and everything it could not carry over."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Note:
    path: str  # source path, relative to the source folder
    line: int  # 0 when the note is about the whole file
    kind: str  # a short heading: "title", "link", "image", "shortcode", "html", "field", ...
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.kind}: {self.message}"


@dataclass
class Report:
    notes: list[Note] = field(default_factory=list)

    def add(self, path: str, line: int, kind: str, message: str) -> None:
        self.notes.append(Note(path, line, kind, message))

    def render(self, heading: str) -> str:
        lines = [f"# {heading}", ""]
        lines += [f"- {note}" for note in sorted(self.notes, key=lambda n: (n.path != ".", n.path, n.line))]
        return "\n".join(lines) + "\n"
