"""Rewrite one rendered web page into a section of a print document.

Links between pages become links inside the PDF: to another section of the same
document, to the glossary appendix (every term the document links to) or to the
references appendix (every evidence item it links to or cites); anything else becomes a
full web address. Element ids are prefixed per section so that two chapters can both
have an "introduction" heading. The HTML is rewritten as a tree, never as text.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

from handbook.content.kinds import EVIDENCE, TERM
from handbook.outputs.html_tree import classes, remove_where, text_of
from handbook.outputs.site_paths import Target, is_external, page_folder, resolve

# Elements that only make sense on screen.
SCREEN_ONLY_TAGS = {"button", "script", "form", "input", "nav", "iframe", "noscript", "template"}
SCREEN_ONLY_CLASSES = {"headerlink", "hb-tooltip", "md-button", "hb-screen-only"}
WEB_ADDRESS_CLASS = "hb-web-address"  # the print style prints the address after the link text


def term_anchor(term_id: str) -> str:
    return f"term-{term_id}"


def reference_anchor(evidence_id: str) -> str:
    return f"ref-{evidence_id}"


def section_anchor(site_path: str) -> str:
    """A section's anchor from its page's site path: 'handbooks/starter/first-steps/' -> 's-handbooks-starter-first-steps'."""
    return "s-" + ("-".join(part for part in site_path.split("/") if part) or "home")


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


@dataclass
class PrintLinks:
    """Link targets of one print document, and what its sections turned out to use."""

    site_url: str  # absolute URL of the online site, ending in "/"
    sections: dict[str, str]  # site path of each page in the document -> its anchor
    term_ids: set[str]  # every glossary term of the site
    evidence_ids: set[str]  # every evidence item of the site
    assets: dict[str, Path] = field(default_factory=dict)  # site path of a file -> its file on disk
    used_terms: dict[str, None] = field(default_factory=dict)  # in order of first use
    cited_evidence: dict[str, None] = field(default_factory=dict)
    files: dict[Path, None] = field(default_factory=dict)  # the files its images show, in order of first use

    def rewrite_section(self, body: etree.Element, page_url: str) -> list[Heading]:
        """Rewrite a page's content in place; returns its headings for the contents list."""
        prefix = self.sections[page_url]
        remove_where(body, _screen_only)
        first_h1 = body.find(".//h1")
        if first_h1 is not None:  # the document template writes the section title
            remove_where(body, lambda el: el is first_h1)
        folder = page_folder(page_url)
        for el in body.iter():
            if not isinstance(el.tag, str):
                continue
            if el.get("id"):
                el.set("id", f"{prefix}--{el.get('id')}")
            if el.tag == "a" and el.get("href") is not None:
                href = el.get("href", "")
                printed = self.print_href(href, folder, prefix)
                el.set("href", printed)
                if printed != href and printed.startswith(self.site_url):  # a page of the site outside this PDF
                    el.set("class", " ".join([*(el.get("class") or "").split(), WEB_ADDRESS_CLASS]))
            elif el.tag == "img" and el.get("src"):
                el.set("src", self._image_src(el.get("src", ""), folder))
                if el.get("alt") is None:  # tagged PDF: an image without words is marked decorative
                    el.set("alt", "")
            elif el.tag == "details":
                el.set("open", "")
        return [
            Heading(int(el.tag[1]), el.get("id", ""), text_of(el))
            for el in body.iter()
            if el.tag in ("h2", "h3") and el.get("id")
        ]

    def print_href(self, href: str, folder: str, prefix: str) -> str:
        if is_external(href) or href.startswith(("mailto:", "tel:")):
            return href
        if href.startswith("#"):
            return f"#{prefix}--{href[1:]}" if href[1:] else f"#{prefix}"
        target = resolve(href, folder)
        return self.target_href(target)

    def target_href(self, target: Target) -> str:
        if target.path in self.sections:
            anchor = self.sections[target.path]
            return f"#{anchor}--{target.fragment}" if target.fragment else f"#{anchor}"
        section, _, rest = target.path.partition("/")
        item_id = rest.rstrip("/")
        if section == TERM.section and item_id in self.term_ids and "/" not in item_id:
            self.used_terms.setdefault(item_id)
            return f"#{term_anchor(item_id)}"
        if section == EVIDENCE.section and item_id in self.evidence_ids and "/" not in item_id:
            self.cited_evidence.setdefault(item_id)
            return f"#{reference_anchor(item_id)}"
        return self.web_address(target)

    def web_address(self, target: Target) -> str:
        return self.site_url + target.path + (f"#{target.fragment}" if target.fragment else "")

    def _image_src(self, src: str, folder: str) -> str:
        if is_external(src) or src.startswith("data:"):
            return src  # the PDF renderer fetches nothing from the internet
        target = resolve(src, folder)
        file = self.assets.get(target.path)
        if file is None:  # not a file of the site: the PDF renderer refuses the address and says so
            return self.web_address(target)
        self.files.setdefault(file)
        return file.as_uri()


def _screen_only(el: etree.Element) -> bool:
    return el.tag in SCREEN_ONLY_TAGS or bool(classes(el) & SCREEN_ONLY_CLASSES)
