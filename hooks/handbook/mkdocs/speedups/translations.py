"""Material's interface translations made once per build instead of once per page.

Material's base.html imports ``partials/language.html`` for every page; that template
imports the language's module and the English one, each a macro over a dictionary of a
few hundred texts, and every ``lang.t(key)`` (a dozen per page) runs three macros. A key
gives the same text on every page of a build: here Material's own module is made once,
each key is asked once, and the ``partials/language.html`` that pages import is a
one-line stand-in that asks the build's ``Translations``. The stand-in is served by a
loader put before the theme's (public Jinja API), so no file of Material is overridden.
Equivalence: ``tests/unit/test_speedups_translations.py``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jinja2
import material
from mkdocs.config.defaults import MkDocsConfig

from handbook.mkdocs.speedups.upstream import SpeedUp

TEMPLATE = "partials/language.html"
GLOBAL = "hb_translations"
STAND_IN = "{% macro t(key) %}{{ " + GLOBAL + ".t(key) }}{% endmacro %}"
# Material's partials/language.html whose macro the stand-in gives the answers of (9.8.1):
# the page language's text, else the English one, else the key itself.
LANGUAGE_TEMPLATE_FINGERPRINT = "3a44516f"


def source_fingerprint(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:8]


def shape_differs() -> str | None:
    """Material's own template, as installed (the build's theme is checked again in take_over)."""
    installed = Path(material.__file__).parent / "templates" / TEMPLATE
    if not installed.is_file():
        return f"Material has no {TEMPLATE}"
    if source_fingerprint(installed.read_text(encoding="utf-8")) != LANGUAGE_TEMPLATE_FINGERPRINT:
        return f"Material's {TEMPLATE} is not the one the stand-in answers for"
    return None


SPEEDUP = SpeedUp(
    name="translations",
    replaces="Material's partials/language.html, imported (with two language modules) for every page",
    checked={"mkdocs-material": ("9.8.1",), "jinja2": ("3.1.6",)},
    shape_differs=shape_differs,
)


class Translations:
    """Stands in for Material's language module, whose only use is ``t``; one per build."""

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


def take_over(env: jinja2.Environment, config: MkDocsConfig) -> str | None:
    """Serve the stand-in for this build's pages; or say why not (the theme's template differs)."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, TEMPLATE)
    if source_fingerprint(source) != LANGUAGE_TEMPLATE_FINGERPRINT:
        return f"the theme's {TEMPLATE} is not the one the stand-in answers for"
    stock = env.get_template(TEMPLATE).make_module({"config": config})
    env.globals[GLOBAL] = Translations(stock)
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: STAND_IN}), env.loader])
    return None
