"""What tests that watch `mkdocs serve` share: the running preview, a free port, a polling wait.

The ``preview`` fixture (tests/conftest.py) starts one.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Preview:
    base: str  # the site's address, under site_url's path, without the final slash
    root: str  # the server itself: http://127.0.0.1:port
    log_path: Path

    def fetch(self, url_path: str) -> tuple[int, str]:
        """Status and text of ``base/url_path``; a 404 is an answer like any other."""
        try:
            with urllib.request.urlopen(f"{self.base}/{url_path}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode("utf-8")

    def build_after(self, build: int) -> int:
        """The build the server shows, asked as MkDocs' live-reload script asks: at once if
        it is newer than ``build``, else when one is (or after a minute)."""
        with urllib.request.urlopen(f"{self.root}/livereload/{build}/1", timeout=70) as response:
            return int(response.read())

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def wait_for(predicate: Callable[[], object], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False
