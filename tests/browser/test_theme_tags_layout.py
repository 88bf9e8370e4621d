"""Theme tags read as a row of labels, not as a bulleted list (Material's list rules are more
specific than a bare class, which once drew them as a column with bullets)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

STORY = "stories/swansea-spirit-of-lockdown/"


def test_theme_tags_sit_in_a_row_without_bullets(real_site, page):
    page.goto(real_site.url(STORY))
    tags = page.locator("article ul.hb-tags li")
    assert tags.count() >= 2
    first, second = tags.nth(0).bounding_box(), tags.nth(1).bounding_box()
    assert first is not None and second is not None
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"] + first["width"], (first, second)
    assert tags.nth(0).evaluate("li => getComputedStyle(li).listStyleType") == "none"
