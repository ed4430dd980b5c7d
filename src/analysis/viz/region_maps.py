"""Maps of one cooperation region with its member municipalities (matplotlib + geopandas)."""

from __future__ import annotations

import geopandas as gpd
import matplotlib.patheffects as path_effects
import pandas as pd
from matplotlib.figure import Figure

from analysis.geo.regions import dissolve_regions, region_type

CAPTION = "Bron: CBS, Kadaster — Wijk- en buurtkaart 2017; CBS Gebiedsindelingen 2017"
FOCUS_COLOUR = "#d95f02"
MEMBER_COLOUR = "#c6dbef"
CONTEXT_COLOUR = "#f0f0f0"


def _scale_bar_length_m(width_m: float) -> float:
    """A round length of roughly a fifth of the map width."""
    target = width_m / 5
    for length in (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000):
        if length >= target:
            return float(length)
    return 200_000.0


def _thousands(number: float) -> str:
    return f"{int(number):,}".replace(",", ".")


def plot_region(
    municipalities: gpd.GeoDataFrame,
    memberships: pd.DataFrame,
    gm_code: str,
    region_type_name: str,
    width_in: float = 7.0,
    outlines: gpd.GeoDataFrame | None = None,
) -> Figure:
    """Map the region of one type that ``gm_code`` belongs to, its members and the focus.

    The region outline is dissolved from the municipal outlines; members are labelled (small
    type, white halo), non-members in view are drawn in light grey without labels. North is up;
    a scale bar replaces the coordinate axes.

    Args:
        municipalities: ``gm_code``, ``gm_name``, ``population_count`` and outlines in
            EPSG:28992 (metres; required for the scale bar).
        memberships: frame of ``regions.load_memberships()``.
        gm_code: the municipality to highlight.
        region_type_name: key (``youth_care_region``), prefix (``JZ``) or Dutch name.
        width_in: figure width in inches; the height follows the region's shape.
        outlines: the dissolved regions of this type (``regions.dissolve_regions``), when the
            caller has them already; dissolving all regions again costs about a second.
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
    context.plot(ax=ax, color=CONTEXT_COLOUR, edgecolor="white", linewidth=0.4)
    members.plot(ax=ax, color=MEMBER_COLOUR, edgecolor="white", linewidth=0.6)
    focus.plot(ax=ax, color=FOCUS_COLOUR, edgecolor="white", linewidth=0.6)
    gpd.GeoSeries([region.geometry], crs=municipalities.crs).boundary.plot(ax=ax, color="#08306b", linewidth=1.4)
    halo = [path_effects.withStroke(linewidth=2, foreground="white")]
    # Label points inside each outline: centroids of crescent-shaped municipalities fall outside.
    for _, row in members.sort_values("gm_name").iterrows():
        point = row.geometry.representative_point()
        is_focus = row["gm_code"] == gm_code
        ax.annotate(
            row["gm_name"],
            (point.x, point.y),
            ha="center",
            va="center",
            fontsize=7 if is_focus else 6,
            fontweight="bold" if is_focus else "normal",
            path_effects=halo,
        )
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect("equal")
    ax.set_axis_off()

    length = _scale_bar_length_m(view[2] - view[0])
    x0 = view[0] + 0.04 * (view[2] - view[0])
    y0 = view[1] + 0.04 * (view[3] - view[1])
    ax.plot([x0, x0 + length], [y0, y0], color="black", linewidth=2.5, solid_capstyle="butt")
    ax.annotate(
        f"{length / 1000:g} km",
        (x0 + length / 2, y0),
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=7,
    )
    ax.annotate(
        "N",
        xy=(0.96, 0.96),
        xytext=(0.96, 0.88),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=8,
        arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 0.8},
    )

    inhabitants = region["population_count"]
    count = region["number_of_municipalities"]
    focus_name = focus["gm_name"].iloc[0]
    ax.set_title(
        f"{rt.name_nl.capitalize()} {region['region_name']} ({region_code})\n"
        f"{_thousands(inhabitants)} inwoners (1 januari 2017), {count} gemeenten; "
        f"uitgelicht: {focus_name}",
        fontsize=10,
    )
    fig.text(0.01, 0.005, CAPTION, fontsize=6.5, color="#444444", ha="left", va="bottom")
    return fig
