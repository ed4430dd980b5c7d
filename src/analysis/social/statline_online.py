"""The online StatLine tables of the social domain as one tidy table, and what is missing said in words.

``make data ONLINE=1`` fetches the tables of ``statline.ONLINE_TABLE_IDS`` into the raw layer
(:func:`analysis.social.statline.fetch_table`); without a network, or without ``ONLINE=1``, the
build says which tables are missing and why, and the reports keep their sentence
(:func:`analysis.social.statline.unavailable_sentence`): a missing table is never a zero.

:func:`parse_download` turns one download (the files ``cbsodata.download_data`` writes:
``TypedDataSet.json``, ``DataProperties.json``, ``TableInfos.json`` and one JSON file per
dimension) into long rows keyed by ``gm_code`` and ``year``: one row per municipality, year and
measure, with the measure's unit as CBS states it, only the total category of every classifying
dimension (``statline.select_totals``) and only whole years. Municipalities are those of the
table's year (a 2016 table has the municipalities of 2016, not of 2017).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.core import layers
from analysis.core.cbs import to_number
from analysis.core.layers import SOCIAL_DOMAIN_ONLINE_FILE, processed
from analysis.social import statline
from analysis.social.statline import StatlineParseError

#: Columns of the tidy table, in order.
COLUMNS: tuple[str, ...] = (
    "table_id",
    "gm_code",
    "gm_name",
    "year",
    "measure_code",
    "measure_name",
    "unit_label",
    "statline_value",
    "period_status_label",
    "selection_label",
)


def _read_json(folder: Path, name: str, table_id: str) -> list[dict[str, object]]:
    path = folder / f"{name}.json"
    if not path.exists():
        raise StatlineParseError(f"{table_id}: {path} is missing from the download")
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise StatlineParseError(f"{path}: not JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(records, list):
        raise StatlineParseError(f"{path}: expected a list of records, found {type(records).__name__}")
    return records


def _fixed_year(folder: Path, table_id: str) -> int:
    """The year of a table without a period dimension: the registry's period, else TableInfos' ``Period``."""
    table = statline.SOCIAL_DOMAIN_TABLES.get(table_id)
    infos = _read_json(folder, "TableInfos", table_id)
    for text in (table.period if table else "", str(infos[0].get("Period", "")) if infos else ""):
        if text[:4].isdigit():
            return int(text[:4])
    raise StatlineParseError(f"{folder / 'TableInfos.json'}: {table_id} has no period dimension and no year")


def _fixed_status(folder: Path, table_id: str) -> str:
    """Provisional or definitive for a table without periods: ``OutputStatus`` of ``TableInfos``."""
    infos = _read_json(folder, "TableInfos", table_id)
    return str(infos[0].get("OutputStatus", "")).strip() if infos else ""


def parse_download(folder: Path, table_id: str) -> pd.DataFrame:
    """One cbsodata download as tidy rows (module docstring); columns :data:`COLUMNS`.

    Raises:
        StatlineParseError: a file is missing or not JSON, the table has no region or period
            dimension, or a dimension lacks its total; the message names the file.
    """
    properties = _read_json(folder, "DataProperties", table_id)
    kinds = statline.dimension_keys(properties)
    # wijken tables call their region dimension a GeoDetail (WijkenEnBuurten); municipal keys start with GM
    region = next((key for key, kind in kinds.items() if kind in statline.REGION_TYPES), None)
    period = next((key for key, kind in kinds.items() if kind == "TimeDimension"), None)
    fixed_year = _fixed_year(folder, table_id) if period is None else None
    if region is None:
        raise StatlineParseError(f"{folder / 'DataProperties.json'}: {table_id} has no region dimension")
    categories = {key: _read_json(folder, key, table_id) for key in kinds}
    totals = statline.select_totals(table_id, properties, categories)
    titles = {
        key: {str(r["Key"]).strip(): str(r.get("Title", "")).strip() for r in rows} for key, rows in categories.items()
    }
    statuses = {str(r["Key"]).strip(): str(r.get("Status", "")).strip() for r in categories.get(period or "", [])}
    topics = [p for p in properties if p.get("Type") == "Topic"]
    data = pd.DataFrame(_read_json(folder, "TypedDataSet", table_id))
    if data.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    for key in kinds:
        if key not in data.columns:
            raise StatlineParseError(f"{folder / 'TypedDataSet.json'}: no column {key}")
        data[key] = data[key].astype("string").str.strip()
    if period is None:
        # one reference year for the whole table (83718NED: "diverse peildata; regio 2017")
        data["_period"] = f"{fixed_year}JJ00"
        statuses = {f"{fixed_year}JJ00": _fixed_status(folder, table_id)}
        period = "_period"
    keep = data[region].str.startswith("GM") & data[period].str.fullmatch(r"\d{4}JJ00")
    for key, total in totals.items():
        keep &= data[key] == total.strip()
    data = data[keep]
    selection = "; ".join(f"{key}: {titles[key].get(total.strip(), total)}" for key, total in totals.items())
    parts = []
    for topic in topics:
        key = str(topic["Key"])
        if key not in data.columns:
            raise StatlineParseError(f"{folder / 'TypedDataSet.json'}: no column for measure {key}")
        parts.append(
            pd.DataFrame(
                {
                    "table_id": table_id,
                    "gm_code": data[region].to_numpy(),
                    "gm_name": data[region].map(titles[region]).to_numpy(),
                    "year": data[period].str[:4].astype(int).to_numpy(),
                    "measure_code": key,
                    "measure_name": str(topic.get("Title", key)).strip(),
                    "unit_label": str(topic.get("Unit", "")).strip(),
                    # CBS's "." (secret or unknown) and null become NA, never 0
                    "statline_value": to_number(data[key]).to_numpy(),
                    "period_status_label": data[period].map(statuses).to_numpy(),
                    "selection_label": selection,
                }
            )
        )
    tidy = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(COLUMNS))
    tidy = tidy.astype({c: "string" for c in COLUMNS if c not in ("year", "statline_value")})
    tidy["statline_value"] = tidy["statline_value"].astype("Float64")
    return tidy[list(COLUMNS)].sort_values(["gm_code", "year", "measure_code"], ignore_index=True)


@dataclass(frozen=True)
class OnlineOutcome:
    """What became of one online table in a build."""

    table_id: str
    is_available: bool
    sentence: str  #: the line the build prints


def fetch_and_parse(online: bool, say: Callable[[str], None] = print) -> list[Path]:
    """The build step for the online tables: fetch when ``online``, parse what the raw layer holds.

    Writes :data:`analysis.core.layers.SOCIAL_DOMAIN_ONLINE_FILE` when at least one table is there
    and says, per missing table, in words why (never a zero, never a failure: offline is normal).

    Returns:
        The files written (none when no table is available).
    """
    outcomes, frames = [], []
    for table_id in statline.ONLINE_TABLE_IDS:
        result = statline.load_table(table_id, online=online)
        table = statline.SOCIAL_DOMAIN_TABLES[table_id]
        if isinstance(result, statline.Unavailable):
            why = result.reason if online else "not fetched: run `make data ONLINE=1` with a network"
            outcomes.append(OnlineOutcome(table_id, False, f"StatLine {table_id} ({table.title}) missing: {why}"))
            continue
        statline.verify_online(table_id)  # a changed raw file stops the build, as for the mirror sources
        try:
            frames.append(parse_download(statline.online_folder(table_id), table_id))
        except StatlineParseError as error:
            outcomes.append(OnlineOutcome(table_id, False, f"StatLine {table_id} not usable: {error}"))
            continue
        outcomes.append(OnlineOutcome(table_id, True, f"StatLine {table_id} ({table.title}): {len(frames[-1])} rows"))
    for outcome in outcomes:
        say(outcome.sentence)
    if not frames:
        return []
    target = processed(SOCIAL_DOMAIN_ONLINE_FILE)
    layers.write_parquet(pd.concat(frames, ignore_index=True), target)
    return [target]


def load_social_domain_online() -> pd.DataFrame | statline.Unavailable:
    """The tidy online tables, or ``Unavailable`` (with the sentences for every table) when none was fetched."""
    path = processed(SOCIAL_DOMAIN_ONLINE_FILE)
    if not path.exists():
        sentences = " ".join(statline.unavailable_sentence(t) for t in statline.ONLINE_TABLE_IDS)
        return statline.Unavailable(", ".join(statline.ONLINE_TABLE_IDS), sentences, "not fetched")
    return layers.read_processed(SOCIAL_DOMAIN_ONLINE_FILE)
