"""One fix inside the PDF writer, applied in the PDF worker processes only.

pydyf (WeasyPrint's PDF writer) rebuilds the list of page references every time it is
asked for one, and the tagged PDF (PDF/UA) asks once for every tagged element and every
link: a cost that grows with pages x elements, a few per cent of a 40-page handbook but
a fifth of a 200-page one. The list only changes when a page is added, so it is kept
until the page count changes. The output is byte for byte the same (tested).
"""

from __future__ import annotations

import pydyf

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
    page_references.__wrapped__ = build  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references, doc=current.__doc__)
