"""Outlines drawn from cached paths: the same shapes as the geometry, simplified below half a pixel."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from shapely.geometry import MultiPolygon, Polygon, box

from analysis.viz import polygons


def test_a_polygon_with_a_hole_and_a_second_part_becomes_one_compound_path():
    ring = box(0, 0, 10, 10).difference(box(4, 4, 6, 6))
    shape = MultiPolygon([ring, box(20, 0, 22, 2)])
    path = polygons.outline_path(shape)
    starts = int((path.codes == path.MOVETO).sum())
    assert starts == 3  # outer ring, hole, second part
    assert np.allclose(path.get_extents().bounds, (0, 0, 22, 10))


def _drawn_at(shape, points) -> list[bool]:
    """Whether the rendered fill of ``shape`` (black on white) covers each point."""
    fig = Figure(figsize=(2.2, 1), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    polygons.draw_outlines(ax, [shape], color="black")
    ax.set_xlim(0, 22)
    ax.set_ylim(0, 10)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())
    covered = []
    for x, y in points:
        column, row = ax.transData.transform((x, y))
        covered.append(pixels[int(pixels.shape[0] - row), int(column), 0] < 128)
    return covered


@pytest.mark.parametrize("clockwise_hole", [True, False])
def test_a_hole_is_left_empty_whatever_the_ring_orientation_in_the_source(clockwise_hole):
    outer = [(0, 0), (10, 0), (10, 10), (0, 10)]
    hole = [(4, 4), (4, 6), (6, 6), (6, 4)]
    shape = Polygon(outer, [hole if clockwise_hole else hole[::-1]])
    assert _drawn_at(shape, [(1, 1), (5, 5)]) == [True, False]


def test_a_changed_geometry_never_gets_the_cached_path_of_the_old_one():
    first = polygons.outline_path(box(0, 0, 1, 1))
    second = polygons.outline_path(box(0, 0, 2, 2))
    assert first is polygons.outline_path(box(0, 0, 1, 1))  # the same bytes: made once
    assert second.get_extents().width == pytest.approx(2)


def test_simplification_stays_under_half_a_pixel_of_the_map():
    # The Netherlands is about 265 km wide; on a 6.4 inch map at 100 dpi half a pixel is about 207 m.
    tolerance = polygons.display_tolerance(265_000, 6.4)
    assert tolerance == 200
    assert polygons.display_tolerance(30_000, 7.0) == 10  # a region: half a pixel is 21 m
    assert polygons.display_tolerance(100, 7.0) == 0  # a tiny view keeps every vertex
    wiggly = Polygon([(x, 1000 + (5 if x % 2 else 0)) for x in range(0, 1001, 10)] + [(1000, 0), (0, 0)])
    path = polygons.outline_path(wiggly, tolerance)
    simple = shapely.Polygon(path.vertices[:-1])
    assert len(path.vertices) < len(wiggly.exterior.coords)
    assert wiggly.hausdorff_distance(simple) <= tolerance


def test_draw_outlines_fits_the_view_with_equal_aspect():
    fig = Figure()
    ax = fig.add_subplot()
    collection = polygons.draw_outlines(ax, [box(0, 0, 100, 50)], color="red", edgecolor="white", linewidth=0.5)
    assert ax.get_aspect() == 1.0
    x0, x1 = ax.get_xlim()
    assert x0 <= 0 and x1 >= 100
    assert len(collection.get_paths()) == 1
