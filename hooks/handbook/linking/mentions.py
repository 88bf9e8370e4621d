"""Unlinked mentions: where a glossary term is named in Markdown but the page does not link it.

The site links a term automatically on its first mention on a page (or on every mention,
with ``term_links: all``), never in headings, code, links or opted-out places. This report
reads every page's Markdown source, without MkDocs, finds term names with the same
``TermIndex`` the build uses, and lists the mentions the build leaves unlinked: later
mentions of a term already linked on the page, and mentions a page or a
``no-term-links`` element opts out of. Each has its source line, for writers who want to
link a mention by hand (``[text](term:id)``) or rephrase a repetitive page.

Reading the source rather than the rendered tree keeps the line numbers exact; the
Markdown it understands (code, headings, links, raw HTML, admonition titles) is the part
that matters for term names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from handbook.content.corpus import Corpus
from handbook.content.model import Item, Term
from handbook.linking.references import KIND_ALTERNATION
from handbook.linking.term_index import Mention, TermIndex
from handbook.markdown.term_linker import OPT_OUT_CLASS, SKIPPED_CLASSES, SKIPPED_TAGS, VOID_TAGS

REPEAT = "repeat"
OPTED_OUT = "opted out"

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_BLOCK_TITLE = re.compile(r"^\s*(!!!|\?\?\?\+?)\s")  # admonition and details lines, with their titles
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_INLINE_SKIPPED = re.compile(
    r"<!--.*?-->"  # comments
    r"|(`+).+?\1"  # code spans
    r"|!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"  # images: alt text is never linked
    r"|\[@[^\]]*\]"  # citations
    r"|\[\^[^\]]+\]"  # footnote references
    r"|\{:?\s*(?:[.#][\w-]|[\w-]+=)[^}\n]*\}",  # attribute lists
    re.DOTALL,
)
_TERM_LINK = re.compile(r"\[\[term:([\w./-]+)\]\]|\[(?:[^\]\n]|\n(?!\n))*\]\(\s*term:([\w./-]+)\s*\)")
_OTHER_LINK = re.compile(rf"\[\[(?:{KIND_ALTERNATION}):[\w./-]+\]\]|\[(?:[^\]\n]|\n(?!\n))*\](?:\([^)]*\)|\[[^\]]*\])")
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_MASK = "\x00"  # masked characters are neither words nor spaces, so no name matches across them


@dataclass(frozen=True, order=True)
class UnlinkedMention:
    path: str
    line: int
    term_title: str
    text: str
    reason: str = field(compare=False)  # REPEAT or OPTED_OUT
    term_id: str = field(compare=False, default="")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.term_title}: {' '.join(self.text.split())}"


@dataclass
class _Prose:
    """A Markdown body with everything that is not linkable prose masked out."""

    text: str
    opted_out: list[tuple[int, int]]  # spans inside no-term-links elements
    term_links: list[tuple[int, str]]  # positions of explicit links to terms


def unlinked_mentions(corpus: Corpus, mode: str = "first", index: TermIndex | None = None) -> list[UnlinkedMention]:
    """Every mention of a term that the site leaves unlinked, in file and line order."""
    index = index or TermIndex(corpus.terms)
    found: list[UnlinkedMention] = []
    for item in corpus:
        if item.kind != "theme" and item.body.strip():
            found.extend(_page_mentions(item, index, mode))
    return sorted(found)


def _page_mentions(item: Item, index: TermIndex, mode: str) -> Iterable[UnlinkedMention]:
    prose = _prose(item.body)
    own = item.id if isinstance(item, Term) else None
    # Mentions, and links to terms (by term id), in the order of the text.
    events: list[tuple[int, Mention | str]] = [(m.start, m) for m in index.find(prose.text)]
    events += [(position, term_id) for position, term_id in prose.term_links]
    seen: set[str] = set()
    for start, payload in sorted(events, key=lambda event: event[0]):
        if isinstance(payload, str):  # a link
            seen.add(payload)
            continue
        mention = payload
        if mention.term_id == own:
            continue
        if not item.term_links or any(a <= mention.start < b for a, b in prose.opted_out):
            reason = OPTED_OUT
        elif mode == "first" and mention.term_id in seen:
            reason = REPEAT
        else:
            seen.add(mention.term_id)
            continue
        term = index.terms[mention.term_id]
        line = item.body_line + item.body.count("\n", 0, start)
        yield UnlinkedMention(item.path, line, term.title, item.body[mention.start : mention.end], reason, term.id)


def _prose(body: str) -> _Prose:
    chars = list(body)

    def mask(start: int, end: int) -> None:
        for position in range(start, end):
            if chars[position] != "\n":
                chars[position] = _MASK

    _mask_fences(body, mask)
    for match in _INLINE_SKIPPED.finditer("".join(chars)):
        mask(*match.span())
    term_links: list[tuple[int, str]] = []  # before headings are masked: a link there counts too
    for match in _TERM_LINK.finditer("".join(chars)):
        term_links.append((match.start(), match.group(1) or match.group(2)))
        mask(*match.span())
    _mask_block_lines("".join(chars), mask)
    for match in _OTHER_LINK.finditer("".join(chars)):
        mask(*match.span())
    opted_out = _mask_raw_html("".join(chars), mask)
    return _Prose("".join(chars), opted_out, term_links)


def _lines(text: str) -> Iterable[tuple[int, int, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, offset + len(line), line
        offset += len(line)


def _mask_fences(body: str, mask) -> None:
    fence: str | None = None
    for start, end, line in _lines(body):
        opening = _FENCE.match(line)
        if fence is not None:
            mask(start, end)
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
            mask(start, end)


def _mask_block_lines(text: str, mask) -> None:
    """Headings, admonition and details titles, link definitions."""
    previous: tuple[int, int, str] | None = None  # the last line, for setext headings
    for start, end, line in _lines(text):
        if _ATX_HEADING.match(line) or _BLOCK_TITLE.match(line) or _LINK_DEFINITION.match(line):
            mask(start, end)
        elif _SETEXT_UNDERLINE.match(line) and previous is not None and previous[2].strip(_MASK + " \t\n"):
            mask(previous[0], previous[1])
        previous = (start, end, line)


def _mask_raw_html(text: str, mask) -> list[tuple[int, int]]:
    """Mask raw HTML tags and the content of those that forbid links; return opted-out spans."""
    opened: list[tuple[str, int, str | None]] = []  # tag, end of the opening tag, why its content is skipped
    opted_out: list[tuple[int, int]] = []
    for match in _TAG.finditer(text):
        closing, tag = match.group(1) == "/", match.group(2).lower()
        mask(*match.span())
        if not closing:
            if tag in VOID_TAGS or match.group(3).rstrip().endswith("/"):
                continue
            class_match = _CLASS.search(match.group(3))
            classes = set(next(g for g in class_match.groups() if g is not None).split()) if class_match else set()
            why = (
                OPTED_OUT
                if OPT_OUT_CLASS in classes
                else ("skipped" if tag in SKIPPED_TAGS or not SKIPPED_CLASSES.isdisjoint(classes) else None)
            )
            opened.append((tag, match.end(), why))
            continue
        names = [name for name, _, _ in opened]
        if tag not in names:
            continue
        at = len(names) - 1 - names[::-1].index(tag)
        _, content_start, why = opened[at]
        del opened[at:]
        if why == OPTED_OUT:
            opted_out.append((content_start, match.start()))
        elif why is not None:
            mask(content_start, match.start())
    return opted_out


def summary(mentions: list[UnlinkedMention]) -> list[str]:
    """Counts per term, most first, then one line of totals."""
    per_term = Counter(m.term_title for m in mentions)
    lines = [f"{count:5d}  {title}" for title, count in sorted(per_term.items(), key=lambda kv: (-kv[1], kv[0]))]
    reasons = Counter(m.reason for m in mentions)
    pages = len({m.path for m in mentions})
    lines.append(
        f"{len(mentions)} unlinked mention{'s' if len(mentions) != 1 else ''} of {len(per_term)} "
        f"term{'s' if len(per_term) != 1 else ''} on {pages} page{'s' if pages != 1 else ''} "
        f"({reasons[REPEAT]} after a first linked mention, {reasons[OPTED_OUT]} opted out)"
    )
    return lines
