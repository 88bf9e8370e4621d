"""Forgiving, complete validation (issue 17).

Titles may come from a file's first '# Heading' (front matter is optional for chapters and
free-form pages), and every problem of every class is reported in one run of `handbook
check` and of the build, instead of one class hiding the next.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from handbook import load_corpus
from handbook.cli.main import main

CHAPTER = "handbooks/starter/going-further.md"


@pytest.fixture
def project(tmp_path: Path, make_project) -> Path:
    return make_project(tmp_path / "project", git=False)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(root: Path, capsys) -> tuple[int, list[str]]:
    code = main(["--root", str(root), "check"])
    return code, capsys.readouterr().out.splitlines()


# -- titles from the first heading ---------------------------------------------------------


def test_a_chapter_without_front_matter_takes_its_title_from_its_heading(project):
    write(project, CHAPTER, "# Going *further* {#further}\n\nSome text [@nobody-2020].\n")
    result = load_corpus(project)
    chapter = result.corpus.get("chapter", "starter/going-further")
    assert chapter.title == "Going further"
    # The heading is printed as the page's title: it is left out of the body, whose lines keep their numbers.
    assert chapter.body == "\n\nSome text [@nobody-2020].\n"
    assert [str(p) for p in result.problems] == [
        f"{CHAPTER}:3: citation: no such evidence 'nobody-2020' (expected the id of an existing evidence ([@id]))"
    ]


def test_the_heading_can_follow_a_front_matter_without_a_title(project):
    write(project, CHAPTER, "---\nsummary: Further on.\n---\n\nTitle underlined\n================\n\nText.\n")
    chapter = load_corpus(project).corpus.get("chapter", "starter/going-further")
    assert (chapter.title, chapter.summary, chapter.body) == ("Title underlined", "Further on.", "\n\n\n\nText.\n")


def test_a_heading_that_repeats_the_title_field_is_not_shown_twice(project):
    write(project, CHAPTER, "---\ntitle: Going further\n---\n# Going further\n\nText.\n")
    chapter = load_corpus(project).corpus.get("chapter", "starter/going-further")
    assert chapter.title == "Going further" and chapter.body.strip() == "Text."


def test_the_title_field_wins_over_a_different_heading(project):
    write(project, CHAPTER, "---\ntitle: Going further\n---\nIntro.\n\n# A section that is not the title\n")
    chapter = load_corpus(project).corpus.get("chapter", "starter/going-further")
    assert chapter.title == "Going further" and "# A section" in chapter.body


def test_headings_in_code_are_not_titles(project):
    write(project, CHAPTER, "```\n# not a title\n```\n\n## Only a section\n")
    problems = [str(p) for p in load_corpus(project).problems]
    assert problems == [
        f"{CHAPTER}:1: title: is missing: there is no title field and no '# Title' heading "
        "(expected a first line '# Title' in the text, or 'title: ...' in front matter)"
    ]


def test_a_free_form_page_without_front_matter(project):
    write(project, "docs/about/team.md", "# Our team\n\nWho we are.\n")
    result = load_corpus(project)
    assert result.problems == []
    page = result.corpus.get("page", "about/team")
    assert page.title == "Our team" and page.body.startswith("# Our team")  # the page's own h1 stays its heading


@pytest.mark.parametrize("rel", ["handbooks/starter/index.md", "docs/evidence/russell-1996.md"])
def test_handbooks_and_collection_items_still_need_front_matter(project, rel):
    write(project, rel, "# A title\n\nText.\n\nTODO: the rest.\n")
    problems = [str(p) for p in load_corpus(project).problems if p.path == rel]
    assert problems == [
        f"{rel}:1: front matter: is missing (expected the file to start with a '---' line, YAML fields, "
        "and another '---' line)",
        f"{rel}:5: body: still has a template placeholder ('TODO: the rest.') "  # its text is checked too
        "(expected your own words in place of the template's TODO placeholder)",
    ]


# A one-pixel PNG.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
ANCHORS = """# Going further

