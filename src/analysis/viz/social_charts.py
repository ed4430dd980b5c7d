"""Trend charts of social-domain figures: one municipality against the Netherlands and its peers."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.core.format import Language, format_number
from analysis.narrative import catalogue, say
from analysis.narrative.charts import reason_phrase
from analysis.social.bijstand import BIJSTAND_TABLES, peer_trend
from analysis.viz import style

#: Missing-value reasons of the bijstand layer in Dutch, for the annex until it takes them from
#: :func:`analysis.narrative.charts.reason_phrase` itself.
MISSING_NL: dict[str, str] = {
    reason: reason_phrase("bijstand", reason, "nl")
    for reason in ("boundary change", "suppressed by CBS", "not in table")
}


def bijstand_caption(years: list[int] | None = None, language: Language = "nl") -> str:
    """Source line citing the yearly tables and the (unrecorded) provisional/definitive status."""
    years = sorted(BIJSTAND_TABLES) if years is None else years
    tables = ", ".join(f"{BIJSTAND_TABLES[y].table_id} ({y})" for y in years)
    return say("chart.source.bijstand", language, tables=tables)


def plot_trend(
    long_frame: pd.DataFrame,
    gm_code: str,
    gm_name: str,
    peers: dict[str, list[str]],
    value: str = "recipients_per_1000_inhabitants",
    figsize: tuple[float, float] = (8.4, 4.5),
    *,
    group_roles: Sequence[str] | None = None,
    language: Language = "nl",
) -> Figure:
    """Line chart 2015-2017 of ``value`` for a municipality, the Netherlands and peer means.

    Missing years are gaps in the line (each year also gets a marker, so an isolated year
    stays visible) and are listed in a note under the chart with their reason.

    Args:
        long_frame: frame of ``bijstand.load_bijstand`` (2017 boundaries, NL01 rows).
        gm_code: the municipality.
        gm_name: its name, for the legend and title.
        peers: group label (in ``language``) -> 2017 codes; the mean of each group is drawn.
        value: column of ``long_frame``; its unit goes on the y axis.
        figsize: inches.
        group_roles: the role of each group of ``peers``, in order (``same_stedelijkheid``, ``cases``,
            ``structural_peers``): each line in its role's colour (``style.GROUP_COLOURS``); without
            roles every group is drawn in the peers' blue, told apart by its dash.
        language: ``nl`` or ``en``.
    """
    trend = peer_trend(long_frame, gm_code, peers, value)
    years = sorted(int(y) for y in trend["year"].unique())
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()

    def series(label: str, statistic: str) -> pd.DataFrame:
        part = trend[(trend["series"] == label) & (trend["statistic"] == statistic)]
        return part.set_index("year").reindex(years)

    own = series(gm_code, "value")
    ax.plot(years, own["value"].astype(float), marker="o", linewidth=2.2, color=style.MUNICIPALITY, label=gm_name)
    national = series("Nederland", "value")
    ax.plot(
        years,
        national["value"].astype(float),
        marker="s",
        linewidth=1.5,
        color=style.NETHERLANDS,
        label=say("chart.series.netherlands", language),
    )
    colours = style.group_colours(len(peers), group_roles) if group_roles is not None else [style.PEERS] * len(peers)
    for line_style, label, colour in zip(style.PEER_LINE_STYLES * 3, peers, colours, strict=False):
        part = series(label, "mean")
        counts = part["n_with_data"].dropna().astype(int)
        n_text = f"{counts.min()}" if counts.min() == counts.max() else f"{counts.min()}-{counts.max()}"
        ax.plot(
            years,
            part["value"].astype(float),
            linestyle=line_style,
            marker=".",
            color=colour,
            label=say("chart.series.group_mean_n", language, group=label, n=n_text),
        )

    notes = [
        say(
            "chart.bijstand.missing_year",
            language,
            year=year,
            name=gm_name,
            reason=reason_phrase("bijstand", reason, language),
        )
        for year, reason in own["missing_reason"].items()
        if pd.notna(reason)
    ]
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.3, years[-1] + 0.3)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda number, _: format_number(number, 0, language)))
    y_key = f"chart.bijstand.y.{value}"
    ax.set_ylabel(say(y_key, language) if y_key in catalogue() else value, fontsize=8)
    ax.grid(axis="y", color=style.GRID, linewidth=0.6)
    # Outside the axes: inside, a low line would run under the legend.
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(say("chart.bijstand.title", language, name=gm_name, first=years[0], last=years[-1]), fontsize=11)
    missing = [say("chart.missing", language, items="; ".join(notes))] if notes else []
    style.add_source(fig, bijstand_caption(years, language), missing)
    return fig
