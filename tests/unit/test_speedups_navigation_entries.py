"""Navigation entries reused per folder give every page the navigation Material's own template gives."""

from __future__ import annotations

import itertools
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.utils import get_relative_url

from handbook.mkdocs import speedups
from handbook.mkdocs.speedups import navigation_entries
from handbook.mkdocs.speedups.navigation_entries import link_base, page_folder, url_parts

PAGES = [
    "index.md",
    "a/index.md",
    "a/x.md",
    "a/y.md",
    "a/b/index.md",
    "a/b/p.md",
    "a/b/q.md",
    "a/b/deep/r.md",
    "c/index.md",
    "c/z.md",
    "c/w.md",
    "outside/o.md",
    "outside/more/m.md",
    "lone.md",
]
NAV = """
nav:
  - Home: index.md
  - A:
    - a/index.md
    - X: a/x.md
    - Y: a/y.md
    - B:
      - a/b/index.md
      - P: a/b/p.md
      - Q: a/b/q.md
      - Deep: a/b/deep/r.md
  - C:
    - C home: c/index.md
    - Z: c/z.md
    - W: c/w.md
  - Elsewhere: https://example.org/
  - Lone: lone.md
"""
FEATURES = [
    [],
    ["navigation.indexes", "navigation.sections", "navigation.prune"],
    ["navigation.tabs", "navigation.sections", "navigation.indexes", "navigation.expand"],
]


def _project(root: Path, directory_urls: bool) -> Path:
    for name in PAGES:
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {name}\n\n## One\n\ntext\n\n### One and a half\n\n## Two\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        f"site_name: Test\ntheme:\n  name: material\nuse_directory_urls: {str(directory_urls).lower()}\n" + NAV,
        encoding="utf-8",
    )
    return config


def _navigations(config_file: Path, features: list[str], faster: bool) -> tuple[dict[str, str], int]:
    """Every page's rendered navigation (Material's partials/nav.html), by page URL; and the reuses."""
    config = load_config(str(config_file))
    files = get_files(config)
    nav = get_navigation(files, config)
    pages = [file.page for file in files.documentation_pages()]
    for page in pages:
        page.read_source(config)
        page.render(config, files)
    env = config.theme.get_env()
    env.loader = jinja2.ChoiceLoader(
        [jinja2.DictLoader({"page.html": '{% include "partials/nav.html" %}'}), env.loader]
    )
    if faster:
        assert navigation_entries.take_over(env) is None
    template = env.get_template("page.html")
    lang = SimpleNamespace(t=lambda key: key)
    rendered = {}
    for page in pages:
        page.active = True
        rendered[page.url] = template.render(
            page=page, nav=nav, config=config, features=features, base_url=".", lang=lang
        )
        page.active = False
    entries = env.globals.get(navigation_entries.GLOBAL)
    return rendered, entries.reused if entries is not None else 0


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("features", FEATURES)
def test_every_page_gets_the_navigation_material_gives_it(tmp_path, directory_urls, features):
    config_file = _project(tmp_path, directory_urls)
    stock, _ = _navigations(config_file, features, faster=False)
    faster, reused = _navigations(config_file, features, faster=True)
    assert len(stock) == len(PAGES)
    for url, navigation in stock.items():
        assert faster[url] == navigation, url
    assert reused > len(PAGES)  # entries were reused, not only rendered
    assert "md-nav__link--active" in stock["a/b/p/" if directory_urls else "a/b/p.html"]


def test_pages_with_the_same_link_base_link_alike_to_the_entrys_urls():
    urls = ["", "a/", "a/x/", "a/b/", "a/b/p/", "a/b/deep/r/", "c/", "c/z.html", "lone/", "a/b/p.html"]
    targets_sets = [urls[index : index + size] for size in (1, 2, 3) for index in range(len(urls))]
    for targets in targets_sets:
        prefixes = frozenset(parts[:length] for parts in map(url_parts, targets) for length in range(len(parts) + 1))
        for first, second in itertools.combinations(urls + ["outside/o/", "outside/more/m/", "x.html"], 2):
            if link_base(page_folder(first), prefixes) == link_base(page_folder(second), prefixes):
                for target in targets:
                    assert get_relative_url(target or ".", first) == get_relative_url(target or ".", second), (
                        first,
                        second,
                        target,
                    )


def test_a_theme_with_its_own_nav_item_template_keeps_it():
    env = jinja2.Environment(
        loader=jinja2.DictLoader({navigation_entries.TEMPLATE: "{% macro render() %}x{% endmacro %}"})
    )
    reason = navigation_entries.take_over(env)
    assert reason is not None and "is not the one" in reason
    assert navigation_entries.GLOBAL not in env.globals


def test_a_changed_upstream_turns_it_off(monkeypatch):
    assert speedups.declared("navigation_entries").why_not_usable() is None  # type: ignore[union-attr]  # declared: importable here
    monkeypatch.setattr(navigation_entries, "NAV_ITEM_FINGERPRINT", "0" * 16)
    assert "nav-item.html is not the one" in speedups.declared("navigation_entries").why_not_usable()  # type: ignore[union-attr, operator]  # as above
    monkeypatch.undo()
    monkeypatch.setitem(navigation_entries.URL_FUNCTIONS, "get_relative_url", "0" * 16)
    assert "get_relative_url" in speedups.declared("navigation_entries").why_not_usable()  # type: ignore[union-attr, operator]  # as above
