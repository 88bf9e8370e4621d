"""GitHub handles (issue 16): what an editor may be, and mentions broken in text for a PR comment."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from handbook.safety.handles import is_handle, neutralise_mentions, shown

USER_CHARS = "abcXYZ019-"


@given(st.text())
@example("@someone\n/.github/ @evil")
@example("@jane\n")
def test_a_handle_is_one_word_with_nothing_codeowners_would_split_on(text):
    if is_handle(text):
        assert text.startswith("@") and not re.search(r"[\s#]", text) and text.count("/") <= 1
        assert len(text.split("/")[0]) <= 40  # '@' and at most 39 characters


@given(st.text(alphabet=USER_CHARS, min_size=1, max_size=39))
def test_user_names_follow_githubs_rule(name):
    expected = not name.startswith("-") and not name.endswith("-") and "--" not in name
    assert is_handle(f"@{name}") is expected


@pytest.mark.parametrize("team", ["editors", "measurement-editors", "team_2", "0x"])
def test_team_slugs(team):
    assert is_handle(f"@relationships-collective/{team}")


@given(st.text())
@example("ping @relationships-project/maintainers, @octocat and @@x")
def test_after_neutralising_nobody_is_mentioned(text):
    out = neutralise_mentions(text)
    assert re.search(r"@[A-Za-z0-9]", out) is None
    assert out.replace("\u200b", "") == text.replace("\u200b", "")  # only zero-width spaces were added


def test_shown_makes_invisible_characters_visible():
    assert shown("@a\n\t\u200bb'") == "'@a\\n\\t\\u200bb''"
