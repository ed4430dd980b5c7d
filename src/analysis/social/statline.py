"""The StatLine tables of the social domain, and the marker for a figure that cannot be shown.

``SOCIAL_DOMAIN_TABLES`` lists every StatLine table the project would like to use, with where a
copy lies in the mirror (the three bijstand tables) or that it is online only (youth care, Wmo,
finances). ``load_table`` reads the mirror copy, else fetches the table with ``cbsodata`` when
online, and otherwise returns an ``Unavailable`` with the sentence a report shows in its place.
``Unavailable`` is the project's one "cannot be shown" marker; other social modules (elections)
import it from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.cbs import download_statline_table, key_number, strip_text, to_number
from analysis.sources import raw

#: Raw-layer source holding the mirror copies of the bijstand tables.
BIJSTAND_SOURCE = "cbs-bijstand-2015-2017"
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


#: The ids marked ``id_confirmed=False`` come from memory and could not be checked offline:
#: verify them in the CBS catalogue (opendata.cbs.nl) before relying on them. A wrong id makes
#: ``load_table`` return ``Unavailable`` naming the failed download, not wrong data.
SOCIAL_DOMAIN_TABLES: dict[str, StatlineTable] = {
    t.table_id: t
    for t in (
        _bijstand_table("83450NED", 2015),
        _bijstand_table("83747NED", 2016),
        _bijstand_table("84066NED", 2017),
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
    info = SOCIAL_DOMAIN_TABLES.get(table_id)
    if info is not None and info.mirror_source and info.mirror_file:
        frame = read_statline_csv(raw.raw_file(info.mirror_source, info.mirror_file))
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
