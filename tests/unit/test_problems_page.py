"""The page of content problems that `mkdocs serve` shows (handbook.pages.problems_page)."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from handbook.content.problems import Problem
from handbook.pages.problems_page import by_file, edit_url, render_problems_page

REPO = Path(__file__).resolve().parents[2]
GITHUB = "https://github.com/relationships-project/handbooks"


def test_edit_links_are_made_as_mkdocs_makes_a_pages_edit_link():
    assert edit_url("glossary/a.md", GITHUB, "edit/main/") == f"{GITHUB}/edit/main/glossary/a.md"
    assert edit_url("glossary/a.md", GITHUB + "/", "edit/main") == f"{GITHUB}/edit/main/glossary/a.md"
    assert edit_url("glossary/a.md", GITHUB, "/other/edit/main/") == "https://github.com/other/edit/main/glossary/a.md"
    assert (
        edit_url("glossary/a.md", "https://example.org/repo", "?path=/")
        == "https://example.org/repo?path=/glossary/a.md"
    )
    assert edit_url("glossary/a.md", None, "https://example.org/edit/") == "https://example.org/edit/glossary/a.md"
    assert (
        edit_url("glossary/a.md", GITHUB, None, "blob/main/{path_noext}.md?plain=1")
        == f"{GITHUB}/blob/main/glossary/a.md?plain=1"
    )
    assert edit_url("docs/a b#c?.md", GITHUB, "edit/main/") == f"{GITHUB}/edit/main/docs/a%20b%23c%3F.md"


def test_no_edit_link_without_a_web_address():
    assert edit_url("glossary/a.md", GITHUB, None) is None
    assert edit_url("glossary/a.md", None, "edit/main/") is None  # relative: no host to edit on
    assert edit_url("glossary/a.md", None, "javascript:alert(1)//") is None


def test_problems_are_grouped_by_file_in_order():
    problems = [Problem("b.md", 2, "title", "x"), Problem("a.md", 1, "f", "y"), Problem("b.md", 9, "g", "z")]
    files = by_file(problems, Path("/project"), GITHUB, "edit/main/")
    assert [(f.path, [p.line for p in f.problems]) for f in files] == [("b.md", [2, 9]), ("a.md", [1])]
    assert files[0].local_path == str(Path("/project") / "b.md")


def test_every_string_on_the_page_is_text():
    hostile = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    problems = [
        Problem(
            f"docs/{hostile}.md",
            3,
            f"field{hostile}",
            f"'{hostile}' is wrong",
            expected=hostile,
            suggestion=f"'{hostile}'",
        )
    ]
    html = render_problems_page(problems, REPO, f"Site {hostile}", GITHUB, "edit/main/")
    document = lxml.html.document_fromstring(html)
    assert document.xpath("//img") == []
    assert len(document.xpath("//script")) == 1  # the page's own
    assert hostile not in html
    text = " ".join(document.text_content().split())
    assert str(problems[0]) in text
    assert f"on this computer: {REPO / problems[0].path}" in text
    [link] = document.xpath("//a/@href")
    assert link.startswith(f"{GITHUB}/edit/main/docs/") and '"' not in link and "<" not in link
    assert document.xpath("//title")[0].text_content() == f"1 content problem · Site {hostile}"
