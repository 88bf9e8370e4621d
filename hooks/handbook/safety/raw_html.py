"""Raw HTML in page bodies: reduced to what handbooks need, and reported when it is not.

Markdown lets an author write HTML, and HTML can run scripts (``<script>``, ``onerror=``),
frame other sites (``<iframe>``) or restyle the page (``style``). A handbook needs little
of it: tables, figures, details, abbreviations, spans and divs with classes (for
``no-term-links``), line breaks. Those elements and attributes are allowed by list
(``TAGS``, ``ATTRIBUTES``); everything else is removed when the page is converted, by nh3
(the Python binding of Ammonia) for HTML that stays text, and by ``clean_element`` for the
elements md_in_html builds from ``<div markdown>`` blocks, with the same lists and the one
URL policy (``safety.urls``).

Removal alone would hide a contributor's intent from the reviewer, so ``body_problems``
reads the Markdown source before conversion and reports, with its line, every element
and attribute the sanitiser would remove and every Markdown link whose URL the policy
refuses. The loader runs it on every file, so ``handbook check`` and the build both fail.
"""

from __future__ import annotations

import bisect
import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from markdown.extensions.attr_list import get_attrs_and_remainder

from handbook.content.code_spans import without_code_spans
from handbook.content.problems import Problem
from handbook.outputs.html_tree import remove_keeping_tail
from handbook.safety.urls import Use, markdown_urls, refusal, shown

# -- the allow-lists ---------------------------------------------------------------------------
TAGS = frozenset(
    {
        # text
        "p",
        "br",
        "hr",
        "span",
        "div",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "mark",
        "small",
        "sub",
        "sup",
        "abbr",
        "dfn",
        "cite",
        "q",
        "kbd",
        "code",
        "samp",
        "var",
        "pre",
        "time",
        "wbr",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        # lists
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        # tables
        "table",
        "caption",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        # figures and disclosure
        "figure",
        "figcaption",
        "img",
        "details",
        "summary",
    }
)
# Allowed on every element above. `markdown` is md_in_html's switch (<div markdown>),
# which it removes itself; `id` gives authors anchors to link to.
GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "markdown"})
GENERIC_PREFIXES = frozenset({"aria-"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan", "headers", "align"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "align", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
# Removed with everything inside them (their content is code or another document, not text).
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "noscript",
        "template",
        "textarea",
        "select",
        "svg",
        "math",
        "noembed",
        "noframes",
        "xmp",
        "title",
    }
)
# Attributes whose value a browser follows or fetches.
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "cite",
        "action",
        "formaction",
        "poster",
        "background",
        "data",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "ping",
        "xlink:href",
        "srcset",
        "manifest",
        "codebase",
        "icon",
    }
)
# What the rendered tree may never carry, whatever put it there (attr_list lets authors
# set attributes on Markdown elements): event handlers and documents inside attributes.
NEVER_ATTRIBUTES = frozenset({"srcdoc", "formaction", "action"})

ALLOWED_ELEMENTS_TEXT = (
    "Markdown, or one of the HTML elements handbooks use (tables, figures, details, "
    "abbr, span and div with classes, sup, sub, br...)"
)


def attribute_allowed(tag: str, name: str) -> bool:
    return (
        name in GENERIC_ATTRIBUTES
        or name in ATTRIBUTES.get(tag, ())
        or any(name.startswith(prefix) for prefix in GENERIC_PREFIXES)
    )


def attribute_refusal(tag: str, name: str, value: str | None) -> tuple[str, str] | None:
    """Why an attribute on an allowed element would be removed: (message, expected), or None."""
    if name.startswith("on"):
        return f"<{tag} {name}> is not allowed in content", "no event handlers: content cannot run scripts"
    if not attribute_allowed(tag, name):
        if name == "style":
            return f"<{tag} style> is not allowed in content", "a class instead of inline style"
        allowed = sorted(GENERIC_ATTRIBUTES - {"markdown"} | ATTRIBUTES.get(tag, frozenset()))
        return f"<{tag} {name}> is not allowed in content", f"one of the attributes {', '.join(allowed)}"
    if name in URL_ATTRIBUTES and value is not None:
        refused = refusal(value, Use.RAW_HTML)
        if refused is not None:
            return f"<{tag} {name}='{shown(value)}'> {refused.reason}", refused.expected
    return None


