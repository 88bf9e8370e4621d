"""With every speed-up off (HANDBOOK_SPEEDUPS=0) the site has the same pages with the same content.

The sample project, with pages that exercise what the speed-ups stand in for: footnotes
and link definitions a shared converter must forget between pages, raw HTML, tables,
admonitions and details (the block prefilter), emphasis, code, escapes and line breaks
(the inline prefilter), and a title and tags that the search index must hold as text.
"""

from __future__ import annotations

import json
import re

from tests.support import site_files

OUTPUTS = (".html", ".json", ".xml", ".csv", ".ris")
SEARCH_INDEX = "search/search_index.json"

PAGES = {
    "notes.md": """# Notes

A claim[^1] with a [defined link][site], <span class="raw">raw HTML</span>, *emphasis*, __strong__,
`code`, an escaped \\*star\\*, an entity &amp; a line break  
here, and <https://example.org/auto>.

| Column | Other |
|--------|-------|
| a      | b     |

!!! note "Careful"
    An admonition with **bold** text.

??? info "Details"
    Hidden until opened.

> A quote with # no heading.

[^1]: The first page's note.

[site]: https://example.org/first
""",  # noqa: W291 - two spaces end a line: a Markdown line break
    "more-notes.md": """# More notes

Another claim[^1] and a [link that is only defined on the other page][site].

## A second heading

Plain prose.

[^1]: The second page's note.
""",
    "tagged.md": """---
title: "Care & <b>kin</b> XSS"
tags:
  - "<i>kin</i>"
  - plain
---

Text before any heading, so the index takes the page title for it.

## Later

More.
""",
}


def _normalised(content: bytes) -> bytes:
    return re.sub(rb"\s+", b" ", content).strip()


def _entries(index: bytes) -> list[dict]:
    return json.loads(index)["docs"]


def test_the_same_site_with_speedups_on_and_off(tmp_path, make_project, build):
    root = make_project(tmp_path / "project")
    for name, text in PAGES.items():
        (root / "docs" / "about" / name).write_text(text, encoding="utf-8")
    on = build(root, "--strict")
    assert on.returncode == 0, on.log
    with_speedups = site_files(on.site, OUTPUTS)
    off = build(root, "--strict", env={"HANDBOOK_SPEEDUPS": "0"})  # MkDocs empties the site first
    assert off.returncode == 0, off.log
    without = site_files(off.site, OUTPUTS)

    assert with_speedups.keys() == without.keys() and len(with_speedups) > 50
    assert [name for name in with_speedups if _normalised(with_speedups[name]) != _normalised(without[name])] == []
    assert b"example.org/first" not in with_speedups["about/more-notes/index.html"]
    faster, stock = _entries(with_speedups[SEARCH_INDEX]), _entries(without[SEARCH_INDEX])
    assert len(stock) > 20 and not any("#hb-references" in entry["location"] for entry in stock)

    # Escaped either way: the page title standing in for a heading, and the tags.
    for entries in (faster, stock):
        tagged = [entry for entry in entries if entry["location"] == "about/tagged/"]
        assert [entry["title"] for entry in tagged] == ["Care &amp; &lt;b&gt;kin&lt;/b&gt; XSS"]
        assert tagged[0]["tags"] == ["&lt;i&gt;kin&lt;/i&gt;", "plain"]
