"""HTML fragments as element trees: parse once, change elements, write back.

The PDF and offline outputs rewrite links in HTML the build has already rendered; they
do it on a tree (tinyhtml5, the HTML5 parser that ships with WeasyPrint), never with
patterns over text.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator

import tinyhtml5


def parse_fragment(fragment: str) -> etree.Element:
    """A ``<body>`` element whose children are the fragment's top-level nodes.

    Python-Markdown and our templates mostly write well-formed markup, which the C XML
    parser reads fifty times faster; anything else (named entities, unclosed tags) goes
    to the HTML5 parser, which reads every document a browser can.
    """
    try:
        return etree.fromstring(f"<body>{fragment}</body>")
    except etree.ParseError:
        pass
    document = tinyhtml5.parse(
        f"<!DOCTYPE html><html><head></head><body>{fragment}</body></html>", namespace_html_elements=False
    )
    body = document.find("body")
    assert body is not None
    return body


def _local(name: str) -> str:
    """``{namespace}name`` -> ``name``: HTML serialisation knows SVG and MathML by name."""
    return name.rsplit("}", 1)[-1]


def _strip_namespaces(root: etree.Element) -> None:
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = _local(el.tag)
        for name in [n for n in el.attrib if n.startswith("{")]:
            el.set(_prefixed(name), el.attrib.pop(name))


def _prefixed(name: str) -> str:
    namespace, _, local = name[1:].partition("}")
    prefix = {"http://www.w3.org/1999/xlink": "xlink", "http://www.w3.org/XML/1998/namespace": "xml"}.get(namespace)
    return f"{prefix}:{local}" if prefix else local


def serialize_children(container: etree.Element) -> str:
    """The container's content (not the container itself) as HTML."""
    _strip_namespaces(container)
    parts = [html.escape(container.text or "", quote=False)]
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in container]
    return "".join(parts)


def classes(el: etree.Element) -> set[str]:
    return set((el.get("class") or "").split())


def iter_with_parents(root: etree.Element) -> Iterator[tuple[etree.Element, etree.Element]]:
    """Every (parent, child) pair below root, safe against removing the child."""
    for parent in list(root.iter()):
        for child in list(parent):
            yield parent, child


def remove_keeping_tail(parent: etree.Element, child: etree.Element) -> None:
    """Remove an element but keep the text that followed it."""
    if child.tail:
        index = list(parent).index(child)
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def remove_where(root: etree.Element, unwanted: Callable[[etree.Element], bool]) -> None:
    for parent, child in iter_with_parents(root):
        if isinstance(child.tag, str) and unwanted(child):
            remove_keeping_tail(parent, child)


def text_of(el: etree.Element) -> str:
    return " ".join("".join(el.itertext()).split())
