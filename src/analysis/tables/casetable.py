"""The per-municipality table researchers load: one row per municipality of 1 January 2017.

``build_case_table`` joins the CBS key figures, region memberships and sizes, bijstand 2015-2017
on 2017 boundaries and the council election of 2010 into ``data/processed/case_table_2017.parquet``,
with a data dictionary beside it (``case_table_2017_columns.csv``: column, dtype, unit, source,
description), generated from the field registry :mod:`analysis.core.fields`. Coded themes are
added per codings file by :mod:`analysis.tables.crosscase`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.core import fields, paths
from analysis.geo import regions
from analysis.geo.indicators import size_class
from analysis.social import case_columns as social_columns

CASE_TABLE_FILE = "case_table_2017.parquet"
DICTIONARY_FILE = "case_table_2017_columns.csv"


def case_table_path() -> Path:
    """Location of the processed case table."""
    return paths.processed_dir() / CASE_TABLE_FILE


def dictionary_path() -> Path:
    """Location of the case table's data dictionary."""
    return paths.processed_dir() / DICTIONARY_FILE


def build_case_table(
    municipalities: pd.DataFrame,
    case_codes: list[str],
    memberships: pd.DataFrame,
    bijstand: pd.DataFrame,
    elections_2010: pd.DataFrame,
) -> pd.DataFrame:
    """Join every per-municipality source into one row per 2017 municipality.

    Args:
        municipalities: the processed municipal table (geometry optional, dropped).
        case_codes: the twenty.
        memberships: ``regions.load_memberships()``.
        bijstand: ``bijstand.load_bijstand()`` (2017 boundaries).
        elections_2010: ``elections.parse_gr2010`` output.

    Raises:
        ValueError: when a join would add or lose municipalities.
    """
    base = pd.DataFrame(municipalities.drop(columns="geometry", errors="ignore")).set_index("gm_code")
    base.insert(1, "is_case", base.index.isin(case_codes))
    base.insert(2, "size_class", base["population_count"].map(size_class))
    parts = [
        regions.to_case_columns(municipalities, memberships),
        social_columns.to_case_columns(municipalities, bijstand, elections_2010),
    ]
    table = base
    for part in parts:
        if not part.index.is_unique or set(part.index) != set(base.index):
            extra = sorted(set(part.index) - set(base.index))[:5]
            lacking = sorted(set(base.index) - set(part.index))[:5]
            raise ValueError(
                f"case-table part does not match the 2017 municipalities: extra {extra}, lacking {lacking}"
            )
        table = table.join(part, validate="1:1")
    return table.reset_index()


def column_dictionary(columns: list[str]) -> pd.DataFrame:
    """Dtype, unit, source and description of each case-table column, in table order.

    Raises:
        analysis.core.fields.UnregisteredColumnError: a column the registry does not describe.
    """
    return fields.column_dictionary(columns)


def load_case_table() -> pd.DataFrame:
    """The processed case table (run ``make data`` first)."""
    return pd.read_parquet(case_table_path())
