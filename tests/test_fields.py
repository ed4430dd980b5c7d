"""The field registry: every processed column registered, named by the rules, dictionaries from it."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.core import fields
from analysis.core.field_rules import naming_problems


@pytest.mark.parametrize(
    ("name", "unit", "dtype"),
    [
        ("number_of_municipalities", "count", "integer"),  # the count's unit goes last
        ("bijstand_recipients_per_1000_2015", "per_1000", "float"),  # a year after the unit
        ("council_seats_2018_statutory_count", "count", "integer"),  # a year in the middle
        ("gm_name_2010", "", "string"),  # a year after the kind
        ("reaches_100k_scale", "", "boolean"),  # a boolean without is_/has_
        ("codings_are_illustrative", "", "boolean"),
        ("household_size_mean", "per_household", "float"),
        ("population", "count", "float"),
        ("stedelijkheid", "", "integer"),  # neither unit nor kind
    ],
)
def test_old_names_break_the_rules(name, unit, dtype):
    assert naming_problems(name, unit, dtype)


@pytest.mark.parametrize(
    ("name", "unit", "dtype"),
    [
        ("municipalities_count", "count", "integer"),
        ("bijstand_recipients_2015_per_1000", "per_1000", "float"),
        ("council_seats_statutory_2018_count", "count", "integer"),
        ("gm_2010_name", "", "string"),
        ("bijstand_{year}_missing_reason", "", "string"),
        ("has_100k_inhabitants", "", "boolean"),
        ("is_bijstand_{year}_remapped", "", "boolean"),
        ("region_type_nl", "", "string"),  # a language tag is read past
        ("theme_{theme}_present", "", "integer"),
        ("geometry", "", "geometry"),
    ],
)
def test_new_names_follow_them(name, unit, dtype):
    assert naming_problems(name, unit, dtype) == []


def test_the_registry_is_sound():
    assert fields.registry_problems() == []


def test_templates_match_only_their_own_values():
    field, values = fields.lookup("youth_care_region_inhabitants_count")
    assert field.name == "{region}_inhabitants_count" and values == {"region": "youth_care_region"}
    assert fields.lookup("bijstand_recipients_2016_per_1000")[1] == {"year": "2016"}
    assert fields.lookup("theme_RAAD_segments")[1] == {"theme": "RAAD"}
    for unknown in ("nowhere_region_inhabitants_count", "bijstand_recipients_1999_per_1000", "mystery"):
        with pytest.raises(fields.UnregisteredColumnError):
            fields.lookup(unknown)


def test_dictionary_rows_fill_in_placeholders_and_sources():
    row = fields.describe("youth_care_region_municipalities_count")
    assert row == {
        "column": "youth_care_region_municipalities_count",
        "dtype": "integer",
        "unit": "municipalities",
        "source": fields.GEBIEDSINDELINGEN,
        "description": "Municipalities in the youth care region",
    }
    year = fields.describe("bijstand_2017_missing_reason")
    assert year["source"] == "CBS, StatLine 84066NED (2017)"
    dictionary = fields.column_dictionary(["gm_code", "theme_DEM_present"], {"DEM": " (democratic steering)"})
    assert dictionary.columns.tolist() == ["column", "dtype", "unit", "source", "description"]
    assert dictionary.loc[1, "description"].startswith("Theme DEM (democratic steering) coded at least once")
    with pytest.raises(fields.UnregisteredColumnError, match="mystery, other"):
        fields.column_dictionary(["gm_code", "mystery", "other"])


def test_written_out_lists_agree_with_their_modules():
    from analysis.geo.regions import REGION_TYPES
    from analysis.social.bijstand import BIJSTAND_TABLES

    assert set(fields.REGION_TYPES) == set(REGION_TYPES)
    assert {year: table.table_id for year, table in BIJSTAND_TABLES.items()} == fields.BIJSTAND_TABLES


def _family(arrow_type: pa.DataType) -> str:
    if pa.types.is_dictionary(arrow_type):
        return "category"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_floating(arrow_type):
        return "float"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_binary(arrow_type) or pa.types.is_large_binary(arrow_type):
        return "geometry"
    return str(arrow_type)


def test_every_processed_column_is_registered_with_its_dtype(built_data):
    problems = []
    # Hidden names are another build's files being written (layers.write_atomically), not layers.
    files = sorted(path for path in built_data.glob("*.parquet") if not path.name.startswith("."))
    assert files, "make data wrote no parquet file"
    for path in files:
        schema = pq.read_schema(path)
        for name, arrow_type in zip(schema.names, schema.types, strict=True):
            try:
                field, _ = fields.lookup(name)
            except fields.UnregisteredColumnError:
                problems.append(f"{path.name}: {name} is not registered")
                continue
            if field.dtype != _family(arrow_type):
                problems.append(f"{path.name}: {name} is {_family(arrow_type)}, registered as {field.dtype}")
    assert problems == []


def test_written_dictionaries_come_from_the_registry(built_data):
    for name in ("case_table_2017_columns.csv", "crosscase_twenty_columns.csv"):
        dictionary = pd.read_csv(built_data / name, keep_default_na=False)
        expected = fields.column_dictionary(dictionary["column"].tolist())
        assert dictionary.columns.tolist() == expected.columns.tolist()
        pd.testing.assert_series_equal(dictionary["dtype"], expected["dtype"])
        pd.testing.assert_series_equal(dictionary["source"], expected["source"])
