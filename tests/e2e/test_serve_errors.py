"""Content problems during `mkdocs serve` are shown in the browser, at every address, until fixed.

MkDocs' preview server holds every request while its last rebuild failed, so a build that
stopped on content problems left the browser waiting. The preview build now writes the
page of problems instead (handbook.pages.problems_page); `mkdocs build` still stops on them.
"""

from __future__ import annotations

import lxml.html

from tests.preview_server import wait_for

STANCE = "stance: critiques"
HOSTILE_STANCE = 'stance: "<img src=x onerror=alert(1)>"'
TERM_PROBLEM = (
    "glossary/co-production.md:13: perspectives[1].stance: '<img src=x onerror=alert(1)>' "
    "is not in the perspective_stances vocabulary"
)
CHAPTER_PROBLEM = "handbooks/starter/going-further.md:"


def _text(html: str) -> str:
    return " ".join(lxml.html.document_fromstring(html).text_content().split())


def test_the_preview_shows_problems_at_every_address_until_they_are_fixed(tmp_path, make_project, build, preview):
    root = make_project(tmp_path / "project")
    term, chapter = root / "glossary/co-production.md", root / "handbooks/starter/going-further.md"
    term_text, chapter_text = term.read_text(encoding="utf-8"), chapter.read_text(encoding="utf-8")
    assert STANCE in term_text
    with preview(root, tmp_path / "serve.log") as site:
        assert wait_for(lambda: "Designing and delivering" in site.fetch("glossary/co-production/")[1]), site.log()
        shown_build = site.build_after(0)

        term.write_text(term_text.replace(STANCE, HOSTILE_STANCE), encoding="utf-8")
        chapter.write_text(chapter_text + "\nSee [[term:nowhere]].\n", encoding="utf-8")

        def both() -> bool:
            text = _text(site.fetch("glossary/co-production/")[1])
            return TERM_PROBLEM in text and "no such term 'nowhere'" in text

        assert wait_for(both), site.log()

        # Every address shows the same page of problems: the page being read, others, the
        # home page, an address that never existed.
        for url_path in ("glossary/co-production/", "handbooks/starter/going-further/", "", "no/such/page/"):
            status, html = site.fetch(url_path)
            assert status == 404, url_path  # what MkDocs' preview server answers with its 404.html
            text = _text(html)
            assert TERM_PROBLEM in text and CHAPTER_PROBLEM in text, url_path
            assert "Designing and delivering" not in text
        document = lxml.html.document_fromstring(html)
        # Escaped: the value quoted in the problem is text, not an element.
        assert document.xpath("//img") == [] and "<img src=x" not in html
        assert len(document.xpath("//script")) == 1  # the page's own reload script, nothing from content
        edit = document.xpath("//a[contains(., 'editor')]/@href")
        assert "https://github.com/relationships-project/handbooks/edit/main/glossary/co-production.md" in edit
        assert str(term) in text  # the file on this computer
        # The page reloads itself through the preview server's live-reload address, which
        # answers with the newer build at once.
        assert site.build_after(shown_build) > shown_build
        assert TERM_PROBLEM in site.log()  # and in the terminal, as before

        # `mkdocs build` still stops on them, writing nothing.
        built = build(root)
        assert built.returncode != 0 and TERM_PROBLEM in built.log
        assert not built.site.exists()

        term.write_text(term_text, encoding="utf-8")
        chapter.write_text(chapter_text, encoding="utf-8")
        assert wait_for(lambda: site.fetch("glossary/co-production/")[0] == 200), site.log()
        status, html = site.fetch("glossary/co-production/")
        assert "Designing and delivering" in html and "content problem" not in html
        assert site.fetch("handbooks/starter/going-further/")[0] == 200
        assert site.fetch("no/such/page/")[0] == 404 and TERM_PROBLEM not in _text(site.fetch("no/such/page/")[1])


def test_a_preview_started_on_broken_content_shows_the_problems(tmp_path, make_project, preview):
    root = make_project(tmp_path / "project")
    term = root / "glossary/co-production.md"
    term.write_text(term.read_text(encoding="utf-8").replace(STANCE, HOSTILE_STANCE), encoding="utf-8")
    with preview(root, tmp_path / "serve.log") as site:
        assert wait_for(lambda: TERM_PROBLEM in _text(site.fetch("")[1])), site.log()
