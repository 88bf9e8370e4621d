"""Interface strings in the reader's language (skeleton: English only until the catalogues land)."""

from __future__ import annotations

import gettext

import jinja2

from handbook.languages import SOURCE_LANGUAGE


class Messages:
    """One language's interface strings, for Python code and for templates."""

    def __init__(self, language: str = SOURCE_LANGUAGE, translations: gettext.NullTranslations | None = None):
        self.language = language
        self.translations = translations or gettext.NullTranslations()

    def gettext(self, message: str, **params: object) -> str:
        text = self.translations.gettext(message)
        return text % params if params else text

    def ngettext(self, singular: str, plural: str, count: int, **params: object) -> str:
        text = self.translations.ngettext(singular, plural, count)
        return text % {"num": count, **params}


def messages_for(language: str = SOURCE_LANGUAGE) -> Messages:
    return Messages(language)


def install(env: jinja2.Environment, messages: Messages) -> None:
    """``_``, ``gettext`` and ``ngettext`` in templates, autoescaped (Jinja's new-style gettext)."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(messages.translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["language"] = messages.language
