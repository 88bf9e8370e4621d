"""Limits on a Markdown body, checked before Python-Markdown ever sees it.

Python-Markdown parses nested blocks by recursion and some inline patterns by scanning
ahead, so a small hostile body can crash or stall the build (measured with this site's
extensions, Python-Markdown 3, one body alone):

- nested lists cost about the cube of their depth: 0.06 s at 100 levels, 0.4 s at 200,
  a RecursionError at 400 after 3 s, and no end in sight at 1,000;
- nested admonitions and ``<div markdown>`` blocks raise RecursionError at a few hundred
  levels; nested ``details`` take 9 s at 1,000;
- a run of 3,000 nested ``*`` or ``_`` raises RecursionError;
- every ``[`` or ``<`` without its closing mark scans to the end of its paragraph,
  so 3,000 of them in one paragraph take over a second, 30,000 over twenty.

Each limit below is far above what the real handbooks use and far below where trouble
starts. The checks are linear: a few ``str.count`` calls and one regular expression per
body, and a line-by-line pass only for the rare body that comes near a limit.
"""

from __future__ import annotations

import re

from handbook.content.problems import Problem

# The largest real body (docs/contribute/content-model.md) is 17 KB, and the largest
# ever (the old performance journal, mostly tables) was 32 KB; 256 KiB is eight times
# that, some 40,000 words. Python-Markdown converts it in one to three seconds
# whatever it holds.
MAX_BODY_BYTES = 256 * 1024
# Real bodies nest two levels at most (a list inside a list, a quote). At 16 levels a
# list converts in 2 ms; trouble starts at about a hundred.
MAX_NESTING = 16
# '[' and '<' in one paragraph, list item or table row: real content has at most 24.
# With 64, a whole 256 KiB body of unclosed '[' converts in about three seconds. Unclosed
# '<' cost more, since html.parser scans from each to the end of the whole body, not of
# its paragraph: raw_html.MAX_UNCLOSED_TAGS bounds those per body.
MAX_OPENERS = 64
# '*' and '_' in one paragraph: real content has a few dozen at most; runs of about
# a thousand nested ones overflow the stack.
MAX_EMPHASIS_MARKS = 256

_FENCE = re.compile(r"^\s*(```|~~~)")
# One level of block nesting at the start of a line: four columns of indentation (or a
# tab), a '>' quote mark or a list marker. Atomic groups keep the search linear.
_LEVEL = r"(?>[ ]{4}|[ ]{0,3}\t|[ ]{0,3}>[ ]?|[ ]{0,3}(?:[-*+]|\d{1,9}[.)])[ ]+)"
_ONE_LEVEL = re.compile(_LEVEL)
_LEVELS = re.compile(r"^" + _LEVEL + "*+")
# Every level takes at least one of these characters, so a line nested too deep starts
# with more of them than the limit. Searching for a newline first is much faster than '^'.
_MAYBE_DEEP = re.compile(r"\n[ \t>*+\-\d.)]{%d}" % (MAX_NESTING + 1))  # noqa: UP031 - no {{ }} in a regex
_HTML_OPEN = re.compile(r"^\s*<[A-Za-z][^>]*\bmarkdown\b")
_HTML_CLOSE = re.compile(r"^\s*</[A-Za-z]")
_LIST_ITEM = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")


