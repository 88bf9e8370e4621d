"""Spreadsheet formulas: no text from content may start one in the CSV or RIS exports.

Excel and LibreOffice run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
after their own trimming, a tab or carriage return) as a formula, and a formula can
fetch URLs or, in older set-ups, start programs. A title such as ``=HYPERLINK(...)``
in ``evidence.csv`` would do that on the machine of whoever opens the download. OWASP's
rule ("CSV injection") is applied: such a text value gets a leading apostrophe, which
spreadsheets read as "this is text". Reference managers import RIS into spreadsheets
and tables too, so RIS fields follow the same rule.

Only text is changed. Numbers (year, confidence rating) are written as numbers and
keep their sign: the model holds them as ``int``, never as text, so a negative number
can only reach a cell as a number. A text value that merely looks numeric, such as a
title "-5% in a year", gets the apostrophe like any other text starting with ``-``:
that is the price of the rule, and the JSON export keeps every value exactly.
"""

from __future__ import annotations

from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"

T = TypeVar("T")


def neutralise_cell(value: T) -> T | str:
    """``value`` with a leading apostrophe if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return TEXT_MARK + value
    return value
