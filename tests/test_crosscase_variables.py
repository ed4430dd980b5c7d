"""A QDA project's own case and document variables in the cross-case table, beside the CBS columns.

The test writes a small REFI-QDA project (``.qde``) with typed variables on cases and sources, maps
its cases to municipalities with a mapping file (given in ``$GEMEENTEN3D_CODINGS_MAPPING`` as
``reports --mapping`` does, or beside the export) and checks the joined, typed, documented columns.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from coding_imports import coding_import

from analysis.core import fields
from analysis.qual.case_mapping import MAPPING_ENV, report_case_mapping
from analysis.qual.codebook import codebook_from_dict
from analysis.qual.codings import CodingImport
from analysis.qual.errors import CodingFileError
from analysis.stats import fisher
from analysis.tables.crosscase import build_crosscase_table, column_dictionary, project_variables

MUNICIPALITIES = {"GM0001": "Aa", "GM0002": "Bee", "GM0003": "Cee", "GM0004": "Dee"}


def _value(variable: str, kind: str, text: str) -> str:
    return f'<VariableValue><VariableRef targetGUID="{variable}"/><{kind}Value>{text}</{kind}Value></VariableValue>'


#: Case "Eerste" is Aa (by mapping), "Tweede" is Bee; a source of Cee carries a Text value; "Vierde" is
#: Dee, not a case, and must not leak in.
PROJECT = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="eigen" origin="TestQDA">
<Variables>
  <Variable guid="v-coal" name="Coalitie links" typeOfVariable="Boolean"/>
  <Variable guid="v-wet" name="Aantal wethouders" typeOfVariable="Integer"/>
  <Variable guid="v-rol" name="Rol respondent" typeOfVariable="Text"/>
</Variables>
<Cases>
  <Case guid="c1" name="Eerste">{_value("v-coal", "Boolean", "true")}{_value("v-wet", "Integer", "6")}</Case>
  <Case guid="c2" name="Tweede">{_value("v-coal", "Boolean", "false")}{_value("v-wet", "Integer", "4")}</Case>
  <Case guid="c4" name="Vierde">{_value("v-coal", "Boolean", "true")}{_value("v-wet", "Integer", "9")}</Case>
</Cases>
<Sources>
  <TextSource guid="s3" name="Cee interview">{_value("v-rol", "Text", "wethouder")}</TextSource>
</Sources>
</Project>"""
MAPPING_CSV = "source_name_or_guid,gm_code\nEerste,GM0001\nTweede,GM0002\nVierde,GM0004\n"


@pytest.fixture
def codebook():
    codes = [{"id": i, "parent": None, "label_nl": i, "label_en": i, "definition": "x"} for i in ("AA", "BB")]
    return codebook_from_dict({"version": "0.1.0", "codes": codes})


