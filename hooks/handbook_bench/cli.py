"""``handbook-bench``: the benchmark's commands (also ``python -m handbook_bench``).

A development tool, apart from the engine: the engine never imports this package.

    handbook-bench bench [--sizes S,M,XL] [--runs N] ...   build speed, linearity, memory, bars
    handbook-bench synth SIZE DEST                          write a synthetic project
    handbook-bench parts PROJECT                            where one build's time goes
    handbook-bench cross-linking PROJECT                    what our cross-linking steps cost per page
    handbook-bench pdf-speed [PROJECT]                      the PDFs of a real site, timed
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    from handbook_bench.run import add_arguments

    parser = argparse.ArgumentParser(prog="handbook-bench", description="Measure how fast the handbooks build.")
    commands = parser.add_subparsers(dest="command", required=True)
    bench = commands.add_parser("bench", help="measure build speed and memory on synthetic corpora of growing size")
    add_arguments(bench)
    bench.set_defaults(run=cmd_bench)
    synth = commands.add_parser("synth", help="write a synthetic corpus as a buildable project")
    synth.add_argument(
        "size", help="S (250 pages), M (1,000), L (2,500), XL (5,000) or a number of pages (100 to 5,000)"
    )
    synth.add_argument("dest", type=Path, help="an empty or new folder for the project")
    synth.add_argument("--seed", type=int, default=None, help="random seed (default: the benchmark's)")
    synth.add_argument(
        "--engine", default="HEAD", help="git revision of the engine to copy, or 'worktree' (default: HEAD)"
    )
    synth.set_defaults(run=cmd_synth)
    for name, (_, help_text) in WITH_OWN_PARSERS.items():  # listed here, parsed by main()
        commands.add_parser(name, help=help_text)
    return parser


# Commands with parsers of their own: everything after the name is theirs.
WITH_OWN_PARSERS = {
    "parts": ("parts", "show where one build's time goes"),
    "cross-linking": ("cross_linking", "time our cross-linking steps per page"),
    "pdf-speed": ("pdf_speed", "time the PDFs of a real site"),
}


def cmd_bench(args: argparse.Namespace) -> int:
    from handbook_bench.run import main

    return main(args)


def cmd_synth(args: argparse.Namespace) -> int:
    from handbook_bench.synthetic import spec_for, write_corpus

    try:
        spec = spec_for(args.size)
    except ValueError as error:
        print(f"handbook-bench synth: {error}", file=sys.stderr)
        return 2
    if args.seed is not None:
        spec = replace(spec, seed=args.seed)
    if args.dest.exists() and any(args.dest.iterdir()):
        print(f"handbook-bench synth: {args.dest} is not empty", file=sys.stderr)
        return 2
    write_corpus(args.dest, spec, engine=None if args.engine == "worktree" else args.engine)
    counts = ", ".join(f"{n} {kind}" for kind, n in spec.counts().items())
    print(f"wrote a synthetic project of {spec.pages} pages ({counts}) to {args.dest}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in WITH_OWN_PARSERS:
        module = __import__(f"handbook_bench.{WITH_OWN_PARSERS[argv[0]][0]}", fromlist=["main"])
        return module.main(argv[1:])
    args = build_parser().parse_args(argv)
    return args.run(args)
