"""Comparison groups drawn in their role's colour, and no marker hidden behind another.

The structurally similar municipalities (the fourth comparison group) are green (``style.SIMILAR``)
in every chart they appear in: the key-figure profile, the bijstand trend, the democracy bars. The
region-scale chart keeps a case's youth-care and labour-market markers apart where both regions have
the same number of inhabitants.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from analysis.geo.indicators import PROFILE_FIGURES
from analysis.geo.peers import PEERS_MEDIAN_COLUMN
from analysis.narrative import say
from analysis.viz import charts, democracy_charts, social_charts, style
from analysis.viz.crosscase_charts import plot_region_scale

ROLES = ("same_stedelijkheid", "cases", "structural_peers")


def comparison(with_similar: bool = True) -> pd.DataFrame:
    columns = ["municipality", "netherlands", "same_stedelijkheid_median", "cases_median"]
    columns += [PEERS_MEDIAN_COLUMN] * with_similar
    values = [40.0, 35.0, 38.0, 30.0, 33.0][: len(columns)]
    return pd.DataFrame([values] * len(PROFILE_FIGURES), index=list(PROFILE_FIGURES), columns=columns)


def bar_colours(fig: Figure) -> dict[str, str]:
    """Legend label -> face colour of the bars drawn under it."""
    ax = fig.axes[0]
    return {c.get_label(): to_hex(c.patches[0].get_facecolor()) for c in ax.containers}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_profile_draws_the_structural_peers_median_as_a_fourth_green_bar(language):
    fig = charts.plot_profile_against_peers(comparison(), "Aa", language=language)
    colours = bar_colours(fig)
    label = say("chart.series.similar_median", language)
    assert len(colours) == 5
    assert colours[label] == style.SIMILAR
    assert colours[say("chart.series.twenty_median", language)] == style.TWENTY
    # Each figure's five bars side by side, none on top of another.
    ax = fig.axes[0]
    centres = sorted(patch.get_y() + patch.get_height() / 2 for c in ax.containers for patch in c.patches[:1])
    assert len(set(np.round(centres, 6))) == 5
    # The legend stands outside the axes, to the right.
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    legend_box = ax.get_legend().get_window_extent(renderer)
    assert legend_box.x0 >= ax.get_window_extent(renderer).x1
    assert label in [t.get_text() for t in ax.get_legend().get_texts()]


def test_profile_without_the_structural_peers_draws_the_three_groups():
    assert len(bar_colours(charts.plot_profile_against_peers(comparison(False), "Aa"))) == 4


def bijstand() -> pd.DataFrame:
    rows = [
        (code, year, value, pd.NA)
        for year in (2015, 2016, 2017)
        for code, value in (("GM0001", 50.0), ("GM0002", 30.0), ("GM0003", 20.0), ("GM0004", 25.0), ("NL01", 35.0))
    ]
    return pd.DataFrame(rows, columns=["gm_code", "year", "recipients_per_1000_inhabitants", "missing_reason"])


def groups(language: str) -> dict[str, list[str]]:
    """The three comparison groups in ``ROLES``' order, labelled as the report labels them."""
    members = {"same_sted": "GM0002", "cases": "GM0003", "structural": "GM0004"}
    return {say(f"municipal.peers.{key}", language): [code] for key, code in members.items()}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_bijstand_trend_draws_each_group_in_its_role_colour(language):
    fig = social_charts.plot_trend(bijstand(), "GM0001", "Aa", groups(language), group_roles=ROLES, language=language)
    lines = {line.get_label(): to_hex(line.get_color()) for line in fig.axes[0].get_lines()}
    structural = say("municipal.peers.structural", language)
    similar = [label for label in lines if structural in label]
    assert len(similar) == 1 and lines[similar[0]] == style.SIMILAR
    same_sted = [label for label in lines if say("municipal.peers.same_sted", language) in label]
    assert lines[same_sted[0]] == style.PEERS


@pytest.mark.parametrize("language", ["nl", "en"])
def test_democracy_bars_draw_the_structural_peers_green(language):
    elections = pd.DataFrame(
        {
            "gm_code": ["GM0001", "GM0002", "GM0003", "GM0004"],
            "turnout_pct": [55.0, 50.0, 45.0, 60.0],
            "local_parties_vote_share_pct": [20.0, 30.0, 25.0, 10.0],
            "missing_reason": [pd.NA] * 4,
        }
    )
    fig = democracy_charts.plot_local_democracy(
        elections, "GM0001", "Aa", groups(language), group_roles=ROLES, language=language
    )
    colours = bar_colours(fig)
    structural = say("chart.series.group_mean", language, group=say("municipal.peers.structural", language))
    assert colours[structural] == style.SIMILAR
    assert colours["Aa"] == style.MUNICIPALITY


def test_group_roles_must_match_the_groups():
    with pytest.raises(ValueError, match="3 comparison groups but 2 roles"):
        style.group_colours(3, ("cases", "structural_peers"))


def test_municipal_report_passes_the_group_roles(monkeypatch, built_data):
    """The report's own calls colour the structural peers green (before: blue dash-dot, pale blue)."""
    from analysis.report import municipal_democracy, municipal_sections
    from analysis.report import municipal_views as views
    from analysis.report.context import open_context

    drawn: dict[str, Figure] = {}

    def keep(module, name):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            drawn[name] = original(*args, **kwargs)
            return drawn[name]

        monkeypatch.setattr(module, name, wrapper)

    keep(social_charts, "plot_trend")
    keep(democracy_charts, "plot_local_democracy")
    ctx = open_context("GM0632")
    views.social_domain_blocks(municipal_sections.social_domain(ctx), "nl")
    municipal_democracy.democracy_blocks(municipal_democracy.democracy(ctx), "nl")
    structural = say("municipal.peers.structural", "nl")
    trend = {line.get_label(): to_hex(line.get_color()) for line in drawn["plot_trend"].axes[0].get_lines()}
    assert [colour for label, colour in trend.items() if structural in label] == [style.SIMILAR]
    bars = bar_colours(drawn["plot_local_democracy"])
    assert [colour for label, colour in bars.items() if structural in label] == [style.SIMILAR]


def test_region_scale_shows_both_regions_where_they_are_the_same():
    """Woerden-like: youth-care and labour-market region of equal size; one marker hid the other."""
    frame = pd.DataFrame(
        {
            "gm_name": ["Klein", "Groot"],
            "population_count": [13_095, 634_660],
            "youth_care_region_inhabitants_count": [532_810, 1_295_319],
            "labour_market_region_inhabitants_count": [532_810, 1_362_360],
        }
    )
    fig = plot_region_scale(frame, 100_000, "nl")
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    regions = [say(f"annex.chart.region_scale.{key}", "nl") for key in ("youth_care", "labour_market")]
    youth, labour = (ax.transData.transform(c.get_offsets()) for c in ax.collections if c.get_label() in regions)
    # Same inhabitants, same x: the markers (s=28, about 5 px across) must stand at least that far apart.
    assert youth[0][0] == pytest.approx(labour[0][0])
    assert abs(youth[0][1] - labour[0][1]) >= 6
