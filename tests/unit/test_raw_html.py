"""Raw HTML in bodies: what the sanitiser keeps, what it removes, and that removals are reported."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as etree
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook import load_corpus
from handbook.safety.raw_html import blank_code, body_problems, clean_element, clean_fragment, start_tags
from tests.support import SAMPLE

KEPT = [
    '<span class="no-term-links">',
    "</span>",
    "<br>",
    "<hr>",
    "</div>",
    '<abbr title="World Health Organization">WHO</abbr>',
    '<table>\n<thead><tr><th colspan="2">Head</th></tr></thead>\n<tbody><tr><td>a</td><td>b</td></tr></tbody>\n</table>',
    '<figure>\n<img src="../assets/map.png" alt="A map" width="300">\n<figcaption>A map</figcaption>\n</figure>',
    "<details><summary>More</summary>\n<p>Hidden text</p>\n</details>",
    '<a href="https://example.org" title="Example">',
    '<a href="#part">',
    '<a href="mailto:a@example.org">',
    "<sup>1</sup>",
    "<kbd>Ctrl</kbd>",
    "<mark>note</mark>",
]
REMOVED = {
    "<script>alert(1)</script>": "",
    "<script>": "",
    "</script>": "",
    '<img src="x" onerror="alert(1)">': '<img src="x">',
    '<a href="javascript:alert(1)">': "<a>",
    '<a href="JAVA&#x09;SCRIPT:alert(1)">': "<a>",
    '<a href="term:co-production">': "<a>",
    '<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">': "<img>",
    '<iframe src="https://example.org"></iframe>after': "after",
    '<object data="x.swf"></object><embed src="x.swf">': "",
    '<form action="https://example.org"><input name="q"></form>': "",
    "<style>body { display: none }</style>": "",
    '<span style="position: fixed" onclick="x">': "<span>",
    '<iframe srcdoc="<script>alert(1)</script>">': "",
    '<div onmouseover="alert(1)">\n<p>text</p>\n</div>': "<div>\n<p>text</p>\n</div>",
}


@pytest.mark.parametrize("html", KEPT)
def test_kept_as_written(html):
    assert clean_fragment(html) == html


@pytest.mark.parametrize("html,cleaned", REMOVED.items())
def test_removed(html, cleaned):
    assert clean_fragment(html) == cleaned


def test_placeholders_of_stashed_code_survive_cleaning():
    """SuperFences' code inside a raw block is a placeholder in the block: it must stay intact."""
    block = "<div>\n\x02wzxhzdk:3\x03\n</div>"
    assert clean_fragment(block) == block


def test_elements_from_md_in_html():
    root = etree.fromstring(
        '<div class="no-term-links" markdown="block" onclick="x">text'
        '<script>alert(1)</script>tail<a href="javascript:x" title="t">a</a>'
        '<button onclick="y">b</button>end</div>'
    )
    assert clean_element(root, lambda tag: tag in ("div", "p"))
    assert etree.tostring(root, encoding="unicode") == (
        '<div class="no-term-links" markdown="block">texttail<a title="t">a</a><span>b</span>end</div>'
    )
    assert not clean_element(etree.fromstring("<iframe markdown='block'>x</iframe>"), lambda tag: True)


def test_html_shown_in_a_fence_inside_a_block_quote_is_code():
    body = "> Example:\n>\n> ```html\n> <script>alert(1)</script>\n> ```\n\nAfter <script>x</script>\n"
    assert [(p.line, p.field) for p in body_problems("x.md", body, 1)] == [(7, "html")]


def test_blank_code_keeps_lines_and_columns():
    body = "a `<b>` c\n```\n<script>\n```\n~~~~\n```\n<x>\n~~~~\nafter <i>"
    blanked = blank_code(body)
    assert blanked.split("\n") == ["a       c", "", "", "", "", "", "", "", "after <i>"]


