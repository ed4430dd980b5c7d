"""Figures for the cross-case annex: rank correlations, Fisher p-values and QCA truth tables.

Each function takes the DataFrame returned by the matching routine in :mod:`analysis.stats`
(``rank``, ``fisher``, ``qca``) and returns a :class:`matplotlib.figure.Figure` built without
pyplot, so nothing is shown or kept in pyplot's global state; the caller saves or displays it.
p-values are written by :func:`analysis.core.format.format_p` (as in the tables: never rounded
across alpha), every word comes from :mod:`analysis.narrative` in the reader's language.
A pair that could not be computed reads "not computed"; the reason is added in words only when
the caller passes ``describe_note`` (the notes of :mod:`analysis.stats` are codes, not prose).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis.core.format import Language, format_coefficient, format_number, format_p
from analysis.narrative import say
from analysis.narrative.fields import field_label
from analysis.viz import style

__all__ = ["plot_fisher_pvalues", "plot_rank_correlations", "plot_truth_table"]

#: Turns a result row's ``note`` into words in the reader's language.
NoteWords = Callable[[object], str]


def _label(name: str, labels: Mapping[str, str] | None, language: Language) -> str:
    """Readable label of a theme or characteristic: ``labels`` wins, then the field's label.

    ``labels`` may be keyed by the full column (``theme_DEM_present``) or the theme (``DEM``).
    """
    theme = name.removeprefix("theme_").removesuffix("_present").removesuffix("_segments")
    for key in (name, theme):
        if labels and key in labels:
            return labels[key]
    if name.startswith("theme_"):
        return theme
    label = field_label(name, language)
    return label if label != name else name.replace("_", " ")


def _lower(label: str) -> str:
    """A label for mid-sentence; acronyms (``WMO``, ``DEM``) stay as they are."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _not_computed(note: object, describe_note: NoteWords | None, language: Language) -> str:
    if describe_note is None or note is None or (isinstance(note, float) and np.isnan(note)):
        return say("chart.not_computed", language)
    return say("chart.not_computed_because", language, reason=describe_note(note))


def _is_true(value: object) -> bool:
    return value is not pd.NA and bool(value)