Links to [a section](#a-section), [its twin](#a-section_1), [accents](#côté-cœur),
[code](#using-the-scale), [a named one](#named), [a note](#fn:1) and
[another page's](first-steps.md#why-it-matters).[^1] Ask [@someone](https://example.org/someone)
about it [@russell-1996, p. 4], with [the data](../../evidence/evidence.csv), [the glossary](../../glossary/)
and [a picture](images/map.png "checked by attachments").

## A section

## A section

## Côté cœur

## Using `the` scale

A paragraph
{: #named }

[^1]: A note.
"""


def test_a_chapter_title_from_its_heading_is_built_once_as_the_page_title(tmp_path, make_project, build):
    root = make_project(tmp_path / "project")
    write(root, CHAPTER, ANCHORS)
    (root / "handbooks/starter/images").mkdir()
    (root / "handbooks/starter/images/map.png").write_bytes(PNG)
    assert load_corpus(root).problems == []  # every anchor is one the build accepts...
    result = build(root, "--strict", env={"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"})
    assert result.returncode == 0, result.log  # ...as the strict build shows
    html = result.html("handbooks/starter/going-further/")
    assert '<a href="https://example.org/someone">@someone</a>' in html  # a link, not a citation of 'someone'
    assert re.search(r'<sup class="hb-citation" id="hb-cite-1">\[<a class="hb-cite"[^>]*>1</a>, p\. 4\]</sup>', html)
    assert html.count("<h1") == 1 and "<h1>Going further</h1>" in html and "<title>Going further - " in html


# -- every problem at once --------------------------------------------------------------------


def one_problem_of_each_class(root: Path) -> list[tuple[str, str]]:
    """Break ``root`` in every way a contributor can, once each; return the file and field
    (``path:line: field``) and words of each problem expected."""
    expected = []

    def expect(where: str, what: str) -> None:
        expected.append((where, what))

    # A file that cannot be read at all.
    (root / "docs/stories/heatmap-in-action.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    expect("docs/stories/heatmap-in-action.md:2: file", "is not valid UTF-8")
    # Front matter that is not YAML: its body is still checked (a placeholder below it).
    edit(root, "docs/resources/relationships-heatmap.md", "---\n", "---\nbroken: [\n")
    edit(root, "docs/resources/relationships-heatmap.md", "\n---\n", "\n---\nTODO: say how it was used.\n")
    expect("docs/resources/relationships-heatmap.md:2: front matter", "is not valid YAML")
    expect("docs/resources/relationships-heatmap.md:9: body", "still has a template placeholder")
    # A value outside its vocabulary, and an unknown field.
    edit(root, "glossary/co-production.md", "stance: critiques", "stance: critque")
    expect(
        "glossary/co-production.md:13: perspectives[1].stance", "'critque' is not in the perspective_stances vocabulary"
    )
    edit(root, "glossary/loneliness.md", "---\n", "---\ncolour: blue\n")
    expect("glossary/loneliness.md:2: colour", "is not a known field")
    # References: to a missing item, with an invalid id, to a missing page, a citation inside a link.
    edit(
        root,
        CHAPTER,
        "## Measuring\n",
        "## Measuring\n\nMissing [@nobody-2020], bad [@Bad_Id], gone [there](missing-page.md).\n"
        "See [the review [@russell-1996]](https://example.org).\n",
    )
    expect(f"{CHAPTER}:8: citation", "no such evidence 'nobody-2020'")
    expect(f"{CHAPTER}:8: citation", "'Bad_Id' is not a valid evidence id")
    expect(f"{CHAPTER}:8: link", "'missing-page.md' is not a page of the site")
    expect(f"{CHAPTER}:9: citation", "[@russell-1996] is inside the text of a link")
    edit(root, CHAPTER, "## Measuring\n", "## Measuring\n\nSee [below](#nowhere) and [there](first-steps.md#nope).\n")
    expect(f"{CHAPTER}:6: link", "'#nowhere': this page has no heading or anchor '#nowhere'")
    edit(root, "docs/about/index.md", "About this sample.", "About this sample, with [notes](notes.docx).")
    expect("docs/about/index.md:3: link", "'notes.docx' is not a file of the site (looked for about/notes.docx)")
    expect(
        f"{CHAPTER}:6: link", "'first-steps.md#nope': handbooks/starter/first-steps.md has no heading or anchor '#nope'"
    )
    # A chapter with no title field and no heading.
    write(root, "handbooks/starter/untitled.md", "Some text without a heading.\n")
    edit(
        root,
        "handbooks/starter/index.md",
        "chapters: [first-steps, going-further]",
        "chapters: [first-steps, going-further, untitled]",
    )
    expect("handbooks/starter/untitled.md:1: title", "is missing")
    # A chapter file not listed in its handbook: its content is still checked.
    write(root, "handbooks/starter/extra.md", '# Extra\n\n<iframe src="https://example.org"></iframe>\n')
    expect("handbooks/starter/extra.md:1: file", "is not listed in its handbook's chapters")
    expect("handbooks/starter/extra.md:3: html", "<iframe> is not allowed in content")
    # A handbook whose index.md is broken: its chapters are still checked.
    edit(root, "handbooks/second/index.md", "title: Second", "title: [unclosed")
    expect("handbooks/second/index.md:2: front matter", "is not valid YAML")
    expect("handbooks/second/chapter-one.md:3: html", "<script> is not allowed in content")
    # A file name that is not an id: its content is still checked.
    shutil.copy(root / "docs/organisations/enrol-yourself.md", root / "docs/organisations/Bad_Name.md")
    edit(root, "docs/organisations/Bad_Name.md", "nations:", "sparkle: yes\nnations:")
    expect("docs/organisations/Bad_Name.md:1: file name", "'Bad_Name' is not a valid id")
    expect("docs/organisations/Bad_Name.md:4: sparkle", "is not a known field")
    # An item at the address of a generated page.
    shutil.copy(root / "docs/evidence/russell-1996.md", root / "docs/evidence/gap-map.md")
    edit(root, "docs/evidence/gap-map.md", 'title: "UCLA', 'title: "Another UCLA')
    expect("docs/evidence/gap-map.md:1: id", "'gap-map' is the address of the generated page")
    # CODEOWNERS out of step with a handbook's editors.
    edit(
        root, "handbooks/starter/index.md", 'editors: ["@example/starter-editors"]', 'editors: ["@example/new-editors"]'
    )
    expect(
        ".github/CODEOWNERS:7: /handbooks/starter/",
        "but the editors in handbooks/starter/index.md are @example/new-editors",
    )
    return expected


@pytest.fixture
def broken(tmp_path: Path, make_project) -> tuple[Path, list[tuple[str, str]]]:
    root = make_project(tmp_path / "project", git=False)
    write(
        root,
        "handbooks/second/index.md",
        "---\ntitle: Second\nsummary: A second handbook.\n"
        'editors: ["@example/second-editors"]\nchapters: [chapter-one]\n---\n',
    )
    write(root, "handbooks/second/chapter-one.md", "# Chapter one\n\nA <script>alert(1)</script> here.\n")
    assert main(["--root", str(root), "codeowners", "--write"]) == 0
    return root, one_problem_of_each_class(root)


def assert_every_problem_listed(lines: list[str], expected: list[tuple[str, str]]) -> None:
    missing = [
        f"{where}: {what}"
        for where, what in expected
        if not any(line.startswith(f"{where}: ") and what in line for line in lines)
    ]
    assert not missing, "\n".join(["not reported:", *missing, "reported:", *lines])


def test_handbook_check_lists_every_class_of_problem_at_once(broken, capsys):
    root, expected = broken
    code, lines = check(root, capsys)
    assert code == 1
    assert_every_problem_listed(lines, expected)
    # ...and no echoes: nothing about the unreadable handbook's or story's absence, the
    # chapters of the broken handbook not being listed, or "required but missing" fields
    # of a front matter that could not be read.
    assert not [
        line
        for line in lines
        if "second" in line and "chapter-one.md:3: html" not in line and "index.md:2: front matter" not in line
    ], lines
    assert not [line for line in lines if "is required but missing" in line], lines
    assert not [line for line in lines if "heatmap-in-action'" in line], lines


def test_the_build_lists_every_class_of_problem_at_once(broken, build):
    root, expected = broken
    result = build(root, env={"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"})
    assert result.returncode != 0
    assert "Traceback" not in result.log
    lines = [re.sub(r"^ERROR\s+-\s+", "", line) for line in result.log.splitlines() if line.startswith("ERROR")]
    assert_every_problem_listed(lines, expected)


def test_a_broken_vocabulary_is_one_problem_not_one_per_use(project, capsys):
    edit(project, "docs/vocabularies.yml", "themes:", "themes: [")
    write(
        project,
        "glossary/loneliness.md",
        (project / "glossary/loneliness.md").read_text(encoding="utf-8").replace("---\n", "---\ncolour: blue\n", 1),
    )
    code, lines = check(project, capsys)
    assert code == 1
    assert [line.split(": ")[0] for line in lines] == ["docs/vocabularies.yml:7", "glossary/loneliness.md:2"], lines


def test_an_anchor_on_the_same_page_is_checked_in_a_corpus_without_page_links(project):
    write(project, CHAPTER, "# Going further\n\nSee [below](#nowhere).\n\n## Somewhere\n")
    for path in project.rglob("*.md"):  # no '.md' link anywhere else
        assert (
            path == project / CHAPTER
            or "](" not in path.read_text(encoding="utf-8")
            or ".md" not in path.read_text(encoding="utf-8")
        )
    assert [str(p) for p in load_corpus(project).problems] == [
        f"{CHAPTER}:3: link: '#nowhere': this page has no heading or anchor '#nowhere' (expected the id of a heading: "
        "its words in lower case, joined by hyphens, without punctuation ('## Why it matters' is #why-it-matters))"
    ]


# -- hostile lines stay fast --------------------------------------------------------------------


def test_lines_made_to_backtrack_are_read_quickly(project):
    """Each of these took seconds to hours with the regular expressions first used for code
    spans, citations and headings (backtracking); all of them together now take well under one."""
    import time

    from handbook.content.code_spans import code_span_ranges

    hostile = "\n\n".join(
        [
            "# Going further",
            "A " + "`" * 3000 + " <b>x</b> [a link](missing.md)",  # code spans, in every check of the body
            "[" + "@a, x y z , " * 2000,  # a citation never closed
            "## x" + " " * 100_000 + "y",  # a heading of spaces
            "{" + "a#" * 20_000,  # an attribute list never closed
        ]
    )
    write(project, CHAPTER, hostile + "\n")
    started = time.perf_counter()
    problems = [str(p) for p in load_corpus(project).problems]
    assert time.perf_counter() - started < 3
    assert problems == [
        f"{CHAPTER}:3: link: 'missing.md' is not a page of the site (looked for handbooks/starter/missing.md) "
        "(expected the path of a page relative to this one, or a link by id such as [words](term:an-id))"
    ]
    assert code_span_ranges("a `b` ``c`d`` `e") == [(2, 5), (6, 13)]  # as CommonMark pairs them
