"""The floor: the same Markdown converted by Python-Markdown alone, in one process.

Run as ``python -m handbook_bench.floor DOCS_DIR MKDOCS_YML``: converts every ``.md``
under DOCS_DIR with one ``markdown.Markdown`` carrying the extensions listed in the
mkdocs.yml, and prints how many pages it converted. No site, no templates, no search:
what no static site generator over this Markdown can beat.
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import yaml


def markdown_extensions(mkdocs_yml: Path) -> tuple[list[str], dict]:
    """The extension names and their configurations, as mkdocs.yml lists them."""
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_Lenient)  # noqa: S506 - a SafeLoader
    names, configs = [], {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            # An option given by a tag this reader ignores (the toc's slugify) keeps its default.
            options = {key: value for key, value in (options or {}).items() if value is not None}
            if options:
                configs[name] = options
        else:
            names.append(entry)
    return names, configs


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' !ENV and !!python tags (the floor needs neither)."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def convert_all(docs: Path, names: list[str], configs: dict) -> int:
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    count = 0
    for path in sorted(docs.rglob("*.md")):
        md.reset()
        md.convert(path.read_text(encoding="utf-8"))
        count += 1
    return count


def main(argv: list[str]) -> int:
    docs, mkdocs_yml = Path(argv[0]), Path(argv[1])
    names, configs = markdown_extensions(mkdocs_yml)
    print(convert_all(docs, names, configs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
