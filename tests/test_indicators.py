import pandas as pd
import pytest

from analysis.geo import indicators

KEYS = [figure.column for figure in indicators.KEY_FIGURES]


def frame() -> pd.DataFrame:
    data = {column: [1.0, 2.0, 3.0, 4.0] for column in KEYS}
    data.update(
        gm_code=["GM0001", "GM0002", "GM0003", "GM0004"],
        stedelijkheid_class=[1, 1, 3, 3],
        population_count=[100.0, 300.0, 600.0, 1000.0],
        households_count=[50.0, 100.0, 250.0, 400.0],
        area_land_km2=[1.0, 2.0, 3.0, 4.0],
        age_65_plus_pct=[10.0, 20.0, None, 40.0],
    )
    return pd.DataFrame(data)


def test_national_figures_are_totals_or_weighted_rates():
    table = frame()
    comparison = indicators.compare_key_figures(table, "GM0002", ["GM0001", "GM0004"])
    assert comparison.at["population_count", "netherlands"] == 2000
    assert comparison.at["density_per_km2", "netherlands"] == pytest.approx(2000 / 10)
    # weighted by inhabitants, the municipality without a figure left out of both sums
    assert comparison.at["age_65_plus_pct", "netherlands"] == pytest.approx((100 * 10 + 300 * 20 + 1000 * 40) / 1400)
    assert comparison.at["age_65_plus_pct", "municipality"] == 20


def test_peer_medians_and_rank():
    comparison = indicators.compare_key_figures(frame(), "GM0002", ["GM0001", "GM0004"])
    assert comparison.at["population_count", "same_stedelijkheid_median"] == 200  # GM0001, GM0002
    assert comparison.at["population_count", "cases_median"] == 550  # GM0001, GM0004
    assert comparison.at["population_count", "rank_of_all"] == 3  # 1 = largest


def test_missing_value_stays_missing():
    comparison = indicators.compare_key_figures(frame(), "GM0003", ["GM0001"])
    assert pd.isna(comparison.at["age_65_plus_pct", "municipality"])
    assert pd.isna(comparison.at["age_65_plus_pct", "rank_of_all"])


def test_unknown_code_raises():
    with pytest.raises(KeyError, match="GM0009"):
        indicators.compare_key_figures(frame(), "GM0009", [])


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (634660, "aantal", "634.660"),
        (16.25, "% van inwoners", "16,2"),
        (None, "aantal", "niet beschikbaar"),
        (float("nan"), "km²", "niet beschikbaar"),
        (2943.0, "inwoners per km² land", "2.943"),
    ],
)
def test_dutch_number_format(value, unit, text):
    assert indicators.format_value(value, unit) == text