# -- reported, with the file line ---------------------------------------------------------------
BODY = """Intro with [a link](javascript:alert(1)) and ![an image]( DATA:image/png;base64,xx "t").
Code is left alone: `<script>` and `[x](javascript:y)`.

```html
<script>alert("fenced")</script>
```

<div class="no-term-links" markdown>
Kept <span class="no-term-links">here</span>, <abbr title="x">X</abbr>.
</div>

<script>alert(1)</script>
<img src="x.png" onerror="alert(1)" style="border: 0">
<a href="&#106;avascript:alert(1)">x</a> <iframe src="https://example.org"></iframe>

[ref]: vbscript:msgbox(1)
<javascript:alert(1)> <https://example.org> <someone@example.org>
[fine](term:co-production) [also](//example.org) [too](#x) [mail](mailto:a@example.org)

A paragraph
{: onclick="alert(1)" }
"""


def test_every_removal_is_reported_with_its_line():
    assert [str(p) for p in body_problems("handbooks/x/y.md", BODY, 10)] == [
        "handbooks/x/y.md:10: link: 'javascript:alert(1)' uses the scheme 'javascript' (expected an http, https or "
        "mailto address, a path within the site, or a reference such as term:id)",
        "handbooks/x/y.md:10: link: 'DATA:image/png;base64,xx' uses the scheme 'data' (expected an http, https or "
        "mailto address, a path within the site, or a reference such as term:id)",
        "handbooks/x/y.md:25: link: 'vbscript:msgbox(1)' uses the scheme 'vbscript' (expected an http, https or "
        "mailto address, a path within the site, or a reference such as term:id)",
        "handbooks/x/y.md:26: link: 'javascript:alert(1)' uses the scheme 'javascript' (expected an http, https or "
        "mailto address, a path within the site, or a reference such as term:id)",
        "handbooks/x/y.md:30: attributes: {: onclick=...} is not allowed in content (expected no event handlers: "
        "content cannot run scripts)",
        "handbooks/x/y.md:21: html: <script> is not allowed in content (expected Markdown, or one of the HTML elements "
        "handbooks use (tables, figures, details, abbr, span and div with classes, sup, sub, br...))",
        "handbooks/x/y.md:22: html: <img onerror> is not allowed in content (expected no event handlers: content "
        "cannot run scripts)",
        "handbooks/x/y.md:22: html: <img style> is not allowed in content (expected a class instead of inline style)",
        "handbooks/x/y.md:23: html: <a href='javascript:alert(1)'> uses the scheme 'javascript' (expected an http, "
        "https or mailto address or a path within the site)",
        "handbooks/x/y.md:23: html: <iframe> is not allowed in content (expected Markdown, or one of the HTML "
        "elements handbooks use (tables, figures, details, abbr, span and div with classes, sup, sub, br...))",
    ]


def test_plain_bodies_cost_nothing():
    assert body_problems("x.md", "Just prose, with a [reference](term:co-production).\n", 1) == []
    assert body_problems("x.md", "No markup at all.\n" * 100, 1) == []


@pytest.mark.parametrize(
    "body", ["<a " * 20_000, '<a "<a " ' * 20_000, "<!--" * 20_000, "](" + " (x" * 20_000, "[x](javascript:y) " * 5_000]
)
def test_the_check_takes_linear_time(body):
    """html.parser over a whole body is quadratic in unclosed tags: 30 KB of "<a " took 7 s."""
    import time

    started = time.process_time()
    body_problems("x.md", body, 1)
    assert time.process_time() - started < 1.0


def test_many_tags_never_closed_are_a_problem():
    """Python-Markdown's html.parser would scan from each to the end of the body (117 KB took 89 s)."""
    body = "Intro.\n\n" + ("x <a b='>' " * 40 + "\n\n") * 2
    assert [str(p) for p in body_problems("handbooks/x/y.md", body, 7)] == [
        "handbooks/x/y.md:9: html: 80 tags are opened with '<' and never closed with '>', from this line on "
        "(expected at most 64; write &lt; for a '<' in text)"
    ]
    assert body_problems("x.md", "x <a " * 64, 1) == []
    assert body_problems("x.md", "`<a` " * 100 + "<!-- <a " * 100 + "-->", 1) == []  # code and comments


