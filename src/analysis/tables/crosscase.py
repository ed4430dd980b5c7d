"""The cross-case table: the twenty cases with their characteristics and their coded themes.

``build_crosscase_table`` takes the 388-row case table (:mod:`analysis.tables.casetable`), keeps the
twenty cases and adds, per theme (root code) of the codebook, ``theme_<ID>_present`` (0/1) and
``theme_<ID>_segments`` (distinct coded segments), as :mod:`analysis.stats` expects. It
also adds the grouped characteristics the annex tests, each defined once here:

- ``size_group``: fewer than 50,000 inhabitants or at least 50,000. The four size classes of
  :data:`analysis.geo.indicators.SIZE_CLASSES` leave one to five cases per class among twenty, too
  few for a contingency table; 50,000 splits the twenty about evenly (9 and 11 in 2017).
- ``stedelijkheid_group``: CBS classes 1-2 (urban), 3 (moderately urban), 4-5 (little or not urban).
- ``has_youth_care_region_100k``: the youth care region has 100,000 inhabitants or more.
- ``population_log10``: log10 of the inhabitants, so that a model coefficient is per tenfold
  population rather than per person.

A REFI-QDA project's own case and document variables (:mod:`analysis.qual.variables`) join as
``qda_<variable>`` columns, typed as the project declares them, so that a researcher's attributes can
be tested beside the CBS characteristics; a case the project gives no value has them missing.

A case without any accepted coding has missing theme columns, not zeros: no material is not the
same as a theme that was looked for and not found. Every row carries ``has_illustrative_codings``
so that a copy of the table cannot pass made-up codings off as findings.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.core import fields, layers
from analysis.core.csv_safe import csv_safe
from analysis.geo import regions
from analysis.qual import themes
from analysis.qual.case_mapping import mapping_from, report_case_mapping
from analysis.qual.codebook import Codebook, load_codebook
from analysis.qual.codings import CodingImport, load_report_codings
from analysis.qual.variables import COLUMN_PREFIX, VariableTable, load_variables
from analysis.tables import casetable

CROSSCASE_FILE = "crosscase_twenty.parquet"
CROSSCASE_CSV = "crosscase_twenty.csv"
CROSSCASE_DICTIONARY = "crosscase_twenty_columns.csv"
ILLUSTRATIVE_COLUMN = "has_illustrative_codings"
#: The size split used for the tests (inhabitants on 1 January 2017).
SIZE_SPLIT_INHABITANTS = 50_000
SIZE_GROUPS: tuple[str, str] = ("smaller (< 50,000)", "larger (>= 50,000)")
#: CBS stedelijkheid classes grouped in three, each with its label.
#: REFI-QDA variable types as dtype families of the field registry (dates have no family there).
VARIABLE_DTYPES: dict[str, str] = {
    "Integer": "integer", "Float": "float", "Boolean": "boolean", "Text": "string",
    "Date": "datetime", "DateTime": "datetime",
}  # fmt: skip
#: Exports that can carry variables (a ``.qdc`` is a codebook only, a CSV has none).
VARIABLE_SUFFIXES: tuple[str, ...] = (".qdpx", ".qde")
STEDELIJKHEID_GROUPS: dict[int, str] = {
    1: "urban (1-2)",
    2: "urban (1-2)",
    3: "moderately urban (3)",
    4: "little or not urban (4-5)",
    5: "little or not urban (4-5)",
}


def crosscase_path() -> Path:
    """Location of the processed cross-case table (parquet)."""
    return layers.processed(CROSSCASE_FILE)


def crosscase_csv_path() -> Path:
    """Location of the CSV copy for researchers."""
    return layers.processed(CROSSCASE_CSV)


def dictionary_path() -> Path:
    """Location of the cross-case table's data dictionary."""
    return layers.processed(CROSSCASE_DICTIONARY)


def theme_columns(codebook: Codebook) -> list[str]:
    """The presence and segment columns of every theme, in codebook order."""
    return [f"theme_{code.id}_{kind}" for code in codebook.roots() for kind in ("present", "segments")]


