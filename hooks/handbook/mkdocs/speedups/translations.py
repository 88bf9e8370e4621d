"""Material's interface translations, each looked up once per build.

Material's templates call ``lang.t(key)`` a dozen times per page ("Skip to content",
"Search", "Back to top"...), and each call runs a Jinja macro that asks the page
language's module and then the English one. A key gives the same text on every page of a
build, so each is looked up once and kept. The hooks make a new one for every build.
"""

from __future__ import annotations

from typing import Any


class Translations:
    """Stands in for Material's ``partials/language.html`` module, whose only use is ``t``."""

    def __init__(self, language_module: Any) -> None:
        self._module = language_module
        self._known: dict[str, Any] = {}

    def t(self, key: str) -> Any:
        """The text for ``key`` in the site's language, as Material's macro gives it (Markup)."""
        try:
            return self._known[key]
        except KeyError:
            text = self._known[key] = self._module.t(key)
            return text
