"""Maps in RD New (EPSG:28992): where a municipality lies, its neighbours, the twenty cases.

All functions expect the processed municipal layer (``geography.load_municipalities``) in
EPSG:28992 and return a ``Figure`` with the axes in metres, hidden.
"""

from __future__ import annotations

import geopandas as gpd
import matplotlib.patheffects as path_effects
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis.core.format import Language
from analysis.geo.regions import neighbours
from analysis.narrative import say
from analysis.viz import backdrop, style
from analysis.viz.labels import MapLabel, place_labels
from analysis.viz.polygons import country_tolerance, display_tolerance, draw_country, draw_outlines

#: Widths of the locator's panels (1 : 1.7 of the 10-inch figure): upper bounds for the simplification.
COUNTRY_PANEL_WIDTH_IN = 10 / 2.7
DETAIL_PANEL_WIDTH_IN = 10 * 1.7 / 2.7


#: A white outline keeps a name legible on any fill.
_HALO = {"path_effects": [path_effects.withStroke(linewidth=2, foreground="white")]}


def _check_crs(municipalities: gpd.GeoDataFrame) -> None:
    if municipalities.crs is None or municipalities.crs.to_epsg() != 28992:
        raise ValueError(f"maps expect EPSG:28992, got {municipalities.crs}")


def plot_location(municipalities: gpd.GeoDataFrame, gm_code: str, *, language: Language = "nl") -> Figure:
    """Two panels: the Netherlands with the municipality and the detail's frame; its neighbours, named.

    One figure rather than two: the locator explains the detail map, and one layout pass and one
    PNG per report instead of two is a noticeable share of the time for 388 reports. The names on
    the detail map are placed so that they do not overlap (:mod:`analysis.viz.labels`): the
    municipality first, then its neighbours from the largest to the smallest.
    """
    _check_crs(municipalities)
    fig = _location_panels(municipalities, language)
    _location_marks(fig, municipalities, gm_code, language)
    return fig


def location_png(municipalities: gpd.GeoDataFrame, gm_code: str, *, language: Language = "nl") -> style.Rendered:
    """The PNG of :func:`plot_location`, drawn over the country panel made once per process.

    The country's 388 outlines, the footer and the layout are the same on every report; each report
    draws its municipality and the detail's frame on the country, the titles, and the whole detail
    panel over them (:class:`analysis.viz.backdrop.Backdrop`): the same picture as the whole figure.
    """
    _check_crs(municipalities)

    def build() -> backdrop.Backdrop:
        fig = _location_panels(municipalities, language)
        country, detail = fig.axes
        return backdrop.Backdrop(fig, overlay=[country.title, detail])

    drawing = backdrop.cached(_BACKDROPS, (backdrop.Identity(municipalities.geometry), language), build)
    return drawing.render(lambda fig: _location_marks(fig, municipalities, gm_code, language))


_BACKDROPS: dict[tuple, backdrop.Backdrop] = {}


def _location_panels(municipalities: gpd.GeoDataFrame, language: Language) -> Figure:
    """The country in grey beside an empty detail panel, with one-line titles and the footer, laid out for good.

    The detail panel fills its cell while the layout is made, so its room holds any municipality's
    detail map (narrower or flatter ones are centred in it) with its title above.
    """
    fig = Figure(figsize=(10, 4.8), layout="constrained")
    country, detail = fig.subplots(1, 2, width_ratios=[1, 1.7])
    draw_country(country, municipalities, style.BACKGROUND, COUNTRY_PANEL_WIDTH_IN)
    style.map_axes(country)
    style.map_axes(detail)
    country.set_title(say("chart.location.country_title", language, name=""))
    detail.set_title(say("chart.location.detail_title", language, name="", count=0))
    # The locator's title sits lower than the detail's (the country is taller than wide); both
    # titles keep a margin from the top edge.
    fig.get_layout_engine().set(h_pad=0.12)
    style.add_source(fig, say("chart.source.boundaries", language))
    style.fix_layout(fig)
    return fig


