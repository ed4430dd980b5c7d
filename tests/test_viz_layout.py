"""Charts looked at as geometry: labels that do not overlap, legends off the data, one colour per role."""

from __future__ import annotations

import geopandas as gpd
import matplotlib.colors as mcolors
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from shapely.geometry import box

from analysis.geo.indicators import PROFILE_FIGURES
from analysis.viz import charts, labels, maps, region_maps, social_charts, style

#: Colours the municipality was drawn in before the roles were shared (region map, trend, theme profile).
OLD_MUNICIPALITY_COLOURS = ("#d95f02", "#1f5f8b")


@pytest.fixture
def ring() -> gpd.GeoDataFrame:
    """A 900 m square with twelve 300 m squares around it, all with long names (EPSG:28992)."""
    cells = [box(300, 300, 1200, 1200)]
    for i in range(5):
        cells += [box(i * 300, 0, (i + 1) * 300, 300), box(i * 300, 1200, (i + 1) * 300, 1500)]
    cells += [box(0, 300, 300, 1200), box(1200, 300, 1500, 1200)]
    names = ["Middengemeente"] + [f"Langgerekte buurgemeente {i}" for i in range(1, len(cells))]
    return gpd.GeoDataFrame(
        {
            "gm_code": [f"GM{i:04d}" for i in range(1, len(cells) + 1)],
            "gm_name": names,
            "population_count": [10_000.0] * len(cells),
        },
        geometry=cells,
        crs="EPSG:28992",
    )


def _label_boxes(fig: Figure, ax) -> list:
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)  # the final layout, as when the PNG is written
    return labels.label_boxes(labels.placed_labels(ax), renderer)


def test_place_labels_separates_labels_that_would_collide():
    fig = Figure(figsize=(3, 3))
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    crowd = [labels.MapLabel(f"a rather long name {i}", 5 + 0.1 * i, 5) for i in range(4)]
    placed = labels.place_labels(ax, crowd, canvas.get_renderer())
    boxes = labels.label_boxes(placed, canvas.get_renderer())
    assert labels.overlapping_pairs(boxes) == []
    assert placed[0].xyann == (0, 0)  # the first keeps its anchor
    assert any(a.arrow_patch is not None for a in placed[1:])  # a moved label points home


def test_neighbour_map_labels_do_not_overlap(ring):
    fig = maps.plot_location(ring, "GM0001")
    boxes = _label_boxes(fig, fig.axes[1])
    assert len(boxes) == len(ring)
    assert labels.overlapping_pairs(boxes) == []


def _ring_region_map(ring: gpd.GeoDataFrame) -> Figure:
    """The youth-care region map of the middle square, the whole ring being one region."""
    memberships = pd.DataFrame({"gm_code": ring["gm_code"], "youth_care_region_code": "JZ01"})
    outline = gpd.GeoDataFrame(
        {
            "region_code": ["JZ01"],
            "region_name": ["Ring"],
            "population_count": [1.3e5],
            "municipalities_count": [13],
        },
        geometry=[ring.union_all()],
        crs=ring.crs,
    )
    return region_maps.plot_region(ring, memberships, "GM0001", "youth_care_region", outlines=outline)


def test_region_map_labels_do_not_overlap(ring):
    fig = _ring_region_map(ring)
    boxes = _label_boxes(fig, fig.axes[0])
    assert len(boxes) == len(ring)
    assert labels.overlapping_pairs(boxes) == []


def test_peer_chart_legend_stands_outside_the_bars():
    comparison = pd.DataFrame(
        [[48.0, 47.0, 46.0, 45.0]] * len(PROFILE_FIGURES),
        index=list(PROFILE_FIGURES),
        columns=["municipality", "netherlands", "same_stedelijkheid_median", "cases_median"],
    )
    fig = charts.plot_profile_against_peers(comparison, "Aa")
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.x0 >= ax.get_window_extent(renderer).x1
    assert not any(legend.overlaps(bar.get_window_extent(renderer)) for bar in ax.patches)


def _colours(fig: Figure) -> set[str]:
    found = set()
    for artist in fig.findobj():
        for getter in ("get_facecolor", "get_color"):
            if hasattr(artist, getter):
                try:
                    values = getattr(artist, getter)()
                    rows = values if hasattr(values, "ndim") and values.ndim == 2 else [values]
                    found |= {mcolors.to_hex(v) for v in rows}
                except (ValueError, TypeError):
                    continue
    return found


def test_the_municipality_has_one_colour_in_every_chart(ring):
    memberships = pd.DataFrame({"gm_code": ring["gm_code"], "youth_care_region_code": "JZ01"})
    outline = gpd.GeoDataFrame(
        {
            "region_code": ["JZ01"],
            "region_name": ["Ring"],
            "population_count": [1.3e5],
            "municipalities_count": [13],
        },
        geometry=[ring.union_all()],
        crs=ring.crs,
    )
    bijstand = pd.DataFrame(
        {
            "gm_code": ["GM0001", "GM0002", "NL01"] * 2,
            "year": [2016] * 3 + [2017] * 3,
            "recipients_per_1000_inhabitants": [40.0, 30.0, 35.0, 41.0, 31.0, 36.0],
            "missing_reason": [pd.NA] * 6,
        }
    )
    figures = [
        maps.plot_location(ring, "GM0001"),
        region_maps.plot_region(ring, memberships, "GM0001", "youth_care_region", outlines=outline),
        social_charts.plot_trend(bijstand, "GM0001", "Aa", {"de twintig": ["GM0002"]}),
    ]
    for fig in figures:
        colours = _colours(fig)
        assert style.MUNICIPALITY in colours
        assert not colours & set(OLD_MUNICIPALITY_COLOURS)


