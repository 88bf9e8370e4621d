"""Material's translations made once per build give every page the texts Material's own template gives."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import material
from markupsafe import Markup

from handbook.mkdocs.speedups import translations
from handbook.mkdocs.speedups.translations import Translations

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
PAGE = '{% import "partials/language.html" as lang with context %}{% for key in keys %}[{{ lang.t(key) }}]{% endfor %}'


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.DictLoader({"page.html": PAGE}), jinja2.FileSystemLoader(str(MATERIAL_TEMPLATES))]
        ),
        autoescape=True,
    )


def _keys() -> list[str]:
    english = (MATERIAL_TEMPLATES / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    return re.findall(r'^\s*"([\w.]+)":', english, flags=re.MULTILINE) + ["no.such.key"]


def _pages(language: str, faster: bool) -> str:
    env = _env()
    config = SimpleNamespace(theme=SimpleNamespace(language=language))
    if faster:
        assert translations.take_over(env, config) is None  # type: ignore[arg-type]  # a stand-in for MkDocs' config
    template = env.get_template("page.html")
    pages = "".join(template.render(config=config, keys=_keys()) for _ in range(2))
    if faster:  # the stand-in answered, asking Material's module once per key
        assert len(env.globals[translations.GLOBAL]._known) == len(set(_keys()))
    return pages


def test_every_key_reads_the_same_in_english_and_in_welsh():
    assert len(_keys()) > 50
    for language in ("en", "cy"):
        stock = _pages(language, faster=False)
        assert _pages(language, faster=True) == stock
        assert "[Skip to content]" in stock or language != "en"


def test_a_theme_with_its_own_language_template_keeps_it():
    env = _env()
    env.loader = jinja2.ChoiceLoader(
        [jinja2.DictLoader({"partials/language.html": "{% macro t(key) %}x{% endmacro %}"}), env.loader]
    )
    reason = translations.take_over(env, SimpleNamespace(theme=SimpleNamespace(language="en")))  # type: ignore[arg-type]  # a stand-in config
    assert reason is not None and "is not the one" in reason
    assert env.get_template("page.html").render(keys=["toc"]) == "[x]"


def test_each_key_is_looked_up_once_and_gives_the_same_text():
    asked = []
    language = SimpleNamespace(t=lambda key: asked.append(key) or Markup(f"«{key}»"))
    lang = Translations(language)
    assert [lang.t("search.placeholder"), lang.t("toc"), lang.t("search.placeholder")] == [
        "«search.placeholder»",
        "«toc»",
        "«search.placeholder»",
    ]
    assert asked == ["search.placeholder", "toc"]
    assert isinstance(lang.t("toc"), Markup)  # still safe markup for the templates


def test_a_new_build_asks_again():
    asked = []
    language = SimpleNamespace(t=lambda key: asked.append(key) or key)
    Translations(language).t("toc")
    Translations(language).t("toc")
    assert asked == ["toc", "toc"]
