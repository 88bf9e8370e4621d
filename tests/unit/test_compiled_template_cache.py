"""Compiled templates kept between builds are used, and never outlive an edit of their source."""

from __future__ import annotations

import jinja2

from handbook.pages.render import TEMPLATE_CACHE_DIR, Renderer


def _template(root, text):
    path = root / "templates" / "greeting.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_later_build_loads_the_compiled_template_and_an_edit_is_compiled_afresh(tmp_path, monkeypatch):
    _template(tmp_path, "Hello {{ name }}")
    assert Renderer(tmp_path, templates=tmp_path / "templates").render("greeting.html", name="Cymru") == "Hello Cymru"
    cached = list((tmp_path / TEMPLATE_CACHE_DIR / "fragments").iterdir())
    assert len(cached) == 1

    with monkeypatch.context() as patched:  # a second build compiles nothing
        patched.setattr(
            jinja2.Environment, "compile", lambda *args, **kwargs: (_ for _ in ()).throw(AssertionError("compiled"))
        )
        assert (
            Renderer(tmp_path, templates=tmp_path / "templates").render("greeting.html", name="Cymru") == "Hello Cymru"
        )

    _template(tmp_path, "Shwmae {{ name }}")  # same name, same size class: only the source checksum differs
    assert Renderer(tmp_path, templates=tmp_path / "templates").render("greeting.html", name="Cymru") == "Shwmae Cymru"


def test_the_cache_can_be_switched_off(tmp_path):
    _template(tmp_path, "Hello")  # the template_cache option (HANDBOOK_TEMPLATE_CACHE=0: tests/unit/test_settings.py)
    assert Renderer(tmp_path, template_cache=False, templates=tmp_path / "templates").render("greeting.html") == "Hello"
    assert not (tmp_path / TEMPLATE_CACHE_DIR).exists()
