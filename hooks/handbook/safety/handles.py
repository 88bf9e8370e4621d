"""GitHub handles: the only form an editor may take, and a form content may not take in a PR comment.

A handbook's editors are written into ``.github/CODEOWNERS``, which GitHub reads line by
line and word by word: an "editor" holding a space, a newline or an email adds owners,
or whole rules, that nobody reviewed. So an editor is exactly ``@name`` (a user or an
organisation: letters, digits and single hyphens, not first or last, at most 39
characters) or ``@org/team`` (a team slug: lower-case letters, digits, hyphens and
underscores; GitHub refuses dots there), and nothing else.

The other way round, text from content that reaches a pull-request comment must not
ping anyone: a stranger's pull request could otherwise notify ``@org/team`` from a
title. :func:`neutralise_mentions` puts a zero-width space after each ``@`` that starts
a handle, which GitHub does not read as a mention (Dependabot escapes mentions in its
pull requests the same way) and which a reader does not see.
"""

from __future__ import annotations

import re

# One character per repetition, so the 39-character limit is the repetition count.
_USER = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
_TEAM = r"[a-z0-9][a-z0-9_-]*"
_HANDLE = re.compile(rf"@{_USER}(?:/{_TEAM})?")
EXPECTED = "@name or @org/team"

MENTION_BREAK = "\u200b"  # zero-width space
_MENTION_START = re.compile(r"@(?=[A-Za-z0-9])")


def is_handle(value: str) -> bool:
    """True for ``@name`` and ``@org/team`` exactly (fullmatch: no trailing newline either)."""
    return _HANDLE.fullmatch(value) is not None


def shown(value: str) -> str:
    """A value quoted on one line for a problem message, invisible characters made visible."""
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in value) + "'"


def not_a_handle(value: str) -> str:
    """The problem message for an editor that is not a handle."""
    return f"{shown(value)} is not a GitHub handle"


def neutralise_mentions(text: str) -> str:
    """``text`` with every ``@handle`` broken so that GitHub notifies nobody."""
    return _MENTION_START.sub("@" + MENTION_BREAK, text)
