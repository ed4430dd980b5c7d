"""The cross-case table, built from tiny inline frames: themes, cases only, flags, gaps."""

from __future__ import annotations

import pandas as pd
import pytest
from coding_imports import CodingRow, coding_import

from analysis.qual.codebook import codebook_from_dict
from analysis.qual.codings import CodingImport
from analysis.stats import fisher, rank
from analysis.tables.crosscase import (
    ILLUSTRATIVE_COLUMN,
    SIZE_GROUPS,
    build_crosscase_table,
    column_dictionary,
    theme_columns,
)


@pytest.fixture
def codebook():
    """Two themes with one child each, and a third theme nobody codes."""
    tree = [("AA", None), ("AA.SUB", "AA"), ("BB", None), ("BB.SUB", "BB"), ("CC", None)]
    codes = [{"id": i, "parent": p, "label_nl": f"{i} nl", "label_en": f"{i} en", "definition": "x"} for i, p in tree]
    return codebook_from_dict({"version": "0.1.0", "codes": codes})


@pytest.fixture
def case_table() -> pd.DataFrame:
    """Four municipalities, three of them cases; GM0003 lacks its stedelijkheid and region size."""
    return pd.DataFrame(
        {
            "gm_code": ["GM0001", "GM0002", "GM0003", "GM0004"],
            "gm_name": ["Aa", "Bee", "Cee", "Dee"],
            "is_case": [True, True, True, False],
            "population_count": pd.array([12_000.0, 80_000.0, 50_000.0, 9_000.0], dtype="Float64"),
            "stedelijkheid_class": pd.array([5, 1, pd.NA, 3], dtype="Int64"),
            "youth_care_region_inhabitants_count": pd.array([90_000, 400_000, pd.NA, 90_000], dtype="Int64"),
            "turnout_2010_pct": pd.array([55.0, pd.NA, 60.0, 50.0], dtype="Float64"),
        }
    )


def _import(rows: list[CodingRow], illustrative: bool) -> CodingImport:
    return coding_import(rows, illustrative=illustrative, codebook_version="codebook.yaml v0.1.0")


@pytest.fixture
def coded() -> CodingImport:
    """GM0001: AA in two segments (one coded twice, once per coder), BB once via its child.
    GM0002: AA.SUB and AA in the same segment (one segment of AA). GM0003: nothing.
    GM0004 (not a case) is coded but must not appear."""
    return _import(
        [
            ("GM0001", "d1", "s1", "AA", "A"),
            ("GM0001", "d1", "s1", "AA", "B"),
            ("GM0001", "d1", "s2", "AA.SUB", "A"),
            ("GM0001", "d2", "s1", "BB.SUB", "A"),
            ("GM0002", "d1", "s1", "AA.SUB", "A"),
            ("GM0002", "d1", "s1", "AA", "A"),
            ("GM0004", "d1", "s1", "BB", "A"),
        ],
        illustrative=True,
    )


def test_only_the_cases_in_case_table_order(case_table, coded, codebook):
    table = build_crosscase_table(case_table, coded, codebook)
    assert table["gm_code"].tolist() == ["GM0001", "GM0002", "GM0003"]
    assert set(case_table.columns) <= set(table.columns)


def test_theme_presence_and_segments(case_table, coded, codebook):
    table = build_crosscase_table(case_table, coded, codebook).set_index("gm_code")
    assert table.loc["GM0001", "theme_AA_segments"] == 2  # the double-coded segment counts once
    assert table.loc["GM0001", "theme_BB_segments"] == 1  # a child code rolls up to its theme
    assert table.loc["GM0002", "theme_AA_segments"] == 1  # two codes of one theme, one segment
    assert table.loc["GM0002", "theme_BB_present"] == 0
    assert table.loc["GM0001", "theme_AA_present"] == 1
    assert table.loc["GM0001", "coded_segments"] == 3
    assert table.loc["GM0001", "coded_documents"] == 2
    assert [c for c in table.columns if c.startswith("theme_")] == theme_columns(codebook)


