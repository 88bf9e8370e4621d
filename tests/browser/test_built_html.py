"""Plain HTML checks over every page of the built real site (no browser needed)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.slow


class _PageFacts(HTMLParser):
    """The page's declared language and the images that lack a text alternative."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.images_without_alt: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "img" and attributes.get("alt") is None:
            self.images_without_alt.append(attributes.get("src") or "?")


def facts(path) -> _PageFacts:
    parser = _PageFacts()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_every_page_declares_its_language(real_site):
    pages = real_site.pages()
    assert len(pages) > 100, "the real site should have well over a hundred pages"
    missing = [str(p.relative_to(real_site.folder)) for p in pages if not facts(p).lang]
    assert not missing, f"pages without <html lang>: {missing[:10]}"


def test_every_image_has_alt_text(real_site):
    missing = {
        str(p.relative_to(real_site.folder)): f.images_without_alt
        for p in real_site.pages()
        if (f := facts(p)).images_without_alt
    }
    assert not missing, f"images without alt: {missing}"
