"""The site in more than one language: interface strings from message catalogues, and
translations of content that say when they fall behind their English source.

English is the source language: every interface string is written in English in the
templates and the code (``_("...")`` in templates, ``N_`` to mark a string kept as data,
``messages.gettext("...")`` in Python that writes sentences), and each other language has
its catalogue under ``messages/<language>/`` (``catalogue.py`` reads it,
``extract.py`` lists the strings it should translate; ``handbook messages`` reports).
"""

from __future__ import annotations

SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools know for "mark, do not translate here"
    """Marks an English interface string kept as data (a kind's label, a page title) for
    the catalogue's extraction; it is translated where it is shown."""
    return message
