"""Tests of the cross-case statistics against results computed independently or by hand."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from scipy import optimize, stats

from analysis.stats import associations as assoc
from analysis.viz.association_charts import (
    plot_fisher_pvalues,
    plot_rank_correlations,
    plot_truth_table,
)


def _codes(n: int) -> pd.Index:
    return pd.Index([f"GM{i:04d}" for i in range(1, n + 1)], name="gm_code")


@pytest.fixture
def tea() -> pd.DataFrame:
    """Fisher's lady tasting tea as a case table: [[3, 1], [1, 3]]."""
    size = ["large"] * 4 + ["small"] * 4
    present = [1, 1, 1, 0, 1, 0, 0, 0]
    return pd.DataFrame(
        {"size_class": pd.Categorical(size, ["large", "small"]), "theme_tea_present": present},
        index=_codes(8),
    )


@pytest.fixture
def cases() -> pd.DataFrame:
    """Twenty fictitious municipalities with fixed values (no randomness in the tests)."""
    population_k = [
        12.5,
        18.0,
        25.3,
        31.0,
        44.2,
        52.8,
        60.1,
        75.5,
        80.0,
        95.2,
        110.4,
        121.0,
        135.7,
        150.2,
        162.9,
        180.3,
        199.0,
        215.6,
        240.1,
        260.0,
    ]
    frame = pd.DataFrame(
        {
            "population_k": population_k,
            "population_count": [v * 1000 for v in population_k],
            "urban": [0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1],
            "stedelijkheid_class": pd.array(
                [5, 4, 5, 3, 4, 4, 3, 5, 2, 3, 4, 2, 3, 2, 1, 3, 2, 4, 1, 1], dtype="Int64"
            ),
            "province_name": ["Gelderland", "Limburg", "Drenthe", "Gelderland", "Limburg"] * 4,
            "theme_coop_present": [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1],
            "theme_coop_segments": [0, 0, 2, 0, 0, 3, 0, 0, 2, 0, 4, 0, 3, 6, 0, 5, 7, 0, 6, 9],
            "theme_all_present": [1] * 20,
            "theme_none_present": [0] * 20,
            "theme_none_segments": [0] * 20,
        },
        index=_codes(20),
    )
    frame["size_class"] = pd.Categorical(np.where(frame["population_k"] > 100, "large", "small"), ["large", "small"])
    return frame


# ------------------------------------------------------------------------------------------
# Fisher and Benjamini-Hochberg
# ------------------------------------------------------------------------------------------


def test_fisher_tea_tasting(tea: pd.DataFrame) -> None:
    row = assoc.fisher_tests(tea, ["tea"], ["size_class"]).iloc[0]
    assert row["n"] == 8
    assert row["p_value"] == pytest.approx(34 / 70, abs=1e-12)  # 0.4857
    assert row["odds_ratio"] == pytest.approx(9.0)
    assert row["contrast"] == "odds of presence, large vs small"
    assert row["test"] == "Fisher's exact test (2x2, two-sided)"
    assert "independent cases" in row["assumptions"]
    assert row["present_by_level"] == {"large": (3, 4), "small": (1, 4)}
    # A family of one: the adjusted p equals the raw p.
    assert row["p_adjusted_bh"] == pytest.approx(row["p_value"])
    assert row["n_tests_bh"] == 1


def test_describe_fisher_sentence(tea: pd.DataFrame) -> None:
    row = assoc.fisher_tests(tea, ["tea"], ["size_class"]).iloc[0]
    assert assoc.describe_fisher(row) == (
        "Tea was coded in 3 of 4 large and 1 of 4 small municipalities (Fisher's exact "
        "p = 0.49, BH-adjusted 0.49, odds ratio 9.00): no evidence of an association at n = 8."
    )


def test_freeman_halton_hand_worked() -> None:
    # Rows of 2 cases each, 3 present: the six permutations of (2, 1, 0) each have probability
    # C(2,2)C(2,1)C(2,0)/C(6,3) = 2/20 = 0.1; (1, 1, 1) has 8/20 = 0.4.
    assert assoc.freeman_halton_exact([[2, 0], [1, 1], [0, 2]]) == pytest.approx(0.6)
    assert assoc.freeman_halton_exact([[1, 1], [1, 1], [1, 1]]) == pytest.approx(1.0)


