"""Time the PDFs of a real site: ``handbook-bench pdf-speed [--repeat N]``.

Runs ``mkdocs build`` of the project in the current folder four ways, each into a
temporary site folder and, for the PDFs, an empty temporary PDF cache (the project's
own ``.cache/pdf`` and ``site/`` are left alone):

* ``site``: no PDFs and no offline copy (``HANDBOOK_PDF=0 HANDBOOK_OFFLINE_COPY=0``);
* ``pdfs``: the site and every PDF rendered, no offline copy;
* ``everything``: what ``mkdocs build`` does in production, with no PDF cached;
* ``cached``: the same with every PDF in the cache (filled by an untimed build first).

For each it prints wall-clock and processor time (the build and all its worker
processes), and for the PDFs the pages, the seconds the PDF step took and pages per
second, read from the build's own log line. The load average is printed before and
after each build: the machine is shared, and a busy machine stretches wall-clock time.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# The build's summary line, e.g. "handbook: 6 PDFs, 276 pages (276 rendered) in 20.5s (assembling 0.4s, ...)"
SUMMARY = re.compile(r"handbook: (\d+) PDFs, (\d+) pages \((\d+) rendered\) in ([\d.]+)s \(assembling ([\d.]+)s")

WAYS = {
    "site": {"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0", "HANDBOOK_LANGUAGES": ""},
    "pdfs": {"HANDBOOK_OFFLINE_COPY": "0", "HANDBOOK_LANGUAGES": ""},
    "everything": {},
    "cached": {},
}


@dataclass(frozen=True)
class Timing:
    way: str
    wall: float
    cpu: float  # user + system of the build and every process it waited for
    load_before: float
    load_after: float
    pdfs: int = 0
    pages: int = 0
    rendered: int = 0
    pdf_seconds: float = 0.0  # the PDF step, wall clock, without assembling the HTML

    @property
    def pages_per_second(self) -> float:
        return self.rendered / self.pdf_seconds if self.pdf_seconds else 0.0


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load_average() -> float:
    return os.getloadavg()[0]


def time_build(project: Path, way: str, scratch: Path, cache_dir: Path | None = None) -> Timing:
    """One build; ``cache_dir`` is a fresh, empty PDF cache unless given."""
    site_dir = scratch / f"site-{way}"
    if way == "cached":
        cache_dir = scratch / "kept-cache"
        if not cache_dir.is_dir():
            time_build(project, "everything", scratch, cache_dir)  # fills it
    cache_dir = cache_dir or Path(tempfile.mkdtemp(prefix="pdf-cache-", dir=scratch))
    env = {**os.environ, **WAYS[way], "HANDBOOK_PDF_CACHE": str(cache_dir), "NO_MKDOCS_2_WARNING": "1"}
    load_before, cpu_before, started = load_average(), children_cpu(), time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall, cpu = time.perf_counter() - started, children_cpu() - cpu_before
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build ({way}) failed:\n{result.stdout}{result.stderr}")
    timing = Timing(way, wall, cpu, load_before, load_average())
    summary = SUMMARY.search(result.stdout + result.stderr)
    if summary is None:
        return timing
    pdfs, pages, rendered, seconds, assembling = summary.groups()
    return Timing(
        way,
        wall,
        cpu,
        timing.load_before,
        timing.load_after,
        int(pdfs),
        int(pages),
        int(rendered),
        float(seconds) - float(assembling),
    )


def describe(t: Timing) -> str:
    line = f"{t.way:<11} wall {t.wall:6.1f}s  cpu {t.cpu:6.1f}s  load {t.load_before:.2f}->{t.load_after:.2f}"
    if t.rendered:
        line += (
            f"  | {t.pdfs} PDFs, {t.rendered} pages rendered in {t.pdf_seconds:.1f}s: {t.pages_per_second:.1f} pages/s"
        )
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook-bench pdf-speed", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="how many times to run each build (default 1)")
    parser.add_argument(
        "--ways", default=",".join(WAYS), help=f"which builds, comma-separated (default {','.join(WAYS)})"
    )
    parser.add_argument("project", nargs="?", default=".", help="the project folder (default: here)")
    args = parser.parse_args(argv)
    ways = [way.strip() for way in args.ways.split(",") if way.strip()]
    unknown = [way for way in ways if way not in WAYS]
    if unknown:
        parser.error(f"unknown build {', '.join(unknown)} (expected {', '.join(WAYS)})")
    timings: list[Timing] = []
    with tempfile.TemporaryDirectory(prefix="pdf-speed-") as scratch:
        for _ in range(args.repeat):
            for way in ways:
                timings.append(time_build(Path(args.project).resolve(), way, Path(scratch)))
                print(describe(timings[-1]), flush=True)
    pdf_runs = [t for t in timings if t.rendered]
    site_runs = [t for t in timings if t.way == "site"]
    if pdf_runs:
        best = min(pdf_runs, key=lambda t: t.pdf_seconds)
        print(
            f"best PDF step: {best.rendered} pages in {best.pdf_seconds:.1f}s = {best.pages_per_second:.1f} pages/s "
            f"({best.pdf_seconds * 100 / best.rendered:.1f}s wall per 100 pages)"
        )
    if site_runs and pdf_runs:
        site_cpu = min(t.cpu for t in site_runs)
        pdf_only = [t for t in pdf_runs if t.way == "pdfs"]
        if pdf_only:
            cpu = min(t.cpu for t in pdf_only) - site_cpu
            pages = pdf_only[0].rendered
            print(f"processor time of the PDFs: {cpu:.1f}s for {pages} pages = {cpu * 100 / pages:.1f}s per 100 pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
