"""Column conventions of the case table and the input checks every statistics module shares.

Each interview theme ``T`` has a presence column ``theme_<T>_present`` (0/1) and an intensity
column ``theme_<T>_segments`` (number of coded segments). Functions take a theme by name
(``"T"``) or by either column name.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import pandas as pd

__all__ = [
    "as_binary",
    "ordered_levels",
    "presence_column",
    "require_columns",
    "segments_column",
    "theme_name",
]

_THEME_SUFFIXES = ("_present", "_segments")


def theme_name(column: str) -> str:
    """The theme ``T`` of ``theme_T_present`` or ``theme_T_segments`` (other names pass through)."""
    if not column.startswith("theme_"):
        return column
    name = column.removeprefix("theme_")
    for suffix in _THEME_SUFFIXES:
        name = name.removesuffix(suffix)
    return name


def presence_column(theme: str) -> str:
    """Presence column of a theme: ``theme_<T>_present`` (a full column name passes through)."""
    if theme.startswith("theme_") and theme.endswith(_THEME_SUFFIXES):
        return f"theme_{theme_name(theme)}_present"
    return f"theme_{theme}_present"


def segments_column(theme: str) -> str:
    """Intensity column of a theme: ``theme_<T>_segments`` (a full column name passes through)."""
    if theme.startswith("theme_") and theme.endswith(_THEME_SUFFIXES):
        return f"theme_{theme_name(theme)}_segments"
    return f"theme_{theme}_segments"


def require_columns(table: pd.DataFrame, columns: Sequence[str]) -> None:
    """Raise ``KeyError`` naming every column of ``columns`` that ``table`` lacks."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(f"columns not in the case table: {missing}")


def as_binary(series: pd.Series) -> pd.Series:
    """0/1 float series (missing values kept).

    Raises:
        ValueError: naming the column and the offending values when it is not 0/1 or boolean.
    """
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.astype(float)
    if not pd.api.types.is_numeric_dtype(series.dtype):
        raise ValueError(f"column {series.name!r} must be 0/1 or boolean, found {series.dtype}")
    values = series.astype(float)
    bad = set(values.dropna().unique()) - {0.0, 1.0}
    if bad:
        raise ValueError(f"column {series.name!r} must be 0/1, found values {sorted(bad)}")
    return values


def ordered_levels(series: pd.Series) -> list[Hashable]:
    """Observed levels in a stable, meaningful order (category order, True before False, 1 before 0)."""
    observed = series.dropna()
    if isinstance(series.dtype, pd.CategoricalDtype):
        present = set(observed)
        return [c for c in series.cat.categories if c in present]
    if pd.api.types.is_bool_dtype(series.dtype):
        return [v for v in (True, False) if (observed == v).any()]
    uniques = list(observed.unique())
    if pd.api.types.is_numeric_dtype(series.dtype) and set(uniques) <= {0, 1}:
        # A 0/1 indicator reads as yes/no: 1 first, like True, so odds ratios contrast 1 with 0.
        return [v for v in (1, 0) if v in set(uniques)]
    try:
        return sorted(uniques)
    except TypeError:
        return sorted(uniques, key=str)
