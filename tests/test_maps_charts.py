import io

import pytest
from PIL import Image

from analysis.geo.regions import neighbours
from analysis.viz import charts, maps


def png_size(fig) -> tuple[int, int]:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return Image.open(io.BytesIO(buffer.getvalue())).size


def test_neighbours_are_the_touching_squares(grid):
    # GM0002 is the middle of the bottom row: everything else touches it (corners count)
    assert sorted(neighbours(grid, "GM0002")["gm_code"]) == ["GM0001", "GM0003", "GM0004", "GM0005", "GM0006"]
    assert sorted(neighbours(grid, "GM0001")["gm_code"]) == ["GM0002", "GM0004", "GM0005"]


def test_maps_refuse_geographic_coordinates(grid):
    with pytest.raises(ValueError, match="EPSG:28992"):
        maps.plot_location(grid.to_crs(4326), "GM0001")


def test_unknown_code_on_neighbour_map(grid):
    with pytest.raises(KeyError, match="GM0042 occurs 0 times"):
        neighbours(grid, "GM0042")


def test_map_titles_and_size(grid):
    fig = maps.plot_location(grid, "GM0001")
    assert [ax.get_title() for ax in fig.axes] == ["Aa in Nederland", "Aa en de 3 buurgemeenten"]
    assert png_size(fig)[0] > 500


def test_size_density_chart_marks_the_focus(grid):
    grid = grid.assign(density_per_km2=grid["population_count"] / 1.0)
    fig = charts.plot_size_density(grid, ["GM0001", "GM0002"], focus="GM0003")
    legend = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    assert legend == ["overige gemeenten (4)", "de twintig (2)", "Cee"]
