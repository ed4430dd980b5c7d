"""The non-map charts: the municipality against its peers, the cases among all municipalities.

Every function returns a ``matplotlib.figure.Figure`` and draws nothing on screen itself, so the
same call serves a notebook, a test and a saved PNG. Colours come from :mod:`analysis.viz.style`
by role, words from :mod:`analysis.narrative` in the reader's language, numbers from
:mod:`analysis.core.format`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

from analysis.core.format import Language, format_number
from analysis.geo.indicators import PROFILE_FIGURES
from analysis.geo.peers import PEERS_MEDIAN_COLUMN
from analysis.narrative import say
from analysis.narrative.fields import field_label
from analysis.viz import backdrop, style
from analysis.viz.labels import MapLabel, place_point_labels
from analysis.viz.style import Rendered


def plot_profile_against_peers(comparison: pd.DataFrame, name: str, *, language: Language = "nl") -> Figure:
    """Grouped horizontal bars of the share figures: municipality, NL and the comparison groups' medians.

    The groups are the same stedelijkheid, the twenty and, when ``comparison`` carries their
    column, the structurally similar municipalities, each in its role's colour. The legend stands
    outside the axes, to the right, so that it never covers a bar.

    Args:
        comparison: output of ``geo.peers.compare_with_peers`` (or of
            ``indicators.compare_key_figures``, which lacks the structural peers' median).
        name: the municipality's name, for the legend.
        language: ``nl`` or ``en``.
    """
    rows = comparison.loc[list(PROFILE_FIGURES)]
    series = [
        ("municipality", name, style.MUNICIPALITY),
        ("netherlands", say("chart.series.netherlands", language), style.NETHERLANDS),
        ("same_stedelijkheid_median", say("chart.series.same_stedelijkheid_median", language), style.PEERS),
        ("cases_median", say("chart.series.twenty_median", language), style.TWENTY),
        (PEERS_MEDIAN_COLUMN, say("chart.series.similar_median", language), style.SIMILAR),
    ]
    series = [entry for entry in series if entry[0] in rows.columns]
    fig = Figure(figsize=(9.2, 6.6), layout="constrained")
    ax = fig.subplots()
    positions = np.arange(len(rows))
    # The bars of one figure fill 80 % of its row, whatever the number of groups.
    height = 0.8 / len(series)
    for offset, (column, label, colour) in enumerate(series):
        values = rows[column].astype(float).to_numpy()
        centred = offset - (len(series) - 1) / 2
        ax.barh(positions + centred * height, values, height=height, color=colour, label=label)
    ax.set_yticks(positions, [field_label(c, language) for c in rows.index])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value, 0, language)))
    ax.set_xlabel(say("chart.profile.xlabel", language))
    ax.set_title(say("chart.profile.title", language, name=name))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    ax.grid(axis="x", color=style.GRID)
    ax.set_axisbelow(True)
    style.add_source(fig, say("chart.source.groups_median", language))
    return fig


def plot_size_density(
    municipalities: pd.DataFrame,
    case_codes: list[str],
    focus: str | None = None,
    label_cases: bool = True,
    *,
    language: Language = "nl",
) -> Figure:
    """Inhabitants against density for all municipalities (log-log), the twenty and a focus marked."""
    fig = _size_density_backdrop(municipalities, case_codes, label_cases, language)
    _size_density_marks(fig, municipalities, focus, language)
    return fig


def size_density_png(
    municipalities: pd.DataFrame, case_codes: list[str], focus: str, *, language: Language = "nl"
) -> Rendered:
    """The PNG of :func:`plot_size_density` for ``focus``, drawn over a backdrop made once per process.

    Every report shows the same 388 dots, twenty labels, axes and footer; only the municipality's
    own dot and the legend that names it differ. The rest is drawn once per data, selection and
    language (:class:`analysis.viz.backdrop.Backdrop`) and each report draws its two marks on a copy
    of those pixels: the same picture as the whole figure, at a fraction of its time.
    """
    data = municipalities[["gm_code", "gm_name", "population_count", "density_per_km2"]]
    key = (backdrop.frame_digest(data), tuple(case_codes), language)
    scene = backdrop.cached(
        _SIZE_DENSITY,
        key,
        lambda: backdrop.Backdrop(_size_density_backdrop(municipalities, case_codes, True, language)),
    )
    return scene.render(lambda fig: _size_density_marks(fig, municipalities, focus, language))


#: Backdrops of :func:`size_density_png` (one per data, selection and language).
_SIZE_DENSITY: dict[tuple, backdrop.Backdrop] = {}


def _size_density_backdrop(
    municipalities: pd.DataFrame, case_codes: list[str], label_cases: bool, language: Language
) -> Figure:
    """The chart without a focus and without its legend, laid out for good, its twenty labelled."""
    fig = Figure(figsize=(8, 5.6), layout="constrained")
    ax = fig.subplots()
    is_case = municipalities["gm_code"].isin(case_codes)
    others = municipalities[~is_case]
    cases = municipalities[is_case]
    ax.scatter(
        others["population_count"],
        others["density_per_km2"],
        s=12,
        color=style.BACKGROUND,
        edgecolor="#bbbbbb",
        linewidth=0.4,
        label=say("chart.size.others", language, count=len(others)),
    )
    ax.scatter(
        cases["population_count"],
        cases["density_per_km2"],
        s=30,
        color=style.TWENTY,
        edgecolor="black",
        linewidth=0.5,
        label=say("chart.size.twenty", language, count=len(cases)),
        zorder=3,
    )
    ax.axvline(100_000, color=style.REFERENCE, linestyle="--", linewidth=0.8)
    ax.text(
        100_000,
        0.01,
        say("chart.size.scale", language, count=format_number(100_000, 0, language)),
        transform=ax.get_xaxis_transform(),
        fontsize=7,
        color=style.REFERENCE,
        va="bottom",
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    # Plain numbers in the reader's locale read better than 10^n and avoid mathtext; no minor ticks.
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value, 0, language)))
        axis.set_minor_locator(NullLocator())
    ax.set_xlabel(say("chart.size.xlabel", language))
    ax.set_ylabel(say("chart.size.ylabel", language))
    ax.set_title(say("chart.size.title", language))
    style.add_source(fig, say("chart.source.wijkbuurtkaart", language))
    renderer = style.fix_layout(fig)
    if label_cases:
        # Placed on the final layout: the boxes are measured in pixels. Big cases first keep the
        # best spots; the rest move round them instead of printing over a neighbour's dot.
        ordered = cases.sort_values("population_count", ascending=False)
        points = [
            MapLabel(row.gm_name, row.population_count, row.density_per_km2, {"fontsize": 7})
            for row in ordered.itertuples()
        ]
        place_point_labels(ax, points, renderer)
    return fig


def _size_density_marks(fig: Figure, municipalities: pd.DataFrame, focus: str | None, language: Language) -> list:
    """The municipality's dot (over every other mark) and the legend that names it; returns both."""
    ax = fig.axes[0]
    marks = []
    if focus is not None:
        rows = municipalities.loc[municipalities["gm_code"] == focus]
        if rows.empty:
            raise KeyError(f"{focus} is not in the municipal table")
        row = rows.iloc[0]
        marks.append(
            ax.scatter(
                [row["population_count"]],
                [row["density_per_km2"]],
                s=90,
                color=style.MUNICIPALITY,
                edgecolor="black",
                linewidth=0.8,
                zorder=4,
                label=row["gm_name"],
            )
        )
    # Inside the axes, so the layout fixed before does not depend on it.
    marks.append(ax.legend(loc="upper left", frameon=False, fontsize=8))
    return marks
