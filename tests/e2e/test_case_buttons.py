"""End-to-end: 'Add to my case' buttons on every evidence, story, term and convening page and
after every h2 of a chapter, with the right reference; none in the search index or the PDFs;
the same references in the offline copy."""

from __future__ import annotations

import json
import zipfile

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from handbook.content.corpus import load_corpus
from handbook.linking.urls import url_for

LABEL = "Add to my case"
ITEM_KINDS = ("evidence", "story", "term", "convening")


@pytest.fixture(scope="module")
def built(downloads_site):
    return downloads_site


@pytest.fixture(scope="module")
def corpus(built):
    return load_corpus(built.root).corpus


def buttons(tree) -> list:
    return tree.xpath("//button[contains(concat(' ', @class, ' '), ' hb-case-add ')]")


def section_headings(tree) -> list:
    """The chapter's own h2s: not those of the parts the engine adds (reference list, related pages)."""
    return [
        h2
        for h2 in tree.xpath("//article//h2[@id]")
        if not any((el.get("class") or "").startswith("hb-") for el in h2.iterancestors())
    ]


def test_every_item_page_has_one_hidden_button_with_its_reference(built, corpus):
    checked = 0
    for kind in ITEM_KINDS:
        items = list(corpus.items.get(kind, {}).values())
        assert items, f"the sample has no {kind}"
        for item in items:
            tree = lxml_html.fromstring(built.html(url_for(kind, item.id)))
            (button,) = buttons(tree)
            assert button.get("data-case-ref") == f"{kind}:{item.id}"
            assert button.get("type") == "button"
            assert button.get("hidden") is not None  # until the store script reveals it
            assert button.get("data-search-exclude") is not None
            assert button.text_content() == LABEL
            checked += 1
    assert checked >= 8


def test_every_chapter_h2_is_followed_by_one_button_for_its_section(built, corpus):
    chapters = list(corpus.items["chapter"].values())
    assert chapters
    for chapter in chapters:
        url = url_for("chapter", chapter.id)
        tree = lxml_html.fromstring(built.html(url))
        headings = section_headings(tree)
        assert headings, f"{url} has no h2"
        for h2 in headings:
            button = h2.getnext()
            assert button is not None and button.tag == "button", f"{url}#{h2.get('id')}: no button after the h2"
            assert button.get("data-case-ref") == f"section:{url}#{h2.get('id')}"
            assert button.get("hidden") is not None and button.get("data-search-exclude") is not None
            name = "".join(h2.itertext()).replace("¶", "").strip()
            assert button.text_content() == f"{LABEL}: {name}"
        assert len(buttons(tree)) == len(headings), f"{url}: a button elsewhere than after a section heading"


def test_other_pages_have_no_button(built):
    for path in ("", "glossary/", "evidence/", "handbooks/starter/", "about/offline/", "downloads/"):
        assert not buttons(lxml_html.fromstring(built.html(path))), path


def test_the_buttons_are_not_in_the_search_index(built):
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    assert any(doc["location"].startswith("handbooks/starter/first-steps/") for doc in docs)
    # The case maker's own page may tell readers to use the buttons; no other page says it.
    found = [
        doc["location"]
        for doc in docs
        if LABEL.lower() in (doc["text"] + doc["title"]).lower() and not doc["location"].startswith("case-maker/")
    ]
    assert not found, f"search would find the button's words at {found}"


def test_the_pdfs_have_no_button(built):
    for name in ("handbook-starter.pdf", "glossary.pdf", "evidence-base.pdf"):
        text = "".join(page.extract_text() for page in PdfReader(built.site / "downloads" / name).pages)
        assert "my case" not in text.lower(), name


def test_the_offline_copy_has_the_same_references(built, corpus, tmp_path):
    with zipfile.ZipFile(built.site / "downloads" / "relationships-handbooks-offline.zip") as archive:
        archive.extractall(tmp_path)
    copy = tmp_path / "relationships-handbooks"
    for chapter in corpus.items["chapter"].values():
        url = url_for("chapter", chapter.id)
        online = [b.get("data-case-ref") for b in buttons(lxml_html.fromstring(built.html(url)))]
        offline_file = copy / (url.rstrip("/") + ".html")
        offline = [b.get("data-case-ref") for b in buttons(lxml_html.fromstring(offline_file.read_text("utf-8")))]
        assert offline == online and online