@pytest.mark.parametrize("table", [[[3, 1], [1, 3]], [[6, 2], [1, 4]], [[0, 5], [4, 1]]])
def test_freeman_halton_equals_fisher_for_2x2(table: list[list[int]]) -> None:
    expected = stats.fisher_exact(table).pvalue
    assert assoc.freeman_halton_exact(table) == pytest.approx(expected, rel=1e-9)


def test_freeman_halton_matches_full_permutation() -> None:
    table = [[3, 0], [1, 2], [0, 2]]
    exact = stats.fisher_exact(table, method=stats.PermutationMethod(n_resamples=np.inf)).pvalue
    assert assoc.freeman_halton_exact(table) == pytest.approx(exact, rel=1e-9)


def test_fisher_rx2_uses_exact_enumeration(cases: pd.DataFrame) -> None:
    row = assoc.fisher_tests(cases, ["coop"], ["province_name"]).iloc[0]
    assert row["present_by_level"] == {"Drenthe": (2, 4), "Gelderland": (6, 8), "Limburg": (2, 8)}
    assert row["test"].startswith("Fisher-Freeman-Halton exact test (3x2")
    assert np.isnan(row["odds_ratio"])
    # Cross-check the enumeration with scipy's Monte Carlo version of the same test.
    simulated = stats.fisher_exact(
        [[2, 2], [6, 2], [2, 6]], method=stats.MonteCarloMethod(n_resamples=40000, rng=0)
    ).pvalue
    assert row["p_value"] == pytest.approx(simulated, abs=0.01)


def test_benjamini_hochberg_hand_example() -> None:
    # Sorted 0.01, 0.03, 0.04, 0.20 (m = 4): 0.2*4/4 = 0.2; 0.04*4/3 = 0.0533;
    # 0.03*4/2 = 0.06 -> min(0.06, 0.0533); 0.01*4/1 = 0.04.
    adjusted, reject = assoc.benjamini_hochberg([0.01, 0.04, np.nan, 0.03, 0.20])
    np.testing.assert_allclose(adjusted, [0.04, 0.16 / 3, np.nan, 0.16 / 3, 0.20])
    assert reject.tolist() == [True, False, False, False, False]


def test_fisher_family_is_adjusted_together(cases: pd.DataFrame) -> None:
    result = assoc.fisher_tests(cases, ["coop", "all"], ["size_class", "urban"])
    tested = result[result["p_value"].notna()]
    assert len(tested) == 2 and (result["n_tests_bh"] == 2).all()
    expected, _ = assoc.benjamini_hochberg(tested["p_value"].to_numpy())
    np.testing.assert_allclose(tested["p_adjusted_bh"], expected)
    large = cases["population_k"] > 100
    k_large = int(cases.loc[large, "theme_coop_present"].sum())
    k_small = int(cases.loc[~large, "theme_coop_present"].sum())
    assert (k_large, k_small) == (7, 3)
    coop = result[(result["theme"] == "coop") & (result["characteristic"] == "size_class")].iloc[0]
    assert coop["p_value"] == pytest.approx(stats.fisher_exact([[7, 3], [3, 7]]).pvalue)
    assert coop["p_value"] == pytest.approx(0.17890, abs=1e-4)


def test_fisher_indicator_characteristic_reads_as_with_without(cases: pd.DataFrame) -> None:
    # Urban (1) cases 2,4,7,9,10,12,14,15,17,19,20 have the theme 5 times; the 9 others 5 times.
    row = assoc.fisher_tests(cases, ["coop"], ["urban"]).iloc[0]
    assert row["present_by_level"] == {1: (5, 11), 0: (5, 9)}
    assert row["contrast"] == "odds of presence, 1 vs 0"
    assert row["odds_ratio"] == pytest.approx((5 * 4) / (6 * 5))
    p = stats.fisher_exact([[5, 6], [5, 4]]).pvalue
    assert assoc.describe_fisher(row) == (
        "Coop was coded in 5 of 11 municipalities with urban and 5 of 9 without urban "
        f"(Fisher's exact p = {p:.2f}, BH-adjusted {p:.2f}, odds ratio 0.67): no evidence of an "
        "association at n = 20."
    )


