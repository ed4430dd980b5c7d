"""Bar chart of local democracy in 2010: turnout and local-party vote share against peers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.core.format import Language
from analysis.narrative import say
from analysis.narrative.charts import reason_phrase
from analysis.viz import style

#: The measures drawn, in order; their axis labels are ``chart.democracy.<measure>`` phrases.
MEASURES: tuple[str, ...] = ("turnout_pct", "local_parties_vote_share_pct")


def plot_local_democracy(
    joined_2010: pd.DataFrame,
    gm_code: str,
    gm_name: str,
    peers: dict[str, list[str]],
    figsize: tuple[float, float] = (8.4, 4.0),
    *,
    group_roles: Sequence[str] | None = None,
    language: Language = "nl",
) -> Figure:
    """Turnout and local-party vote share 2010 of a municipality beside the mean of each peer group.

    Peers without comparable 2010 figures are left out of the means and counted in a note;
    when the municipality itself has none, its bars are absent and the note says why.

    Args:
        joined_2010: frame of ``elections.join_to_2017`` (one row per 2017 municipality).
        gm_code: the municipality.
        gm_name: its name, for the legend.
        peers: group label (in ``language``) -> 2017 codes (the municipality itself is left out).
        figsize: inches.
        group_roles: the role of each group of ``peers``, in order: each bar in its role's colour
            (``style.GROUP_COLOURS``, the structurally similar ones green); without roles the
            groups get the peers' shades of blue.
        language: ``nl`` or ``en``.
    """
    indexed = joined_2010.set_index("gm_code")
    labels = [gm_name] + [say("chart.series.group_mean", language, group=label) for label in peers]
    values = {m: [indexed.at[gm_code, m] if gm_code in indexed.index else pd.NA] for m in MEASURES}
    notes = []
    if gm_code in indexed.index and pd.notna(indexed.at[gm_code, "missing_reason"]):
        reason = reason_phrase("democracy", indexed.at[gm_code, "missing_reason"], language)
        notes.append(say("chart.democracy.own_missing", language, name=gm_name, reason=reason))
    for label, codes in peers.items():
        members = indexed.reindex([c for c in codes if c != gm_code])
        with_data = members["turnout_pct"].notna()
        for measure in MEASURES:
            values[measure].append(members.loc[with_data, measure].mean() if with_data.any() else pd.NA)
        if not with_data.all():
            notes.append(
                say(
                    "chart.democracy.group_missing",
                    language,
                    group=label,
                    missing=int((~with_data).sum()),
                    total=len(members),
                )
            )

    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    positions = np.arange(len(MEASURES))
    width = 0.8 / len(labels)
    colours = [style.MUNICIPALITY, *style.group_colours(len(peers), group_roles)]
    for i, (label, colour) in enumerate(zip(labels, colours, strict=False)):
        heights = [float(values[m][i]) if pd.notna(values[m][i]) else np.nan for m in MEASURES]
        ax.bar(positions + i * width, heights, width, label=label, color=colour)
    ax.set_xticks(
        positions + width * (len(labels) - 1) / 2,
        [say(f"chart.democracy.{m}", language) for m in MEASURES],
        fontsize=8,
    )
    ax.set_ylabel(say("chart.democracy.ylabel", language), fontsize=8)
    ax.set_ylim(0, 100)
    # Outside the axes, so that a high bar is never covered.
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(say("chart.democracy.title", language, name=gm_name), fontsize=11)
    missing = [say("chart.missing", language, items="; ".join(notes))] if notes else []
    style.add_source(fig, say("chart.source.elections_2010", language), missing)
    return fig
