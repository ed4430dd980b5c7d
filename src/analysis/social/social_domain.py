"""Social-domain figures per municipality, 2015-2017: bijstand from the mirror, other tables online.

Bijstand (social assistance), re-integratie and WSW come from three yearly CBS tables, each on
the municipal boundaries of its own year. ``load_bijstand_by_year`` reads them as they are;
``load_bijstand`` puts them on the boundaries of 1 January 2017 using ``BOUNDARY_CHANGES``:
a merger that is a clean union of whole predecessors is summed and its rates recomputed
(``is_remapped``); a partial boundary change leaves the figure NA with ``missing_reason``. A
missing or suppressed figure is NA, never zero.

Other social-domain tables (youth care, Wmo) are not in the mirror: ``load_table`` fetches them
with ``cbsodata`` when online and otherwise returns an ``Unavailable`` with the sentence a report
shows in their place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from analysis.core import paths
from analysis.core.cbs import download_statline_table, strip_text, to_number
from analysis.sources import raw

SOURCE_NAME = "cbs-bijstand-2015-2017"
#: Leeftijd key of "15 jaar of ouder" (confirmed on the CBS table pages; see PROVENANCE.md).
AGE_15_PLUS = "20150"
NATIONAL_CODE = "NL01"
STATUS_NOT_RECORDED = "unknown (not recorded in the copy)"

MISSING_BOUNDARY = "boundary change"
MISSING_SUPPRESSED = "suppressed by CBS"
MISSING_NOT_IN_TABLE = "not in table"


@dataclass(frozen=True)
class BijstandTable:
    """One yearly StatLine table of the series and its file in the mirror."""

    year: int
    table_id: str
    file: str


BIJSTAND_TABLES: dict[int, BijstandTable] = {
    2015: BijstandTable(2015, "83450NED", "gemeente_2015.csv"),
    2016: BijstandTable(2016, "83747NED", "gemeente_2016.csv"),
    2017: BijstandTable(2017, "84066NED", "gemeente_2017.csv"),
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


@dataclass(frozen=True)
class BoundaryChange:
    """How a 2017 municipality relates to the municipalities of an earlier year's table."""

    gm_code: str  #: municipality of 1 January 2017
    year: int  #: year of the table whose boundaries differ
    predecessors: tuple[str, ...]  #: codes in that year's table covering it
    clean_union: bool  #: predecessors lie wholly inside it and nothing else does
    note: str


#: Derived from the generalised outlines map_2015/2016/2017.json of the mirror: every code that
#: disappears before 2017 was assigned to the 2017 municipality holding most of its outline
#: (``derive_boundary_changes`` recomputes the shares; tests compare them with this table), and
#: the population of the predecessors matches the successor's a year later (within 2 %).
#: Codes present in both years are taken as unchanged: the outlines are generalised to about
#: 100 m, so small boundary corrections between existing municipalities cannot be seen in them.
BOUNDARY_CHANGES: tuple[BoundaryChange, ...] = (
    BoundaryChange(
        "GM1948",
        2015,
        ("GM0844", "GM0846", "GM0860"),
        True,
        "Meierijstad (1 Jan 2017) = Schijndel + Sint-Oedenrode + Veghel",
    ),
    BoundaryChange(
        "GM1948",
        2016,
        ("GM0844", "GM0846", "GM0860"),
        True,
        "Meierijstad (1 Jan 2017) = Schijndel + Sint-Oedenrode + Veghel",
    ),
    BoundaryChange(
        "GM1940",
        2015,
        ("GM1921",),
        True,
        "De Friese Meren renamed De Fryske Marren (new code, 2016); same outline",
    ),
    BoundaryChange(
        "GM1945",
        2015,
        ("GM0241",),
        True,
        "Groesbeek (with Millingen aan de Rijn and Ubbergen since 2015) renamed Berg en Dal "
        "(new code, 2016); same outline",
    ),
    BoundaryChange(
        "GM0385",
        2015,
        ("GM0385", "GM0478"),
        True,
        "Zeevang joined Edam-Volendam (1 Jan 2016); 99 % of Zeevang's outline lies in "
        "Edam-Volendam of 2017 and none in Purmerend",
    ),
    BoundaryChange(
        "GM1942",
        2015,
        ("GM0381", "GM0424", "GM0425"),
        False,
        "Gooise Meren (1 Jan 2016) from Bussum, Muiden and Naarden, but 13 % of Muiden's "
        "outline lies in Weesp of 2017 (Weesp's outline grew): not a clean union",
    ),
    BoundaryChange(
        "GM0457",
        2015,
        ("GM0457",),
        False,
        "Weesp's outline of 2016/2017 includes part of Muiden of 2015",
    ),
)


