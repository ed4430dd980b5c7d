"""Boundary changes between a data year and 1 January 2017, detected from the CBS outlines.

Figures of 2015 and 2016 are published on the municipal boundaries of their own year. Before
they can stand beside 2017 figures, each 2017 municipality must be related to the municipalities
of the earlier year. ``detect_boundary_changes`` does that from the generalised outlines of the
mirror (``map_<year>.json``: WGS84 GeoJSON with ``statcode``; areas measured in EPSG:28992):

- **Vanished codes** (mergers, renames): each is assigned to the 2017 municipality holding most
  of its outline. The successor is a *clean union* when no predecessor has more than
  ``max_spread`` of its outline elsewhere, and no other vanished code has that much in it.
  The threshold is measured, not chosen: the same Schijndel lies 5.3 % in Sint-Michielsgestel in
  the 2015 outlines and 1.5 % in the 2016 ones, so shifts of that size are generalisation; the
  13 % of Muiden that lies in Weesp (Gooise Meren, 2016) is a real split.
- **Corrections between municipalities that exist in both years** (Slochteren -> Groningen on
  1 January 2017): the outlines are generalised to about 100 m and treat water differently from
  year to year, so a share of outline in a neighbour alone gives false alarms (Westervoort,
  Huizen). A donor is therefore recognised when more than ``min_share`` of its outline lies in
  another 2017 municipality *and* its population fell behind the national change by more than
  ``min_population_shift`` (inhabitants aged 15+ in the bijstand tables: Slochteren -5.3 %
  against +0.8 % from 2016 to 2017). Donor and receiver are then both not comparable.

Codes present in both years without such a signal are taken as unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

CRS_AREA = "EPSG:28992"
#: Share of a persisting municipality's outline that counts as "lies in another municipality".
MIN_SHARE = 0.02
#: Share of a vanished predecessor's outline outside its successor that makes a merger unclean.
MAX_SPREAD = 0.10
#: A donor's population change must trail the national change by more than this (fraction).
MIN_POPULATION_SHIFT = 0.03


@dataclass(frozen=True)
class BoundaryChange:
    """How a 2017 municipality relates to the municipalities of an earlier year's table."""

    gm_code: str  #: municipality of 1 January 2017
    year: int  #: year of the table whose boundaries differ
    predecessors: tuple[str, ...]  #: codes in that year's table covering it
    clean_union: bool  #: predecessors lie wholly inside it and nothing else does
    note: str


def read_outlines(path: Path) -> gpd.GeoDataFrame:
    """A ``map_<year>.json`` of the mirror as ``gm_code`` + geometry in EPSG:28992."""
    frame = gpd.read_file(path).to_crs(CRS_AREA)
    return frame.rename(columns={"statcode": "gm_code"})[["gm_code", "geometry"]]


def outline_shares(old: gpd.GeoDataFrame, new: gpd.GeoDataFrame) -> pd.DataFrame:
    """Share of each old outline lying in each new municipality.

    Args:
        old: ``gm_code`` and geometry of the data year, in a metric CRS.
        new: the same for 1 January 2017, in the same CRS.

    Returns:
        ``old_code``, ``new_code``, ``share_of_old`` (0-1), every overlap, largest first per old code.
    """
    if old.crs != new.crs:
        raise ValueError(f"outlines in different CRS: {old.crs} and {new.crs}")
    pieces = gpd.overlay(
        old[["gm_code", "geometry"]], new[["gm_code", "geometry"]], how="intersection", keep_geom_type=True
    )
    areas = old.set_index("gm_code").area
    result = pd.DataFrame(
        {
            "old_code": pieces["gm_code_1"].astype("string"),
            "new_code": pieces["gm_code_2"].astype("string"),
            "share_of_old": pieces.area / pieces["gm_code_1"].map(areas),
        }
    )
    return result.sort_values(["old_code", "share_of_old"], ascending=[True, False]).reset_index(drop=True)