@pytest.fixture
def case_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "gm_code": list(MUNICIPALITIES),
            "gm_name": list(MUNICIPALITIES.values()),
            "is_case": [True, True, True, False],
            "population_count": pd.array([12_000.0, 80_000.0, 50_000.0, 9_000.0], dtype="Float64"),
            "stedelijkheid_class": pd.array([5, 1, 3, 3], dtype="Int64"),
            "youth_care_region_inhabitants_count": pd.array([90_000, 400_000, 120_000, 90_000], dtype="Int64"),
        }
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project, and its mapping passed as ``reports --mapping`` passes it."""
    path = tmp_path / "export" / "eigen.qde"
    path.parent.mkdir()
    path.write_text(PROJECT, encoding="utf-8")
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(MAPPING_CSV, encoding="utf-8")
    monkeypatch.setenv(MAPPING_ENV, str(mapping))
    return path


def _import(source: Path) -> CodingImport:
    rows = [("GM0001", "d", "s1", "AA", "A"), ("GM0002", "d", "s1", "BB", "A"), ("GM0003", "d", "s1", "AA", "A")]
    return coding_import(rows, source=str(source))


def test_variables_join_typed_beside_the_cbs_columns(project, case_table, codebook):
    variables = project_variables(_import(project), MUNICIPALITIES)
    table = build_crosscase_table(case_table, _import(project), codebook, variables).set_index("gm_code")
    assert table.index.tolist() == ["GM0001", "GM0002", "GM0003"]  # Dee's value stays out: not a case
    assert str(table["qda_coalitie_links"].dtype) == "boolean"
    assert str(table["qda_aantal_wethouders"].dtype) == "Int64"
    assert table.loc["GM0001", "qda_coalitie_links"]
    assert not table.loc["GM0002", "qda_coalitie_links"]
    assert table["qda_aantal_wethouders"].tolist()[:2] == [6, 4]
    # No value is missing, never false or zero.
    assert pd.isna(table.loc["GM0003", "qda_coalitie_links"])
    assert pd.isna(table.loc["GM0003", "qda_aantal_wethouders"])
    assert table.loc["GM0003", "qda_rol_respondent"] == "wethouder"
    assert {"population_count", "size_group", "theme_AA_present"} <= set(table.columns)


def test_dictionary_describes_each_variable_with_its_type(project, case_table, codebook):
    coded = _import(project)
    variables = project_variables(coded, MUNICIPALITIES)
    table = build_crosscase_table(case_table, coded, codebook, variables)
    dictionary = column_dictionary(table, codebook, variables).set_index("column")
    assert dictionary.loc["qda_coalitie_links", "dtype"] == "boolean"
    assert dictionary.loc["qda_aantal_wethouders", "dtype"] == "integer"
    assert dictionary.loc["qda_rol_respondent", "dtype"] == "string"
    assert "'Aantal wethouders' (Integer, on case)" in dictionary.loc["qda_aantal_wethouders", "description"]
    assert dictionary.loc["population_count", "unit"]  # the CBS columns keep their registry rows


def test_the_registry_knows_qda_columns_by_pattern():
    field, values = fields.lookup("qda_aantal_wethouders")
    assert field.name == "qda_{variable}"
    assert values == {"variable": "aantal_wethouders"}
    assert fields.registry_problems() == []


def test_a_researcher_can_test_their_own_attribute(project, case_table, codebook):
    coded = _import(project)
    table = build_crosscase_table(case_table, coded, codebook, project_variables(coded, MUNICIPALITIES))
    results = fisher.fisher_tests(table, ["AA"], ["qda_coalitie_links"])
    row = results.iloc[0]
    assert row["n"] == 2  # Cee has no value for the attribute and is left out, not counted as false


def test_without_a_mapping_the_sidecar_beside_the_export_is_used(project, monkeypatch):
    monkeypatch.delenv(MAPPING_ENV)
    assert report_case_mapping(project) is None
    sidecar = project.with_name(project.name + ".mapping.csv")
    sidecar.write_text("source_name_or_guid,gm_code\nTweede,GM0001\n", encoding="utf-8")
    assert report_case_mapping(project) == sidecar
    variables = project_variables(_import(project), MUNICIPALITIES)
    assert variables is not None
    assert variables.by_municipality.set_index("gm_code").loc["GM0001", "qda_aantal_wethouders"] == 4


def test_a_missing_mapping_file_is_named(project, monkeypatch, tmp_path):
    monkeypatch.setenv(MAPPING_ENV, str(tmp_path / "nowhere.csv"))
    with pytest.raises(CodingFileError, match="nowhere.csv: mapping file not found"):
        report_case_mapping(project)


def test_a_csv_or_codebook_has_no_variables(tmp_path):
    for name in ("codings.csv", "codebook.qdc"):
        (tmp_path / name).write_text("x", encoding="utf-8")
        assert project_variables(_import(tmp_path / name), MUNICIPALITIES) is None


def test_reports_passes_a_mapping_to_the_kernels(tmp_path, monkeypatch):
    from analysis import __main__ as cli

    monkeypatch.setenv(MAPPING_ENV, "")  # restored after the test: main() sets it for the run
    mapping = tmp_path / "m.csv"
    mapping.write_text(MAPPING_CSV, encoding="utf-8")
    seen = {}

    def fake_run(**kwargs):
        import os

        seen["mapping"] = os.environ.get(MAPPING_ENV)
        raise ValueError("stop here")

    monkeypatch.setattr("analysis.pipeline.run.run_reports", fake_run)
    assert cli.main(["reports", "--cases", "GM0599", "--mapping", str(mapping)]) == 2
    assert seen["mapping"] == str(mapping)
    assert cli.main(["reports", "--cases", "GM0599", "--mapping", str(tmp_path / "none.csv")]) == 2
