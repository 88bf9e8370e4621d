"""Render print documents to PDF with WeasyPrint: in parallel, cached by content hash.

Each job's HTML is complete (cover, contents, sections, appendices, inline style), so a
worker process needs nothing but the HTML. A finished PDF is kept in the cache folder
under its job's key; a build whose document has not changed copies it from there.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import closing
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from handbook.outputs.pdf_document import PrintJob
from handbook.safety.atomic_output import pid_alive
from handbook.safety.child_processes import end_with_parent, stop

PDF_VARIANT = "pdf/ua-1"  # tagged PDF for screen readers: structure tree, language, title
WORKERS = 2


@dataclass(frozen=True)
class RenderTask:
    """What a worker process needs: plain, picklable data."""

    key: str
    html: str
    base_url: str
    cache_dir: str
    readable: tuple[str, ...] = ()  # the only folders the PDF may read files from (see pdf_fetcher)
    tune_pdf_writer: bool = False  # the build's pdf_page_references speed-up (handbook.settings)


@dataclass(frozen=True)
class RenderedPdf:
    key: str
    path: Path  # the PDF in the cache
    pages: int
    seconds: float  # rendering time; 0 when it came from the cache
    cached: bool
    # What WeasyPrint could not do (an image it could not load), kept with the cached PDF
    # so that a build that reuses it says so again.
    errors: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def engine_version() -> str:
    """Part of every cache key: a new WeasyPrint renders everything again."""
    return f"weasyprint {metadata.version('weasyprint')} {PDF_VARIANT}"


class _Collected(logging.Handler):
    """WeasyPrint's errors while one document renders ("Failed to load image at ...")."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if (
            str(record.msg).startswith("Failed to load image")
            and isinstance(record.args, tuple)
            and len(record.args) == 2
        ):
            url, error = record.args  # WeasyPrint 70: (url, the fetching or decoding error)
            cause = getattr(error, "__cause__", None)
            reason = str(error) or (f"{type(cause).__name__}: {cause}" if cause else type(error).__name__)
            self.messages.append(f"could not embed the image {url} ({reason})")
        else:
            self.messages.append(record.getMessage())