def plot_rank_correlations(
    results: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    *,
    alpha: float = 0.05,
    language: Language = "nl",
    describe_note: NoteWords | None = None,
) -> Figure:
    """Forest plot of rank correlations with their percentile bootstrap intervals.

    Filled markers survive the Benjamini-Hochberg adjustment, open markers do not; pairs without
    a coefficient are listed with their note. The right margin gives n and the adjusted p.

    Args:
        results: output of :func:`analysis.stats.rank.rank_correlations`.
        labels: optional readable labels (in ``language``) for themes and variables.
        title: figure title; defaults to the method and how to read the markers.
        alpha: the level of the tests, so that a printed p never rounds across it.
        language: ``nl`` or ``en``.
        describe_note: a row's ``note`` in words, for pairs without a coefficient.

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
                _not_computed(row.get("note"), describe_note, language),
                ha="left",
                va="center",
                fontsize=8,
                color=style.MUTED,
                style="italic",
            )
            continue
        colour = style.SIGNIFICANT if _is_true(row["reject_bh"]) else style.NEUTRAL
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
            say("chart.rank.annotation", language, n=row["n"], p=format_p(row["p_adjusted_bh"], alpha, language)),
            xy=(1.0, yi),
            xycoords=("axes fraction", "data"),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=style.NEUTRAL,
        )
    ax.axvline(0, color=style.MUTED, lw=0.8, zorder=0)
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-0.7, k - 0.3)
    ax.set_yticks(y, [_pair_label(row, labels, language) for _, row in rows.iterrows()], fontsize=9)
    ax.xaxis.set_major_formatter(lambda value, _: format_coefficient(value, 1, language))
    methods = set(rows["method"])
    method_key = methods.pop() if len(methods) == 1 else "mixed"
    method = say(f"chart.rank.method.{method_key}", language)
    ax.set_xlabel(say("chart.rank.xlabel", language, method=method))
    ax.grid(axis="x", color=style.GRID, lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title or say("chart.rank.title", language, method=method), fontsize=10, loc="left")
    return fig


def _pair_label(row: pd.Series, labels: Mapping[str, str] | None, language: Language) -> str:
    theme = _label(str(row["theme"]), labels, language)
    return f"{theme} × {_lower(_label(str(row['variable']), labels, language))}"


def plot_fisher_pvalues(
    results: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    alpha: float = 0.05,
    title: str | None = None,
    *,
    language: Language = "nl",
    describe_note: NoteWords | None = None,
) -> Figure:
    """Heat grid of BH-adjusted Fisher p-values, themes as rows and characteristics as columns.

    Each cell prints the adjusted and the raw p; cells significant after adjustment are framed;
    pairs that could not be tested are grey with the reason.

    Args:
        results: output of :func:`analysis.stats.fisher.fisher_tests`.
        labels: optional readable labels (in ``language``) for themes and characteristics.
        alpha: level marking significant cells (should match the tests).
        title: figure title.
        language: ``nl`` or ``en``.
        describe_note: a row's ``note`` in words, for pairs that could not be tested.

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
    band_labels = [
        f"≤ {format_number(0.01, 2, language)}",
        f"≤ {format_number(alpha, len(f'{alpha:g}'.split('.')[-1]), language)}",
        f"≤ {format_number(0.1, 1, language)}",
        f"> {format_number(0.1, 1, language)}",
    ]
    cmap = ListedColormap([style.SIGNIFICANT, "#ef8a62", "#fddbc7", "#f7f7f7"]).with_extremes(bad=style.BACKGROUND)
    band = np.digitize(grid, bounds[1:-1], right=True).astype(float)
    band[np.isnan(grid)] = np.nan
    image = ax.imshow(np.ma.masked_invalid(band), cmap=cmap, vmin=-0.5, vmax=len(bounds) - 1.5, aspect="auto")
    for i, theme in enumerate(themes):
        for j, char in enumerate(chars):
            row = cells.loc[(theme, char)]
            if np.isnan(grid[i, j]):
                ax.text(
                    j,
                    i,
                    _wrap(_not_computed(row.get("note"), describe_note, language), 18),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color=style.FOOTER,
                    style="italic",
                )
                continue
            strong = _is_true(row["reject_bh"])
            colour = "white" if grid[i, j] <= 0.01 else "black"
            ax.text(
                j,
                i - 0.1,
                format_p(grid[i, j], alpha, language),
                ha="center",
                va="center",
                fontsize=10,
                weight="bold" if strong else "normal",
                color=colour,
            )
            ax.text(
                j,
                i + 0.22,
                say("chart.fisher.raw", language, p=format_p(row["p_value"], alpha, language), n=row["n"]),
                ha="center",
                va="center",
                fontsize=7,
                color=colour,
            )
            if strong:
                ax.add_patch(_frame(j, i))
    column_labels = [_wrap(_label(c, labels, language), 16) for c in chars]
    ax.set_xticks(range(len(chars)), column_labels, fontsize=9)
    ax.set_yticks(range(len(themes)), [_label(t, labels, language) for t in themes], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_xticks(np.arange(len(chars) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(themes) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", lw=2)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, ticks=range(len(bounds) - 1), shrink=0.9, pad=0.02)
    bar.ax.set_yticklabels(band_labels, fontsize=8)
    bar.set_label(say("chart.fisher.colourbar", language), fontsize=9)
    # The column labels stand above the grid: the title is lifted over them by a fixed pad (y given,
    # so matplotlib's automatic title placement, which depends on the kernel's rcParams, stays off).
    label_lines = max(label.count("\n") + 1 for label in column_labels)
    ax.set_title(title or say("chart.fisher.title", language), fontsize=10, loc="left", y=1.0, pad=8 + 11 * label_lines)
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
    *,
    language: Language = "nl",
) -> Figure:
    """Truth-table figure: configurations as rows, conditions as filled (1) or open (0) markers.

    The right panel draws each configuration's consistency as a bar with the threshold as a
    dashed line and prints the number of cases and their codes.

    Args:
        tt: output of :func:`analysis.stats.qca.truth_table` (``attrs``: conditions, outcome,
            consistency_threshold, n).
        labels: optional readable labels (in ``language``) for conditions and outcome.
        max_cases_shown: case codes printed per row before abbreviating.
        title: figure title.
        language: ``nl`` or ``en``.

    Returns:
        The figure.
    """
    conditions = list(tt.attrs["conditions"])
    threshold = float(tt.attrs["consistency_threshold"])
    k = len(tt)
    headers = [_wrap(_label(c, labels, language), 12) for c in conditions]
    # Each condition's column is as wide as its longest header line (about 0.08 inch a character at
    # 8 pt), so that "(urbanisation" does not run into its neighbour's header.
    longest = max((len(line) for header in headers for line in header.split("\n")), default=0)
    column = max(0.7, 0.08 * longest + 0.1)
    fig = Figure(figsize=(3.2 + column * len(conditions) + 3.4, 1.4 + 0.42 * max(k, 1)), layout="constrained")
    grid = fig.add_gridspec(1, 2, width_ratios=[column * len(conditions) + 0.4, 3.4])
    ax_conf = fig.add_subplot(grid[0])
    ax_bar = fig.add_subplot(grid[1], sharey=ax_conf)
    y = np.arange(k)[::-1]

    for j, cond in enumerate(conditions):
        member = tt[cond].to_numpy() == 1
        ax_conf.scatter(np.full(member.sum(), j), y[member], s=90, color=style.NEUTRAL, zorder=3)
        ax_conf.scatter(
            np.full((~member).sum(), j),
            y[~member],
            s=90,
            facecolor="white",
            edgecolor=style.NEUTRAL,
            lw=1.3,
            zorder=3,
        )
    ax_conf.set_xticks(range(len(conditions)), headers, fontsize=8)
    ax_conf.xaxis.tick_top()
    ax_conf.set_xlim(-0.6, len(conditions) - 0.4)
    ax_conf.set_yticks(y, [f"{i + 1}" for i in range(k)], fontsize=8)
    ax_conf.set_ylabel(say("chart.truth.configuration", language), fontsize=9)
    ax_conf.tick_params(length=0)
    for spine in ax_conf.spines.values():
        spine.set_visible(False)
    ax_conf.set_ylim(-0.7, k - 0.3)
    for yi in y:
        ax_conf.axhline(yi, color=style.GRID, lw=0.8, zorder=0)

    consistency = tt["consistency"].to_numpy(dtype=float)
    passes = tt["outcome_assigned"].eq(1).fillna(False).to_numpy(dtype=bool)
    colours = np.where(passes, style.SIGNIFICANT, style.MUTED)
    ax_bar.barh(y, np.nan_to_num(consistency), color=colours, height=0.6)
    # A zero-length bar is invisible; a tick at the value shows "0" rather than "missing".
    observed = np.isfinite(consistency)
    ax_bar.scatter(consistency[observed], y[observed], marker="|", s=160, color=colours[observed], zorder=3)
    ax_bar.axvline(threshold, color="black", ls="--", lw=1)
    threshold_text = format_coefficient(threshold, 2, language)
    ax_bar.text(
        threshold,
        k - 0.35,
        say("chart.truth.threshold", language, threshold=threshold_text),
        fontsize=8,
        va="bottom",
        ha="right",
    )
    for yi, (_, row) in zip(y, tt.iterrows(), strict=True):
        if row["n_cases"] == 0:
            text = say("chart.truth.remainder", language)
        else:
            cases = list(row["cases"])
            shown = ", ".join(cases[:max_cases_shown])
            more = f" +{len(cases) - max_cases_shown}" if len(cases) > max_cases_shown else ""
            text = f"{row['n_outcome']}/{row['n_cases']}  {shown}{more}"
        ax_bar.text(1.03, yi, text, va="center", fontsize=7.5, color=style.NEUTRAL)
    ax_bar.set_xlim(0, 1.0)
    ax_bar.xaxis.set_major_formatter(lambda value, _: format_coefficient(value, 1, language))
    ax_bar.set_xlabel(
        say("chart.truth.xlabel", language, outcome=_lower(_label(str(tt.attrs["outcome"]), labels, language))),
        fontsize=9,
    )
    ax_bar.tick_params(axis="y", left=False, labelleft=False)
    for side in ("top", "right", "left"):
        ax_bar.spines[side].set_visible(False)
    ax_bar.text(
        1.03,
        k - 0.35,
        say("chart.truth.header", language),
        fontsize=7.5,
        va="bottom",
        color=style.NEUTRAL,
        weight="bold",
    )
    fig.suptitle(
        title or say("chart.truth.title", language, n=tt.attrs["n"], threshold=threshold_text),
        fontsize=10,
        x=0.02,
        ha="left",
    )
    return fig
