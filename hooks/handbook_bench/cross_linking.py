"""What our own cross-linking costs per page: term links, references and citations,
backlinks and related lists, timed step by step inside one build.

Run as ``handbook-bench cross-linking PROJECT [--runs N] [--json FILE]`` on a project made
by ``handbook-bench synth`` (the benchmark runs it on a 3,000-page corpus). Each run is a
fresh process that builds the project with the engine's cross-linking functions wrapped by
the part timer (handbook_bench.parts), so a moment is counted once, for the innermost step
running. Garbage collections count for the step they interrupt: they are part of what a
step costs. What the steps cost elsewhere (larger pages to write and index) is not in
these figures; the whole build's time is reported beside them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

TERM_LINKS = "term links"
REFERENCES = "references and citations"
BACKLINKS = "backlinks (once per build)"
RELATED = "related lists (once per build)"
ON_PAGES = "backlinks and related lists on each page"
STEPS_IN_ORDER = (TERM_LINKS, REFERENCES, BACKLINKS, RELATED, ON_PAGES)

# (module, attribute path, step): the engine's functions that do the cross-linking.
STEPS = [
    ("handbook.linking.term_index", "TermIndex.__init__", TERM_LINKS),  # the index of term names, once per build
    ("handbook.markdown.term_linker", "TermLinker.run", TERM_LINKS),  # each page's mentions linked
    ("handbook.markdown.references", "_CitationPattern.handleMatch", REFERENCES),  # [@id] read
    ("handbook.markdown.references", "_WikiLinkPattern.handleMatch", REFERENCES),  # [[kind:id]] read
    ("handbook.markdown.references", "ReferenceResolver.run", REFERENCES),  # resolved, numbered, reference list
    ("handbook.linking.cross_links", "CrossLinks.build", BACKLINKS),
    ("handbook.linking.backlinks", "Backlinks.build", BACKLINKS),
    ("handbook.linking.cross_links", "related_items", RELATED),
    ("handbook.site", "Site.render_cross_links", ON_PAGES),
    ("handbook.linking.cross_links", "CrossLinks.headings", ON_PAGES),  # their table-of-contents entries
]

BAR_PAGES = 3000
BAR_MS_PER_PAGE = 1.5


def measure_once(project: Path, site_dir: Path | None = None) -> dict:
    """One build of ``project`` in this process: seconds per step, the whole build, pages built."""
    from handbook_bench.parts import measure
    from handbook_bench.run import output_figures

    site = site_dir or project / "site"
    seconds, total = measure(project, site_dir=site, parts=STEPS, templates=False, garbage_collection=False)
    return {
        "steps": {step: seconds.get(step, 0.0) for step in STEPS_IN_ORDER},
        "build_cpu_seconds": total,
        "pages": output_figures(site)["pages"],
    }


def measure_runs(project: Path, runs: int, env: dict | None = None, log=print) -> dict:
    """``runs`` builds, each in a fresh process; per step the median of the runs."""
    results = []
    for run in range(runs):
        completed = subprocess.run(
            [sys.executable, "-m", "handbook_bench.cross_linking", str(project), "--once"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            raise RuntimeError(
                f"cross-linking measurement failed (exit {completed.returncode}):\n{completed.stderr[-3000:]}"
            )
        results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
        log(
            f"  cross-linking run {run + 1}: {1000 * sum(results[-1]['steps'].values()) / results[-1]['pages']:.2f} ms "
            f"per page, build {results[-1]['build_cpu_seconds']:.1f}s cpu"
        )
    return summarise(results)


def summarise(results: list[dict]) -> dict:
    steps = {step: statistics.median(r["steps"][step] for r in results) for step in STEPS_IN_ORDER}
    totals = [sum(r["steps"].values()) for r in results]
    pages = results[0]["pages"]
    return {
        "pages": pages,
        "runs": len(results),
        "steps_seconds": steps,
        "seconds": statistics.median(totals),
        "ms_per_page": 1000 * statistics.median(totals) / pages,
        "ms_per_page_runs": [round(1000 * total / pages, 3) for total in totals],
        "build_cpu_seconds": statistics.median(r["build_cpu_seconds"] for r in results),
    }


def format_steps(figures: dict) -> str:
    pages = figures["pages"]
    width = max(len(step) for step in STEPS_IN_ORDER)
    lines = [f"{'cross-linking step':<{width}}  cpu seconds  ms per page", f"{'-' * width}  -----------  -----------"]
    for step, seconds in figures["steps_seconds"].items():
        lines.append(f"{step:<{width}}  {seconds:11.2f}  {1000 * seconds / pages:11.2f}")
    lines.append(f"{'all steps':<{width}}  {figures['seconds']:11.2f}  {figures['ms_per_page']:11.2f}")
    share = 100 * figures["seconds"] / figures["build_cpu_seconds"]
    lines.append(
        f"({pages} pages built, median of {figures['runs']} runs; the whole build took "
        f"{figures['build_cpu_seconds']:.1f}s cpu, the steps {share:.0f}% of it)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook-bench cross-linking", description=__doc__.splitlines()[0])
    parser.add_argument(
        "project", type=Path, help="a project folder, e.g. one written by `handbook-bench synth 3000 DEST`"
    )
    parser.add_argument("--runs", type=int, default=3, help="builds, each in a fresh process (default 3)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)  # one build, figures as JSON on stdout
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if args.once:
        print(json.dumps(measure_once(project)))
        return 0
    figures = measure_runs(project, args.runs, log=lambda text: print(text, file=sys.stderr, flush=True))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(format_steps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
