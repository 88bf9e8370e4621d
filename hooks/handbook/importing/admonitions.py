"""Callouts as Docusaurus, MyST, GitBook, Hugo themes and GitHub write them, as the site's ``!!!`` admonitions.

Each syntax maps line for line (an opening line becomes ``!!! type "title"``, a closing line
becomes blank, the lines inside are indented), so the report's line numbers stay those of
the source. A callout type with no admonition of its own is reported and left as written.
Openings indented by four spaces or more are code (an indented code block), not callouts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.importing.report import Report

# Source callout types -> the admonition types the site's theme styles.
TYPES = {
    "note": "note",
    "info": "info",
    "tip": "tip",
    "hint": "tip",
    "important": "info",
    "seealso": "info",
    "caution": "warning",
    "warning": "warning",
    "attention": "warning",
    "danger": "danger",
    "error": "danger",
    "success": "success",
    "check": "success",
    "question": "question",
    "example": "example",
    "quote": "quote",
    "abstract": "abstract",
    "summary": "abstract",
    "tldr": "abstract",
    "bug": "bug",
    "failure": "failure",
}
# ":::tip Title", ":::tip[Title]", ":::{note} Title"; not mkdocstrings' "::: package.module"
_COLON_OPEN = re.compile(r"^ {0,3}(:{3,})\s*\{?([A-Za-z][\w-]*)\}?(?=[\s\[]|$)(?:\[([^\]]*)\])?\s*(.*?)\s*$")
_COLON_CLOSE = re.compile(r"^ {0,3}(:{3,})\s*$")
_DIRECTIVE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\{([\w-]+)\}\s*(.*?)\s*$")
_DIRECTIVE_OPTION = re.compile(r"^\s*:[\w-]+:")
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")  # also inside block quotes
_GITBOOK_HINT = re.compile(r"""^ {0,3}\{%\s*hint\s+style\s*=\s*["']?(\w+)["']?\s*%\}\s*$""")
_GITBOOK_END = re.compile(r"^\s*\{%\s*endhint\s*%\}\s*$")
_HUGO_OPEN = re.compile(
    r"""^ {0,3}\{\{([<%])\s*(hint|notice|callout|admonition)(?:\s+(?:type\s*=\s*)?["']?(\w+)["']?)?\s*(?:title\s*=\s*)?["']?([^"'>%]*?)["']?\s*[>%]\}\}\s*$"""
)
_HUGO_CLOSE = re.compile(r"^\s*\{\{[<%]\s*/\s*(hint|notice|callout|admonition|details)\s*[>%]\}\}\s*$")
# Hugo's {{% details "Title" [open] %}}: a collapsible block, pymdownx.details' ??? (???+ when open).
_HUGO_DETAILS = re.compile(
    r"""^ {0,3}\{\{[<%]\s*details\s+(?:title\s*=\s*)?["']([^"']*)["']\s*(open)?\s*[>%]\}\}\s*$"""
)
_ALERT = re.compile(r"^ {0,3}>\s*\[!(\w+)\]\s*(.*?)\s*$")
_QUOTED = re.compile(r"^\s*> ?")


@dataclass
class _Frame:
    closer: str  # "colon", "fence", "gitbook", "hugo", "alert"
    mark: str  # the fence characters that close it


def convert(lines: list[str], rel: str, first_line: int, report: Report) -> list[str]:
    out: list[str] = []
    stack: list[_Frame] = []
    fence: str | None = None

    def indent() -> str:
        return "    " * len(stack)

    def open_(kind: str, mark: str, source_type: str, title: str, index: int, syntax: str, marker: str = "!!!") -> None:
        mapped = TYPES.get(source_type.lower())
        line = first_line + index
        if mapped:
            title_part = f' "{title.replace(chr(34), chr(39))}"' if title else ""
            out.append(f"{indent()}{marker} {mapped}{title_part}")
            report.add(rel, line, "callout", f"{syntax} became the admonition {marker} {mapped}")
            stack.append(_Frame(kind, mark))
        else:  # its closing line, if any, is left as written too
            out.append(indent() + lines[index])
            report.add(rel, line, "callout", f"{syntax} has no matching admonition: left as written")

    def close(index: int) -> None:
        stack.pop()
        out.append("")

    for index, line in enumerate(lines):
        if stack and stack[-1].closer == "alert":
            if line.lstrip().startswith(">"):
                out.append(indent() + _QUOTED.sub("", line, count=1))
                continue
            stack.pop()
        if fence:
            out.append(indent() + line if line.strip() else "")
            closing = _FENCE.match(line)
            if (
                closing
                and closing.group(1)[0] == fence[0]
                and len(closing.group(1)) >= len(fence)
                and not line[closing.end() :].strip()
            ):
                fence = None
            continue
        top = stack[-1] if stack else None
        if (
            top
            and top.closer == "fence"
            and (closing := _FENCE.match(line))
            and closing.group(1)[0] == top.mark[0]
            and len(closing.group(1)) >= len(top.mark)
            and not line[closing.end() :].strip()
        ):
            close(index)
        elif (
            top
            and top.closer == "fence"
            and _DIRECTIVE_OPTION.match(line)
            and out
            and out[-1].lstrip().startswith("!!!")
        ):
            out.append("")
            report.add(rel, first_line + index, "callout", f"option '{line.strip()}' dropped")
        elif match := _DIRECTIVE_FENCE.match(line):
            if TYPES.get(match.group(2).lower()):
                open_(
                    "fence",
                    match.group(1),
                    match.group(2),
                    match.group(3),
                    index,
                    f"the directive {{{match.group(2)}}}",
                )
            else:
                report.add(
                    rel,
                    first_line + index,
                    "callout",
                    f"the directive {{{match.group(2)}}} has no equivalent: left as a code block",
                )
                out.append(indent() + line)
                fence = match.group(1)
        elif (match := _COLON_CLOSE.match(line)) and top and top.closer == "colon" and len(match.group(1)) >= 3:
            close(index)
        elif match := _COLON_OPEN.match(line):
            open_(
                "colon",
                match.group(1),
                match.group(2),
                match.group(3) or match.group(4),
                index,
                f"'{match.group(1)}{match.group(2)}'",
            )
        elif match := _GITBOOK_HINT.match(line):
            open_("gitbook", "", match.group(1), "", index, f"the GitBook hint '{match.group(1)}'")
        elif _GITBOOK_END.match(line) and top and top.closer == "gitbook":
            close(index)
        elif match := _HUGO_OPEN.match(line):
            source_type = match.group(3) or "note"
            open_(
                "hugo",
                match.group(2),
                source_type,
                match.group(4),
                index,
                f"the Hugo shortcode '{match.group(2)} {source_type}'",
            )
        elif match := _HUGO_DETAILS.match(line):
            open_(
                "hugo",
                "details",
                "note",
                match.group(1),
                index,
                "the Hugo shortcode 'details'",
                marker="???+" if match.group(2) else "???",
            )
        elif _HUGO_CLOSE.match(line) and top and top.closer == "hugo":
            close(index)
        elif match := _ALERT.match(line):
            open_("alert", "", match.group(1), match.group(2), index, f"the alert [!{match.group(1)}]")
        else:
            opening = _FENCE.match(line)
            if opening:
                fence = opening.group(1)
            out.append(indent() + line if line.strip() else "")
    if any(frame.closer != "alert" for frame in stack):
        report.add(
            rel, first_line + len(lines) - 1, "callout", "a callout is never closed: it runs to the end of the page"
        )
    return out
