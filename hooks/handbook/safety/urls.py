"""The one policy for URLs that come from content: which schemes may become a live link.

A URL from a stranger's file ends up in an ``href`` or ``src`` (on the site, in the PDFs,
in the offline copy), where ``javascript:`` runs a script and ``data:`` or ``file:`` can
show or fetch what the author chose. So a scheme is allowed by list, never refused by
list: ``http``, ``https`` and ``mailto``, URLs without a scheme (site-relative, relative,
fragments), and, in Markdown links only, the in-site references (``term:id``...). A
protocol-relative URL (``//host/path``) is an ordinary link to another site over the
page's own protocol, so it is allowed wherever links to other sites are; front matter,
which feeds the exports, wants a full ``http(s)://`` address.

The scheme is read the way a browser reads it, not the way it looks: character
references are decoded first (``javascript&#58;``, ``&#106;avascript:``), then every
ASCII whitespace and control character (and backslash) is removed (``java\\tscript:``,
a leading ``\\x01``), and the comparison ignores case (``JaVaScRiPt:``). Removing more than a
browser does can only refuse more, never let more through.

``refusal`` is the single decision; the front matter reader, the Markdown body check,
the raw HTML sanitiser and the rendered-tree check all call it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum

from handbook.linking.references import KINDS

SCHEMES = ("http", "https", "mailto")
WEB_SCHEMES = ("http", "https")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# ASCII whitespace and C0 control characters, and DEL: browsers drop some of these from
# anywhere in a URL and others from its ends; all are dropped here before reading the
# scheme. So are backslashes, which Markdown may take away as escapes (java\script:).
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\\]+")


class Use(Enum):
    """Where a URL is written, which decides what it may be."""

    FRONT_MATTER = "front matter"  # url, website, source.url: a full web address
    MARKDOWN = "markdown"  # [text](url), ![alt](url), [id]: url, <url>: also term:id and friends
    RAW_HTML = "raw html"  # <a href>, <img src> written as HTML: references are not resolved there
    RENDERED = "rendered"  # an href/src in the converted page: references are resolved already


@dataclass(frozen=True)
class Refusal:
    reason: str  # follows the quoted URL: "'javascript:x' uses the scheme 'javascript'"
    expected: str


EXPECTED = {
    Use.FRONT_MATTER: "an http or https address",
    Use.MARKDOWN: "an http, https or mailto address, a path within the site, or a reference such as term:id",
    Use.RAW_HTML: "an http, https or mailto address or a path within the site",
    Use.RENDERED: "an http, https or mailto address or a path within the site",
}


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see, lower-case; None for a URL without one."""
    if ":" not in url and "&" not in url:
        return None  # no colon, written or as a character reference: most links in a site
    decoded = url
    for _ in range(3):  # "&amp;#106;" decodes twice when Markdown and HTML both unescape
        unescaped = html.unescape(decoded)
        if unescaped == decoded:
            break
        decoded = unescaped
    match = _SCHEME.match(_INVISIBLE.sub("", decoded))
    return match.group(1).lower() if match else None


def refusal(url: str, use: Use) -> Refusal | None:
    """Why ``url`` may not be used where ``use`` says, or None when it may."""
    scheme = scheme_of(url)
    expected = EXPECTED[use]
    if use is Use.FRONT_MATTER:
        if scheme is None:
            return Refusal("is not a full address", expected + ", such as https://example.org/report")
        if scheme not in WEB_SCHEMES:
            return Refusal(f"uses the scheme '{scheme}'", expected)
        return None
    if scheme is None or scheme in SCHEMES:
        return None
    if scheme in KINDS:
        if use in (Use.MARKDOWN, Use.RENDERED):
            return None
        return Refusal(
            f"uses the reference '{scheme}:' in raw HTML, where references are not resolved",
            f"a Markdown link such as [text]({scheme}:id)",
        )
    return Refusal(f"uses the scheme '{scheme}'", expected)


def shown(url: str, limit: int = 80) -> str:
    """A URL as a problem message quotes it: control characters visible, long ones cut."""
    text = "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in url)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- URLs in Markdown source ---------------------------------------------------------------
# Run over a body whose code is blanked out (see raw_html.blank_code), so positions are lines.
# Inline links and images: what follows "](" up to the closing parenthesis, with one level
# of parentheses inside (Python-Markdown keeps spaces in a target, so they are kept here
# too). The link text before it may hold brackets of its own, so it is not matched.
_INLINE = re.compile(r"\]\(((?:[^()\n]++|\([^()\n]*+\))*+)")
_TITLE = re.compile(r"""\s+["'(].*$""")
# Reference definitions: [id]: url, up to three spaces in.
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*(\S*)", re.M)
# Autolinks: <scheme:...>. Python-Markdown links only http(s) and ftp ones and passes the
# rest as raw HTML, which the sanitiser removes; either way the author hears of it.
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]*)>")


@dataclass(frozen=True)
class FoundUrl:
    offset: int  # in the scanned text
    url: str
    label: str | None = None  # a reference definition's label ("[label]: url"), for reference-style images


def markdown_urls(text: str) -> list[FoundUrl]:
    """Every URL written with Markdown syntax in ``text`` (inline, definitions, autolinks)."""
    found = []
    if "](" in text:
        found += [FoundUrl(m.start(1), _target(m.group(1))) for m in _INLINE.finditer(text)]
    if "]:" in text:
        found += [FoundUrl(m.start(2), m.group(2).removeprefix("<"), m.group(1)) for m in _DEFINITION.finditer(text)]
    if "<" in text:
        found += [FoundUrl(m.start(1), m.group(1)) for m in _AUTOLINK.finditer(text)]
    return found


def _target(inside: str) -> str:
    """The URL of an inline link: without the <> around it or the title after it."""
    inside = inside.strip()
    if inside.startswith("<"):
        return inside[1:].split(">", 1)[0]
    return _TITLE.sub("", inside)
