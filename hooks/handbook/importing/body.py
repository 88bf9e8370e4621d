"""Links, images and template syntax in one imported page, rewritten line by line.

Links between imported pages become the site's references (``chapter:<handbook>/<slug>``,
``handbook:<handbook>``), checked by the build like any other. Local images (and PDFs a link
points to) are copied into the handbook's ``images/`` folder; an image without alt text gets its file name as a stand-in
(reported, to be written properly). Remote images become ordinary links with their alt text:
readers' browsers make no third-party requests. A link whose target cannot be imported
(missing, outside the source, a refused scheme, a file that is not a page or an image) keeps
its text and loses its target, reported. Liquid and Hugo template syntax the site cannot
run is reported and kept as inline code (shown as typed, never read as HTML or a link, and
easy to find); the forms with a plain meaning (``{{ site.baseurl }}``, ``relative_url``,
``ref``/``relref``, ``{% raw %}``, an include of an imported page) are replaced by it.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from handbook.content.code_spans import code_span_ranges
from handbook.content.fields import slugify
from handbook.importing.html_tags import blank_code
from handbook.importing.report import Report
from handbook.importing.source_tree import MARKDOWN_SUFFIXES, SourceTree, stem
from handbook.linking.page_links import possible_ids
from handbook.safety.content_files import HANDBOOK_ATTACHMENT_EXTENSIONS, IMAGE_EXTENSIONS
from handbook.safety.urls import Use, refusal, shown

# The pictures a handbook may publish (raster only: an SVG opened from the site's own
# address can run script), as the content walk decides.
IMAGE_SUFFIXES = tuple(sorted(IMAGE_EXTENSIONS))
ATTACHMENT_SUFFIXES = tuple(sorted(HANDBOOK_ATTACHMENT_EXTENSIONS))
_SET_ASIDE = re.compile(r"\x00(\d+)\x00")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")  # also inside block quotes
_BRACKETED = r"((?:[^\[\]\n]|\[[^\[\]\n]*\])*)"
_TARGET = r"\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)((?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?)\s*\)"
_IMAGE = re.compile(r"!\[" + _BRACKETED + r"\]" + _TARGET)
_LINK = re.compile(r"(?<!!)\[" + _BRACKETED + r"\]" + _TARGET)
_DEFINITION = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)(.*)$")
_LIQUID_URL = re.compile(
    r"""\{\{\s*["']([^"']*)["']\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)\s*\}\}"""
)
_BASEURL = re.compile(r"\{\{\s*site\.(?:baseurl|url)\s*\}\}")
_HUGO_REF = re.compile(r"""\{\{[<%]\s*(?:rel)?ref\s+["']?([^"'>%\s]+)["']?\s*[>%]\}\}""")
_RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_SHORTCODE = re.compile(r"\{%-?.*?-?%\}|\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{\{.*?\}\}")
_TEMPLATED_LINK = re.compile(r"(!?)\[" + _BRACKETED + r"\]\(([^()\n]*(?:\{\{|\{%)[^()\n]*)\)")
_MULTILINE_LINK = re.compile(r"(?<!!)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*\n(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]" + _TARGET)
_INCLUDE = re.compile(r"""\{%-?\s*include(?:_relative)?\s+["']?([^"'%\s]+)["']?\s*-?%\}""")
_MDX_STATEMENT = re.compile(r"^(?:import|export)\s")


@dataclass
class Images:
    """Local images to copy: source path -> file name in the handbook's images/ folder."""

    names: dict[str, str] = field(default_factory=dict)

    def name_for(self, source: str) -> str:
        if source not in self.names:
            base, suffix = posixpath.splitext(posixpath.basename(source))
            slug = slugify(base) or "image"
            name, number = f"{slug}{suffix.lower()}", 2
            while name in self.names.values():
                name, number = f"{slug}-{number}{suffix.lower()}", number + 1
            self.names[source] = name
        return self.names[source]


