"""The engine's own templates live in its package, apart from Material's custom_dir overrides."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch

from handbook.pages.render import ENGINE_TEMPLATES
from tests.support import REPO


def test_every_engine_template_is_package_data():
    """A template the package data leaves out would be missing from an installed engine."""
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["handbook"]
    files = [
        path.relative_to(ENGINE_TEMPLATES.parent).as_posix()
        for path in ENGINE_TEMPLATES.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    assert files, ENGINE_TEMPLATES
    # setuptools' "**" spans folders; fnmatch's "*" does too, so "templates/**/*.html" reads as "templates/*/*.html"
    # there: a file directly in templates/ is matched by "templates/*.html".
    expanded = [*patterns, *(pattern.replace("**/", "") for pattern in patterns)]
    assert [file for file in files if not any(fnmatch(file, pattern) for pattern in expanded)] == []


def test_the_theme_folder_holds_only_material_overrides_and_assets():
    overrides = REPO / "overrides"
    templates = {
        path.relative_to(overrides).as_posix()
        for path in overrides.rglob("*.html")
        if "assets" not in path.relative_to(overrides).parts
    }
    assert templates == {"main.html"} | {name for name in templates if name.startswith("partials/")}
    assert not (overrides / "fragments").exists()
