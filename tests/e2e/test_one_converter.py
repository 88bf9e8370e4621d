"""One Python-Markdown converter for the whole build writes the same site as one per page."""

from __future__ import annotations

from tests.support import site_files

OUTPUTS = (".html", ".json", ".xml", ".csv", ".ris")


# What a converter must forget between pages: footnotes, link definitions, stashed HTML.
NOTES = """# Notes

A claim[^1] with a [defined link][site] and <span class="raw">raw HTML</span>.

[^1]: The first page's note.

[site]: https://example.org/first
"""
MORE_NOTES = """# More notes

Another claim[^1] and a [link that is only defined on the other page][site].

[^1]: The second page's note.
"""


def test_the_site_is_the_same_with_one_converter_or_one_per_page(tmp_path, make_project, build):
    root = make_project(tmp_path / "project")
    (root / "docs" / "about" / "notes.md").write_text(NOTES, encoding="utf-8")
    (root / "docs" / "about" / "more-notes.md").write_text(MORE_NOTES, encoding="utf-8")
    shared = build(root, "--strict")
    assert shared.returncode == 0, shared.log
    with_one = site_files(shared.site, OUTPUTS)

    per_page = build(root, "--strict", env={"HANDBOOK_SHARED_CONVERTER": "0"})  # MkDocs empties the site first
    assert per_page.returncode == 0, per_page.log
    with_many = site_files(per_page.site, OUTPUTS)

    assert with_one.keys() == with_many.keys() and len(with_one) > 50
    assert b"example.org/first" not in with_one["about/more-notes/index.html"]
    assert [name for name in with_one if with_one[name] != with_many[name]] == []