def test_fisher_degenerate_theme_is_noted_not_tested(cases: pd.DataFrame) -> None:
    result = assoc.fisher_tests(cases, ["all", "none"], ["size_class"])
    assert result["p_value"].isna().all()
    assert result["note"].tolist() == [
        "theme present in all 20 cases: no test",
        "theme absent in all 20 cases: no test",
    ]
    assert result["reject_bh"].isna().all()
    assert assoc.describe_fisher(result.iloc[0]) == (
        "No association between all and size class can be tested: theme present in all 20 cases."
    )


def test_fisher_constant_characteristic_and_missing_values(cases: pd.DataFrame) -> None:
    table = cases.assign(one_region=["Oost"] * 20)
    table.loc[["GM0001", "GM0002"], "size_class"] = np.nan
    result = assoc.fisher_tests(table, ["coop"], ["size_class", "one_region"])
    assert result["n"].tolist() == [18, 20]
    assert result.iloc[1]["note"] == "one_region takes a single value (Oost) in these 20 cases: no test"
    # Cases 1 and 2 are small and without the theme: the small row loses two absences.
    assert result.iloc[0]["present_by_level"] == {"large": (7, 10), "small": (3, 8)}


def test_fisher_refuses_continuous_characteristic(cases: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="dichotomise it first"):
        assoc.fisher_tests(cases, ["coop"], ["population_count"])


# ------------------------------------------------------------------------------------------
# Rank correlations
# ------------------------------------------------------------------------------------------

X_NO_TIES = [3.0, 7.0, 1.0, 9.0, 4.0, 10.0, 2.0, 8.0, 5.0, 6.0]
Y_NO_TIES = [2.5, 6.1, 3.3, 8.8, 1.2, 9.9, 0.7, 5.5, 7.4, 4.1]


def _no_ties_table() -> pd.DataFrame:
    return pd.DataFrame({"theme_x_segments": X_NO_TIES, "density": Y_NO_TIES}, index=_codes(len(X_NO_TIES)))


def test_spearman_against_rank_difference_formula() -> None:
    n = len(X_NO_TIES)
    rx = np.argsort(np.argsort(X_NO_TIES)) + 1
    ry = np.argsort(np.argsort(Y_NO_TIES)) + 1
    rho = 1 - 6 * np.sum((rx - ry) ** 2) / (n * (n**2 - 1))
    row = assoc.rank_correlations(_no_ties_table(), ["x"], ["density"], n_boot=200).iloc[0]
    assert row["coefficient"] == pytest.approx(rho, abs=1e-12)
    # By hand: y ranks 3 7 4 9 2 10 1 6 8 5, sum of d^2 = 28, rho = 1 - 168/990.
    assert rho == pytest.approx(1 - 168 / 990, abs=1e-12)
    assert row["n"] == n and row["test"].startswith("Spearman's rho")


def test_kendall_against_pair_counting() -> None:
    pairs = list(itertools.combinations(range(len(X_NO_TIES)), 2))
    sign = [np.sign((X_NO_TIES[i] - X_NO_TIES[j]) * (Y_NO_TIES[i] - Y_NO_TIES[j])) for i, j in pairs]
    tau = sum(sign) / len(pairs)
    row = assoc.rank_correlations(_no_ties_table(), ["x"], ["density"], method="kendall", n_boot=200).iloc[0]
    assert row["coefficient"] == pytest.approx(tau, abs=1e-12)
    assert tau == pytest.approx(29 / 45)
    # Without ties at n = 10 the Kendall p-value is exact; check it by enumerating is too slow
    # (10! orders), so compare with scipy's exact mode explicitly.
    assert row["p_value"] == pytest.approx(stats.kendalltau(X_NO_TIES, Y_NO_TIES, method="exact").pvalue)


