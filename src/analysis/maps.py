"""Maps in RD New (EPSG:28992): where a municipality lies, its neighbours, the twenty cases.

All functions expect the processed municipal layer (``geography.load_municipalities``) in
EPSG:28992 and return a ``Figure`` with the axes in metres, hidden.
"""

from __future__ import annotations

import geopandas as gpd
from matplotlib.figure import Figure

from analysis.charts import BACKGROUND, CASES, FOCUS, add_source
from analysis.regions import neighbours

SOURCE = "Bron: CBS, Kadaster — Wijk- en buurtkaart 2017 (gemeentegrenzen 1 januari 2017)."


def _check_crs(municipalities: gpd.GeoDataFrame) -> None:
    if municipalities.crs is None or municipalities.crs.to_epsg() != 28992:
        raise ValueError(f"maps expect EPSG:28992, got {municipalities.crs}")


def plot_location(municipalities: gpd.GeoDataFrame, gm_code: str) -> Figure:
    """The Netherlands with the municipality in colour; small, as a locator beside the detail map."""
    _check_crs(municipalities)
    fig = Figure(figsize=(4.2, 4.8), layout="constrained")
    ax = fig.subplots()
    municipalities.plot(ax=ax, color=BACKGROUND, edgecolor="white", linewidth=0.2)
    focus = municipalities[municipalities["gm_code"] == gm_code]
    focus.plot(ax=ax, color=FOCUS, edgecolor=FOCUS, linewidth=0.6)
    ax.set_axis_off()
    ax.set_title(f"{focus['gm_name'].iloc[0]} in Nederland")
    add_source(fig, "Bron: CBS, Kadaster — Wijk- en buurtkaart 2017.")
    return fig


def plot_neighbours(municipalities: gpd.GeoDataFrame, gm_code: str) -> Figure:
    """The municipality and its neighbours, each named."""
    near = neighbours(municipalities, gm_code)
    focus = municipalities[municipalities["gm_code"] == gm_code]
    shown = gpd.GeoDataFrame(gpd.pd.concat([focus, near]), crs=municipalities.crs)
    fig = Figure(figsize=(7, 6), layout="constrained")
    ax = fig.subplots()
    xmin, ymin, xmax, ymax = shown.total_bounds
    pad = 0.05 * max(xmax - xmin, ymax - ymin)
    municipalities.cx[xmin - pad : xmax + pad, ymin - pad : ymax + pad].plot(
        ax=ax, color="#f2f2f2", edgecolor="white", linewidth=0.5
    )
    near.plot(ax=ax, color=BACKGROUND, edgecolor="white", linewidth=0.8)
    focus.plot(ax=ax, color=FOCUS, edgecolor="white", linewidth=0.8)
    for row in shown.itertuples():
        point = row.geometry.representative_point()
        is_focus = row.gm_code == gm_code
        ax.annotate(
            row.gm_name,
            (point.x, point.y),
            ha="center",
            va="center",
            fontsize=9 if is_focus else 7,
            fontweight="bold" if is_focus else "normal",
            color="white" if is_focus else "#333333",
        )
    ax.set_xlim(xmin - pad, xmax + pad)
    ax.set_ylim(ymin - pad, ymax + pad)
    ax.set_axis_off()
    ax.set_title(f"{focus['gm_name'].iloc[0]} en de {len(near)} buurgemeenten")
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
