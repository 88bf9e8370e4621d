"""``handbook-bench bench``: how fast the build is, and whether it stays linear as the corpus grows.

For each size (S, M, L, XL synthetic corpora) it measures, several times, taking medians:

- the project's own build (``mkdocs build`` in a subprocess, PDFs off);
- the same Markdown built by plain MkDocs + Material with a default configuration
  (every page in the navigation, no hooks), stopped at a time cap;
- the floor: the same Markdown converted by Python-Markdown alone in one process;

and the project's output: HTML page sizes and the search index. Then what our own
cross-linking steps cost per page at 3,000 pages (handbook_bench.cross_linking), the M
build with the speed-ups off and on (``HANDBOOK_SPEEDUPS``) and a ``mkdocs serve`` rebuild
after editing one chapter. Figures are data first (``results``); the table and the bars
are pure functions of that data, so they can be tested without timing anything.
"""

from __future__ import annotations

import compileall
import json
import os
import platform
import queue
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

from handbook.content import kinds
from handbook_bench import cross_linking as cross_linking_steps
from handbook_bench.floor import markdown_extensions
from handbook_bench.measure import Measurement, run_measured
from handbook_bench.synthetic import Spec, spec_for, write_corpus

DEFAULT_WORKDIR = Path("/tmp/handbook-bench")
# Switches other parts of the build honour: no PDFs, no offline copy and no other language's
# build (a second build of the same pages, measured on its own) while timing the site.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0", "HANDBOOK_LANGUAGES": ""}
# The kinds whose pages the HTML-size bar compares: every kind read from files of its own but
# the free-standing pages (home, about), which the synthetic corpus barely has.
ITEM_KINDS = tuple(kind.name for kind in kinds.KINDS if kind.reader and kind is not kinds.PAGE)


def _env(**extra: str) -> dict:
    return {**os.environ, **BUILD_ENV, **extra}


# -- the three builds -----------------------------------------------------------------------


def _engine_env(root: Path, **extra: str) -> dict:
    """The environment of a synthetic project's build: its own engine copy first on the path.

    Without it, ``import handbook`` in the project's hooks finds the editable install of
    this repository (the working tree), not the engine revision the project was made with.
    """
    inherited = os.environ.get("PYTHONPATH")
    path = str(root / "hooks") + (os.pathsep + inherited if inherited else "")
    return _env(PYTHONPATH=path, **extra)


def build_project(root: Path, cap: float | None = None, **env: str) -> Measurement:
    shutil.rmtree(root / "site", ignore_errors=True)
    return run_measured([sys.executable, "-m", "mkdocs", "build"], cwd=str(root), env=_engine_env(root, **env), cap=cap)


