"""A built site served on localhost: the browser tests' constants and the served site itself.

The fixtures that build and serve a site (``mkdocs_build``, ``serve``) are in conftest.py.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.support import REPO

CHROMIUM = "/usr/bin/chromium"  # Debian's chromium: Playwright's own browser download does not work here
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 720}  # a common laptop screen
PHONE = {"width": 360, "height": 740}
# HANDBOOK_PDF=0 and HANDBOOK_OFFLINE_COPY=0: no PDFs and no offline copy, so the real
# site builds in seconds; tests/e2e/test_pdf.py and test_offline.py build the small
# sample with them instead.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE_COPY": "0"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass


@dataclass
class ServedSite:
    """A built site served over HTTP on a free local port."""

    folder: Path
    server: ThreadingHTTPServer
    build_log: str = field(default="", repr=False)
    thread: threading.Thread = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str = "") -> str:
        """The absolute URL of a site path such as 'glossary/co-production/'."""
        return f"{self.origin}/{path.lstrip('/')}"

    def path_of(self, url: str) -> str:
        """The site path of an absolute URL on this server, without its query or fragment."""
        assert url.startswith(self.origin), url
        return url[len(self.origin) + 1 :].split("#")[0].split("?")[0]

    def pages(self) -> list[Path]:
        return sorted(self.folder.rglob("*.html"))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @classmethod
    def start(cls, folder: Path, build_log: str = "") -> ServedSite:
        """``folder`` served on a free port of 127.0.0.1 until ``close()``."""
        handler = functools.partial(_QuietHandler, directory=str(folder))
        return cls(folder, ThreadingHTTPServer(("127.0.0.1", 0), handler), build_log)
