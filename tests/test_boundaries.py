"""Boundary changes between a data year and 2017, detected from outlines (and populations)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from analysis.geo import boundaries


def _strip(cells: dict[str, tuple[float, float]]) -> gpd.GeoDataFrame:
    """Municipalities as slices of a 1 km high strip: code -> (x from, x to) in metres."""
    return gpd.GeoDataFrame(
        {"gm_code": list(cells)},
        geometry=[box(x0, 0, x1, 1000) for x0, x1 in cells.values()],
        crs="EPSG:28992",
    )


OLD = _strip({"GM0001": (0, 1000), "GM0002": (1000, 2000), "GM0003": (2000, 3000), "GM0004": (3000, 4000)})
# GM0001 hands 10 % of its area to GM0002; GM0003 and GM0004 merge into GM0005.
NEW = _strip({"GM0001": (0, 900), "GM0002": (900, 2000), "GM0005": (2000, 4000)})
POP_OLD = {"GM0001": 1000.0, "GM0002": 1000.0, "GM0003": 500.0, "GM0004": 500.0}


def test_merger_is_a_clean_union_and_a_correction_needs_the_population_to_move() -> None:
    moved = {"GM0001": 900.0, "GM0002": 1100.0, "GM0005": 1000.0}
    changes = {c.gm_code: c for c in boundaries.detect_boundary_changes(OLD, NEW, 2016, POP_OLD, moved)}
    assert set(changes) == {"GM0001", "GM0002", "GM0005"}
    assert changes["GM0005"].predecessors == ("GM0003", "GM0004") and changes["GM0005"].clean_union
    assert not changes["GM0001"].clean_union and not changes["GM0002"].clean_union
    assert "10.0% of GM0001's 2016 outline lies in GM0002" in changes["GM0001"].note
    assert "-10.0%" in changes["GM0001"].note and changes["GM0001"].year == 2016


def test_outline_shift_without_population_shift_is_generalisation() -> None:
    stable = {"GM0001": 1000.0, "GM0002": 1000.0, "GM0005": 1000.0}
    assert [c.gm_code for c in boundaries.detect_boundary_changes(OLD, NEW, 2016, POP_OLD, stable)] == ["GM0005"]
    assert [c.gm_code for c in boundaries.detect_boundary_changes(OLD, NEW, 2016)] == ["GM0005"]


def test_split_predecessor_makes_both_sides_unclean() -> None:
    old = _strip({"GM0001": (0, 1000), "GM0002": (1000, 2000), "GM0003": (2000, 3000)})
    # GM0002 vanishes: 80 % into GM0004, 20 % into GM0003.
    new = _strip({"GM0001": (0, 1000), "GM0004": (1000, 1800), "GM0003": (1800, 3000)})
    changes = {c.gm_code: c for c in boundaries.detect_boundary_changes(old, new, 2015)}
    assert changes["GM0004"].predecessors == ("GM0002",) and not changes["GM0004"].clean_union
    assert changes["GM0003"].predecessors == ("GM0003",) and not changes["GM0003"].clean_union
    assert "GM0001" not in changes


def test_outlines_in_different_crs_are_refused() -> None:
    with pytest.raises(ValueError, match="different CRS"):
        boundaries.outline_shares(OLD, NEW.to_crs(4326))


# --- the mirror's outlines ------------------------------------------------------------------------

EXPECTED = {
    # (2017 code, year): (predecessors, clean union)
    ("GM0014", 2015): (("GM0014",), False),  # Groningen received part of Slochteren (1 Jan 2017)
    ("GM0040", 2015): (("GM0040",), False),  # Slochteren
    ("GM0014", 2016): (("GM0014",), False),
    ("GM0040", 2016): (("GM0040",), False),
    ("GM0385", 2015): (("GM0385", "GM0478"), True),  # Zeevang joined Edam-Volendam
    ("GM0457", 2015): (("GM0457",), False),  # Weesp received part of Muiden
    ("GM1942", 2015): (("GM0381", "GM0424", "GM0425"), False),  # Gooise Meren
    ("GM1940", 2015): (("GM1921",), True),  # renamed De Fryske Marren
    ("GM1945", 2015): (("GM0241",), True),  # renamed Berg en Dal
    ("GM1948", 2015): (("GM0844", "GM0846", "GM0860"), True),  # Meierijstad
    ("GM1948", 2016): (("GM0844", "GM0846", "GM0860"), True),
}


@pytest.mark.usefixtures("module_data_root")
def test_real_changes_found_in_the_outlines(mirror: Path) -> None:
    from analysis.social import bijstand

    changes = bijstand.detect_changes(bijstand.load_bijstand_by_year())
    found = {(c.gm_code, c.year): (c.predecessors, c.clean_union) for c in changes}
    assert found == EXPECTED
    slochteren = next(c for c in changes if (c.gm_code, c.year) == ("GM0040", 2016))
    assert "10.7% of GM0040's 2016 outline lies in GM0014" in slochteren.note and "-5.3%" in slochteren.note
