"""In the browser: a page being previewed turns into the list of content problems when a
file breaks, and back into the page when it is fixed, with no reload by hand.

MkDocs' own live-reload script takes the page to the problems; the problems page's own
script (MkDocs adds none to the page it answers for a missing address) brings it back.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.preview_server import wait_for

pytestmark = pytest.mark.browser


def test_the_preview_follows_the_problems_and_their_fix(tmp_path, page, make_project, preview):
    root = make_project(tmp_path / "project")
    term = root / "glossary/co-production.md"
    text = term.read_text(encoding="utf-8")
    with preview(root, tmp_path / "serve.log") as site:
        assert wait_for(lambda: site.fetch("glossary/co-production/")[0] == 200), site.log()
        page.goto(f"{site.base}/glossary/co-production/")
        expect(page.locator("h1")).to_have_text("Co-production")

        term.write_text(text.replace("stance: critiques", "stance: critque"), encoding="utf-8")
        expect(page.locator("h1")).to_contain_text("1 content problem", timeout=60_000)
        expect(page.locator("li code")).to_contain_text(
            "glossary/co-production.md:13: perspectives[1].stance: 'critque' is not in the perspective_stances vocabulary"
        )

        term.write_text(text, encoding="utf-8")
        expect(page.locator("h1")).to_have_text("Co-production", timeout=60_000)
        assert page.url == f"{site.base}/glossary/co-production/"
