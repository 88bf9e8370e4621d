"""Material's interface translations, looked up once per key."""

from __future__ import annotations

from types import SimpleNamespace

from markupsafe import Markup

from handbook.mkdocs.speedups.translations import Translations


def test_each_key_is_looked_up_once_and_gives_the_same_text():
    asked = []
    language = SimpleNamespace(t=lambda key: asked.append(key) or Markup(f"«{key}»"))
    lang = Translations(language)
    assert [lang.t("search.placeholder"), lang.t("toc"), lang.t("search.placeholder")] == \
        ["«search.placeholder»", "«toc»", "«search.placeholder»"]
    assert asked == ["search.placeholder", "toc"]
    assert isinstance(lang.t("toc"), Markup)  # still safe markup for the templates


def test_a_new_build_asks_again():
    asked = []
    language = SimpleNamespace(t=lambda key: asked.append(key) or key)
    Translations(language).t("toc")
    Translations(language).t("toc")
    assert asked == ["toc", "toc"]