def limit_problems(body: str, first_line: int, rel_path: str) -> list[Problem]:
    """What in this body would crash or stall Python-Markdown, each at its line."""
    size = len(body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        start = first_line + 1 if body.startswith("\n") else first_line  # the body begins after the closing '---'
        return [
            Problem(
                rel_path,
                start,
                "body",
                f"is {size:,} bytes long",
                expected=f"at most {MAX_BODY_BYTES:,} bytes; split it into several pages",
            )
        ]
    found: list[Problem] = []
    tags = body.count("<")
    nested_html = tags > 0 and "markdown" in body  # md_in_html blocks nest too
    if _MAYBE_DEEP.search(body) or _MAYBE_DEEP.match("\n" + body[: MAX_NESTING + 1]) or nested_html:
        found += _nesting_problems(body, first_line, rel_path, nested_html)
    if body.count("[") + tags > MAX_OPENERS or body.count("*") + body.count("_") > MAX_EMPHASIS_MARKS:
        found += _inline_problems(body, first_line, rel_path)
    return found


def _lines_outside_fences(body: str):
    """(line number within the body, line) for each line outside fenced code blocks."""
    fence = None
    for number, line in enumerate(body.splitlines(), start=1):
        marker = _FENCE.match(line)
        if marker:
            if fence is None:
                fence = marker.group(1)
            elif fence == marker.group(1):
                fence = None
            continue
        if fence is None:
            yield number, line


def _nesting_problems(body: str, first_line: int, rel_path: str, nested_html: bool) -> list[Problem]:
    open_html = 0
    for number, line in _lines_outside_fences(body):
        if nested_html:
            if _HTML_OPEN.match(line) and "</" not in line:
                open_html += 1
            elif _HTML_CLOSE.match(line):
                open_html = max(0, open_html - 1)
        prefix = _LEVELS.match(line)
        assert prefix is not None  # it matches the empty string
        depth = open_html + len(_ONE_LEVEL.findall(prefix.group(0)))
        if depth > MAX_NESTING:
            return [
                Problem(
                    rel_path,
                    first_line + number - 1,
                    "body",
                    f"nests lists, quotes or blocks {depth} levels deep",
                    expected=f"at most {MAX_NESTING} levels",
                )
            ]
    return []


def _inline_problems(body: str, first_line: int, rel_path: str) -> list[Problem]:
    """The first inline run (paragraph, list item, table row) with too many brackets or emphasis marks.

    Runs are split as Python-Markdown splits them: at blank lines; at each item of a list
    that began after a blank line (a list cannot interrupt a paragraph); at each row of
    a table once its rule line is seen.
    """
    run = _Run(first_line, rel_path)
    block = None  # "list", "table" or "text": the block the current run belongs to
    for number, line in _lines_outside_fences(body):
        if not line.strip():
            block = None
            if problem := run.close():
                return [problem]
            continue
        if block is None:
            block = "list" if _LIST_ITEM.match(line) else "text"
            run.start(number)
        elif (block == "list" and _LIST_ITEM.match(line)) or block == "table":
            if problem := run.close():
                return [problem]
            run.start(number)
        elif _TABLE_RULE.match(line):
            block = "table"
        run.add(line)
    problem = run.close()
    return [problem] if problem else []


class _Run:
    """The counts of one inline run, and the problem once it has too many."""

    def __init__(self, first_line: int, rel_path: str):
        self.first_line, self.rel_path = first_line, rel_path
        self.line, self.openers, self.emphasis = 1, 0, 0
        self.problem: Problem | None = None

    def start(self, number: int) -> None:
        self.line, self.openers, self.emphasis = number, 0, 0

    def add(self, line: str) -> None:
        self.openers += line.count("[") + line.count("<")
        self.emphasis += line.count("*") + line.count("_")

    def close(self) -> Problem | None:
        """The problem once the run just ended (or an earlier one) breaks a limit."""
        line = self.first_line + self.line - 1
        if self.openers > MAX_OPENERS:
            self.problem = Problem(
                self.rel_path,
                line,
                "body",
                f"has {self.openers} '[' and '<' in one paragraph",
                expected=f"at most {MAX_OPENERS}; close each link and tag, or split the paragraph",
            )
        elif self.emphasis > MAX_EMPHASIS_MARKS:
            self.problem = Problem(
                self.rel_path,
                line,
                "body",
                f"has {self.emphasis} '*' and '_' in one paragraph",
                expected=f"at most {MAX_EMPHASIS_MARKS}; split the paragraph",
            )
        self.openers = self.emphasis = 0
        return self.problem
