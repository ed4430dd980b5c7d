"""Every chart in both languages: no Dutch word on an English chart, no English word on a Dutch one.

Each chart is drawn from tiny inline inputs; all its texts (titles, axis labels, ticks, legends,
annotations, footers, colour bars) are collected with ``findobj`` and split into words.
"""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from analysis.core.format import format_p
from analysis.geo.indicators import PROFILE_FIGURES
from analysis.qual.codebook import codebook_from_dict
from analysis.viz import association_charts, charts, democracy_charts, maps, region_maps, social_charts, theme_charts

DUTCH = {
    "aandeel",
    "aantal",
    "bron",
    "berekend",
    "bijstand",
    "bijstandsontvangers",
    "buurgemeenten",
    "configuratie",
    "de",
    "drempel",
    "een",
    "en",
    "fragmenten",
    "gemeente",
    "gemeenten",
    "gemiddelde",
    "gevallen",
    "grenzen",
    "groep",
    "het",
    "inwoners",
    "jaar",
    "januari",
    "maart",
    "mediaan",
    "met",
    "naast",
    "niet",
    "ontbreekt",
    "opkomst",
    "overige",
    "procent",
    "rest",
    "ruw",
    "samen",
    "stemmen",
    "thema",
    "twintig",
    "uitgelicht",
    "uitkomst",
    "van",
    "voor",
    "voorkomen",
    "waarheidstabel",
    "zonder",
    "stedelijkheid",
    "tussen",
    "haakjes",
}
ENGLISH = {
    "after",
    "and",
    "assistance",
    "beside",
    "boundaries",
    "brackets",
    "cases",
    "computed",
    "configuration",
    "consistency",
    "elections",
    "filled",
    "highlighted",
    "households",
    "inhabitants",
    "january",
    "march",
    "mean",
    "median",
    "missing",
    "municipalities",
    "municipality",
    "neighbouring",
    "not",
    "outcome",
    "percent",
    "raw",
    "segments",
    "share",
    "social",
    "source",
    "the",
    "theme",
    "themes",
    "threshold",
    "with",
    "within",
}
#: Proper names of sources and the study: titles a reader looks up, the same in both languages.
PROPER_NAMES = ("Wijk- en buurtkaart", "Gebiedsindelingen", "Databank Verkiezingsuitslagen", "Gemeenten in 3D")


def figure_texts(fig: Figure) -> list[str]:
    """Every non-empty text drawn on the figure."""
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]


def words(fig: Figure, language: str) -> set[str]:
    text = " ".join(figure_texts(fig))
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    if language == "nl":
        # The Dutch banner repeats itself in English on purpose, for a figure copied out of its report.
        text = text.replace(theme_charts.BANNER_TEXT, " ")
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _codebook():
    codes = [
        ("DEM", None, "Democratie", "Democracy"),
        ("DEM.1", "DEM", "Raad", "Council"),
        ("FIN", None, "Geld", "Money"),
    ]
    return codebook_from_dict(
        {
            "version": "1",
            "codes": [
                {"id": i, "parent": p, "label_nl": nl, "label_en": en, "definition": "d"} for i, p, nl, en in codes
            ],
        }
    )


def _codings() -> pd.DataFrame:
    rows = [
        ("GM0001", "Aa", "d1", "s1", "DEM.1", "c1"),
        ("GM0001", "Aa", "d1", "s2", "FIN", "c1"),
        ("GM0002", "Bee", "d2", "s1", "DEM", "c1"),
        ("GM0002", "Bee", "d2", "s1", "FIN", "c1"),
    ]
    frame = pd.DataFrame(rows, columns=["gm_code", "gm_name", "document", "segment_id", "code_id", "coder"])
    frame.attrs["is_illustrative"] = True
    return frame


def _comparison() -> pd.DataFrame:
    columns = ["municipality", "netherlands", "same_stedelijkheid_median", "cases_median"]
    return pd.DataFrame([[40.0, 35.0, 38.0, 30.0]] * len(PROFILE_FIGURES), index=list(PROFILE_FIGURES), columns=columns)


