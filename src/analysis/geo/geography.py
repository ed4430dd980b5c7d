"""Municipal boundaries and CBS key figures of 1 January 2017 (Wijk- en buurtkaart 2017).

The processed layer ``municipalities_2017.parquet`` holds the 388 municipalities in RD New
(EPSG:28992) with the CBS columns renamed to names that carry their unit. It is built once by
``build_municipalities`` and read by every report through ``load_municipalities``.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from analysis.core import paths
from analysis.core.cbs import to_number
from analysis.core.layers import MUNICIPALITIES_FILE, read_processed

CRS_RD_NEW = "EPSG:28992"
PROCESSED_FILE = MUNICIPALITIES_FILE
SOURCE_NAME = "cbs-wijkbuurtkaart-2017"

#: CBS column -> project column. Percentages are whole percent of inhabitants (or households for
#: the household types), areas in hectares as CBS delivers them.
CBS_COLUMNS: dict[str, str] = {
    "GM_CODE": "gm_code",
    "GM_NAAM": "gm_name",
    "STED": "stedelijkheid_class",
    "OAD": "address_density_per_km2",
    "AANT_INW": "population_count",
    "AANT_MAN": "men_count",
    "AANT_VROUW": "women_count",
    "P_00_14_JR": "age_0_14_pct",
    "P_15_24_JR": "age_15_24_pct",
    "P_25_44_JR": "age_25_44_pct",
    "P_45_64_JR": "age_45_64_pct",
    "P_65_EO_JR": "age_65_plus_pct",
    "P_ONGEHUWD": "unmarried_pct",
    "P_GEHUWD": "married_pct",
    "P_GESCHEID": "divorced_pct",
    "P_VERWEDUW": "widowed_pct",
    "BEV_DICHTH": "density_per_km2",
    "AANTAL_HH": "households_count",
    "P_EENP_HH": "single_person_households_pct",
    "P_HH_Z_K": "households_without_children_pct",
    "P_HH_M_K": "households_with_children_pct",
    "GEM_HH_GR": "persons_per_household",
    "P_WEST_AL": "western_migration_background_pct",
    "P_N_W_AL": "non_western_migration_background_pct",
    "P_MAROKKO": "moroccan_background_pct",
    "P_ANT_ARU": "antillean_aruban_background_pct",
    "P_SURINAM": "surinamese_background_pct",
    "P_TURKIJE": "turkish_background_pct",
    "P_OVER_NW": "other_non_western_background_pct",
    "OPP_TOT": "area_total_ha",
    "OPP_LAND": "area_land_ha",
    "OPP_WATER": "area_water_ha",
}

STEDELIJKHEID_LABELS: dict[int, str] = {
    1: "zeer sterk stedelijk",
    2: "sterk stedelijk",
    3: "matig stedelijk",
    4: "weinig stedelijk",
    5: "niet stedelijk",
}


def read_raw_municipalities(raw_path: Path) -> gpd.GeoDataFrame:
    """Read the municipal layer from the mirror's GeoPackage or the original CBS zip.

    The CBS download (``buurt_2017.zip``) holds ``gem_2017.shp`` with land and water parts;
    only the land part (``WATER == "NEE"``) is kept, as in the mirror.
    """
    if raw_path.suffix == ".zip":
        frame = gpd.read_file(f"zip://{raw_path}!gem_2017.shp")
        frame = frame[frame["WATER"] == "NEE"]
    else:
        frame = gpd.read_file(raw_path, layer="gemeente_2017")
    missing = sorted(set(CBS_COLUMNS) - set(frame.columns))
    if missing:
        raise ValueError(f"{raw_path}: missing CBS column(s) {', '.join(missing)}")
    return frame


def build_municipalities(raw: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Rename, type and reproject the raw CBS layer; returns EPSG:28992, one row per gm_code.

    Every numeric CBS column passes through ``cbs.to_number`` so that ``-99999999`` and friends
    become missing values.
    """
    frame = raw[[*CBS_COLUMNS, "geometry"]].rename(columns=CBS_COLUMNS)
    for column in CBS_COLUMNS.values():
        if column not in ("gm_code", "gm_name"):
            frame[column] = to_number(frame[column])
    frame["gm_code"] = frame["gm_code"].astype("string").str.strip()
    frame["gm_name"] = frame["gm_name"].astype("string").str.strip()
    duplicated = frame["gm_code"][frame["gm_code"].duplicated()]
    if not duplicated.empty:
        raise ValueError(f"duplicate municipality codes: {', '.join(duplicated)}")
    frame["stedelijkheid_class"] = frame["stedelijkheid_class"].astype("Int64")
    frame["stedelijkheid_label"] = frame["stedelijkheid_class"].map(STEDELIJKHEID_LABELS)
    frame["area_land_km2"] = frame["area_land_ha"] / 100
    frame = frame.to_crs(CRS_RD_NEW)
    return gpd.GeoDataFrame(frame.sort_values("gm_code").reset_index(drop=True), crs=CRS_RD_NEW)


def processed_path() -> Path:
    """Location of the processed municipal layer."""
    return paths.processed_dir() / PROCESSED_FILE


def load_municipalities(columns: list[str] | None = None) -> gpd.GeoDataFrame:
    """The 388 municipalities of 1 January 2017 in EPSG:28992 (run ``make data`` first)."""
    frame = read_processed(PROCESSED_FILE)
    return frame if columns is None else frame[list(dict.fromkeys([*columns, "geometry"]))]


def load_key_figures() -> pd.DataFrame:
    """The municipal table without geometry (cheaper when no map is drawn)."""
    return pd.DataFrame(read_processed(PROCESSED_FILE).drop(columns="geometry"))
