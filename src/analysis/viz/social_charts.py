"""Trend charts of social-domain figures: one municipality against the Netherlands and its peers."""

from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.figure import Figure

from analysis.social.bijstand import BIJSTAND_TABLES, peer_trend

#: Units for the y axis, by column of ``bijstand.load_bijstand``.
Y_LABELS: dict[str, str] = {
    "recipients_per_1000_inhabitants": "bijstandsontvangers per 1.000 inwoners (15 jaar en ouder)",
    "recipients_count": "bijstandsontvangers (personen)",
    "recipients_with_reintegration_pct": "% van bijstandsontvangers met re-integratievoorziening",
    "wsw_per_1000_inhabitants": "WSW-werknemers per 1.000 inwoners van 15 jaar en ouder",
}
MISSING_NL = {
    "boundary change": "grenswijziging, geen vergelijkbaar cijfer",
    "suppressed by CBS": "door CBS niet gepubliceerd",
    "not in table": "niet in de tabel",
}
PEER_STYLES = ("--", ":", "-.")


def bijstand_caption(years: list[int] | None = None) -> str:
    """Source line citing the yearly tables and the (unrecorded) provisional/definitive status."""
    years = sorted(BIJSTAND_TABLES) if years is None else years
    tables = ", ".join(f"{BIJSTAND_TABLES[y].table_id} ({y})" for y in years)
    return (
        f"Bron: CBS, StatLine {tables}; gemeentegrenzen 1 januari 2017. "
        "Voorlopig of definitief: niet vastgelegd in de lokale kopie."
    )


def plot_trend(
    long_frame: pd.DataFrame,
    gm_code: str,
    gm_name: str,
    peers: dict[str, list[str]],
    value: str = "recipients_per_1000_inhabitants",
    figsize: tuple[float, float] = (7.0, 4.5),
) -> Figure:
    """Line chart 2015-2017 of ``value`` for a municipality, the Netherlands and peer means.

    Missing years are gaps in the line (each year also gets a marker, so an isolated year
    stays visible) and are listed in a note under the chart with their reason.

    Args:
        long_frame: frame of ``bijstand.load_bijstand`` (2017 boundaries, NL01 rows).
        gm_code: the municipality.
        gm_name: its name, for the legend and title.
        peers: group label -> 2017 codes; the mean of each group is drawn (median in the data).
        value: column of ``long_frame``; its unit goes on the y axis.
        figsize: inches.
    """
    trend = peer_trend(long_frame, gm_code, peers, value)
    years = sorted(int(y) for y in trend["year"].unique())
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()

    def series(label: str, statistic: str) -> pd.DataFrame:
        part = trend[(trend["series"] == label) & (trend["statistic"] == statistic)]
        return part.set_index("year").reindex(years)

    own = series(gm_code, "value")
    ax.plot(years, own["value"].astype(float), marker="o", linewidth=2.2, color="#d95f02", label=gm_name)
    national = series("Nederland", "value")
    ax.plot(years, national["value"].astype(float), marker="s", linewidth=1.5, color="black", label="Nederland")
    for style, label in zip(PEER_STYLES * 3, peers, strict=False):
        part = series(label, "mean")
        counts = part["n_with_data"].dropna().astype(int)
        n_text = f"n = {counts.min()}" if counts.min() == counts.max() else (f"n = {counts.min()}-{counts.max()}")
        ax.plot(
            years,
            part["value"].astype(float),
            linestyle=style,
            marker=".",
            color="#4a6fa5",
            label=f"gemiddelde {label} ({n_text})",
        )

    notes = [
        f"{year}: {gm_name} {MISSING_NL.get(str(reason), str(reason))}"
        for year, reason in own["missing_reason"].items()
        if pd.notna(reason)
    ]
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.3, years[-1] + 0.3)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(Y_LABELS.get(value, value), fontsize=8)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7, frameon=False, loc="lower left")
    ax.set_title(f"{gm_name}: bijstand {years[0]}-{years[-1]}", fontsize=11)
    lines = textwrap.wrap(bijstand_caption(years), width=int(figsize[0] * 19))
    if notes:
        lines = textwrap.wrap("Ontbreekt: " + "; ".join(notes) + ".", width=int(figsize[0] * 19)) + lines
    fig.text(0.01, 0.0, "\n".join(lines), fontsize=6.5, color="#444444", ha="left", va="bottom")
    # Reserve room for the footer lines below the axes (about 0.11 inch each).
    footer_height = 0.11 * (len(lines) + 0.5) / figsize[1]
    fig.get_layout_engine().set(rect=(0, footer_height, 1, 1 - footer_height))
    return fig
