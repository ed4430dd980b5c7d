"""Boundary changes between a data year and 1 January 2017, from the CBS outlines.

Figures of 2015 and 2016 are published on the municipal boundaries of their own year. Before
they can stand beside 2017 figures, each 2017 municipality must be related to the municipalities
of the earlier year: ``BOUNDARY_CHANGES`` records that relation where it differs, and
``derive_boundary_changes`` measures it from the generalised outlines of the mirror (WGS84
GeoJSON, areas measured in EPSG:28992).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd


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
