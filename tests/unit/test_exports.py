"""Exporters: JSON, CSV and RIS parse back to what the corpus holds."""

from __future__ import annotations

import csv
import io
import json

import pytest

from handbook.corpus import load_corpus
from handbook.exports import (CSV_COLUMNS, evidence_csv, evidence_json, evidence_ris, export_files, glossary_json)
from support import SAMPLE


@pytest.fixture(scope="module")
def corpus():
    result = load_corpus(SAMPLE)
    assert not result.problems
    return result.corpus


def test_glossary_json_round_trips_with_special_characters(corpus):
    data = json.loads(glossary_json(corpus).decode("utf-8"))
    assert data["count"] == 3 and data["licence"] == "CC-BY-4.0"
    terms = {t["id"]: t for t in data["terms"]}
    assert terms["loneliness"]["working_definition"] == (
        'The painful gap between the relationships we have and those we want: "<not> & {{ escaped }}" ŵ ŷ.')
    co = terms["co-production"]
    assert co["aliases"] == ["coproduction", "co-produced"]
    assert co["group"] == {"id": "the-work", "title": "The work of putting relationships first"}
    assert co["perspectives"][0]["source"] == {"title": "Crossing the great divide", "year": 1996, "url": None}
    assert co["perspectives"][1]["stance"] == "critiques" and co["contested"] is True
    assert terms["relational-council"]["use_with_care"]["alternatives"] == ["relational local government"]
    assert co["page"] == "glossary/co-production/"
    assert "ŵ ŷ" in glossary_json(corpus).decode("utf-8")  # not \u escapes


def test_evidence_json_keeps_rating_and_direction_apart(corpus):
    data = json.loads(evidence_json(corpus))
    holt = next(e for e in data["evidence"] if e["id"] == "holt-lunstad-2010")
    assert holt["confidence"] == {"rating": 4, "label": "Strong",
                                  "rationale": "A large meta-analysis of many independent studies with consistent results."}
    assert holt["findings_direction"] == "positive"
    assert holt["doi"] == "10.1371/journal.pmed.1000316" and holt["authors"][0] == "Holt-Lunstad, Julianne"
    assert [e["id"] for e in data["evidence"]] == ["holt-lunstad-2010", "russell-1996"]  # newest first


def test_evidence_csv_parses_back(corpus):
    text = evidence_csv(corpus).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    russell = next(r for r in rows if r["id"] == "russell-1996")
    assert russell["title"] == "UCLA Loneliness Scale (Version 3): reliability, validity, and factor structure"
    assert russell["themes"] == "measurement; loneliness"
    assert russell["confidence_rating"] == "3" and russell["confidence_label"] == "Good"
    assert russell["doi"] == "" and russell["open_access"] == ""
    holt = next(r for r in rows if r["id"] == "holt-lunstad-2010")
    assert holt["authors"] == "Holt-Lunstad, Julianne; Smith, Timothy B.; Layton, J. Bradley"
    assert holt["open_access"] == "true"


def parse_ris(text: str) -> list[list[tuple[str, str]]]:
    """A strict reader: every line is 'XX  - value', records end with 'ER  - '."""
    records, current = [], []
    for line in text.split("\r\n"):
        if not line:
            continue
        assert len(line) >= 6 and line[2:6] == "  - " and line[:2].isalnum() and line[:2].isupper(), line
        tag, value = line[:2], line[6:]
        if tag == "TY":
            assert not current, "TY inside an unfinished record"
        current.append((tag, value))
        if tag == "ER":
            records.append(current)
            current = []
    assert not current, "last record not closed with ER"
    return records


def test_ris_is_valid_and_complete(corpus):
    text = evidence_ris(corpus).decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")
    records = parse_ris(text)
    assert len(records) == 2
    holt = records[0]
    assert holt[0] == ("TY", "JOUR") and holt[-1] == ("ER", "")
    assert [v for t, v in holt if t == "AU"] == ["Holt-Lunstad, Julianne", "Smith, Timothy B.", "Layton, J. Bradley"]
    fields = dict(holt)
    assert fields["PY"] == "2010" and fields["JO"] == "PLoS Medicine"
    assert fields["TI"] == "Social relationships and mortality risk: a meta-analytic review"
    assert fields["DO"] == "10.1371/journal.pmed.1000316"
    assert fields["UR"] == "https://doi.org/10.1371/journal.pmed.1000316"
    assert fields["N1"].startswith("Confidence 4/4 (Strong): ")
    assert "DO" not in dict(records[1]) and "UR" not in dict(records[1])


def test_export_files_land_beside_their_index_pages(corpus):
    assert [f.src_uri for f in export_files(corpus)] == [
        "glossary/glossary.json", "evidence/evidence.json", "evidence/evidence.csv", "evidence/evidence.ris"]
