"""House style and the non-map charts: the municipality against its peers, the cases among all.

Every function returns a ``matplotlib.figure.Figure`` and draws nothing on screen itself, so the
same call serves a notebook, a test and a saved PNG.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

from analysis.geo.indicators import KEY_FIGURES, PROFILE_FIGURES
from analysis.viz import style

FOCUS = style.MUNICIPALITY
CASES = style.TWENTY
PEERS = style.PEERS
NATION = style.NETHERLANDS
BACKGROUND = style.BACKGROUND
apply_style = style.apply_style
add_source = style.add_source


def plot_profile_against_peers(comparison: pd.DataFrame, name: str) -> Figure:
    """Grouped horizontal bars of the share figures: municipality, NL, same stedelijkheid, twenty.

    Args:
        comparison: output of ``indicators.compare_key_figures``.
        name: the municipality's name, for the legend.
    """
    labels = {figure.column: figure.label for figure in KEY_FIGURES}
    rows = comparison.loc[list(PROFILE_FIGURES)]
    series = [
        ("municipality", name, FOCUS),
        ("netherlands", "Nederland", NATION),
        ("same_stedelijkheid_median", "mediaan zelfde stedelijkheid", PEERS),
        ("cases_median", "mediaan de twintig", CASES),
    ]
    fig = Figure(figsize=(8, 6.2), layout="constrained")
    ax = fig.subplots()
    positions = np.arange(len(rows))
    height = 0.2
    for offset, (column, label, colour) in enumerate(series):
        values = rows[column].astype(float).to_numpy()
        ax.barh(positions + (offset - 1.5) * height, values, height=height, color=colour, label=label)
    ax.set_yticks(positions, [labels[c] for c in rows.index])
    ax.invert_yaxis()
    ax.set_xlabel("% van inwoners (leeftijd, migratieachtergrond) of van huishoudens")
    ax.set_title(f"{name} naast vergelijkingsgroepen, 1 januari 2017")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    add_source(fig, "Bron: CBS, Kadaster — Wijk- en buurtkaart 2017. Groepen: mediaan van de gemeenten.")
    return fig


def plot_size_density(
    municipalities: pd.DataFrame, case_codes: list[str], focus: str | None = None, label_cases: bool = True
) -> Figure:
    """Inhabitants against density for all municipalities (log-log), the twenty and a focus marked."""
    fig = Figure(figsize=(8, 5.6), layout="constrained")
    ax = fig.subplots()
    is_case = municipalities["gm_code"].isin(case_codes)
    others = municipalities[~is_case]
    cases = municipalities[is_case]
    ax.scatter(
        others["population_count"],
        others["density_per_km2"],
        s=12,
        color=BACKGROUND,
        edgecolor="#bbbbbb",
        linewidth=0.4,
        label=f"overige gemeenten ({len(others)})",
    )
    ax.scatter(
        cases["population_count"],
        cases["density_per_km2"],
        s=30,
        color=CASES,
        edgecolor="black",
        linewidth=0.5,
        label=f"de twintig ({len(cases)})",
        zorder=3,
    )
    if label_cases:
        for row in cases.itertuples():
            ax.annotate(
                row.gm_name,
                (row.population_count, row.density_per_km2),
                fontsize=7,
                xytext=(4, 2),
                textcoords="offset points",
            )
    if focus is not None:
        row = municipalities.set_index("gm_code").loc[focus]
        ax.scatter(
            [row["population_count"]],
            [row["density_per_km2"]],
            s=90,
            color=FOCUS,
            edgecolor="black",
            linewidth=0.8,
            zorder=4,
            label=row["gm_name"],
        )
    ax.axvline(100_000, color="#999999", linestyle="--", linewidth=0.8)
    ax.text(
        100_000,
        0.01,
        " 100.000 inwoners",
        transform=ax.get_xaxis_transform(),
        fontsize=7,
        color="#666666",
        va="bottom",
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    # Plain Dutch numbers instead of 10^n read better and avoid mathtext layout; no minor ticks.
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}".replace(",", ".")))
        axis.set_minor_locator(NullLocator())
    ax.set_xlabel("inwoners op 1 januari 2017 (log-schaal)")
    ax.set_ylabel("inwoners per km² land (log-schaal)")
    ax.set_title("Omvang en dichtheid van alle gemeenten van 2017")
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    add_source(fig, "Bron: CBS, Kadaster — Wijk- en buurtkaart 2017.")
    return fig
