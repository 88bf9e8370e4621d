"""``handbook links``: check the external links of the corpus (weekly in CI, never in PRs).

Links come from the fields that hold them (evidence ``url`` and ``doi``, resource ``url``,
organisation ``website``, perspective ``source.url``) and from Markdown links in the
bodies. Each distinct URL is requested once, a few at a time; a HEAD request first, then
GET for servers that refuse HEAD. Timeouts and rate limits are "could not check", not
"broken": a flaky server should not open an issue.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from handbook.content.code_spans import without_code_spans
from handbook.content.corpus import Corpus
from handbook.content.model import Evidence, Organisation, Resource, Term

MARKER = "<!-- handbook-link-report -->"
USER_AGENT = "relationships-handbooks-linkcheck/1.0 (+https://github.com/relationships-project/handbooks)"
# Markdown links and autolinks to http(s) URLs, in Markdown source.
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?(https?://[^\s)>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<(https?://[^\s>]+)>")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RETRY_WITH_GET = {400, 403, 404, 405, 406, 429, 501, 503}
_NOT_CHECKABLE = {401, 429, 999}  # login walls and rate limits say nothing about the link


@dataclass
class ExternalLink:
    url: str
    places: list[str] = field(default_factory=list)  # "path:line: field"


@dataclass
class LinkResult:
    link: ExternalLink
    ok: bool
    checked: bool  # False when the server could not say (timeout, rate limit)
    reason: str


def collect_links(corpus: Corpus) -> list[ExternalLink]:
    links: dict[str, ExternalLink] = {}
    texts: dict[str, list[str]] = {}

    def add(url: str | None, path: str, field_name: str, line: int | None = None) -> None:
        if not url or not url.startswith(("http://", "https://")):
            return
        if line is None:
            line = _line_of(corpus, texts, path, url)
        links.setdefault(url, ExternalLink(url)).places.append(f"{path}:{line}: {field_name}")

    for item in corpus:
        if isinstance(item, Evidence):
            add(item.url, item.path, "url")
            if item.doi:
                add(f"https://doi.org/{item.doi}", item.path, "doi", _line_of(corpus, texts, item.path, item.doi))
        elif isinstance(item, Resource):
            add(item.url, item.path, "url")
        elif isinstance(item, Organisation):
            add(item.website, item.path, "website")
        elif isinstance(item, Term):
            for index, perspective in enumerate(item.perspectives):
                if perspective.source is not None:
                    add(perspective.source.url, item.path, f"perspectives[{index}].source.url")
        for line_number, url in _body_links(item.body):
            add(url, item.path, "link", item.body_line + line_number - 1)
    return sorted(links.values(), key=lambda link: link.url)


def _body_links(body: str) -> list[tuple[int, str]]:
    found = []
    in_fence = False
    for number, line in enumerate(body.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in _MARKDOWN_LINK.finditer(without_code_spans(line)):
            found.append((number, match.group(1) or match.group(2)))
    return found


def _line_of(corpus: Corpus, texts: dict[str, list[str]], path: str, needle: str) -> int:
    """The first line of a file that holds ``needle`` (the model keeps no field lines)."""
    if path not in texts:
        try:
            texts[path] = (corpus.root / path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            texts[path] = []
    for number, line in enumerate(texts[path], start=1):
        if needle in line:
            return number
    return 1


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # follows redirects
        return response.status


def check_url(link: ExternalLink, timeout: float = 20.0) -> LinkResult:
    status = None
    for method in ("HEAD", "GET"):
        try:
            status = _request(link.url, method, timeout)
            return LinkResult(link, True, True, f"HTTP {status}")
        except urllib.error.HTTPError as error:
            status = error.code
            if method == "HEAD" and status in _RETRY_WITH_GET:
                continue
            break
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                return LinkResult(link, True, False, "timed out")
            return LinkResult(link, False, True, f"cannot connect: {reason}")
    if status in _NOT_CHECKABLE:
        return LinkResult(link, True, False, f"HTTP {status}")
    return LinkResult(link, False, True, f"HTTP {status}")


def check_links(links: list[ExternalLink], timeout: float = 20.0, workers: int = 8) -> list[LinkResult]:
    if not links:
        return []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda link: check_url(link, timeout), links))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def report_markdown(results: list[LinkResult]) -> str:
    broken = [r for r in results if not r.ok]
    unchecked = [r for r in results if r.ok and not r.checked]
    out = [
        MARKER,
        "## External links",
        "",
        f"{len(results)} distinct external links checked: **{len(broken)} broken**, {len(unchecked)} could not be checked.",
    ]
    if broken:
        out += ["", "| link | problem | where |", "|---|---|---|"]
        out += [
            f"| <{_cell(r.link.url)}> | {_cell(r.reason)} | {'<br>'.join(f'`{_cell(p)}`' for p in r.link.places)} |"
            for r in broken
        ]
        out += [
            "",
            "Fix each at the file and line given: correct the address, or remove the field "
            "rather than guess (see docs/contribute/content-model.md).",
        ]
    if unchecked:
        out += ["", "<details><summary>Could not be checked this time</summary>", ""]
        out += [f"- <{r.link.url}>: {r.reason}" for r in unchecked]
        out += ["", "</details>"]
    out += ["", "<sub>Generated by `handbook links`.</sub>"]
    return "\n".join(out) + "\n"
