"""Figures of the codings: a municipality's theme profile, themes x municipalities, co-occurrence.

Functions return a :class:`matplotlib.figure.Figure` built without pyplot (nothing is shown or
left in pyplot's global state). Codings marked as illustrative get a red banner on the figure, so
that a made-up chart cannot pass for a finding once it is copied out of its report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.core.format import Language, format_number, format_share
from analysis.narrative import say
from analysis.qual.codebook import Codebook
from analysis.qual.codings import CodingImport
from analysis.qual.themes import Level, Unit, code_matrix, cooccurrence, theme_profile, theme_shares
from analysis.viz import style

__all__ = ["BANNER_TEXT", "plot_cooccurrence", "plot_theme_heatmap", "plot_theme_profile"]

#: The banner of a Dutch figure; it says it in English too, for a copy that travels.
BANNER_TEXT = say("chart.banner", "nl")
_BANNER_INCHES = 0.42
# Wide enough for the banner at a readable size.
_MIN_WIDTH = 7.6


def _codings(data: CodingImport | pd.DataFrame, illustrative: bool | None) -> tuple[pd.DataFrame, bool]:
    if isinstance(data, CodingImport):
        frame, flag = data.accepted, data.is_illustrative
    else:
        frame, flag = data, bool(data.attrs.get("is_illustrative", False))
    return frame, flag if illustrative is None else illustrative


def mark_illustrative(fig: Figure, language: Language = "nl") -> Figure:
    """Put the red ILLUSTRATIVE strip above a figure with constrained layout (codings made up).

    A figure title (``suptitle``) moves under the strip: the layout engine would otherwise keep it
    at the very top of the figure, behind the banner.
    """
    banner_bottom = 1 - _BANNER_INCHES / fig.get_figheight()
    title = fig._suptitle if fig.get_suptitle() else None  # read only: suptitle() would reset it
    title_inches = 1.6 * title.get_fontsize() / 72 if title is not None else 0.0
    style.reserve_top(fig, _BANNER_INCHES + title_inches)
    if title is not None:
        x, _ = title.get_position()
        # With a y of its own the title stays put; the strip reserved above makes room for it.
        fig.suptitle(
            title.get_text(),
            x=x,
            y=banner_bottom,
            ha=title.get_ha(),
            va="top",
            fontsize=title.get_fontsize(),
            fontweight=title.get_fontweight(),
        )
    fig.text(
        0.5,
        (1 + banner_bottom) / 2,
        say("chart.banner", language),
        ha="center",
        va="center",
        # The bold banner is about 7.2 inches wide at 10 pt; shrink it to fit narrow figures.
        fontsize=min(10.0, 10.0 * (fig.get_figwidth() - 0.4) / 7.2),
        fontweight="bold",
        color="white",
        bbox={"boxstyle": "square,pad=0.45", "facecolor": style.ILLUSTRATIVE, "edgecolor": "none"},
    )
    return fig


def _finish(fig: Figure, illustrative: bool, language: Language) -> Figure:
    return mark_illustrative(fig, language) if illustrative else fig


def _names(frame: pd.DataFrame, names: Mapping[str, str] | None) -> dict[str, str]:
    known = dict(zip(frame["gm_code"], frame["gm_name"], strict=False)) if "gm_name" in frame else {}
    return known | dict(names or {})


def plot_theme_profile(
    data: CodingImport | pd.DataFrame,
    codebook: Codebook,
    gm_code: str,
    *,
    municipalities: Sequence[str] | None = None,
    names: Mapping[str, str] | None = None,
    language: Language = "nl",
    illustrative: bool | None = None,
) -> Figure:
    """Horizontal bars: share of one municipality's segments per theme next to the group mean.

    Args:
        data: the import (or its ``accepted`` frame).
        codebook: for the themes and their labels.
        gm_code: the municipality.
        municipalities: the comparison group (e.g. the twenty); default all in the codings.
        names: display names per ``gm_code`` (default ``gm_name`` of the codings).
        language: ``nl`` or ``en``.
        illustrative: force the banner on or off; default: taken from the import.

    Returns:
        The figure.
    """
    frame, flag = _codings(data, illustrative)
    profile = theme_profile(frame, codebook, gm_code, municipalities=municipalities)
    name = _names(frame, names).get(gm_code, gm_code)
    labels = profile["label_en" if language == "en" else "label_nl"].tolist()
    y = np.arange(len(profile))[::-1]
    fig = Figure(figsize=(8.0, 1.6 + 0.45 * len(profile)), layout="constrained")
    ax = fig.add_subplot()
    ax.barh(y + 0.2, profile["share"] * 100, height=0.38, color=style.MUNICIPALITY, label=name)
    is_twenty = municipalities is not None and len(municipalities) == 20
    group = say("chart.theme_profile.twenty_mean" if is_twenty else "chart.theme_profile.group_mean", language)
    ax.barh(
        y - 0.2, profile["group_mean"] * 100, height=0.38, color=style.TWENTY if is_twenty else style.PEERS, label=group
    )
    for yi, share, n in zip(y, profile["share"], profile["n_segments"], strict=True):
        text = say("chart.theme_profile.bar", language, share=format_share(share, 0, language), count=n)
        ax.text(share * 100 + 0.8, yi + 0.2, text, va="center", fontsize=8)
    ax.set_yticks(y, labels)
    ax.set_xlim(0, max(profile["share"].max(), profile["group_mean"].max()) * 115 + 5)
    ax.set_xlabel(say("chart.theme_profile.xlabel", language))
    ax.set_title(say("chart.theme_profile.title", language, name=name), loc="left", fontsize=12)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    return _finish(fig, flag, language)


def plot_theme_heatmap(
    data: CodingImport | pd.DataFrame,
    codebook: Codebook,
    *,
    municipalities: Sequence[str] | None = None,
    names: Mapping[str, str] | None = None,
    measure: Literal["share", "segments", "documents"] = "share",
    language: Language = "nl",
    illustrative: bool | None = None,
) -> Figure:
    """Heatmap of themes (rows) x municipalities (columns).

    Args:
        data: the import (or its ``accepted`` frame).
        codebook: for the themes and their labels.
        municipalities: the columns in order; default all in the codings, sorted by code.
        names: display names per ``gm_code``.
        measure: ``share`` of the municipality's segments with the theme (comparable across
            municipalities with different amounts of material), or counts of ``segments`` or
            ``documents``.
        language: ``nl`` or ``en``.
        illustrative: force the banner on or off; default: taken from the import.

    Returns:
        The figure.
    """
    frame, flag = _codings(data, illustrative)
    if measure == "share":
        values = theme_shares(frame, codebook, municipalities=municipalities) * 100
    else:
        values = code_matrix(frame, codebook, measure=measure, level="theme", municipalities=municipalities)
    bar_label = say(f"chart.heatmap.{measure}", language)
    display = _names(frame, names)
    rows = [codebook[t].label(language) for t in values.index]
    columns = [display.get(c, c) for c in values.columns]
    fig = Figure(figsize=(max(_MIN_WIDTH, 2.6 + 0.52 * len(columns)), 1.9 + 0.42 * len(rows)), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(values.to_numpy(dtype=float), cmap="Blues", aspect="auto", vmin=0)
    high = np.nanmax(values.to_numpy(dtype=float)) if values.size else 0
    for (i, j), value in np.ndenumerate(values.to_numpy(dtype=float)):
        colour = "white" if high and value > 0.6 * high else "black"
        ax.text(j, i, format_number(value, 0, language), ha="center", va="center", fontsize=7, color=colour)
    ax.set_xticks(range(len(columns)), columns, rotation=60, ha="right", rotation_mode="anchor", fontsize=8)
    ax.set_yticks(range(len(rows)), rows, fontsize=9)
    ax.set_title(say("chart.heatmap.title", language), loc="left", fontsize=12)
    bar = fig.colorbar(image, ax=ax, label=bar_label, fraction=0.035, pad=0.02)
    style.localise_ticks(bar.ax.yaxis, language)
    return _finish(fig, flag, language)


def plot_cooccurrence(
    data: CodingImport | pd.DataFrame,
    codebook: Codebook,
    *,
    unit: Unit = "segment",
    level: Level = "theme",
    language: Language = "nl",
    illustrative: bool | None = None,
) -> Figure:
    """Heatmap of how often two themes (or codes) occur in the same segment or document.

    The diagonal (units with the theme) is left blank so that it does not swamp the colour
    scale; its counts are printed in the row labels instead.

    Args:
        data: the import (or its ``accepted`` frame).
        codebook: for the labels and the roll-up to themes.
        unit: ``segment`` or ``document``.
        level: ``theme`` (readable) or ``code`` (large).
        language: ``nl`` or ``en``.
        illustrative: force the banner on or off; default: taken from the import.

    Returns:
        The figure.
    """
    frame, flag = _codings(data, illustrative)
    matrix = cooccurrence(frame, codebook, unit=unit, level=level)
    counts = matrix.to_numpy(dtype=float, copy=True)
    diagonal = np.diag(counts).copy()
    np.fill_diagonal(counts, np.nan)
    labels = [
        f"{codebook[c].label(language)} ({format_number(n, 0, language)})"
        for c, n in zip(matrix.index, diagonal, strict=True)
    ]
    size = len(labels)
    fig = Figure(figsize=(max(_MIN_WIDTH, 3.6 + 0.45 * size), 2.6 + 0.45 * size), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(counts, cmap="Purples", vmin=0)
    high = np.nanmax(counts) if size > 1 else 0
    for (i, j), value in np.ndenumerate(counts):
        if not np.isnan(value):
            colour = "white" if high and value > 0.6 * high else "black"
            ax.text(j, i, format_number(value, 0, language), ha="center", va="center", fontsize=7, color=colour)
    short = [codebook[c].label(language) for c in matrix.columns]
    ax.set_xticks(range(size), short, rotation=50, ha="right", rotation_mode="anchor", fontsize=8)
    ax.set_yticks(range(size), labels, fontsize=8)
    ax.set_title(say(f"chart.cooccurrence.title.{unit}", language), loc="left", fontsize=12)
    ax.set_xlabel(say(f"chart.cooccurrence.note.{unit}", language), fontsize=8, color=style.FOOTER)
    bar = fig.colorbar(image, ax=ax, label=say(f"chart.cooccurrence.bar.{unit}", language), fraction=0.04, pad=0.02)
    # Counts are whole: a scale of 2,5 fragments reads as a mistake.
    bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    style.localise_ticks(bar.ax.yaxis, language)
    return _finish(fig, flag, language)