@pytest.mark.slow
def test_rotterdam_maps_have_no_colliding_labels_and_titles_clear_of_the_edge(built_data):
    """Pijnacker-Nootdorp/Delft, Capelle/Krimpen and Albrandswaard/Barendrecht collided before."""
    from analysis.geo import regions
    from analysis.geo.geography import load_municipalities

    municipalities = load_municipalities()
    location = maps.plot_location(municipalities, "GM0599")
    boxes = _label_boxes(location, location.axes[1])
    assert len(boxes) == 19 and labels.overlapping_pairs(boxes) == []
    renderer = FigureCanvasAgg(location).get_renderer()
    top = location.bbox.height
    for ax in location.axes:
        assert ax.title.get_window_extent(renderer).y1 < top - 4  # pixels of air above each title
    region = region_maps.plot_region(municipalities, regions.load_memberships(), "GM0599", "youth_care_region")
    assert labels.overlapping_pairs(_label_boxes(region, region.axes[0])) == []


def test_titles_clear_of_the_banner_and_of_column_labels():
    """The truth table's title ran under the illustrative banner; the Fisher title over its columns."""
    from test_viz_language import _association_results

    from analysis.viz import association_charts, theme_charts

    _, fisher, truth = _association_results()
    for fig in (association_charts.plot_truth_table(truth), association_charts.plot_fisher_pvalues(fisher)):
        theme_charts.mark_illustrative(fig)
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        banner = next(t for t in fig.texts if t.get_text() == theme_charts.BANNER_TEXT)
        banner_box = banner.get_bbox_patch().get_window_extent(renderer)
        titles = [fig._suptitle] if fig.get_suptitle() else []
        titles += [ax._left_title for ax in fig.axes if ax.get_title(loc="left")]
        assert titles
        for title in titles:
            box = title.get_window_extent(renderer)
            assert not box.overlaps(banner_box)
            for ax in fig.axes:
                for label in ax.get_xticklabels():
                    if label.get_text():
                        assert not box.overlaps(label.get_window_extent(renderer)), label.get_text()


def test_size_density_names_never_cover_each_other_or_a_neighbours_dot():
    """The annex scatter printed "Amstelveen" over Zaanstad's dot and "Bergen (L.)" over Tubbergen's."""
    names = ["Amstelveen", "Zaanstad", "Bergen (L.)", "Tubbergen", "Zeewolde", "Sluis", "Woerden", "Hoogezand"]
    population = [89_294, 153_679, 13_095, 21_153, 22_457, 23_658, 51_513, 34_232]
    density = [2_167, 2_080, 127, 144, 91, 85, 577, 515]
    frame = pd.DataFrame(
        {
            "gm_code": [f"GM{i:04d}" for i in range(len(names))] + ["GM9999"],
            "gm_name": [*names, "Ander"],
            "population_count": [*population, 5_000],
            "density_per_km2": [*density, 50],
        }
    )
    fig = charts.plot_size_density(frame, list(frame["gm_code"][:-1]))
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    placed = labels.placed_labels(ax)
    assert sorted(a.get_text() for a in placed) == sorted(names)
    boxes = labels.label_boxes(placed, renderer)
    assert not labels.overlapping_pairs(boxes)
    dots = [ax.transData.transform((x, y)) for x, y in zip(population, density, strict=True)]
    for label_box in boxes:
        assert not any(label_box.contains(x, y) for x, y in dots), label_box


def test_truth_table_condition_headers_do_not_run_into_each_other():
    """In English "rural (urbanisation 4-5)" touched "large (50,000+)" above the truth table."""
    from analysis.viz import association_charts

    truth = pd.DataFrame(
        {
            "LARGE": [1, 0],
            "RURAL": [0, 1],
            "HIGH": [1, 1],
            "n_cases": [5, 2],
            "n_outcome": [5, 1],
            "consistency": [1.0, 0.5],
            "outcome_assigned": [1, 0],
            # Long case lists on the right squeeze the condition columns, as in the annex.
            "cases": [
                ["Zeewolde", "Tubbergen", "Bergen (L.)", "Gemert-Bakel", "Sluis"],
                ["Hoogezand-Sappemeer", "Tiel"],
            ],
        }
    )
    truth.attrs.update(conditions=["LARGE", "RURAL", "HIGH"], outcome="FIN", consistency_threshold=0.8, n=5)
    names = {"LARGE": "large (50,000+)", "RURAL": "rural (urbanisation 4-5)", "HIGH": "social assistance above NL"}
    fig = association_charts.plot_truth_table(truth, names, language="en")
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert len(boxes) == 3
    gaps = [right.x0 - left.x1 for left, right in zip(boxes, boxes[1:], strict=False)]
    assert min(gaps) >= 10, gaps  # pixels of white between two headers


def test_maps_are_drawn_once_when_saved_not_after_every_layer(ring, monkeypatch):
    """geopandas redraws a figure whose canvas can render after every layer it plots; a map that
    gets its Agg canvas before its layers was rendered four to six times before its PNG was written
    (then 40 % of a report's time)."""
    from analysis.viz import peer_maps

    renders = []
    original = FigureCanvasAgg.draw

    def counted_draw(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        renders.append(1)  # only draws that finish: fetching a renderer starts one and stops it at once
        return result

    monkeypatch.setattr(FigureCanvasAgg, "draw", counted_draw)
    figures = [
        maps.plot_location(ring, "GM0001"),
        maps.plot_cases(ring, ["GM0001", "GM0002"], focus="GM0001"),
        peer_maps.plot_peer_map(ring, "GM0001", ["GM0002", "GM0003"]),
        _ring_region_map(ring),
    ]
    assert renders == []
    for fig in figures:
        style.figure_png(fig)
    assert len(renders) == len(figures)  # once each, for the PNG