def test_bootstrap_is_deterministic_and_matches_scipy(cases: pd.DataFrame) -> None:
    run = lambda seed: assoc.rank_correlations(  # noqa: E731
        cases, ["coop"], ["population_count"], n_boot=500, seed=seed
    ).iloc[0]
    first, again, other = run(11), run(11), run(12)
    assert (first["ci_low"], first["ci_high"]) == (again["ci_low"], again["ci_high"])
    assert (first["ci_low"], first["ci_high"]) != (other["ci_low"], other["ci_high"])
    assert first["ci_low"] < first["coefficient"] < first["ci_high"]
    assert first["n_boot_used"] == 500
    # Recompute the percentile interval the slow way, with scipy on each resample.
    x = cases["theme_coop_segments"].to_numpy(float)
    y = cases["population_count"].to_numpy(float)
    idx = np.random.default_rng(11).integers(0, 20, size=(500, 20))
    boot = [stats.spearmanr(x[i], y[i]).statistic for i in idx]
    low, high = np.quantile(boot, [0.025, 0.975])
    assert first["ci_low"] == pytest.approx(low, abs=1e-12)
    assert first["ci_high"] == pytest.approx(high, abs=1e-12)


def test_bootstrap_skips_constant_resamples() -> None:
    table = pd.DataFrame({"theme_rare_segments": [0] * 19 + [4], "density": np.arange(20.0)}, index=_codes(20))
    row = assoc.rank_correlations(table, ["rare"], ["density"], n_boot=2000, seed=3).iloc[0]
    # A resample misses the one non-zero case with probability (19/20)^20 = 0.358.
    assert 0.58 * 2000 < row["n_boot_used"] < 0.70 * 2000
    assert "resamples" in row["note"]


def test_correlations_pairwise_missing_and_constant(cases: pd.DataFrame) -> None:
    table = cases.copy()
    table.loc[["GM0003", "GM0004", "GM0005"], "population_count"] = np.nan
    table.loc["GM0010", "stedelijkheid_class"] = pd.NA
    result = assoc.rank_correlations(table, ["coop", "none"], ["population_count", "stedelijkheid_class"], n_boot=100)
    assert result["n"].tolist() == [17, 19, 17, 19]
    none_rows = result[result["theme"] == "none"]
    assert none_rows["coefficient"].isna().all()
    assert none_rows["note"].iloc[0] == "theme_none_segments constant in these 17 cases: no coefficient"
    assert (result["n_tests_bh"] == 2).all()
    sentence = assoc.describe_correlation(result.iloc[0])
    assert sentence.startswith("The number of segments coded as coop and population count have")
    assert f"= {result.iloc[0]['coefficient']:.2f}" in sentence and "n = 17" in sentence


# ------------------------------------------------------------------------------------------
# Models
# ------------------------------------------------------------------------------------------


