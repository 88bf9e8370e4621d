"""Preview rebuilds on content changes outside docs/, with no state kept between builds."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from support import build, make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_glossary_or_handbook_file_changes(tmp_path):
    root = make_project(tmp_path)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        # MkDocs serves under site_url's path; it says where in its log.
        serving = lambda: [line.split("Serving on ", 1)[1].strip() for line in (tmp_path / "serve.log").read_text().splitlines() if "Serving on " in line]
        assert _wait_for(lambda: serving()), (tmp_path / "serve.log").read_text()
        base = serving()[0].rstrip("/")
        assert _wait_for(lambda: "Designing and delivering" in _fetch(f"{base}/glossary/co-production/"))
        term = root / "glossary" / "co-production.md"
        term.write_text(term.read_text().replace("Designing and delivering", "Shaping and running"))
        assert _wait_for(lambda: "Shaping and running" in _fetch(f"{base}/glossary/co-production/"))
        chapter = root / "handbooks" / "starter" / "going-further.md"
        chapter.write_text(chapter.read_text() + "\nA new closing line.\n")
        assert _wait_for(lambda: "A new closing line." in _fetch(f"{base}/handbooks/starter/going-further/"))
        # The same hook module served three builds; a fresh build of the same files must
        # list exactly as many links (nothing recorded twice, nothing kept from before).
        served = {url: _fetch(f"{base}/{url}") for url in ("glossary/", "glossary/co-production/", "evidence/holt-lunstad-2010/")}
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    fresh = build(root)
    assert fresh.returncode == 0, fresh.log
    for url, html in served.items():
        assert html.count("<a ") == fresh.html(url).count("<a "), url


def test_the_model_loads_without_mkdocs():
    code = ("import sys; from handbook import load_corpus; from support import SAMPLE; "
            "r = load_corpus(SAMPLE); assert r.ok and len(r.corpus) > 10; "
            "assert not any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules), 'mkdocs was imported'")
    tests_dir = os.path.dirname(os.path.dirname(__file__))
    result = subprocess.run([sys.executable, "-c", code], cwd=tests_dir, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


REBUILDS = """
import gc
from mkdocs.config import load_config
from mkdocs.commands.build import build
config = load_config("mkdocs.yml")
config.plugins.on_startup(command="serve", dirty=False)  # as mkdocs serve does, once
for _ in range(8):
    build(load_config("mkdocs.yml"))  # as each of its rebuilds does
    print(len(gc.get_objects()))
"""


def test_rebuilds_in_one_process_do_not_keep_earlier_builds(tmp_path):
    # mkdocs serve rebuilds in one process: what an earlier build made must be freed, or
    # every preview adds to the memory held (tens of megabytes at a thousand pages).
    root = make_project(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"}
    done = subprocess.run([sys.executable, "-c", REBUILDS], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    objects = [int(line) for line in done.stdout.split()]
    assert len(objects) == 8
    # Measured from the second build on: how much of the first build's garbage is still
    # uncollected when it ends depends on where the collector's counters stood.
    assert max(objects[2:]) < 1.1 * objects[1], objects
