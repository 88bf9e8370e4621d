"""End-to-end: citations, backlinks, related lists, gathering pages and exports in a built site."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from lxml import html as lxml_html

from handbook.mkdocs.search_sections import page_sections

ODD_TITLE = 'Test item: "quotes" <tags> & {{ braces }} in Cymru ŵ ŷ'
ODD_TITLE_ESCAPED = "Test item: &#34;quotes&#34; &lt;tags&gt; &amp; {{ braces }} in Cymru ŵ ŷ"
ODD_TITLE_TEXT = 'Test item: "quotes" &lt;tags&gt; &amp; {{ braces }} in Cymru ŵ ŷ'  # in element text, quotes may stay
LONELY = 'The painful gap between the relationships we have and those we want: "<not> & {{ escaped }}" ŵ ŷ.'

EXTRA_EVIDENCE = f"""---
title: '{ODD_TITLE}'
authors: ["Jones, Siân"]
year: 2020
evidence_type: survey
url: https://example.org/report?a=1&b=2
themes: [loneliness]
outcomes: [loneliness]
findings_direction: mixed
confidence:
  rating: 2
  rationale: A test item for escaping.
---
"""


class Page(HTMLParser):
    """What the tests need from a page: ids, and the links and text inside given sections."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.sections: dict[str, list[tuple[str, str]]] = {}  # section class -> [(href, text)]
        self.elements: list[tuple[str, dict]] = []
        self._open: list[tuple[str, str | None]] = []  # (tag, section class being collected)
        self._link: list | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        classes = attributes.get("class", "").split()
        section = next((c for c in classes if c in ("hb-backlinks", "hb-related", "hb-references")), None)
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            return
        self._open.append((tag, section))
        if tag == "a" and self.current_section:
            self._link = [attributes.get("href", ""), ""]

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.sections.setdefault(self.current_section, []).append((self._link[0], self._link[1].strip()))
            self._link = None
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data

    @property
    def current_section(self) -> str | None:
        return next((section for _, section in reversed(self._open) if section), None)

    def links(self, section: str) -> list[tuple[str, str]]:
        return self.sections.get(section, [])

    def hrefs(self, section: str) -> list[str]:
        return [href for href, _ in self.links(section)]

    def find(self, tag: str, **wanted) -> list[dict]:
        return [
            a for t, a in self.elements if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in wanted.items())
        ]


@pytest.fixture(scope="module")
def built(tmp_path_factory, make_project, git_commit, build):
    root = make_project(tmp_path_factory.mktemp("cross"))
    (root / "docs" / "evidence" / "jones-2020.md").write_text(EXTRA_EVIDENCE, encoding="utf-8")
    chapter = root / "handbooks" / "starter" / "going-further.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nA test citation [@jones-2020; @russell-1996].\n", encoding="utf-8"
    )
    git_commit(root, "Test additions")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    return result


@pytest.mark.parametrize(
    "url, expected",
    [
        ("glossary/co-production/", {"../../handbooks/starter/first-steps/", "../loneliness/"}),
        ("evidence/holt-lunstad-2010/", {"../../handbooks/starter/first-steps/"}),
        ("evidence/russell-1996/", {"../../handbooks/starter/first-steps/", "../../handbooks/starter/going-further/"}),
        (
            "resources/relationships-heatmap/",
            {"../../handbooks/starter/first-steps/", "../../stories/heatmap-in-action/"},
        ),
        ("stories/heatmap-in-action/", {"../../handbooks/starter/first-steps/"}),
        ("convenings/measuring-relationships-2021/", {"../../handbooks/starter/first-steps/"}),
        (
            "organisations/enrol-yourself/",
            {
                "../../handbooks/starter/first-steps/",
                "../../stories/heatmap-in-action/",
                "../../resources/relationships-heatmap/",
                "../../convenings/measuring-relationships-2021/",
            },
        ),
        (
            "organisations/relationships-project/",
            {"../../convenings/measuring-relationships-2021/", "../enrol-yourself/"},
        ),
    ],
)
def test_backlinks_list_the_pages_that_use_each_item(built, url, expected):
    page = Page(built.html(url))
    assert set(page.hrefs("hb-backlinks")) == expected
    for href in page.hrefs("hb-backlinks"):
        assert (built.site / url / href / "index.html").resolve().exists(), href


