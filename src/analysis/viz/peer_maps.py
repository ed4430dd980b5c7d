"""The map of a municipality and its structurally similar municipalities (EPSG:28992).

Structural peers (:mod:`analysis.geo.peers`) are chosen on characteristics, not on distance, so
they lie anywhere in the country: the map shows the whole of the Netherlands with the
municipality in :data:`analysis.viz.style.MUNICIPALITY` and its peers in
:data:`analysis.viz.style.SIMILAR`, each named.
"""

from __future__ import annotations

import geopandas as gpd
import matplotlib.patheffects as path_effects
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.core.format import Language
from analysis.narrative import say
from analysis.viz import backdrop, style
from analysis.viz.labels import MapLabel, place_labels
from analysis.viz.polygons import country_tolerance, draw_country, draw_outlines

#: Inches: the map's width, an upper bound for the simplification of its outlines.
FIGURE_WIDTH_IN = 6.4

#: A white outline keeps a name legible on any fill.
_HALO = [path_effects.withStroke(linewidth=2.2, foreground="white")]


def plot_peer_map(
    municipalities: gpd.GeoDataFrame,
    gm_code: str,
    peer_codes: list[str],
    *,
    language: Language = "nl",
) -> Figure:
    """The Netherlands with the municipality and its structurally similar municipalities, named.

    Args:
        municipalities: the municipalities of 1 January 2017 (``gm_code``, ``gm_name``, outlines)
            in EPSG:28992.
        gm_code: the municipality the report is about.
        peer_codes: its structural peers, nearest first (codes absent from ``municipalities`` are
            not drawn).
        language: ``nl`` or ``en``.

    Returns:
        A figure with one map; axes in metres, hidden.

    Raises:
        ValueError: the outlines are not in EPSG:28992, or ``gm_code`` is not among them.
    """
    _check(municipalities, gm_code)
    fig = _country(municipalities, language)
    _peer_marks(fig, municipalities, gm_code, peer_codes, language)
    return fig


def peer_map_png(
    municipalities: gpd.GeoDataFrame, gm_code: str, peer_codes: list[str], *, language: Language = "nl"
) -> style.Rendered:
    """The PNG of :func:`plot_peer_map`, drawn over the country made once per process.

    The 388 outlines, the footer and the layout are the same on every report; each report draws its
    peers, itself, their names, the title and the legend over them
    (:class:`analysis.viz.backdrop.Backdrop`): the same picture as the whole figure.
    """
    _check(municipalities, gm_code)
    key = (backdrop.Identity(municipalities.geometry), language)

    def build() -> backdrop.Backdrop:
        fig = _country(municipalities, language)
        return backdrop.Backdrop(fig, overlay=[fig.axes[0].title])

    drawing = backdrop.cached(_BACKDROPS, key, build)
    return drawing.render(lambda fig: _peer_marks(fig, municipalities, gm_code, peer_codes, language))


_BACKDROPS: dict[tuple, backdrop.Backdrop] = {}


def _check(municipalities: gpd.GeoDataFrame, gm_code: str) -> None:
    if municipalities.crs is None or municipalities.crs.to_epsg() != 28992:
        raise ValueError(f"maps expect EPSG:28992, got {municipalities.crs}")
    if not (municipalities["gm_code"] == gm_code).any():
        raise ValueError(f"{gm_code} is not among the municipalities to map")


def _country(municipalities: gpd.GeoDataFrame, language: Language) -> Figure:
    """Every municipality in the context grey, the footer and a one-line title, laid out for good."""
    fig = Figure(figsize=(FIGURE_WIDTH_IN, 7.6), layout="constrained")  # the country is taller than wide
    ax = fig.subplots()
    draw_country(ax, municipalities, style.CONTEXT, FIGURE_WIDTH_IN)
    style.map_axes(ax)
    ax.set_title(say("municipal.similar.map_title", language, name="", count=0))  # one line, as every title
    style.add_source(fig, say("chart.source.boundaries", language))
    style.fix_layout(fig)
    return fig


def _peer_marks(
    fig: Figure, municipalities: gpd.GeoDataFrame, gm_code: str, peer_codes: list[str], language: Language
) -> list[Artist]:
    """The peers, the municipality, their names, the title and the legend, in drawing order."""
    ax = fig.axes[0]
    focus = municipalities[municipalities["gm_code"] == gm_code]
    name = str(focus["gm_name"].iloc[0])
    peers = municipalities[municipalities["gm_code"].isin(peer_codes) & (municipalities["gm_code"] != gm_code)]
    tolerance = country_tolerance(municipalities, FIGURE_WIDTH_IN)
    layers = [
        draw_outlines(ax, layer.geometry, color=colour, edgecolor="white", linewidth=0.4, tolerance_m=tolerance)
        for layer, colour in ((peers, style.SIMILAR), (focus, style.MUNICIPALITY))
    ]
    ax.title.set_text(say("municipal.similar.map_title", language, name=name, count=len(peers)))
    legend = ax.legend(
        handles=[
            Patch(color=style.MUNICIPALITY, label=name),
            Patch(color=style.SIMILAR, label=say("municipal.similar.group", language)),
        ],
        loc="upper left",
        fontsize=8,
        frameon=False,
    )
    # The municipality first, so that its name is never the one displaced by a peer's.
    labels = [_label(row, is_focus=True) for row in focus.itertuples()]
    order = {code: rank for rank, code in enumerate(peer_codes)}
    for row in sorted(peers.itertuples(), key=lambda r: order.get(r.gm_code, len(order))):
        labels.append(_label(row, is_focus=False))
    renderer = fig.canvas.get_renderer()
    style.fit_title(ax, renderer)
    placed = place_labels(ax, labels, renderer)
    return [*layers, *placed, ax.title, legend]


def _label(row: object, *, is_focus: bool) -> MapLabel:
    """A name on the map at a point inside the municipality."""
    point = row.geometry.representative_point()
    props = {
        "fontsize": 8.5 if is_focus else 7.5,
        "fontweight": "bold" if is_focus else "normal",
        "color": style.MUNICIPALITY if is_focus else style.LABEL,
        "path_effects": _HALO,
    }
    return MapLabel(row.gm_name, point.x, point.y, props)
