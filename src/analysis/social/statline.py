"""The StatLine tables of the social domain, and the marker for a figure that cannot be shown.

``SOCIAL_DOMAIN_TABLES`` lists every StatLine table the project would like to use, with where a
copy lies in the mirror (the three bijstand tables) or that it is online only (jeugdzorg, Wmo,
gemeentefonds measures, use of provisions; each id confirmed on CBS's own table page).
``fetch_table`` puts an online table into the raw layer with ``cbsodata`` (``make data ONLINE=1``);
``load_table`` reads the mirror copy or that download, and otherwise returns an ``Unavailable``
with the sentence a report shows in its place. The tidy processed table is made by
:mod:`analysis.social.statline_online`.
``Unavailable`` is the project's one "cannot be shown" marker; other social modules (elections)
import it from here.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.cbs import key_number, strip_text, to_number
from analysis.sources import raw

#: Raw-layer source holding the mirror copies of the bijstand tables.
BIJSTAND_SOURCE = "cbs-bijstand-2015-2017"
#: Raw-layer folder of the tables fetched online (``make data ONLINE=1``), one subfolder per table.
ONLINE_SOURCE = "cbs-statline-sociaal-domein"
CBS_PAGE = "https://www.cbs.nl/nl-nl/cijfers/detail/"
STATUS_NOT_RECORDED = "unknown (not recorded in the copy)"


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
    mirror_source: str | None = None  #: raw-layer source holding a copy, if any
    mirror_file: str | None = None  #: the copy's file name in that source
    cbs_page: str = ""  #: CBS's own description of the table, where the id was confirmed
    #: (dimension title, category title) kept when the table is parsed; see ``SOCIAL_DOMAIN_TABLES``
    totals: tuple[tuple[str, str], ...] = ()


def _bijstand_table(table_id: str, year: int) -> StatlineTable:
    return StatlineTable(
        table_id,
        f"Sociale zekerheid; bijstand, re-integratie en WSW, gemeenten {year}",
        "bijstand",
        str(year),
        "persons; per 1,000 inhabitants",
        "inhabitants 15 years or older",
        True,
        mirror_source=BIJSTAND_SOURCE,
        mirror_file=f"gemeente_{year}.csv",
    )


#: Every id below was checked against CBS's own table page (``cbs_page``: the title there is the
#: ``title`` here). The first registry (before issue 14) had 83619NED as "Jeugdhulp; gemeenten",
#: 83563NED as Wmo and 83718NED as social-domain finances: CBS's pages say otherwise, and the Wmo
#: table is 83262NED. The online tables are fetched by ``make data ONLINE=1``
#: (:mod:`analysis.social.statline_online`); ``totals`` names, per dimension title, the category
#: kept (other dimensions keep their first category whose title starts with "Totaal").
SOCIAL_DOMAIN_TABLES: dict[str, StatlineTable] = {
    t.table_id: t
    for t in (
        _bijstand_table("83450NED", 2015),
        _bijstand_table("83747NED", 2016),
        _bijstand_table("84066NED", 2017),
        StatlineTable(
            "83563NED",
            "Jongeren met jeugdzorg en jeugdzorgtrajecten; wijken, 2016",
            "jeugdhulp",
            "2016",
            "young people with jeugdzorg (jeugdhulp, jeugdbescherming and/or jeugdreclassering); trajectories",
            "young people 0-22 years (per gemeente of the gezagsdrager, woonplaatsbeginsel)",
            True,
            "jeugdzorg is wider than jeugdhulp (it includes jeugdbescherming and jeugdreclassering); "
            "municipalities and wijken of 2016; 2015 and 2017 are other CBS tables",
            cbs_page=f"{CBS_PAGE}83563NED",
            totals=(("Type jeugdzorg", "Totaal jeugdzorg"),),
        ),
        StatlineTable(
            "83262NED",
            "Wmo-cliënten; type maatwerkarrangement, regio, 2015-2020",
            "wmo",
            "2015-2020",
            "Wmo clients (persons); Wmo clients per 1,000 inhabitants",
            "all inhabitants",
            True,
            "clients with a Wmo maatwerkarrangement, from the Gemeentelijke Monitor Sociaal Domein; "
            "regions of each year",
            cbs_page=f"{CBS_PAGE}83262NED",
            totals=(("Geslacht", "Totaal mannen en vrouwen"), ("Type maatwerkarrangement", "Totaal")),
        ),
        StatlineTable(
            "83718NED",
            "Maatstaven gemeentefonds; Sociaal domein; diverse peildata; regio 2017",
            "financiën",
            "2017 (various reference dates)",
            "counts and percentages per measure (the measures of the gemeentefonds' social-domain allocation)",
            "as stated per measure",
            True,
            "the measures the gemeentefonds' social-domain allocation is computed from, not spending: "
            "spending is in the Iv3 municipal accounts; the allocation itself is published by BZK",
            cbs_page=f"{CBS_PAGE}83718NED",
        ),
        StatlineTable(
            "83619NED",
            "Gebruik voorzieningen sociaal domein; aantal voorzieningen, wijken 2016",
            "voorzieningen",
            "2016",
            "clients and households with provisions under Jeugdwet, Participatiewet and Wmo",
            "all inhabitants",
            True,
            "combinations of jeugd, P-wet and Wmo provisions per gemeente and wijk, 2016",
            cbs_page=f"{CBS_PAGE}83619NED",
            totals=(("Aantal voorzieningen", "Totaal"), ("Soort voorziening sociaal domein", "Totaal")),
        ),
    )
}
#: Tables not in the mirror: fetched by ``make data ONLINE=1``, else said to be missing.
ONLINE_TABLE_IDS: tuple[str, ...] = tuple(t.table_id for t in SOCIAL_DOMAIN_TABLES.values() if t.mirror_source is None)

TOPIC_NL = {
    "bijstand": "bijstand",
    "jeugdhulp": "jeugdzorg",
    "wmo": "Wmo-maatwerkarrangementen",
    "financiën": "maatstaven gemeentefonds sociaal domein",
    "voorzieningen": "gebruik voorzieningen sociaal domein",
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
        "ze worden alleen getoond wanneer de tabel online bij CBS is opgehaald (make data ONLINE=1)."
    )


def read_statline_csv(path: Path) -> pd.DataFrame:
    """A cbsodata CSV export as text, padding stripped, with every numbered topic as nullable floats.

    The 2015 and 2016 bijstand exports start with a byte-order mark, 2017 does not (``utf-8-sig``
    reads both).
    """
    frame = strip_text(pd.read_csv(path, dtype="string", encoding="utf-8-sig", keep_default_na=False))
    for column in frame.columns:
        if key_number(column) is not None:
            frame[column] = to_number(frame[column])
    return frame


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


def online_folder(table_id: str) -> Path:
    """The raw-layer folder of an online table: ``data/raw/cbs-statline-sociaal-domein/<id>/``."""
    return paths.raw_dir() / ONLINE_SOURCE / table_id


class StatlineParseError(ValueError):
    """A StatLine download (or its metadata) is not as the parser expects; the message names file and element."""


#: DataProperties types of the dimensions; a ``Topic`` is a measure.
DIMENSION_TYPES = frozenset({"Dimension", "TimeDimension", "GeoDimension", "GeoDetail"})
#: Types of a region dimension (``GeoDetail``: the WijkenEnBuurten of the wijken tables).
REGION_TYPES = frozenset({"GeoDimension", "GeoDetail"})


def dimension_keys(properties: list[dict[str, object]]) -> dict[str, str]:
    """Dimension key -> its type (``Dimension``, ``TimeDimension``, ``GeoDimension``, ``GeoDetail``)."""
    return {str(p["Key"]): str(p["Type"]) for p in properties if p.get("Type") in DIMENSION_TYPES}


def select_totals(
    table_id: str, properties: list[dict[str, object]], categories: dict[str, list[dict[str, object]]]
) -> dict[str, str]:
    """Per classifying dimension (not region, not period) the key of the category a tidy table keeps.

    The category named in the table's ``totals`` for the dimension's title, else the first category
    whose title starts with "Totaal" (CBS lists the overall total first).

    Args:
        table_id: the table, for its ``totals`` and for messages.
        properties: the table's ``DataProperties`` records.
        categories: dimension key -> that dimension's records (``Key``, ``Title``).

    Raises:
        StatlineParseError: a dimension has no such category, naming table, dimension and the titles seen.
    """
    table = SOCIAL_DOMAIN_TABLES.get(table_id)
    wanted = dict(table.totals) if table else {}
    chosen: dict[str, str] = {}
    for prop in properties:
        if prop.get("Type") != "Dimension":
            continue
        key, title = str(prop["Key"]), str(prop.get("Title", prop["Key"]))
        rows = categories.get(key)
        if rows is None:
            raise StatlineParseError(f"{table_id}: no metadata file {key}.json for dimension {title!r}")
        titles = [str(row.get("Title", "")).strip() for row in rows]
        if title in wanted:
            matches = [row for row, t in zip(rows, titles, strict=True) if t == wanted[title]]
        else:
            matches = [row for row, t in zip(rows, titles, strict=True) if t.startswith("Totaal")]
        if not matches:
            expected = repr(wanted[title]) if title in wanted else "a title starting with 'Totaal'"
            raise StatlineParseError(
                f"{table_id}: dimension {title!r} ({key}.json) has no category {expected}; it has {titles[:8]}"
            )
        chosen[key] = str(matches[0]["Key"])
    return chosen


def _odata_filter(properties: list[dict[str, object]], totals: dict[str, str]) -> str:
    """The OData ``$filter`` keeping the totals and the municipalities (region keys containing "GM")."""
    parts = [f"{key} eq '{value}'" for key, value in totals.items()]
    parts += [f"substringof('GM',{key})" for key, kind in dimension_keys(properties).items() if kind in REGION_TYPES]
    return " and ".join(parts)


def fetch_table(table_id: str) -> Path:
    """Fetch an online table with ``cbsodata`` into the raw layer, with a manifest entry per file.

    First the metadata (``DataProperties`` and the classifying dimensions, to find the totals' keys),
    then ``cbsodata.download_data`` with a filter, which writes ``TypedDataSet.json`` and every
    metadata table as JSON. The files land in a temporary folder and are moved into place only
    when complete, then entered in ``data/raw/MANIFEST.json`` (origin, time, sha256) and made
    read-only, like every raw file.

    Raises:
        OSError: no network or an HTTP error such as a wrong id (``requests``' errors are OSErrors).
        ValueError: a reply that is not JSON.
        StatlineParseError: the metadata lacks a total the tidy table needs.
    """
    import cbsodata  # imported here: only the online path needs it

    properties = cbsodata.get_meta(table_id, "DataProperties")
    classifying = [str(p["Key"]) for p in properties if p.get("Type") == "Dimension"]
    totals = select_totals(table_id, properties, {key: cbsodata.get_meta(table_id, key) for key in classifying})
    target = online_folder(table_id)
    staging = target.parent / f".{table_id}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        filters = _odata_filter(properties, totals) or None
        cbsodata.download_data(table_id, dir=str(staging), typed=True, filters=filters)
        if not (staging / "TypedDataSet.json").exists():
            raise StatlineParseError(f"{table_id}: cbsodata wrote no TypedDataSet.json in {staging}")
        if target.exists():
            raise raw.RawDataError(f"{target} exists already: raw files are never replaced; delete it to fetch again")
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # a broken download leaves nothing half-written behind
    origin = f"cbsodata.download_data({table_id!r}, typed=True, filters={_odata_filter(properties, totals)!r})"
    raw.record_files(ONLINE_SOURCE, sorted(target.glob("*.json")), origin)
    return target


def verify_online(table_id: str) -> None:
    """Check an online table's raw files against their manifest entries, as ``raw.ensure_raw`` does for the mirror.

    Raises:
        analysis.sources.raw.RawDataError: a file is not in the manifest, or no longer matches its sha256.
    """
    folder = online_folder(table_id)
    manifest = raw.read_manifest()
    for path in sorted(folder.glob("*.json")):
        key = f"{ONLINE_SOURCE}/{table_id}/{path.name}"
        entry = manifest.get(key)
        if entry is None or raw.sha256_of(path) != entry["sha256"]:
            problem = "is not in" if entry is None else "no longer matches its sha256 in"
            raise raw.RawDataError(
                f"{path} {problem} {raw.manifest_path()}: raw files are never edited; delete {folder} to fetch it again"
            )


def load_table(table_id: str, online: bool = False) -> TableResult | Unavailable:
    """Load a social-domain StatLine table: the mirror copy, the online copy in the raw layer, or neither.

    Args:
        table_id: e.g. "84066NED" (mirror) or "83262NED" (online only).
        online: fetch the table with :func:`fetch_table` when the raw layer lacks it (the build does
            this under ``make data ONLINE=1``); reports leave it False.

    Returns:
        ``TableResult`` (mirror tables: raw CBS columns, stripped, numbers as nullable floats, status
        "unknown (not recorded in the copy)"; online tables: the download with its status from the
        metadata), or ``Unavailable`` with the sentence to show. Never raises for an unavailable
        table, so report code can show the sentence and go on.
    """
    info = SOCIAL_DOMAIN_TABLES.get(table_id)
    if info is not None and info.mirror_source and info.mirror_file:
        frame = read_statline_csv(raw.raw_file(info.mirror_source, info.mirror_file))
        return TableResult(table_id, info.title, info.period, STATUS_NOT_RECORDED, "mirror", frame)
    folder = online_folder(table_id)
    if not (folder / "TypedDataSet.json").exists():
        if not online:
            return Unavailable(table_id, unavailable_sentence(table_id), "not fetched (make data ONLINE=1)")
        try:
            fetch_table(table_id)
        except (OSError, ValueError, KeyError, raw.RawDataError) as error:
            # requests' connection errors are OSErrors; a wrong id gives an HTTP or JSON error.
            return Unavailable(table_id, unavailable_sentence(table_id), f"download failed: {error}")
    return read_statline_download(folder, table_id)


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