def test_backlinks_show_kind_handbook_and_how(built):
    html = built.html("evidence/holt-lunstad-2010/")
    assert '<h2 id="hb-backlinks">Cited by</h2>' in html
    assert '<h3 class="hb-backlinks-kind">Handbook chapters</h3>' in html
    assert (
        '<a href="../../handbooks/starter/first-steps/">First steps</a> <span class="hb-context">in A starter handbook</span>'
        ' <span class="hb-how">(cites it)</span>'
    ) in html
    assert "Where it is used" in built.html("glossary/co-production/")


def test_citations_are_numbered_per_page_and_link_to_the_reference_list(built):
    for url in ("handbooks/starter/first-steps/", "handbooks/starter/going-further/"):
        page = Page(built.html(url))
        cites = page.find("a", **{"class": "hb-cite"})
        assert cites, url
        for anchor in cites + page.find("a", **{"class": "hb-backref"}):
            assert anchor["href"].startswith("#") and anchor["href"][1:] in page.ids, (url, anchor)
        for href, _text in page.links("hb-references"):
            if not href.startswith(("#", "http")):
                assert (built.site / url / href / "index.html").resolve().exists(), href
    first = built.html("handbooks/starter/first-steps/")
    # holt-lunstad-2010 is cited first (1), then again with russell-1996 (2).
    assert first.count('href="#hb-ref-holt-lunstad-2010"') == 2 and first.count('href="#hb-ref-russell-1996"') == 1
    assert (
        '<li id="hb-ref-holt-lunstad-2010" value="1">' in first and '<li id="hb-ref-russell-1996" value="2">' in first
    )
    assert '<span class="hb-confidence hb-confidence-4">Confidence 4/4: Strong</span>' in first
    second = built.html("handbooks/starter/going-further/")
    assert '<li id="hb-ref-russell-1996" value="1">' in second  # numbering starts again on each page
    assert '<li id="hb-ref-jones-2020" value="2">' in second


def test_backlinks_and_related_lists_stay_out_of_the_search_index(built):
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    evidence = [doc for doc in index["docs"] if doc["location"].startswith("evidence/holt-lunstad-2010/")]
    chapter = [doc for doc in index["docs"] if doc["location"].startswith("handbooks/starter/going-further/")]
    assert evidence and chapter
    # the evidence page is found for itself, not for the chapter titles listed under "Cited by"
    assert not any("First steps" in doc["text"] or "Cited by" in doc["title"] for doc in evidence)
    assert not any(doc["location"].endswith(("#hb-backlinks", "#hb-related")) for doc in evidence + chapter)
    # Material reads a page before our hooks add these sections; they are marked to stay
    # out whatever that order: the search sections of the sections themselves are empty.
    page = lxml_html.fromstring(built.html("evidence/holt-lunstad-2010/"))
    for section in page.find_class("hb-backlinks") + page.find_class("hb-related"):
        found = page_sections(lxml_html.tostring(section, encoding="unicode"))
        assert not any("".join(s.title + s.text).strip() for s in found)


def test_reference_lists_stay_out_of_the_search_index(built):
    # A search for a study leads to its evidence page, not to every page citing it.
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    chapter = [doc for doc in index["docs"] if doc["location"].startswith("handbooks/starter/first-steps/")]
    assert chapter and "hb-references" in built.html("handbooks/starter/first-steps/")
    assert not any(doc["location"].endswith("#hb-references") or doc["title"] == "References" for doc in chapter)
    assert not any("Social relationships and mortality risk" in doc["text"] for doc in chapter)
    studies = [doc for doc in index["docs"] if doc["location"] == "evidence/holt-lunstad-2010/"]
    assert studies and "Social relationships and mortality risk" in studies[0]["title"]