def test_the_loader_reports_them(tmp_path: Path):
    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    chapter = tmp_path / "handbooks/starter/first-steps.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text + "\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n", encoding="utf-8")
    lines = len(text.splitlines())
    assert [str(p) for p in load_corpus(tmp_path).problems] == [
        f"handbooks/starter/first-steps.md:{lines + 2}: html: <script> is not allowed in content (expected Markdown, "
        "or one of the HTML elements handbooks use (tables, figures, details, abbr, span and div with classes, sup, "
        "sub, br...))",
        f"handbooks/starter/first-steps.md:{lines + 4}: link: 'javascript:alert(1)' uses the scheme 'javascript' "
        "(expected an http, https or mailto address, a path within the site, or a reference such as term:id)",
    ]


# -- `handbook review` shows raw HTML a change adds ------------------------------------------------
def test_review_lists_raw_html_added_by_a_change(tmp_path: Path):
    import datetime as dt

    from handbook.cli.review import Side, compare, render

    base, head = tmp_path / "base", tmp_path / "head"
    for root in (base, head):
        shutil.copytree(SAMPLE, root, dirs_exist_ok=True)
    chapter = "handbooks/starter/first-steps.md"
    (base / chapter).write_text(
        (base / chapter).read_text(encoding="utf-8") + '\n<abbr title="x">X</abbr>\n', encoding="utf-8"
    )
    text = (base / chapter).read_text(encoding="utf-8")
    (head / chapter).write_text(
        text + '\n<iframe src="https://evil.example"></iframe> `<code>` and <b>bold</b>\n', encoding="utf-8"
    )
    line = len(text.splitlines()) + 2
    report = render(
        compare(
            Side("main", "a" * 40, load_corpus(base)), Side("pr", "b" * 40, load_corpus(head)), dt.date(2026, 1, 20)
        )
    )
    section = report.split("### Raw HTML added\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section[1:] == [
        f'- `{chapter}:{line}`: `<iframe src="https://evil.example">`',
        f"- `{chapter}:{line}`: `<b>`",
    ]


# -- nothing removed silently ---------------------------------------------------------------------
_NAMES = st.sampled_from(
    [
        "a",
        "img",
        "span",
        "div",
        "script",
        "iframe",
        "table",
        "details",
        "abbr",
        "form",
        "button",
        "sup",
        "section",
        "b",
        "p",
    ]
)
_ATTRIBUTES = st.sampled_from(
    [
        "href",
        "src",
        "class",
        "id",
        "onclick",
        "OnLoad",
        "style",
        "title",
        "alt",
        "colspan",
        "open",
        "target",
        "rel",
        "data-x",
        "aria-label",
        "srcdoc",
        "markdown",
        "width",
    ]
)
_VALUES = st.sampled_from(
    [
        "https://example.org",
        "/x/",
        "#y",
        "javascript:alert(1)",
        "JaVa&#x09;Script:x",
        "data:x",
        "term:co-production",
        "no-term-links",
        "2",
        "",
    ]
)


@st.composite
def _tag(draw) -> str:
    attributes = "".join(f' {draw(_ATTRIBUTES)}="{draw(_VALUES)}"' for _ in range(draw(st.integers(0, 3))))
    return f"<{draw(_NAMES)}{attributes}>"


def _shape(html: str) -> Counter:
    # HTML keeps the first of two same-named attributes; the parser may move and add elements
    # (text out of a table, a tbody into it), which removes nothing.
    return Counter((tag.name, tuple(sorted({name for name, _ in tag.attributes}))) for tag in start_tags(html))


@settings(max_examples=300, deadline=None)
@given(st.lists(_tag(), min_size=1, max_size=4).map("text ".join))
def test_what_is_not_reported_is_not_removed(html):
    """The sanitiser removes only what the check reports: a clean report means the same tags out.

    (Table cells are left out: a <td> outside a table is dropped by every HTML parser,
    browsers included, so there is nothing for the sanitiser to take away.)"""
    if body_problems("x.md", html, 1):
        return
    cleaned = clean_fragment(html)
    assert not _shape(html) - _shape(cleaned), (html, cleaned)
