"""Regional divisions of 2017: which regions each municipality belongs to, and what they look like.

After the 2015 decentralisations municipalities work together in many overlapping regions (youth
care, labour market, GGD, safety region ...). This module gives, per municipality of 1 January
2017, its region of each type (``load_memberships``), region outlines made by dissolving the
municipal outlines (``dissolve_regions``), the regions a municipality shares with its neighbours
(``shared_regions_with_neighbours``) and region sizes against the 100,000-inhabitant scale the
decentralisations assumed (``region_sizes``).

Functions that need municipal outlines or populations take them as an argument (a frame with
``gm_code``, ``gm_name``, ``population_count`` and, for geometry, outlines in EPSG:28992), so they
work with ``analysis.geo.geography.load_municipalities()`` as well as with small test frames.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from analysis.core.cbs import download_statline_table, strip_text
from analysis.sources import raw

SOURCE_NAME = "cbs-regio-indelingen-2017"
MEMBERSHIP_FILE = "regions_2017.csv"
STATLINE_TABLE = "83553NED"
CITATION = "CBS, Gebiedsindelingen 2017 (StatLine 83553NED)"
EXPECTED_MUNICIPALITIES = 388
#: Minimum scale (inhabitants) the decentralisations of 2015 assumed for a municipality or a
#: cooperating region: minister Plasterk's starting point of 100,000 inhabitants (2013).
DECENTRALISATION_SCALE_INHABITANTS = 100_000
#: Outlines of the Wijk- en buurtkaart layer are simplified, so neighbours may not touch exactly.
NEIGHBOUR_TOLERANCE_M = 50.0


@dataclass(frozen=True)
class RegionType:
    """One kind of regional division as CBS codes it."""

    prefix: str  #: CBS code prefix, e.g. ``JZ``
    key: str  #: readable column stem, e.g. ``youth_care_region``
    name_nl: str
    name_en: str
    statline_group: str  #: normalised title of the topic group in 83553NED


REGION_TYPES: dict[str, RegionType] = {
    rt.key: rt
    for rt in (
        RegionType("PV", "province", "provincie", "province", "provincies"),
        RegionType("CR", "corop", "COROP-gebied", "COROP region", "coropgebieden"),
        RegionType(
            "AM",
            "labour_market_region",
            "arbeidsmarktregio",
            "labour market region",
            "arbeidsmarktregios",
        ),
        RegionType("JZ", "youth_care_region", "jeugdzorgregio", "youth care region", "jeugdzorgregios"),
        RegionType("GG", "ggd_region", "GGD-regio", "public health (GGD) region", "ggdregios"),
        RegionType("VR", "safety_region", "veiligheidsregio", "safety region", "veiligheidsregios"),
        RegionType(
            "ZK",
            "care_office_region",
            "zorgkantoorregio",
            "care office region",
            "zorgkantoorregios",
        ),
        RegionType("LD", "landsdeel", "landsdeel", "part of the country", "landsdelen"),
    )
}
REGION_TYPES_BY_PREFIX: dict[str, RegionType] = {rt.prefix: rt for rt in REGION_TYPES.values()}


class MembershipError(ValueError):
    """The membership table breaks one of its guarantees (388 municipalities, no gaps)."""


def region_type(name: str) -> RegionType:
    """Look a region type up by key (``youth_care_region``), prefix (``JZ``) or Dutch name."""
    if name in REGION_TYPES:
        return REGION_TYPES[name]
    if name.upper() in REGION_TYPES_BY_PREFIX:
        return REGION_TYPES_BY_PREFIX[name.upper()]
    for rt in REGION_TYPES.values():
        if rt.name_nl.lower() == name.lower():
            return rt
    raise KeyError(f"unknown region type {name!r}; known: {', '.join(REGION_TYPES)}")


def membership_columns() -> list[str]:
    """Columns of ``load_memberships()`` in order."""
    columns = ["gm_code", "gm_name"]
    for rt in REGION_TYPES.values():
        columns += [f"{rt.key}_code", f"{rt.key}_name", f"{rt.key}_overlap_share"]
    return columns


def parse_memberships_csv(path: Path) -> pd.DataFrame:
    """Read the outline-derived membership table (``regions_2017.csv``) into readable columns.

    Raises:
        MembershipError: naming the file and the row when a cell is empty, a code is not a GM
            code, a code repeats, or the number of municipalities is not 388.
    """
    raw = strip_text(pd.read_csv(path, dtype="string", keep_default_na=False))
    renames = {"GM_CODE": "gm_code", "GM_NAAM": "gm_name"}
    for rt in REGION_TYPES.values():
        renames |= {
            f"{rt.prefix}_CODE": f"{rt.key}_code",
            f"{rt.prefix}_NAAM": f"{rt.key}_name",
            f"{rt.prefix}_overlap_share": f"{rt.key}_overlap_share",
        }
    missing = sorted(set(renames) - set(raw.columns))
    if missing:
        raise MembershipError(f"{path}: columns missing: {', '.join(missing)}")
    frame = raw[list(renames)].rename(columns=renames)
    # Line numbers in messages count the header as line 1, as an editor shows them.
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")
    empty = frame.eq("") | frame.isna()
    if empty.any().any():
        line, column = empty.stack().loc[lambda s: s].index[0]
        raise MembershipError(f"{path}, line {line}: empty cell in column {column!r}")
    for rt in REGION_TYPES.values():
        column = f"{rt.key}_overlap_share"
        shares = pd.to_numeric(frame[column], errors="coerce")
        bad = shares.isna() | (shares <= 0) | (shares > 1)
        if bad.any():
            line = bad.idxmax()
            raise MembershipError(f"{path}, line {line}: {column} {frame.at[line, column]!r} is not in (0, 1]")
        frame[column] = shares.astype("Float64")
    validate_memberships(frame, origin=str(path))
    return frame.reset_index(drop=True)


def validate_memberships(frame: pd.DataFrame, origin: str = "memberships") -> None:
    """Check the guarantees of a membership frame; raise ``MembershipError`` naming the row.

    ``frame.index`` is used as the row label in messages (the file's line number when parsed).
    """
    codes = frame["gm_code"]
    not_gm = ~codes.str.fullmatch(r"GM\d{4}").fillna(False)
    if not_gm.any():
        row = not_gm.idxmax()
        raise MembershipError(f"{origin}, row {row}: {codes[row]!r} is not a municipality code")
    duplicated = codes.duplicated()
    if duplicated.any():
        row = duplicated.idxmax()
        raise MembershipError(f"{origin}, row {row}: municipality {codes[row]} appears twice")
    for rt in REGION_TYPES.values():
        column = f"{rt.key}_code"
        wrong = ~frame[column].str.startswith(rt.prefix).fillna(False)
        if wrong.any():
            row = wrong.idxmax()
            raise MembershipError(f"{origin}, row {row}: {column} {frame.at[row, column]!r} lacks prefix {rt.prefix}")
    for column in [c for c in frame.columns if not c.endswith("_overlap_share")]:
        empty = frame[column].isna() | frame[column].eq("")
        if empty.any():
            row = empty.idxmax()
            raise MembershipError(f"{origin}, row {row}: empty cell in column {column!r}")
    if len(frame) != EXPECTED_MUNICIPALITIES:
        raise MembershipError(f"{origin}: {len(frame)} municipalities, expected {EXPECTED_MUNICIPALITIES} (2017)")


def load_memberships() -> pd.DataFrame:
    """Region memberships of the 388 municipalities of 1 January 2017, offline.

    Read from the raw copy of ``regions_2017.csv`` (derived from CBS's generalised region outlines
    by largest area overlap; see the source's PROVENANCE.md). ``<type>_overlap_share`` is the
    share of the municipality's area inside the region it was given.

    Returns:
        One row per municipality: ``gm_code``, ``gm_name``, then per region type
        ``<type>_code``, ``<type>_name``, ``<type>_overlap_share`` (see ``membership_columns``).
    """
    return parse_memberships_csv(raw.raw_file(SOURCE_NAME, MEMBERSHIP_FILE))


def _normalise_title(title: str) -> str:
    return re.sub(r"[^a-z]", "", title.lower())


def parse_statline_memberships(folder: Path, fallback: pd.DataFrame | None = None) -> pd.DataFrame:
    """Parse a cbsodata download of 83553NED into the frame of ``load_memberships``.

    ``DataProperties.json`` groups each division's ``Code``/``Naam`` topics under a topic group
    titled after the division ("Provincies", "Arbeidsmarktregio's" ...); keys carry a numeric
    suffix that differs between table versions, so they are found through those groups, not
    hard-coded. StatLine assigns regions administratively, so ``<type>_overlap_share`` is NA.

    Args:
        folder: directory holding ``TypedDataSet.json`` and ``DataProperties.json``.
        fallback: memberships to take a division from when the table lacks it (83553NED of 2017
            may have no jeugdzorgregio's); those columns keep the fallback's overlap shares.

    Raises:
        MembershipError: a division is missing and no fallback was given, or validation fails.
    """
    properties = json.loads((folder / "DataProperties.json").read_text(encoding="utf-8"))
    rows = json.loads((folder / "TypedDataSet.json").read_text(encoding="utf-8"))
    data = strip_text(pd.DataFrame(rows).astype("string"))
    region_key = next(p["Key"] for p in properties if p.get("Type") == "GeoDimension")
    groups = {p["ID"]: _normalise_title(p["Title"]) for p in properties if p.get("Type") == "TopicGroup"}
    keys: dict[tuple[str, str], str] = {}
    for p in properties:
        if p.get("Type") == "Topic" and p.get("ParentID") in groups:
            keys[(groups[p["ParentID"]], _normalise_title(p["Title"]))] = p["Key"]
    data = data[data[region_key].str.startswith("GM")]
    name_key = next((p["Key"] for p in properties if _normalise_title(p.get("Title", "")) == "naam"), None)
    frame = pd.DataFrame({"gm_code": data[region_key].to_numpy()})
    frame["gm_name"] = data[name_key].to_numpy() if name_key else pd.NA
    for rt in REGION_TYPES.values():
        code_key = keys.get((rt.statline_group, "code"))
        name_key_rt = keys.get((rt.statline_group, "naam"))
        if code_key and name_key_rt:
            frame[f"{rt.key}_code"] = data[code_key].to_numpy()
            frame[f"{rt.key}_name"] = data[name_key_rt].to_numpy()
            frame[f"{rt.key}_overlap_share"] = pd.array([pd.NA] * len(frame), dtype="Float64")
        elif fallback is not None:
            columns = [f"{rt.key}_code", f"{rt.key}_name", f"{rt.key}_overlap_share"]
            frame = frame.merge(fallback[["gm_code", *columns]], on="gm_code", how="left")
        else:
            raise MembershipError(f"{folder}: {STATLINE_TABLE} has no division {rt.name_nl!r}")
    if fallback is not None:
        frame["gm_name"] = frame["gm_name"].fillna(frame["gm_code"].map(fallback.set_index("gm_code")["gm_name"]))
    frame = frame[membership_columns()].astype(
        {c: "string" for c in membership_columns() if not c.endswith("_overlap_share")}
    )
    validate_memberships(frame, origin=f"{folder} ({STATLINE_TABLE})")
    return frame.reset_index(drop=True)


def fetch_memberships_statline(target_dir: Path) -> pd.DataFrame:
    """Download StatLine 83553NED "Gebieden in Nederland 2017" and parse it (needs the network).

    83553NED is CBS's own membership list, the authority for province, COROP and
    arbeidsmarktregio. It may not contain jeugdzorgregio's (they were not a standard CBS
    division in every edition): any division missing from the download is taken from the
    offline, outline-derived ``load_memberships()``, which therefore must be available too.

    Args:
        target_dir: folder for the downloaded JSON files (outside ``data/raw``).
    """
    folder = download_statline_table(STATLINE_TABLE, target_dir)
    return parse_statline_memberships(folder, fallback=load_memberships())


def _members(municipalities: pd.DataFrame, memberships: pd.DataFrame, rt: RegionType) -> pd.DataFrame:
    unknown = sorted(set(municipalities["gm_code"]) - set(memberships["gm_code"]))
    if unknown:
        raise MembershipError(f"municipalities without membership: {', '.join(unknown[:5])}")
    columns = ["gm_code", f"{rt.key}_code", f"{rt.key}_name"]
    return municipalities.merge(memberships[columns], on="gm_code", how="left", validate="1:1")


def dissolve_regions(
    municipalities: gpd.GeoDataFrame,
    memberships: pd.DataFrame,
    region_type_name: str,
    gap_tolerance_m: float = NEIGHBOUR_TOLERANCE_M,
) -> gpd.GeoDataFrame:
    """Region outlines of one type, made by dissolving the municipal outlines of its members.

    Dissolving (rather than reading CBS's generalised region outlines) makes regions fit the
    municipal outlines exactly, which matters when both are drawn together.

    Args:
        municipalities: ``gm_code``, ``gm_name``, ``population_count`` and outlines, expected
            in EPSG:28992 (any CRS works; the result keeps it).
        memberships: frame of ``load_memberships()``.
        region_type_name: key (``youth_care_region``), prefix (``JZ``) or Dutch name.
        gap_tolerance_m: gaps between members narrower than twice this (metres) are closed,
            because the simplified outlines do not share edges exactly; only applied in a
            projected CRS; 0 keeps the plain union.

    Returns:
        One row per region: ``region_type``, ``region_code``, ``region_name``,
        ``population_count`` (sum of members), ``municipalities_count``,
        ``member_gm_codes`` and ``member_names`` (sorted lists), geometry; same CRS as input.
    """
    rt = region_type(region_type_name)
    members = _members(municipalities, memberships, rt)
    members = members.sort_values("gm_name")
    grouped = members.groupby(f"{rt.key}_code", sort=True)
    table = pd.DataFrame(
        {
            "region_name": grouped[f"{rt.key}_name"].first(),
            "population_count": grouped["population_count"].sum(min_count=1),
            "municipalities_count": grouped["gm_code"].size(),
            "member_gm_codes": grouped["gm_code"].agg(list),
            "member_names": grouped["gm_name"].agg(list),
        }
    )
    outlines = members[[f"{rt.key}_code", "geometry"]].dissolve(by=f"{rt.key}_code")
    if gap_tolerance_m > 0 and municipalities.crs is not None and municipalities.crs.is_projected:
        # Simplified neighbours leave slivers between them; closing (grow, then shrink) removes
        # gaps narrower than twice the tolerance without moving the outer outline noticeably.
        outlines["geometry"] = outlines.buffer(gap_tolerance_m).buffer(-gap_tolerance_m)
    result = gpd.GeoDataFrame(table.join(outlines), geometry="geometry", crs=municipalities.crs).rename_axis(
        "region_code"
    )
    result.insert(0, "region_type", rt.key)
    return result.reset_index()


def neighbours(
    municipalities: gpd.GeoDataFrame, gm_code: str, tolerance_m: float = NEIGHBOUR_TOLERANCE_M
) -> gpd.GeoDataFrame:
    """Municipalities whose outline lies within ``tolerance_m`` metres of ``gm_code``'s outline.

    Args:
        municipalities: outlines in a metric CRS (EPSG:28992 expected).
        gm_code: the focus municipality (not in the result).
        tolerance_m: gap allowed between outlines; simplified outlines rarely touch exactly.
    """
    if municipalities.crs is None or not municipalities.crs.is_projected:
        raise ValueError(f"neighbours need outlines in metres (EPSG:28992), got {municipalities.crs}")
    focus = municipalities.loc[municipalities["gm_code"] == gm_code]
    if len(focus) != 1:
        raise KeyError(f"{gm_code} occurs {len(focus)} times in the municipalities")
    others = municipalities[municipalities["gm_code"] != gm_code]
    return others[others.geometry.dwithin(focus.geometry.iloc[0], tolerance_m)]


def shared_regions_with_neighbours(
    municipalities: gpd.GeoDataFrame,
    memberships: pd.DataFrame,
    gm_code: str,
    tolerance_m: float = NEIGHBOUR_TOLERANCE_M,
) -> pd.DataFrame:
    """For each neighbour of ``gm_code``: how many (and which) region types it shares.

    Args:
        municipalities: ``gm_code``, ``gm_name`` and outlines in EPSG:28992 (metres).
        memberships: frame of ``load_memberships()``.
        gm_code: the focus municipality.
        tolerance_m: outlines closer than this count as touching (they are simplified).

    Returns:
        ``gm_code``, ``gm_name``, ``shared_region_types_count`` (of 8), ``shared_region_types``
        and ``not_shared_region_types`` (keys joined by ", "), most shared first.
    """
    near = neighbours(municipalities, gm_code, tolerance_m)
    indexed = memberships.set_index("gm_code")
    if gm_code not in indexed.index:
        raise MembershipError(f"{gm_code} has no region memberships")
    focus = indexed.loc[gm_code]
    rows = []
    for code, name in zip(near["gm_code"], near["gm_name"], strict=True):
        shared = [
            rt.key for rt in REGION_TYPES.values() if indexed.at[code, f"{rt.key}_code"] == focus[f"{rt.key}_code"]
        ]
        rows.append(
            {
                "gm_code": code,
                "gm_name": name,
                "shared_region_types_count": len(shared),
                "shared_region_types": ", ".join(shared),
                "not_shared_region_types": ", ".join(k for k in REGION_TYPES if k not in shared),
            }
        )
    columns = [
        "gm_code",
        "gm_name",
        "shared_region_types_count",
        "shared_region_types",
        "not_shared_region_types",
    ]
    result = pd.DataFrame(rows, columns=columns)
    result["shared_region_types_count"] = result["shared_region_types_count"].astype("Int64")
    return result.sort_values(["shared_region_types_count", "gm_name"], ascending=[False, True]).reset_index(drop=True)


def region_sizes(municipalities: pd.DataFrame, memberships: pd.DataFrame) -> pd.DataFrame:
    """Inhabitants and municipalities per region of every type, against the 100,000 scale.

    Args:
        municipalities: ``gm_code`` and ``population_count`` (1 January 2017); no geometry needed.
        memberships: frame of ``load_memberships()``.

    Returns:
        ``region_type``, ``region_type_nl``, ``region_code``, ``region_name``,
        ``inhabitants_count``, ``municipalities_count``, ``has_100k_inhabitants`` (inhabitants of
        at least ``DECENTRALISATION_SCALE_INHABITANTS``; NA when a member's population is NA).
    """
    frames = []
    plain = pd.DataFrame(municipalities[["gm_code", "population_count"]])
    for rt in REGION_TYPES.values():
        members = _members(plain, memberships, rt)
        grouped = members.groupby([f"{rt.key}_code", f"{rt.key}_name"], sort=True)
        sizes = grouped.agg(
            inhabitants_count=("population_count", lambda s: s.sum(min_count=len(s))),
            municipalities_count=("gm_code", "size"),
        ).reset_index(names=["region_code", "region_name"])
        sizes.insert(0, "region_type_nl", rt.name_nl)
        sizes.insert(0, "region_type", rt.key)
        frames.append(sizes)
    result = pd.concat(frames, ignore_index=True)
    result["inhabitants_count"] = result["inhabitants_count"].astype("Int64")
    result["municipalities_count"] = result["municipalities_count"].astype("Int64")
    at_scale = result["inhabitants_count"] >= DECENTRALISATION_SCALE_INHABITANTS
    result["has_100k_inhabitants"] = at_scale.astype("boolean")
    return result


#: Where the memberships of the case table come from: the outline overlay of the mirror, not
#: StatLine 83553NED (which is CBS's own list, used only by ``download_memberships`` online).
MEMBERSHIP_CITATION = (
    "CBS, Gebiedsindelingen 2017 (generalised region outlines, PDOK); region = largest area overlap "
    "with the municipal outline of the Wijk- en buurtkaart 2017 (regions_2017.csv of the mirror), "
    "not StatLine 83553NED"
)

#: Columns ``to_case_columns`` contributes: unit, source, description.
COLUMNS: dict[str, tuple[str, str, str]] = {}
for _rt in REGION_TYPES.values():
    COLUMNS[f"{_rt.key}_code"] = ("CBS code", MEMBERSHIP_CITATION, f"Code of the {_rt.name_en} ({_rt.name_nl})")
    COLUMNS[f"{_rt.key}_name"] = ("text", MEMBERSHIP_CITATION, f"Name of the {_rt.name_en} ({_rt.name_nl})")
    COLUMNS[f"{_rt.key}_inhabitants_count"] = (
        "inhabitants (1 Jan 2017)",
        f"{MEMBERSHIP_CITATION}; CBS, Kadaster — Wijk- en buurtkaart 2017 (population)",
        f"Inhabitants of all member municipalities of the {_rt.name_en}",
    )
    COLUMNS[f"{_rt.key}_municipalities_count"] = (
        "municipalities",
        MEMBERSHIP_CITATION,
        f"Number of municipalities in the {_rt.name_en}",
    )
del _rt


def to_case_columns(municipalities: pd.DataFrame, memberships: pd.DataFrame | None = None) -> pd.DataFrame:
    """Region columns of the per-municipality case table: one row per 2017 municipality.

    Args:
        municipalities: ``gm_code`` and ``population_count`` of the 388 municipalities of 2017.
        memberships: frame of ``load_memberships()``; read offline when omitted.

    Returns:
        Frame indexed by ``gm_code`` (388 rows) with the columns documented in ``COLUMNS``.
    """
    memberships = load_memberships() if memberships is None else memberships
    result = memberships[["gm_code"]].set_index("gm_code")
    sizes = region_sizes(municipalities, memberships)
    for rt in REGION_TYPES.values():
        per_region = sizes[sizes["region_type"] == rt.key].set_index("region_code")
        codes = memberships.set_index("gm_code")[f"{rt.key}_code"]
        result[f"{rt.key}_code"] = codes
        result[f"{rt.key}_name"] = memberships.set_index("gm_code")[f"{rt.key}_name"]
        result[f"{rt.key}_inhabitants_count"] = codes.map(per_region["inhabitants_count"]).astype("Int64")
        result[f"{rt.key}_municipalities_count"] = codes.map(per_region["municipalities_count"]).astype("Int64")
    return result[list(COLUMNS)]