def test_related_lists_never_list_the_page_itself(built):
    page = Page(built.html("handbooks/starter/going-further/"))
    related = page.hrefs("hb-related")
    assert 0 < len(related) <= 5
    assert "./" not in related and "../going-further/" not in related
    assert "../../../evidence/jones-2020/" in related  # cited here


def toc_links(html: str) -> list[str]:
    """The in-page links of the page's table of contents, in order."""
    return [a["href"] for a in Page(html).find("a", **{"class": "md-nav__link"}) if a["href"].startswith("#")]


def test_added_sections_are_in_the_table_of_contents(built):
    chapter = toc_links(built.html("handbooks/starter/going-further/"))
    assert chapter[-2:] == ["#hb-references", "#hb-related"]
    # after the page's own headings, once in each copy of the table of contents Material prints
    assert chapter.count("#hb-related") == chapter.count("#measuring") > 0
    assert chapter.index("#measuring") < chapter.index("#hb-references")
    # A page with no headings of its own keeps no table of contents: Material's "Skip to
    # content" link would otherwise lead to the backlinks at the end of the page.
    story = built.html("stories/heatmap-in-action/")
    assert 'id="hb-backlinks"' in story
    assert toc_links(story) == [] and 'class="md-skip"' not in story


def test_explorer_rows_carry_their_facets(built):
    page = Page(built.html("evidence/"))
    rows = {row["data-year"] + row["data-type"]: row for row in page.find("li", **{"class": "hb-evidence-row"})}
    assert len(rows) == 3
    holt = rows["2010meta-analysis"]
    assert (holt["data-theme"], holt["data-outcome"], holt["data-confidence"], holt["data-direction"]) == (
        "loneliness",
        "mortality",
        "4",
        "positive",
    )
    russell = rows["1996survey"]
    assert (russell["data-theme"], russell["data-confidence"]) == ("measurement loneliness", "3")
    form = page.find("form", **{"class": "hb-explorer-filters"})[0]
    assert "hidden" in form  # a plain list until the script runs
    script = page.find("script", src="../assets/javascripts/hb-explorer.js")  # extra_javascript
    assert script and (built.site / "assets" / "javascripts" / "hb-explorer.js").exists()
    assert {s["name"] for s in page.find("select")} == {"theme", "type", "outcome", "confidence"}
    assert {i["name"]: (i["min"], i["max"]) for i in page.find("input", type="number")} == {
        "from": ("1996", "2020"),
        "to": ("1996", "2020"),
    }
    assert (
        page.find("a", href="confidence-scale/")
        and (built.site / "evidence" / "confidence-scale" / "index.html").exists()
    )


def test_gap_map_cells_link_to_the_filtered_explorer(built):
    html = built.html("evidence/gap-map/")
    page = Page(html)
    assert page.find("th", scope="col") and page.find("th", scope="row")
    cell = page.find("td", **{"class": "hb-gap-cell hb-gap-filled hb-confidence-4", "data-count": "1"})
    assert cell and cell[0]["data-highest"] == "4"
    assert 'href="../?theme=loneliness&amp;outcome=mortality"' in html
    lonely = page.find("td", **{"class": "hb-gap-cell hb-gap-filled hb-confidence-3", "data-count": "2"})
    assert lonely  # loneliness x loneliness: russell (3) and jones (2)
    assert '<span class="hb-gap-label">gap</span>' in html


def test_exports_exist_parse_and_are_linked(built):
    evidence_index = Page(built.html("evidence/"))
    for name in ("evidence.json", "evidence.csv", "evidence.ris"):
        assert evidence_index.find("a", href=name), name
        assert (built.site / "evidence" / name).exists()
    assert Page(built.html("glossary/")).find("a", href="glossary.json")
    glossary = json.loads((built.site / "glossary" / "glossary.json").read_text(encoding="utf-8"))
    assert next(t for t in glossary["terms"] if t["id"] == "loneliness")["working_definition"] == LONELY
    evidence = json.loads((built.site / "evidence" / "evidence.json").read_text(encoding="utf-8"))
    assert next(e for e in evidence["evidence"] if e["id"] == "jones-2020")["title"] == ODD_TITLE
    rows = list(csv.DictReader(io.StringIO((built.site / "evidence" / "evidence.csv").read_text(encoding="utf-8-sig"))))
    assert next(r for r in rows if r["id"] == "jones-2020")["title"] == ODD_TITLE
    ris = (built.site / "evidence" / "evidence.ris").read_bytes().decode("utf-8")
    assert ris.count("TY  - ") == ris.count("ER  - ") == 3 and f"TI  - {ODD_TITLE}\r\n" in ris