# -- cleaning ---------------------------------------------------------------------------------
def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    """nh3's last word on each attribute it would keep: the URL policy, as everywhere else."""
    if name in URL_ATTRIBUTES and refusal(value, Use.RAW_HTML) is not None:
        return None
    return value


@functools.cache
def _cleaner() -> nh3.Cleaner:
    # Built once per process: a cleaner holds its settings only, nothing of any page.
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={"*": set(GENERIC_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
        generic_attribute_prefixes=set(GENERIC_PREFIXES),
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,  # links stay as the author wrote them, like Markdown links
        strip_comments=True,
    )


_LONE_END_TAG = re.compile(r"^</([A-Za-z][A-Za-z0-9-]*)\s*>$")
_LONE_START_TAG = re.compile(r"^<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>$")


def clean_fragment(raw: str) -> str:
    """Raw HTML as Python-Markdown stores it, reduced to the allow-list.

    Inline HTML is stored one tag at a time (``<span class="x">``, then the text, then
    ``</span>``). nh3 cleans whole fragments and closes what it opened, so a lone start tag
    comes back with its end tag, which is taken off again: the author's own end tag follows
    in its own fragment. A lone end tag has no attributes; it stays if its element may.
    """
    end = _LONE_END_TAG.match(raw)
    if end:
        return raw if end.group(1).lower() in TAGS else ""
    cleaned = _cleaner().clean(raw)
    start = _LONE_START_TAG.match(raw)
    if start:
        closing = f"</{start.group(1).lower()}>"
        if cleaned.endswith(closing):
            cleaned = cleaned[: -len(closing)]
    return cleaned


def clean_element(element: etree.Element, is_block: Callable[[str], bool]) -> bool:
    """Reduce an element md_in_html built from raw HTML (and everything in it) to the allow-list.

    Returns False when the element must go with its content. An element that is not allowed
    but whose content is text becomes a plain div or span without attributes, which keeps
    that text where the author put it.
    """
    tag = element.tag
    if not isinstance(tag, str):
        return True  # a comment or processing instruction: serialised as such, inert
    tag = tag.lower()
    if tag in DROPPED_WITH_CONTENT:
        return False
    if tag not in TAGS:
        markdown_state = element.get("markdown")
        element.attrib.clear()
        if markdown_state is not None:
            element.set("markdown", markdown_state)
        element.tag = tag = "div" if is_block(tag) else "span"
    for name, value in list(element.attrib.items()):
        if name != "markdown" and attribute_refusal(tag, name.lower(), value) is not None:
            del element.attrib[name]
    for child in list(element):
        if not clean_element(child, is_block):
            remove_keeping_tail(element, child)
    return True


# Attributes a converted page is full of that can never run or fetch anything: passed over
# without a closer look (class and id on every element, title on every link...).
_PLAIN_ATTRIBUTES = frozenset(
    {
        "class",
        "id",
        "title",
        "alt",
        "width",
        "height",
        "style",
        "align",
        "colspan",
        "rowspan",
        "lang",
        "dir",
        "open",
        "value",
        "role",
        "aria-label",
        "aria-labelledby",
        "aria-hidden",
        "tabindex",
        "start",
        "type",
    }
)


def clean_rendered(root: etree.Element) -> None:
    """Defence in depth over a converted page: no event handler, no refused URL, whatever made it."""
    for element in root.iter():
        attributes = element.attrib
        if not attributes:
            continue
        unsafe = None
        for name, value in attributes.items():
            if name in _PLAIN_ATTRIBUTES:
                continue
            lower = name.lower()  # attr_list keeps the author's case; HTML does not care
            if (
                lower.startswith("on")
                or lower in NEVER_ATTRIBUTES
                or (lower in URL_ATTRIBUTES and refusal(value, Use.RENDERED) is not None)
            ):
                unsafe = [*(unsafe or ()), name]
        for name in unsafe or ():
            del attributes[name]


# -- reporting, from the Markdown source ---------------------------------------------------------
# A fence may stand inside block quotes ("> ```html"), as SuperFences allows: HTML shown
# there is code, not markup. (If a fence is read where Python-Markdown sees none, what
# follows is only left out of the report: the sanitiser still cleans the page.)
_FENCE = re.compile(r"^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})")


def blank_code(body: str) -> str:
    """The body with fenced code blocks and code spans replaced by spaces (lines and columns kept).

    Indented code blocks are not recognised (they depend on the lines around them): raw
    HTML shown that way is reported, and a fenced block is the fix.
    """
    if "`" not in body and "~~~" not in body:
        return body
    if "```" not in body and "~~~" not in body:  # code spans only, none of them across lines
        return "\n".join(without_code_spans(line, keep_columns=True) for line in body.split("\n"))
    lines = body.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
                and not line[opening.end() :].strip()
            ):
                fence = None
            lines[number] = ""
            continue
        if opening:
            fence = opening.group(1)
            lines[number] = ""
            continue
        if "`" in line:  # found without a regular expression, which backtracked on runs of backticks
            lines[number] = without_code_spans(line, keep_columns=True)
    return "\n".join(lines)


