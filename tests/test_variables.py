"""Case and document variables of a REFI-QDA project, typed and keyed by municipality."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.qual.archive import open_project
from analysis.qual.variables import (
    BAD_VALUE,
    NO_MUNICIPALITY,
    SOURCES_DISAGREE,
    UNKNOWN_VARIABLE,
    column_name,
    load_variables,
    mapping_resolver,
    read_variables,
    variables_by_municipality,
)

MUNICIPALITIES = {"GM0599": "Rotterdam", "GM0632": "Woerden", "GM0344": "Utrecht"}


def value(variable: str, kind: str, text: str) -> str:
    return f'<VariableValue><VariableRef targetGUID="{variable}"/><{kind}Value>{text}</{kind}Value></VariableValue>'


PROJECT = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="TestQDA">
<Variables>
  <Variable guid="v-wet" name="Aantal wethouders" typeOfVariable="Integer"/>
  <Variable guid="v-coal" name="Coalitie links" typeOfVariable="Boolean"/>
  <Variable guid="v-score" name="Score" typeOfVariable="Float"/>
  <Variable guid="v-date" name="Interviewdatum" typeOfVariable="Date"/>
  <Variable guid="v-rol" name="Rol respondent" typeOfVariable="Text"/>
</Variables>
<Cases>
  <Case guid="case-r" name="Rotterdam">{value("v-wet", "Integer", "8")}{value("v-coal", "Boolean", "true")}
    {value("v-score", "Float", "7.5")}<SourceRef targetGUID="s1"/></Case>
  <Case guid="case-w" name="Gemeente W">{value("v-wet", "Integer", "vijf")}{value("v-coal", "Boolean", "0")}</Case>
  <Case guid="case-x" name="Nergens">{value("v-wet", "Integer", "3")}</Case>
</Cases>
<Sources>
  <TextSource guid="s1" name="Rotterdam interview 1">{value("v-date", "Date", "2017-03-01")}
    {value("v-rol", "Text", "wethouder")}{value("v-wet", "Integer", "99")}</TextSource>
  <TextSource guid="s2" name="Rotterdam interview 2">{value("v-date", "Date", "2017-03-01")}
    {value("v-rol", "Text", "raadslid")}</TextSource>
  <TextSource guid="s3" name="Utrecht interview">{value("v-date", "Date", "2017-04-12")}
    {value("v-missing", "Text", "?")}</TextSource>
</Sources>
</Project>"""
MAPPING = {"Gemeente W": "GM0632", "Rotterdam interview 1": "GM0599", "Rotterdam interview 2": "GM0599"}


def table(tmp_path: Path):
    path = tmp_path / "project.qde"
    path.write_text(PROJECT, encoding="utf-8")
    with open_project(path) as project:
        long = read_variables(project.root, mapping_resolver(MAPPING, MUNICIPALITIES))
    return variables_by_municipality(long)


def test_values_are_typed_and_keyed_by_municipality(tmp_path: Path) -> None:
    result = table(tmp_path)
    wide = result.by_municipality.set_index("gm_code")
    assert list(wide.index) == ["GM0344", "GM0599", "GM0632"]
    assert str(wide["qda_aantal_wethouders"].dtype) == "Int64"
    assert str(wide["qda_coalitie_links"].dtype) == "boolean"
    assert str(wide["qda_score"].dtype) == "Float64"
    assert str(wide["qda_interviewdatum"].dtype).startswith("datetime64")
    # The case's value wins over a source's (8, not 99).
    assert wide.loc["GM0599", "qda_aantal_wethouders"] == 8
    assert bool(wide.loc["GM0599", "qda_coalitie_links"]) is True
    assert bool(wide.loc["GM0632", "qda_coalitie_links"]) is False
    assert wide.loc["GM0599", "qda_score"] == 7.5
    assert wide.loc["GM0599", "qda_interviewdatum"] == pd.Timestamp("2017-03-01")
    assert wide.loc["GM0344", "qda_interviewdatum"] == pd.Timestamp("2017-04-12")
    dictionary = result.dictionary.set_index("variable")
    assert dictionary.loc["Aantal wethouders", "type"] == "Integer"
    assert dictionary.loc["Interviewdatum", "levels"] == "source"


def test_problems_carry_reason_codes_not_crashes(tmp_path: Path) -> None:
    problems = table(tmp_path).problems
    reasons = {(row.variable, row.reason) for row in problems.itertuples()}
    assert ("Aantal wethouders", BAD_VALUE) in reasons  # "vijf" for Woerden
    assert ("Aantal wethouders", NO_MUNICIPALITY) in reasons  # case "Nergens"
    assert ("Rol respondent", SOURCES_DISAGREE) in reasons  # wethouder vs raadslid in Rotterdam
    assert ("v-missing", UNKNOWN_VARIABLE) in reasons
    wide = table(tmp_path).by_municipality.set_index("gm_code")
    assert pd.isna(wide.loc["GM0632", "qda_aantal_wethouders"])
    assert pd.isna(wide.loc["GM0599", "qda_rol_respondent"])


def test_the_table_joins_the_cross_case_table_on_gm_code(tmp_path: Path) -> None:
    cases = pd.DataFrame({"gm_code": ["GM0599", "GM0632", "GM0363"], "population_count": [1, 2, 3]})
    joined = cases.merge(table(tmp_path).by_municipality, on="gm_code", how="left")
    assert joined["qda_aantal_wethouders"].iloc[0] == 8
    assert joined["qda_aantal_wethouders"].iloc[1:].isna().all()
    assert str(joined["qda_aantal_wethouders"].dtype) == "Int64"


def test_a_project_without_variables_gives_empty_tables(tmp_path: Path) -> None:
    path = tmp_path / "empty.qde"
    path.write_text('<Project xmlns="urn:QDA-XML:project:1.0"><Sources/></Project>', encoding="utf-8")
    with open_project(path) as project:
        result = variables_by_municipality(read_variables(project.root, lambda guid, name: None))
    assert result.by_municipality.empty and list(result.by_municipality.columns) == ["gm_code"]
    assert result.problems.empty and result.dictionary.empty


def test_huge_integers_and_odd_names() -> None:
    assert column_name("Aantal  wethouders (2017)") == "qda_aantal_wethouders_2017"
    long = pd.DataFrame(
        [("case", "g", "Rotterdam", "GM0599", "n", "Integer", "9" * 5000)],
        columns=["level", "owner_guid", "owner_name", "gm_code", "variable", "type", "value_text"],
    )
    result = variables_by_municipality(long)
    assert result.problems.iloc[0]["reason"] == BAD_VALUE


def test_load_variables_reads_the_file_through_the_safe_reader(tmp_path: Path) -> None:
    path = tmp_path / "project.qde"
    path.write_text(PROJECT, encoding="utf-8")
    result = load_variables(path, MUNICIPALITIES, MAPPING)
    assert result.by_municipality.set_index("gm_code").loc["GM0599", "qda_score"] == 7.5