def _bijstand() -> pd.DataFrame:
    rows = []
    for year in (2015, 2016, 2017):
        for code, value in (("GM0001", 50.0), ("GM0002", 30.0), ("GM0003", 20.0), ("NL01", 35.0)):
            missing = "boundary change" if (code, year) == ("GM0001", 2015) else pd.NA
            rows.append((code, year, pd.NA if missing is not pd.NA else value, missing))
    return pd.DataFrame(rows, columns=["gm_code", "year", "recipients_per_1000_inhabitants", "missing_reason"])


def _elections() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "gm_code": ["GM0001", "GM0002", "GM0003"],
            "turnout_pct": [55.0, 50.0, pd.NA],
            "local_parties_vote_share_pct": [20.0, 30.0, pd.NA],
            "missing_reason": [pd.NA, pd.NA, "boundaries changed after March 2010"],
        }
    )


def _region_inputs(grid: gpd.GeoDataFrame) -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
    memberships = pd.DataFrame({"gm_code": grid["gm_code"], "youth_care_region_code": "JZ01"})
    outline = gpd.GeoDataFrame(
        {
            "region_code": ["JZ01"],
            "region_name": ["Rijnmond"],
            "population_count": [21_000.0],
            "municipalities_count": [6],
        },
        geometry=[grid.union_all()],
        crs=grid.crs,
    )
    return memberships, outline


def _association_results() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rank = pd.DataFrame(
        {
            "theme": ["theme_DEM_segments", "theme_FIN_segments"],
            "variable": ["population_count", "population_count"],
            "method": ["spearman", "spearman"],
            "n": [20, 20],
            "coefficient": [0.42, float("nan")],
            "ci_low": [0.1, float("nan")],
            "ci_high": [0.7, float("nan")],
            "p_adjusted_bh": [0.0499, float("nan")],
            "reject_bh": [True, pd.NA],
            "note": ["", "constant"],
        }
    )
    fisher = pd.DataFrame(
        {
            "theme": ["theme_DEM_present", "theme_DEM_present"],
            "characteristic": ["size_group", "stedelijkheid_group"],
            "n": [20, 20],
            "p_value": [0.17, float("nan")],
            "p_adjusted_bh": [0.34, float("nan")],
            "reject_bh": [False, pd.NA],
            "note": ["", "one group only: no test"],
        }
    )
    truth = pd.DataFrame(
        {
            "A": [1, 0],
            "B": [1, 1],
            "n_cases": [3, 0],
            "n_outcome": [3, 0],
            "consistency": [1.0, float("nan")],
            "outcome_assigned": [1, pd.NA],
            "cases": [["GM0001", "GM0002", "GM0003"], []],
        }
    )
    truth.attrs.update(conditions=["A", "B"], outcome="theme_DEM_present", consistency_threshold=0.8, n=3)
    return rank, fisher, truth


def all_charts(grid: gpd.GeoDataFrame, codebook, codings: pd.DataFrame, language: str) -> dict[str, Figure]:
    """Every plot function of analysis.viz, drawn in ``language``."""
    group = "de twintig" if language == "nl" else "the twenty"
    peers = {group: ["GM0001", "GM0002", "GM0003"]}
    municipalities = grid.assign(density_per_km2=grid["population_count"])
    memberships, outline = _region_inputs(grid)
    rank, fisher, truth = _association_results()
    return {
        "location": maps.plot_location(grid, "GM0002", language=language),
        "cases": maps.plot_cases(grid, ["GM0001", "GM0002"], focus="GM0001", language=language),
        "profile": charts.plot_profile_against_peers(_comparison(), "Aa", language=language),
        "size": charts.plot_size_density(municipalities, ["GM0001"], focus="GM0002", language=language),
        "region": region_maps.plot_region(
            grid, memberships, "GM0002", "youth_care_region", outlines=outline, language=language
        ),
        "trend": social_charts.plot_trend(_bijstand(), "GM0001", "Aa", peers, language=language),
        "democracy": democracy_charts.plot_local_democracy(_elections(), "GM0001", "Aa", peers, language=language),
        "theme_profile": theme_charts.plot_theme_profile(codings, codebook, "GM0001", language=language),
        "heatmap": theme_charts.plot_theme_heatmap(codings, codebook, language=language),
        "cooccurrence": theme_charts.plot_cooccurrence(codings, codebook, language=language),
        "rank": association_charts.plot_rank_correlations(rank, language=language),
        "fisher": association_charts.plot_fisher_pvalues(fisher, language=language),
        "truth": association_charts.plot_truth_table(truth, language=language),
    }


