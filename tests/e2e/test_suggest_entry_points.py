"""Entry points to the contribution forms where people are (issue 18, item 4): each kind of
page links the form for what it invites, with the context filled in, by a page-relative link
to /contribute/suggest/ that works on the site and from the offline copy alike."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.html
import pytest

SUGGEST = "/contribute/suggest/"
LANGUAGE_FOLDERS = ("cy/",)  # the Welsh pass's pages


def _suggest_links(site: Path, url_path: str) -> list[dict[str, list[str]]]:
    """The query of each link on a page that leads to the forms (resolved from the page's own address)."""
    document = lxml.html.fromstring((site / url_path / "index.html").read_bytes())
    base = f"http://site.test/{url_path}"
    found = []
    # A page of a language's pass (cy/...) leads to that language's forms (cy/contribute/suggest/).
    language = url_path.split("/", 1)[0] + "/" if url_path.startswith(LANGUAGE_FOLDERS) else ""
    for link in document.iter("a"):
        target = urlsplit(urljoin(base, link.get("href", "")))
        if target.netloc == "site.test" and target.path == f"/{language}{SUGGEST.lstrip('/')}":
            found.append(parse_qs(target.query))
    return found


@pytest.mark.parametrize(
    "url_path, query",
    [
        ("glossary/co-production/", {"form": ["perspective"], "term": ["co-production"]}),
        ("glossary/loneliness/", {"form": ["perspective"], "term": ["loneliness"]}),
        ("stories/", {"form": ["story"]}),
        ("map/", {"form": ["organisation"]}),
        ("organisations/", {"form": ["organisation"]}),
        ("organisations/enrol-yourself/", {"form": ["organisation"]}),
        ("evidence/", {"form": ["evidence"]}),
    ],
)
def test_each_kind_of_page_links_its_form_with_its_context(sample_site, url_path, query):
    assert query in _suggest_links(sample_site.site, url_path)


@pytest.mark.parametrize(
    "url_path, source",
    [
        ("", "docs/index.md"),
        ("glossary/co-production/", "glossary/co-production.md"),
        ("organisations/enrol-yourself/", "docs/organisations/enrol-yourself.md"),
        ("stories/", None),  # a generated page: no file of its own
    ],
)
def test_every_page_offers_a_correction_to_its_own_file(sample_site, url_path, source):
    corrections = [query for query in _suggest_links(sample_site.site, url_path) if query.get("form") == ["correction"]]
    assert len(corrections) == 1, corrections
    correction = corrections[0]
    assert correction.get("page") == ([source] if source else None)
    assert correction["address"] == [f"https://relationships-project.github.io/handbooks/{url_path}"]


def test_the_correction_button_sits_beside_materials_edit_button(sample_site):
    document = lxml.html.fromstring(sample_site.html("glossary/co-production/"))
    buttons = document.xpath("//article//a[contains(concat(' ', @class, ' '), ' md-content__button ')]")
    classes = [button.get("class") for button in buttons]
    assert any("hb-suggest-correction" in c for c in classes) and any(b.get("rel") == "edit" for b in buttons)
    correction = next(b for b in buttons if "hb-suggest-correction" in b.get("class"))
    assert correction.get("aria-label") == "Suggest a correction to this page"
    assert correction.getnext() is not None and correction.getnext().get("rel") == "edit"


def test_every_built_page_but_the_forms_own_and_404_has_one_correction_link(sample_site):
    site = sample_site.site
    pages = [path for path in site.rglob("index.html")]
    assert len(pages) > 20
    for page in pages:
        url_path = page.parent.relative_to(site).as_posix()
        url_path = "" if url_path == "." else f"{url_path}/"
        corrections = [q for q in _suggest_links(site, url_path) if q.get("form") == ["correction"]]
        expected = 0 if url_path in ("contribute/suggest/", "cy/contribute/suggest/") else 1
        assert len(corrections) == expected, url_path