def test_theme_present_nowhere_is_zero_not_missing(case_table, coded, codebook):
    table = build_crosscase_table(case_table, coded, codebook).set_index("gm_code")
    assert table.loc[["GM0001", "GM0002"], "theme_CC_present"].tolist() == [0, 0]
    assert table.loc[["GM0001", "GM0002"], "theme_CC_segments"].tolist() == [0, 0]


def test_case_without_codings_has_missing_themes(case_table, coded, codebook):
    table = build_crosscase_table(case_table, coded, codebook).set_index("gm_code")
    assert table.loc["GM0003", "coded_segments"] == 0
    themes = table.loc["GM0003", theme_columns(codebook)]
    assert themes.isna().all()


def test_illustrative_flag_on_every_row(case_table, coded, codebook):
    table = build_crosscase_table(case_table, coded, codebook)
    assert table[ILLUSTRATIVE_COLUMN].tolist() == [True, True, True]
    assert set(table["codings_file_name"]) == {"codings.csv"}
    real = _import([("GM0001", "d1", "s1", "AA", "A")], illustrative=False)
    assert not build_crosscase_table(case_table, real, codebook)[ILLUSTRATIVE_COLUMN].any()


def test_groupings_and_missing_covariates(case_table, coded, codebook):
    table = build_crosscase_table(case_table, coded, codebook).set_index("gm_code")
    assert table["size_group"].tolist() == [SIZE_GROUPS[0], SIZE_GROUPS[1], SIZE_GROUPS[1]]  # 50,000 is large
    assert table.loc["GM0001", "stedelijkheid_group"] == "little or not urban (4-5)"
    assert pd.isna(table.loc["GM0003", "stedelijkheid_group"])
    assert table["has_youth_care_region_100k"].tolist()[:2] == [False, True]
    assert pd.isna(table.loc["GM0003", "has_youth_care_region_100k"])
    assert pd.isna(table.loc["GM0002", "turnout_2010_pct"])
    assert table.loc["GM0002", "population_log10"] == pytest.approx(4.90309, abs=1e-5)


def test_table_feeds_the_association_routines(case_table, coded, codebook):
    table = build_crosscase_table(case_table, coded, codebook).set_index("gm_code")
    fisher_results = fisher.fisher_tests(table, ["AA", "BB"], ["size_group"])
    # The case without codings is left out, not counted as "theme absent".
    assert fisher_results["n"].tolist() == [2, 2]
    correlations = rank.rank_correlations(table, ["AA"], ["turnout_2010_pct"], n_boot=50)
    assert correlations.loc[0, "n"] == 1  # GM0002 lacks turnout, GM0003 lacks codings


def test_every_column_is_documented(codebook):
    from analysis.core import fields

    case_table = pd.DataFrame(
        {
            "gm_code": ["GM0001"],
            "gm_name": ["Aa"],
            "is_case": [True],
            "population_count": [60_000.0],
            "stedelijkheid_class": [2],
            "youth_care_region_inhabitants_count": [150_000],
        }
    )
    table = build_crosscase_table(case_table, _import([], illustrative=False), codebook)
    dictionary = column_dictionary(table, codebook)
    assert dictionary["column"].tolist() == list(table.columns)
    assert dictionary.set_index("column").loc["gm_code", "source"] == fields.WIJKBUURTKAART
    themes = dictionary.set_index("column")
    theme = codebook.roots()[0]
    assert f"({theme.label_en})" in themes.loc[f"theme_{theme.id}_present", "description"]
    assert themes.loc[f"theme_{theme.id}_segments", "unit"] == "coded segments"
    with pytest.raises(fields.UnregisteredColumnError, match="mystery_column"):
        column_dictionary(table.assign(mystery_column=1), codebook)


def test_write_and_load_on_the_processed_data(built_data):
    from analysis.tables.crosscase import crosscase_csv_path, load_crosscase_table, write_crosscase_table

    written = write_crosscase_table()
    assert all(path.exists() for path in written)
    table = load_crosscase_table()
    assert len(table) == 20 and table[ILLUSTRATIVE_COLUMN].all()
    assert pd.read_csv(crosscase_csv_path())[ILLUSTRATIVE_COLUMN].all()