@pytest.fixture(scope="module")
def figures() -> dict[str, dict[str, Figure]]:
    """Every chart in each language, drawn once for the module."""
    from shapely.geometry import box

    cells = [box(x * 1000, y * 1000, (x + 1) * 1000, (y + 1) * 1000) for y in range(2) for x in range(3)]
    grid = gpd.GeoDataFrame(
        {
            "gm_code": [f"GM{i:04d}" for i in range(1, 7)],
            "gm_name": ["Aa", "Bee", "Cee", "Dee", "Ee", "Ef"],
            "population_count": [1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0],
        },
        geometry=cells,
        crs="EPSG:28992",
    )
    return {language: all_charts(grid, _codebook(), _codings(), language) for language in ("nl", "en")}


def test_english_charts_have_no_dutch_word(figures):
    for name, fig in figures["en"].items():
        found = words(fig, "en") & DUTCH
        assert not found, f"{name}: Dutch words {sorted(found)} in {figure_texts(fig)}"


def test_dutch_charts_have_no_english_word(figures):
    for name, fig in figures["nl"].items():
        found = words(fig, "nl") & ENGLISH
        assert not found, f"{name}: English words {sorted(found)} in {figure_texts(fig)}"


#: A decimal point: a dot followed by one, two or four and more digits (a thousands dot groups exactly three).
DECIMAL_POINT = re.compile(r"\d\.(\d{1,2}|\d{4,})(?!\d)")


def test_dutch_tick_labels_use_the_decimal_comma(figures):
    """The co-occurrence colour bar read 2.5, 17.5 on the Dutch page (and half fragments)."""
    for name, fig in figures["nl"].items():
        fig.canvas.draw()
        ticks = [
            label.get_text()
            for ax in fig.axes
            for label in (*ax.get_xticklabels(), *ax.get_yticklabels())
            if label.get_text()
        ]
        found = [t for t in ticks if DECIMAL_POINT.search(t)]
        assert not found, f"{name}: {found}"


def test_dutch_chart_texts_unchanged_where_they_were_right(figures):
    figures = figures["nl"]
    assert [ax.get_title() for ax in figures["location"].axes] == ["Bee in Nederland", "Bee en de 5 buurgemeenten"]
    assert figures["profile"].axes[0].get_title() == "Aa naast vergelijkingsgroepen, 1 januari 2017"
    footer = " ".join(t.get_text() for t in figures["trend"].texts)
    assert "Ontbreekt: 2015: Aa grenswijziging, geen vergelijkbaar cijfer." in footer
    assert "gemiddelde de twintig (n = 2)" in figure_texts(figures["trend"])
    assert "Rijnmond" in figures["region"].axes[0].get_title()
    assert "6 gemeenten; uitgelicht: Bee" in figures["region"].axes[0].get_title()


def test_chart_p_values_read_as_in_the_tables(figures):
    """The same Fisher p read 0.170 in a table and 0.17 in its chart; now both use format_p."""
    for language in ("nl", "en"):
        fisher = figure_texts(figures[language]["fisher"])
        assert format_p(0.34, language=language) in fisher
        assert any(format_p(0.17, language=language) in text for text in fisher)
        rank = " ".join(figure_texts(figures[language]["rank"]))
        assert format_p(0.0499, language=language) in rank  # 0.0499 never rounds to 0.05
    assert "ruw 0,170, n = 20" in figure_texts(figures["nl"]["fisher"])


def test_untested_pairs_say_not_computed_without_leaking_english_notes(figures):
    assert "niet berekend" in figure_texts(figures["nl"]["fisher"])
    assert not any("no test" in text for text in figure_texts(figures["nl"]["fisher"]))
    _, fisher, _ = _association_results()
    described = association_charts.plot_fisher_pvalues(fisher, language="en", describe_note=lambda note: "one group")
    assert any("not computed: one group" in text.replace("\n", " ") for text in figure_texts(described))
