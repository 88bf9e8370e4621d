"""Constants and types the tests share; the builders themselves are fixtures (tests/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SAMPLE = FIXTURES / "sample"
# The engine: configuration, code, templates and the site's own CSS and JavaScript.
ENGINE = ("mkdocs.yml", "hooks", "overrides", "docs/assets")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2026-01-15T12:00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T12:00:00",
}


@dataclass
class BuildResult:
    root: Path
    returncode: int
    log: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, url_path: str) -> str:
        """The HTML of a page by its URL, e.g. 'glossary/co-production/'."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def site_files(site: Path, suffixes: tuple[str, ...] = (".html",)) -> dict[str, bytes]:
    """Every built file with one of ``suffixes``, by its path in the site, with its bytes."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.suffix in suffixes
    }
