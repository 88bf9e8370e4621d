"""The page-reference fix in the PDF writer changes nothing in the PDF, only its speed."""

from __future__ import annotations

import io

import pydyf
import weasyprint

from handbook.mkdocs.speedups.pdf_page_references import keep_page_references

# Several pages, links between them and headings: a tagged PDF that asks for page references.
DOCUMENT = (
    "<html lang='en'><head><title>T</title></head><body>"
    + "".join(
        f"<h1 id='s{i}' style='break-before: page'>Section {i}</h1><p><a href='#s{(i + 1) % 5}'>next</a> text</p>"
        for i in range(5)
    )
    + "</body></html>"
)


def original_property() -> property:
    current = pydyf.PDF.__dict__["page_references"]
    return property(getattr(current.fget, "__wrapped__", current.fget))


def tagged_pdf() -> bytes:
    out = io.BytesIO()
    weasyprint.HTML(string=DOCUMENT).write_pdf(out, pdf_variant="pdf/ua-1")
    return out.getvalue()


def test_the_pdf_is_the_same_byte_for_byte(monkeypatch):
    monkeypatch.setattr(pydyf.PDF, "page_references", original_property())
    before = tagged_pdf()
    keep_page_references()
    assert pydyf.PDF.__dict__["page_references"].fget.__wrapped__ is not None  # it was applied
    assert tagged_pdf() == before


def test_a_page_added_after_a_question_is_in_the_next_answer(monkeypatch):
    monkeypatch.setattr(pydyf.PDF, "page_references", original_property())
    keep_page_references()
    pdf = pydyf.PDF()
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = pdf.page_references
    assert pdf.page_references is first  # kept, not rebuilt
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(pdf.page_references) == 2 and pdf.page_references[0] == first[0]


def test_applying_it_twice_wraps_once(monkeypatch):
    monkeypatch.setattr(pydyf.PDF, "page_references", original_property())
    keep_page_references()
    once = pydyf.PDF.__dict__["page_references"]
    keep_page_references()
    assert pydyf.PDF.__dict__["page_references"] is once
