"""Municipal outlines drawn as one matplotlib collection, their paths made once per process.

A report draws the same outlines several times (the country on the locator and on the peer map,
the neighbours, two regions), and a portfolio run draws them in every report a kernel renders.
``GeoDataFrame.plot`` turns each outline into a matplotlib path anew every time (about a third of a
map's time) and draws every vertex of the full-resolution boundaries, most of which fall within
one pixel of each other at report size. Here each outline is simplified to half a pixel of the map
being drawn and converted once; the paths are kept, keyed by the outline's own bytes, so a
different geometry under the same code (another year, a test fixture) never gets a stale path.
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.path import Path

from analysis.viz import style

#: Simplification steps (metres): a map uses the largest that stays under half a pixel, so that
#: maps of similar scale share the cached paths.
TOLERANCE_STEPS_M: tuple[float, ...] = (0.0, 5.0, 10.0, 25.0, 50.0, 100.0, 200.0)

_PATHS: dict[tuple[bytes, float], Path] = {}
#: Enough for every outline at a few scales; the cache is cleared rather than grown past this.
_MAX_CACHED = 20_000


def display_tolerance(view_width_m: float, axes_width_in: float, dpi: float = style.DPI) -> float:
    """The simplification (metres) that moves no vertex by more than half a pixel on this map.

    Args:
        view_width_m: the width of the map's view in metres.
        axes_width_in: the width of the axes in inches (an upper bound is safe: a smaller map then
            keeps more detail than it needs, never less).
        dpi: the resolution the figure is saved at.
    """
    half_pixel_m = view_width_m / max(axes_width_in * dpi, 1.0) / 2
    return max(step for step in TOLERANCE_STEPS_M if step <= half_pixel_m)


def width_m(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> float:
    """The east-west extent of ``frame`` in metres (the view width of a map that shows all of it)."""
    min_x, _, max_x, _ = frame.total_bounds
    return float(max_x - min_x)


def outline_path(geometry: shapely.Geometry, tolerance_m: float = 0.0, wkb: bytes | None = None) -> Path:
    """A (multi)polygon as one compound path: every ring closed, holes included.

    ``wkb`` is the geometry's WKB when the caller has it already (made for a whole layer at once).
    """
    key = (shapely.to_wkb(geometry) if wkb is None else wkb, tolerance_m)
    path = _PATHS.get(key)
    if path is None:
        if len(_PATHS) >= _MAX_CACHED:
            _PATHS.clear()
        simple = shapely.simplify(geometry, tolerance_m, preserve_topology=True) if tolerance_m else geometry
        # Matplotlib fills by winding: a hole is a hole only when it runs against its exterior.
        path = _PATHS[key] = _rings_path(shapely.orient_polygons(simple))
    return path


def _rings_path(geometry: shapely.Geometry) -> Path:
    rings = []
    for polygon in shapely.get_parts(geometry):
        if polygon.is_empty:
            continue
        rings.append(polygon.exterior)
        rings.extend(polygon.interiors)
    if not rings:
        return Path(np.empty((0, 2)))
    vertices = [np.asarray(ring.coords)[:, :2] for ring in rings]
    codes = []
    for ring in vertices:
        ring_codes = np.full(len(ring), Path.LINETO, dtype=Path.code_type)
        ring_codes[0] = Path.MOVETO
        ring_codes[-1] = Path.CLOSEPOLY
        codes.append(ring_codes)
    return Path(np.concatenate(vertices), np.concatenate(codes))


def draw_outlines(
    ax: Axes,
    geometries: Iterable[shapely.Geometry],
    *,
    color: str,
    edgecolor: str = "none",
    linewidth: float = 0.0,
    tolerance_m: float = 0.0,
    fill: bool = True,
) -> PathCollection:
    """Draw ``geometries`` on ``ax`` in one collection, with equal aspect and the view fitted to them.

    Args:
        ax: the map's axes (coordinates in metres).
        geometries: polygons or multipolygons.
        color: the fill (or, with ``fill=False``, the line colour).
        edgecolor: the outline colour.
        linewidth: the outline width in points.
        tolerance_m: simplification in metres (:func:`display_tolerance`).
        fill: False draws only the outlines, in ``color``.
    """
    shapes = np.asarray(list(geometries), dtype=object)
    paths = [
        outline_path(geometry, tolerance_m, wkb) for geometry, wkb in zip(shapes, shapely.to_wkb(shapes), strict=True)
    ]
    collection = PathCollection(
        paths,
        facecolors=color if fill else "none",
        edgecolors=edgecolor if fill else color,
        linewidths=linewidth,
    )
    ax.add_collection(collection, autolim=True)
    ax.set_aspect("equal")
    ax.autoscale_view()
    return collection


def country_tolerance(municipalities: gpd.GeoDataFrame, axes_width_in: float) -> float:
    """The simplification of outlines on a map of the whole country whose axes are ``axes_width_in`` wide (at most)."""
    return display_tolerance(width_m(municipalities), axes_width_in)


def draw_country(ax: Axes, municipalities: gpd.GeoDataFrame, color: str, axes_width_in: float) -> PathCollection:
    """Every municipality in ``color`` with thin white borders: the Netherlands behind a national map.

    ``axes_width_in`` is the width of the map's axes (an upper bound), for the simplification.
    """
    tolerance = country_tolerance(municipalities, axes_width_in)
    return draw_outlines(
        ax, municipalities.geometry, color=color, edgecolor="white", linewidth=0.2, tolerance_m=tolerance
    )
