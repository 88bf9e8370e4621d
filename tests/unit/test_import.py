"""`handbook import`: each mapping from ordinary Markdown to a handbook, and the source read as hostile."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from handbook.cli.main import main
from handbook.content.corpus import load_corpus
from handbook.importing.run import ImportOptions, ImportRefused, import_handbook
from handbook.safety.content_files import MAX_FILE_BYTES

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def write_tree(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def run(tmp_path: Path, files: dict[str, str | bytes], handbook_id: str = "imported", **options):
    source = write_tree(tmp_path / "source", files)
    root = tmp_path / "repo"
    root.mkdir(exist_ok=True)
    result = import_handbook(root, ImportOptions(source, handbook_id, options.pop("editors", ["@editor"]), **options))
    return root / "handbooks" / handbook_id, result


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def notes(result) -> list[str]:
    return [str(note) for note in result.report.notes]


# -- ids ---------------------------------------------------------------------------------------
def test_file_names_become_ids_and_collisions_take_their_folder(tmp_path):
    folder, _ = run(
        tmp_path,
        {
            "01-Getting Started.md": "# Start\n\nText.\n",
            "guides/setup.md": "# Setup\n\nText.\n",
            "reference/setup.md": "# Setup again\n\nText.\n",
            "index.md": "# Home\n",
        },
    )
    assert front(folder / "index.md")["chapters"] == ["getting-started", "setup", "reference-setup"]


def test_non_ascii_file_names_are_transliterated_by_the_id_rule(tmp_path):
    folder, _ = run(tmp_path, {"Guías de código.md": "# Guías\n\nTexto.\n"})
    (chapter,) = front(folder / "index.md")["chapters"]
    from handbook.content.fields import SLUG, slugify

    assert chapter == slugify("Guías de código") and SLUG.match(chapter)


def test_reserved_names_do_not_clash_with_the_handbook_files(tmp_path):
    folder, _ = run(
        tmp_path, {"README.md": "# Home\n", "images.md": "# Pictures\n\nText.\n", "docs/index.md": "# Docs\n\nText.\n"}
    )
    assert front(folder / "index.md")["chapters"] == ["docs", "images-page"]


# -- titles and fields ---------------------------------------------------------------------------
def test_title_from_first_heading_is_removed_from_the_body(tmp_path):
    folder, result = run(tmp_path, {"a.md": "Intro line? no.\n\n# The Title {#custom}\n\nBody text.\n"})
    assert front(folder / "a.md")["title"] == "The Title"
    assert "# The Title" not in body(folder / "a.md") and "Body text." in body(folder / "a.md")
    assert "a.md:3: title: 'The Title' taken from the first heading (the heading removed from the text)" in notes(
        result
    )


def test_heading_repeating_the_front_matter_title_is_removed_other_headings_kept(tmp_path):
    folder, _ = run(
        tmp_path,
        {
            "same.md": "---\ntitle: Same\n---\n\n# Same\n\nText.\n",
            "other.md": "---\ntitle: Front\n---\n\n# Different\n\nText.\n",
        },
    )
    assert "# Same" not in body(folder / "same.md")
    assert front(folder / "other.md")["title"] == "Front" and "# Different" in body(folder / "other.md")


def test_no_title_anywhere_uses_the_file_name(tmp_path):
    folder, result = run(tmp_path, {"kitchen-table_talks.md": "Just text.\n"})
    assert front(folder / "kitchen-table-talks.md")["title"] == "Kitchen table talks"
    assert any("from the file name" in note for note in notes(result))


def test_description_becomes_summary_order_fields_order_unknown_fields_dropped(tmp_path):
    folder, result = run(
        tmp_path,
        {
            "b.md": "---\ntitle: B\ndescription: About B.\nweight: 1\nlayout: page\npermalink: /b/\n---\nText.\n",
            "a.md": "---\ntitle: A\nsidebar_position: 3\n---\nText.\n",
            "c.md": "---\ntitle: C\nnav_order: 2\n---\nText.\n",
            "d.md": "---\ntitle: D\norder: 4\n---\nText.\n",
        },
    )
    assert front(folder / "index.md")["chapters"] == ["b", "c", "a", "d"]
    assert front(folder / "b.md") == {"title": "B", "summary": "About B."}
    assert "b.md:1: fields: dropped layout, permalink" in notes(result)


def test_hugo_toml_front_matter(tmp_path):
    folder, _ = run(
        tmp_path,
        {
            "x.md": '+++\ntitle = "Toml title"\nweight = 2\n+++\n\nText.\n',
            "y.md": '+++\ntitle = "First"\nweight = 1\n+++\n\nText.\n',
        },
    )
    assert front(folder / "index.md")["chapters"] == ["y", "x"]
    assert front(folder / "x.md")["title"] == "Toml title"


def test_hostile_front_matter_is_dropped_and_reported(tmp_path):
    bomb = "---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: *b\n---\n# Safe\n\nText.\n"
    folder, result = run(tmp_path, {"bomb.md": bomb})
    assert front(folder / "bomb.md")["title"] == "Safe"
    assert any(note.startswith("bomb.md:") and "all its fields dropped" in note for note in notes(result))


# -- order -----------------------------------------------------------------------------------------
def test_gitbook_summary_gives_the_order_and_is_not_a_chapter(tmp_path):
    folder, result = run(
        tmp_path,
        {
            "README.md": "# Book\n\nThe book.\n",
            "SUMMARY.md": "# Summary\n\n* [Intro](README.md)\n* [Zeta](z/README.md)\n  * [Alpha](a.md)\n",
            "a.md": "# Alpha\n\nText.\n",
            "z/README.md": "# Zeta\n\nText.\n",
            "extra.md": "# Extra\n\nText.\n",
        },
    )
    assert front(folder / "index.md")["chapters"] == ["z", "a", "extra"]
    assert "extra.md: order: not in the table of contents: placed after the pages it lists" in notes(result)
    assert not (folder / "summary.md").exists()


def test_mkdocs_nav_gives_the_order_from_the_docs_folder(tmp_path):
    folder, _ = run(
        tmp_path,
        {
            "mkdocs.yml": "site_name: X\nnav:\n  - Home: index.md\n  - Guide: guide/\n  - b.md\n  - a.md\n"
            "markdown_extensions:\n  - toc:\n      slugify: !!python/name:markdown.extensions.toc.slugify\n",
            "docs/index.md": "# Home\n",
            "docs/a.md": "# A\n\nText.\n",
            "docs/b.md": "# B\n\nText.\n",
            "docs/guide/two.md": "# Two\n\nText.\n",
            "docs/guide/one.md": "# One\n\nText.\n",
        },
    )
    assert front(folder / "index.md")["chapters"] == ["one", "two", "b", "a"]


def test_folders_in_order_of_their_category_and_names_compared_as_numbers(tmp_path):
    folder, _ = run(
        tmp_path,
        {
            "later/_category_.json": '{"position": 2}',
            "later/x.md": "# X\n\nText.\n",
            "first/_category_.json": '{"position": 1}',
            "first/10-ten.md": "# Ten\n\nText.\n",
            "first/2-two.md": "# Two\n\nText.\n",
        },
    )
    assert front(folder / "index.md")["chapters"] == ["two", "ten", "x"]


# -- the handbook's own page ---------------------------------------------------------------------
def test_index_takes_readme_title_summary_and_editors(tmp_path):
    folder, _ = run(
        tmp_path,
        {"README.md": "# My Guide\n\nA guide to things. It helps. More text.\n", "a.md": "# A\n\nText.\n"},
        editors=["@someone", "@org/team"],
    )
    index = front(folder / "index.md")
    assert index == {
        "title": "My Guide",
        "summary": "A guide to things. It helps.",
        "editors": ["@someone", "@org/team"],
        "status": "published",
        "chapters": ["a"],
    }


def test_title_summary_and_draft_options(tmp_path):
    folder, _ = run(tmp_path, {"a.md": "# A\n\nText.\n"}, title="Given", summary="Given summary.", draft=True)
    assert front(folder / "index.md") | {} == {
        "title": "Given",
        "summary": "Given summary.",
        "editors": ["@editor"],
        "status": "draft",
        "chapters": ["a"],
    }


# -- links and images ----------------------------------------------------------------------------
def test_links_between_pages_become_references(tmp_path):
    folder, result = run(
        tmp_path,
        {
            "README.md": "# Home\n\n## Welcome\n",
            "docs/a.md": "# A\n\n## Deep part\n\nSee [b](../b.html), [b again](/b/), [part](a.md#deep-part), [home](../README.md),\n"
            "[gone](missing.md), [out](../../../etc/passwd), [bad](javascript:alert(1)), [web](https://example.org).\n"
            "[wrapped\ntext](../b.md) and [`code`](../b.md)\n"
            "[nowhere](#nowhere), [b part](../b.md#missing), [b real](../b.md#real-part), [top](../README.md#welcome)\n"
            "\n[defined]: ../b.md#gone\n[kept]: ../b.md#real-part\n",
            "b.md": "# B\n\n## Real part\n\nText.\n",
        },
        handbook_id="hb",
    )
    text = body(folder / "a.md")
    assert "[b](chapter:hb/b)" in text and "[b again](chapter:hb/b)" in text
    assert "[part](a.md#deep-part)" in text and "[home](handbook:hb)" in text
    assert "[wrapped\ntext](chapter:hb/b)" in text and "[`code`](chapter:hb/b)" in text
    assert "\ngone, out, bad, [web](https://example.org)." in text
    assert "\nnowhere, [b part](chapter:hb/b), [b real](b.md#real-part), [top](index.md#welcome)\n" in text
    assert "[defined]: chapter:hb/b\n[kept]: b.md#real-part" in text
    assert "docs/a.md:11: link: 'b.md#gone': no heading on that page has the id 'gone': linked to the page" in notes(
        result
    )
    assert "docs/a.md:9: link: '#nowhere': no heading on this page has that id: the link's text kept" in notes(result)
    assert "docs/a.md:9: link: '#missing': no heading on the page it links has that id: linked to the page" in notes(
        result
    )
    assert "docs/a.md:6: link: 'missing.md' names no file in the source folder: the link's text kept" in notes(result)
    assert "docs/a.md:6: link: '../../../etc/passwd' points outside the source folder: the link's text kept" in notes(
        result
    )
    assert any(note.startswith("docs/a.md:6: link: 'javascript:alert(1)'") for note in notes(result))


def test_local_images_are_copied_remote_ones_become_links(tmp_path):
    folder, result = run(
        tmp_path,
        {
            "a.md": '# A\n\n![A map](<img/Map One.png>) ![](<img/Map One.png> "t")\n\n![Remote](https://example.org/x.png)\n\n'
            '![Vector](img/v.svg) <img src="img/Map One.png" alt="Html">\n',
            "img/Map One.png": PNG,
            "img/v.svg": "<svg/>",
            "sheet.pdf": b"%PDF-1.4",
            "notes.docx": b"x",
            "b.md": "# B\n\nThe [worksheet](sheet.pdf) and [notes](notes.docx).\n",
        },
    )
    text = body(folder / "a.md")
    assert (folder / "images" / "map-one.png").read_bytes() == PNG
    assert not (folder / "images" / "v.svg").exists()
    assert '![A map](images/map-one.png) ![map one](images/map-one.png "t")' in text
    assert "[Remote](https://example.org/x.png)" in text and "Vector" in text and "![Html](images/map-one.png)" in text
    assert "The [worksheet](images/sheet.pdf) and notes." in body(folder / "b.md")
    assert (folder / "images" / "sheet.pdf").read_bytes() == b"%PDF-1.4"
    assert "b.md:3: link: 'notes.docx' names a file that was not imported (notes.docx): the link's text kept" in notes(
        result
    )
    assert (
        "a.md:3: image: 'img/Map One.png' has no alt text: 'map one' (its file name) stands in; describe the picture"
        in notes(result)
    )
    assert any(
        note.startswith("a.md:5: image: remote image 'https://example.org/x.png' became a link")
        for note in notes(result)
    )


# -- template syntax, callouts and HTML --------------------------------------------------------------
def test_shortcodes_are_reported_with_their_lines_and_kept_as_code(tmp_path):
    folder, result = run(
        tmp_path,
        {
            "a.md": '# A\n\n{% include note.html %}\n\n{{< figure src="x" >}}\n\n{% include note.html %}\n\n'
            "[home]({{ site.baseurl }}/b.html) `{{ in code }}`\n\n```\n{% in a fence %}\n```\n",
            "b.md": "# B\n\nText.\n",
        },
        handbook_id="hb",
    )
    text = body(folder / "a.md")
    assert "`{% include note.html %}`" in text and '`{{< figure src="x" >}}`' in text
    assert "[home](chapter:hb/b)" in text and "`{{ in code }}`" in text and "\n{% in a fence %}\n" in text
    assert (
        "a.md:3: shortcode: '{% include note.html %}' is template syntax the site cannot run (also on lines 7): "
        "kept as code, rewrite or remove it"
    ) in notes(result)
    assert any(note.startswith("a.md:5: shortcode: '{{< figure") for note in notes(result))


def test_gitbook_include_of_an_imported_page_becomes_a_link(tmp_path):
    folder, _ = run(
        tmp_path, {"a.md": '# A\n\n{% include "./part.md" %}\n', "part.md": "# Part\n\nText.\n"}, handbook_id="hb"
    )
    assert "[Part](chapter:hb/part)" in body(folder / "a.md")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (":::note Heads up\nText.\n:::\n", '!!! note "Heads up"\n    Text.\n'),
        (":::caution[Careful]\nText.\n:::\n", '!!! warning "Careful"\n    Text.\n'),
        (":::{tip}\nText.\n:::\n", "!!! tip\n    Text.\n"),
        ("```{note}\nText.\n```\n", "!!! note\n    Text.\n"),
        ('{% hint style="info" %}\nText.\n{% endhint %}\n', "!!! info\n    Text.\n"),
        ("{{< hint warning >}}\nText.\n{{< /hint >}}\n", "!!! warning\n    Text.\n"),
        ('{{% details "More" %}}\nText.\n{{% /details %}}\n', '??? note "More"\n    Text.\n'),
        ("> [!IMPORTANT]\n> Text.\n", "!!! info\n    Text.\n"),
        (":::note\nOuter.\n\n::::tip\nInner.\n::::\n:::\n", "!!! note\n    Outer.\n\n    !!! tip\n        Inner.\n"),
    ],
)
def test_callouts_map_to_admonitions(tmp_path, source, expected):
    folder, result = run(tmp_path, {"a.md": "# A\n\n" + source})
    assert expected in body(folder / "a.md")
    assert any(": callout: " in note and "became the admonition" in note for note in notes(result))


def test_callouts_without_an_admonition_or_in_code_are_left_as_written(tmp_path):
    folder, result = run(
        tmp_path, {"a.md": "# A\n\n:::details Hidden\nText.\n:::\n\n    :::tip Code\n\n::: package.module\n"}
    )
    text = body(folder / "a.md")
    assert ":::details Hidden\nText.\n:::" in text and "    :::tip Code" in text and "::: package.module" in text
    assert "a.md:3: callout: ':::details' has no matching admonition: left as written" in notes(result)


def test_raw_html_the_site_would_remove_is_removed_and_reported(tmp_path):
    folder, result = run(
        tmp_path,
        {
            "a.md": '# A\n\n<aside class="q" markdown="1">\nQuote.\n</aside>\n\n'
            '<div style="color:red" onclick="x()">Red</div>\n<script>\nalert(1)\n</script>\n'
            "<font>Old</font>\n\n```html\n<script>kept in code</script>\n```\n"
        },
    )
    text = body(folder / "a.md")
    assert '<div class="q" markdown="1">\nQuote.\n</div>' in text and "<div>Red</div>" in text
    assert "alert(1)" not in text and "Old" in text and "<font>" not in text and "<script>kept in code</script>" in text
    assert "a.md:8: html: <script> removed with its content (the site does not allow it)" in notes(result)
    assert "a.md:7: html: removed style, onclick from <div> (not allowed on the site)" in notes(result)


def test_mdx_statements_are_dropped(tmp_path):
    folder, result = run(
        tmp_path,
        {"a.mdx": "# A\n\nimport Tabs from '@theme/Tabs';\n\nexport const X = () => (\n  <b>x</b>\n);\n\nText.\n"},
    )
    text = body(folder / "a.md")
    assert "import" not in text and "export" not in text and "Text." in text
    assert any(note.startswith("a.mdx:5: mdx: 'export const X") for note in notes(result))


# -- the source is hostile; the repository is not written outside handbooks/<id> -----------------------
def test_symbolic_links_are_never_followed(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nPASSWORD\n")
    source = write_tree(tmp_path / "source", {"a.md": "# A\n\n![pic](linked.png) [s](secret.md)\n"})
    (source / "secret.md").symlink_to(secret)
    (source / "linked.png").symlink_to(tmp_path / "secret.md")
    (source / "folder").symlink_to(tmp_path)
    root = tmp_path / "repo"
    root.mkdir()
    result = import_handbook(root, ImportOptions(source, "hb", ["@editor"]))
    written = "".join(
        path.read_text(errors="replace") for path in (root / "handbooks" / "hb").rglob("*") if path.is_file()
    )
    assert "PASSWORD" not in written and not (root / "handbooks" / "hb" / "images").exists()
    assert {"secret.md: skipped: symbolic link, not followed", "folder: skipped: symbolic link, not followed"} <= set(
        notes(result)
    )


def test_hidden_and_tool_folders_are_not_read_and_say_so(tmp_path):
    folder, result = run(
        tmp_path, {".git/notes.md": "# Git\n", "node_modules/pkg/readme.md": "# Pkg\n", "a.md": "# A\n\nText.\n"}
    )
    assert front(folder / "index.md")["chapters"] == ["a"]
    assert {
        ".git: skipped: hidden: not read",
        "node_modules: skipped: a site generator's output or tooling folder: not read",
    } <= set(notes(result))


def test_oversized_and_undecodable_files_are_skipped(tmp_path):
    folder, result = run(
        tmp_path,
        {"big.md": "x" * (MAX_FILE_BYTES + 1), "latin.md": "caf\xe9".encode("latin-1"), "ok.md": "# OK\n\nText.\n"},
    )
    assert front(folder / "index.md")["chapters"] == ["ok"]
    assert any(note.startswith("big.md: skipped: not imported: is ") for note in notes(result))
    assert "latin.md: skipped: not imported: not UTF-8 text" in notes(result)


@pytest.mark.parametrize(
    ("handbook_id", "editors", "message"),
    [
        ("../outside", ["@editor"], "is not a valid id"),
        ("Has Spaces", ["@editor"], "is not a valid id"),
        ("fine", [], "at least one --editor is needed"),
        ("fine", ["someone@example.org"], "is not a GitHub handle"),
    ],
)
def test_bad_arguments_are_refused_before_anything_is_written(tmp_path, handbook_id, editors, message):
    with pytest.raises(ImportRefused, match=message):
        run(tmp_path, {"a.md": "# A\n"}, handbook_id=handbook_id, editors=editors)
    assert not (tmp_path / "repo" / "handbooks").exists() or not any((tmp_path / "repo" / "handbooks").iterdir())
    assert not (tmp_path / "outside").exists()


def test_an_existing_handbook_is_refused_and_left_alone(tmp_path):
    existing = tmp_path / "repo" / "handbooks" / "taken"
    existing.mkdir(parents=True)
    (existing / "index.md").write_text("mine")
    with pytest.raises(ImportRefused, match="already exists"):
        run(tmp_path, {"a.md": "# A\n"}, handbook_id="taken")
    assert (existing / "index.md").read_text() == "mine" and os.listdir(existing) == ["index.md"]


# -- the command, and the loader afterwards ---------------------------------------------------------------
def test_command_imports_into_a_project_that_loads_without_problems(tmp_path, capsys, make_project):
    root = make_project(tmp_path / "project", git=False)
    source = write_tree(
        tmp_path / "source",
        {
            "index.md": "---\nlayout: home\ntitle: Kitchen table guide\ndescription: Conversations at home.\n---\n\nWelcome, see [start](start.md).\n",
            "start.md": "---\nnav_order: 1\n---\n# Getting started\n\n:::tip Remember\nBe kind.\n:::\n\n{% include x.html %}\n",
        },
    )
    report_file = tmp_path / "report.md"
    code = main(
        [
            "--root",
            str(root),
            "import",
            str(source),
            "--handbook",
            "kitchen",
            "--editor",
            "@someone",
            "--report",
            str(report_file),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "start.md:10: shortcode:" in out and report_file.read_text() == out
    assert "handbooks/kitchen: 1 chapters, 0 images" in err and "0 problems left" in err
    assert [p for p in load_corpus(root).problems if p.path.startswith("handbooks/kitchen/")] == []
    assert main(["--root", str(root), "import", str(source), "--handbook", "kitchen", "--editor", "@someone"]) == 2
    assert "handbooks/kitchen already exists" in capsys.readouterr().err


def test_command_refuses_a_report_inside_handbooks(tmp_path, capsys, make_project):
    root = make_project(tmp_path / "project", git=False)
    source = write_tree(tmp_path / "source", {"a.md": "# A\n\nText.\n"})
    code = main(
        [
            "--root",
            str(root),
            "import",
            str(source),
            "--handbook",
            "new-one",
            "--editor",
            "@someone",
            "--report",
            str(root / "handbooks" / "report.md"),
        ]
    )
    assert code == 2 and "--report must name a file outside handbooks/" in capsys.readouterr().err
    assert not (root / "handbooks" / "new-one").exists()