def _location_marks(fig: Figure, municipalities: gpd.GeoDataFrame, gm_code: str, language: Language) -> list:
    """The municipality and the frame on the country, the detail map; what to draw, in order."""
    country, detail = fig.axes
    near = neighbours(municipalities, gm_code)
    focus = municipalities[municipalities["gm_code"] == gm_code]
    name = focus["gm_name"].iloc[0]
    shown = gpd.GeoDataFrame(gpd.pd.concat([focus, near]), crs=municipalities.crs)
    xmin, ymin, xmax, ymax = shown.total_bounds
    pad = 0.05 * max(xmax - xmin, ymax - ymin)
    frame = (xmin - pad, ymin - pad, xmax + pad, ymax + pad)

    highlight = draw_outlines(
        country,
        focus.geometry,
        color=style.MUNICIPALITY,
        edgecolor=style.MUNICIPALITY,
        linewidth=0.6,
        tolerance_m=country_tolerance(municipalities, COUNTRY_PANEL_WIDTH_IN),
    )
    box = country.add_patch(
        Rectangle(frame[:2], frame[2] - frame[0], frame[3] - frame[1], fill=False, edgecolor=style.LABEL, linewidth=0.8)
    )
    country.title.set_text(say("chart.location.country_title", language, name=name))

    detail_tolerance = display_tolerance(frame[2] - frame[0], DETAIL_PANEL_WIDTH_IN)
    in_view = municipalities.cx[frame[0] : frame[2], frame[1] : frame[3]]
    for layer, colour, width in (
        (in_view, style.CONTEXT, 0.5),
        (near, style.BACKGROUND, 0.8),
        (focus, style.MUNICIPALITY, 0.8),
    ):
        draw_outlines(
            detail, layer.geometry, color=colour, edgecolor="white", linewidth=width, tolerance_m=detail_tolerance
        )
    detail.set_xlim(frame[0], frame[2])
    detail.set_ylim(frame[1], frame[3])
    detail.apply_aspect()  # the labels are measured in the detail's final box
    detail.title.set_text(say("chart.location.detail_title", language, name=name, count=len(near)))
    renderer = fig.canvas.get_renderer()
    for panel in (country, detail):
        style.fit_title(panel, renderer)
    labels = [_label(row, row.gm_code == gm_code) for row in _by_importance(shown, gm_code).itertuples()]
    place_labels(detail, labels, renderer)
    return [highlight, box, country.title, detail]


def _by_importance(shown: gpd.GeoDataFrame, gm_code: str) -> gpd.GeoDataFrame:
    """The focus first, then the others from the largest area to the smallest."""
    order = shown.assign(is_focus=shown["gm_code"] == gm_code, area_m2=shown.geometry.area)
    return order.sort_values(["is_focus", "area_m2"], ascending=[False, False])


def _label(row: object, is_focus: bool) -> MapLabel:
    point = row.geometry.representative_point()
    props = {
        "fontsize": 9 if is_focus else 7,
        "fontweight": "bold" if is_focus else "normal",
        "color": "white" if is_focus else style.LABEL,
    }
    return MapLabel(row.gm_name, point.x, point.y, props)


def plot_cases(
    municipalities: gpd.GeoDataFrame, case_codes: list[str], focus: str | None = None, *, language: Language = "nl"
) -> Figure:
    """The Netherlands with the twenty cases marked and named (the annex's selection map)."""
    _check_crs(municipalities)
    fig = Figure(figsize=(7.5, 8.5), layout="constrained")
    ax = fig.subplots()
    tolerance = country_tolerance(municipalities, 7.5)
    draw_country(ax, municipalities, style.CONTEXT, 7.5)
    cases = municipalities[municipalities["gm_code"].isin(case_codes)]
    draw_outlines(ax, cases.geometry, color=style.TWENTY, edgecolor="#555555", linewidth=0.4, tolerance_m=tolerance)
    if focus is not None:
        draw_outlines(
            ax,
            municipalities.loc[municipalities["gm_code"] == focus].geometry,
            color=style.MUNICIPALITY,
            edgecolor="black",
            linewidth=0.6,
            tolerance_m=tolerance,
        )
    style.map_axes(ax)
    ax.set_title(say("chart.cases.title", language, count=len(cases)))
    style.add_source(fig, say("chart.source.boundaries", language))
    renderer = style.fix_layout(fig)
    labels = []
    for row in cases.itertuples():
        point = row.geometry.representative_point()
        labels.append(MapLabel(row.gm_name, point.x, point.y, {"fontsize": 7.5, "color": style.LABEL, **_HALO}))
    place_labels(ax, labels, renderer)
    return fig
