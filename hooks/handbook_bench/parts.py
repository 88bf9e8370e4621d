"""Where a build's time goes: one in-process build with timers around its parts.

Run as ``handbook-bench parts PROJECT [--cross-linking off]`` on a project made by
``handbook-bench synth``. It wraps the functions below, attributes processor time to the
innermost part running (so the parts add up to the whole build, like a profiler that
only knows a dozen names, and without a profiler's overhead on every call) and prints a
table. Garbage collection is timed through ``gc.callbacks``.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import sys
import time
from collections import defaultdict
from pathlib import Path


class PartTimer:
    """Processor time per part, each moment counted once: for the innermost part."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[str] = []
        self._since = time.process_time()

    def _switch(self, to: list[str]) -> None:
        now = time.process_time()
        self.seconds[self._stack[-1] if self._stack else "other"] += now - self._since
        self._since = now

    def enter(self, part: str) -> None:
        self._switch(self._stack)
        self._stack.append(part)

    def leave(self) -> None:
        self._switch(self._stack)
        self._stack.pop()

    def wrap(self, owner, name: str, part: str, unless_inside: frozenset[str] = frozenset()) -> None:
        """Time ``owner.name`` as ``part``, except when called inside one of ``unless_inside``."""
        original = getattr(owner, name)
        stack = self._stack

        @functools.wraps(original)
        def timed(*args, **kwargs):
            if stack and stack[-1] in unless_inside:
                return original(*args, **kwargs)
            self.enter(part)
            try:
                return original(*args, **kwargs)
            finally:
                self.leave()

        setattr(owner, name, timed)

    def watch_garbage_collection(self) -> None:
        def callback(phase: str, info: dict) -> None:
            self.enter("garbage collection") if phase == "start" else self.leave()

        gc.callbacks.append(callback)


OUR_TEMPLATES = "our item and index templates"
OUR_CROSS_LINKS = "backlinks and related content"
PAGE_TEMPLATE = "Material's page template"

# (module, attribute path, part): a moment counts for the innermost part running.
PARTS = [
    ("mkdocs.commands.build", "build", "MkDocs itself (files, navigation, assets)"),
    ("handbook.site", "Site.build", "loading and validating the corpus, one git log"),
    ("mkdocs.structure.pages", "Page.render", "a Python-Markdown converter per page (MkDocs)"),
    ("markdown.core", "Markdown.convert", "Markdown conversion (the floor's work)"),
    ("handbook.markdown.term_linker", "TermLinker.run", "the glossary term linker"),
    ("handbook.markdown.references", "ReferenceResolver.run", "references and citations"),
    ("handbook.site", "Site.render_content", OUR_TEMPLATES),
    ("handbook.site", "Site.render_cross_links", OUR_CROSS_LINKS),
    ("material.plugins.search.plugin", "SearchPlugin.on_page_context", "search index: reading each page"),
    # the same work when mkdocs_hooks indexes a page without Material's on_page_context
    ("handbook.mkdocs.search_sections", "page_sections", "search index: reading each page"),
    ("material.plugins.search.plugin", "SearchIndex.create_entry_for_section", "search index: reading each page"),
    ("material.plugins.search.plugin", "SearchPlugin.on_post_build", "search index: writing it"),
    ("mkdocs.utils", "write_file", "writing files"),
]


def _resolve(module_name: str, path: str):
    module = __import__(module_name, fromlist=["_"])
    owner = module
    *parents, name = path.split(".")
    try:
        for parent in parents:
            owner = getattr(owner, parent)
        getattr(owner, name)
    except AttributeError:
        # A part that is not timed would hand its time to another: stop rather than mislead.
        raise SystemExit(f"{module_name}.{path} is not in this engine: update the benchmark's list of parts") from None
    return owner, name


def measure(
    project: Path,
    cross_linking: bool = True,
    site_dir: Path | None = None,
    parts: list[tuple[str, str, str]] | None = None,
    templates: bool = True,
    garbage_collection: bool = True,
) -> tuple[dict[str, float], float]:
    """Build ``project`` in this process with ``parts`` (default: PARTS) timed.

    ``templates``: time Material's page template as a part of its own;
    ``garbage_collection``: time collections as a part of their own, instead of giving
    them to the part that happened to be running.
    """
    os.environ.update(
        HANDBOOK_PDF="0",
        HANDBOOK_OFFLINE_COPY="0",
        HANDBOOK_LANGUAGES="",  # English only: the Welsh build is a second process, not a part of this one
        NO_MKDOCS_2_WARNING="1",
        HANDBOOK_CROSS_LINKING="1" if cross_linking else "0",
    )
    os.chdir(project)
    # The project's own engine, as its build would use: this module was imported from
    # another copy of the package (the editable install), so the package is imported afresh.
    sys.path.insert(0, str(project / "hooks"))
    for name in [name for name in sys.modules if name == "handbook" or name.startswith("handbook.")]:
        del sys.modules[name]
    timer = PartTimer()
    import jinja2
    from mkdocs.config import load_config

    for module_name, path, part in PARTS if parts is None else parts:
        owner, name = _resolve(module_name, path)
        timer.wrap(owner, name, part)
    if templates:
        # Every page's template is rendered by Jinja after the plugins have run; our own
        # templates are rendered by Jinja too, inside our parts, and counted there.
        timer.wrap(jinja2.Template, "render", PAGE_TEMPLATE, unless_inside=frozenset({OUR_TEMPLATES, OUR_CROSS_LINKS}))
    if garbage_collection:
        timer.watch_garbage_collection()
    from mkdocs_hooks import on_startup  # the process settings `mkdocs build` gets from the hooks

    on_startup(command="build", dirty=False)
    build = _resolve("mkdocs.commands.build", "build")
    started = time.process_time()
    getattr(*build)(load_config("mkdocs.yml", site_dir=str(site_dir or project / "site")))
    return timer.seconds, time.process_time() - started


def format_parts(seconds: dict[str, float], total: float) -> str:
    by_time = sorted(seconds.items(), key=lambda part: part[1], reverse=True)
    rows = [(part, value) for part, value in by_time if part != "other" and value >= 0.005]
    width = max(len(part) for part, _ in rows)
    lines = [f"{'part of the build':<{width}}  cpu seconds  share", f"{'-' * width}  -----------  -----"]
    lines += [f"{part:<{width}}  {value:11.2f}  {100 * value / total:4.0f}%" for part, value in rows]
    lines.append(f"{'whole build':<{width}}  {total:11.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook-bench parts", description=__doc__.splitlines()[0])
    parser.add_argument(
        "project", type=Path, help="a project folder, e.g. one written by `handbook-bench synth M DEST`"
    )
    parser.add_argument("--cross-linking", choices=["on", "off"], default="on")
    parser.add_argument("--site-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    seconds, total = measure(args.project.resolve(), args.cross_linking == "on", args.site_dir)
    print(format_parts(seconds, total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
