"""Charts of the cross-case annex beside the association charts.

Regions against the scale, and the model's data (theme presence per case against a covariate).

Every word comes from :mod:`analysis.narrative` (``annex.chart.*`` phrases), every number through
:mod:`analysis.core.format`, every colour from :mod:`analysis.viz.style` by role.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

from analysis.core.format import Language, format_number
from analysis.narrative import say
from analysis.viz import style

#: Rows apart (0-0.5) that the youth-care (above) and labour-market (below) markers sit from their case.
REGION_OFFSET = 0.22


def plot_region_scale(frame: pd.DataFrame, scale: int, language: Language = "nl") -> Figure:
    """Dot chart: inhabitants of each case and of its youth-care and labour-market region (log scale).

    Args:
        frame: one row per case with ``gm_name``, ``population_count``,
            ``youth_care_region_inhabitants_count`` and ``labour_market_region_inhabitants_count``.
        scale: the scale line (inhabitants).
        language: ``nl`` or ``en``.
    """
    frame = frame.sort_values("population_count", kind="stable")
    fig = Figure(figsize=(8, 1.4 + 0.3 * len(frame)), layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(frame))
    # The two regions sit a little above and below the case's line: where a case's youth-care and
    # labour-market regions are the same (same inhabitants), one marker would otherwise hide the other.
    series = (
        ("population_count", "annex.chart.region_scale.municipality", style.TWENTY, "o", 0.0),
        ("youth_care_region_inhabitants_count", "annex.chart.region_scale.youth_care", style.PEERS, "s", REGION_OFFSET),
        (
            "labour_market_region_inhabitants_count",
            "annex.chart.region_scale.labour_market",
            style.NETHERLANDS,
            "D",
            -REGION_OFFSET,
        ),
    )
    for column, key, colour, marker, offset in series:
        ax.scatter(
            frame[column].astype(float),
            y + offset,
            color=colour,
            marker=marker,
            s=28,
            label=say(key, language),
            zorder=3,
        )
    ax.axvline(scale, color=style.MUNICIPALITY, linestyle="--", linewidth=1)
    ax.text(
        scale,
        len(frame) - 0.4,
        " " + say("annex.chart.region_scale.line", language, scale=format_number(scale, 0, language)),
        fontsize=8,
        color=style.MUNICIPALITY,
        va="bottom",
    )
    ax.set_xscale("log")
    # Dutch readers expect 100.000 and 1.000.000, not 10^5 in mathtext; minor ticks only add noise.
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value, 0, language)))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_yticks(y, frame["gm_name"], fontsize=8)
    ax.set_ylim(-0.7, len(frame) + 0.3)
    ax.grid(axis="x", color=style.GRID)
    ax.set_xlabel(say("annex.chart.region_scale.xlabel", language))
    ax.set_title(say("annex.chart.region_scale.title", language, scale=format_number(scale, 0, language)))
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    style.add_source(fig, say("annex.chart.region_scale.source", language))
    return fig


def plot_presence(
    table: pd.DataFrame,
    outcome: str,
    covariates: tuple[str, str],
    labels: Mapping[str, str],
    title: str,
    language: Language = "nl",
) -> Figure:
    """The model's data: theme presence (0/1) per case against the first covariate, split by the second.

    Args:
        table: cases indexed by name, with ``outcome`` (0/1) and both covariates (the second 0/1).
        outcome: the presence column.
        covariates: (x axis, grouping 0/1).
        labels: readable names of the covariates in ``language``.
        title: the figure's title (written by the caller from the narrative).
        language: ``nl`` or ``en``.
    """
    x_col, group_col = covariates
    data = table[[outcome, x_col, group_col]].dropna()
    fig = Figure(figsize=(8, 3.4), layout="constrained")
    ax = fig.subplots()
    # Only the rarer outcome is named: those cases are what a reader looks for, and naming all
    # twenty makes the labels overlap.
    rare = int(data[outcome].astype(int).sum() * 2 < len(data))
    for value, marker, colour in ((0, "o", style.PEERS), (1, "^", style.TWENTY)):
        part = data[data[group_col].astype(int) == value]
        # Small vertical offsets keep cases with equal outcome and similar size apart.
        offset = 0.06 if value else -0.06
        ax.scatter(
            part[x_col].astype(float),
            part[outcome].astype(float) + offset,
            marker=marker,
            color=colour,
            edgecolor="black",
            linewidth=0.5,
            s=45,
            zorder=3,
            label=say(
                "annex.chart.presence.group",
                language,
                name=labels.get(group_col, group_col),
                value=value,
                n=len(part),
            ),
        )
        for name, row in part[part[outcome].astype(int) == rare].iterrows():
            ax.annotate(
                str(name),
                (float(row[x_col]), float(row[outcome]) + offset),
                fontsize=6.5,
                xytext=(3, 3 if value else -8),
                textcoords="offset points",
                color=style.FOOTER,
            )
    ax.set_yticks([0, 1], [say("annex.chart.presence.absent", language), say("annex.chart.presence.present", language)])
    ax.set_ylim(-0.5, 1.5)
    ax.set_xlabel(labels.get(x_col, x_col))
    style.localise_ticks(ax.xaxis, language)
    ax.set_title(title, loc="left")
    ax.grid(axis="x", color=style.GRID)
    ax.legend(loc="center right", frameon=False, fontsize=8)
    return fig