def write_plain_project(root: Path, dest: Path) -> int:
    """The project's Markdown as a plain MkDocs + Material site: default nav, no hooks.

    Each page is its body with the front matter stripped and the title as a heading;
    references stay as the text they are written as. Returns the number of pages.
    """
    from handbook.content.corpus import load_corpus
    from handbook.linking.urls import url_for

    shutil.rmtree(dest, ignore_errors=True)
    docs = dest / "docs"
    result = load_corpus(root)
    count = 0
    for item in result.corpus:
        if item.kind == "theme":
            continue
        url = url_for(item.kind, item.id)
        rel = "index.md" if url == "" else url.rstrip("/") + ".md"
        if item.kind == "handbook":
            rel = url + "index.md"
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = item.body if item.body.lstrip().startswith("# ") else f"# {item.title}\n\n{item.body}"
        path.write_text(body, encoding="utf-8")
        count += 1
    names, configs = markdown_extensions(root / "mkdocs.yml")  # without the options written as Python tags
    config = {
        "site_name": "Plain MkDocs + Material",
        "theme": {"name": "material"},
        "markdown_extensions": [{name: configs[name]} if name in configs else name for name in names],
        "plugins": ["search"],
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return count


def build_default(plain: Path, cap: float) -> Measurement:
    shutil.rmtree(plain / "site", ignore_errors=True)
    return run_measured([sys.executable, "-m", "mkdocs", "build"], cwd=str(plain), env=_env(), cap=cap)


def build_floor(plain: Path, cap: float | None = None) -> Measurement:
    return run_measured(
        [sys.executable, "-m", "handbook_bench.floor", str(plain / "docs"), str(plain / "mkdocs.yml")],
        cwd=str(plain),
        env=_env(),
        cap=cap,
    )


# -- what the project wrote ---------------------------------------------------------------------


def page_kind(rel: str) -> str:
    """The kind of page at a site path such as 'glossary/social-capital/index.html'."""
    parts = rel.split("/")[:-1]
    if not parts:
        return "home"
    if parts[0] == "handbooks":
        return {1: "index", 2: "handbook", 3: "chapter"}.get(len(parts), "other")
    kind = kinds.by_section(parts[0])
    if kind is not None:
        return kind.name if len(parts) == 2 else "index"
    return "other"


def output_figures(site: Path) -> dict:
    sizes: dict[str, int] = {}
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel != "404.html" and not rel.startswith("assets/"):
            sizes[rel] = path.stat().st_size
    by_kind: dict[str, list[int]] = {}
    for rel, size in sizes.items():
        by_kind.setdefault(page_kind(rel), []).append(size)
    largest = max(sizes, key=sizes.__getitem__) if sizes else ""
    index = site / "search" / "search_index.json"
    return {
        "pages": len(sizes),
        "median_bytes": int(statistics.median(sizes.values())) if sizes else 0,
        "largest_bytes": sizes.get(largest, 0),
        "largest_page": largest,
        "median_bytes_by_kind": {k: int(statistics.median(v)) for k, v in sorted(by_kind.items())},
        "total_bytes": sum(sizes.values()),
        "search_index_bytes": index.stat().st_size if index.exists() else 0,
    }


# -- one size --------------------------------------------------------------------------------------


def _summary(measurements: list[Measurement]) -> dict:
    return {
        "seconds": statistics.median(m.seconds for m in measurements),
        "cpu_seconds": statistics.median(m.cpu_seconds for m in measurements),
        "peak_mb": statistics.median(m.peak_mb for m in measurements),
        "load": statistics.median(m.load for m in measurements),
        "runs": [round(m.seconds, 3) for m in measurements],
        "cpu_runs": [round(m.cpu_seconds, 3) for m in measurements],
        "over_cap": any(m.over_cap for m in measurements),
        "failed": any(m.returncode != 0 and not m.over_cap for m in measurements),
    }


def _check(measurement: Measurement, what: str) -> None:
    if measurement.returncode != 0 and not measurement.over_cap:
        raise RuntimeError(f"{what} failed (exit {measurement.returncode}):\n{measurement.output[-3000:]}")


def prepare(workdir: Path, name: str, spec: Spec, engine: str | None = "HEAD") -> Path:
    """The synthetic project for ``spec``, generated once and reused while the engine is the same."""
    root = workdir / name
    stamp = root / ".bench-spec"
    wanted = f"{spec}|{_engine_fingerprint(engine)}"
    if not (stamp.exists() and stamp.read_text() == wanted):
        shutil.rmtree(root, ignore_errors=True)
        write_corpus(root, spec, engine=engine)
        stamp.write_text(wanted)
    # The engine compiled to bytecode once, as pip compiled MkDocs, Material and
    # Python-Markdown when it installed them: Python writes no bytecode where
    # PYTHONDONTWRITEBYTECODE is set (as on the machines this runs on), and the project's
    # builds would then compile the engine's modules afresh every time while the two
    # yardsticks load theirs compiled.
    compileall.compile_dir(root / "hooks", quiet=1)
    return root


def _engine_fingerprint(engine: str | None) -> str:
    from handbook_bench.synthetic import ENGINE, ENGINE_DOCS, REPO

    if engine:
        return subprocess.run(
            ["git", "rev-parse", engine], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    latest = 0.0
    for name in (*ENGINE, *ENGINE_DOCS):
        path = REPO / name
        for file in [path] if path.is_file() else path.rglob("*"):
            if file.is_file() and "__pycache__" not in file.parts:
                latest = max(latest, file.stat().st_mtime)
    return str(latest)


def bench_size(size: str, runs: int, cap: float, workdir: Path, log=print, engine: str | None = "HEAD") -> dict:
    spec = spec_for(size)
    root = prepare(workdir, size, spec, engine)
    plain = workdir / f"{size}-plain"
    write_plain_project(root, plain)
    project: list[Measurement] = []
    default: list[Measurement] = []
    floor: list[Measurement] = []
    for run in range(runs):
        m = build_project(root)
        _check(m, f"project build at {size}")
        project.append(m)
        log(
            f"  {size} run {run + 1}: project {m.seconds:.1f}s wall, {m.cpu_seconds:.1f}s cpu, {m.peak_mb:.0f} MB, load {m.load:.1f}"
        )
        d = default[-1] if default and default[-1].over_cap else build_default(plain, cap)
        _check(d, f"default MkDocs build at {size}")
        default.append(d)  # once over the cap, not run again: it will not get faster
        log(
            f"  {size} run {run + 1}: default {'over the cap' if d.over_cap else f'{d.seconds:.1f}s wall, {d.cpu_seconds:.1f}s cpu'}"
        )
        f = build_floor(plain)
        _check(f, f"floor at {size}")
        floor.append(f)
        log(f"  {size} run {run + 1}: floor {f.seconds:.1f}s wall, {f.cpu_seconds:.1f}s cpu")
    return {
        "spec": {"pages": spec.pages, "terms": spec.terms, "evidence": spec.evidence, "seed": spec.seed},
        "project": _summary(project),
        "default": _summary(default),
        "floor": _summary(floor),
        "output": output_figures(root / "site"),
    }


def bench_cross_linking(
    runs: int, workdir: Path, log=print, engine: str | None = "HEAD", pages: int = cross_linking_steps.BAR_PAGES
) -> dict:
    """Our own cross-linking steps, timed inside builds of a corpus of ``pages`` pages."""
    spec = spec_for(str(pages))
    root = prepare(workdir, str(pages), spec, engine)
    # No PYTHONPATH to the project's engine: the measuring process imports it itself,
    # after this package (which the engine copy may not have in this version).
    figures = cross_linking_steps.measure_runs(root, runs, env=_env(), log=log)
    return {"spec": {"pages": spec.pages, "terms": spec.terms, "evidence": spec.evidence}, **figures}


def bench_speedups(size: str, runs: int, workdir: Path, log=print, engine: str | None = "HEAD") -> dict:
    """The project's build with its speed-ups off (``HANDBOOK_SPEEDUPS=0``) and on, alternating.

    Each off build is followed by an on build and the ratio taken within the pair: the
    machine's speed drifts by a fifth within minutes, much less between two builds.
    """
    root = prepare(workdir, size, spec_for(size), engine)
    off: list[Measurement] = []
    on: list[Measurement] = []
    for run in range(runs):
        for label, switch, into in (("off", "0", off), ("on", "1", on)):
            m = build_project(root, HANDBOOK_SPEEDUPS=switch)
            _check(m, f"build with speed-ups {label}")
            into.append(m)
            log(f"  speed-ups {label} run {run + 1}: {m.seconds:.1f}s wall, {m.cpu_seconds:.1f}s cpu")
    saved = statistics.median(
        100 * (a.cpu_seconds - b.cpu_seconds) / a.cpu_seconds for a, b in zip(off, on, strict=True)
    )
    return {
        "size": size,
        "off_cpu_seconds": statistics.median(m.cpu_seconds for m in off),
        "on_cpu_seconds": statistics.median(m.cpu_seconds for m in on),
        "saved_percent": saved,
        "off_cpu_runs": [round(m.cpu_seconds, 3) for m in off],
        "on_cpu_runs": [round(m.cpu_seconds, 3) for m in on],
    }


# -- the preview rebuild ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_preview(size: str, workdir: Path, timeout: float = 600, log=print, engine: str | None = "HEAD") -> dict:
    """Time ``mkdocs serve``'s rebuild after one chapter is edited."""
    root = prepare(workdir, size, spec_for(size), engine)
    chapter = root / "handbooks" / "handbook-001" / "chapter-01.md"
    original = chapter.read_text(encoding="utf-8")
    lines: queue.Queue = queue.Queue()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{_free_port()}"],
        cwd=root,
        env=_engine_env(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )

    def read_lines() -> None:
        assert process.stdout is not None  # stdout=PIPE
        for line in process.stdout:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=read_lines, daemon=True).start()
    started = time.perf_counter()

    def wait_for(text: str) -> tuple[float, list[str]]:
        seen: list[str] = []
        while True:
            remaining = timeout - (time.perf_counter() - started)
            if remaining <= 0 or process.poll() is not None:
                raise RuntimeError(f"mkdocs serve: no '{text}' in the log:\n{''.join(seen)[-3000:]}")
            try:
                at, line = lines.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return at, seen

    try:
        ready, _ = wait_for("Serving on")
        time.sleep(2.0)  # let the file watcher settle
        chapter.write_text(original + "\nAn edited paragraph about neighbourliness and trust.\n", encoding="utf-8")
        edited = time.perf_counter()
        reloaded, seen = wait_for("Reloading browsers")
        built = [line for line in seen if "Documentation built in" in line]
        build_seconds = float(built[-1].split("built in")[1].split()[0]) if built else None
        result = {
            "size": size,
            "first_build_seconds": ready - started,
            "rebuild_seconds": reloaded - edited,
            "rebuild_build_seconds": build_seconds,
        }
        log(
            f"  preview at {size}: first build {result['first_build_seconds']:.1f}s, rebuild {result['rebuild_seconds']:.1f}s"
        )
        return result
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
        chapter.write_text(original, encoding="utf-8")


# -- the machine --------------------------------------------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram = f"{mem_kb / 1024 / 1024:.1f} GB"
    except (OSError, StopIteration):
        ram = "unknown"
    packages = {}
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = "not installed"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "packages": packages,
    }


