"""Unit tests: rendered web pages rewritten into sections of a print document."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.outputs.html_tree import parse_fragment, serialize_children
from handbook.outputs.offline_links import directory_url, rewrite_for_files
from handbook.outputs.print_links import PrintLinks, section_anchor
from handbook.outputs.site_paths import Target, relative, resolve

SITE = "https://example.org/handbooks/"
CHAPTER = "handbooks/starter/first-steps/"
OTHER_CHAPTER = "handbooks/starter/going-further/"


def make_links(**kwargs) -> PrintLinks:
    sections = {CHAPTER: section_anchor(CHAPTER), OTHER_CHAPTER: section_anchor(OTHER_CHAPTER)}
    return PrintLinks(
        site_url=SITE,
        sections=sections,
        term_ids={"co-production", "loneliness"},
        evidence_ids={"holt-lunstad-2010"},
        **kwargs,
    )


def rewrite(html: str, links: PrintLinks | None = None, page: str = CHAPTER) -> tuple[str, PrintLinks]:
    links = links or make_links()
    body = parse_fragment(html)
    links.rewrite_section(body, page)
    return serialize_children(body), links


@pytest.mark.parametrize(
    "href, expected",
    [
        ("../going-further/", "#s-handbooks-starter-going-further"),
        ("../going-further/#measuring", "#s-handbooks-starter-going-further--measuring"),
        ("#why", "#s-handbooks-starter-first-steps--why"),
        ("../../../glossary/co-production/", "#term-co-production"),
        ("../../../glossary/co-production/#perspectives", "#term-co-production"),
        ("../../../evidence/holt-lunstad-2010/", "#ref-holt-lunstad-2010"),
        ("../../../stories/heatmap-in-action/", SITE + "stories/heatmap-in-action/"),
        ("../../../glossary/", SITE + "glossary/"),
        ("../../../glossary/not-a-term/", SITE + "glossary/not-a-term/"),
        ("../../", SITE + "handbooks/"),
        ("../../../", SITE),
        ("https://doi.org/10.1371/x", "https://doi.org/10.1371/x"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
    ],
)
def test_links_point_inside_the_pdf_or_to_the_web(href, expected):
    html, _ = rewrite(f'<p><a href="{href}">x</a></p>')
    assert f'href="{expected}"' in html


def test_links_to_the_rest_of_the_site_are_marked_for_printing_their_address():
    html, _ = rewrite(
        '<p><a class="hb-ref" href="../../../stories/heatmap-in-action/">s</a> '
        '<a href="../going-further/">c</a> <a href="https://doi.org/x">d</a></p>'
    )
    assert 'class="hb-ref hb-web-address" href="https://example.org/handbooks/stories/heatmap-in-action/"' in html
    assert html.count("hb-web-address") == 1


def test_term_and_evidence_uses_are_recorded_in_order_of_first_use():
    _, links = rewrite(
        '<p><a class="hb-term" href="../../../glossary/loneliness/">lonely</a> '
        '<a href="../../../glossary/co-production/">co-production</a> '
        '<a class="hb-term" href="../../../glossary/loneliness/">again</a> '
        '<span class="hb-citation"><a href="../../../evidence/holt-lunstad-2010/">H 2010</a></span></p>'
    )
    assert list(links.used_terms) == ["loneliness", "co-production"]
    assert list(links.cited_evidence) == ["holt-lunstad-2010"]


def test_links_to_pages_outside_the_document_record_nothing():
    _, links = rewrite('<p><a href="../../../stories/heatmap-in-action/">story</a></p>')
    assert not links.used_terms and not links.cited_evidence


def test_ids_are_prefixed_per_section_so_chapters_cannot_collide():
    first, _ = rewrite('<h2 id="introduction">Intro</h2>')
    second, _ = rewrite('<h2 id="introduction">Intro</h2>', page=OTHER_CHAPTER)
    assert 'id="s-handbooks-starter-first-steps--introduction"' in first
    assert 'id="s-handbooks-starter-going-further--introduction"' in second


def test_screen_only_elements_go_but_the_text_after_them_stays():
    html, _ = rewrite(
        '<h2 id="a">Title<a class="headerlink" href="#a">¶</a></h2>'
        '<p><a class="hb-term" href="../../../glossary/loneliness/">lonely<span class="hb-tooltip">A feeling</span></a> people'
        "<button>Copy</button> here</p>"
    )
    assert "¶" not in html and "A feeling" not in html and "Copy" not in html
    assert "lonely</a> people here" in html


def test_collapsible_details_are_printed_open():
    html, _ = rewrite("<details><summary>More</summary><p>Hidden</p></details>")
    assert "<details open" in html


def test_the_first_h1_is_dropped_because_the_template_writes_the_title():
    html, _ = rewrite("<h1>First steps</h1><p>Text</p>")
    assert "<h1" not in html and "<p>Text</p>" in html


def test_images_are_read_from_the_files_on_disk(tmp_path):
    image = tmp_path / "assets" / "map.png"
    html, _ = rewrite(
        '<p><img alt="A map" src="../../../assets/map.png"></p>', links=make_links(assets={"assets/map.png": image})
    )
    assert f'src="{image.as_uri()}"' in html and 'alt="A map"' in html


def test_an_image_without_alt_text_is_marked_decorative():
    html, _ = rewrite('<p><img src="https://example.org/x.png"></p>')
    assert 'alt=""' in html


def test_headings_are_returned_for_the_contents_list():
    links = make_links()
    body = parse_fragment('<h2 id="why">Why it <em>matters</em></h2><h3 id="how">How</h3><h4 id="no">No</h4>')
    headings = links.rewrite_section(body, CHAPTER)
    assert [(h.level, h.anchor, h.text) for h in headings] == [
        (2, "s-handbooks-starter-first-steps--why", "Why it matters"),
        (3, "s-handbooks-starter-first-steps--how", "How"),
    ]


def test_text_is_escaped_again_when_written_back():
    html, _ = rewrite("<p>Fish &amp; chips &lt;3</p>")
    assert html == "<p>Fish &amp; chips &lt;3</p>"


@pytest.mark.parametrize(
    "href, folder, expected",
    [
        ("../x/", "a/b/", Target("a/x/", "")),
        ("../../", "a/b/", Target("", "")),
        ("#f", "a/b/", Target("a/b/", "f")),
        ("c.png", "a/", Target("a/c.png", "")),
        ("../index.html#top", "a/b/", Target("a/", "top")),
    ],
)
def test_resolve(href, folder, expected):
    assert resolve(href, folder) == expected


def test_relative():
    assert relative("handbooks/starter/", "downloads/handbook-starter.pdf") == "../../downloads/handbook-starter.pdf"
    assert relative("", "downloads/x.zip") == "downloads/x.zip"


@pytest.mark.parametrize(
    "src_uri, url",
    [
        ("index.md", ""),
        ("glossary/co-production.md", "glossary/co-production/"),
        ("handbooks/starter/index.md", "handbooks/starter/"),
        ("about/index.md", "about/"),
    ],
)
def test_directory_url(src_uri, url):
    assert directory_url(src_uri) == url


def test_offline_copy_links_point_at_page_files():
    page_files = {
        "glossary/co-production/": "glossary/co-production.html",
        "handbooks/starter/going-further/": "handbooks/starter/going-further.html",
        "": "index.html",
    }
    # The engine wrote these as if the page's URL were a folder.
    content = (
        '<p><a href="../../../glossary/co-production/#perspectives">t</a> <a href="../going-further/">c</a>'
        ' <a href="../../../">home</a> <a href="going-further.html">md link</a> <a href="#x">here</a></p>'
    )
    html = rewrite_for_files(content, "handbooks/starter/first-steps.html", page_files)
    assert 'href="../../glossary/co-production.html#perspectives"' in html
    assert 'href="going-further.html">c' in html
    assert 'href="../../index.html"' in html
    assert 'href="going-further.html">md link' in html
    assert 'href="#x"' in html


def test_offline_copy_fixes_engine_file_links_but_keeps_those_that_already_work():
    outputs = frozenset({"evidence/evidence.json", "evidence/index.html", "evidence/russell-1996.html"})
    # From evidence/index.html the engine wrote "../evidence.json" (page URL taken as a folder);
    # MkDocs wrote "russell-1996.html" (from the page's real folder).
    content = '<p><a href="../evidence.json">json</a> <a href="russell-1996.html">md link</a></p>'
    html = rewrite_for_files(content, "evidence/index.html", {}, outputs)
    assert 'href="evidence.json"' in html and 'href="russell-1996.html"' in html


def test_offline_copy_reads_dot_dot_as_a_folder():
    html = rewrite_for_files('<p><a href="../..">home</a></p>', "changes/index.html", {"": "index.html"})
    assert 'href="../index.html"' in html


def test_offline_copy_leaves_content_without_directory_links_untouched():
    content = '<p>Plain <a href="https://example.org/">web</a></p>'
    assert rewrite_for_files(content, "index.html", {}) is content


def test_parse_and_serialize_keep_svg_usable_in_html():
    body = parse_fragment('<p><svg viewBox="0 0 1 1"><path d="M0 0"/></svg></p>')
    assert "<svg" in serialize_children(body) and "ns0:" not in serialize_children(body)


def test_unknown_image_is_not_fetched_from_disk():
    html, _ = rewrite('<p><img alt="gone" src="../../../assets/missing.png"></p>')
    assert f'src="{SITE}assets/missing.png"' in html
    assert not Path("assets/missing.png").exists()


def test_markup_the_xml_parser_refuses_is_read_as_html():
    body = parse_fragment("<p>a&nbsp;b<br>c</p>")
    assert serialize_children(body) == "<p>a\xa0b<br>c</p>"
