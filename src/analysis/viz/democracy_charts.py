"""Bar chart of local democracy in 2010: turnout and local-party vote share against peers."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.social.elections import CITATION, MISSING_MERGED, MISSING_NOT_IN_FILE

REASONS_NL = {
    MISSING_MERGED: "heringedeeld na maart 2010",
    MISSING_NOT_IN_FILE: "geen verkiezing op 3 maart 2010",
}
MEASURES = {
    "turnout_pct": "opkomst (% kiesgerechtigden)",
    "local_parties_vote_share_pct": "stemmen op lokale partijen (% geldige stemmen)",
}


def plot_local_democracy(
    joined_2010: pd.DataFrame,
    gm_code: str,
    gm_name: str,
    peers: dict[str, list[str]],
    figsize: tuple[float, float] = (7.0, 4.0),
) -> Figure:
    """Turnout and local-party vote share 2010 of a municipality beside the mean of each peer group.

    Peers without comparable 2010 figures are left out of the means and counted in a note;
    when the municipality itself has none, its bars are absent and the note says why.

    Args:
        joined_2010: frame of ``elections.join_to_2017`` (one row per 2017 municipality).
        gm_code: the municipality.
        gm_name: its name, for the legend.
        peers: group label -> 2017 codes (the municipality itself is left out of each group).
        figsize: inches.
    """
    indexed = joined_2010.set_index("gm_code")
    labels = [gm_name] + [f"gemiddelde {label}" for label in peers]
    values = {m: [indexed.at[gm_code, m] if gm_code in indexed.index else pd.NA] for m in MEASURES}
    notes = []
    if gm_code in indexed.index and pd.notna(indexed.at[gm_code, "missing_reason"]):
        reason = indexed.at[gm_code, "missing_reason"]
        notes.append(f"{gm_name}: geen vergelijkbaar cijfer voor 2010 ({REASONS_NL.get(reason, reason)})")
    for label, codes in peers.items():
        members = indexed.reindex([c for c in codes if c != gm_code])
        with_data = members["turnout_pct"].notna()
        for measure in MEASURES:
            values[measure].append(members.loc[with_data, measure].mean() if with_data.any() else pd.NA)
        if not with_data.all():
            notes.append(f"{label}: {int((~with_data).sum())} van {len(members)} zonder cijfer voor 2010")

    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    positions = np.arange(len(MEASURES))
    width = 0.8 / len(labels)
    colours = ["#d95f02"] + ["#4a6fa5", "#9ecae1", "#c6dbef"][: len(labels) - 1]
    for i, (label, colour) in enumerate(zip(labels, colours, strict=False)):
        heights = [float(values[m][i]) if pd.notna(values[m][i]) else np.nan for m in MEASURES]
        ax.bar(positions + i * width, heights, width, label=label, color=colour)
    ax.set_xticks(positions + width * (len(labels) - 1) / 2, list(MEASURES.values()), fontsize=8)
    ax.set_ylabel("procent", fontsize=8)
    ax.set_ylim(0, 100)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7, frameon=False)
    ax.set_title(f"{gm_name}: gemeenteraadsverkiezingen 3 maart 2010", fontsize=11)
    footer = (["Ontbreekt: " + "; ".join(notes) + "."] if notes else []) + [
        f"Bron: {CITATION}. Latere verkiezingen (2014, 2018) zijn niet in de lokale kopie beschikbaar."
    ]
    lines = [line for text in footer for line in textwrap.wrap(text, width=int(figsize[0] * 19))]
    fig.text(0.01, 0.0, "\n".join(lines), fontsize=6.5, color="#444444", ha="left", va="bottom")
    footer_height = 0.11 * (len(lines) + 0.5) / figsize[1]
    fig.get_layout_engine().set(rect=(0, footer_height, 1, 1 - footer_height))
    return fig
