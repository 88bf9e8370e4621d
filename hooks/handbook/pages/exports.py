"""Data for reuse: the glossary and the evidence base as files written into the site.

* ``glossary/glossary.json``: every term with its perspectives;
* ``evidence/evidence.json`` and ``evidence/evidence.csv``: every evidence item with its
  confidence rating and rationale;
* ``evidence/evidence.ris``: the evidence base for reference managers (Zotero, EndNote...).

Text in the CSV and RIS files never starts a spreadsheet formula (see
``safety.spreadsheet_cells``) and a RIS value never starts a line; the JSON files keep
every value exactly. Plain functions of the corpus, so they are tested without building
the site.

Languages: the field names (JSON keys, the CSV header) and ids are the same in every
language, so that a script reading one reads the other; the values are the corpus's (the
localized corpus in another language's build: its titles, definitions and vocabulary
labels), and the few words the exports add themselves (the RIS note on the confidence
rating) are in the language of the ``messages`` given, English by default.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from handbook.content.corpus import Corpus
from handbook.content.model import Evidence, Term
from handbook.languages import SOURCE_LANGUAGE
from handbook.languages.catalogue import Messages
from handbook.linking.urls import url_for
from handbook.safety.spreadsheet_cells import neutralise_cell

LICENCE = "CC-BY-4.0"
GLOSSARY_JSON = "glossary/glossary.json"
EVIDENCE_JSON = "evidence/evidence.json"
EVIDENCE_CSV = "evidence/evidence.csv"
EVIDENCE_RIS = "evidence/evidence.ris"

CSV_COLUMNS = (
    "id",
    "title",
    "authors",
    "year",
    "evidence_type",
    "publisher",
    "doi",
    "url",
    "open_access",
    "themes",
    "outcomes",
    "findings_direction",
    "confidence_rating",
    "confidence_label",
    "confidence_rationale",
    "key_findings",
    "page",
)
# RIS reference types: reports for grey literature, journal articles for the rest.
_RIS_REPORT_TYPES = {"practice-report", "evaluation", "think-piece", "lived-experience-inquiry", "case-study"}


@dataclass(frozen=True)
class ExportFile:
    src_uri: str  # where it lands in the site, as if under docs/
    content: bytes


def _terms(corpus: Corpus) -> list[Term]:
    return sorted(corpus.terms, key=lambda t: t.title.lower())


def _evidence(corpus: Corpus) -> list[Evidence]:
    return sorted(corpus.records(Evidence), key=lambda e: (-e.year, e.id))


def glossary_records(corpus: Corpus) -> list[dict]:
    groups = corpus.vocabularies.term_groups
    return [
        {
            "id": term.id,
            "term": term.title,
            "aliases": term.aliases,
            "group": {"id": term.group, "title": groups.title(term.group)},
            "working_definition": term.working_definition,
            "perspectives": [
                {
                    "definition": p.definition,
                    "attributed_to": p.attributed_to,
                    "stance": p.stance,
                    "source": {"title": p.source.title, "year": p.source.year, "url": p.source.url}
                    if p.source
                    else None,
                }
                for p in term.perspectives
            ],
            "contested": term.contested,
            "contested_note": term.contested_note,
            "use_with_care": {"why": term.use_with_care.why, "alternatives": term.use_with_care.alternatives}
            if term.use_with_care
            else None,
            "related_terms": term.related_terms,
            "themes": term.themes,
            "page": url_for("term", term.id),
        }
        for term in _terms(corpus)
    ]


def evidence_records(corpus: Corpus) -> list[dict]:
    levels = corpus.vocabularies.confidence_levels
    return [
        {
            "id": e.id,
            "title": e.title,
            "authors": e.authors,
            "year": e.year,
            "evidence_type": e.evidence_type,
            "publisher": e.publisher,
            "doi": e.doi,
            "url": e.url,
            "open_access": e.open_access,
            "themes": e.themes,
            "outcomes": e.outcomes,
            "key_findings": e.key_findings,
            "findings_direction": e.findings_direction,
            "confidence": {
                "rating": e.confidence.rating,
                "label": levels.title(e.confidence.rating),
                "rationale": e.confidence.rationale,
            },
            "page": url_for("evidence", e.id),
        }
        for e in _evidence(corpus)
    ]


def _json(key: str, records: list[dict], language: str) -> bytes:
    # "language": the language of the titles and texts, the same key in every language's file.
    document = {"licence": LICENCE, "language": language, "count": len(records), key: records}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def glossary_json(corpus: Corpus, language: str = SOURCE_LANGUAGE) -> bytes:
    return _json("terms", glossary_records(corpus), language)


def evidence_json(corpus: Corpus, language: str = SOURCE_LANGUAGE) -> bytes:
    return _json("evidence", evidence_records(corpus), language)


def evidence_csv(corpus: Corpus) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in evidence_records(corpus):
        confidence = record["confidence"]
        writer.writerow(
            [
                neutralise_cell(cell)
                for cell in [
                    record["id"],
                    record["title"],
                    "; ".join(record["authors"]),
                    record["year"],
                    record["evidence_type"],
                    record["publisher"] or "",
                    record["doi"] or "",
                    record["url"] or "",
                    "" if record["open_access"] is None else str(record["open_access"]).lower(),
                    "; ".join(record["themes"]),
                    "; ".join(record["outcomes"]),
                    record["findings_direction"] or "",
                    confidence["rating"],
                    confidence["label"],
                    confidence["rationale"],
                    " | ".join(record["key_findings"]),
                    record["page"],
                ]
            ]
        )
    # A byte order mark so that spreadsheet programs read the Welsh letters as UTF-8.
    return out.getvalue().encode("utf-8-sig")


def _ris_line(tag: str, value: object) -> str:
    # One line per field: a value with a line break in it could otherwise add tags
    # ("...\nTY  - ..."); str.split() also breaks at \r, \x85, \u2028 and \u2029.
    text = " ".join(str(value).split())
    return f"{tag}  - {neutralise_cell(text)}"


def ris_record(evidence: Evidence, confidence_label: str, messages: Messages | None = None) -> list[str]:
    messages = messages or Messages()
    kind = "RPRT" if evidence.evidence_type in _RIS_REPORT_TYPES else "JOUR"
    lines = [_ris_line("TY", kind)]
    lines += [_ris_line("AU", author) for author in evidence.authors]
    lines.append(_ris_line("PY", evidence.year))
    lines.append(_ris_line("TI", evidence.title))
    if evidence.publisher:
        lines.append(_ris_line("JO" if kind == "JOUR" else "PB", evidence.publisher))
    if evidence.doi:
        lines.append(_ris_line("DO", evidence.doi))
    if evidence.link:
        lines.append(_ris_line("UR", evidence.link))
    lines += [_ris_line("KW", theme) for theme in evidence.themes]
    note = messages.gettext(
        "Confidence %(rating)s/4 (%(label)s): %(rationale)s",
        rating=evidence.confidence.rating,
        label=confidence_label,
        rationale=evidence.confidence.rationale,
    )
    lines.append(_ris_line("N1", note))
    lines.append(_ris_line("ID", evidence.id))
    lines.append("ER  - ")
    return lines


def evidence_ris(corpus: Corpus, messages: Messages | None = None) -> bytes:
    levels = corpus.vocabularies.confidence_levels
    lines: list[str] = []
    for evidence in _evidence(corpus):
        lines += ris_record(evidence, levels.title(evidence.confidence.rating), messages)
        lines.append("")
    return "\r\n".join(lines).encode("utf-8")


def export_files(corpus: Corpus, messages: Messages | None = None) -> list[ExportFile]:
    """The data files of ``corpus``; ``messages``: the language of the words they add (English by default)."""
    language = messages.language if messages else SOURCE_LANGUAGE
    return [
        ExportFile(GLOSSARY_JSON, glossary_json(corpus, language)),
        ExportFile(EVIDENCE_JSON, evidence_json(corpus, language)),
        ExportFile(EVIDENCE_CSV, evidence_csv(corpus)),
        ExportFile(EVIDENCE_RIS, evidence_ris(corpus, messages)),
    ]
