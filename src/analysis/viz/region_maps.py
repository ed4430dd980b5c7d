"""Maps of one cooperation region with its member municipalities (matplotlib + geopandas)."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import matplotlib.patheffects as path_effects
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from analysis.core.format import Language, format_number
from analysis.geo.regions import RegionType, dissolve_regions, region_type
from analysis.narrative import say
from analysis.viz import backdrop, style
from analysis.viz.labels import MapLabel, place_labels
from analysis.viz.polygons import display_tolerance, draw_outlines

#: The region's outline: a dark shade of the members' blue.
OUTLINE_COLOUR = "#08306b"
#: Over every municipality's fill (zorder 1), under the scale bar (2): the highlighted municipality,
#: drawn after the outline, must not cover it.
OUTLINE_ZORDER = 1.5
#: Points of the two-line title (smaller for a name that would not fit: ``style.fit_title``).
TITLE_FONTSIZE = 10.0


def _scale_bar_length_m(width_m: float) -> float:
    """A round length of roughly a fifth of the map width."""
    target = width_m / 5
    for length in (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000):
        if length >= target:
            return float(length)
    return 200_000.0


@dataclass
class _RegionScene:
    """One region's map without its highlighted municipality, labels and title text.

    ``overlay`` (the region's outline, the scale bar, the north arrow, the title) lies over the
    highlighted municipality.
    """

    figure: Figure
    overlay: tuple[Artist, ...]
    tolerance_m: float


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
    region, rt = _region_of(municipalities, memberships, gm_code, region_type_name, outlines)
    members = _members(municipalities, memberships, rt, region)
    scene = _region_scene(municipalities, members, region, width_in, language, rt)
    _region_marks(scene, municipalities, members, gm_code, region, rt, language)
    return scene.figure


def region_png(
    municipalities: gpd.GeoDataFrame,
    memberships: pd.DataFrame,
    gm_code: str,
    region_type_name: str,
    outlines: gpd.GeoDataFrame,
    *,
    language: Language = "nl",
) -> style.Rendered:
    """The PNG of :func:`plot_region`, drawn over a backdrop of the region made once per process.

    Every member of a region gets the same map but for the highlighted municipality, the order of
    the labels (its own name first) and the title naming it. The rest (the municipalities in view
    and the region's members, the footer, the layout) is drawn once per region, data and language
    (:class:`analysis.viz.backdrop.Backdrop`): the same picture as the whole figure, in about half
    its time for the second and later members a kernel renders.
    """
    region, rt = _region_of(municipalities, memberships, gm_code, region_type_name, outlines)
    members = _members(municipalities, memberships, rt, region)
    key = (
        rt.key,
        region["region_code"],
        region["region_name"],
        backdrop.Identity([region.geometry, *municipalities.geometry]),
        tuple(members["gm_code"]),
        language,
    )

    def build() -> tuple[_RegionScene, backdrop.Backdrop]:
        scene = _region_scene(municipalities, members, region, 7.0, language, rt)
        return scene, backdrop.Backdrop(scene.figure, scene.overlay)

    scene, drawing = backdrop.cached(_BACKDROPS, key, build, limit=REGION_BACKDROPS)
    return drawing.render(lambda _: _region_marks(scene, municipalities, members, gm_code, region, rt, language))


#: Region backdrops kept per kernel (a few MB each). The runner orders the reports by youth-care
#: region, so a kernel renders a region's members close together: with 8 kept, about 4 in 5 region
#: maps of a full run re-use a backdrop.
REGION_BACKDROPS = 8
_BACKDROPS: dict[tuple, tuple[_RegionScene, backdrop.Backdrop]] = {}


def _members(
    municipalities: gpd.GeoDataFrame, memberships: pd.DataFrame, rt: RegionType, region: pd.Series
) -> gpd.GeoDataFrame:
    """The region's member municipalities (their rows of ``municipalities``)."""
    codes = memberships.loc[memberships[f"{rt.key}_code"] == region["region_code"], "gm_code"]
    return municipalities[municipalities["gm_code"].isin(codes)]


def _region_of(
    municipalities: gpd.GeoDataFrame,
    memberships: pd.DataFrame,
    gm_code: str,
    region_type_name: str,
    outlines: gpd.GeoDataFrame | None,
) -> tuple[pd.Series, RegionType]:
    """The dissolved region of this type that ``gm_code`` belongs to (a row: ``region_code``, outline, ...)."""
    if municipalities.crs is None or municipalities.crs.to_epsg() != 28992:
        raise ValueError(f"plot_region needs EPSG:28992, got {municipalities.crs}")
    rt = region_type(region_type_name)
    focus_row = memberships.loc[memberships["gm_code"] == gm_code]
    if len(focus_row) != 1:
        raise KeyError(f"{gm_code} has no (unique) region membership")
    region_code = focus_row[f"{rt.key}_code"].iloc[0]
    regions = dissolve_regions(municipalities, memberships, rt.key) if outlines is None else outlines
    return regions[regions["region_code"] == region_code].iloc[0], rt


def _region_scene(
    municipalities: gpd.GeoDataFrame,
    members: gpd.GeoDataFrame,
    region: pd.Series,
    width_in: float,
    language: Language,
    rt: RegionType,
) -> _RegionScene:
    """The region's map, laid out for good, with everything that does not depend on the focus."""
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
    for layer, colour, width in ((context, style.CONTEXT, 0.4), (members, style.REGION, 0.6)):
        draw_outlines(ax, layer.geometry, color=colour, edgecolor="white", linewidth=width, tolerance_m=tolerance)
    outline = draw_outlines(
        ax, [region.geometry], color=OUTLINE_COLOUR, linewidth=1.4, tolerance_m=tolerance, fill=False
    )
    outline.set_zorder(OUTLINE_ZORDER)
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    ax.set_aspect("equal")
    style.map_axes(ax)

    length = _scale_bar_length_m(view[2] - view[0])
    x0 = view[0] + 0.04 * (view[2] - view[0])
    y0 = view[1] + 0.04 * (view[3] - view[1])
    (scale_bar,) = ax.plot([x0, x0 + length], [y0, y0], color="black", linewidth=2.5, solid_capstyle="butt")
    scale_text = ax.annotate(
        say("chart.region.scale", language, length=format_number(length / 1000, 0, language)),
        (x0 + length / 2, y0),
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=7,
    )
    north = ax.annotate(
        say("chart.region.north", language),
        xy=(0.96, 0.96),
        xytext=(0.96, 0.88),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=8,
        arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 0.8},
    )
    # Two lines whatever the focus's name: the layout fixed here keeps their room for every member.
    ax.set_title(_title(region, rt, focus_name="", language=language), fontsize=TITLE_FONTSIZE)
    style.add_source(fig, say("chart.source.regions", language))
    style.fix_layout(fig)
    return _RegionScene(fig, (outline, scale_bar, scale_text, north, ax.title), tolerance)


def _title(region: pd.Series, rt: RegionType, focus_name: str, language: Language) -> str:
    type_name = rt.name_en if language == "en" else rt.name_nl
    return say(
        "chart.region.title",
        language,
        region_type=type_name[:1].upper() + type_name[1:],
        region_name=region["region_name"],
        region_code=region["region_code"],
        inhabitants=format_number(region["population_count"], 0, language),
        count=region["municipalities_count"],
        focus=focus_name,
    )


def _region_marks(
    scene: _RegionScene,
    municipalities: gpd.GeoDataFrame,
    members: gpd.GeoDataFrame,
    gm_code: str,
    region: pd.Series,
    rt: RegionType,
    language: Language,
) -> list[Artist]:
    """The focus, its name first among the members' labels, and the title; with the overlay, in drawing order."""
    ax = scene.figure.axes[0]
    focus = municipalities[municipalities["gm_code"] == gm_code]
    highlight = draw_outlines(
        ax, focus.geometry, color=style.MUNICIPALITY, edgecolor="white", linewidth=0.6, tolerance_m=scene.tolerance_m
    )
    ax.title.set_text(_title(region, rt, focus_name=str(focus["gm_name"].iloc[0]), language=language))
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
    renderer = scene.figure.canvas.get_renderer()
    style.fit_title(ax, renderer, fontsize=TITLE_FONTSIZE)
    placed = place_labels(ax, labels, renderer)
    *under_labels, title = scene.overlay
    return [highlight, *under_labels, *placed, title]