def _logit_mle(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    def nll(b: np.ndarray) -> float:
        eta = x @ b
        return float(np.sum(np.logaddexp(0, eta) - y * eta))

    def grad(b: np.ndarray) -> np.ndarray:
        return x.T @ (1 / (1 + np.exp(-(x @ b))) - y)

    fit = optimize.minimize(nll, np.zeros(x.shape[1]), jac=grad, method="BFGS", options={"gtol": 1e-10})
    p = 1 / (1 + np.exp(-(x @ fit.x)))
    se = np.sqrt(np.diag(np.linalg.inv(x.T @ (x * (p * (1 - p))[:, None]))))
    return fit.x, se


def test_logit_matches_independent_mle(cases: pd.DataFrame) -> None:
    x = np.column_stack([np.ones(20), cases["population_k"], cases["urban"]])
    y = cases["theme_coop_present"].to_numpy(float)
    beta, se = _logit_mle(x, y)
    result = assoc.fit_theme_model(cases, "coop", ["population_k", "urban"], kind="logit")
    coef = result.coefficients
    np.testing.assert_allclose(coef["estimate"], beta, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(coef["std_error"], se, rtol=1e-4)
    np.testing.assert_allclose(coef["ci_low"], beta - 1.959964 * se, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(coef["ratio"], np.exp(beta), rtol=1e-5)
    assert (result.n, result.events, result.n_parameters) == (20, 10, 2)
    assert result.events_per_variable == pytest.approx(5.0)
    assert result.warnings == ["10 events for 2 parameter(s): 5.0 events per variable, below 10"]
    assert result.converged and result.estimable and not result.is_reliable
    # Anchor against silent changes of the fixture: the BFGS optimum above, rounded.
    assert beta[1] == pytest.approx(0.013913, abs=1e-6)

    # Population in persons instead of thousands: the slope scales by exactly 1/1000.
    raw = assoc.fit_theme_model(cases, "coop", ["population_count", "urban"], kind="logit")
    assert raw.coefficients.loc["population_count", "estimate"] == pytest.approx(beta[1] / 1000, rel=1e-5)


def test_logit_single_covariate_is_reliable_and_described(cases: pd.DataFrame) -> None:
    result = assoc.fit_theme_model(cases, "theme_coop_present", "population_k")
    assert result.events_per_variable == pytest.approx(10.0)
    assert result.warnings == [] and result.is_reliable
    sentence = assoc.describe_model(result)
    or_ = result.coefficients.loc["population_k", "ratio"]
    assert sentence.startswith("A logistic regression of coop on population k (n = 20, 10 events, 10.0 per variable)")
    assert f"odds ratio for population k {or_:.2f}" in sentence


def test_poisson_matches_independent_mle_and_flags_overdispersion(cases: pd.DataFrame) -> None:
    x = np.column_stack([np.ones(20), cases["urban"]])
    y = cases["theme_coop_segments"].to_numpy(float)

    def nll(b: np.ndarray) -> float:
        eta = x @ b
        return float(np.sum(np.exp(eta) - y * eta))

    beta = optimize.minimize(nll, np.zeros(2), method="BFGS", options={"gtol": 1e-10}).x
    # Closed form for one binary covariate: log group means.
    means = [y[cases["urban"] == g].mean() for g in (0, 1)]
    np.testing.assert_allclose(beta, [np.log(means[0]), np.log(means[1] / means[0])], rtol=1e-5)
    result = assoc.fit_theme_model(cases, "coop", ["urban"], kind="poisson")
    np.testing.assert_allclose(result.coefficients["estimate"], beta, rtol=1e-5)
    mu = np.exp(x @ beta)
    dispersion = np.sum((y - mu) ** 2 / mu) / 18
    assert result.dispersion == pytest.approx(dispersion, rel=1e-5)
    assert dispersion > 1.5
    assert any(w.startswith("overdispersion: Pearson chi-square / df") for w in result.warnings)
    assert result.events == 10 and not result.is_reliable

    negbin = assoc.fit_theme_model(cases, "coop", ["urban"], kind="negbin")
    assert negbin.estimable and negbin.converged and negbin.negbin_alpha > 0
    # The NB2 mean model with one binary covariate reproduces the group means too.
    np.testing.assert_allclose(negbin.coefficients["ratio"].iloc[1], means[1] / means[0], rtol=1e-3)


def test_complete_separation_is_detected(cases: pd.DataFrame) -> None:
    table = cases.assign(theme_sep_present=(cases["population_k"] > 100).astype(int))
    result = assoc.fit_theme_model(table, "sep", ["population_k"])
    assert not result.is_reliable and not result.estimable
    assert result.warnings[0].startswith("complete separation: population_k")
    assert result.coefficients["estimate"].isna().all()
    assert "could not be estimated: complete separation" in assoc.describe_model(result)


def test_quasi_complete_separation_is_detected(cases: pd.DataFrame) -> None:
    # Every urban case has the theme; rural cases are mixed.
    present = np.where(cases["urban"] == 1, 1, [0, 1] * 10)
    table = cases.assign(theme_q_present=present)
    result = assoc.fit_theme_model(table, "q", ["urban", "population_k"])
    assert any(w.startswith("quasi-complete separation: 11 of 20 cases") for w in result.warnings)
    assert "urban" in result.warnings[0]
    assert not result.is_reliable and result.coefficients["estimate"].isna().all()


def test_statsmodels_separation_warning_is_captured(cases: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    # Switch off the pre-check so that only statsmodels' own PerfectSeparationWarning remains.
    monkeypatch.setattr(assoc, "_detect_separation", lambda *args: None)
    table = cases.assign(theme_sep_present=(cases["population_k"] > 100).astype(int))
    result = assoc.fit_theme_model(table, "sep", ["population_k"])
    assert any("statsmodels reports perfect separation" in w for w in result.warnings)
    assert not result.is_reliable and result.coefficients["estimate"].isna().all()


def test_zero_counts_perfectly_predicted_in_poisson(cases: pd.DataFrame) -> None:
    table = cases.assign(theme_z_segments=np.where(cases["urban"] == 1, 0, np.arange(1, 21)))
    result = assoc.fit_theme_model(table, "z", ["urban"], kind="poisson")
    assert result.warnings[0].startswith("zero counts perfectly predicted: 11 zero-count case(s)")
    assert not result.estimable


def test_low_events_per_variable_warning(cases: pd.DataFrame) -> None:
    present = [0] * 20
    for i in (2, 7, 11, 16):
        present[i] = 1
    result = assoc.fit_theme_model(cases.assign(theme_r_present=present), "r", ["population_k"])
    assert result.events == 4
    assert result.warnings == ["4 events for 1 parameter(s): 4.0 events per variable, below 10"]
    assert result.estimable and np.isfinite(result.coefficients["estimate"]).all()
    assert "not reliable (4 events for 1 parameter(s)" in assoc.describe_model(result)


def test_more_than_two_covariates_raises(cases: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="one or two covariates"):
        assoc.fit_theme_model(cases, "coop", ["population_k", "urban", "stedelijkheid_class"])


def test_constant_covariate_is_flagged(cases: pd.DataFrame) -> None:
    table = cases.assign(region=["Oost"] * 20)
    result = assoc.fit_theme_model(table, "coop", ["population_k", "region"])
    assert result.warnings[0] == ("covariate region is constant in these 20 cases: its effect cannot be estimated")
    assert np.isnan(result.coefficients.loc["region", "estimate"])
    single = assoc.fit_theme_model(table, "coop", ["population_k"])
    assert result.coefficients.loc["population_k", "estimate"] == pytest.approx(
        single.coefficients.loc["population_k", "estimate"]
    )
    assert not result.is_reliable


def test_model_missing_values_and_categorical_dummies(cases: pd.DataFrame) -> None:
    table = cases.copy()
    table.loc["GM0005", "stedelijkheid_class"] = pd.NA
    result = assoc.fit_theme_model(table, "coop", ["size_class"], kind="poisson")
    assert list(result.coefficients.index) == ["Intercept", "size_class[small]"]
    assert result.n == 20
    result = assoc.fit_theme_model(table, "coop", ["stedelijkheid_class"], kind="poisson")
    assert result.n == 19


def test_outcome_without_variation_is_not_estimable(cases: pd.DataFrame) -> None:
    result = assoc.fit_theme_model(cases, "all", ["population_k"])
    assert result.warnings == ["outcome is 1 in all 20 cases: no variation, not estimable"]
    assert result.coefficients["estimate"].isna().all() and not result.is_reliable


# ------------------------------------------------------------------------------------------
# Crisp-set QCA
# ------------------------------------------------------------------------------------------


@pytest.fixture
def crisp() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "A": [1, 1, 1, 1, 0, 0, 0, 0, 1, 1],
            "B": [1, 1, 0, 0, 1, 1, 0, 0, 1, np.nan],
            "Y": [1, 1, 1, 0, 1, 0, 0, 0, 1, 1],
        },
        index=_codes(10),
    )


def test_truth_table_hand_worked(crisp: pd.DataFrame) -> None:
    tt = assoc.truth_table(crisp, ["A", "B"], "Y")
    # Case 10 misses B and drops out: nine cases, five with Y.
    assert tt.attrs["dropped"] == ["GM0010"] and tt.attrs["n"] == 9 and tt.attrs["n_outcome"] == 5
    rows = {(r.A, r.B): r for r in tt.itertuples()}
    assert rows[(1, 1)].n_cases == 3 and rows[(1, 1)].consistency == 1.0
    assert rows[(1, 1)].raw_coverage == pytest.approx(3 / 5)
    assert rows[(1, 1)].cases == ["GM0001", "GM0002", "GM0009"]
    assert rows[(1, 0)].consistency == 0.5 and rows[(1, 0)].contradictory
    assert rows[(0, 1)].raw_coverage == pytest.approx(1 / 5)
    assert rows[(0, 0)].consistency == 0.0 and not rows[(0, 0)].contradictory
    assert tt["outcome_assigned"].tolist() == [1, 0, 0, 0]
    assert (tt["n"] == 9).all()
    assert assoc.describe_truth_table(tt) == (
        "The 9 cases fall into 4 of the 4 possible configurations of 2 conditions; "
        "1 configuration(s) reach consistency 0.8 for Y, covering 3 of 5 positive cases, and "
        "2 configuration(s) are contradictory."
    )


def test_truth_table_remainders(crisp: pd.DataFrame) -> None:
    table = crisp.assign(C=[1] * 10)
    tt = assoc.truth_table(table, ["A", "B", "C"], "Y", include_remainders=True)
    assert len(tt) == 8
    remainders = tt[tt["n_cases"] == 0]
    assert len(remainders) == 4 and remainders["outcome_assigned"].isna().all()


def test_sufficiency_hand_worked(crisp: pd.DataFrame) -> None:
    a = assoc.sufficiency(crisp, "A", "Y")
    # |A| = 6 with Y in 5, but case 10 misses B only, so it stays in for A alone.
    assert (a.n, a.n_condition, a.n_both, a.n_outcome) == (10, 6, 5, 6)
    assert a.consistency == pytest.approx(5 / 6) and a.coverage == pytest.approx(5 / 6)
    a_not_b = assoc.sufficiency(crisp, ["A", "~B"], "Y")
    assert a_not_b.expression == "A*~B" and a_not_b.n == 9
    assert (a_not_b.consistency, a_not_b.coverage) == (0.5, 0.2)
    assert a_not_b.cases_consistent == ["GM0003"] and a_not_b.cases_inconsistent == ["GM0004"]
    assert assoc.describe_sufficiency(a_not_b) == (
        "1 of the 2 cases with A*~B show Y (consistency 0.50), covering 1 of the 5 cases with Y "
        "(coverage 0.20); this falls short of the 0.8 threshold for sufficiency among these 9 cases."
    )


def test_dichotomise_records_threshold() -> None:
    values = pd.Series([10.0, 20.0, 30.0, 40.0, np.nan, 60.0], name="population_count")
    crisp, record = assoc.dichotomise(values)
    assert record.threshold == 30.0 and record.basis == "median"
    assert crisp.tolist() == [0, 0, 0, 1, pd.NA, 1]
    assert record.describe() == "population_count > 30 (median): 1 in 2 of 5 cases"
    crisp, record = assoc.dichotomise(values, threshold=30, rule=">=")
    assert crisp.tolist() == [0, 0, 1, 1, pd.NA, 1] and record.basis == "stated threshold"


# ------------------------------------------------------------------------------------------
# Figures
# ------------------------------------------------------------------------------------------


def test_figures_render(cases: pd.DataFrame, crisp: pd.DataFrame, tmp_path) -> None:
    fisher = assoc.fisher_tests(cases, ["coop", "all"], ["size_class", "province_name"])
    corr = assoc.rank_correlations(cases, ["coop", "none"], ["population_count"], n_boot=200)
    tt = assoc.truth_table(crisp, ["A", "B"], "Y", include_remainders=True)
    for name, fig in {
        "fisher": plot_fisher_pvalues(fisher),
        "forest": plot_rank_correlations(corr),
        "truth": plot_truth_table(tt),
    }.items():
        assert isinstance(fig, Figure)
        fig.savefig(tmp_path / f"{name}.png", dpi=60)
        assert (tmp_path / f"{name}.png").stat().st_size > 1000
    assert len(plot_truth_table(tt).axes) == 2
    assert math.isclose(plot_rank_correlations(corr).axes[0].get_xlim()[0], -1.05)
