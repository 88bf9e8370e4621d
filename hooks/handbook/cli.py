"""The ``handbook`` command-line tool, over the same core the site build uses."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _find_root(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / "mkdocs.yml").exists():
            return candidate
    return start


def cmd_check(args: argparse.Namespace) -> int:
    from .corpus import load_corpus

    result = load_corpus(args.root)
    for problem in result.problems:
        print(problem)
    count = len(result.problems)
    summary = (f"{result.files} files, {len(result.corpus)} items checked in {result.seconds:.2f}s: "
               f"{count} problem{'s' if count != 1 else ''}")
    print(summary, file=sys.stderr)
    return 1 if count else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="Work with the relationship-centred practice handbooks.")
    parser.add_argument("--root", type=Path, default=None, help="repository root (default: the folder holding mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every content file without building the site")
    check.set_defaults(run=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.root = (args.root or _find_root(Path.cwd())).resolve()
    return args.run(args)