@dataclass
class Pages:
    """What links may point to: the handbook, its chapters by source path, and the source tree."""

    handbook_id: str
    index_source: str | None
    chapters: dict[str, str]  # source path -> chapter slug
    tree: SourceTree
    images: Images
    titles: dict[str, str] = field(default_factory=dict)  # "chapter:<handbook>/<slug>" -> title
    static_folders: tuple[str, ...] = ("static", "assets", "public", "")

    def find(self, path: str) -> str | None:
        """The source file a local link target names, trying the ways site generators spell pages."""
        path = path.strip("/") if path not in ("", "/") else ""
        # "x.html" (Jekyll's output name) or "x.md" may name x.mdx, and the other way round
        stem = re.sub(r"\.(?:html|md|markdown|mdx)$", "", path)
        candidates = [path, stem] + [stem + suffix for suffix in MARKDOWN_SUFFIXES]
        candidates += [
            posixpath.join(stem, name + suffix)
            for name in ("README", "readme", "index", "_index")
            for suffix in MARKDOWN_SUFFIXES
        ]
        known = set(self.tree.markdown) | self.tree.files
        for candidate in candidates:
            candidate = posixpath.normpath(candidate) if candidate else ""
            if candidate in known:
                return candidate
        return None


class PageConverter:
    def __init__(self, pages: Pages, rel: str, report: Report, out_folder: str = "") -> None:
        self.pages, self.rel, self.report = pages, rel, report
        self.folder = posixpath.dirname(rel)
        self.out_folder = out_folder  # "" for pages written beside images/
        self.shortcodes: dict[str, list[int]] = {}

    def multiline_links(self, body: str, first_line: int) -> str:
        """Links whose text runs over a line break (the line pass sees one line at a time)."""
        if "](" not in body:
            return body
        text = blank_code(body)
        out, position = [], 0
        for match in _MULTILINE_LINK.finditer(text):
            number = first_line + text.count("\n", 0, match.start(2))
            new = self._target(body[match.start(2) : match.end(2)].strip("<>"), number)
            if new is None:
                replacement = body[match.start(1) : match.end(1)]
            else:
                replacement = f"[{body[match.start(1) : match.end(1)]}]({new}{body[match.start(3) : match.end(3)]})"
            out += [body[position : match.start()], replacement]
            position = match.end()
        out.append(body[position:])
        return "".join(out)

    def convert(self, lines: list[str], first_line: int) -> list[str]:
        out, fence = [], None
        for index, line in enumerate(lines):
            number = first_line + index
            opening = _FENCE.match(line)
            if fence:
                if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                    fence = None
                out.append(line)
                continue
            if opening:
                fence = opening.group(1)
                out.append(line)
                continue
            out.append(self._outside_code(line, number))
        self.report_shortcodes()
        return out

    def _outside_code(self, line: str, number: int) -> str:
        """The line rewritten with its code spans set aside (a link's text may hold one: [`x`](y.md))."""
        spans: list[str] = []

        if "`" in line:
            kept, position = [], 0
            for start, end in code_span_ranges(line):
                kept.append(line[position:start])
                spans.append(line[start:end])
                kept.append(f"\x00{len(spans) - 1}\x00")
                position = end
            line = "".join(kept) + line[position:]
        text = self._line(line, number)
        return _SET_ASIDE.sub(lambda match: spans[int(match.group(1))], text) if spans else text

    def _line(self, text: str, number: int) -> str:
        if "{" in text:
            text = _LIQUID_URL.sub(lambda m: m.group(1), text)
            text = _BASEURL.sub("", text)
            text = _HUGO_REF.sub(lambda m: m.group(1), text)
            if _RAW.search(text):
                text = _RAW.sub("", text)
                self.report.add(
                    self.rel, number, "shortcode", "Liquid {% raw %} markers removed (the text between them kept)"
                )
        if "](" in text and "{" in text:
            text = _TEMPLATED_LINK.sub(lambda m: self._templated(m, number), text)
        if "](" in text:
            text = _IMAGE.sub(lambda m: self._image(m, number), text)
            text = _LINK.sub(lambda m: self._link(m, number), text)
        if "]:" in text and (definition := _DEFINITION.match(text)):
            target = definition.group(2).strip("<>")
            is_image = target.lower().split("#")[0].endswith(IMAGE_SUFFIXES)
            new = self._image_target(target, number, "") if is_image else self._target(target, number)
            text = f"{definition.group(1)}{new or '#'}{definition.group(3)}"
        if "{" in text:
            text = _INCLUDE.sub(lambda m: self._include(m, number), text)
            text = _SHORTCODE.sub(lambda match: self._shortcode(match.group(0), number), text)
        return text

    def _shortcode(self, code: str, number: int) -> str:
        """Template syntax the site cannot run, kept as code: shown as typed, never read as HTML or a link."""
        self.shortcodes.setdefault(code[:80], []).append(number)
        ticks = "`" * (max((len(run) for run in re.findall(r"`+", code)), default=0) + 1)
        return f"{ticks} {code} {ticks}" if code.startswith("`") or code.endswith("`") else f"{ticks}{code}{ticks}"

    def _templated(self, match: re.Match[str], number: int) -> str:
        self.report.add(
            self.rel, number, "link", f"'{match.group(3)[:80]}' is made by template syntax: the link's text kept"
        )
        return match.group(2)

    def _include(self, match: re.Match[str], number: int) -> str:
        """A GitBook or Jekyll include of an imported page: a link to that page instead."""
        new = self._target(match.group(1), number)
        if new is None or not new.startswith("chapter:"):
            return match.group(0)
        self.report.add(self.rel, number, "shortcode", f"'{match.group(0)}' became a link to the included page")
        return f"[{self.pages.titles.get(new, 'See this page')}]({new})"

    def report_shortcodes(self) -> None:
        """Template syntax the site cannot run, once per kind and page, with every line it is on."""
        for code, numbers in self.shortcodes.items():
            also = f" (also on lines {', '.join(map(str, numbers[1:]))})" if len(numbers) > 1 else ""
            self.report.add(
                self.rel,
                numbers[0],
                "shortcode",
                f"'{code}' is template syntax the site cannot run{also}: kept as code, rewrite or remove it",
            )

    # -- links --------------------------------------------------------------------------------
    def _link(self, match: re.Match[str], number: int) -> str:
        text, target, title = match.group(1), match.group(2).strip("<>"), match.group(3)
        new = self._target(target, number)
        if new is None:
            return text
        return f"[{text}]({new}{title})" if new != target else match.group(0)

    def _target(self, target: str, number: int) -> str | None:
        """The rewritten target of a link, or None to keep only the link's text."""
        if not target or target.startswith("#"):
            return target
        if target.startswith("//"):
            target = "https:" + target
        if _SCHEME.match(target):
            refused = refusal(target, Use.MARKDOWN)
            if refused:
                self.report.add(self.rel, number, "link", f"'{shown(target)}' {refused.reason}: the link's text kept")
                return None
            return target
        found, anchor = self._local(target, number)
        if found is None:
            return None
        if found == self.pages.index_source:
            return f"index.md#{anchor}" if anchor else f"handbook:{self.pages.handbook_id}"
        if found in self.pages.chapters:
            if anchor:  # a reference names a page only: a relative link keeps the section (checked by check_anchors)
                return f"{self.pages.chapters[found]}.md#{anchor}"
            return f"chapter:{self.pages.handbook_id}/{self.pages.chapters[found]}"
        if found.lower().endswith(ATTACHMENT_SUFFIXES):  # a picture or a PDF worksheet, published with the page
            return self._copy(found, number)
        self.report.add(
            self.rel,
            number,
            "link",
            f"'{target}' names a file that was not imported ({posixpath.basename(found)}): the link's text kept",
        )
        return None

    def _local(self, target: str, number: int) -> tuple[str | None, str]:
        path, _, anchor = target.partition("#")
        path = unquote(path.split("?")[0])
        if path.startswith("/"):
            joined = [
                posixpath.normpath(posixpath.join(folder, path.lstrip("/"))) for folder in self.pages.static_folders
            ]
        else:
            # as a file path, then as a web address relative to the page's own pretty URL
            # ("../legal/" written in /starting-a-project/ means legal.md beside it)
            page_url_folder = posixpath.join(self.folder, stem(self.rel))
            joined = [posixpath.normpath(posixpath.join(folder, path)) for folder in (self.folder, page_url_folder)]
        if all(candidate == ".." or candidate.startswith("../") for candidate in joined):
            self.report.add(
                self.rel, number, "link", f"'{target}' points outside the source folder: the link's text kept"
            )
            return None, anchor
        for candidate in joined:
            if not candidate.startswith("../") and (found := self.pages.find(candidate)) is not None:
                return found, anchor
        self.report.add(
            self.rel, number, "link", f"'{target}' names no file in the source folder: the link's text kept"
        )
        return None, anchor

    # -- images -------------------------------------------------------------------------------
    def _image(self, match: re.Match[str], number: int) -> str:
        alt, target, title = match.group(1).strip(), match.group(2).strip("<>"), match.group(3)
        if target.startswith("//"):
            target = "https:" + target
        if _SCHEME.match(target):
            if refusal(target, Use.MARKDOWN) is None and target.lower().startswith(("http:", "https:")):
                label = alt or posixpath.basename(target.split("?")[0]) or "image"
                self.report.add(
                    self.rel,
                    number,
                    "image",
                    f"remote image '{shown(target)}' became a link (readers' browsers fetch nothing from other sites); to show it, add the file to the source",
                )
                return f"[{label}]({target})"
            self.report.add(
                self.rel, number, "image", f"'{shown(target)}' is not an image the site can show: its alt text kept"
            )
            return alt
        new = self._image_target(target, number, alt)
        if new is None:
            return alt
        if not alt:
            alt = posixpath.splitext(posixpath.basename(new))[0].replace("-", " ")
            self.report.add(
                self.rel,
                number,
                "image",
                f"'{target}' has no alt text: '{alt}' (its file name) stands in; describe the picture",
            )
        return f"![{alt}]({new}{title})"

    def _image_target(self, target: str, number: int, alt: str) -> str | None:
        found, _ = self._local(target, number)
        if found is None:
            return None
        if not found.lower().endswith(IMAGE_SUFFIXES):
            self.report.add(
                self.rel,
                number,
                "image",
                f"'{target}' is not a PNG, JPEG, GIF, WebP or AVIF picture (SVG can carry script): not copied, alt text kept",
            )
            return None
        return self._copy(found, number)

    def _copy(self, found: str, number: int) -> str:
        name = self.pages.images.name_for(found)
        self.report.add(self.rel, number, "image", f"'{found}' copied to images/{name}")
        return posixpath.join(self.out_folder, "images", name)


