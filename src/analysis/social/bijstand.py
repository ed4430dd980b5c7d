"""Bijstand, re-integratie and WSW per municipality, 2015-2017: parsing and the move to 2017 boundaries.

The figures come from three yearly CBS tables (``statline.SOCIAL_DOMAIN_TABLES``, topic
"bijstand"), each on the municipal boundaries of its own year. ``load_bijstand_by_year`` reads
them as they are; ``load_bijstand`` puts them on the boundaries of 1 January 2017 using the boundary changes
``detect_changes`` finds in the outlines of each year (``geo.boundaries``): a merger that is a
clean union of whole predecessors is summed and its rates recomputed (``is_remapped``); a partial
boundary change (Gooise Meren and Weesp 2015; Slochteren and Groningen 2015-2016) leaves every
figure NA with ``missing_reason`` and the measured change in ``boundary_change_reason``. A missing or
suppressed figure is NA, never zero, and ``missing_reason`` names every NA value of its row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.core.cbs import key_number, strip_text, to_number
from analysis.geo.boundaries import BoundaryChange, detect_boundary_changes, read_outlines
from analysis.social.statline import BIJSTAND_SOURCE, SOCIAL_DOMAIN_TABLES
from analysis.sources import raw

SOURCE_NAME = BIJSTAND_SOURCE
#: Leeftijd key of "15 jaar of ouder" (confirmed on the CBS table pages; see PROVENANCE.md).
AGE_15_PLUS = "20150"
NATIONAL_CODE = "NL01"
#: The generalised outlines of each table's year in the same source (for ``detect_changes``).
OUTLINE_FILE = "map_{year}.json"

MISSING_BOUNDARY = "boundary change"
MISSING_SUPPRESSED = "suppressed by CBS"
MISSING_NOT_IN_TABLE = "not in table"


@dataclass(frozen=True)
class BijstandTable:
    """One yearly StatLine table of the series and its file in the mirror."""

    year: int
    table_id: str
    file: str


#: Year -> table, from the StatLine registry (one place for ids and mirror file names).
BIJSTAND_TABLES: dict[int, BijstandTable] = {
    int(t.period): BijstandTable(int(t.period), t.table_id, t.mirror_file or "")
    for t in SOCIAL_DOMAIN_TABLES.values()
    if t.topic == "bijstand"
}

#: Column number in the CBS key (``Bijstandsontvangers_2`` -> 2) -> readable column. Matching by
#: number, not by name, because the 2015 table spells several keys differently. The inflow and
#: outflow percentages (_5, _7, _9) and "werk na re-integratie" (_11, _12) are left out: their
#: denominators are not in the table, so they cannot be recomputed for merged municipalities.
BIJSTAND_COLUMNS: dict[int, str] = {
    1: "inhabitants_15plus_count",
    2: "recipients_count",
    3: "recipients_per_1000_inhabitants",
    4: "inflow_count",
    6: "outflow_count",
    8: "outflow_to_work_count",
    10: "people_reintegration_count",
    13: "people_bijstand_and_reintegration_count",
    14: "recipients_with_reintegration_pct",
    15: "reintegration_with_bijstand_pct",
    16: "wsw_employees_count",
    17: "wsw_per_1000_inhabitants",
}
COUNT_COLUMNS = [c for c in BIJSTAND_COLUMNS.values() if c.endswith("_count")]
#: Derived columns: numerator, denominator, factor. CBS rounds counts to tens and rates to
#: halves; recomputed rates of merged municipalities are not rounded.
RATE_COLUMNS: dict[str, tuple[str, str, float]] = {
    "recipients_per_1000_inhabitants": ("recipients_count", "inhabitants_15plus_count", 1000.0),
    "recipients_with_reintegration_pct": (
        "people_bijstand_and_reintegration_count",
        "recipients_count",
        100.0,
    ),
    "reintegration_with_bijstand_pct": (
        "people_bijstand_and_reintegration_count",
        "people_reintegration_count",
        100.0,
    ),
    "wsw_per_1000_inhabitants": ("wsw_employees_count", "inhabitants_15plus_count", 1000.0),
}
VALUE_COLUMNS = list(BIJSTAND_COLUMNS.values())


class BijstandDataError(ValueError):
    """A bijstand file breaks the format PROVENANCE.md describes."""


def parse_bijstand_csv(path: Path, year: int, table_id: str) -> pd.DataFrame:
    """Parse one cbsodata TypedDataSet export into the tidy frame of ``load_bijstand_by_year``.

    Only the age key 20150 ("15 jaar of ouder") is kept; only the Netherlands (NL01) and the
    municipalities (GM); codes are unpadded and "." becomes NA.

    Raises:
        BijstandDataError: naming the file when a column or the age key is missing, or a
            municipality occurs twice.
    """
    # utf-8-sig: the 2015 and 2016 files start with a byte-order mark, 2017 does not.
    frame = strip_text(pd.read_csv(path, dtype="string", encoding="utf-8-sig", keep_default_na=False))
    for column in ("Leeftijd", "Regiokenmerken"):
        if column not in frame.columns:
            raise BijstandDataError(f"{path}: column {column!r} missing")
    by_number = {key_number(c): c for c in frame.columns if key_number(c) is not None}
    missing = sorted(set(BIJSTAND_COLUMNS) - set(by_number))
    if missing:
        raise BijstandDataError(f"{path}: no columns numbered {missing}")
    rows = frame[frame["Leeftijd"] == AGE_15_PLUS]
    if rows.empty:
        raise BijstandDataError(f"{path}: no rows with Leeftijd {AGE_15_PLUS}")
    codes = rows["Regiokenmerken"]
    rows = rows[codes.str.startswith("GM") | (codes == NATIONAL_CODE)]
    duplicated = rows["Regiokenmerken"].duplicated()
    if duplicated.any():
        code = rows["Regiokenmerken"][duplicated].iloc[0]
        raise BijstandDataError(f"{path}: {code} occurs twice for Leeftijd {AGE_15_PLUS}")
    tidy = pd.DataFrame(
        {
            "gm_code": rows["Regiokenmerken"].to_numpy(),
            "year": pd.array([year] * len(rows), dtype="Int64"),
            "table_id": table_id,
        }
    )
    for number, name in BIJSTAND_COLUMNS.items():
        tidy[name] = to_number(rows[by_number[number]]).array
    tidy["gm_code"] = tidy["gm_code"].astype("string")
    tidy["table_id"] = tidy["table_id"].astype("string")
    return tidy


def load_bijstand_by_year() -> pd.DataFrame:
    """Bijstand, re-integratie and WSW 2015-2017, each year on its own municipal boundaries.

    Returns:
        Long frame, one row per (``gm_code``, ``year``): the municipalities of that year plus
        the Netherlands (``gm_code`` "NL01"), ``table_id`` and the columns of
        ``BIJSTAND_COLUMNS`` (nullable floats; NA where CBS shows ".").
    """
    frames = [
        parse_bijstand_csv(raw.raw_file(SOURCE_NAME, t.file), t.year, t.table_id) for t in BIJSTAND_TABLES.values()
    ]
    return pd.concat(frames, ignore_index=True)


def _recompute_rates(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for rate, (numerator, denominator, factor) in RATE_COLUMNS.items():
        denominators = out[denominator].mask(out[denominator] == 0)
        out[rate] = out[numerator] / denominators * factor
    return out


def remap_to_2017(
    by_year: pd.DataFrame,
    gm_codes_2017: list[str],
    changes: tuple[BoundaryChange, ...],
) -> pd.DataFrame:
    """Put a frame of ``load_bijstand_by_year`` on the municipal boundaries of 1 January 2017.

    Args:
        by_year: long frame on each year's boundaries (NL01 rows are passed through).
        gm_codes_2017: the municipalities of 2017 to return, each once per year.
        changes: predecessor table; a clean union is summed (NA if any predecessor's count
            is NA) and its rates recomputed, a partial change gives NA.

    Returns:
        One row per (2017 ``gm_code``, ``year``) plus the NL01 rows, with ``is_remapped``,
        ``source_gm_codes`` (codes of that year's table used, "+"-joined), ``boundary_change_reason``
        (the change found in the outlines, for every row a change touches) and
        ``missing_reason``: NA when the row has every value; "boundary change", "not in table" or
        "suppressed by CBS" when ``recipients_count`` is NA (then all values are); else
        "suppressed by CBS: <columns>" naming the values CBS suppressed.
    """
    by_change = {(c.gm_code, c.year): c for c in changes}
    rows: list[dict[str, object]] = []
    for year, year_frame in by_year.groupby("year", sort=True):
        indexed = year_frame.set_index("gm_code")
        table_id = year_frame["table_id"].iloc[0]
        for code in [NATIONAL_CODE, *gm_codes_2017]:
            change = by_change.get((code, int(year)))
            row: dict[str, object] = {
                "gm_code": code,
                "year": int(year),
                "table_id": table_id,
                "is_remapped": False,
                "source_gm_codes": pd.NA,
                "boundary_change_reason": change.note if change is not None else pd.NA,
                "missing_reason": pd.NA,
            }
            if change is None and code in indexed.index:
                row |= indexed.loc[code, VALUE_COLUMNS].to_dict()
                row["source_gm_codes"] = code
            elif change is None:
                row["missing_reason"] = MISSING_NOT_IN_TABLE
            elif not change.clean_union:
                row["missing_reason"] = MISSING_BOUNDARY
            elif not set(change.predecessors) <= set(indexed.index):
                row["missing_reason"] = MISSING_NOT_IN_TABLE
            else:
                parts = indexed.loc[list(change.predecessors), COUNT_COLUMNS]
                row |= parts.sum(skipna=False).to_dict()
                row["is_remapped"] = True
                row["source_gm_codes"] = "+".join(change.predecessors)
            rows.append(row)
    result = pd.DataFrame(rows)
    for column in VALUE_COLUMNS:
        result[column] = pd.array(result.get(column, pd.NA), dtype="Float64")
    remapped = result["is_remapped"]
    result.loc[remapped] = _recompute_rates(result.loc[remapped])
    suppressed = result["recipients_count"].isna() & result["missing_reason"].isna()
    result.loc[suppressed, "missing_reason"] = MISSING_SUPPRESSED
    # A row with recipients but a suppressed detail: name the suppressed columns, so that no
    # missing value is left without its reason.
    for index in result.index[result["missing_reason"].isna()]:
        absent = [c for c in VALUE_COLUMNS if pd.isna(result.at[index, c])]
        if absent:
            result.at[index, "missing_reason"] = f"{MISSING_SUPPRESSED}: {', '.join(absent)}"
    return result.astype(
        {
            "gm_code": "string",
            "year": "Int64",
            "table_id": "string",
            "is_remapped": "boolean",
            "source_gm_codes": "string",
            "boundary_change_reason": "string",
            "missing_reason": "string",
        }
    )[
        [
            "gm_code",
            "year",
            "table_id",
            *VALUE_COLUMNS,
            "is_remapped",
            "source_gm_codes",
            "boundary_change_reason",
            "missing_reason",
        ]
    ]


def load_bijstand() -> pd.DataFrame:
    """Bijstand 2015-2017 on the boundaries of 1 January 2017 (offline, from the mirror).

    The municipalities of 2017 are those of the 2017 table (84066NED, 388). See
    ``remap_to_2017`` for the columns.
    """
    by_year = load_bijstand_by_year()
    latest = by_year[(by_year["year"] == max(BIJSTAND_TABLES)) & (by_year["gm_code"] != NATIONAL_CODE)]
    return remap_to_2017(by_year, sorted(latest["gm_code"]), detect_changes(by_year))


def detect_changes(by_year: pd.DataFrame) -> tuple[BoundaryChange, ...]:
    """Boundary changes between each table's year and 2017, from the mirror's outlines.

    The inhabitants aged 15+ of the tables tell real corrections between municipalities that
    exist in both years from generalisation noise (see ``geo.boundaries``).

    Args:
        by_year: frame of ``load_bijstand_by_year``.
    """
    latest = max(BIJSTAND_TABLES)
    municipal = by_year[by_year["gm_code"] != NATIONAL_CODE]
    population = {
        int(year): dict(zip(frame["gm_code"], frame["inhabitants_15plus_count"], strict=True))
        for year, frame in municipal.groupby("year")
    }
    new = read_outlines(raw.raw_file(SOURCE_NAME, OUTLINE_FILE.format(year=latest)))
    changes: list[BoundaryChange] = []
    for year in sorted(BIJSTAND_TABLES):
        if year != latest:
            old = read_outlines(raw.raw_file(SOURCE_NAME, OUTLINE_FILE.format(year=year)))
            changes.extend(detect_boundary_changes(old, new, year, population[year], population[latest]))
    return tuple(changes)


def boundary_changed_codes(long_frame: pd.DataFrame) -> dict[str, str]:
    """2017 municipalities whose territory differs from that of an earlier table -> the change found.

    Args:
        long_frame: frame of ``load_bijstand`` (``boundary_change_reason`` set where a change touches a row).
    """
    touched = long_frame.dropna(subset=["boundary_change_reason"]).sort_values("year")
    return dict(zip(touched["gm_code"], touched["boundary_change_reason"], strict=True))


# --- comparisons ----------------------------------------------------------------------------


def peer_trend(
    long_frame: pd.DataFrame,
    gm_code: str,
    peers: dict[str, list[str]],
    value: str = "recipients_per_1000_inhabitants",
) -> pd.DataFrame:
    """Per year: the municipality, the Netherlands and the mean and median of each peer group.

    The municipality itself is left out of its peer groups. Peers without a figure that year
    are not counted (``n_with_data`` says how many had one).

    Args:
        long_frame: frame of ``load_bijstand`` (2017 boundaries, with NL01 rows).
        gm_code: the municipality.
        peers: group label -> 2017 codes, e.g. {"zelfde stedelijkheid": [...], "de twintig": [...]}.
        value: column to compare.

    Returns:
        Long frame: ``year``, ``series`` (gm_code, "Nederland" or group label), ``statistic``
        ("value", "mean", "median"), ``value``, ``n_with_data``, ``n_in_group``,
        ``missing_reason`` (for the municipality's own rows).
    """
    rows: list[dict[str, object]] = []
    for year, frame in long_frame.groupby("year", sort=True):
        indexed = frame.set_index("gm_code")
        own = indexed.loc[gm_code] if gm_code in indexed.index else None
        rows.append(
            {
                "year": year,
                "series": gm_code,
                "statistic": "value",
                "value": own[value] if own is not None else pd.NA,
                "n_with_data": pd.NA,
                "n_in_group": pd.NA,
                "missing_reason": own["missing_reason"] if own is not None else MISSING_NOT_IN_TABLE,
            }
        )
        national = indexed[value].get(NATIONAL_CODE, pd.NA)
        rows.append(
            {
                "year": year,
                "series": "Nederland",
                "statistic": "value",
                "value": national,
                "n_with_data": pd.NA,
                "n_in_group": pd.NA,
                "missing_reason": pd.NA,
            }
        )
        for label, codes in peers.items():
            members = [c for c in codes if c != gm_code]
            values = indexed[value].reindex(members).dropna()
            for statistic, result in (("mean", values.mean()), ("median", values.median())):
                rows.append(
                    {
                        "year": year,
                        "series": label,
                        "statistic": statistic,
                        "value": result if len(values) else pd.NA,
                        "n_with_data": len(values),
                        "n_in_group": len(members),
                        "missing_reason": pd.NA,
                    }
                )
    result = pd.DataFrame(rows)
    return result.astype(
        {
            "year": "Int64",
            "series": "string",
            "statistic": "string",
            "value": "Float64",
            "n_with_data": "Int64",
            "n_in_group": "Int64",
            "missing_reason": "string",
        }
    )
