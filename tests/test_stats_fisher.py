"""Fisher's exact tests and Benjamini-Hochberg against scipy, statsmodels-free hand counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from stats_cases import tea_table, twenty_cases

from analysis.stats import fdr, fisher
from analysis.stats.notes import Note


@pytest.fixture
def tea() -> pd.DataFrame:
    return tea_table()


@pytest.fixture
def cases() -> pd.DataFrame:
    return twenty_cases()


def test_fisher_tea_tasting(tea: pd.DataFrame) -> None:
    row = fisher.fisher_tests(tea, ["tea"], ["size_class"]).iloc[0]
    assert row["n"] == 8
    assert row["p_value"] == pytest.approx(34 / 70, abs=1e-12)  # 0.4857
    assert row["odds_ratio"] == pytest.approx(9.0)
    assert row["contrast"] == ("large", "small")
    assert row["test"] == "fisher_2x2"
    assert row["assumptions"] == fisher.FISHER_ASSUMPTIONS and "independent_cases" in row["assumptions"]
    assert row["present_by_level"] == {"large": (3, 4), "small": (1, 4)}
    assert row["notes"] == ()
    # A family of one: the adjusted p equals the raw p.
    assert row["p_adjusted_bh"] == pytest.approx(row["p_value"])
    assert row["n_tests_bh"] == 1


def test_results_carry_no_prose(cases: pd.DataFrame) -> None:
    result = fisher.fisher_tests(cases, ["coop", "all"], ["size_class", "province_name"])
    assert list(result.columns) == list(fisher.FISHER_COLUMNS)
    assert set(result["test"]) == {"fisher_2x2", "freeman_halton", "none"}
    for notes in result["notes"]:
        assert all(isinstance(n, Note) and " " not in n.code for n in notes)


def test_freeman_halton_hand_worked() -> None:
    # Rows of 2 cases each, 3 present: the six permutations of (2, 1, 0) each have probability
    # C(2,2)C(2,1)C(2,0)/C(6,3) = 2/20 = 0.1; (1, 1, 1) has 8/20 = 0.4.
    assert fisher.freeman_halton_exact([[2, 0], [1, 1], [0, 2]]) == pytest.approx(0.6)
    assert fisher.freeman_halton_exact([[1, 1], [1, 1], [1, 1]]) == pytest.approx(1.0)


@pytest.mark.parametrize("table", [[[3, 1], [1, 3]], [[6, 2], [1, 4]], [[0, 5], [4, 1]]])
def test_freeman_halton_equals_fisher_for_2x2(table: list[list[int]]) -> None:
    expected = stats.fisher_exact(table).pvalue
    assert fisher.freeman_halton_exact(table) == pytest.approx(expected, rel=1e-9)


def test_freeman_halton_matches_full_permutation() -> None:
    table = [[3, 0], [1, 2], [0, 2]]
    exact = stats.fisher_exact(table, method=stats.PermutationMethod(n_resamples=np.inf)).pvalue
    assert fisher.freeman_halton_exact(table) == pytest.approx(exact, rel=1e-9)


def test_fisher_rx2_uses_exact_enumeration(cases: pd.DataFrame) -> None:
    row = fisher.fisher_tests(cases, ["coop"], ["province_name"]).iloc[0]
    assert row["present_by_level"] == {"Drenthe": (2, 4), "Gelderland": (6, 8), "Limburg": (2, 8)}
    assert row["test"] == "freeman_halton" and row["contrast"] is None
    assert np.isnan(row["odds_ratio"])
    simulated = stats.fisher_exact(
        [[2, 2], [6, 2], [2, 6]], method=stats.MonteCarloMethod(n_resamples=40000, rng=0)
    ).pvalue
    assert row["p_value"] == pytest.approx(simulated, abs=0.01)


def test_benjamini_hochberg_hand_example() -> None:
    # Sorted 0.01, 0.03, 0.04, 0.20 (m = 4): 0.2*4/4 = 0.2; 0.04*4/3 = 0.0533;
    # 0.03*4/2 = 0.06 -> min(0.06, 0.0533); 0.01*4/1 = 0.04.
    adjusted, reject = fdr.benjamini_hochberg([0.01, 0.04, np.nan, 0.03, 0.20])
    np.testing.assert_allclose(adjusted, [0.04, 0.16 / 3, np.nan, 0.16 / 3, 0.20])
    assert reject.tolist() == [True, False, False, False, False]


def test_fisher_family_is_adjusted_together(cases: pd.DataFrame) -> None:
    result = fisher.fisher_tests(cases, ["coop", "all"], ["size_class", "urban"])
    tested = result[result["p_value"].notna()]
    assert len(tested) == 2 and (result["n_tests_bh"] == 2).all()
    expected, _ = fdr.benjamini_hochberg(tested["p_value"].to_numpy())
    np.testing.assert_allclose(tested["p_adjusted_bh"], expected)
    coop = result[(result["theme"] == "coop") & (result["characteristic"] == "size_class")].iloc[0]
    assert coop["present_by_level"] == {"large": (7, 10), "small": (3, 10)}
    assert coop["p_value"] == pytest.approx(stats.fisher_exact([[7, 3], [3, 7]]).pvalue)
    assert coop["p_value"] == pytest.approx(0.17890, abs=1e-4)


def test_fisher_indicator_characteristic_contrasts_one_with_zero(cases: pd.DataFrame) -> None:
    row = fisher.fisher_tests(cases, ["coop"], ["urban"]).iloc[0]
    assert row["present_by_level"] == {1: (5, 11), 0: (5, 9)}
    assert row["contrast"] == (1, 0)
    assert row["odds_ratio"] == pytest.approx((5 * 4) / (6 * 5))


def test_fisher_degenerate_theme_is_noted_not_tested(cases: pd.DataFrame) -> None:
    result = fisher.fisher_tests(cases, ["all", "none"], ["size_class"])
    assert result["p_value"].isna().all() and (result["test"] == "none").all()
    assert result["notes"].tolist() == [
        (Note("theme_constant", {"column": "theme_all_present", "value": "present", "n": 20}),),
        (Note("theme_constant", {"column": "theme_none_present", "value": "absent", "n": 20}),),
    ]
    assert result["reject_bh"].isna().all()


def test_fisher_constant_characteristic_and_missing_values(cases: pd.DataFrame) -> None:
    table = cases.assign(one_region=["Oost"] * 20)
    table.loc[["GM0001", "GM0002"], "size_class"] = np.nan
    result = fisher.fisher_tests(table, ["coop"], ["size_class", "one_region"])
    assert result["n"].tolist() == [18, 20]
    assert result.iloc[1]["notes"] == (
        Note("characteristic_constant", {"column": "one_region", "value": "Oost", "n": 20}),
    )
    # Cases 1 and 2 are small and without the theme: the small row loses two absences.
    assert result.iloc[0]["present_by_level"] == {"large": (7, 10), "small": (3, 8)}


def test_fisher_refuses_continuous_characteristic(cases: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="dichotomise it first"):
        fisher.fisher_tests(cases, ["coop"], ["population_count"])