def drop_mdx_statements(body: str, rel: str, first_line: int, report: Report) -> str:
    """An MDX page's import and export statements (JavaScript, each running to the next blank line), blanked."""
    lines = body.split("\n")
    fence, in_statement = None, False
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening and not in_statement:
            fence = opening.group(1)
        elif in_statement or _MDX_STATEMENT.match(line):
            if not in_statement:
                report.add(
                    rel,
                    first_line + index,
                    "mdx",
                    f"'{line.strip()[:60]}' dropped with the lines up to the next blank line (JavaScript, not text)",
                )
            in_statement = bool(line.strip())
            lines[index] = ""
    return "\n".join(lines)


_ANCHOR_DEFINITION = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)(#[^\s]+|[a-z0-9-]+\.md#[^\s]+)(.*)$", re.M)
# a link's text may run over line breaks, not over a blank line (a new paragraph)
_ANCHOR_LINK = re.compile(
    r"(?<!!)\[((?:[^\[\]\n]|\n(?![ \t]*\n)|\[[^\[\]\n]*\])*)\]\((#[^\s()]+|[a-z0-9-]+\.md#[^\s()]+)((?:\s+\"[^\"\n]*\")?)\)"
)


def check_anchors(
    pages: dict[str, str], sources: dict[str, tuple[str, int]], handbook_id: str, report: Report
) -> dict[str, str]:
    """Section links (``#part``, ``slug.md#part``) checked against the ids the written pages will have.

    ``pages``: each written page's body by slug (``index`` for the handbook's page), line for
    line the source's; ``sources``: its source path and the file line of its first line, for
    the report. The ids are read with the site's own rule (``page_links.possible_ids``) from
    the pages as written, so that a link kept here is one the build accepts. A link to a
    section that does not exist links the page instead, or, on its own page, keeps its text.
    """
    ids = {slug: possible_ids(body) for slug, body in pages.items()}
    checked = {}
    for slug, body in pages.items():
        rel, first_line = sources[slug]
        text = blank_code(body) if "](" in body and "#" in body else ""
        out, position = [], 0
        for match in _ANCHOR_LINK.finditer(text):
            number = first_line + text.count("\n", 0, match.start(2))
            original = _ANCHOR_LINK.match(body, match.start())
            if original is None or original.end() != match.end():
                continue  # code inside the link's text: left as it is
            out += [body[position : match.start()], _anchor_link(original, slug, ids, handbook_id, rel, number, report)]
            position = match.end()
        out.append(body[position:])
        checked[slug] = "".join(out)
        if "]:" in checked[slug]:
            # bound now: the function runs inside this iteration's sub(), with this iteration's values
            definition = functools.partial(
                _anchor_definition,
                slug=slug,
                ids=ids,
                handbook_id=handbook_id,
                rel=rel,
                first_line=first_line,
                body=checked[slug],
                report=report,
            )
            checked[slug] = _ANCHOR_DEFINITION.sub(definition, checked[slug])
    return checked


def _anchor_definition(
    match: re.Match[str],
    slug: str,
    ids: dict[str, set[str]],
    handbook_id: str,
    rel: str,
    first_line: int,
    body: str,
    report: Report,
) -> str:
    """A link definition (``[name]: page.md#part``) to a section that does not exist names the page instead."""
    page, _, anchor = match.group(2).partition("#")
    target_slug = page[:-3] if page else slug
    if target_slug not in ids or unquote(anchor) in ids[target_slug]:
        return match.group(0)
    number = first_line + body.count("\n", 0, match.start())
    report.add(
        rel, number, "link", f"'{match.group(2)}': no heading on that page has the id '{anchor}': linked to the page"
    )
    reference = "handbook:" + handbook_id if target_slug == "index" else f"chapter:{handbook_id}/{target_slug}"
    return f"{match.group(1)}{reference}{match.group(3)}"


def _anchor_link(
    match: re.Match[str], slug: str, ids: dict[str, set[str]], handbook_id: str, rel: str, number: int, report: Report
) -> str:
    text, target, title = match.group(1), match.group(2), match.group(3)
    page, _, anchor = target.partition("#")
    target_slug = page[:-3] if page else slug
    if target_slug not in ids or unquote(anchor) in ids[target_slug]:
        return match.group(0)
    if not page:
        report.add(rel, number, "link", f"'#{anchor}': no heading on this page has that id: the link's text kept")
        return text
    report.add(rel, number, "link", f"'#{anchor}': no heading on the page it links has that id: linked to the page")
    reference = "handbook:" + handbook_id if target_slug == "index" else f"chapter:{handbook_id}/{target_slug}"
    return f"[{text}]({reference}{title})"
