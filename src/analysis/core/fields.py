"""The field registry: every processed column with its dtype, unit, source and description.

One place for column metadata, as PUDL's ``FIELD_METADATA``: the column dictionaries written
beside the processed tables (``case_table_2017_columns.csv``, ``crosscase_twenty_columns.csv``)
are generated from it, and a test fails on a processed column that is not registered here or
whose name breaks the naming rules below.

Adding fields: each source has one list in :mod:`analysis.core.field_lists` (``GEOGRAPHY``,
``REGIONS``, ``BIJSTAND``, ...), collected in ``SOURCES``; a new column gets a :class:`Field` in
its source's list, a new source a new list and a line in ``SOURCES``. Columns made per theme, year
or region type are one field with a ``{placeholder}`` in its name (``theme_{theme}_present``).

The naming rules (units and kinds as suffixes, where a year goes) are in
:mod:`analysis.core.field_rules`.

It imports nothing above ``analysis.core``, so every layer may use it; region types and bijstand
years are written out in ``field_lists`` and tests check them against ``analysis.geo`` and
``analysis.social``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from analysis.core.field_lists import (
    BIJSTAND,
    BIJSTAND_TABLES,
    CASE_TABLE,
    CASES_FILE,
    CODINGS,
    COUNCILS_2018,
    CROSSCASE,
    DERIVED,
    ELECTIONS,
    GEBIEDSINDELINGEN,
    GEOGRAPHY,
    KIESRAAD_2010,
    KIESRAAD_2018,
    PLACEHOLDER_VALUES,
    REGION_TYPES,
    REGIONS,
    SOURCES,
    WIJKBUURTKAART,
)
from analysis.core.field_rules import DTYPES, UNITS, Field, Unit, naming_problems

__all__ = [
    "Field",
    "Unit",
    "UnregisteredColumnError",
    "column_dictionary",
    "describe",
    "lookup",
    "registry",
    "registry_problems",
    "BIJSTAND",
    "BIJSTAND_TABLES",
    "CASES_FILE",
    "CASE_TABLE",
    "CODINGS",
    "COUNCILS_2018",
    "CROSSCASE",
    "DERIVED",
    "ELECTIONS",
    "GEBIEDSINDELINGEN",
    "GEOGRAPHY",
    "KIESRAAD_2010",
    "KIESRAAD_2018",
    "PLACEHOLDER_VALUES",
    "REGIONS",
    "REGION_TYPES",
    "SOURCES",
    "WIJKBUURTKAART",
]


class UnregisteredColumnError(KeyError):
    """A column that no field of the registry describes."""


@cache
def registry() -> dict[str, Field]:
    """Every field by name (templates by their template); a name registered twice is an error."""
    fields: dict[str, Field] = {}
    for source, listed in SOURCES.items():
        for field in listed:
            if field.name in fields:
                raise ValueError(f"field {field.name!r} is registered twice (again in {source})")
            fields[field.name] = field
    return fields


def lookup(column: str) -> tuple[Field, dict[str, str]]:
    """The field describing ``column`` and the values of its placeholders.

    Raises:
        UnregisteredColumnError: no field describes the column.
    """
    fields = registry()
    if column in fields:
        return fields[column], {}
    for field in fields.values():
        if not field.is_template:
            continue
        match = field.pattern().match(column)
        if match is None:
            continue
        values = match.groupdict()
        if all(values[k] in PLACEHOLDER_VALUES.get(k, (values[k],)) for k in values):
            return field, values
    raise UnregisteredColumnError(f"column {column!r} is not in the field registry (analysis.core.fields)")


def describe(column: str, **values: str) -> dict[str, str]:
    """A column's dictionary row: column, dtype, unit, source, description (placeholders filled).

    Args:
        column: the column name.
        values: extra values for the description (e.g. ``label`` of a theme).
    """
    field, found = lookup(column)
    filled = {"label": "", **values, **found}
    if "region" in found:
        filled["region"] = REGION_TYPES[found["region"]]
    source = field.source
    if "year" in found:
        source = source.format(year=found["year"], table=BIJSTAND_TABLES[int(found["year"])])
    return {
        "column": column,
        "dtype": field.dtype,
        "unit": field.reads(),
        "source": source,
        "description": field.description.format(**filled),
    }


def column_dictionary(columns: list[str], labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The data dictionary of a table, in column order, from the registry.

    Args:
        columns: the table's columns.
        labels: extra text per placeholder value, e.g. theme id -> `` (Democratic steering)``,
            filled in as ``{label}``.

    Raises:
        UnregisteredColumnError: naming every column the registry does not describe.
    """
    labels = labels or {}
    rows, unknown = [], []
    for column in columns:
        try:
            _, found = lookup(column)
        except UnregisteredColumnError:
            unknown.append(column)
            continue
        label = next((labels[v] for v in found.values() if v in labels), "")
        rows.append(describe(column, label=label))
    if unknown:
        raise UnregisteredColumnError(f"columns not in the field registry: {', '.join(unknown)}")
    return pd.DataFrame(rows, columns=["column", "dtype", "unit", "source", "description"])


def registry_problems() -> list[str]:
    """Every field whose dtype, unit or name breaks the rules; empty when the registry is sound."""
    problems = []
    for field in registry().values():
        if field.dtype not in DTYPES:
            problems.append(f"{field.name}: dtype {field.dtype!r} is not one of {sorted(DTYPES)}")
        if field.unit and field.unit not in UNITS:
            problems.append(f"{field.name}: unit {field.unit!r} is not one of {sorted(UNITS)}")
            continue
        problems += naming_problems(field.name, field.unit, field.dtype)
    return problems
