"""Words a reviewer trips over, one defect each: verb agreement, repeated names, English reasons, 10^n ticks."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis.narrative import stats as words
from analysis.narrative.annex import quote_attribution, quote_cell_heading
from analysis.report.annex_views import missing_reason
from analysis.social import bijstand, elections
from analysis.stats.notes import Note
from analysis.viz.crosscase_charts import plot_presence, plot_region_scale


@pytest.mark.parametrize("code", ["complete_separation", "quasi_complete_separation", "zero_counts_predicted"])
def test_separation_verb_agrees_with_the_number_of_terms(code):
    values = {"n": 20, "n_predicted": 7}
    one = words.note_sentence(Note(code, {**values, "terms": ["rural"]}), "nl", {"rural": "landelijk"})
    two = words.note_sentence(Note(code, {**values, "terms": ["rural", "large"]}), "nl")
    assert "landelijk voorspelt " in one and "voorspellen" not in one
    assert "rural en large voorspellen " in two
    one_en = words.note_sentence(Note(code, {**values, "terms": ["rural"]}), "en")
    assert "predicts " in one_en


def test_attribution_does_not_repeat_the_municipality_the_document_names():
    assert (
        quote_attribution("Tiel", "Tiel - interview griffie", "codeur_A")
        == "Tiel - interview griffie (codeur: codeur_A)"
    )
    assert (
        quote_attribution("Tiel", "interview griffie", "codeur_A", "en") == "Tiel, interview griffie (coder: codeur_A)"
    )


def test_quote_cell_heading_says_one_fragment_in_the_singular():
    assert quote_cell_heading("Financiën", "kleiner", "1", True) == "Financiën — kleiner (1 fragment):"
    assert quote_cell_heading("Financiën", "kleiner", "57", False) == "Financiën — kleiner (57 fragmenten):"


@pytest.mark.parametrize(
    "reason",
    [
        elections.MISSING_CHANGED,
        elections.MISSING_NOT_IN_FILE,
        bijstand.MISSING_BOUNDARY,
        bijstand.MISSING_SUPPRESSED,
        bijstand.MISSING_NOT_IN_TABLE,
    ],
)
def test_every_missing_reason_of_the_layers_reads_dutch(reason):
    dutch = missing_reason(reason, "nl")
    assert dutch != reason and dutch != "reden niet vastgelegd", reason


def test_unknown_missing_reason_never_leaks_english():
    assert missing_reason("some new reason", "nl") == "reden niet vastgelegd"


def test_region_scale_axis_reads_dutch_numbers_not_powers_of_ten():
    frame = pd.DataFrame(
        {
            "gm_name": ["Klein", "Groot"],
            "population_count": [13_095, 634_660],
            "youth_care_region_inhabitants_count": [273_739, 1_295_319],
            "labour_market_region_inhabitants_count": [273_739, 1_362_360],
        }
    )
    fig = plot_region_scale(frame, 100_000, "nl")
    FigureCanvasAgg(fig).draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert "100.000" in ticks and "1.000.000" in ticks
    assert not any("$" in t or "10^" in t for t in ticks), ticks


def test_model_chart_ticks_use_the_dutch_decimal_comma():
    """The model figure's axis read 4.25, 4.50 on the Dutch page."""
    table = pd.DataFrame(
        {
            "theme_present": [1, 1, 0, 1, 0, 1],
            "log10_population": [4.1, 4.3, 4.6, 4.9, 5.2, 5.8],
            "is_rural": [1, 0, 0, 1, 0, 0],
        },
        index=[f"Gemeente {i}" for i in range(6)],
    )
    fig = plot_presence(
        table, "theme_present", ("log10_population", "is_rural"), {"is_rural": "landelijk"}, "titel", "nl"
    )
    FigureCanvasAgg(fig).draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert any("," in t for t in ticks), ticks
    assert not any("." in t for t in ticks), ticks