def _relative_change(old: Mapping[str, float], new: Mapping[str, float]) -> tuple[dict[str, float], float]:
    """Per code present in both and non-zero: new/old - 1; and the same for the totals of all codes."""
    changes = {
        code: float(new[code]) / float(old[code]) - 1
        for code in old
        if code in new and pd.notna(old[code]) and pd.notna(new[code]) and old[code] > 0
    }
    total_old = sum(float(v) for v in old.values() if pd.notna(v))
    total_new = sum(float(v) for v in new.values() if pd.notna(v))
    return changes, (total_new / total_old - 1 if total_old else 0.0)


def detect_boundary_changes(
    old: gpd.GeoDataFrame,
    new: gpd.GeoDataFrame,
    year: int,
    population_old: Mapping[str, float] | None = None,
    population_new: Mapping[str, float] | None = None,
    min_share: float = MIN_SHARE,
    max_spread: float = MAX_SPREAD,
    min_population_shift: float = MIN_POPULATION_SHIFT,
) -> tuple[BoundaryChange, ...]:
    """The 2017 municipalities whose territory differs from that of the data year ``year``.

    Args:
        old: outlines of ``year`` (``gm_code``, geometry; metric CRS).
        new: outlines of 1 January 2017, same CRS.
        year: the data year, written into each change.
        population_old: inhabitants per code in ``year``; without both populations, corrections
            between municipalities that exist in both years cannot be told from generalisation
            and are not detected (said in the module docstring).
        population_new: inhabitants per code in 2017.
        min_share: share of a persisting municipality's outline that counts as lying in another.
        max_spread: share of a vanished predecessor outside its successor that makes it unclean.
        min_population_shift: how far a donor's population change must trail the national one.

    Returns:
        One ``BoundaryChange`` per affected 2017 municipality (sorted by code): mergers and
        renames with their predecessors, ``clean_union`` False where a figure cannot be summed.
    """
    shares = outline_shares(old, new)
    old_codes, new_codes = set(old["gm_code"]), set(new["gm_code"])
    largest = shares.groupby("old_code").first()
    visible = shares[shares["share_of_old"] > min_share]
    vanished = sorted(old_codes - new_codes)
    successor = {code: str(largest.at[code, "new_code"]) for code in vanished if code in largest.index}
    reasons: dict[str, list[str]] = {code: [] for code in new_codes}
    spread = shares[shares["share_of_old"] > max_spread]
    for code in vanished:
        for piece in spread[spread["old_code"] == code].itertuples():
            if piece.new_code != successor[code]:
                reasons[successor[code]].append(
                    f"{piece.share_of_old:.0%} of predecessor {code} lies in {piece.new_code}"
                )
                reasons[piece.new_code].append(
                    f"{piece.new_code} received {piece.share_of_old:.0%} of {code} (mostly in {successor[code]})"
                )
    if population_old is not None and population_new is not None:
        change, national = _relative_change(population_old, population_new)
        persisting = visible[visible["old_code"].isin(new_codes) & (visible["old_code"] != visible["new_code"])]
        for piece in persisting.itertuples():
            shift = change.get(piece.old_code)
            if shift is not None and shift - national < -min_population_shift:
                reasons[piece.old_code].append(
                    f"{piece.share_of_old:.1%} of {piece.old_code}'s {year} outline lies in {piece.new_code} and "
                    f"its population changed {shift:+.1%} to 2017 against {national:+.1%} nationally"
                )
                reasons[piece.new_code].append(
                    f"{piece.new_code} received {piece.share_of_old:.1%} of {piece.old_code}'s {year} outline"
                )
    changes = []
    for code in sorted(new_codes):
        predecessors = tuple(sorted({code} & old_codes | {v for v, s in successor.items() if s == code}))
        if predecessors == (code,) and not reasons[code]:
            continue
        note = "; ".join(reasons[code]) or f"{' + '.join(predecessors)} of {year} together form {code} of 2017"
        changes.append(BoundaryChange(code, year, predecessors, not reasons[code], note))
    return tuple(changes)
