"""Cells for CSV files that people open in a spreadsheet: no text that a spreadsheet runs as a formula.

A text cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
spreadsheets skip before looking) is taken as a formula by Excel and LibreOffice:
``=HYPERLINK("http://...", "klik")`` in a file name would become a live link, other formulas can
read or send data. Such text gets a leading apostrophe, which spreadsheets show as text and do not
display. Numbers are left alone, so ``-3`` stays a number.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet would run as a formula; then ``'`` + text.

    Args:
        value: one cell of a table about to be written as CSV.

    Returns:
        The cell, with an apostrophe in front when it is a string starting with one of
        :data:`FORMULA_STARTS`.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