class BijstandDataError(ValueError):
    """A bijstand file breaks the format PROVENANCE.md describes."""


def _key_number(column: str) -> int | None:
    head, _, number = column.rpartition("_")
    return int(number) if head and number.isdigit() else None


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
    by_number = {_key_number(c): c for c in frame.columns if _key_number(c) is not None}
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
    changes: tuple[BoundaryChange, ...] = BOUNDARY_CHANGES,
) -> pd.DataFrame:
    """Put a frame of ``load_bijstand_by_year`` on the municipal boundaries of 1 January 2017.

    Args:
        by_year: long frame on each year's boundaries (NL01 rows are passed through).
        gm_codes_2017: the municipalities of 2017 to return, each once per year.
        changes: predecessor table; a clean union is summed (NA if any predecessor's count
            is NA) and its rates recomputed, a partial change gives NA.

    Returns:
        One row per (2017 ``gm_code``, ``year``) plus the NL01 rows, with ``is_remapped``,
        ``source_gm_codes`` (codes of that year's table used, "+"-joined) and
        ``missing_reason`` (NA, "boundary change", "suppressed by CBS", "not in table") that
        explains an NA ``recipients_count``.
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
    return result.astype(
        {
            "gm_code": "string",
            "year": "Int64",
            "table_id": "string",
            "is_remapped": "boolean",
            "source_gm_codes": "string",
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
    return remap_to_2017(by_year, sorted(latest["gm_code"]))


def derive_boundary_changes(old_map: Path, new_map: Path, min_share: float = 0.02) -> pd.DataFrame:
    """Overlap of each vanished municipality of ``old_map`` with the municipalities of ``new_map``.

    The maps are the generalised GeoJSON outlines (``map_<year>.json``, WGS84, property
    ``statcode``); areas are measured in EPSG:28992. Used to derive and check
    ``BOUNDARY_CHANGES``, not at run time.

    Returns:
        ``old_code``, ``new_code``, ``share_of_old`` (share of the old outline's area inside the
        new one) for overlaps above ``min_share``, for old codes absent from ``new_map`` and for
        new municipalities that receive part of such a code.
    """
    old = gpd.read_file(old_map).to_crs(28992)[["statcode", "geometry"]]
    new = gpd.read_file(new_map).to_crs(28992)[["statcode", "geometry"]]
    vanished = old[~old["statcode"].isin(new["statcode"])]
    pieces = gpd.overlay(vanished, new, how="intersection", keep_geom_type=True)
    areas = vanished.set_index("statcode").area
    pieces["share_of_old"] = pieces.area / pieces["statcode_1"].map(areas)
    result = pieces.rename(columns={"statcode_1": "old_code", "statcode_2": "new_code"})
    result = result.loc[result["share_of_old"] > min_share, ["old_code", "new_code", "share_of_old"]]
    return result.sort_values(["old_code", "share_of_old"], ascending=[True, False]).reset_index(drop=True)


# --- tables not in the mirror -------------------------------------------------------------


@dataclass(frozen=True)
class StatlineTable:
    """A StatLine table the project would like to use."""

    table_id: str
    title: str
    topic: str
    period: str
    unit: str
    rate_population: str  #: population a rate per 1,000 should use
    id_confirmed: bool  #: False when the id was not checked against the CBS catalogue
    note: str = ""


#: The ids marked ``id_confirmed=False`` come from memory and could not be checked offline:
#: verify them in the CBS catalogue (opendata.cbs.nl) before relying on them. A wrong id makes
#: ``load_table`` return ``Unavailable`` naming the failed download, not wrong data.
SOCIAL_DOMAIN_TABLES: dict[str, StatlineTable] = {
    t.table_id: t
    for t in (
        StatlineTable(
            "83450NED",
            "Sociale zekerheid; bijstand, re-integratie en WSW, gemeenten 2015",
            "bijstand",
            "2015",
            "persons; per 1,000 inhabitants",
            "inhabitants 15 years or older",
            True,
        ),
        StatlineTable(
            "83747NED",
            "Sociale zekerheid; bijstand, re-integratie en WSW, gemeenten 2016",
            "bijstand",
            "2016",
            "persons; per 1,000 inhabitants",
            "inhabitants 15 years or older",
            True,
        ),
        StatlineTable(
            "84066NED",
            "Sociale zekerheid; bijstand, re-integratie en WSW, gemeenten 2017",
            "bijstand",
            "2017",
            "persons; per 1,000 inhabitants",
            "inhabitants 15 years or older",
            True,
        ),
        StatlineTable(
            "83619NED",
            "Jeugdhulp; gemeenten",
            "jeugdhulp",
            "2015-2017 (to check)",
            "young people with youth care",
            "inhabitants 0-22 years (to check)",
            False,
            "id not checked: CBS publishes youth care per municipality in the Jeugdmonitor",
        ),
        StatlineTable(
            "83563NED",
            "Wmo-cliënten; maatwerkvoorzieningen, gemeenten",
            "wmo",
            "2015-2017 (to check)",
            "clients with a Wmo maatwerkvoorziening",
            "all inhabitants (to check)",
            False,
            "id not checked; Wmo figures come from the Monitor Sociaal Domein Wmo",
        ),
        StatlineTable(
            "83718NED",
            "Gemeentefinanciën sociaal domein",
            "financiën",
            "2015-2017 (to check)",
            "euro; euro per inhabitant",
            "all inhabitants",
            False,
            "id not checked; the gemeentefonds allocation itself is published by BZK (circulaires), not by CBS",
        ),
    )
}

TOPIC_NL = {
    "bijstand": "bijstand",
    "jeugdhulp": "jeugdhulp",
    "wmo": "Wmo-maatwerkvoorzieningen",
    "financiën": "gemeentefinanciën sociaal domein",
}


@dataclass(frozen=True)
class Unavailable:
    """A table or figure that cannot be shown, with the sentence a report shows instead."""

    table_id: str
    sentence: str
    reason: str

    def __bool__(self) -> bool:
        return False


@dataclass(frozen=True)
class TableResult:
    """A loaded StatLine table with its provenance."""

    table_id: str
    title: str
    period: str
    status: str  #: provisional/definitive as CBS states it, or ``STATUS_NOT_RECORDED``
    origin: str  #: "mirror" or "statline"
    data: pd.DataFrame = field(repr=False)


def unavailable_sentence(table_id: str) -> str:
    """The Dutch sentence a report shows for a table it cannot load offline."""
    table = SOCIAL_DOMAIN_TABLES.get(table_id)
    topic = TOPIC_NL.get(table.topic, table.topic) if table else "deze tabel"
    return (
        f"Cijfers {topic} (CBS {table_id}) zijn niet in de lokale kopie beschikbaar; "
        "ze worden alleen getoond wanneer de tabel online bij CBS is opgehaald."
    )


def _mirror_table(table_id: str) -> BijstandTable | None:
    return next((t for t in BIJSTAND_TABLES.values() if t.table_id == table_id), None)


def read_statline_download(folder: Path, table_id: str) -> TableResult:
    """Read a cbsodata download (``TypedDataSet.json`` and metadata JSON) into a ``TableResult``.

    Provisional or definitive comes from the ``Status`` of the ``Perioden`` dimension when the
    table has one, else from ``TableInfos`` (``OutputStatus`` and ``ReasonDelivery``).
    """
    data = strip_text(pd.DataFrame(json.loads((folder / "TypedDataSet.json").read_text("utf-8"))))
    properties = json.loads((folder / "DataProperties.json").read_text("utf-8"))
    for prop in properties:
        if prop.get("Type") == "Topic" and prop.get("Key") in data.columns:
            data[prop["Key"]] = to_number(data[prop["Key"]])
    infos_path = folder / "TableInfos.json"
    infos = json.loads(infos_path.read_text("utf-8"))[0] if infos_path.exists() else {}
    periods_path = folder / "Perioden.json"
    if periods_path.exists():
        periods = json.loads(periods_path.read_text("utf-8"))
        status = "; ".join(f"{p.get('Title')}: {p.get('Status')}" for p in periods)
    else:
        parts = [infos.get("OutputStatus"), infos.get("ReasonDelivery")]
        status = " / ".join(p for p in parts if p) or "not stated in the table metadata"
    known = SOCIAL_DOMAIN_TABLES.get(table_id)
    return TableResult(
        table_id=table_id,
        title=infos.get("Title") or (known.title if known else table_id),
        period=infos.get("Period", ""),
        status=status,
        origin="statline",
        data=data,
    )


def load_table(table_id: str, online: bool = True, download_dir: Path | None = None) -> TableResult | Unavailable:
    """Load a social-domain StatLine table: from the mirror when it is there, else online.

    Args:
        table_id: e.g. "84066NED" (mirror) or "83619NED" (online only).
        online: try ``cbsodata`` when the mirror lacks the table; False for offline reports.
        download_dir: where the online download goes (default ``interim/statline/<id>``;
            ``data/raw`` is reserved for the sources of ``analysis.sources.raw``).

    Returns:
        ``TableResult`` (mirror tables: raw CBS columns, stripped, numbers as nullable floats;
        status "unknown (not recorded in the copy)"), or ``Unavailable`` with the sentence to
        show when the table is not in the mirror and cannot be downloaded. Never raises for an
        unavailable table, so report code can show the sentence and go on.
    """
    mirror_table = _mirror_table(table_id)
    if mirror_table is not None:
        path = raw.raw_file(SOURCE_NAME, mirror_table.file)
        frame = strip_text(pd.read_csv(path, dtype="string", encoding="utf-8-sig", keep_default_na=False))
        for column in frame.columns:
            if _key_number(column) is not None:
                frame[column] = to_number(frame[column])
        info = SOCIAL_DOMAIN_TABLES[table_id]
        return TableResult(table_id, info.title, info.period, STATUS_NOT_RECORDED, "mirror", frame)
    if not online:
        return Unavailable(table_id, unavailable_sentence(table_id), "offline and not in mirror")
    folder = download_dir or paths.interim_dir() / "statline" / table_id
    try:
        download_statline_table(table_id, folder)
        return read_statline_download(folder, table_id)
    except (OSError, ValueError, KeyError) as error:
        # requests' connection errors are OSErrors; a wrong id gives an HTTP or JSON error.
        return Unavailable(table_id, unavailable_sentence(table_id), f"download failed: {error}")


def unavailable_sentences(topics: tuple[str, ...] = ("jeugdhulp", "wmo", "financiën")) -> list[str]:
    """The sentences a report shows for the social-domain tables on ``topics`` it cannot load offline."""
    results = [
        load_table(table.table_id, online=False) for table in SOCIAL_DOMAIN_TABLES.values() if table.topic in topics
    ]
    return [result.sentence for result in results if isinstance(result, Unavailable)]


def table_status(table_id: str) -> dict[str, str]:
    """Id, period and provisional/definitive status of a mirror table (offline).

    The mirror copies do not record the status; ``load_table(..., online=True)`` of a table
    downloaded from StatLine reads it from the metadata instead.
    """
    info = SOCIAL_DOMAIN_TABLES[table_id]
    return {"table_id": table_id, "period": info.period, "status": STATUS_NOT_RECORDED}


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


# --- case table -----------------------------------------------------------------------------

_BIJSTAND_CITATION = "CBS, StatLine 83450NED (2015), 83747NED (2016), 84066NED (2017)"
_WIDE_VALUES = {
    "recipients_count": ("bijstand_recipients_{year}_count", "persons", "People receiving bijstand"),
    "recipients_per_1000_inhabitants": (
        "bijstand_recipients_per_1000_{year}",
        "per 1,000 inhabitants aged 15+",
        "Bijstand recipients per 1,000 inhabitants of 15 years or older (Bijstandsdichtheid)",
    ),
    "people_bijstand_and_reintegration_count": (
        "bijstand_and_reintegration_{year}_count",
        "persons",
        "People with both bijstand and a re-integratie provision",
    ),
    "missing_reason": (
        "bijstand_{year}_missing_reason",
        "text",
        "Why the year's bijstand figures are NA (boundary change, suppressed by CBS, not in table)",
    ),
    "is_remapped": (
        "bijstand_{year}_is_remapped",
        "boolean",
        "Figures summed over predecessors of a merged municipality, rates recomputed",
    ),
}

#: Columns ``to_case_columns`` contributes: unit, source, description.
COLUMNS: dict[str, tuple[str, str, str]] = {
    template.format(year=year): (
        unit,
        f"{_BIJSTAND_CITATION}; {BIJSTAND_TABLES[year].table_id}",
        f"{description}, {year}, boundaries of 2017",
    )
    for year in BIJSTAND_TABLES
    for template, unit, description in _WIDE_VALUES.values()
}


def to_case_columns(long_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Bijstand columns of the case table: one row per 2017 municipality, indexed by ``gm_code``.

    Args:
        long_frame: frame of ``load_bijstand``; read offline when omitted.
    """
    long_frame = load_bijstand() if long_frame is None else long_frame
    municipal = long_frame[long_frame["gm_code"] != NATIONAL_CODE]
    wide = pd.DataFrame(index=pd.Index(sorted(municipal["gm_code"].unique()), name="gm_code"))
    for year in BIJSTAND_TABLES:
        year_rows = municipal[municipal["year"] == year].set_index("gm_code")
        for source, (template, _, _) in _WIDE_VALUES.items():
            wide[template.format(year=year)] = year_rows[source].reindex(wide.index)
    return wide[list(COLUMNS)]
