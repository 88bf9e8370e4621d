"""`handbook links` finds the corpus's external links and checks them (here against a local server)."""

from __future__ import annotations

import http.server
import threading

import pytest

from handbook import load_corpus
from handbook.cli.linkcheck import MARKER, ExternalLink, check_links, collect_links, report_markdown
from handbook.cli.main import main


class Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self, head: bool) -> None:
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/no-head" and head:
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/busy":
            self.send_response(429)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):  # the stdlib's naming
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_statuses(server):
    links = [ExternalLink(f"{server}/{name}", ["x.md:1: url"]) for name in ("ok", "no-head", "moved", "gone", "busy")]
    results = {r.link.url.rsplit("/", 1)[1]: r for r in check_links(links, timeout=5, workers=2)}
    assert [name for name, r in results.items() if not r.ok] == ["gone"]
    assert results["gone"].reason == "HTTP 404"
    assert (results["busy"].ok, results["busy"].checked) == (True, False)
    assert results["moved"].reason == "HTTP 200"


def test_refused_connection_is_broken():
    [result] = check_links([ExternalLink("http://127.0.0.1:9/nothing", [])], timeout=5)
    assert not result.ok and result.reason.startswith("cannot connect")


def test_collects_fields_and_markdown_links(tmp_path, make_project):
    root = make_project(tmp_path / "p", git=False)
    resource = root / "docs/resources/relationships-heatmap.md"
    resource.write_text(
        resource.read_text(encoding="utf-8").replace("kind: tool", "kind: tool\nurl: https://example.org/heatmap")
        + "\nSee [the site](https://example.org/more) and <https://example.org/auto>, not `[x](https://example.org/code)`.\n",
        encoding="utf-8",
    )
    links = {link.url: link.places for link in collect_links(load_corpus(root).corpus)}
    text = resource.read_text(encoding="utf-8").splitlines()
    body_line = next(n for n, line in enumerate(text, start=1) if "the site" in line)
    url_line = next(n for n, line in enumerate(text, start=1) if line.startswith("url:"))
    assert links == {
        "https://doi.org/10.1371/journal.pmed.1000316": ["docs/evidence/holt-lunstad-2010.md:7: doi"],
        "https://example.org/heatmap": [f"docs/resources/relationships-heatmap.md:{url_line}: url"],
        "https://example.org/more": [f"docs/resources/relationships-heatmap.md:{body_line}: link"],
        "https://example.org/auto": [f"docs/resources/relationships-heatmap.md:{body_line}: link"],
    }


def test_cli_reports_broken_links_as_markdown(tmp_path, server, capsys, make_project):
    root = make_project(tmp_path / "p", git=False)
    evidence = root / "docs/evidence/holt-lunstad-2010.md"
    evidence.write_text(
        evidence.read_text(encoding="utf-8").replace("doi: 10.1371/journal.pmed.1000316", f"url: {server}/gone"),
        encoding="utf-8",
    )
    organisation = root / "docs/organisations/enrol-yourself.md"
    organisation.write_text(
        organisation.read_text(encoding="utf-8").replace("listing:", f"website: {server}/ok\nlisting:"),
        encoding="utf-8",
    )
    report_path = tmp_path / "links.md"
    assert main(["--root", str(root), "links", "--markdown", "--output", str(report_path), "--timeout", "5"]) == 1
    report = report_path.read_text(encoding="utf-8")
    assert report.startswith(MARKER)
    assert "2 distinct external links checked: **1 broken**" in report
    assert f"| <{server}/gone> | HTTP 404 | `docs/evidence/holt-lunstad-2010.md:7: url` |" in report
    assert main(["--root", str(root), "links", "--timeout", "5"]) == 1
    assert capsys.readouterr().out == f"docs/evidence/holt-lunstad-2010.md:7: url: {server}/gone: HTTP 404\n"


def test_report_with_nothing_broken():
    assert "**0 broken**" in report_markdown([])
