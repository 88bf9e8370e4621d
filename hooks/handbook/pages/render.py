"""Jinja rendering of page fragments from the engine's templates in ``hooks/handbook/templates/``.

Python gathers the data; templates write the markup, always autoescaped. The same
fragments serve the web pages and the PDFs. Only HTML the build made is printed with
``| safe``: a page's converted body, a print section made from it, the print style sheet
(tests/unit/test_output_escaping.py holds that list; handbook.safety.output_escaping the rule).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from handbook.languages.catalogue import Messages, install

# The engine's own templates (item kinds, generated pages, cross links, PDF, problems page):
# package data beside the code, apart from the Material overrides in overrides/ (custom_dir).
ENGINE_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
TEMPLATE_CACHE_DIR = Path(".cache") / "jinja"


def compiled_template_cache(root: Path, environment: str, enabled: bool = True) -> jinja2.BytecodeCache | None:
    """Compiled templates kept on disk between builds, for one kind of template environment.

    Jinja compiles every template from its source in each new environment, and a build
    makes new ones: about 60 templates, a few tenths of a second per build. Jinja checks
    each cached entry against its template's source, so an edited template is compiled
    afresh. ``environment`` keeps environments with different settings apart.
    Off when not ``enabled`` (the ``template_cache`` option, HANDBOOK_TEMPLATE_CACHE=0),
    or where the folder cannot be made.
    """
    if not enabled:
        return None
    folder = root / TEMPLATE_CACHE_DIR / environment
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def make_environment(root: Path, template_cache: bool = True, templates: Path = ENGINE_TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # the environment is made fresh for every build: no need to stat templates per render
        bytecode_cache=compiled_template_cache(root, "fragments", template_cache),
    )
    return env


class Renderer:
    """Renders named fragment templates; templates are compiled once per build."""

    def __init__(
        self,
        root: Path,
        globals_: dict | None = None,
        template_cache: bool = True,
        templates: Path = ENGINE_TEMPLATES,
        messages: Messages | None = None,
    ):
        self.env = make_environment(root, template_cache, templates)
        install(self.env, messages or Messages())  # _() and ngettext() in the reader's language
        self.env.globals.update(globals_ or {})

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)
