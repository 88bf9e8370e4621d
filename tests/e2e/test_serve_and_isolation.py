"""Preview rebuilds on content changes outside docs/, with no state kept between builds."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.preview_server import wait_for


def test_serve_rebuilds_when_a_glossary_or_handbook_file_changes(tmp_path, make_project, build, preview):
    root = make_project(tmp_path)
    with preview(root, tmp_path / "serve.log") as site:

        def page(url_path: str) -> str:
            return site.fetch(url_path)[1]

        assert wait_for(lambda: "Designing and delivering" in page("glossary/co-production/")), site.log()
        term = root / "glossary" / "co-production.md"
        term.write_text(term.read_text().replace("Designing and delivering", "Shaping and running"))
        assert wait_for(lambda: "Shaping and running" in page("glossary/co-production/"))
        chapter = root / "handbooks" / "starter" / "going-further.md"
        chapter.write_text(chapter.read_text() + "\nA new closing line.\n")
        assert wait_for(lambda: "A new closing line." in page("handbooks/starter/going-further/"))
        # The same hook module served three builds; a fresh build of the same files must
        # list exactly as many links (nothing recorded twice, nothing kept from before).
        served = {url: page(url) for url in ("glossary/", "glossary/co-production/", "evidence/holt-lunstad-2010/")}
    fresh = build(root)
    assert fresh.returncode == 0, fresh.log
    for url, html in served.items():
        assert html.count("<a ") == fresh.html(url).count("<a "), url


def test_the_model_loads_without_mkdocs():
    code = (
        "import sys; from handbook import load_corpus; from support import SAMPLE; "
        "r = load_corpus(SAMPLE); assert r.ok and len(r.corpus) > 10; "
        "assert not any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules), 'mkdocs was imported'"
    )
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


def test_rebuilds_in_one_process_do_not_keep_earlier_builds(tmp_path, make_project):
    # mkdocs serve rebuilds in one process: what an earlier build made must be freed, or
    # every preview adds to the memory held (tens of megabytes at a thousand pages).
    root = make_project(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"}
    done = subprocess.run(
        [sys.executable, "-c", REBUILDS], cwd=root, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    objects = [int(line) for line in done.stdout.split()]
    assert len(objects) == 8
    # Measured from the second build on: how much of the first build's garbage is still
    # uncollected when it ends depends on where the collector's counters stood.
    assert max(objects[2:]) < 1.1 * objects[1], objects