def test_special_characters_are_escaped_and_intact_everywhere(built):
    lonely_html = "The painful gap between the relationships we have and those we want: &#34;&lt;not&gt; &amp; {{ escaped }}&#34; ŵ ŷ."
    lonely_text = (
        'The painful gap between the relationships we have and those we want: "&lt;not&gt; &amp; {{ escaped }}" ŵ ŷ.'
    )
    # Meta description of the term page (an attribute), the A to Z list and the tooltip (text).
    term_page = built.html("glossary/loneliness/")
    assert (
        f'<meta name="description" content="{lonely_html}">' in term_page
        or f'<meta name="description" content="{lonely_html.replace("&#34;", "&quot;")}">' in term_page
    )
    assert f"<dd>{lonely_html}</dd>" in built.html("glossary/") or f"<dd>{lonely_text}</dd>" in built.html("glossary/")
    chapter = built.html("handbooks/starter/going-further/")
    assert lonely_text in chapter or lonely_html in chapter  # the term's tooltip
    assert "<not>" not in chapter and "<tags>" not in chapter
    # The odd evidence title: citation tooltip (attribute), reference list, related list, explorer.
    assert f'title="Jones (2020). {ODD_TITLE_ESCAPED}. Confidence 2/4: Promising"' in chapter.replace("&quot;", "&#34;")
    assert chapter.count(f">{ODD_TITLE_TEXT}</a>") + chapter.count(f">{ODD_TITLE_ESCAPED}</a>") >= 2
    explorer = built.html("evidence/")
    assert f">{ODD_TITLE_TEXT}</a>" in explorer or f">{ODD_TITLE_ESCAPED}</a>" in explorer
    assert "<tags>" not in explorer and "<not>" not in built.html("glossary/")
    # The item's own page: its <title>, heading and meta tags come from Material's templates.
    own = built.html("evidence/jones-2020/")
    assert "<tags>" not in own and f"<h1>{ODD_TITLE_ESCAPED}</h1>" in own


def test_gathering_pages(built):
    glossary = Page(built.html("glossary/"))
    assert glossary.find("a", href="#letter-c") and "letter-c" in glossary.ids and "letter-b" not in glossary.ids
    assert {"group-the-cost", "group-the-work", "group-places-and-spaces"} <= glossary.ids
    stories = Page(built.html("stories/"))
    assert {"type-tool-in-action", "nation-england", "theme-measurement"} <= stories.ids
    convenings = built.html("convenings/")
    assert 'id="year-2021"' in convenings and "40 participants" in convenings
    organisations = Page(built.html("organisations/"))
    assert {"nation-england", "nation-uk-wide", "type-charity", "type-social-enterprise"} <= organisations.ids
    assert "kind-tool" in Page(built.html("resources/")).ids
    hub = built.html("themes/loneliness/")
    assert 'href="../../evidence/?theme=loneliness"' in hub and "Confidence 4/4: Strong" in hub


def test_cross_linking_can_be_switched_off(tmp_path, monkeypatch, make_project, build):
    root = make_project(tmp_path)
    monkeypatch.setenv("HANDBOOK_CROSS_LINKING", "0")
    result = build(root, "--strict")
    assert result.returncode == 0, result.log
    html = result.html("handbooks/starter/first-steps/")
    assert "hb-related" not in html and "hb-references" not in html and "hb-cite" not in html
    assert ">Holt-Lunstad et al. 2010</a>" in html  # plain author-year citations
    assert "hb-backlinks" not in result.html("evidence/holt-lunstad-2010/")