# A start tag: "<", a letter, then anything but "<" and ">" outside quoted values, then ">"
# (group 1; without it, the tag is never closed). Possessive, so each "<" costs one pass.
_START_TAG = re.compile(r"""<[A-Za-z](?:[^<>"']++|"[^"]*+"|'[^']*+')*+(>)?""")
# Python-Markdown hands the whole body to html.parser, which scans from every unclosed
# "<a" to the end of the body: time grows with their number times the body's length
# (60 in each of 400 paragraphs, 117 KB, took 89 s). Real content has none.
MAX_UNCLOSED_TAGS = 64


@dataclass(frozen=True)
class StartTag:
    offset: int
    text: str  # as written
    name: str
    attributes: list[tuple[str, str | None]]  # names in lower case, values with references decoded


class _TagReader(HTMLParser):
    """Reads one start tag the way Python-Markdown's html.parser does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.read: tuple[str, list[tuple[str, str | None]]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.read = (tag, attrs)

    handle_startendtag = handle_starttag


def start_tags(text: str) -> list[StartTag]:
    """Every raw HTML start tag in ``text`` (code already blanked), outside comments."""
    return _scan_tags(text)[0]


def _scan_tags(text: str) -> tuple[list[StartTag], list[int]]:
    """The start tags in ``text``, and the offsets of the "<a" that open a tag never closed.

    Tags are found with one linear expression and each is then read by html.parser on its
    own: html.parser over a whole body takes time quadratic in the number of unclosed
    "<a " it holds (30 KB of them took seven seconds).
    """
    if "<" not in text:
        return [], []
    text = _blank_comments(text)
    reader = _TagReader()
    found: list[StartTag] = []
    unclosed: list[int] = []
    for match in _START_TAG.finditer(text):
        if match.group(1) is None:
            unclosed.append(match.start())
            continue
        reader.reset()
        reader.read = None
        reader.feed(match.group(0))
        reader.close()
        if reader.read is None:
            continue
        name, attributes = reader.read
        if ":" in name or "@" in name:
            continue  # an autolink (<https://...>, <name@example.org>): the link check reads those
        found.append(StartTag(match.start(), match.group(0), name, attributes))
    return found, unclosed


def _blank_comments(text: str) -> str:
    """Comments replaced by spaces (an unclosed one runs to the end, as in a browser)."""
    if "<!--" not in text:
        return text
    parts, position = [], 0
    while (opening := text.find("<!--", position)) != -1:
        closing = text.find("-->", opening + 4)
        end = len(text) if closing == -1 else closing + 3
        parts += [text[position:opening], re.sub(r"[^\n]", " ", text[opening:end])]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _tag_refusals(tag: StartTag) -> list[tuple[str, str]]:
    """What the sanitiser would remove from one start tag: (message, expected) each."""
    if tag.name not in TAGS:
        return [(f"<{tag.name}> is not allowed in content", ALLOWED_ELEMENTS_TEXT)]
    return [refused for name, value in tag.attributes if (refused := attribute_refusal(tag.name, name, value))]


def raw_html_tags(body: str) -> list[tuple[int, str]]:
    """Every raw HTML start tag in a Markdown body, as written, with its line in the body."""
    text = blank_code(body)
    line_of = _LineNumbers(text, 1)
    return [(line_of(tag.offset), tag.text) for tag in start_tags(text)]


# attr_list's "{: ... }" after a heading, paragraph, link or image sets attributes on it.
_ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")


def _attribute_list_refusals(inside: str) -> list[tuple[str, str]]:
    """Event handlers, inline style and refused URLs set with attr_list.

    The rendered-tree check removes the first and the last; style it cannot tell from the
    alignment Python-Markdown's tables write, so it is only reported."""
    if "=" not in inside:
        return []
    out = []
    for name, value in get_attrs_and_remainder(inside + "}")[0]:
        name = name.lower()
        if name.startswith("on"):
            out.append((f"{{: {name}=...}} is not allowed in content", "no event handlers: content cannot run scripts"))
        elif name in NEVER_ATTRIBUTES:
            out.append(
                (f"{{: {name}=...}} is not allowed in content", "no attributes that submit forms or embed documents")
            )
        elif name == "style":
            out.append(("{: style=...} is not allowed in content", "a class instead of inline style"))
        elif name in URL_ATTRIBUTES and (refused := refusal(value, Use.MARKDOWN)) is not None:
            out.append((f"{{: {name}='{shown(value)}'}} {refused.reason}", refused.expected))
    return out