def render_task(task: RenderTask) -> RenderedPdf:
    """Render one PDF into the cache (in a worker process)."""
    import weasyprint

    from handbook.mkdocs.speedups import keep_pdf_page_references  # the fenced reach-ins, pydyf's among them
    from handbook.outputs.pdf_fetcher import LocalFilesFetcher

    if task.tune_pdf_writer:  # the build's setting (speedups on); see handbook.mkdocs.speedups
        keep_pdf_page_references()
    started = time.perf_counter()
    collected = _Collected()
    weasyprint_log = logging.getLogger("weasyprint")
    weasyprint_log.addHandler(collected)
    try:
        document = weasyprint.HTML(
            string=task.html, base_url=task.base_url, url_fetcher=LocalFilesFetcher(task.readable)
        ).render()
    finally:
        weasyprint_log.removeHandler(collected)
    cache = Path(task.cache_dir)
    target = cache / f"{task.key}.pdf"
    partial = cache / f"{task.key}.{os.getpid()}.part"
    document.write_pdf(partial, pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    os.replace(partial, target)
    pages = len(document.pages)
    errors = tuple(dict.fromkeys(collected.messages))
    (cache / f"{task.key}.json").write_text(json.dumps({"pages": pages, "errors": errors}), encoding="utf-8")
    return RenderedPdf(task.key, target, pages, time.perf_counter() - started, cached=False, errors=errors)


def from_cache(cache_dir: Path, key: str) -> RenderedPdf | None:
    pdf, facts = cache_dir / f"{key}.pdf", cache_dir / f"{key}.json"
    if not (pdf.is_file() and facts.is_file()):
        return None
    try:
        recorded = json.loads(facts.read_text(encoding="utf-8"))
        pages = int(recorded["pages"])
        errors = tuple(str(error) for error in recorded.get("errors", ()))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    os.utime(pdf)  # recently used: kept by prune()
    return RenderedPdf(key, pdf, pages, 0.0, cached=True, errors=errors)


def prune(cache_dir: Path, keep_days: float = 14) -> int:
    """Remove cached PDFs nobody has used for ``keep_days`` (other branches may still want
    the recent ones), and half-written ones of killed builds; returns how many PDFs were removed."""
    cutoff = time.time() - keep_days * 86400
    removed = 0
    for partial in cache_dir.glob("*.*.part"):  # <key>.<pid>.part: written by a worker that was killed
        pid = partial.suffixes[-2][1:]
        if pid.isdigit() and not pid_alive(int(pid)):
            partial.unlink(missing_ok=True)
    for pdf in cache_dir.glob("*.pdf"):
        if pdf.stat().st_mtime < cutoff:
            pdf.unlink(missing_ok=True)
            pdf.with_suffix(".json").unlink(missing_ok=True)
            removed += 1
    return removed


@dataclass(frozen=True)
class FailedPdf:
    key: str
    error: str


def render_all(
    jobs: list[PrintJob],
    cache_dir: Path,
    base_url: str,
    readable: tuple[Path, ...] = (),
    on_done: Callable[[PrintJob, RenderedPdf], None] = lambda job, pdf: None,
    on_failed: Callable[[PrintJob, str], None] = lambda job, error: None,
    tune_pdf_writer: bool = False,
) -> dict[str, RenderedPdf]:
    """Render every job not in the cache, ``WORKERS`` at a time; returns key -> PDF.

    A document WeasyPrint cannot render is reported through ``on_failed`` and left out;
    the others are still made. The documents may read files inside ``readable`` folders
    only (images); one that cannot be read is listed in the PDF's ``errors``.
    ``tune_pdf_writer``: the workers use the pydyf speed-up (the build's settings say so).
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, RenderedPdf] = {}
    to_render: dict[str, PrintJob] = {}
    for job in jobs:
        hit = from_cache(cache_dir, job.key)
        if hit is not None:
            results[job.key] = hit
            on_done(job, hit)
        else:
            to_render.setdefault(job.key, job)
    folders = tuple(str(folder) for folder in readable)
    tasks = [
        RenderTask(job.key, job.html, base_url, str(cache_dir), folders, tune_pdf_writer) for job in to_render.values()
    ]
    with closing(_run(tasks)) as outcomes:  # closed at once if a callback raises: the workers end
        for outcome in outcomes:
            if isinstance(outcome, FailedPdf):
                on_failed(to_render[outcome.key], outcome.error)
            else:
                results[outcome.key] = outcome
                on_done(to_render[outcome.key], outcome)
    return results


def _attempt(task: RenderTask) -> RenderedPdf | FailedPdf:
    try:
        return render_task(task)
    except Exception as error:  # noqa: BLE001 - any failure of one PDF is reported, not raised
        return FailedPdf(task.key, f"{type(error).__name__}: {error}")


def _run(tasks: list[RenderTask]) -> Generator[RenderedPdf | FailedPdf, None, None]:
    if len(tasks) <= 1:  # not worth a process pool
        yield from map(_attempt, tasks)
        return
    # On Linux the workers are forked after WeasyPrint is imported here, so they start
    # at once; elsewhere (fork is unsafe on macOS, missing on Windows) they are spawned.
    fork = sys.platform.startswith("linux")
    if fork:
        import weasyprint  # noqa: F401 - imported for the forked workers to inherit
    # Largest first, so the two workers finish at about the same time.
    tasks = sorted(tasks, key=lambda t: len(t.html), reverse=True)
    context = multiprocessing.get_context("fork" if fork else "spawn")
    others = set(multiprocessing.active_children())
    # Each worker ends if this process dies (killed, it cannot shut the pool down).
    pool = ProcessPoolExecutor(
        max_workers=min(WORKERS, len(tasks)), mp_context=context, initializer=end_with_parent, initargs=(os.getpid(),)
    )
    try:
        for future in as_completed([pool.submit(_attempt, task) for task in tasks]):
            yield future.result()
    except BaseException:  # an error, Ctrl-C, or the caller stopped early: do not wait for the other PDFs
        pool.shutdown(wait=False, cancel_futures=True)
        stop(process for process in multiprocessing.active_children() if process not in others)
        raise
    pool.shutdown()


def publish(pdf: RenderedPdf, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf.path, destination)
