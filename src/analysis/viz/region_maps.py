"""Maps of one cooperation region with its member municipalities (matplotlib + geopandas)."""

from __future__ import annotations

import geopandas as gpd
import matplotlib.patheffects as path_effects
import pandas as pd
from matplotlib.figure import Figure

from analysis.core.format import Language, format_number
from analysis.geo.regions import dissolve_regions, region_type
from analysis.narrative import say
from analysis.viz import style
from analysis.viz.labels import MapLabel, place_labels
from analysis.viz.polygons import display_tolerance, draw_outlines

#: The region's outline: a dark shade of the members' blue.
OUTLINE_COLOUR = "#08306b"


def _scale_bar_length_m(width_m: float) -> float:
    """A round length of roughly a fifth of the map width."""
    target = width_m / 5
    for length in (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000):
        if length >= target:
            return float(length)
    return 200_000.0


def plot_region(
    municipalities: gpd.GeoDataFrame,
    memberships: pd.DataFrame,
    gm_code: str,
    region_type_name: str,
    width_in: float = 7.0,
    outlines: gpd.GeoDataFrame | None = None,
    *,
    language: Language = "nl",
) -> Figure:
    """Map the region of one type that ``gm_code`` belongs to, its members and the focus.

    The region outline is dissolved from the municipal outlines; members are labelled (small
    type, white halo), non-members in view are drawn in light grey without labels. North is up;
    a scale bar replaces the coordinate axes. Labels are placed so that they do not overlap
    (:mod:`analysis.viz.labels`): the focus first, then the members from largest to smallest.

    Args:
        municipalities: ``gm_code``, ``gm_name``, ``population_count`` and outlines in
            EPSG:28992 (metres; required for the scale bar).
        memberships: frame of ``regions.load_memberships()``.
        gm_code: the municipality to highlight.
        region_type_name: key (``youth_care_region``), prefix (``JZ``) or Dutch name.
        width_in: figure width in inches; the height follows the region's shape.
        outlines: the dissolved regions of this type (``regions.dissolve_regions``), when the
            caller has them already; dissolving all regions again costs about a second.
        language: ``nl`` or ``en``.
    """
    if municipalities.crs is None or municipalities.crs.to_epsg() != 28992:
        raise ValueError(f"plot_region needs EPSG:28992, got {municipalities.crs}")
    rt = region_type(region_type_name)
    focus_row = memberships.loc[memberships["gm_code"] == gm_code]
    if len(focus_row) != 1:
        raise KeyError(f"{gm_code} has no (unique) region membership")
    region_code = focus_row[f"{rt.key}_code"].iloc[0]
    regions = dissolve_regions(municipalities, memberships, rt.key) if outlines is None else outlines
    region = regions[regions["region_code"] == region_code].iloc[0]
    member_codes = memberships.loc[memberships[f"{rt.key}_code"] == region_code, "gm_code"]
    members = municipalities[municipalities["gm_code"].isin(member_codes)]
    focus = municipalities[municipalities["gm_code"] == gm_code]

    minx, miny, maxx, maxy = region.geometry.bounds
    margin = 0.08 * max(maxx - minx, maxy - miny)
    view = (minx - margin, miny - margin, maxx + margin, maxy + margin)

    aspect = (view[3] - view[1]) / (view[2] - view[0])
    # Title and caption need about an inch; very tall or flat regions are clamped.
    height_in = min(max(width_in * aspect, 0.6 * width_in), 1.5 * width_in) + 1.0
    fig = Figure(figsize=(width_in, height_in), layout="constrained")
    ax = fig.add_subplot()
    context = municipalities.cx[view[0] : view[2], view[1] : view[3]]
    tolerance = display_tolerance(view[2] - view[0], width_in)
    for layer, colour, width in (
        (context, style.CONTEXT, 0.4),
        (members, style.REGION, 0.6),
        (focus, style.MUNICIPALITY, 0.6),
    ):
        draw_outlines(ax, layer.geometry, color=colour, edgecolor="white", linewidth=width, tolerance_m=tolerance)
    draw_outlines(ax, [region.geometry], color=OUTLINE_COLOUR, linewidth=1.4, tolerance_m=tolerance, fill=False)
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect("equal")
    style.map_axes(ax)

    length = _scale_bar_length_m(view[2] - view[0])
    x0 = view[0] + 0.04 * (view[2] - view[0])
    y0 = view[1] + 0.04 * (view[3] - view[1])
    ax.plot([x0, x0 + length], [y0, y0], color="black", linewidth=2.5, solid_capstyle="butt")
    ax.annotate(
        say("chart.region.scale", language, length=format_number(length / 1000, 0, language)),
        (x0 + length / 2, y0),
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=7,
    )
    ax.annotate(
        say("chart.region.north", language),
        xy=(0.96, 0.96),
        xytext=(0.96, 0.88),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=8,
        arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 0.8},
    )

    type_name = rt.name_en if language == "en" else rt.name_nl
    ax.set_title(
        say(
            "chart.region.title",
            language,
            region_type=type_name[:1].upper() + type_name[1:],
            region_name=region["region_name"],
            region_code=region_code,
            inhabitants=format_number(region["population_count"], 0, language),
            count=region["municipalities_count"],
            focus=focus["gm_name"].iloc[0],
        ),
        fontsize=10,
    )
    style.add_source(fig, say("chart.source.regions", language))

    renderer = style.fix_layout(fig)
    halo = [path_effects.withStroke(linewidth=2, foreground="white")]
    # Label points inside each outline: centroids of crescent-shaped municipalities fall outside.
    ordered = members.assign(is_focus=members["gm_code"] == gm_code, area_m2=members.geometry.area).sort_values(
        ["is_focus", "area_m2"], ascending=[False, False]
    )
    labels = []
    for row in ordered.itertuples():
        point = row.geometry.representative_point()
        props = {
            "fontsize": 7 if row.is_focus else 6,
            "fontweight": "bold" if row.is_focus else "normal",
            "path_effects": halo,
        }
        labels.append(MapLabel(row.gm_name, point.x, point.y, props))
    place_labels(ax, labels, renderer)
    return fig