def _groupings(cases: pd.DataFrame) -> pd.DataFrame:
    population = cases["population_count"].astype(float)
    size = pd.Series(
        np.where(population >= SIZE_SPLIT_INHABITANTS, SIZE_GROUPS[1], SIZE_GROUPS[0]), index=cases.index
    ).where(population.notna())
    sted = cases["stedelijkheid_class"].astype("Int64")
    sted_order = list(dict.fromkeys(STEDELIJKHEID_GROUPS.values()))
    region = cases["youth_care_region_inhabitants_count"].astype("Int64")
    return pd.DataFrame(
        {
            "size_group": pd.Categorical(size, categories=list(SIZE_GROUPS)),
            "stedelijkheid_group": pd.Categorical(
                sted.map(STEDELIJKHEID_GROUPS, na_action="ignore"), categories=sted_order
            ),
            "has_youth_care_region_100k": (region >= regions.DECENTRALISATION_SCALE_INHABITANTS).astype("boolean"),
            "population_log10": pd.Series(np.log10(population.where(population > 0)), dtype="Float64"),
        },
        index=cases.index,
    )


def _theme_counts(codings: CodingImport, codebook: Codebook, case_codes: list[str]) -> pd.DataFrame:
    accepted = codings.accepted[codings.accepted["gm_code"].isin(case_codes)]
    segments = themes.code_matrix(accepted, codebook, measure="segments", level="theme", municipalities=case_codes).T
    coded_segments = accepted.drop_duplicates(["gm_code", "document", "segment_id"]).groupby("gm_code").size()
    coded_documents = accepted.drop_duplicates(["gm_code", "document"]).groupby("gm_code").size()
    frame = pd.DataFrame(
        {
            "coded_segments": coded_segments.reindex(case_codes, fill_value=0),
            "coded_documents": coded_documents.reindex(case_codes, fill_value=0),
        }
    ).astype("Int64")
    has_material = frame["coded_segments"] > 0
    for theme in segments.columns:
        count = segments[theme].astype("Int64").where(has_material, pd.NA)
        frame[f"theme_{theme}_present"] = (count > 0).astype("Int64")
        frame[f"theme_{theme}_segments"] = count
    return frame


def project_variables(codings: CodingImport, municipalities: dict[str, str]) -> VariableTable | None:
    """The case and document variables of the codings' REFI-QDA project, or None for other files.

    Read with the run's case mapping (:func:`analysis.qual.case_mapping.report_case_mapping`), so
    that sources map to the same municipalities as their codings.

    Args:
        codings: the run's import (its ``source`` is the export).
        municipalities: ``gm_code -> name`` (the 388 of 2017).

    Raises:
        CodingFileError: the export or its mapping cannot be read.
    """
    path = Path(codings.source)
    if path.suffix.lower() not in VARIABLE_SUFFIXES or not path.is_file():
        return None
    return load_variables(path, municipalities, mapping_from(report_case_mapping(path)))


def _variable_columns(variables: VariableTable | None, case_codes: list[str]) -> pd.DataFrame:
    wide = variables.by_municipality if variables is not None else pd.DataFrame(columns=["gm_code"])
    columns = [c for c in wide.columns if c.startswith(COLUMN_PREFIX)]
    # Reindexing keeps each column's declared dtype; a case without a value gets NA.
    return wide.set_index(wide["gm_code"].astype(str))[columns].reindex(case_codes).reset_index(drop=True)


