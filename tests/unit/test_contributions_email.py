"""The maintainers' address for the contribution forms: an option like the others, checked as an email address."""

from __future__ import annotations

import pytest

from handbook.settings import BY_NAME, SettingsError, read_settings


def test_unset_by_default_and_read_from_mkdocs_yml_or_the_environment():
    assert read_settings({}, environ={}).contributions_email is None
    assert read_settings({"contributions_email": "handbooks@example.org"}, environ={}).contributions_email == (
        "handbooks@example.org"
    )
    environ = {"HANDBOOK_CONTRIBUTIONS_EMAIL": "other@example.org"}
    assert read_settings({"contributions_email": "handbooks@example.org"}, environ=environ).contributions_email == (
        "other@example.org"
    )
    assert BY_NAME["contributions_email"].optional


@pytest.mark.parametrize(
    "bad",
    ["handbooks", "a@b", "a b@example.org", "a@example.org?cc=x@evil.org", "a%40b@example.org", "a&b@example.org", ""],
)
def test_what_is_not_an_address_a_mailto_link_can_carry_is_refused(bad):
    with pytest.raises(SettingsError) as refused:
        read_settings({"contributions_email": bad}, environ={})
    assert "extra.handbook.contributions_email" in str(refused.value)
    assert "expected an email address" in str(refused.value)
    with pytest.raises(SettingsError):
        read_settings({}, environ={"HANDBOOK_CONTRIBUTIONS_EMAIL": bad or " x"})
