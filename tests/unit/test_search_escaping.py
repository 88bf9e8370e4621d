"""Titles and tags that are plain text are escaped in the written search index, speed-ups or not."""

from __future__ import annotations

import json
from types import SimpleNamespace

from handbook.mkdocs.search_escaping import INDEX, SearchEscaping

HOSTILE = "<img src=x onerror=alert(1)> & co"


def _page(url: str, title: str, tags=None) -> SimpleNamespace:
    meta = {"title": title} if title else {}
    if tags is not None:
        meta["tags"] = tags
    return SimpleNamespace(url=url, meta=meta, title=title or "From the heading")


def _written(tmp_path, entries) -> None:
    path = tmp_path / INDEX
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": entries}, separators=(",", ":")), encoding="utf-8")


def test_a_page_title_standing_in_for_a_heading_and_tags_are_escaped(tmp_path):
    _written(
        tmp_path,
        [
            {"location": "a/", "title": HOSTILE, "text": "<p>x</p>", "tags": ["<b>t</b>", "plain"]},
            {"location": "a/#h", "title": "A &amp; <code>heading</code>", "text": "", "tags": ["<b>t</b>", "plain"]},
            {"location": "b/", "title": "Safe", "text": ""},
        ],
    )
    escaping = SearchEscaping()
    for page in (_page("a/", HOSTILE, ["<b>t</b>", "plain"]), _page("b/", "Safe")):
        escaping.note(page)
    escaping.apply(tmp_path)
    docs = json.loads((tmp_path / INDEX).read_text(encoding="utf-8"))["docs"]
    assert docs[0]["title"] == "&lt;img src=x onerror=alert(1)&gt; &amp; co"
    assert docs[1]["title"] == "A &amp; <code>heading</code>"  # HTML already, from the page: left alone
    assert docs[0]["tags"] == docs[1]["tags"] == ["&lt;b&gt;t&lt;/b&gt;", "plain"]
    assert docs[2]["title"] == "Safe"


def test_an_index_with_nothing_to_escape_is_not_rewritten(tmp_path):
    _written(tmp_path, [{"location": "b/", "title": "Safe", "text": ""}])
    before = (tmp_path / INDEX).stat().st_mtime_ns
    escaping = SearchEscaping()
    escaping.note(_page("b/", "Safe", ["plain"]))
    escaping.apply(tmp_path)
    assert (tmp_path / INDEX).stat().st_mtime_ns == before and not escaping.titles


def test_the_rewritten_index_is_written_as_material_writes_it(tmp_path):
    entries = [{"location": "a/", "title": HOSTILE, "text": "ŵ \u2019", "boost": 2}]
    _written(tmp_path, entries)
    escaping = SearchEscaping()
    escaping.note(_page("a/", HOSTILE))
    escaping.apply(tmp_path)
    entries[0]["title"] = "&lt;img src=x onerror=alert(1)&gt; &amp; co"
    assert (tmp_path / INDEX).read_text(encoding="utf-8") == json.dumps(
        {"config": {"lang": ["en"]}, "docs": entries}, separators=(",", ":"), default=str
    )
