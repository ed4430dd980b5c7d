"""Reading and writing the derived data layers (``data/interim``, ``data/processed``).

Writes are atomic (temporary file, then rename) so that a reader never sees half a file. Reads
of processed files are kept per process while the file is unchanged: a kernel that renders many
reports reads the national geometry once, not once per report.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq

from analysis.core import paths

_CACHE: dict[tuple[str, int], pd.DataFrame] = {}

MUNICIPALITIES_FILE = "municipalities_2017.parquet"
MEMBERSHIPS_FILE = "region_memberships_2017.parquet"
REGION_SIZES_FILE = "region_sizes_2017.parquet"
OUTLINES_FILE = "region_outlines_2017.parquet"
BIJSTAND_FILE = "bijstand_2015_2017.parquet"
ELECTIONS_FILE = "council_election_2010.parquet"
COUNCILS_2018_FILE = "councils_2018.parquet"
CASE_TABLE_FILE = "case_table_2017.parquet"
PEERS_FILE = "structural_peers_2017.parquet"
PEERS_METHOD_FILE = "structural_peers_2017_method.json"
#: Written only by ``make data ONLINE=1`` (the online StatLine tables), so not in PROCESSED_LAYERS.
SOCIAL_DOMAIN_ONLINE_FILE = "social_domain_statline.parquet"
CASE_TABLE_DICTIONARY_FILE = "case_table_2017_columns.csv"

#: Every file of ``data/processed`` the build writes -> what it holds.
PROCESSED_LAYERS: dict[str, str] = {
    MUNICIPALITIES_FILE: "the 388 municipalities of 1 January 2017 with CBS key figures, EPSG:28992",
    MEMBERSHIPS_FILE: "region memberships per municipality and region type (2017)",
    REGION_SIZES_FILE: "inhabitants and member count per region (2017)",
    OUTLINES_FILE: "region outlines dissolved from the municipalities, EPSG:28992",
    BIJSTAND_FILE: "bijstand, re-integratie and WSW 2015-2017 on the boundaries of 2017, with missing reasons",
    ELECTIONS_FILE: "council elections of March 2010 joined to the municipalities of 2017, with flags",
    COUNCILS_2018_FILE: "councils elected 21 March 2018 per municipality of 2017: seats, local lists, lists",
    CASE_TABLE_FILE: "one row per 2017 municipality: key figures, regions, bijstand, elections, councils 2018",
    CASE_TABLE_DICTIONARY_FILE: "unit, source and description of every case-table column",
    PEERS_FILE: "each municipality's 10 structurally nearest municipalities (analysis.geo.peers), with distances",
    PEERS_METHOD_FILE: "how the structural peers were chosen: characteristics, means, sds, distance, k, missing rule",
}


def processed(name: str) -> Path:
    """Path of a file in ``data/processed``."""
    return paths.processed_dir() / name


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``target`` and rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=target.suffix)
    os.close(handle)
    try:
        write(Path(tmp_name))
        os.chmod(tmp_name, 0o644)  # mkstemp creates 0600; derived files are for every reader
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def write_parquet(frame: pd.DataFrame, target: Path) -> None:
    """Write a (Geo)DataFrame as (Geo)Parquet, atomically, without the index."""
    write_atomically(target, lambda tmp: frame.to_parquet(tmp, index=False))


def read_processed(name: str) -> pd.DataFrame:
    """A processed Parquet file (a GeoDataFrame when it holds geometry); the caller gets a copy.

    Raises:
        FileNotFoundError: the layer has not been built; the message says how to build it.
    """
    path = processed(name)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist yet: run `make data` (python -m analysis build)")
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _CACHE:
        is_geo = b"geo" in (pq.read_schema(path).metadata or {})
        _CACHE[key] = gpd.read_parquet(path) if is_geo else pd.read_parquet(path)
    return _CACHE[key].copy()
