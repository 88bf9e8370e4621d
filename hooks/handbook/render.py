"""Jinja rendering of page fragments from templates in ``overrides/fragments/``.

Python gathers the data; templates write the markup, always autoescaped. The same
fragments serve the web pages and the PDFs.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

FRAGMENTS_DIR = Path("overrides") / "fragments"


def make_environment(root: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root / FRAGMENTS_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # the environment is made fresh for every build: no need to stat templates per render
    )
    return env


class Renderer:
    """Renders named fragment templates; templates are compiled once per build."""

    def __init__(self, root: Path, globals_: dict | None = None):
        self.env = make_environment(root)
        self.env.globals.update(globals_ or {})

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)
