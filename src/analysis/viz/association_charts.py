"""Figures for the cross-case annex: rank correlations, Fisher p-values and QCA truth tables.

Each function takes the DataFrame returned by the matching routine in
:mod:`analysis.stats.associations` and returns a :class:`matplotlib.figure.Figure` built without
pyplot, so nothing is shown or kept in pyplot's global state; the caller saves or displays it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis.stats.associations import theme_label

__all__ = ["plot_fisher_pvalues", "plot_rank_correlations", "plot_truth_table"]

_SIGNIFICANT = "#b2182b"
_NEUTRAL = "#404040"
_MUTED = "#9e9e9e"


def _p_text(p: float) -> str:
    if not np.isfinite(p):
        return "n/a"
    return "<0.001" if p < 0.001 else f"{p:.3f}" if p < 0.01 else f"{p:.2f}"


def _is_true(value: object) -> bool:
    return value is not pd.NA and bool(value)


def plot_rank_correlations(
    results: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> Figure:
    """Forest plot of rank correlations with their percentile bootstrap intervals.

    Filled markers survive the Benjamini-Hochberg adjustment, open markers do not; pairs without
    a coefficient are listed with their note. The right margin gives n and the adjusted p.

    Args:
        results: output of :func:`analysis.stats.associations.rank_correlations`.
        labels: optional readable labels for themes and variables.
        title: figure title; defaults to the method and the confidence level.

    Returns:
        The figure.
    """
    rows = results.reset_index(drop=True)
    k = len(rows)
    fig = Figure(figsize=(8.0, 1.3 + 0.42 * max(k, 1)), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(k)[::-1]
    for yi, (_, row) in zip(y, rows.iterrows(), strict=True):
        if not np.isfinite(row["coefficient"]):
            ax.text(
                -1.0,
                yi,
                f"not computed: {row['note']}",
                ha="left",
                va="center",
                fontsize=8,
                color=_MUTED,
                style="italic",
            )
            continue
        colour = _SIGNIFICANT if _is_true(row["reject_bh"]) else _NEUTRAL
        if np.isfinite(row["ci_low"]):
            ax.plot([row["ci_low"], row["ci_high"]], [yi, yi], color=colour, lw=1.6, solid_capstyle="butt")
        ax.plot(
            row["coefficient"],
            yi,
            "o",
            ms=7,
            color=colour,
            mfc=colour if _is_true(row["reject_bh"]) else "white",
            mew=1.6,
            zorder=3,
        )
        ax.annotate(
            f"n = {row['n']}, p(BH) = {_p_text(row['p_adjusted_bh'])}",
            xy=(1.0, yi),
            xycoords=("axes fraction", "data"),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=_NEUTRAL,
        )
    ax.axvline(0, color=_MUTED, lw=0.8, zorder=0)
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-0.7, k - 0.3)
    ax.set_yticks(y, [_pair_label(row, labels) for _, row in rows.iterrows()], fontsize=9)
    methods = set(rows["method"])
    names = {"spearman": "Spearman's rho", "kendall": "Kendall's tau-b"}
    method = names[methods.pop()] if len(methods) == 1 else "Rank correlation"
    ax.set_xlabel(f"{method} with 95% percentile bootstrap interval")
    ax.grid(axis="x", color="#e6e6e6", lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title or f"{method}: filled = significant after Benjamini-Hochberg", fontsize=10, loc="left")
    return fig


def _pair_label(row: pd.Series, labels: Mapping[str, str] | None) -> str:
    x = theme_label(str(row["theme"]), labels)
    return f"{x} × {theme_label(str(row['variable']), labels).lower()}"


def plot_fisher_pvalues(
    results: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    alpha: float = 0.05,
    title: str | None = None,
) -> Figure:
    """Heat grid of BH-adjusted Fisher p-values, themes as rows and characteristics as columns.

    Each cell prints the adjusted and the raw p; cells significant after adjustment are framed;
    pairs that could not be tested are grey with the reason.

    Args:
        results: output of :func:`analysis.stats.associations.fisher_tests`.
        labels: optional readable labels for themes and characteristics.
        alpha: level marking significant cells (should match the tests).
        title: figure title.

    Returns:
        The figure.
    """
    themes = list(dict.fromkeys(results["theme"]))
    chars = list(dict.fromkeys(results["characteristic"]))
    cells = results.set_index(["theme", "characteristic"])
    grid = np.full((len(themes), len(chars)), np.nan)
    for i, theme in enumerate(themes):
        for j, char in enumerate(chars):
            grid[i, j] = cells.loc[(theme, char), "p_adjusted_bh"]

    fig = Figure(figsize=(1.6 + 1.45 * len(chars), 1.2 + 0.6 * len(themes)), layout="constrained")
    ax = fig.add_subplot()
    # Discrete bands read more honestly than a smooth ramp: 0.49 and 0.51 are not different.
    bounds = [0, 0.01, alpha, 0.1, 1.0]
    band_labels = ["≤ 0.01", f"≤ {alpha:g}", "≤ 0.1", "> 0.1"]
    cmap = ListedColormap(["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7"]).with_extremes(bad="#d9d9d9")
    band = np.digitize(grid, bounds[1:-1], right=True).astype(float)
    band[np.isnan(grid)] = np.nan
    image = ax.imshow(np.ma.masked_invalid(band), cmap=cmap, vmin=-0.5, vmax=len(bounds) - 1.5, aspect="auto")
    for i, theme in enumerate(themes):
        for j, char in enumerate(chars):
            row = cells.loc[(theme, char)]
            if np.isnan(grid[i, j]):
                reason = str(row["note"]).removesuffix(": no test").split(" (")[0]
                ax.text(
                    j,
                    i,
                    _wrap(reason, 18),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="#555555",
                    style="italic",
                )
                continue
            strong = _is_true(row["reject_bh"])
            colour = "white" if grid[i, j] <= 0.01 else "black"
            ax.text(
                j,
                i - 0.1,
                _p_text(grid[i, j]),
                ha="center",
                va="center",
                fontsize=10,
                weight="bold" if strong else "normal",
                color=colour,
            )
            ax.text(
                j,
                i + 0.22,
                f"raw {_p_text(row['p_value'])}, n = {row['n']}",
                ha="center",
                va="center",
                fontsize=7,
                color=colour,
            )
            if strong:
                ax.add_patch(_frame(j, i))
    ax.set_xticks(range(len(chars)), [_wrap(theme_label(c, labels), 16) for c in chars], fontsize=9)
    ax.set_yticks(range(len(themes)), [theme_label(t, labels) for t in themes], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_xticks(np.arange(len(chars) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(themes) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", lw=2)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, ticks=range(len(bounds) - 1), shrink=0.9, pad=0.02)
    bar.ax.set_yticklabels(band_labels, fontsize=8)
    bar.set_label("BH-adjusted p", fontsize=9)
    ax.set_title(title or "Fisher's exact tests: BH-adjusted p (framed: significant)", fontsize=10, loc="left")
    return fig


def _frame(j: int, i: int) -> Rectangle:
    return Rectangle((j - 0.48, i - 0.48), 0.96, 0.96, fill=False, ec="black", lw=1.5)


def _wrap(text: str, width: int) -> str:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return "\n".join(lines)


def plot_truth_table(
    tt: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    max_cases_shown: int = 6,
    title: str | None = None,
) -> Figure:
    """Truth-table figure: configurations as rows, conditions as filled (1) or open (0) markers.

    The right panel draws each configuration's consistency as a bar with the threshold as a
    dashed line and prints the number of cases and their codes.

    Args:
        tt: output of :func:`analysis.stats.associations.truth_table`.
        labels: optional readable labels for conditions and outcome.
        max_cases_shown: case codes printed per row before abbreviating.
        title: figure title.

    Returns:
        The figure.
    """
    conditions = list(tt.attrs["conditions"])
    threshold = float(tt.attrs["consistency_threshold"])
    k = len(tt)
    fig = Figure(figsize=(3.2 + 0.7 * len(conditions) + 3.4, 1.4 + 0.42 * max(k, 1)), layout="constrained")
    grid = fig.add_gridspec(1, 2, width_ratios=[0.7 * len(conditions) + 0.4, 3.4])
    ax_conf = fig.add_subplot(grid[0])
    ax_bar = fig.add_subplot(grid[1], sharey=ax_conf)
    y = np.arange(k)[::-1]

    for j, cond in enumerate(conditions):
        member = tt[cond].to_numpy() == 1
        ax_conf.scatter(np.full(member.sum(), j), y[member], s=90, color=_NEUTRAL, zorder=3)
        ax_conf.scatter(
            np.full((~member).sum(), j),
            y[~member],
            s=90,
            facecolor="white",
            edgecolor=_NEUTRAL,
            lw=1.3,
            zorder=3,
        )
    ax_conf.set_xticks(range(len(conditions)), [_wrap(theme_label(c, labels), 12) for c in conditions], fontsize=8)
    ax_conf.xaxis.tick_top()
    ax_conf.set_xlim(-0.6, len(conditions) - 0.4)
    ax_conf.set_yticks(y, [f"{i + 1}" for i in range(k)], fontsize=8)
    ax_conf.set_ylabel("configuration", fontsize=9)
    ax_conf.tick_params(length=0)
    for spine in ax_conf.spines.values():
        spine.set_visible(False)
    ax_conf.set_ylim(-0.7, k - 0.3)
    for yi in y:
        ax_conf.axhline(yi, color="#eeeeee", lw=0.8, zorder=0)

    consistency = tt["consistency"].to_numpy(dtype=float)
    passes = tt["outcome_assigned"].eq(1).fillna(False).to_numpy(dtype=bool)
    colours = np.where(passes, _SIGNIFICANT, _MUTED)
    ax_bar.barh(y, np.nan_to_num(consistency), color=colours, height=0.6)
    # A zero-length bar is invisible; a tick at the value shows "0" rather than "missing".
    observed = np.isfinite(consistency)
    ax_bar.scatter(consistency[observed], y[observed], marker="|", s=160, color=colours[observed], zorder=3)
    ax_bar.axvline(threshold, color="black", ls="--", lw=1)
    ax_bar.text(threshold, k - 0.35, f"threshold {threshold:g} ", fontsize=8, va="bottom", ha="right")
    for yi, (_, row) in zip(y, tt.iterrows(), strict=True):
        if row["n_cases"] == 0:
            text = "remainder (no cases)"
        else:
            cases = list(row["cases"])
            shown = ", ".join(cases[:max_cases_shown])
            more = f" +{len(cases) - max_cases_shown}" if len(cases) > max_cases_shown else ""
            text = f"{row['n_outcome']}/{row['n_cases']}  {shown}{more}"
        ax_bar.text(1.03, yi, text, va="center", fontsize=7.5, color=_NEUTRAL)
    ax_bar.set_xlim(0, 1.0)
    ax_bar.set_xlabel(
        f"consistency for {theme_label(tt.attrs['outcome'], labels).lower()} "
        f"(share of the row's cases with the outcome)",
        fontsize=9,
    )
    ax_bar.tick_params(axis="y", left=False, labelleft=False)
    for side in ("top", "right", "left"):
        ax_bar.spines[side].set_visible(False)
    ax_bar.text(1.03, k - 0.35, "outcome/cases  codes", fontsize=7.5, va="bottom", color=_NEUTRAL, weight="bold")
    fig.suptitle(
        title
        or f"Truth table, n = {tt.attrs['n']} (filled marker = condition present; "
        f"red bar = consistency at or above {threshold:g})",
        fontsize=10,
        x=0.02,
        ha="left",
    )
    return fig
