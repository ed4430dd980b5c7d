"""Key figures of one municipality against its peers: the Netherlands, same stedelijkheid, the twenty.

The Netherlands is given as a national total or a national rate (percentages weighted by the
population or households they refer to); peer groups as medians, the typical municipality.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class KeyFigure:
    """A column of the municipal table and how to read and aggregate it."""

    column: str
    label: str
    unit: str
    weight: str | None = None  #: column the figure refers to; national value = weighted mean
    national: str = "weighted"  #: "sum" (counts, areas), "density" or "weighted"


KEY_FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure("population_count", "Inwoners", "aantal", national="sum"),
    KeyFigure("area_land_km2", "Oppervlakte land", "km²", national="sum"),
    KeyFigure("density_per_km2", "Bevolkingsdichtheid", "inwoners per km² land", national="density"),
    KeyFigure("address_density_per_km2", "Omgevingsadressendichtheid", "adressen per km²", "population_count"),
    KeyFigure("age_0_14_pct", "0 tot 15 jaar", "% van inwoners", "population_count"),
    KeyFigure("age_15_24_pct", "15 tot 25 jaar", "% van inwoners", "population_count"),
    KeyFigure("age_25_44_pct", "25 tot 45 jaar", "% van inwoners", "population_count"),
    KeyFigure("age_45_64_pct", "45 tot 65 jaar", "% van inwoners", "population_count"),
    KeyFigure("age_65_plus_pct", "65 jaar of ouder", "% van inwoners", "population_count"),
    KeyFigure("households_count", "Huishoudens", "aantal", national="sum"),
    KeyFigure("persons_per_household", "Gemiddelde huishoudensgrootte", "personen", "households_count"),
    KeyFigure("single_person_households_pct", "Eenpersoonshuishoudens", "% van huishoudens", "households_count"),
    KeyFigure("households_with_children_pct", "Huishoudens met kinderen", "% van huishoudens", "households_count"),
    KeyFigure(
        "western_migration_background_pct",
        "Westerse migratieachtergrond",
        "% van inwoners",
        "population_count",
    ),
    KeyFigure(
        "non_western_migration_background_pct",
        "Niet-westerse migratieachtergrond",
        "% van inwoners",
        "population_count",
    ),
)

#: The share figures drawn side by side in the peer chart.
PROFILE_FIGURES: tuple[str, ...] = (
    "age_0_14_pct",
    "age_15_24_pct",
    "age_25_44_pct",
    "age_45_64_pct",
    "age_65_plus_pct",
    "single_person_households_pct",
    "households_with_children_pct",
    "western_migration_background_pct",
    "non_western_migration_background_pct",
)


#: Size classes used to describe the selection (inhabitants on 1 January 2017).
SIZE_CLASSES: tuple[tuple[int, int, str], ...] = (
    (0, 20_000, "< 20.000"),
    (20_000, 50_000, "20.000-50.000"),
    (50_000, 100_000, "50.000-100.000"),
    (100_000, 10**9, ">= 100.000"),
)


def size_class(population: float) -> str:
    """Label of the size class a population falls in."""
    for low, high, label in SIZE_CLASSES:
        if low <= population < high:
            return label
    raise ValueError(f"no size class for population {population}")


def peer_groups(municipalities: pd.DataFrame, gm_code: str, case_codes: list[str]) -> dict[str, list[str]]:
    """Codes per comparison group: same stedelijkheid class and the twenty cases (both may hold gm_code)."""
    indexed = municipalities.set_index("gm_code")
    if gm_code not in indexed.index:
        raise KeyError(f"{gm_code} is not in the municipal table")
    sted = indexed.at[gm_code, "stedelijkheid_class"]
    same = indexed.index[indexed["stedelijkheid_class"] == sted].tolist()
    return {"same_stedelijkheid": same, "cases": list(case_codes)}


def national_value(municipalities: pd.DataFrame, figure: KeyFigure) -> float:
    """The Netherlands as a whole: a total, an overall density or a weighted percentage."""
    if figure.national == "sum":
        return float(municipalities[figure.column].sum())
    if figure.national == "density":
        return float(municipalities["population_count"].sum() / municipalities["area_land_km2"].sum())
    value, weight = municipalities[figure.column], municipalities[figure.weight]
    known = value.notna() & weight.notna()
    return float((value[known] * weight[known]).sum() / weight[known].sum())


def compare_key_figures(municipalities: pd.DataFrame, gm_code: str, case_codes: list[str]) -> pd.DataFrame:
    """One row per key figure: the municipality, the Netherlands, peer medians, rank among all.

    Columns: ``label, unit, municipality, netherlands, same_stedelijkheid_median,
    cases_median, rank_of_all`` (1 = highest value). Missing values stay missing.
    """
    groups = peer_groups(municipalities, gm_code, case_codes)
    # One frame of plain columns and one median per group: selecting each figure's column from the
    # GeoDataFrame again, fifteen times over, took most of the time of a report's key-figure table.
    values = key_figure_values(municipalities)
    weights = pd.DataFrame({column: municipalities[column] for column in _national_columns()})
    same_median = values.loc[groups["same_stedelijkheid"]].median()
    cases_median = values.loc[groups["cases"]].median()
    rows = [
        {
            "column": figure.column,
            "label": figure.label,
            "unit": figure.unit,
            "municipality": values.at[gm_code, figure.column],
            "netherlands": national_value(weights, figure),
            "same_stedelijkheid_median": same_median[figure.column],
            "cases_median": cases_median[figure.column],
            "rank_of_all": values[figure.column].rank(ascending=False, method="min").get(gm_code),
        }
        for figure in KEY_FIGURES
    ]
    return pd.DataFrame(rows).set_index("column")


def _national_columns() -> list[str]:
    """The columns :func:`national_value` reads: the figures, their weights, population and land area."""
    named = [figure.column for figure in KEY_FIGURES] + [f.weight for f in KEY_FIGURES if f.weight]
    return list(dict.fromkeys([*named, "population_count", "area_land_km2"]))


def key_figure_values(municipalities: pd.DataFrame) -> pd.DataFrame:
    """The key figures by ``gm_code`` as nullable floats (a missing figure stays missing)."""
    return municipalities.set_index("gm_code")[[figure.column for figure in KEY_FIGURES]].astype("Float64")


def format_value(value: object, unit: str) -> str:
    """Dutch number formatting for tables: thousands with a dot, decimals with a comma."""
    if value is None or pd.isna(value):
        return "niet beschikbaar"
    number = float(value)
    decimals = 0 if unit in ("aantal", "inwoners per km² land", "adressen per km²") or abs(number) >= 100 else 1
    if unit.startswith("%") and number.is_integer():
        decimals = 0  # CBS publishes these shares in whole percent: "18", not "18,0"
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
