"""Rank correlations: coefficients by hand, permutation p-values by enumeration, bootstrap flags."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from stats_cases import codes, twenty_cases

from analysis.stats import rank
from analysis.stats.notes import Note
from analysis.stats.notes import codes as note_codes

X_NO_TIES = [3.0, 7.0, 1.0, 9.0, 4.0, 10.0, 2.0, 8.0, 5.0, 6.0]
Y_NO_TIES = [2.5, 6.1, 3.3, 8.8, 1.2, 9.9, 0.7, 5.5, 7.4, 4.1]


def _table(x: list[float], y: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"theme_x_segments": x, "density": y}, index=codes(len(x)))


def test_spearman_against_rank_difference_formula() -> None:
    n = len(X_NO_TIES)
    rx = np.argsort(np.argsort(X_NO_TIES)) + 1
    ry = np.argsort(np.argsort(Y_NO_TIES)) + 1
    rho = 1 - 6 * np.sum((rx - ry) ** 2) / (n * (n**2 - 1))
    row = rank.rank_correlations(_table(X_NO_TIES, Y_NO_TIES), ["x"], ["density"], n_boot=200).iloc[0]
    assert row["coefficient"] == pytest.approx(rho, abs=1e-12)
    # By hand: y ranks 3 7 4 9 2 10 1 6 8 5, sum of d^2 = 28, rho = 1 - 168/990.
    assert rho == pytest.approx(1 - 168 / 990, abs=1e-12)
    assert row["n"] == n and row["test"] == "spearman_monte_carlo"


def test_perfect_negative_at_n5_has_exact_p_2_of_120() -> None:
    # The defect: scipy's t approximation prints p = 1.4e-24 here. Of the 5! = 120 orderings
    # only the two monotone ones reach |rho| = 1, so the exact two-sided p is 2/120.
    table = _table([1.0, 2.0, 3.0, 4.0, 5.0], [50.0, 40.0, 30.0, 20.0, 10.0])
    for method in ("spearman", "kendall"):
        row = rank.rank_correlations(table, ["x"], ["density"], method=method, n_boot=500).iloc[0]
        assert row["coefficient"] == pytest.approx(-1.0)
        assert row["p_value"] == pytest.approx(2 / 120, abs=1e-12)
        assert (row["p_method"], row["n_permutations"], row["permutation_seed"]) == ("exact", 120, None)
        assert row["test"] == f"{method}_exact"


def test_degenerate_bootstrap_interval_is_flagged() -> None:
    # Every resample of a perfectly monotone relation that varies has rho = -1: an interval of
    # zero width that says nothing about uncertainty.
    table = _table([1.0, 2.0, 3.0, 4.0, 5.0], [50.0, 40.0, 30.0, 20.0, 10.0])
    row = rank.rank_correlations(table, ["x"], ["density"], n_boot=500).iloc[0]
    assert row["ci_low"] == row["ci_high"] == pytest.approx(-1.0)
    assert row["ci_degenerate"] and row["n_boot_distinct"] == 1
    assert "bootstrap_degenerate" in note_codes(row["notes"])
    healthy = rank.rank_correlations(twenty_cases(), ["coop"], ["population_count"], n_boot=500).iloc[0]
    assert not healthy["ci_degenerate"] and healthy["n_boot_distinct"] >= 20 and healthy["notes"] == ()


def test_exact_spearman_p_against_hand_enumeration() -> None:
    # Without ties rho = 1 - 6 sum(d^2) / (n (n^2 - 1)): enumerate the 7! orderings of y's ranks.
    x, y = X_NO_TIES[:7], Y_NO_TIES[:7]
    rx = stats.rankdata(x)

    def rho(ry: np.ndarray) -> float:
        return 1 - 6 * float(np.sum((rx - ry) ** 2)) / (7 * 48)

    observed = abs(rho(stats.rankdata(y)))
    extreme = sum(abs(rho(np.array(p))) >= observed - 1e-12 for p in itertools.permutations(range(1, 8)))
    row = rank.rank_correlations(_table(x, y), ["x"], ["density"], n_boot=100).iloc[0]
    assert row["p_value"] == pytest.approx(extreme / 5040, abs=1e-12)
    assert row["n_permutations"] == 5040


def test_exact_kendall_p_against_scipy_exact_with_ties_absent() -> None:
    x, y = X_NO_TIES[:9], Y_NO_TIES[:9]
    row = rank.rank_correlations(_table(x, y), ["x"], ["density"], method="kendall", n_boot=100).iloc[0]
    pairs = list(itertools.combinations(range(9), 2))
    tau = sum(np.sign((x[i] - x[j]) * (y[i] - y[j])) for i, j in pairs) / len(pairs)
    assert row["coefficient"] == pytest.approx(tau, abs=1e-12)
    assert row["p_value"] == pytest.approx(stats.kendalltau(x, y, method="exact").pvalue, rel=1e-9)


def test_exact_p_with_ties_counts_midrank_orderings() -> None:
    # Ties: x has two 2s. Over the 6! = 720 orderings of y, count by hand with scipy's rho.
    x = [1.0, 2.0, 2.0, 3.0, 4.0, 5.0]
    y = [1.0, 3.0, 2.0, 4.0, 6.0, 5.0]
    observed = abs(stats.spearmanr(x, y).statistic)
    extreme = sum(abs(stats.spearmanr(x, list(p)).statistic) >= observed - 1e-12 for p in itertools.permutations(y))
    row = rank.rank_correlations(_table(x, y), ["x"], ["density"], n_boot=100).iloc[0]
    assert row["p_value"] == pytest.approx(extreme / 720, abs=1e-12)


def test_monte_carlo_p_is_recorded_seeded_and_never_zero() -> None:
    cases = twenty_cases()
    run = lambda seed: rank.rank_correlations(  # noqa: E731
        cases, ["coop"], ["population_count"], n_boot=100, n_permutations=4000, permutation_seed=seed
    ).iloc[0]
    first, again, other = run(1), run(1), run(2)
    assert (first["p_method"], first["n_permutations"], first["permutation_seed"]) == ("monte_carlo", 4000, 1)
    assert first["p_value"] == again["p_value"]
    assert first["test"] == "spearman_monte_carlo"
    # An independent Monte Carlo permutation test (scipy) agrees within Monte Carlo error.
    x = cases["theme_coop_segments"].to_numpy(float)
    y = cases["population_count"].to_numpy(float)
    reference = stats.permutation_test(
        (y,), lambda b: stats.spearmanr(x, b).statistic, permutation_type="pairings", n_resamples=2000, rng=7
    ).pvalue
    assert first["p_value"] == pytest.approx(reference, abs=0.015)
    assert other["p_value"] == pytest.approx(first["p_value"], abs=0.01)
    # A perfect relation at n = 20: no random ordering beats it, yet p = 1/(B + 1), not 0.
    perfect = _table(list(np.arange(20.0)), list(np.arange(20.0) * 2))
    row = rank.rank_correlations(perfect, ["x"], ["density"], n_boot=100, n_permutations=999).iloc[0]
    assert row["p_value"] == pytest.approx(1 / 1000)


def test_bootstrap_is_deterministic_and_matches_scipy() -> None:
    cases = twenty_cases()
    run = lambda seed: rank.rank_correlations(  # noqa: E731
        cases, ["coop"], ["population_count"], n_boot=500, seed=seed, n_permutations=500
    ).iloc[0]
    first, again, other = run(11), run(11), run(12)
    assert (first["ci_low"], first["ci_high"]) == (again["ci_low"], again["ci_high"])
    assert (first["ci_low"], first["ci_high"]) != (other["ci_low"], other["ci_high"])
    assert first["ci_low"] < first["coefficient"] < first["ci_high"]
    assert first["n_boot_used"] == 500 and first["boot_seed"] == 11
    x = cases["theme_coop_segments"].to_numpy(float)
    y = cases["population_count"].to_numpy(float)
    idx = np.random.default_rng(11).integers(0, 20, size=(500, 20))
    boot = [stats.spearmanr(x[i], y[i]).statistic for i in idx]
    low, high = np.quantile(boot, [0.025, 0.975])
    assert first["ci_low"] == pytest.approx(low, abs=1e-12)
    assert first["ci_high"] == pytest.approx(high, abs=1e-12)


def test_bootstrap_skips_constant_resamples() -> None:
    table = pd.DataFrame({"theme_rare_segments": [0] * 19 + [4], "density": np.arange(20.0)}, index=codes(20))
    row = rank.rank_correlations(table, ["rare"], ["density"], n_boot=2000, seed=3, n_permutations=500).iloc[0]
    # A resample misses the one non-zero case with probability (19/20)^20 = 0.358.
    assert 0.58 * 2000 < row["n_boot_used"] < 0.70 * 2000
    assert note_codes(row["notes"])[0] == "bootstrap_few_usable"
    assert row["notes"][0].values == {"n_used": row["n_boot_used"], "n_boot": 2000}


def test_correlations_pairwise_missing_and_constant() -> None:
    table = twenty_cases()
    table.loc[["GM0003", "GM0004", "GM0005"], "population_count"] = np.nan
    table.loc["GM0010", "stedelijkheid_class"] = pd.NA
    result = rank.rank_correlations(
        table, ["coop", "none"], ["population_count", "stedelijkheid_class"], n_boot=100, n_permutations=500
    )
    assert result["n"].tolist() == [17, 19, 17, 19]
    none_rows = result[result["theme"] == "none"]
    assert none_rows["coefficient"].isna().all()
    assert none_rows["notes"].iloc[0] == (Note("variable_constant", {"columns": ["theme_none_segments"], "n": 17}),)
    assert (result["n_tests_bh"] == 2).all()


def test_too_few_pairs_is_a_note() -> None:
    row = rank.rank_correlations(_table([1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 4.0]), ["x"], ["density"]).iloc[0]
    assert np.isnan(row["p_value"])
    assert row["notes"] == (Note("too_few_pairs", {"n": 4, "min_pairs": rank.MIN_PAIRS}),)


def test_kendall_bootstrap_matches_scipy_per_resample() -> None:
    # Resamples repeat cases, so pairs tied in both variables occur: tau-b must drop them from
    # both counts, as scipy does.
    cases = twenty_cases()
    x = cases["theme_coop_segments"].to_numpy(float)
    y = cases["stedelijkheid_class"].to_numpy(float)
    boot = rank.bootstrap_rank(x, y, "kendall", 300, seed=5)
    idx = np.random.default_rng(5).integers(0, 20, size=(300, 20))
    usable = [i for i in idx if np.ptp(x[i]) > 0 and np.ptp(y[i]) > 0]
    expected = [stats.kendalltau(x[i], y[i]).statistic for i in usable]
    np.testing.assert_allclose(boot, expected, atol=1e-12)
