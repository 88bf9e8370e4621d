"""One fix inside the PDF writer, applied in the PDF worker processes only.

pydyf (WeasyPrint's PDF writer) rebuilds the list of page references every time it is
asked for one, and the tagged PDF (PDF/UA) asks once for every tagged element and every
link: a cost that grows with pages x elements, a few per cent of a 40-page handbook but
a fifth of a 200-page one. The list only changes when a page is added, so it is kept
until the page count changes. The output is byte for byte the same
(``tests/unit/test_pdf_page_references.py``).
"""

from __future__ import annotations

import inspect

import pydyf

from handbook.mkdocs.speedups.upstream import SpeedUp, fingerprint

# pydyf's PDF.page_references as the kept answer stands in for it (0.13.0).
PAGE_REFERENCES_FINGERPRINT = "060bf90aad55931b"


def shape_differs() -> str | None:
    current = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(current, property) or current.fget is None:
        return "pydyf.PDF.page_references is not a property"
    built = getattr(current.fget, "__wrapped__", current.fget)
    if fingerprint(built) != PAGE_REFERENCES_FINGERPRINT:
        return "pydyf's PDF.page_references is no longer the one this keeps"
    if "Kids" not in inspect.getsource(built):
        return "pydyf's PDF.page_references no longer reads the pages' Kids"
    return None


SPEEDUP = SpeedUp(
    name="pdf_page_references",
    replaces="pydyf's PDF.page_references property (rebuilt at every question)",
    checked={"pydyf": ("0.13.0",), "weasyprint": ("70.0",)},
    shape_differs=shape_differs,
)

_MARK = "_handbook_keeps_page_references"


def keep_page_references() -> None:
    """Make ``pydyf.PDF.page_references`` keep its answer until a page is added.

    Does nothing if pydyf no longer has that property (a newer version may have fixed
    it differently), or if it has already been done in this process.
    """
    current = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(current, property) or current.fget is None or getattr(current.fget, _MARK, False):
        return
    build = current.fget

    def page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
        kids = pdf.pages["Kids"]
        kept = pdf.__dict__.get(_MARK)
        if kept is None or kept[0] is not kids or kept[1] != len(kids):
            kept = (kids, len(kids), build(pdf))
            pdf.__dict__[_MARK] = kept
        return kept[2]

    setattr(page_references, _MARK, True)
    page_references.__wrapped__ = build  # type: ignore[attr-defined]  # as functools.wraps sets it
    pydyf.PDF.page_references = property(page_references, doc=current.__doc__)
