"""Raw HTML that the site's allow-list would remove, taken out at import and reported.

The build refuses a body whose HTML the sanitiser would change (``safety/raw_html.py``),
so the importer does the same removal itself, with the same allow-list, and reports each
with its source line: elements outside the list lose their tags (their text stays), those
whose content is code or another document (``<script>``, ``<iframe>``...) go with their
content, refused attributes (``style``, ``on...``) are removed from their tag. An
``<img src alt>`` becomes a Markdown image, so that its file is copied like any other.
Every edit keeps the number of lines, so later line numbers remain the source's.
"""

from __future__ import annotations

import re

from handbook.content.code_spans import without_code_spans
from handbook.importing.report import Report
from handbook.safety.raw_html import DROPPED_WITH_CONTENT, TAGS, attribute_refusal, start_tags

# Sectioning elements outside the allow-list whose only job in a page is to group blocks:
# as a div they keep their text, their class and their markdown="1".
AS_DIV = frozenset({"aside", "section", "article", "header", "footer", "main", "nav", "center"})


def clean(body: str, rel: str, first_line: int, report: Report) -> str:
    if "<" not in body:
        return body
    text = blank_code(body)
    edits: list[tuple[int, int, str]] = []
    removed_names: set[str] = set()
    renamed: set[str] = set()

    def line_of(offset: int) -> int:
        return first_line + text.count("\n", 0, offset)

    for tag in start_tags(text):
        end = tag.offset + len(tag.text)
        if edits and tag.offset < edits[-1][1]:
            continue  # inside an element already removed
        attributes = dict(tag.attributes)
        if tag.name == "img" and (src := attributes.get("src")):
            alt = (attributes.get("alt") or "").replace("]", ")").replace("[", "(")
            src = src.strip()
            edits.append((tag.offset, end, f"![{alt}]({f'<{src}>' if ' ' in src else src})"))
            report.add(rel, line_of(tag.offset), "html", "<img> became a Markdown image")
        elif tag.name in AS_DIV:
            kept = "".join(
                f' {name}="{_quoted(value)}"' if value is not None else f" {name}"
                for name, value in tag.attributes
                if not attribute_refusal("div", name, value)
            )
            edits.append((tag.offset, end, f"<div{kept}>"))
            renamed.add(tag.name)
            report.add(rel, line_of(tag.offset), "html", f"<{tag.name}> became <div> (the site allows div for blocks)")
        elif tag.name in DROPPED_WITH_CONTENT:
            closing = re.compile(rf"</{tag.name}\s*>", re.I).search(text, end)
            stop = closing.end() if closing else end
            edits.append((tag.offset, stop, ""))
            report.add(
                rel, line_of(tag.offset), "html", f"<{tag.name}> removed with its content (the site does not allow it)"
            )
        elif tag.name not in TAGS:
            edits.append((tag.offset, end, ""))
            removed_names.add(tag.name)
            report.add(
                rel,
                line_of(tag.offset),
                "html",
                f"<{tag.name}> tags removed, their text kept (the site does not allow the element)",
            )
        else:
            refused = [name for name, value in tag.attributes if attribute_refusal(tag.name, name, value)]
            if refused:
                kept = "".join(
                    f' {name}="{_quoted(value)}"' if value is not None else f" {name}"
                    for name, value in tag.attributes
                    if name not in refused
                )
                ending = "/>" if tag.text.rstrip().endswith("/>") else ">"
                edits.append((tag.offset, end, f"<{tag.name}{kept}{ending}"))
                report.add(
                    rel,
                    line_of(tag.offset),
                    "html",
                    f"removed {', '.join(refused)} from <{tag.name}> (not allowed on the site)",
                )
    for name in removed_names:
        for match in re.finditer(rf"</{re.escape(name)}\s*>", text, re.I):
            if not any(start <= match.start() < stop for start, stop, _ in edits):
                edits.append((match.start(), match.end(), ""))
    for name in renamed:
        for match in re.finditer(rf"</{re.escape(name)}\s*>", text, re.I):
            edits.append((match.start(), match.end(), "</div>"))
    out, position = [], 0
    for start, stop, replacement in sorted(edits):
        if start < position:
            continue
        out += [body[position:start], replacement, "\n" * body.count("\n", start, stop)]
        position = stop
    out.append(body[position:])
    return "".join(out)


def _quoted(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")  # also inside block quotes
_BRACKETED_DESTINATION = re.compile(r"\]\(<[^<>\n]*>")
_HUGO_SHORTCODE = re.compile(r"\{\{<.*?>\}\}")


def blank_code(body: str) -> str:
    """The body with code blocks and code spans as spaces, every offset kept (edits are made by offset)."""
    lines = body.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None or opening:
            if fence is None:
                assert opening is not None  # a fence opens on this line
                fence = opening.group(1)
            elif (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
                and not line[opening.end() :].strip()
            ):
                fence = None
            lines[number] = " " * len(line)
        else:
            if "`" in line:
                line = without_code_spans(line, keep_columns=True)
            if "](<" in line:  # a link destination in angle brackets, ](<my file.png>), is not a tag
                line = _BRACKETED_DESTINATION.sub(lambda match: "](" + " " * (len(match.group(0)) - 2), line)
            if "{{<" in line:  # a Hugo shortcode ({{< button href="/" >}}) is not HTML: the body pass reports it
                line = _HUGO_SHORTCODE.sub(lambda match: " " * len(match.group(0)), line)
            lines[number] = line
    return "\n".join(lines)
