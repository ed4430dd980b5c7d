"""Small models against independent maximum-likelihood and penalised-likelihood computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats
from stats_cases import codes, twenty_cases

from analysis.stats import firth, models
from analysis.stats.notes import Note
from analysis.stats.notes import codes as note_codes


@pytest.fixture
def cases() -> pd.DataFrame:
    return twenty_cases()


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


def _penalised_nll(b: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """Minus Firth's penalised log-likelihood, written out here independently of the module."""
    eta = x @ b
    p = 1 / (1 + np.exp(-eta))
    information = x.T @ (x * (p * (1 - p))[:, None])
    with np.errstate(divide="ignore", over="ignore"):
        return -float(np.sum(y * eta - np.logaddexp(0, eta)) + 0.5 * np.log(np.linalg.det(information)))


def test_logit_matches_independent_mle(cases: pd.DataFrame) -> None:
    x = np.column_stack([np.ones(20), cases["population_k"], cases["urban"]])
    y = cases["theme_coop_present"].to_numpy(float)
    beta, se = _logit_mle(x, y)
    result = models.fit_theme_model(cases, "coop", ["population_k", "urban"], kind="logit")
    coef = result.coefficients
    np.testing.assert_allclose(coef["estimate"], beta, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(coef["std_error"], se, rtol=1e-4)
    np.testing.assert_allclose(coef["ci_low"], beta - 1.959964 * se, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(coef["ratio"], np.exp(beta), rtol=1e-5)
    assert (result.n, result.events, result.n_parameters) == (20, 10, 2)
    assert result.events_per_variable == pytest.approx(5.0)
    assert result.notes[0] == Note("low_epv", {"events": 10, "n_parameters": 2, "epv": 5.0, "min_epv": 10.0})
    assert result.test == "logit_ml" and result.ratio == "odds_ratio"
    assert result.converged and result.estimable and not result.is_reliable
    # Few events per variable: Firth's fit beside the ML fit.
    assert note_codes(result.notes) == ["low_epv", "firth_used"]
    assert result.firth is not None and result.firth.test == "logit_firth"
    assert beta[1] == pytest.approx(0.013913, abs=1e-6)
    raw = models.fit_theme_model(cases, "coop", ["population_count", "urban"], kind="logit")
    assert raw.coefficients.loc["population_count", "estimate"] == pytest.approx(beta[1] / 1000, rel=1e-5)


def test_logit_single_covariate_is_reliable(cases: pd.DataFrame) -> None:
    result = models.fit_theme_model(cases, "theme_coop_present", "population_k")
    assert result.events_per_variable == pytest.approx(10.0)
    assert result.notes == [] and result.is_reliable and result.firth is None


def test_firth_equals_haldane_corrected_log_odds_ratio_under_separation() -> None:
    # One binary covariate: Firth's estimate is the log odds ratio of the 2x2 table with 1/2
    # added to every cell (a known closed form). Here x = 1 has 5 events and no non-event:
    # quasi-complete separation, no ML estimate.
    x = [1] * 5 + [0] * 10
    y = [1] * 5 + [1] * 2 + [0] * 8
    table = pd.DataFrame({"exposed": x, "theme_s_present": y}, index=codes(15))
    result = models.fit_theme_model(table, "s", ["exposed"])
    assert note_codes(result.notes) == ["quasi_complete_separation", "firth_used"]
    assert result.notes[1].values == {"reason": "separation"}
    assert result.coefficients["estimate"].isna().all()
    penalised = result.firth
    assert penalised.estimable and penalised.converged
    assert penalised.coefficients.loc["exposed", "estimate"] == pytest.approx(np.log(5.5 * 8.5 / (0.5 * 2.5)), abs=1e-7)
    assert penalised.coefficients.loc["Intercept", "estimate"] == pytest.approx(np.log(2.5 / 8.5), abs=1e-7)
    assert penalised.coefficients.loc["exposed", "ci_low"] > 0 and np.isfinite(penalised.coefficients["ci_high"]).all()


def test_firth_fit_and_profile_interval_against_direct_optimisation(cases: pd.DataFrame) -> None:
    table = cases.assign(theme_sep_present=(cases["population_k"] > 100).astype(int))
    result = models.fit_theme_model(table, "sep", ["population_k"])
    assert note_codes(result.notes)[0] == "complete_separation"
    assert not result.estimable and result.firth is not None
    x = np.column_stack([np.ones(20), cases["population_k"] / 100])
    y = table["theme_sep_present"].to_numpy(float)
    options = {"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000}
    direct = optimize.minimize(_penalised_nll, np.zeros(2), args=(x, y), method="Nelder-Mead", options=options)
    slope = result.firth.coefficients.loc["population_k", "estimate"] * 100
    assert slope == pytest.approx(direct.x[1], rel=1e-5)
    # Profile interval: where 2 (l*max - l*profile) = chi2(0.95, 1), from scipy alone.
    cutoff = stats.chi2.ppf(0.95, 1) / 2

    def profile(b1: float) -> float:
        inner = optimize.minimize_scalar(
            lambda b0: _penalised_nll(np.array([b0, b1]), x, y),
            bounds=(-1.2 * b1 - 20, 20),
            method="bounded",
            options={"xatol": 1e-10},
        )
        return -inner.fun

    top = -direct.fun
    low = optimize.brentq(lambda b: profile(b) - (top - cutoff), 0.0, direct.x[1])
    high = optimize.brentq(lambda b: profile(b) - (top - cutoff), direct.x[1], direct.x[1] + 150)
    ci = result.firth.coefficients.loc["population_k", ["ci_low", "ci_high"]].to_numpy() * 100
    np.testing.assert_allclose(ci, [low, high], rtol=1e-4)
    # Penalised likelihood-ratio p of the slope.
    p = stats.chi2.sf(2 * (top - profile(0.0)), 1)
    assert result.firth.coefficients.loc["population_k", "p_value"] == pytest.approx(p, rel=1e-4)


def test_firth_module_on_a_design_without_separation_is_close_to_but_shrunk_from_mle(cases: pd.DataFrame) -> None:
    x = np.column_stack([np.ones(20), (cases["population_k"] - 100) / 100])
    y = cases["theme_coop_present"].to_numpy(float)
    mle, _ = _logit_mle(x, y)
    fit = firth.firth_logit(x, y)
    assert fit.converged and abs(fit.estimate[1]) < abs(mle[1])
    assert fit.ci_low[1] < fit.estimate[1] < fit.ci_high[1]


def test_poisson_matches_independent_mle_and_flags_overdispersion(cases: pd.DataFrame) -> None:
    x = np.column_stack([np.ones(20), cases["urban"]])
    y = cases["theme_coop_segments"].to_numpy(float)

    def nll(b: np.ndarray) -> float:
        eta = x @ b
        return float(np.sum(np.exp(eta) - y * eta))

    beta = optimize.minimize(nll, np.zeros(2), method="BFGS", options={"gtol": 1e-10}).x
    means = [y[cases["urban"] == g].mean() for g in (0, 1)]
    np.testing.assert_allclose(beta, [np.log(means[0]), np.log(means[1] / means[0])], rtol=1e-5)
    result = models.fit_theme_model(cases, "coop", ["urban"], kind="poisson")
    np.testing.assert_allclose(result.coefficients["estimate"], beta, rtol=1e-5)
    mu = np.exp(x @ beta)
    dispersion = np.sum((y - mu) ** 2 / mu) / 18
    assert result.dispersion == pytest.approx(dispersion, rel=1e-5) and dispersion > 1.5
    assert "overdispersion" in note_codes(result.notes)
    assert result.events == 10 and not result.is_reliable and result.ratio == "rate_ratio"
    negbin = models.fit_theme_model(cases, "coop", ["urban"], kind="negbin")
    assert negbin.estimable and negbin.converged and negbin.negbin_alpha > 0
    np.testing.assert_allclose(negbin.coefficients["ratio"].iloc[1], means[1] / means[0], rtol=1e-3)


def test_negbin_covariance_failure_is_a_note_not_an_exception() -> None:
    # Counts alternating 1, 2: underdispersed, the NB alpha runs to zero and statsmodels cannot
    # invert the Hessian; cov_params() then raised ValueError out of the old fit_theme_model.
    table = pd.DataFrame(
        {"theme_u_segments": [1, 2] * 10, "spread": np.roll(np.linspace(-1, 1, 20), 1)}, index=codes(20)
    )
    result = models.fit_theme_model(table, "u", ["spread"], kind="negbin")
    assert result.notes[0].code == "fit_failed"
    assert result.notes[0].values["stage"] == "covariance" and result.notes[0].values["error"] == "ValueError"
    assert not result.estimable and result.coefficients["estimate"].isna().all()


def test_statsmodels_separation_warning_is_captured(cases: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    # Switch off the pre-check so that only statsmodels' own PerfectSeparationWarning remains.
    monkeypatch.setattr(models, "detect_separation", lambda *args: None)
    table = cases.assign(theme_sep_present=(cases["population_k"] > 100).astype(int))
    result = models.fit_theme_model(table, "sep", ["population_k"], firth=False)
    assert "separation_reported" in note_codes(result.notes)
    assert not result.is_reliable and result.coefficients["estimate"].isna().all()


def test_separation_notes_name_the_terms(cases: pd.DataFrame) -> None:
    table = cases.assign(theme_sep_present=(cases["population_k"] > 100).astype(int))
    result = models.fit_theme_model(table, "sep", ["population_k"], firth=False)
    assert result.notes == [Note("complete_separation", {"terms": ["population_k"], "n": 20})]
    present = np.where(cases["urban"] == 1, 1, [0, 1] * 10)
    result = models.fit_theme_model(cases.assign(theme_q_present=present), "q", ["urban", "population_k"])
    note = result.notes[0]
    assert note.code == "quasi_complete_separation" and note.values["n_predicted"] == 11
    assert "urban" in note.values["terms"]


def test_zero_counts_perfectly_predicted_in_poisson(cases: pd.DataFrame) -> None:
    table = cases.assign(theme_z_segments=np.where(cases["urban"] == 1, 0, np.arange(1, 21)))
    result = models.fit_theme_model(table, "z", ["urban"], kind="poisson")
    assert result.notes[0] == Note("zero_counts_predicted", {"terms": ["urban"], "n_predicted": 11})
    assert not result.estimable and result.firth is None


def test_more_than_two_covariates_raises(cases: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="one or two covariates"):
        models.fit_theme_model(cases, "coop", ["population_k", "urban", "stedelijkheid_class"])


def test_constant_covariate_is_noted_and_left_out(cases: pd.DataFrame) -> None:
    table = cases.assign(region=["Oost"] * 20)
    result = models.fit_theme_model(table, "coop", ["population_k", "region"])
    assert result.notes[0] == Note("covariate_constant", {"covariate": "region", "n": 20})
    assert np.isnan(result.coefficients.loc["region", "estimate"])
    single = models.fit_theme_model(table, "coop", ["population_k"])
    assert result.coefficients.loc["population_k", "estimate"] == pytest.approx(
        single.coefficients.loc["population_k", "estimate"]
    )


def test_model_missing_values_and_categorical_dummies(cases: pd.DataFrame) -> None:
    table = cases.copy()
    table.loc["GM0005", "stedelijkheid_class"] = pd.NA
    result = models.fit_theme_model(table, "coop", ["size_class"], kind="poisson")
    assert list(result.coefficients.index) == ["Intercept", "size_class[small]"] and result.n == 20
    assert models.fit_theme_model(table, "coop", ["stedelijkheid_class"], kind="poisson").n == 19


def test_outcome_without_variation_is_not_estimable(cases: pd.DataFrame) -> None:
    result = models.fit_theme_model(cases, "all", ["population_k"])
    assert result.notes == [Note("outcome_constant", {"value": 1, "n": 20})]
    assert result.coefficients["estimate"].isna().all() and result.firth is None