def build_crosscase_table(
    case_table: pd.DataFrame,
    codings: CodingImport,
    codebook: Codebook,
    variables: VariableTable | None = None,
) -> pd.DataFrame:
    """One row per case: the case-table columns, the grouped characteristics, the themes and the project's variables.

    Args:
        case_table: the processed case table (``casetable.load_case_table()``), one row per
            municipality with ``gm_code`` and ``is_case``.
        codings: the imported codings; only accepted codings of the cases are counted.
        codebook: the codebook the codings were checked against (its roots are the themes).
        variables: the QDA project's variables (:func:`project_variables`); None adds none.

    Returns:
        The cases in case-table order, columns: the case-table columns, the grouped
        characteristics, the codings' counts, per theme ``theme_<ID>_present`` (Int64 0/1) and
        ``theme_<ID>_segments`` (Int64), and per project variable ``qda_<variable>`` (typed as
        declared), all documented in :data:`analysis.core.fields.CROSSCASE`; theme columns are NA
        for a case without any accepted coding, variable columns for a case without a value.

    Raises:
        ValueError: the case table has no case.
    """
    cases = case_table.loc[case_table["is_case"].astype(bool)].reset_index(drop=True)
    if cases.empty:
        raise ValueError("the case table marks no municipality as a case (is_case)")
    case_codes = list(cases["gm_code"].astype(str))
    counts = _theme_counts(codings, codebook, case_codes).reset_index(drop=True)
    table = pd.concat([cases, _groupings(cases), counts, _variable_columns(variables, case_codes)], axis=1)
    table[ILLUSTRATIVE_COLUMN] = bool(codings.is_illustrative)
    table["codings_file_name"] = Path(codings.source).name
    table["codebook_version"] = codings.codebook_version or codebook.name
    return table


def column_dictionary(table: pd.DataFrame, codebook: Codebook, variables: VariableTable | None = None) -> pd.DataFrame:
    """Dtype, unit, source and description of each column of a cross-case table, in table order.

    Generated from the field registry (:mod:`analysis.core.fields`); theme columns carry their
    theme's English label from ``codebook``, variable columns the project's name and type from
    ``variables``.

    Raises:
        analysis.core.fields.UnregisteredColumnError: a column the registry does not describe.
    """
    labels = {code.id: f" ({code.label_en})" for code in codebook.roots()}
    dictionary = fields.column_dictionary(list(table.columns), labels)
    if variables is None or variables.dictionary.empty:
        return dictionary
    declared = variables.dictionary.set_index("column")
    for at, column in dictionary["column"].items():
        if column in declared.index:
            row = declared.loc[column]
            dictionary.loc[at, "dtype"] = VARIABLE_DTYPES.get(str(row["type"]), "string")
            dictionary.loc[at, "description"] = (
                f"QDA project variable {row['variable']!r} ({row['type']}, on {row['levels']}); "
                "NA where the project gives the case no value"
            )
    return dictionary


def write_crosscase_table(codings_path: str | Path = "") -> list[Path]:
    """Build the cross-case table from the processed case table and save it for researchers.

    Writes ``crosscase_twenty.parquet``, a CSV copy and its data dictionary to ``data/processed``.

    Args:
        codings_path: the codings file; empty means ``codings.default_codings_path()`` (the
            illustrative example unless ``$GEMEENTEN3D_CODINGS`` points elsewhere).

    Returns:
        The files written.
    """
    codings = load_report_codings(codings_path)
    # The codebook the codings were checked against: a researcher's own project brings its own themes.
    codebook = codings.codebook or load_codebook()
    case_table = casetable.load_case_table()
    municipalities = dict(zip(case_table["gm_code"].astype(str), case_table["gm_name"].astype(str), strict=True))
    variables = project_variables(codings, municipalities)
    table = build_crosscase_table(case_table, codings, codebook, variables)
    dictionary = column_dictionary(table, codebook, variables)
    layers.write_parquet(table, crosscase_path())
    layers.write_atomically(crosscase_csv_path(), lambda tmp: table.map(csv_safe).to_csv(tmp, index=False))
    layers.write_atomically(dictionary_path(), lambda tmp: dictionary.to_csv(tmp, index=False))
    return [crosscase_path(), crosscase_csv_path(), dictionary_path()]


def load_crosscase_table() -> pd.DataFrame:
    """The saved cross-case table (written by ``write_crosscase_table``)."""
    return layers.read_processed(CROSSCASE_FILE)
