"""Formula injection: no text cell from an input reaches a spreadsheet as a formula (issue 15 item 8)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from analysis.core.csv_safe import csv_safe
from analysis.qual.codebook import codebook_from_dict
from analysis.qual.codings import ACCEPTED_COLUMNS, REJECTED_COLUMNS, UNMATCHED_COLUMNS, CodingImport
from analysis.tables import crosscase

FORMULA_NAME = '=HYPERLINK("#A1","klik").csv'  # no '/': the writer keeps the name only


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Zwolle", "Zwolle"),
        ("a=b", "a=b"),
        ("", ""),
        (-3, -3),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_csv_safe(value, expected):
    assert csv_safe(value) == expected


def test_crosscase_csv_has_no_formula_from_the_codings_file_name(tmp_path, monkeypatch):
    # Before: codings_source held the file name as is, so a spreadsheet ran =HYPERLINK(...).
    codes = [{"id": "AA", "parent": None, "label_nl": "a", "label_en": "a", "definition": "x"}]
    codebook = codebook_from_dict({"version": "0.1.0", "codes": codes})
    case_table = pd.DataFrame(
        {
            "gm_code": ["GM0001"],
            "gm_name": ["Aa"],
            "is_case": [True],
            "population_count": pd.array([12_000.0], dtype="Float64"),
            "stedelijkheid_class": pd.array([5], dtype="Int64"),
            "youth_care_region_inhabitants_count": pd.array([90_000], dtype="Int64"),
            "turnout_2010_pct": pd.array([55.0], dtype="Float64"),
        }
    )
    accepted = pd.DataFrame(
        [("GM0001", "Aa", "d1", "s1", "AA", "A", "", pd.NA, pd.NA, "line 2")], columns=list(ACCEPTED_COLUMNS)
    )
    coded = CodingImport(
        accepted=accepted,
        rejected=pd.DataFrame(columns=list(REJECTED_COLUMNS)),
        unmatched_codes=pd.DataFrame(columns=list(UNMATCHED_COLUMNS)),
        source=str(tmp_path / FORMULA_NAME),
        is_illustrative=False,
        n_read=1,
    )
    monkeypatch.setattr(crosscase, "load_codebook", lambda: codebook)
    monkeypatch.setattr(crosscase.casetable, "load_case_table", lambda: case_table)
    monkeypatch.setattr(crosscase, "load_report_codings", lambda path="": coded)
    for name in ("crosscase_path", "crosscase_csv_path", "dictionary_path"):
        target = tmp_path / f"{name}.out"
        monkeypatch.setattr(crosscase, name, lambda target=target: target)
    crosscase.write_crosscase_table()
    with (tmp_path / "crosscase_csv_path.out").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cells = [cell for row in rows for cell in row.values()]
    assert "'" + FORMULA_NAME in cells  # the column with the codings file name
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    # The parquet keeps the name as data: escaping is for spreadsheets only.
    saved = pd.read_parquet(tmp_path / "crosscase_path.out")
    assert FORMULA_NAME in saved.astype(str).to_numpy().ravel().tolist()
