"""No private name of another package is touched outside hooks/handbook/mkdocs/speedups/.

A static scan of every module under hooks/: imports of private names from MkDocs,
Material, Python-Markdown, PyMdown Extensions, WeasyPrint, pydyf or Jinja; private
attributes read or written on their modules and objects (any ``x._name`` whose name our
own code does not define); name-mangled methods (``_Class__method``, another class's
private method overridden); their classes' ``__dict__``; MkDocs' list of event handlers
(``config.plugins.events``); and assignments to attributes of those packages' modules.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HOOKS = REPO / "hooks"
FENCE = HOOKS / "handbook" / "mkdocs" / "speedups"
EXTERNAL = frozenset(
    {
        "mkdocs",
        "material",
        "markdown",
        "pymdownx",
        "weasyprint",
        "pydyf",
        "jinja2",
        "markupsafe",
        "mkdocs_git_revision_date_plugin",
    }
)
MANGLED = re.compile(r"^_[A-Za-z]\w*?__\w+")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _root(node: ast.AST) -> ast.AST:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def own_private_names(sources: list[str]) -> set[str]:
    """Private names our code defines: functions, classes, module and class variables, self._x."""
    names: set[str] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    for leaf in ast.walk(target):
                        if isinstance(leaf, ast.Name):
                            names.add(leaf.id)
                        elif (
                            isinstance(leaf, ast.Attribute)
                            and isinstance(leaf.value, ast.Name)
                            and leaf.value.id in ("self", "cls")
                        ):
                            names.add(leaf.attr)
    return {name for name in names if _private(name)}


def reach_ins(source: str, own: set[str]) -> list[str]:
    """Each place ``source`` touches another package's private names, as 'line: what'."""
    tree = ast.parse(source)
    external: set[str] = set()  # local names bound to those packages' modules and objects
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in EXTERNAL:
                    external.add(alias.asname or parts[0])
                    if any(_private(part) for part in parts):
                        found.append(f"{node.lineno}: imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in EXTERNAL:
            for alias in node.names:
                external.add(alias.asname or alias.name)
                if _private(alias.name) or any(_private(part) for part in node.module.split(".")):
                    found.append(f"{node.lineno}: imports {alias.name} from {node.module}")
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and MANGLED.match(node.name):
            found.append(f"{node.lineno}: overrides another class's private {node.name}")
        elif isinstance(node, ast.Attribute):
            root = _root(node)
            from_external = isinstance(root, ast.Name) and root.id in external
            on_self = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            if MANGLED.match(node.attr):
                found.append(f"{node.lineno}: name-mangled {node.attr}")
            elif _private(node.attr) and (from_external or (not on_self and node.attr not in own)):
                found.append(f"{node.lineno}: private {node.attr}")
            elif node.attr == "__dict__" and from_external:
                found.append(f"{node.lineno}: __dict__")
            elif node.attr == "events" and isinstance(node.value, ast.Attribute) and node.value.attr == "plugins":
                found.append(f"{node.lineno}: MkDocs' event handlers (plugins.events)")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(_root(target), ast.Name)
                    and _root(target).id in external
                ):  # type: ignore[attr-defined]  # a Name, tested just before
                    found.append(f"{node.lineno}: assigns {target.attr} on another package's object")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.args
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
        ):
            name = node.args[1] if len(node.args) > 1 else None
            target_root = _root(node.args[0])
            if (
                isinstance(name, ast.Constant)
                and isinstance(name.value, str)
                and _private(name.value)
                and name.value not in own
            ):
                found.append(f"{node.lineno}: {node.func.id} of private {name.value}")
            elif node.func.id == "setattr" and isinstance(target_root, ast.Name) and target_root.id in external:
                found.append(f"{node.lineno}: setattr on another package's object")
    return sorted(set(found), key=lambda entry: int(entry.split(":")[0]))


def _modules() -> dict[Path, str]:
    return {
        path: path.read_text(encoding="utf-8") for path in sorted(HOOKS.rglob("*.py")) if "egg-info" not in path.parts
    }


def test_no_private_reach_in_outside_the_fence():
    modules = _modules()
    outside = {path: source for path, source in modules.items() if FENCE not in path.parents}
    own = own_private_names(list(outside.values()))
    found = {str(path.relative_to(REPO)): hits for path, source in outside.items() if (hits := reach_ins(source, own))}
    assert found == {}, "move these into hooks/handbook/mkdocs/speedups/ (with a guard and a switch)"


def test_the_scan_sees_the_reach_ins_inside_the_fence():
    # The same scan over the fenced folder finds what it holds: it can see real reach-ins.
    modules = _modules()
    own = own_private_names([source for path, source in modules.items() if FENCE not in path.parents])
    hits = {path.name: reach_ins(source, own) for path, source in modules.items() if FENCE in path.parents}
    assert any("private _RawHTMLPreprocessor" in hit for hit in hits["shared_converter.py"])
    assert any("private _title_from_render" in hit for hit in hits["shared_converter.py"])
    assert any("_InlineProcessor__handleInline" in hit for hit in hits["inline_prefilter.py"])
    assert any("plugins.events" in hit for hit in hits["search_index.py"])
    assert any("__dict__" in hit for hit in hits["pdf_page_references.py"])


@pytest.mark.parametrize(
    "snippet, expected",
    [
        ("from mkdocs.structure.pages import _RawHTMLPreprocessor", "imports _RawHTMLPreprocessor"),
        ("import mkdocs.structure.pages as p\np._RawHTMLPreprocessor()", "private _RawHTMLPreprocessor"),
        ("def f(page):\n    page._title_from_render = 'x'", "private _title_from_render"),
        ("def f(ext, md):\n    ext._register(md)", "private _register"),
        ("class P:\n    def _InlineProcessor__handleInline(self, data):\n        pass", "overrides another class's"),
        ("def f(self):\n    return self._InlineProcessor__applyPattern", "name-mangled"),
        ("import pydyf\npydyf.PDF.page_references = property(len)", "assigns page_references"),
        ("import pydyf\nx = pydyf.PDF.__dict__", "__dict__"),
        ("def f(config):\n    config.plugins.events['page_context'][:] = []", "plugins.events"),
        ("def f(obj):\n    return getattr(obj, '_secret')", "getattr of private _secret"),
        ("import jinja2\nsetattr(jinja2.Template, 'render', print)", "setattr on another package's object"),
    ],
)
def test_the_scan_finds_a_reach_in(snippet, expected):
    assert any(expected in hit for hit in reach_ins(snippet, own=set())), reach_ins(snippet, own=set())


def test_the_scan_leaves_our_own_private_names_alone():
    snippet = (
        "class Site:\n    def _collect(self):\n        self._seen = 1\n\n"
        "def build(site):\n    site._collect()\n    return site._seen\n"
    )
    assert reach_ins(snippet, own_private_names([snippet])) == []
