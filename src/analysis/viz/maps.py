"""Maps in RD New (EPSG:28992): where a municipality lies, its neighbours, the twenty cases.

All functions expect the processed municipal layer (``geography.load_municipalities``) in
EPSG:28992 and return a ``Figure`` with the axes in metres, hidden.
"""

from __future__ import annotations

import geopandas as gpd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis.geo.regions import neighbours
from analysis.viz.charts import BACKGROUND, CASES, FOCUS, add_source

SOURCE = "Bron: CBS, Kadaster — Wijk- en buurtkaart 2017 (gemeentegrenzen 1 januari 2017)."


def _check_crs(municipalities: gpd.GeoDataFrame) -> None:
    if municipalities.crs is None or municipalities.crs.to_epsg() != 28992:
        raise ValueError(f"maps expect EPSG:28992, got {municipalities.crs}")


def plot_location(municipalities: gpd.GeoDataFrame, gm_code: str) -> Figure:
    """Two panels: the Netherlands with the municipality and the detail's frame; its neighbours, named.

    One figure rather than two: the locator explains the detail map, and one layout pass and one
    PNG per report instead of two is a noticeable share of the time for 388 reports.
    """
    _check_crs(municipalities)
    near = neighbours(municipalities, gm_code)
    focus = municipalities[municipalities["gm_code"] == gm_code]
    name = focus["gm_name"].iloc[0]
    shown = gpd.GeoDataFrame(gpd.pd.concat([focus, near]), crs=municipalities.crs)
    xmin, ymin, xmax, ymax = shown.total_bounds
    pad = 0.05 * max(xmax - xmin, ymax - ymin)
    frame = (xmin - pad, ymin - pad, xmax + pad, ymax + pad)

    fig = Figure(figsize=(10, 4.8), layout="constrained")
    country, detail = fig.subplots(1, 2, width_ratios=[1, 1.7])
    municipalities.plot(ax=country, color=BACKGROUND, edgecolor="white", linewidth=0.2)
    focus.plot(ax=country, color=FOCUS, edgecolor=FOCUS, linewidth=0.6)
    country.add_patch(
        Rectangle(frame[:2], frame[2] - frame[0], frame[3] - frame[1], fill=False, edgecolor="#333333", linewidth=0.8)
    )
    country.set_axis_off()
    country.set_title(f"{name} in Nederland")

    municipalities.cx[frame[0] : frame[2], frame[1] : frame[3]].plot(
        ax=detail, color="#f2f2f2", edgecolor="white", linewidth=0.5
    )
    near.plot(ax=detail, color=BACKGROUND, edgecolor="white", linewidth=0.8)
    focus.plot(ax=detail, color=FOCUS, edgecolor="white", linewidth=0.8)
    for row in shown.itertuples():
        point = row.geometry.representative_point()
        is_focus = row.gm_code == gm_code
        detail.annotate(
            row.gm_name,
            (point.x, point.y),
            ha="center",
            va="center",
            fontsize=9 if is_focus else 7,
            fontweight="bold" if is_focus else "normal",
            color="white" if is_focus else "#333333",
        )
    detail.set_xlim(frame[0], frame[2])
    detail.set_ylim(frame[1], frame[3])
    detail.set_axis_off()
    detail.set_title(f"{name} en de {len(near)} buurgemeenten")
    add_source(fig, SOURCE)
    return fig


def plot_cases(municipalities: gpd.GeoDataFrame, case_codes: list[str], focus: str | None = None) -> Figure:
    """The Netherlands with the twenty cases marked and named (the annex's selection map)."""
    _check_crs(municipalities)
    fig = Figure(figsize=(7.5, 8.5), layout="constrained")
    ax = fig.subplots()
    municipalities.plot(ax=ax, color="#eeeeee", edgecolor="white", linewidth=0.2)
    cases = municipalities[municipalities["gm_code"].isin(case_codes)]
    cases.plot(ax=ax, color=CASES, edgecolor="#555555", linewidth=0.4)
    if focus is not None:
        municipalities[municipalities["gm_code"] == focus].plot(ax=ax, color=FOCUS, edgecolor="black", linewidth=0.6)
    for row in cases.itertuples():
        point = row.geometry.representative_point()
        ax.annotate(
            row.gm_name,
            (point.x, point.y),
            xytext=(5, 3),
            textcoords="offset points",
            fontsize=7.5,
            color="#222222",
        )
    ax.set_axis_off()
    ax.set_title(f"De {len(cases)} gemeenten van 'Gemeenten in 3D' (grenzen 1 januari 2017)")
    add_source(fig, SOURCE)
    return fig