# -- bars and table (pure functions of the results) ----------------------------------------------------------


@dataclass
class Bar:
    name: str
    figure: str
    met: bool | None  # None: not measured in this run


# Ratios and bars use CPU time (user + system): the machine is shared, and its wall time
# also measures whatever else runs. Wall times are reported beside them.
TIME = "cpu_seconds"


def _per_page(size: dict) -> float:
    return size["project"][TIME] / max(1, size["output"]["pages"])


def evaluate_bars(results: dict, cap: float | None = None) -> list[Bar]:
    sizes = results.get("sizes", {})
    cap = cap if cap is not None else results.get("cap")
    bars = []
    xl, m, s = sizes.get("XL"), sizes.get("M"), sizes.get("S")
    if xl:
        ratio = xl["project"][TIME] / xl["floor"][TIME]
        bars.append(Bar("XL build <= 3x the Markdown-only floor", f"{ratio:.1f}x", ratio <= 3))
    else:
        bars.append(Bar("XL build <= 3x the Markdown-only floor", "XL not run", None))
    if xl and m:
        ratio = _per_page(xl) / _per_page(m)
        bars.append(
            Bar(
                "time per page at XL <= 1.15x at M",
                f"{1000 * _per_page(xl):.1f} vs {1000 * _per_page(m):.1f} ms = {ratio:.2f}x",
                ratio <= 1.15,
            )
        )
    else:
        bars.append(Bar("time per page at XL <= 1.15x at M", "M and XL not both run", None))
    if m:
        if m["default"]["over_cap"]:
            # Stopped at the cap: the CPU time it had used by then is a lower bound.
            ratio = m["default"][TIME] / m["project"][TIME]
            bars.append(
                Bar(
                    ">= 5x faster than default MkDocs + Material at M",
                    f"default stopped at the {cap:.0f}s cap: > {ratio:.1f}x",
                    ratio >= 5,
                )
            )
        else:
            ratio = m["default"][TIME] / m["project"][TIME]
            bars.append(Bar(">= 5x faster than default MkDocs + Material at M", f"{ratio:.1f}x", ratio >= 5))
    else:
        bars.append(Bar(">= 5x faster than default MkDocs + Material at M", "M not run", None))
    if xl and s:
        ratios = {}
        for kind in ITEM_KINDS:
            at_s = s["output"]["median_bytes_by_kind"].get(kind)
            at_xl = xl["output"]["median_bytes_by_kind"].get(kind)
            if at_s and at_xl:
                ratios[kind] = at_xl / at_s
        worst = max(ratios, key=ratios.__getitem__)
        bars.append(
            Bar(
                "page HTML at XL <= 1.5x at S (median per kind)",
                f"worst {worst} {ratios[worst]:.2f}x",
                ratios[worst] <= 1.5,
            )
        )
    else:
        bars.append(Bar("page HTML at XL <= 1.5x at S (median per kind)", "S and XL not both run", None))
    if xl:
        peak = xl["project"]["peak_mb"]
        bars.append(Bar("peak memory at XL < 2 GB", f"{peak:.0f} MB", peak < 2048))
    else:
        bars.append(Bar("peak memory at XL < 2 GB", "XL not run", None))
    name = f"our cross-linking steps at {cross_linking_steps.BAR_PAGES:,} pages <= {cross_linking_steps.BAR_MS_PER_PAGE} ms per page"
    cross = results.get("cross_linking")
    if cross and "ms_per_page" in cross and cross["spec"]["pages"] == cross_linking_steps.BAR_PAGES:
        bars.append(
            Bar(name, f"{cross['ms_per_page']:.2f} ms", cross["ms_per_page"] <= cross_linking_steps.BAR_MS_PER_PAGE)
        )
    elif cross and "ms_per_page" in cross:
        bars.append(Bar(name, f"measured at {cross['spec']['pages']:,} pages", None))
    else:
        bars.append(Bar(name, "not run", None))
    return bars