class _LineNumbers:
    """File line of an offset in a body; the lines are found only when a problem needs one."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text, self.first_line = text, first_line
        self.starts: list[int] | None = None

    def __call__(self, offset: int) -> int:
        if self.starts is None:
            self.starts = [0] + [match.end() for match in re.finditer("\n", self.text)]
        return self.first_line + bisect.bisect_right(self.starts, offset) - 1


def body_problems(path: str, body: str, first_line: int) -> list[Problem]:
    """Raw HTML the sanitiser would remove and links whose URL is refused, in a Markdown body.

    ``first_line`` is the file line of the body's first line. A body without "<", "](",
    "]:" or "{" holds no raw HTML, link or attribute list and costs four substring searches.
    """
    if "<" not in body and "](" not in body and "]:" not in body and "{" not in body:
        return []
    text = blank_code(body)
    problems = []
    line_of = _LineNumbers(text, first_line)
    for found in markdown_urls(text):
        refused = refusal(found.url, Use.MARKDOWN)
        if refused is not None:
            problems.append(
                Problem(
                    path,
                    line_of(found.offset),
                    "link",
                    f"'{shown(found.url)}' {refused.reason}",
                    expected=refused.expected,
                )
            )
    if "{" in text:
        for match in _ATTRIBUTE_LIST.finditer(text):
            line = line_of(match.start())
            problems += [
                Problem(path, line, "attributes", message, expected=expected)
                for message, expected in _attribute_list_refusals(match.group(1))
            ]
    tags, unclosed = _scan_tags(text)
    for tag in tags:
        problems += [
            Problem(path, line_of(tag.offset), "html", message, expected=expected)
            for message, expected in _tag_refusals(tag)
        ]
    if len(unclosed) > MAX_UNCLOSED_TAGS:
        problems.append(
            Problem(
                path,
                line_of(unclosed[0]),
                "html",
                f"{len(unclosed)} tags are opened with '<' and never closed with '>', from this line on",
                expected=f"at most {MAX_UNCLOSED_TAGS}; write &lt; for a '<' in text",
            )
        )
    return problems
