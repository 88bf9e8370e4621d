"""The site in more than one language: interface strings from message catalogues, and
translations of content that say when they fall behind their English source.

English is the source language: every interface string is written in English in the
templates and the code (``_("...")`` in templates, ``N_`` to mark a string kept as data),
and each other language has its catalogue under ``messages/<language>/``.
"""

from __future__ import annotations

SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Marks an English interface string kept as data (a kind's label, a page title) for
    the catalogue's extraction; it is translated where it is shown."""
    return message
