"""The `handbook bench` and `handbook synth` subcommands (wired into handbook.cli.main)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_bench(commands) -> None:
    from handbook_bench.run import add_arguments

    parser = commands.add_parser("bench", help="measure build speed and memory on synthetic corpora of growing size")
    add_arguments(parser)
    parser.set_defaults(run=cmd_bench)


def add_synth(commands) -> None:
    parser = commands.add_parser("synth", help="write a synthetic corpus (S, M, L or XL) as a buildable project")
    parser.add_argument("size", help="S (250 pages), M (1,000), L (2,500) or XL (5,000)")
    parser.add_argument("dest", type=Path, help="an empty or new folder for the project")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: the benchmark's)")
    parser.set_defaults(run=cmd_synth)


def cmd_bench(args: argparse.Namespace) -> int:
    from handbook_bench.run import main

    return main(args)


def cmd_synth(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from handbook_bench.synthetic import spec_for, write_corpus

    try:
        spec = spec_for(args.size)
    except ValueError as error:
        print(f"handbook synth: {error}", file=sys.stderr)
        return 2
    if args.seed is not None:
        spec = replace(spec, seed=args.seed)
    if args.dest.exists() and any(args.dest.iterdir()):
        print(f"handbook synth: {args.dest} is not empty", file=sys.stderr)
        return 2
    write_corpus(args.dest, spec)
    counts = ", ".join(f"{n} {kind}" for kind, n in spec.counts().items())
    print(f"wrote a synthetic project of {spec.pages} pages ({counts}) to {args.dest}", file=sys.stderr)
    return 0
