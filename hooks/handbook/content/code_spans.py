"""Code spans in a line of Markdown, found in near-linear time.

Several checks read Markdown source with code left out (a `TODO:` or `<script>` shown as
code is not one). The regular expression they used, ``(`+)(?:(?!\\1).)+?\\1``, backtracks
on a line of backticks: two seconds for 800 of them, minutes for a few thousand, so one
line in a pull request could stall `handbook check` and the build. Here a run of
backticks opens a span that the next run of the same length closes (as CommonMark reads
them); the closing run is found by bisection among the runs of that length.
"""

from __future__ import annotations

import bisect
import re

_BACKTICKS = re.compile(r"`+")


def code_span_ranges(line: str) -> list[tuple[int, int]]:
    """(start, end) of every code span in a line, backticks included."""
    if "`" not in line:
        return []
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans, index = [], 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        following = bisect.bisect_right(same, index)
        if following == len(same):
            index += 1  # no closing run: these backticks are text
            continue
        closing = same[following]
        spans.append((start, runs[closing][1]))
        index = closing + 1
    return spans


def without_code_spans(line: str, keep_columns: bool = False) -> str:
    """The line with its code spans removed (or, with ``keep_columns``, blanked with spaces)."""
    kept, position = [], 0
    for start, end in code_span_ranges(line):
        kept.append(line[position:start])
        if keep_columns:
            kept.append(" " * (end - start))
        position = end
    kept.append(line[position:])
    return "".join(kept)