def _bytes(n: float) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{n / 1024:.0f} kB"


def format_table(results: dict) -> str:
    cap = results.get("cap", 0)
    header = (
        "size",
        "pages",
        "runs",
        "project wall",
        "project cpu",
        "peak",
        "floor cpu",
        "default MkDocs wall/cpu",
        "proj/floor",
        "default/proj",
        "ms/page",
        "median HTML",
        "largest HTML",
        "search index",
    )
    rows = [header]
    for name, size in results.get("sizes", {}).items():
        project, default, floor, out = size["project"], size["default"], size["floor"], size["output"]
        if default["over_cap"]:
            default_text, ratio_text = f"over the {cap:.0f}s cap", f"> {default[TIME] / project[TIME]:.1f}x"
        else:
            default_text = f"{default['seconds']:.1f}s / {default[TIME]:.1f}s"
            ratio_text = f"{default[TIME] / project[TIME]:.1f}x"
        rows.append(
            (
                name,
                str(out["pages"]),
                str(len(project["runs"])),
                f"{project['seconds']:.1f}s",
                f"{project[TIME]:.1f}s",
                f"{project['peak_mb']:.0f} MB",
                f"{floor[TIME]:.1f}s",
                default_text,
                f"{project[TIME] / floor[TIME]:.1f}x",
                ratio_text,
                f"{1000 * _per_page(size):.1f}",
                _bytes(out["median_bytes"]),
                _bytes(out["largest_bytes"]),
                _bytes(out["search_index_bytes"]),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines += [
        "",
        "Times are medians of the runs; ratios and ms/page use CPU time (user + system of the build process).",
    ]
    lines += _ratios_run_by_run(results)
    cross = results.get("cross_linking")
    if cross and "ms_per_page" in cross:  # (figures from before the steps were timed have none)
        spec = cross["spec"]
        lines += [
            "",
            f"our cross-linking steps ({spec['pages']:,}-page corpus: {spec['terms']} terms, "
            f"{spec['evidence']} evidence items):",
            cross_linking_steps.format_steps(cross),
        ]
    speedups = results.get("speedups")
    if speedups:
        lines += [
            "",
            f"speed-ups (at {speedups['size']}): off (HANDBOOK_SPEEDUPS=0) {speedups['off_cpu_seconds']:.1f}s cpu, "
            f"on {speedups['on_cpu_seconds']:.1f}s cpu, saving {speedups['saved_percent']:.0f}% "
            f"(median of {len(speedups['on_cpu_runs'])} off/on pairs)",
        ]
    preview = results.get("preview")
    if preview:
        lines += [
            "",
            f"preview (mkdocs serve at {preview['size']}): first build {preview['first_build_seconds']:.1f}s, "
            f"rebuild after editing one chapter {preview['rebuild_seconds']:.1f}s"
            + (f" (build {preview['rebuild_build_seconds']:.1f}s)" if preview.get("rebuild_build_seconds") else ""),
        ]
    lines += ["", "bars:"]
    for bar in evaluate_bars(results):
        state = {True: "met", False: "MISSED", None: "not measured"}[bar.met]
        lines.append(f"  [{state}] {bar.name}: {bar.figure}")
    return "\n".join(lines)


def _ratios_run_by_run(results: dict) -> list[str]:
    """Each run's own ratios: the builds of one run are minutes apart, so they show how far
    the machine's drift moves a ratio (the bars use the medians above)."""
    lines = []
    for name, size in results.get("sizes", {}).items():
        project, default, floor = (size[part].get("cpu_runs") for part in ("project", "default", "floor"))
        if not (project and default and floor):
            continue  # figures from before runs were kept
        to_floor = " ".join(f"{p / f:.1f}x" for p, f in zip(project, floor, strict=False))
        over = "> " if size["default"]["over_cap"] else ""
        from_default = " ".join(f"{over}{d / p:.1f}x" for p, d in zip(project, default, strict=False))
        lines.append(f"  {name}: proj/floor {to_floor}; default/proj {from_default}")
    return ["", "run by run:", *lines] if lines else []


# -- the command ---------------------------------------------------------------------------------------------


def run_bench(
    sizes: list[str],
    runs: int,
    cap: float,
    workdir: Path = DEFAULT_WORKDIR,
    json_out: Path | None = None,
    cross_linking: bool = True,
    preview: bool = True,
    runs_by_size: dict[str, int] | None = None,
    log=print,
    engine: str | None = "HEAD",
    speedups: bool = True,
) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    if engine:  # one engine for every size, even if commits land while the benchmark runs
        engine = _engine_fingerprint(engine)
    results: dict = {
        "machine": machine(),
        "cap": cap,
        "engine": _engine_fingerprint(engine) if engine else "worktree",
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "sizes": {},
    }

    def save() -> None:
        if json_out:
            json_out.write_text(json.dumps(results, indent=2), encoding="utf-8")

    for size in sizes:
        log(f"size {size} ...")
        results["sizes"][size] = bench_size(size, (runs_by_size or {}).get(size, runs), cap, workdir, log, engine)
        save()
    if cross_linking:
        log("cross-linking ...")
        results["cross_linking"] = bench_cross_linking(max(runs, 3), workdir, log, engine)
        save()
    if speedups:
        log("speed-ups off and on ...")
        results["speedups"] = bench_speedups("M", max(runs, 3), workdir, log, engine)
        save()
    if preview:
        log("preview ...")
        results["preview"] = bench_preview("M", workdir, log=log, engine=engine)
        save()
    results["bars"] = [bar.__dict__ for bar in evaluate_bars(results)]
    save()
    return results


def main(args) -> int:
    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        spec_for(size)  # unknown sizes fail before anything runs
    runs_by_size = {}
    for entry in (args.runs_for or "").split(","):
        if "=" in entry:
            name, count = entry.split("=")
            runs_by_size[name.strip().upper()] = int(count)
    results = run_bench(
        sizes,
        args.runs,
        args.cap,
        Path(args.workdir),
        args.json,
        cross_linking=not args.no_cross_linking,
        preview=not args.no_preview,
        runs_by_size=runs_by_size,
        speedups=not args.no_speedups,
        log=lambda text: print(text, file=sys.stderr, flush=True),
        engine=None if args.engine == "worktree" else args.engine,
    )
    print(format_table(results))
    return 0


def add_arguments(parser) -> None:
    parser.add_argument(
        "--sizes",
        default="S,M,L,XL",
        help="comma-separated sizes (S=250, M=1000, L=2500, XL=5000 pages, or a number of pages)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the median is reported")
    parser.add_argument("--runs-for", default="", help="runs for particular sizes, e.g. L=2,XL=1")
    parser.add_argument("--cap", type=float, default=120.0, help="CPU seconds after which default MkDocs is stopped")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    parser.add_argument("--workdir", default=str(DEFAULT_WORKDIR), help="where the synthetic projects are written")
    parser.add_argument(
        "--no-cross-linking", action="store_true", help="skip timing our cross-linking steps at 3,000 pages"
    )
    parser.add_argument("--no-preview", action="store_true", help="skip the mkdocs serve rebuild")
    parser.add_argument("--no-speedups", action="store_true", help="skip the M build with speed-ups off and on")
    parser.add_argument(
        "--engine", default="HEAD", help="git revision of the engine to measure, or 'worktree' (default: HEAD)"
    )
